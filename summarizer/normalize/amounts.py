"""Cardinals in digits and words («ألفين و700», «ثلاثة ملايين و(500) ألف») and vague counts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from summarizer.models import Approx
from summarizer.normalize.context import Ctx
from summarizer.normalize.vocab import (
    FEW_WORDS,
    FRACTIONS,
    HUNDRED_WORD,
    HUNDRED_WORDS,
    SCALE_WORDS,
    TEEN_HEADS,
    TEEN_TAILS,
    TEN_WORDS,
    UNIT_WORDS,
    VAGUE_COUNTS,
    VAGUE_SCALES,
    fold,
    lookup,
    span_lead,
    stems,
)

AtomKind = Literal["dig", "unit", "teen", "ten", "hund", "scale", "frac"]

_AND = "و"
_OPEN, _CLOSE = "(", ")"
_FEW = dict.fromkeys(FEW_WORDS, 1.0)


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
    """A cardinal in digits, words or both: «ألفين و700», «ثلاثة ملايين و(500) ألف»."""
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


def vague_count(ctx: Ctx, i: int) -> Quantity | None:
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
