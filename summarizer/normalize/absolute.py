"""Dates written with a month or in digits: «14 آذار الماضي», «الخامس من تشرين الثاني»,
«مارس عام ٢٠٣١», «October 26, 2024», 2025/11/8; and the pieces other date readers share."""

from __future__ import annotations

from dataclasses import dataclass, replace

from summarizer.normalize import timeline
from summarizer.normalize.context import Ctx, index_phrases
from summarizer.normalize.vocab import (
    AMBIGUOUS_MONTHS,
    CURRENT,
    EVENT_NAME_WORDS,
    HIJRI_MONTHS,
    MODIFIERS,
    MONTH_NAMES,
    ORDINAL_DAYS,
    PERIOD_NOUNS,
    THIS_WORDS,
    YEAR_PREPS,
    YEAR_WORDS,
    fold,
    lookup,
    span_lead,
    stems,
)

_MONTHS = index_phrases(MONTH_NAMES)
_ORDINALS = index_phrases(ORDINAL_DAYS)
_SHAHR = {fold("شهر"): True}
_MIN = fold("من")
_TIME_PREPS = dict.fromkeys(YEAR_PREPS, True)
_EVERY = fold("كل")
_COMMAS = frozenset((",", "،"))
_SEPARATORS = frozenset(("/", "(", "-", "،", ","))
_DAY_LINKS = frozenset(("-", "و", fold("إلى"), fold("حتى")))
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_ORDINAL_HEADS = {
    fold(w): w for w in ("أسبوع", "شهر", "عام", "سنة", "ربع", "فصل", "نصف", "موسم", "جزء")
}


@dataclass(frozen=True, slots=True)
class Core:
    """A date expression without its cue."""

    end: int
    iso: str | None
    relative: bool = False
    lead: int = 0
    value: float | None = None
    unit: str | None = None
    skip: bool = False
    weekday: int | None = None  # set for a bare weekday, re-resolved after a cue
    part: str | None = None  # the part of the period as written: "mid", "end", "summer", ...
    coming: str | None = None  # «الأسابيع المقبلة»: "days", "weeks", "months" or "years"


@dataclass(frozen=True, slots=True)
class MonthRef:
    """A month name (possibly doubled: «أيلول/سبتمبر», «شباط فبراير»)."""

    month: int
    end: int
    lead: int
    sure: bool


def year_num(ctx: Ctx, k: int) -> tuple[int, int] | None:
    """A four-digit year (1800..2100) at ``k``, with an optional glued «م»."""
    value = ctx.integer(k)
    if value is None or len(ctx.word(k)) != 4 or not 1800 <= value <= 2100:
        return None
    end = k + 1
    if ctx.glued(end) and ctx.word(end) == "م":
        end += 1
    return value, end


def year_after(ctx: Ctx, k: int, comma: bool = False) -> tuple[int, int] | None:
    """The year after a month: «أيلول 2025», «مارس عام ٢٠٣١», «2, 2024»."""
    if comma and ctx.joins(k) and ctx.word(k) in _COMMAS:
        k += 1
    if ctx.joins(k) and ctx.word(k) == _MIN and ctx.word(k + 1) in YEAR_WORDS:
        k += 1
    if ctx.joins(k) and ctx.word(k) in YEAR_WORDS:
        k += 1
    return year_num(ctx, k) if ctx.joins(k) else None


def month_ref(ctx: Ctx, j: int, clitics: bool) -> MonthRef | None:
    """A month name at ``j``, optionally after «شهر» and doubled with a second name."""
    k, lead, sure = j, 0, False
    shahr = lookup(_SHAHR, ctx.word(j), conj=clitics, prep=clitics)
    if shahr is not None and ctx.joins(j + 1):
        k, lead, sure, clitics = j + 1, shahr[1], True, False
    found = ctx.phrase(k, _MONTHS, conj=clitics, prep=clitics)
    if found is None:
        return None
    month, end, plen = found
    if k == j:
        lead = plen
    if ctx.word(end - 1).isascii() and ctx.word(end) == "." and ctx.glued(end):
        end += 1  # «Oct. 27, 2024»
    sure = sure or end - k > 1 or ctx.word(k)[plen:] not in AMBIGUOUS_MONTHS
    sure = sure or _after_time_preposition(ctx, j)  # «في مارس»: no verb follows «في»
    for gap in (0, 1):
        probe = end + gap
        if gap and not (ctx.joins(end) and ctx.word(end) in _SEPARATORS):
            continue
        second = ctx.phrase(probe, _MONTHS, conj=False) if ctx.joins(probe) else None
        if second is not None and second[0] == month:
            end, sure = second[1], True
            if ctx.word(probe - 1) == "(" and ctx.word(end) == ")":
                end += 1
            break
    return MonthRef(month, end, lead, sure)


