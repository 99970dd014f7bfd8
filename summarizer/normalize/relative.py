"""Dates relative to publication: «قبل ٧ سنوات», «أمس», «اليوم», «الليلة الماضية», weekdays
(«الجمعة», «الأحد الماضي», «الاثنين، 3 مارس 2031») and «يوم 14 آذار»."""

from __future__ import annotations

import re
from dataclasses import replace

from summarizer.normalize import timeline
from summarizer.normalize.absolute import (
    Core,
    explicit_date,
    modifier,
    month_ref,
    numeric_date,
    prev_word,
    year_num,
)
from summarizer.normalize.amounts import parse_amount
from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.tense import speaks_of_future
from summarizer.normalize.vocab import (
    DAY_TIME_WORDS,
    DUAL_NOUNS,
    HEDGES,
    HIJRI_MONTHS,
    MODIFIERS,
    POST_HEDGES,
    RELATIVE_DAYS,
    SPAN_WORDS,
    TODAY_NAME_WORDS,
    UNIT_NOUNS,
    WEEKDAY_BLOCKERS,
    WEEKDAYS,
    fold,
    lookup,
)

_RELATIVE_DAYS = index_phrases(RELATIVE_DAYS)
_DAY_TIME = dict.fromkeys(DAY_TIME_WORDS, True)
_DAY_TIME_TODAY = {**_DAY_TIME, fold("اليوم"): True, fold("أمس"): True}
_AGO = dict.fromkeys((fold("قبل"), fold("منذ")), True)
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
_MUWAFIQ = fold("الموافق")
_COMMAS = frozenset((",", "،"))
_OPENING_PUNCT = frozenset(("،", ",", "(", '"', "«", "“", ":", "-", "."))
_MONDAY = 0
_GENERIC_DAY = frozenset(fold(w) for w in ("هذا", "ذلك", "نفس", "مثل", "ذات", "تلك"))
_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")


def _ago_count(ctx: Ctx, k: int) -> tuple[float, str, int] | None:
    """The count and unit after «قبل»/«منذ»: «١٠ سنوات», «عامين», «أسبوع»."""
    dual = lookup(DUAL_NOUNS, ctx.word(k), conj=False, prep=False)
    if dual is not None:
        return 2, dual[0], k + 1
    single = _SINGULAR_TIME.get(ctx.word(k))
    if single is not None:
        nxt = k + 1
        if ctx.joins(nxt) and (
            year_num(ctx, nxt) or month_ref(ctx, nxt, False) or ctx.word(nxt) in HIJRI_MONTHS
        ):
            return None
        return 1, single, nxt
    amount = parse_amount(ctx, k, clitics=False)
    if amount is None or not ctx.joins(amount.end):
        return None
    unit = lookup(UNIT_NOUNS, ctx.word(amount.end), conj=False, prep=False)
    return (amount.value, unit[0], amount.end + 1) if unit else None


def ago(ctx: Ctx, j: int) -> Core | None:
    """«قبل ٧ سنوات», «منذ ثلاثة أيام», «قبل عامين»: a date back from publication."""
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
    if lookup(dict.fromkeys(TODAY_NAME_WORDS, True), prev_word(ctx, j)) is not None:
        return True
    if prev_word(ctx, j) in _GENERIC_DAY:  # «في مثل هذا اليوم», «ذلك اليوم»
        return True
    if not ctx.joins(end):
        return False
    nxt = ctx.word(end)
    if ctx.kind(end) == "num":
        return True
    return nxt.startswith("ال") and nxt not in WEEKDAYS and nxt not in MODIFIERS


def relative_day(ctx: Ctx, j: int) -> Core | None:
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


