"""Cardinal numbers in digits and words, vague counts, ranges, hedges and counted units."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from summarizer.models import Approx
from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.vocab import (
    AFTER_BLOCKERS,
    CHANGE_VERBS,
    CURRENCY_ADJECTIVES,
    DUAL_NOUNS,
    DURATION_CUES,
    FEW_WORDS,
    FRACTIONS,
    GLUED_UNITS,
    HEDGES,
    HIJRI_MONTHS,
    HUNDRED_WORD,
    HUNDRED_WORDS,
    LAST_WORDS,
    MODIFIERS,
    MONTH_NAMES,
    PAST,
    PERCENT_WORDS,
    POST_HEDGES,
    RANGE_OPENERS,
    REFERENCE_FILLERS,
    REFERENCE_WORDS,
    SCALE_WORDS,
    SQUARE_WORDS,
    TEEN_HEADS,
    TEEN_TAILS,
    TEN_WORDS,
    TIME_UNITS,
    UNIT_NOUNS,
    UNIT_WORDS,
    VAGUE_COUNTS,
    VAGUE_SCALES,
    fold,
    lookup,
    span_lead,
    stems,
)

RangeMode = Literal["between", "from", "none"]
AtomKind = Literal["dig", "unit", "teen", "ten", "hund", "scale", "frac"]

_HEDGES = index_phrases(HEDGES)
_POST_HEDGES = index_phrases(POST_HEDGES)
_PERCENT = index_phrases(PERCENT_WORDS)
_MONTHS = index_phrases(MONTH_NAMES)
_DURATION = index_phrases(DURATION_CUES)
_MIN = fold("من")
_AND = "و"
_ARTICLE = "ال"
_RANGE_TO = frozenset(fold(w) for w in ("إلى", "حتى", "-"))
_GLUE_PREFIXES = frozenset(("ال", "و", "ب", "ل", "ف", "ك", "وال", "بال", "لل", "فال", "كال"))
_OPEN, _CLOSE = "(", ")"
_FEW = dict.fromkeys(FEW_WORDS, 1.0)
_REFERENCES = dict.fromkeys(REFERENCE_WORDS, True)
_CHANGE_VERBS = dict.fromkeys(CHANGE_VERBS, True)
_OPENERS = dict.fromkeys(RANGE_OPENERS, True)
_SOME = fold("ما")
_COUNT_WORDS = {fold("عدد"): True, fold("إجمالي"): True}
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


@dataclass(frozen=True, slots=True)
class Atom:
    """One number word or digit group."""

    kind: AtomKind
    value: float
    end: int
    lead: int = 0
    mult: int | None = 1


@dataclass(frozen=True, slots=True)
class Amount:
    """A cardinal: its value, the token after it and the last scale word (1 if none)."""

    value: float
    end: int
    scale: float
    lead: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its range, hedge and unit."""

    value: float
    end: int
    lead: int
    value_max: float | None = None
    approx: Approx | None = None
    unit: str | None = None
    past: bool = False


# --- atoms and amounts ---------------------------------------------------------------------


def _classify(ctx: Ctx, j: int, text: str, lead: int) -> Atom | None:
    if text in UNIT_WORDS:
        return Atom("unit", UNIT_WORDS[text], j + 1, lead)
    if text in TEN_WORDS:
        return Atom("ten", TEN_WORDS[text], j + 1, lead)
    if text in HUNDRED_WORDS:
        return Atom("hund", HUNDRED_WORDS[text], j + 1, lead)
    if text in TEEN_HEADS and ctx.joins(j + 1) and ctx.word(j + 1) in TEEN_TAILS:
        return Atom("teen", TEEN_HEADS[text], j + 2, lead)
    if text in SCALE_WORDS:
        scale, mult = SCALE_WORDS[text]
        return Atom("scale", scale, j + 1, lead, mult)
    if text in FRACTIONS:
        return Atom("frac", FRACTIONS[text], j + 1, lead)
    return None


def _digits(ctx: Ctx, j: int) -> Atom | None:
    value = ctx.number(j)
    if value is not None:
        return Atom("dig", value, j + 1)
    if ctx.word(j) == _OPEN and ctx.glued(j + 1) and ctx.word(j + 2) == _CLOSE:
        inner = ctx.number(j + 1)
        if inner is not None and ctx.glued(j + 2):
            return Atom("dig", inner, j + 3)
    return None


