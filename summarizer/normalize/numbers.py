"""Figures: a number with its hedge, range and unit, and durations
(«خلال السنوات الثلاث المقبلة»)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Literal

from summarizer.models import Approx
from summarizer.normalize.amounts import Amount, Quantity, parse_amount, vague_count
from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.units import blocked_number, counted_before, unit_after
from summarizer.normalize.vocab import (
    CHANGE_VERBS,
    DUAL_NOUNS,
    DURATION_CUES,
    HEDGES,
    LAST_WORDS,
    MODIFIERS,
    MONTH_NAMES,
    PAST,
    POST_HEDGES,
    RANGE_OPENERS,
    SCORE_NOUNS,
    SCORE_TAILS,
    SCORE_WORDS,
    TIME_SINGULARS,
    TIME_UNITS,
    UNIT_NOUNS,
    WHOLE_UNITS,
    fold,
    lookup,
    span_lead,
    stems,
)

RangeMode = Literal["between", "from", "none"]

_HEDGES = index_phrases(HEDGES)
_POST_HEDGES = index_phrases(POST_HEDGES)
_MONTHS = index_phrases(MONTH_NAMES)
_DURATION = index_phrases(DURATION_CUES)
_MIN = fold("من")
_AND = "و"
_ARTICLE = "ال"
_RANGE_TO = frozenset(fold(w) for w in ("إلى", "حتى", "-"))
_CHANGE_VERBS = dict.fromkeys(CHANGE_VERBS, True)
_OPENERS = dict.fromkeys(RANGE_OPENERS, True)
_SOME = fold("ما")
# Short word numbers that are also ordinary words («لست», «تسع» "holds», «واحد من»):
# they count only before a counted noun or a scale word.
_WEAK_WORDS = frozenset(
    fold(w)
    for w in (
        "ست",
        "تسع",
        "سبع",
        "خمس",
        "عشر",
        "ثمان",
        "ثلاث",
        "أربع",
        "واحد",
        "واحدة",
        "اثنين",
        "اثنتين",
        "اثنان",
        "اثنتان",
    )
)


def _time_modifier(ctx: Ctx, k: int) -> tuple[int, bool]:
    """Skip «المقبلة»/«الماضية»/«الأخيرة» after a duration; return (end, past)."""
    if ctx.joins(k):
        word = ctx.word(k)
        if word in MODIFIERS:
            return k + 1, MODIFIERS[word] == PAST
        if word in LAST_WORDS:
            return k + 1, True
    return k, False


def _noun_first(ctx: Ctx, i: int) -> Quantity | None:
    """«الأشهر الـ6 المقبلة», «السنوات العشر الماضية»: the time noun before the number, in
    the plural («اليوم 15 من بدء الهدنة» is day 15; «اليوم 9 مايو», today, 9 May)."""
    found = None
    for stem, plen, had_art in stems(ctx.word(i), art=True):
        if had_art and stem not in TIME_SINGULARS and UNIT_NOUNS.get(stem) in TIME_UNITS:
            found = (UNIT_NOUNS[stem], span_lead(plen, had_art))
            break
    if found is None:
        return None
    k = i + 1
    if ctx.word(k) == _ARTICLE and ctx.joins(k + 1):
        k += 1
    if not ctx.joins(k):
        return None
    amount = parse_amount(ctx, k, clitics=False, art=True)
    if amount is None or blocked_number(ctx, k, amount.end):
        return None
    end, past = _time_modifier(ctx, amount.end)
    if end == amount.end and ctx.kind(k) == "num":
        # «في الدقائق 45 و51»: without «المقبلة»/«الماضية», the noun and its digits name the
        # minutes (or days) that are meant, points in time, not a span that long.
        return None
    return Quantity(amount.value, end, found[1], unit=found[0], past=past)


def _dual(ctx: Ctx, i: int) -> Quantity | None:
    """«لعامين», «الشهرين الماضيين»: a dual time noun is the number 2."""
    found = lookup(DUAL_NOUNS, ctx.word(i), art=True)
    if found is None:
        return None
    end, past = _time_modifier(ctx, i + 1)
    return Quantity(2, end, found[1], unit=found[0], past=past)


_GOALS = "goals"
_MOST_GOALS = 15  # a higher score is one of points (basketball, handball), not of goals
_PREPOSITION_B = "ب"


def _score(ctx: Ctx, i: int) -> Quantity | None:
    """A football score: «بثلاثية نظيفة» (a noun of ``score_nouns`` after «ب» or before a
    word of ``score_tails``) or «بنتيجة 2-0» (a word of ``score_words`` before N-M, M no more
    than N, N at most ``_MOST_GOALS``): the winner's goals."""
    word = ctx.word(i)
    for stem, plen, had_art in stems(word, prep=True):
        goals = SCORE_NOUNS.get(stem)
        if goals is None or had_art:
            continue
        after_b = plen > 0 and word[plen - 1] == _PREPOSITION_B
        tail = ctx.joins(i + 1) and ctx.word(i + 1) in SCORE_TAILS
        if after_b or tail:
            return Quantity(goals, i + 1, span_lead(plen, had_art), unit=_GOALS)
    lead = next((span_lead(plen, a) for stem, plen, a in stems(word) if stem in SCORE_WORDS), None)
    if lead is None or not all(ctx.joins(k) for k in (i + 1, i + 2, i + 3)):
        return None
    if ctx.kind(i + 1) != "num" or ctx.word(i + 2) != "-" or ctx.kind(i + 3) != "num":
        return None
    try:
        won, lost = int(ctx.word(i + 1)), int(ctx.word(i + 3))
    except ValueError:
        return None
    if not lost <= won <= _MOST_GOALS:
        return None
    return Quantity(won, i + 4, lead, unit=_GOALS)