def _after_time_preposition(ctx: Ctx, j: int) -> bool:
    """Whether the word before ``j`` is a preposition of time («في», «وفي», «منذ», «خلال»)."""
    return lookup(_TIME_PREPS, prev_word(ctx, j), conj=True, prep=False) is not None


def _day(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A day of month in digits: «27», «26th»."""
    value = ctx.integer(j)
    if value is None or len(ctx.word(j)) > 2 or not 1 <= value <= 31:
        return None
    end = j + 1
    if ctx.glued(end) and ctx.word(end) in _ORDINAL_SUFFIXES:
        end += 1
    return value, end


def definite(table: dict[str, str], word: str, clitics: bool) -> tuple[str, int] | None:
    """Look up a noun that must carry the article: «العام», «والشهر», «للعام»."""
    for stem, plen, had_art in stems(word, clitics, clitics, art=True):
        if had_art and stem in table:
            return table[stem], span_lead(plen, had_art)
    return None


def modifier(ctx: Ctx, k: int) -> str | None:
    """The relative word at ``k`` («الماضي», «المقبل», «الجاري») as past, next or current."""
    return MODIFIERS.get(ctx.word(k)) if ctx.joins(k) else None


def prev_word(ctx: Ctx, j: int) -> str:
    """The token before ``j`` when ``j`` continues it on the same line, else ""."""
    return ctx.word(j - 1) if ctx.joins(j) else ""


def numeric_date(ctx: Ctx, j: int) -> Core | None:
    """2025/11/8, 2025-11-08, ٠٣/١٠/٢٠٢٥ (DD/MM/YYYY), 8-11-2025."""
    if ctx.kind(j) != "ndate":
        return None
    text = ctx.word(j)
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts[0]) == 4:
        year, month, day = (int(p) for p in parts)
    elif len(parts[2]) == 4:
        day, month, year = (int(p) for p in parts)
    else:
        return None
    value = timeline.iso(year, month, day) if 1800 <= year <= 2100 else None
    return Core(j + 1, value) if value else None


def _finish(ctx: Ctx, start: int, day: int | None, m: MonthRef) -> Core | None:
    """Complete «day month» / «month» with a year, a modifier, or the publication date."""
    year = year_after(ctx, m.end)
    if year is not None:
        value = timeline.iso(year[0], m.month, day)
        return Core(year[1], value) if value else None
    if _every_year_after(ctx, m.end):
        return Core(m.end + 3, None, skip=True)  # «في مارس من كل عام»: every year, no date
    relative_year = _relative_year_after(ctx, m.end)
    if relative_year is not None:
        year_iso, end = relative_year
        value = timeline.iso(int(year_iso), m.month, day) if year_iso else None
        return Core(end, value, value is not None)
    mod = modifier(ctx, m.end)
    end = m.end + 1 if mod else m.end
    if mod is None and day is None and not m.sure:
        return None
    if mod is None and day is not None:
        prev = prev_word(ctx, start)
        if lookup(dict.fromkeys(EVENT_NAME_WORDS, True), prev, art=True) is not None:
            return Core(end, None, skip=True)
    value, relative = timeline.resolve_month(ctx.published, m.month, day, mod)
    return Core(end, value, relative)


def _every_year_after(ctx: Ctx, k: int) -> bool:
    """«من كل عام», «من كل سنة» after a month: a yearly date, not one date."""
    if not all(ctx.joins(k + n) for n in range(3)) or ctx.word(k) != _MIN:
        return False
    return ctx.word(k + 1) == _EVERY and ctx.word(k + 2) in YEAR_WORDS


def _relative_year_after(ctx: Ctx, k: int) -> tuple[str | None, int] | None:
    """«من العام الحالي», «من العام المقبل», «من هذا العام» after a month: the year the month
    is of (None without a publication date), and where the phrase ends."""
    if not (ctx.joins(k) and ctx.word(k) == _MIN and ctx.joins(k + 1)):
        return None
    this = ctx.word(k + 1) in THIS_WORDS and ctx.joins(k + 2)
    noun = k + 2 if this else k + 1
    found = definite(PERIOD_NOUNS, ctx.word(noun), clitics=False)
    if found is None or found[0] != "year":
        return None
    mod = CURRENT if this else modifier(ctx, noun + 1)
    if mod is None:
        return None
    year, _ = timeline.resolve_period(ctx.published, "year", mod)
    return year, noun + (1 if this else 2)


def _day_of_month_period(ctx: Ctx, k: int, day: int) -> Core | None:
    """«الرابع عشر من الشهر الجاري», «5 من الشهر الماضي»: a day of a relative month."""
    if not ctx.joins(k) or definite(PERIOD_NOUNS, ctx.word(k), clitics=False) != ("month", 0):
        return None
    mod = modifier(ctx, k + 1)
    if mod is None:
        return None
    month, relative = timeline.resolve_period(ctx.published, "month", mod)
    value = timeline.iso(int(month[:4]), int(month[5:]), day) if month else None
    return Core(k + 2, value, relative and value is not None)


def _day_span(ctx: Ctx, k: int) -> int | None:
    """The end of «- 15» / «إلى 15» / «و15» after a first day, when a month follows."""
    if not (ctx.joins(k) and ctx.joins(k + 1)) or ctx.word(k) not in _DAY_LINKS:
        return None
    second = _day(ctx, k + 1)
    if second is None or not ctx.joins(second[1]):
        return None
    return second[1] if month_ref(ctx, second[1], clitics=False) is not None else None


def explicit_date(ctx: Ctx, j: int) -> Core | None:
    """«14 آذار الماضي», «الخامس من تشرين الثاني», «مارس عام ٢٠٣١», «October 26, 2024»."""
    day = _day(ctx, j)
    ordinal = None if day else ctx.phrase(j, _ORDINALS, conj=True, prep=True)
    if ordinal is not None and definite(_ORDINAL_HEADS, prev_word(ctx, j), True) is not None:
        return None  # «الأسبوع الأول من الشهر»: the ordinal counts weeks, not days
    if ordinal is not None and ctx.word(ordinal[1]) == _MIN and ctx.joins(ordinal[1]):
        day = (ordinal[0], ordinal[1] + 1)
    if day is not None:
        k = day[1]
        span = _day_span(ctx, k) if ordinal is None else None
        if span is not None:  # «1 إلى 15 أكتوبر 2024»: a span of days keeps month precision
            day, k = (0, span), span
        if ordinal is None and ctx.joins(k) and ctx.word(k) in _COMMAS:
            k += 1
        if ordinal is None and ctx.joins(k) and ctx.word(k) == _MIN:
            k += 1
        m = month_ref(ctx, k, clitics=False) if ctx.joins(k) else None
        if m is not None and day[0] == 0:
            core = _finish(ctx, j, None, replace(m, sure=True))
            return core
        if m is None:
            core = _day_of_month_period(ctx, k, day[0])
            return replace(core, lead=ordinal[2]) if core and ordinal else core
        if ctx.joins(m.end) and ctx.word(m.end) in HIJRI_MONTHS:
            return None
        core = _finish(ctx, j, day[0], m)
        return replace(core, lead=ordinal[2]) if core and ordinal else core
    m = month_ref(ctx, j, clitics=True)
    if m is None:
        return None
    day = _day(ctx, m.end) if ctx.joins(m.end) else None
    if day is not None:
        year = year_after(ctx, day[1], comma=True)
        if year is not None:
            value = timeline.iso(year[0], m.month, day[0])
            return Core(year[1], value, lead=m.lead) if value else None
    core = _finish(ctx, j, None, m)
    return replace(core, lead=m.lead) if core else None
