"""Years and periods: «عام 2026», bare years and year ranges («منذ 2011», «2014-2018»),
«العام الماضي», «هذا العام», parts («منتصف شباط», «أواخر العام») and «الأسابيع المقبلة»."""

from __future__ import annotations

from dataclasses import replace

from summarizer.normalize import timeline
from summarizer.normalize.absolute import (
    Core,
    definite,
    modifier,
    month_ref,
    prev_word,
    year_after,
    year_num,
)
from summarizer.normalize.amounts import parse_amount
from summarizer.normalize.context import Ctx, index_phrases
from summarizer.normalize.units import is_reference
from summarizer.normalize.vocab import (
    CURRENT,
    NEXT,
    PART_WORDS,
    PERCENT_WORDS,
    PERIOD_NOUNS,
    THIS_WORDS,
    UNIT_NOUNS,
    WEAK_PART_WORDS,
    YEAR_PREPS,
    YEAR_WORDS,
    fold,
    lookup,
)
from summarizer.normalize.written import written_words

_PARTS = dict.fromkeys(PART_WORDS, True)
_YEAR_WORDS = dict.fromkeys(YEAR_WORDS, True)
_YEAR_PREPS = dict.fromkeys(YEAR_PREPS, True)
_MIN = fold("من")
_RANGE_LINKS = frozenset(("-", "/", "و", fold("إلى"), fold("حتى")))
_PLAUSIBLE_YEARS = (1945, 2040)
_PERCENT = index_phrases(PERCENT_WORDS)


def period(ctx: Ctx, j: int, plain: bool = False) -> Core | None:
    """«العام الماضي», «الشهر الجاري», «هذا العام», «الأسبوع المقبل»."""
    k, lead = j, 0
    this = lookup(dict.fromkeys(THIS_WORDS, True), ctx.word(j))
    if this is not None and ctx.joins(j + 1):
        k, lead = j + 1, this[1]
    noun = definite(PERIOD_NOUNS, ctx.word(k), clitics=k == j)
    if noun is None:
        return None
    if k == j:
        lead = noun[1]
    end = k + 1
    mod = modifier(ctx, end)
    if mod is not None:
        end += 1
    elif this is not None or plain:
        mod = CURRENT
    else:
        return None
    if year_num(ctx, end) is not None:
        return None
    value, relative = timeline.resolve_period(ctx.published, noun[0], mod)
    return Core(end, value, relative, lead)


def year_word(ctx: Ctx, j: int) -> Core | None:
    """«عام 2026», «في العام 2017», «لعام 2025», «سنة 2020»."""
    found = lookup(_YEAR_WORDS, ctx.word(j), art=True)
    if found is None or not ctx.joins(j + 1):
        return None
    year = year_num(ctx, j + 1)
    if year is None and ctx.kind(j + 1) == "word":  # «عام ألفين وأربعة عشر»
        amount = parse_amount(ctx, j + 1, clitics=False)
        if amount is not None and amount.value.is_integer() and 1900 <= amount.value <= 2100:
            year = int(amount.value), amount.end
    return Core(year[1], f"{year[0]:04d}", lead=found[1]) if year else None


def part_of(ctx: Ctx, j: int) -> Core | None:
    """«منتصف آب أغسطس», «مطلع 2025», «أواخر العام الماضي», «نهاية الشهر»."""
    found = lookup(_PARTS, ctx.word(j), prep=True)
    if found is None or not ctx.joins(j + 1):
        return None
    k = j + 1
    core: Core | None
    m = month_ref(ctx, k, clitics=False)
    if m is not None:
        year = year_after(ctx, m.end)
        if year is not None:
            core = Core(year[1], timeline.iso(year[0], m.month))
        else:
            mod = modifier(ctx, m.end)
            value, relative = timeline.resolve_month(ctx.published, m.month, None, mod)
            core = Core(m.end + 1 if mod else m.end, value, relative)
    else:
        core = period(ctx, k, plain=True)
        if core is None and ctx.word(j)[found[1] :] not in WEAK_PART_WORDS:
            core = year_word(ctx, k) or bare_year(ctx, k, cue=True)
    part = written_words().parts.get(ctx.word(j)[found[1] :])
    return replace(core, lead=found[1], part=part) if core else None


def coming_period(ctx: Ctx, j: int) -> Core | None:
    """«الأسابيع المقبلة», «خلال الأشهر القليلة القادمة»: the coming days, weeks or months.

    Its ISO value is the period it starts in, from publication: the publication month for
    days and weeks, the publication year for months and years (None without a date).
    """
    words = written_words()
    found = lookup(words.coming_nouns, ctx.word(j), prep=True)
    if found is None:
        return None
    unit, lead = found
    end = j + 1
    if ctx.joins(end) and ctx.word(end) in words.coming_few:
        end += 1
    if modifier(ctx, end) != NEXT:
        return None
    value = None
    if ctx.published is not None:
        day = ctx.published.isoformat()
        value = day[:7] if unit in ("days", "weeks") else day[:4]
    return Core(end + 1, value, ctx.published is not None, lead, coming=unit)


def bare_year(ctx: Ctx, j: int, cue: bool) -> Core | None:
    """A bare year: after a cue or preposition («في 2019», «منذ 2011»), in a year range
    («2014-2018»), or a plausible recent year with no counted noun after it."""
    year = year_num(ctx, j)
    if year is None or is_reference(ctx, j):
        return None
    end = year[1]
    allowed = (
        cue
        or _PLAUSIBLE_YEARS[0] <= year[0] <= _PLAUSIBLE_YEARS[1]
        or lookup(_YEAR_PREPS, prev_word(ctx, j), prep=False) is not None
    )
    if not allowed and ctx.joins(j) and ctx.word(j - 1) in _RANGE_LINKS:
        allowed = year_num(ctx, j - 2) is not None
    if not allowed and ctx.joins(end) and ctx.word(end) in _RANGE_LINKS:
        allowed = ctx.joins(end + 1) and year_num(ctx, end + 1) is not None
    if not allowed:
        return None
    if ctx.joins(end) and (
        lookup(UNIT_NOUNS, ctx.word(end), conj=False, prep=False) is not None
        or ctx.word(end) == _MIN
        or ctx.phrase(end, _PERCENT, conj=False) is not None
    ):
        return None
    return Core(end, f"{year[0]:04d}")