def _range_end(ctx: Ctx, amount: Amount, mode: RangeMode) -> Amount | None:
    """The upper bound of «بين 5 و10» (between), «من 5 إلى 10» (from), «5-10» (none)."""
    k = amount.end
    if not ctx.joins(k) or not ctx.joins(k + 1):
        return None
    word = ctx.word(k)
    joined = {
        "between": word == _AND or word in _RANGE_TO,
        "from": word in _RANGE_TO,
        "none": word == "-" and ctx.kind(k - 1) == ctx.kind(k + 1) == "num",
    }[mode]
    if mode == "between" and word.startswith(_AND) and word != _AND:
        upper = parse_amount(ctx, k, clitics=True)
    elif joined:
        upper = parse_amount(ctx, k + 1, clitics=False)
    else:
        return None
    if upper is None or upper.value <= amount.value:
        return None
    return upper


def _is_date_range(ctx: Ctx, lower: Amount, upper: Amount) -> bool:
    """«بين 2020 و2023» (years) and «من 1 إلى 15 أكتوبر» (days) are dates, not figures."""
    if ctx.joins(upper.end) and ctx.phrase(upper.end, _MONTHS, conj=False) is not None:
        return True
    years = all(
        a.value.is_integer() and 1900 <= a.value <= 2100 and a.scale == 1 for a in (lower, upper)
    )
    return years and lookup(UNIT_NOUNS, ctx.word(upper.end), conj=False, prep=False) is None


def _counted(ctx: Ctx, i: int, mode: RangeMode) -> Quantity | None:
    """A number (digits, words, vague count or range) and its unit, starting at ``i``."""
    k, lead = i, 0
    if ctx.word(k) == _ARTICLE and ctx.kind(k + 1) == "num" and ctx.joins(k + 1):
        k += 1
    amount = parse_amount(ctx, k)
    if amount is None:
        vague = vague_count(ctx, k)
        if vague is None:
            return None
        unit = unit_after(ctx, vague.end, art=True)
        end = unit[1] if unit else vague.end
        return Quantity(
            vague.value, end, vague.lead, vague.value_max, "range", unit[0] if unit else None
        )
    if k == i:
        lead = amount.lead
    if blocked_number(ctx, k, amount.end):
        return None
    value, end = amount.value, amount.end
    value_max: float | None = None
    approx: Approx | None = None
    upper = _range_end(ctx, amount, mode)
    if upper is not None:
        if _is_date_range(ctx, amount, upper):
            return None
        if upper.scale > 1 and value < upper.scale <= upper.value:
            value *= upper.scale
        value_max, approx, end = upper.value, "range", upper.end
    elif mode != "none":
        return None
    unit = unit_after(ctx, end, art=False)
    label = None
    if unit is not None:
        label, end = unit
    elif amount.end == k + 1 and ctx.word(k)[amount.lead :] in _WEAK_WORDS:
        return None
    past = False
    if label in TIME_UNITS:
        end, past = _time_modifier(ctx, end)
    if label in WHOLE_UNITS and value_max is None and amount.end == k + 1:
        value = _whole(ctx.word(k)[amount.lead :], value)
    return Quantity(value, end, lead, value_max, approx, label, past)