def atom(ctx: Ctx, j: int, clitics: bool = False, art: bool = False) -> Atom | None:
    """Read one atom at ``j``; ``clitics`` allows و/ف/ب/ل prefixes, ``art`` the article."""
    found = _digits(ctx, j)
    if found is not None or ctx.kind(j) != "word":
        return found
    for stem, plen, had_art in stems(ctx.word(j), clitics, clitics, art):
        found = _classify(ctx, j, stem, span_lead(plen, had_art))
        if found is not None:
            return found
    return None


def _conj_atom(ctx: Ctx, k: int) -> Atom | None:
    """The atom after a «و» (separate or glued) at ``k``."""
    if not ctx.joins(k):
        return None
    word = ctx.word(k)
    if word == _AND and ctx.joins(k + 1):
        return atom(ctx, k + 1)
    if word.startswith(_AND) and len(word) > 1 and ctx.kind(k) == "word":
        return _classify(ctx, k, word[1:], 1)
    return None


def _tail(ctx: Ctx, head: float, k: int) -> tuple[float, int]:
    """«مئة وخمسون»: add a following part below 100."""
    nxt = _conj_atom(ctx, k)
    if nxt is not None and nxt.kind in ("unit", "ten", "teen", "dig"):
        group = _group(ctx, nxt)
        if group is not None and group[0] < 100:
            return head + group[0], group[1]
    return head, k


def _group(ctx: Ctx, a: Atom) -> tuple[float, int] | None:
    """A value below 1000 (or a digit group) starting with atom ``a``."""
    if a.kind in ("dig", "teen", "ten"):
        return a.value, a.end
    if a.kind == "hund":
        return _tail(ctx, a.value, a.end)
    if a.kind != "unit":
        return None
    k = a.end
    if a.value < 10 and ctx.joins(k) and ctx.word(k) in TEEN_TAILS:
        return a.value + 10, k + 1
    if 3 <= a.value <= 9 and ctx.joins(k) and ctx.word(k) in HUNDRED_WORD:
        return _tail(ctx, a.value * 100, k + 1)
    nxt = _conj_atom(ctx, k)
    if nxt is not None and nxt.kind == "ten" and a.value < 10:
        return a.value + nxt.value, nxt.end
    return a.value, k


def _scaled(ctx: Ctx, a: Atom) -> tuple[float, int, float] | None:
    """Value, end and scale of one term: a group times an optional scale word."""
    if a.kind == "scale":
        if a.mult is None:
            return None
        return a.value * a.mult, a.end, a.value
    if a.kind == "frac":
        nxt = atom(ctx, a.end, art=True) if ctx.joins(a.end) else None
        if nxt is not None and nxt.kind == "scale" and nxt.mult == 1:
            return a.value * nxt.value, nxt.end, nxt.value
        return None
    group = _group(ctx, a)
    if group is None:
        return None
    value, end = group
    if a.kind == "dig" and ctx.word(end - 1) == _CLOSE and value >= 1000:
        # «(2,450,000,000) ألفين وأربعمائة…»: a whole number in brackets, written out in words
        # after it; a small group in brackets still takes its scale («و(500) ألف»).
        return value, end, 1.0
    nxt = atom(ctx, end) if ctx.joins(end) else None
    if nxt is not None and nxt.kind == "scale" and nxt.mult != 2:
        return value * nxt.value, nxt.end, nxt.value
    return value, end, 1.0


