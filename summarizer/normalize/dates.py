"""Date expressions: absolute, partial («منتصف شباط») and relative, with deadline cues."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from summarizer.normalize import timeline
from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.numbers import is_reference, parse_amount
from summarizer.normalize.tense import speaks_of_future
from summarizer.normalize.vocab import (
    AMBIGUOUS_MONTHS,
    AT_LEAST,
    CURRENT,
    DATE_CUES,
    DAY_TIME_WORDS,
    DUAL_NOUNS,
    EVENT_NAME_WORDS,
    HIJRI_MONTHS,
    MODIFIERS,
    MONTH_NAMES,
    NEXT,
    ORDINAL_DAYS,
    PART_WORDS,
    PERCENT_WORDS,
    PERIOD_NOUNS,
    RELATIVE_DAYS,
    THIS_WORDS,
    TODAY_NAME_WORDS,
    UNIT_NOUNS,
    WEAK_PART_WORDS,
    WEEKDAY_BLOCKERS,
    WEEKDAYS,
    YEAR_PREPS,
    YEAR_WORDS,
    fold,
    lookup,
    span_lead,
    stems,
)
from summarizer.normalize.written import written_words

_MONTHS = index_phrases(MONTH_NAMES)
_ORDINALS = index_phrases(ORDINAL_DAYS)
_CUES = index_phrases(DATE_CUES)
_RELATIVE_DAYS = index_phrases(RELATIVE_DAYS)
_PARTS = dict.fromkeys(PART_WORDS, True)
_DAY_TIME = dict.fromkeys(DAY_TIME_WORDS, True)
_DAY_TIME_TODAY = {**_DAY_TIME, fold("اليوم"): True, fold("أمس"): True}
_YEAR_WORDS = dict.fromkeys(YEAR_WORDS, True)
_YEAR_PREPS = dict.fromkeys(YEAR_PREPS, True)
_AGO = dict.fromkeys((fold("قبل"), fold("منذ")), True)
_SHAHR = {fold("شهر"): True}
_SINGULAR_TIME = {
    fold("يوم"): "days",
    fold("أسبوع"): "weeks",
    fold("شهر"): "months",
    fold("عام"): "years",
    fold("سنة"): "years",
}
_AGO_UNITS = frozenset(("days", "weeks", "months", "years", "decades"))
_AGO_STOPS = frozenset(fold(w) for w in ("من", "عن"))
_TODAY = fold("اليوم")
_MIN = fold("من")
_MUWAFIQ = fold("الموافق")
_COMMAS = frozenset((",", "،"))
_SEPARATORS = frozenset(("/", "(", "-", "،", ","))
_DAY_LINKS = frozenset(("-", "و", fold("إلى"), fold("حتى")))
_RANGE_LINKS = frozenset(("-", "/", "و", fold("إلى"), fold("حتى")))
_ORDINAL_SUFFIXES = frozenset(("st", "nd", "rd", "th"))
_OPENING_PUNCT = frozenset(("،", ",", "(", '"', "«", "“", ":", "-", "."))
_MONDAY = 0
_GENERIC_DAY = frozenset(fold(w) for w in ("هذا", "ذلك", "نفس", "مثل", "ذات", "تلك"))
_PLAUSIBLE_YEARS = (1945, 2040)
_ORDINAL_HEADS = {
    fold(w): w for w in ("أسبوع", "شهر", "عام", "سنة", "ربع", "فصل", "نصف", "موسم", "جزء")
}
_PERCENT = index_phrases(PERCENT_WORDS)


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


# --- pieces --------------------------------------------------------------------------------


def _year_num(ctx: Ctx, k: int) -> tuple[int, int] | None:
    """A four-digit year (1800..2100) at ``k``, with an optional glued «م»."""
    value = ctx.integer(k)
    if value is None or len(ctx.word(k)) != 4 or not 1800 <= value <= 2100:
        return None
    end = k + 1
    if ctx.glued(end) and ctx.word(end) == "م":
        end += 1
    return value, end


def _year_after(ctx: Ctx, k: int, comma: bool = False) -> tuple[int, int] | None:
    """The year after a month: «أيلول 2025», «سبتمبر عام ٢٠٢٥», «2, 2024»."""
    if comma and ctx.joins(k) and ctx.word(k) in _COMMAS:
        k += 1
    if ctx.joins(k) and ctx.word(k) == _MIN and ctx.word(k + 1) in YEAR_WORDS:
        k += 1
    if ctx.joins(k) and ctx.word(k) in YEAR_WORDS:
        k += 1
    return _year_num(ctx, k) if ctx.joins(k) else None


def _month(ctx: Ctx, j: int, clitics: bool) -> MonthRef | None:
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


def _day(ctx: Ctx, j: int) -> tuple[int, int] | None:
    """A day of month in digits: «27», «26th»."""
    value = ctx.integer(j)
    if value is None or len(ctx.word(j)) > 2 or not 1 <= value <= 31:
        return None
    end = j + 1
    if ctx.glued(end) and ctx.word(end) in _ORDINAL_SUFFIXES:
        end += 1
    return value, end


def _definite(table: dict[str, str], word: str, clitics: bool) -> tuple[str, int] | None:
    """Look up a noun that must carry the article: «العام», «والشهر», «للعام»."""
    for stem, plen, had_art in stems(word, clitics, clitics, art=True):
        if had_art and stem in table:
            return table[stem], span_lead(plen, had_art)
    return None


def _modifier(ctx: Ctx, k: int) -> str | None:
    return MODIFIERS.get(ctx.word(k)) if ctx.joins(k) else None


def _prev_word(ctx: Ctx, j: int) -> str:
    return ctx.word(j - 1) if ctx.joins(j) else ""


# --- core expressions ----------------------------------------------------------------------


def _numeric(ctx: Ctx, j: int) -> Core | None:
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
    year = _year_after(ctx, m.end)
    if year is not None:
        value = timeline.iso(year[0], m.month, day)
        return Core(year[1], value) if value else None
    mod = _modifier(ctx, m.end)
    end = m.end + 1 if mod else m.end
    if mod is None and day is None and not m.sure:
        return None
    if mod is None and day is not None:
        prev = _prev_word(ctx, start)
        if lookup(dict.fromkeys(EVENT_NAME_WORDS, True), prev, art=True) is not None:
            return Core(end, None, skip=True)
    value, relative = timeline.resolve_month(ctx.published, m.month, day, mod)
    return Core(end, value, relative)


def _day_of_month_period(ctx: Ctx, k: int, day: int) -> Core | None:
    """«الرابع عشر من الشهر الجاري», «5 من الشهر الماضي»: a day of a relative month."""
    if not ctx.joins(k) or _definite(PERIOD_NOUNS, ctx.word(k), clitics=False) != ("month", 0):
        return None
    mod = _modifier(ctx, k + 1)
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
    return second[1] if _month(ctx, second[1], clitics=False) is not None else None


def _explicit(ctx: Ctx, j: int) -> Core | None:
    """«27 أيلول الماضي», «الخامس من تشرين الثاني», «سبتمبر عام ٢٠٢٥», «October 26, 2024»."""
    day = _day(ctx, j)
    ordinal = None if day else ctx.phrase(j, _ORDINALS, conj=True, prep=True)
    if ordinal is not None and _definite(_ORDINAL_HEADS, _prev_word(ctx, j), True) is not None:
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
        m = _month(ctx, k, clitics=False) if ctx.joins(k) else None
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
    m = _month(ctx, j, clitics=True)
    if m is None:
        return None
    day = _day(ctx, m.end) if ctx.joins(m.end) else None
    if day is not None:
        year = _year_after(ctx, day[1], comma=True)
        if year is not None:
            value = timeline.iso(year[0], m.month, day[0])
            return Core(year[1], value, lead=m.lead) if value else None
    core = _finish(ctx, j, None, m)
    return replace(core, lead=m.lead) if core else None


def _period(ctx: Ctx, j: int, plain: bool = False) -> Core | None:
    """«العام الماضي», «الشهر الجاري», «هذا العام», «الأسبوع المقبل»."""
    k, lead = j, 0
    this = lookup(dict.fromkeys(THIS_WORDS, True), ctx.word(j))
    if this is not None and ctx.joins(j + 1):
        k, lead = j + 1, this[1]
    noun = _definite(PERIOD_NOUNS, ctx.word(k), clitics=k == j)
    if noun is None:
        return None
    if k == j:
        lead = noun[1]
    end = k + 1
    mod = _modifier(ctx, end)
    if mod is not None:
        end += 1
    elif this is not None or plain:
        mod = CURRENT
    else:
        return None
    if _year_num(ctx, end) is not None:
        return None
    value, relative = timeline.resolve_period(ctx.published, noun[0], mod)
    return Core(end, value, relative, lead)


def _year_word(ctx: Ctx, j: int) -> Core | None:
    """«عام 2026», «في العام 2014», «لعام 2025», «سنة 2020»."""
    found = lookup(_YEAR_WORDS, ctx.word(j), art=True)
    if found is None or not ctx.joins(j + 1):
        return None
    year = _year_num(ctx, j + 1)
    if year is None and ctx.kind(j + 1) == "word":  # «عام ألفين وأربعة عشر»
        amount = parse_amount(ctx, j + 1, clitics=False)
        if amount is not None and amount.value.is_integer() and 1900 <= amount.value <= 2100:
            year = int(amount.value), amount.end
    return Core(year[1], f"{year[0]:04d}", lead=found[1]) if year else None


def _part(ctx: Ctx, j: int) -> Core | None:
    """«منتصف شباط فبراير», «مطلع 2025», «أواخر العام الماضي», «نهاية الشهر»."""
    found = lookup(_PARTS, ctx.word(j), prep=True)
    if found is None or not ctx.joins(j + 1):
        return None
    k = j + 1
    core: Core | None
    m = _month(ctx, k, clitics=False)
    if m is not None:
        year = _year_after(ctx, m.end)
        if year is not None:
            core = Core(year[1], timeline.iso(year[0], m.month))
        else:
            mod = _modifier(ctx, m.end)
            value, relative = timeline.resolve_month(ctx.published, m.month, None, mod)
            core = Core(m.end + 1 if mod else m.end, value, relative)
    else:
        core = _period(ctx, k, plain=True)
        if core is None and ctx.word(j)[found[1] :] not in WEAK_PART_WORDS:
            core = _year_word(ctx, k) or _bare_year(ctx, k, cue=True)
    part = written_words().parts.get(ctx.word(j)[found[1] :])
    return replace(core, lead=found[1], part=part) if core else None


def _coming(ctx: Ctx, j: int) -> Core | None:
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
    if _modifier(ctx, end) != NEXT:
        return None
    value = None
    if ctx.published is not None:
        day = ctx.published.isoformat()
        value = day[:7] if unit in ("days", "weeks") else day[:4]
    return Core(end + 1, value, ctx.published is not None, lead, coming=unit)


def _bare_year(ctx: Ctx, j: int, cue: bool) -> Core | None:
    """A bare year: after a cue or preposition («في 2019», «منذ 2011»), in a year range
    («2014-2018»), or a plausible recent year with no counted noun after it."""
    year = _year_num(ctx, j)
    if year is None or is_reference(ctx, j):
        return None
    end = year[1]
    allowed = (
        cue
        or _PLAUSIBLE_YEARS[0] <= year[0] <= _PLAUSIBLE_YEARS[1]
        or lookup(_YEAR_PREPS, _prev_word(ctx, j), prep=False) is not None
    )
    if not allowed and ctx.joins(j) and ctx.word(j - 1) in _RANGE_LINKS:
        allowed = _year_num(ctx, j - 2) is not None
    if not allowed and ctx.joins(end) and ctx.word(end) in _RANGE_LINKS:
        allowed = ctx.joins(end + 1) and _year_num(ctx, end + 1) is not None
    if not allowed:
        return None
    if ctx.joins(end) and (
        lookup(UNIT_NOUNS, ctx.word(end), conj=False, prep=False) is not None
        or ctx.word(end) == _MIN
        or ctx.phrase(end, _PERCENT, conj=False) is not None
    ):
        return None
    return Core(end, f"{year[0]:04d}")


def _ago_count(ctx: Ctx, k: int) -> tuple[float, str, int] | None:
    """The count and unit after «قبل»/«منذ»: «١٠ سنوات», «عامين», «أسبوع»."""
    dual = lookup(DUAL_NOUNS, ctx.word(k), conj=False, prep=False)
    if dual is not None:
        return 2, dual[0], k + 1
    single = _SINGULAR_TIME.get(ctx.word(k))
    if single is not None:
        nxt = k + 1
        if ctx.joins(nxt) and (
            _year_num(ctx, nxt) or _month(ctx, nxt, False) or ctx.word(nxt) in HIJRI_MONTHS
        ):
            return None
        return 1, single, nxt
    amount = parse_amount(ctx, k, clitics=False)
    if amount is None or not ctx.joins(amount.end):
        return None
    unit = lookup(UNIT_NOUNS, ctx.word(amount.end), conj=False, prep=False)
    return (amount.value, unit[0], amount.end + 1) if unit else None


def _ago(ctx: Ctx, j: int) -> Core | None:
    """«قبل ١٠ سنوات», «منذ ثلاثة أيام», «قبل عامين»: a date back from publication."""
    found = lookup(_AGO, ctx.word(j), prep=False)
    if found is None or not ctx.joins(j + 1):
        return None
    count = _ago_count(ctx, j + 1)
    if count is None or count[1] not in _AGO_UNITS:
        return None
    value, unit, end = count
    if ctx.joins(end) and (ctx.word(end) in _AGO_STOPS or ctx.word(end) in MODIFIERS):
        return None
    resolved, relative = timeline.resolve_ago(ctx.published, value, unit)
    if unit == "decades":
        value, unit = value * 10, "years"
    return Core(end, resolved, relative, found[1], value=value, unit=unit)


def _today_is_name(ctx: Ctx, j: int, end: int) -> bool:
    """«العرب اليوم» (a name), «اليوم التالي», «اليوم العالمي»: not the publication day."""
    if lookup(dict.fromkeys(TODAY_NAME_WORDS, True), _prev_word(ctx, j)) is not None:
        return True
    if _prev_word(ctx, j) in _GENERIC_DAY:  # «في مثل هذا اليوم», «ذلك اليوم»
        return True
    if not ctx.joins(end):
        return False
    nxt = ctx.word(end)
    if ctx.kind(end) == "num":
        return True
    return nxt.startswith("ال") and nxt not in WEEKDAYS and nxt not in MODIFIERS


def _relative_day(ctx: Ctx, j: int) -> Core | None:
    """«أمس», «مساء أمس», «اليوم», «غداً», «أول أمس», «الليلة الماضية»."""
    k = j
    prefix = lookup(_DAY_TIME, ctx.word(j), prep=True)
    if prefix is not None and ctx.joins(j + 1):
        k = j + 1
    found = ctx.phrase(k, _RELATIVE_DAYS, conj=k == j, prep=k == j)
    if found is None:
        return None
    offset, end, plen = found
    if end == k + 1 and ctx.word(k)[plen:] == _TODAY and _today_is_name(ctx, k, end):
        return None
    value, relative = timeline.resolve_offset(ctx.published, offset)
    return Core(end, value, relative, prefix[1] if prefix and k > j else plen)


def _punct_around(ctx: Ctx, j: int, end: int) -> bool:
    before = not ctx.joins(j) or ctx.word(j - 1) in _OPENING_PUNCT
    after = not ctx.joins(end) or ctx.kind(end) == "punct"
    return before or after


def _weekday(ctx: Ctx, j: int) -> Core | None:
    """«الجمعة», «اليوم الجمعة», «الأحد الماضي», «الأربعاء، 1 أكتوبر 2025»."""
    k, lead = j, 0
    for _ in range(2):  # «صباح اليوم الاثنين», «يوم أمس الأحد»
        prefix = lookup(_DAY_TIME_TODAY, ctx.word(k), prep=k == j)
        if prefix is None or not ctx.joins(k + 1):
            break
        lead = prefix[1] if k == j else lead
        k += 1
    found = lookup(WEEKDAYS, ctx.word(k), conj=k == j, prep=k == j)
    if found is None:
        return None
    weekday, end = found[0], k + 1
    if k == j:
        lead = found[1]
    explicit = _after_weekday(ctx, end)
    if explicit is not None:
        return replace(explicit, lead=lead)
    mod = _modifier(ctx, end)
    if mod is not None:
        end += 1
    elif k == j:
        if lookup(dict.fromkeys(WEEKDAY_BLOCKERS, True), _prev_word(ctx, j)) is not None:
            return None
        if weekday == _MONDAY and not _punct_around(ctx, j, end):
            return None
    if mod is None and _future_before(ctx, j):
        mod = timeline.ONWARD  # «ستبدأ الهدنة يوم الأحد»: the coming Sunday, not the last one
    value, relative = timeline.resolve_weekday(ctx.published, weekday, mod)
    return Core(end, value, relative, lead, weekday=None if mod else weekday)


_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")


def _future_before(ctx: Ctx, j: int) -> bool:
    """True when the words before token ``j``, in its sentence, speak of the future."""
    start, _ = ctx.norm.span(ctx.toks[j].start, ctx.toks[j].end)
    before = ctx.norm.original[max(0, start - 120) : start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    return speaks_of_future(before[breaks[-1].end() :] if breaks else before)


def _after_weekday(ctx: Ctx, end: int) -> Core | None:
    """An explicit date right after a weekday: «الجمعة 27 أيلول», «الأحد، الموافق 5 ...»."""
    k = end
    if ctx.joins(k) and ctx.word(k) in _COMMAS:
        k += 1
    if ctx.joins(k) and ctx.word(k) == _MUWAFIQ:
        k += 1
    if not ctx.joins(k) or (ctx.integer(k) is None and ctx.kind(k) != "ndate"):
        return None
    core = _numeric(ctx, k) or _explicit(ctx, k)
    return None if core is None or core.skip else core


def _day_time_explicit(ctx: Ctx, j: int) -> Core | None:
    """«يوم 27 أيلول», «مساء 5 آذار»."""
    prefix = lookup(_DAY_TIME, ctx.word(j), prep=True)
    if prefix is None or not ctx.joins(j + 1) or ctx.integer(j + 1) is None:
        return None
    core = _explicit(ctx, j + 1)
    return replace(core, lead=prefix[1]) if core and not core.skip else None


_CORES: tuple[Callable[[Ctx, int], Core | None], ...] = (
    _numeric,
    _ago,
    _weekday,
    _relative_day,
    _day_time_explicit,
    _explicit,
    _part,
    _coming,
    _year_word,
    _period,
)


def _core(ctx: Ctx, j: int, cue: bool) -> Core | None:
    for parse in _CORES:
        core = parse(ctx, j)
        if core is not None:
            return core
    return _bare_year(ctx, j, cue)


def parse_date(ctx: Ctx, i: int) -> Hit | None:
    """A date at token ``i``, with its deadline cue when one precedes it."""
    cue = ctx.phrase(i, _CUES, conj=True)
    if cue is not None and ctx.joins(cue[1]):
        qualifier, j, lead = cue
        after_part = ctx.word(j - 1) in PART_WORDS  # «بحلول نهاية العام»: the current year
        core = (_period(ctx, j, plain=True) if after_part else None) or _core(ctx, j, cue=True)
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


END_OF_CUES = frozenset({"by the end of", "no later than the end of"})


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