_DOT_THOUSANDS = re.compile(r"\d{1,3}\.\d{3}")


def _whole(digits: str, value: float) -> float:
    """A count of whole people or things written with one dot before three digits («731.000
    صوت», «1.250 ناخب»): the dot groups thousands, as in «1.234.567»; a count has no
    thousandths."""
    if _DOT_THOUSANDS.fullmatch(digits):
        return float(digits.replace(".", ""))
    return value


def parse_number(ctx: Ctx, i: int) -> Hit | None:
    """A figure at token ``i`` with its hedge, unit and (for durations) «within»; a bare
    number takes its unit from an «عدد» phrase just before it."""
    hit = _parse_number(ctx, i)
    if hit is not None and hit.unit is None and hit.value is not None:
        unit = counted_before(ctx, i)
        if unit is not None:
            hit = replace(hit, unit=unit)
    return hit


def _parse_number(ctx: Ctx, i: int) -> Hit | None:
    cue = ctx.phrase(i, _DURATION, conj=True)
    if cue is not None:
        qty = _quantity(ctx, cue[1])
        if qty is None or qty.unit not in TIME_UNITS or qty.past or qty.approx == "range":
            return None
        return _hit(i, cue[2], qty, qty.approx or "exact", "within")
    hedge = ctx.phrase(i, _HEDGES, conj=True, prep=True)
    start, lead, approx = i, 0, None
    if hedge is not None:
        approx, start, lead = hedge
        qty = _quantity(ctx, start)
        if qty is None or qty.approx == "range":
            return None
        return _hit(i, lead, qty, approx, None)
    qty = _quantity(ctx, i)
    if qty is None:
        return None
    return _hit(i, qty.lead, qty, qty.approx or "exact", None)


def _after_change_verb(ctx: Ctx, i: int) -> bool:
    """«ارتفع عدد القتلى من 50 إلى 70» is a change, not a range."""
    for k in range(max(0, i - 5), i):
        if lookup(_CHANGE_VERBS, ctx.word(k), prep=False) is not None:
            return True
    return False


def _quantity(ctx: Ctx, i: int) -> Quantity | None:
    """A quantity at ``i``, ranges («بين 5 و10», «من 5 إلى 10») included."""
    skip = 1 if ctx.word(i) == _SOME and ctx.joins(i + 1) else 0
    opener = lookup(_OPENERS, ctx.word(i + skip))
    if opener is not None and ctx.joins(i + skip + 1):
        qty = _counted(ctx, i + skip + 1, "between")
        lead = 0 if skip else opener[1]
        return _post_hedge(ctx, replace(qty, lead=lead)) if qty is not None else None
    if ctx.word(i) == _MIN and ctx.joins(i + 1):
        if _after_change_verb(ctx, i):
            return None
        qty = _counted(ctx, i + 1, "from")
        if qty is not None and qty.approx == "range":
            return _post_hedge(ctx, replace(qty, lead=0))
        return None
    qty = _noun_first(ctx, i) or _dual(ctx, i) or _score(ctx, i) or _counted(ctx, i, "none")
    return _post_hedge(ctx, qty) if qty is not None else None


def _post_hedge(ctx: Ctx, qty: Quantity) -> Quantity:
    """«500 جندي تقريبا», «35 عنصرا على الأقل»."""
    post = ctx.phrase(qty.end, _POST_HEDGES, conj=False) if ctx.joins(qty.end) else None
    if post is None or qty.approx is not None:
        return qty
    return replace(qty, end=post[1], approx=post[0])


def _hit(start: int, lead: int, qty: Quantity, approx: Approx, qualifier: str | None) -> Hit:
    return Hit(
        kind="number",
        start=start,
        end=qty.end,
        lead=lead,
        qualifier=qualifier,
        value=qty.value,
        value_max=qty.value_max,
        unit=qty.unit,
        approx=approx,
    )