def parse_amount(ctx: Ctx, i: int, clitics: bool = True, art: bool = False) -> Amount | None:
    """A cardinal in digits, words or both: «ألفين و500», «ثلاثة ملايين و(500) ألف»."""
    current = atom(ctx, i, clitics, art)
    if current is None:
        return None
    lead = current.lead
    total, end, cap, last_scale = 0.0, i, float("inf"), 1.0
    while current is not None:
        term = _scaled(ctx, current)
        if term is not None and term[0] >= cap and total < term[2] <= term[0]:
            # «ألف وثلاثمائة مليار»: a larger scale word after a sum multiplies all of it,
            # (1,000 + 300) billion, not a thousand and then 300 billion.
            total = total * term[2] + term[0]
            end, cap, last_scale = term[1], term[2], term[2]
            current = _conj_atom(ctx, end)
            continue
        if term is None or term[0] >= cap:
            break
        total += term[0]
        end, cap, last_scale = term[1], term[2], term[2]
        if cap == 1.0:
            break
        current = _conj_atom(ctx, end)
        if current is not None and current.kind == "frac" and current.value == 0.5:
            total += 0.5 * cap
            end = current.end
            after = atom(ctx, end, art=True) if ctx.joins(end) else None
            if after is not None and after.kind == "scale" and after.value == cap:
                end = after.end
            break
    if end == i:
        return None
    return Amount(total, end, last_scale, lead)


def _vague(ctx: Ctx, i: int) -> Quantity | None:
    """«عشرات» 20..99, «مئات الآلاف» 200,000..999,999, «بضعة» 3..9."""
    found = lookup(VAGUE_COUNTS, ctx.word(i), art=True)
    if found is not None:
        base, lead = found
        end = i + 1
        if base < 1e3 and ctx.joins(end):
            scale = lookup(VAGUE_SCALES, ctx.word(end), conj=False, prep=False, art=True)
            if scale is not None:
                base *= scale[0]
                end += 1
        return Quantity(2 * base, end, lead, value_max=10 * base - 1, approx="range")
    few = lookup(_FEW, ctx.word(i))
    if few is None or not ctx.joins(i + 1):
        return None
    scale = lookup(VAGUE_SCALES, ctx.word(i + 1), conj=False, prep=False, art=False)
    if scale is not None:
        return Quantity(3 * scale[0], i + 2, few[1], value_max=9 * scale[0], approx="range")
    if ctx.word(i) in (fold("بضع"), fold("بضعة")):
        return Quantity(3, i + 1, few[1], value_max=9, approx="range")
    return None


# --- units and blockers --------------------------------------------------------------------


def _unit(ctx: Ctx, k: int, art: bool) -> tuple[str, int] | None:
    """The counted noun (or %) after a number at ``k``: «جندي», «عنصرا», «من الضباط»."""
    if not ctx.joins(k):
        return None
    pct = ctx.phrase(k, _PERCENT, conj=False)
    if pct is not None:
        return pct[0], pct[1]
    found = lookup(UNIT_NOUNS, ctx.word(k), conj=False, prep=False, art=art)
    if found is None and ctx.word(k) == _MIN and ctx.joins(k + 1):
        noun = lookup(UNIT_NOUNS, ctx.word(k + 1), conj=False, prep=False, art=True)
        if noun is not None and noun[0] not in TIME_UNITS and ctx.word(k + 1).startswith(_ARTICLE):
            return _refine(ctx, noun[0], k + 2)
    if found is None:
        return None
    return _refine(ctx, found[0], k + 1)


def _refine(ctx: Ctx, label: str, k: int) -> tuple[str, int]:
    """Square units and currency nationality: «كيلومتر مربع», «ليرة سورية»."""
    if not ctx.joins(k):
        return label, k
    nxt = ctx.word(k)
    if label in ("km", "m") and nxt in SQUARE_WORDS:
        return label + "2", k + 1
    code = CURRENCY_ADJECTIVES.get((label, nxt))
    if code is not None:
        return code, k + 1
    if label == "cases":  # «حالة وفاة», «حالات إصابة»: cases of a counted noun are that noun
        of = UNIT_NOUNS.get(nxt)
        if of is not None and of not in TIME_UNITS:
            return of, k + 1
    return label, k


def is_reference(ctx: Ctx, i: int) -> bool:
    """«القرار 1701», «قرار مجلس الأمن رقم 2254», «المادة 5», «الساعة 10»."""
    k = i - 1
    while k >= 0 and ctx.joins(k + 1) and ctx.kind(k) == "word":
        if lookup(_REFERENCES, ctx.word(k), art=True) is not None:
            return True
        if ctx.word(k) not in REFERENCE_FILLERS:
            return False
        k -= 1
    return False


