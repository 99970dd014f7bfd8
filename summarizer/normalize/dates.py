"""Date expressions at a token: the readers of absolute, relative and period dates in turn,
then a bare year, with the deadline cue before them («حتى الخميس», «بحلول نهاية 2026»)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from summarizer.normalize import timeline
from summarizer.normalize.absolute import Core, explicit_date, numeric_date
from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.periods import bare_year, coming_period, part_of, period, year_word
from summarizer.normalize.relative import ago, day_time_date, relative_day, weekday_date
from summarizer.normalize.vocab import AT_LEAST, DATE_CUES, PART_WORDS, has_stem_in

_CUES = index_phrases(DATE_CUES)
END_OF_CUES = frozenset({"by the end of", "no later than the end of"})

_CORES: tuple[Callable[[Ctx, int], Core | None], ...] = (
    numeric_date,
    ago,
    weekday_date,
    relative_day,
    day_time_date,
    explicit_date,
    part_of,
    coming_period,
    year_word,
    period,
)


def _core(ctx: Ctx, j: int, cue: bool) -> Core | None:
    for parse in _CORES:
        core = parse(ctx, j)
        if core is not None:
            return core
    return bare_year(ctx, j, cue)


def parse_date(ctx: Ctx, i: int) -> Hit | None:
    """A date at token ``i``, with its deadline cue when one precedes it."""
    cue = ctx.phrase(i, _CUES, conj=True)
    if cue is not None and ctx.joins(cue[1]):
        qualifier, j, lead = cue
        # «بحلول نهاية العام», «بنهاية العام»: a part of the current year
        after_part = has_stem_in(PART_WORDS, ctx.word(j - 1))
        core = (period(ctx, j, plain=True) if after_part else None) or _core(ctx, j, cue=True)
        if core is not None and not core.skip:
            if core.weekday is not None:
                iso, rel = timeline.resolve_weekday(ctx.published, core.weekday, timeline.ONWARD)
                core = replace(core, iso=iso, relative=rel)
            end, written = core.end, None
            if qualifier == "until" and _at_least(ctx, end):
                qualifier, end = "at least until", end + len(AT_LEAST)
            if qualifier in END_OF_CUES and core.iso is not None and len(core.iso) == 4:
                # «بنهاية 2026»: the end of a year is its last month, no more precise.
                written, core = core.iso, replace(core, iso=f"{core.iso}-12")
            return _hit(i, lead, core, end, qualifier, written)
    core = _core(ctx, i, cue=False)
    if core is None:
        return None
    if core.skip:
        return Hit("skip", i, core.end)
    return _hit(i, core.lead, core, core.end, None)


def _at_least(ctx: Ctx, k: int) -> bool:
    return all(ctx.joins(k + n) and ctx.word(k + n) == word for n, word in enumerate(AT_LEAST))


def _hit(
    start: int, lead: int, core: Core, end: int, qualifier: str | None, written: str | None = None
) -> Hit:
    return Hit(
        kind="date",
        start=start,
        end=end,
        lead=lead,
        date=core.iso,
        qualifier=qualifier,
        relative=core.relative,
        value=core.value,
        unit=core.unit,
        part=core.part,
        coming=core.coming,
        written=written,
    )