def weekday_date(ctx: Ctx, j: int) -> Core | None:
    """«الجمعة», «اليوم الجمعة», «الأحد الماضي», «الاثنين، 3 مارس 2031»."""
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
    mod = modifier(ctx, end)
    if mod is not None:
        end += 1
    elif k == j:
        if lookup(dict.fromkeys(WEEKDAY_BLOCKERS, True), prev_word(ctx, j)) is not None:
            return None
        if weekday == _MONDAY and not _punct_around(ctx, j, end):
            return None
    if mod is None and _future_before(ctx, j):
        mod = timeline.ONWARD  # «ستبدأ الهدنة يوم الأحد»: the coming Sunday, not the last one
    value, relative = timeline.resolve_weekday(ctx.published, weekday, mod)
    return Core(end, value, relative, lead, weekday=None if mod else weekday)


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
    core = numeric_date(ctx, k) or explicit_date(ctx, k)
    return None if core is None or core.skip else core


def day_time_date(ctx: Ctx, j: int) -> Core | None:
    """«يوم 14 آذار», «مساء 5 آذار»."""
    prefix = lookup(_DAY_TIME, ctx.word(j), prep=True)
    if prefix is None or not ctx.joins(j + 1) or ctx.integer(j + 1) is None:
        return None
    core = explicit_date(ctx, j + 1)
    return replace(core, lead=prefix[1]) if core and not core.skip else None


_SPANS = dict.fromkeys(SPAN_WORDS, True)
_AT_LEAST_HEDGES = index_phrases(
    tuple((phrase, approx) for phrase, approx in (*HEDGES, *POST_HEDGES) if approx == "at least")
)
_CLAUSE_ENDS = frozenset(("،", ",", ".", ";", "؛", ":", "!", "?", "؟"))
_SPAN_ANCHOR_REACH = 25  # tokens back from «لمدة» to the date its span runs from
_FROM_QUALIFIERS = frozenset((None, "from"))


def span_ends(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """``hits`` with the end of each span that runs from a date of its clause («أعلنت الحكومة
    في مارس الماضي تجميد الأسعار لمدة عام»: until March of the next year; «على الأقل» with
    it: at least until then), in place of the span's own count. The span must follow its
    start in one clause; a span with no date before it («لمدة عامين» alone) ends at no date
    the text gives."""
    found = list(hits)
    for i in range(ctx.n):
        if lookup(_SPANS, ctx.word(i), conj=True, prep=False) is None or not ctx.joins(i + 1):
            continue
        count = _ago_count(ctx, i + 1)
        anchor = _span_anchor(ctx, found, i)
        if count is None or count[1] not in _AGO_UNITS or anchor is None or anchor.date is None:
            continue
        value, unit, end = count
        ends = timeline.span_end(anchor.date, value, unit)
        if ends is None:
            continue
        least = _at_least_near(ctx, i, end)
        span = Hit(
            kind="date", start=i, end=end, date=ends, relative=anchor.relative,
            qualifier="at least until" if least else "until",
        )  # fmt: skip
        found = [h for h in found if h.end <= span.start or h.start >= span.end] + [span]
    return sorted(found, key=lambda hit: hit.start)


def _span_anchor(ctx: Ctx, hits: list[Hit], i: int) -> Hit | None:
    """The nearest date before token ``i`` in its clause that a span may run from."""
    before = [
        h for h in hits if h.kind == "date" and h.end <= i and i - h.end <= _SPAN_ANCHOR_REACH
    ]
    hit = max(before, key=lambda h: h.end, default=None)
    if hit is None or hit.qualifier not in _FROM_QUALIFIERS:
        return None
    between = range(hit.end, i + 1)
    if any(ctx.word(k) in _CLAUSE_ENDS or not ctx.joins(k) for k in between):
        return None  # another clause's date, or another line's
    return hit


def _at_least_near(ctx: Ctx, i: int, end: int) -> bool:
    """«بحد أدنى لمدة شهرين», «لمدة شهرين على الأقل»: the span runs at least that long."""
    before = ctx.phrase(i - 2, _AT_LEAST_HEDGES, conj=False) if i >= 2 else None
    after = ctx.phrase(end, _AT_LEAST_HEDGES, conj=False) if ctx.joins(end) else None
    return (before is not None and before[1] == i) or after is not None