def _glued_name(ctx: Ctx, i: int) -> bool:
    """Digits inside a word or code: «عربي21», «F-16», «كوفيد-19», «1.2K», «5G»."""
    if ctx.glued(i) and ctx.kind(i - 1) == "word" and ctx.word(i - 1) not in _GLUE_PREFIXES:
        return True
    dashed = ctx.word(i - 1) == "-" and ctx.glued(i - 1)
    return ctx.glued(i) and dashed and ctx.kind(i - 2) == "word"


def _glued_after(ctx: Ctx, end: int) -> bool:
    word = ctx.word(end)
    return ctx.glued(end) and word.isascii() and word.isalpha() and word not in GLUED_UNITS


def _blocked_number(ctx: Ctx, i: int, end: int) -> bool:
    """True when the digits at ``i`` are a name, code, reference, counter or time."""
    if ctx.kind(i) != "num":
        return False
    if _glued_name(ctx, i) or is_reference(ctx, i) or _glued_after(ctx, i + 1):
        return True
    after = ctx.word(end) if ctx.joins(end) else ""
    return after in AFTER_BLOCKERS or after in HIJRI_MONTHS


# --- quantities ----------------------------------------------------------------------------


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
    """«الأشهر الـ12 المقبلة», «السنوات العشر الماضية»: the time noun before the number."""
    found = None
    for stem, plen, had_art in stems(ctx.word(i), art=True):
        if had_art and UNIT_NOUNS.get(stem) in TIME_UNITS:
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
    if amount is None or _blocked_number(ctx, k, amount.end):
        return None
    end, past = _time_modifier(ctx, amount.end)
    return Quantity(amount.value, end, found[1], unit=found[0], past=past)


def _dual(ctx: Ctx, i: int) -> Quantity | None:
    """«لعامين», «الشهرين الماضيين»: a dual time noun is the number 2."""
    found = lookup(DUAL_NOUNS, ctx.word(i), art=True)
    if found is None:
        return None
    end, past = _time_modifier(ctx, i + 1)
    return Quantity(2, end, found[1], unit=found[0], past=past)


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
        vague = _vague(ctx, k)
        if vague is None:
            return None
        unit = _unit(ctx, vague.end, art=True)
        end = unit[1] if unit else vague.end
        return Quantity(
            vague.value, end, vague.lead, vague.value_max, "range", unit[0] if unit else None
        )
    if k == i:
        lead = amount.lead
    if _blocked_number(ctx, k, amount.end):
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
    unit = _unit(ctx, end, art=False)
    label = None
    if unit is not None:
        label, end = unit
    elif amount.end == k + 1 and ctx.word(k)[amount.lead :] in _WEAK_WORDS:
        return None
    past = False
    if label in TIME_UNITS:
        end, past = _time_modifier(ctx, end)
    return Quantity(value, end, lead, value_max, approx, label, past)


def parse_number(ctx: Ctx, i: int) -> Hit | None:
    """A figure at token ``i`` with its hedge, unit and (for durations) «within»; a bare
    number takes its unit from an «عدد» phrase just before it."""
    hit = _parse_number(ctx, i)
    if hit is not None and hit.unit is None and hit.value is not None:
        unit = _counted_before(ctx, i)
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


def _counted_before(ctx: Ctx, i: int) -> str | None:
    """The unit of a bare number from the «عدد» phrase before it: «عدد المصابين 340 ألفا»,
    «عدد الضحايا بنحو 75 ألفا», «ارتفع عدد الوفيات إلى 1280» (the number of … is N). Only
    words may stand between: a number or punctuation ends the search."""
    for k in range(i - 1, max(-1, i - 5), -1):
        if ctx.kind(k) != "word":
            return None
        if k >= 1 and lookup(_COUNT_WORDS, ctx.word(k - 1)) is not None:
            noun = lookup(UNIT_NOUNS, ctx.word(k), conj=False, prep=False, art=True)
            if noun is not None and noun[0] not in TIME_UNITS and ctx.word(k).startswith(_ARTICLE):
                return noun[0]
    return None


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
    qty = _noun_first(ctx, i) or _dual(ctx, i) or _counted(ctx, i, "none")
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
