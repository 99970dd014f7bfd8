"""One merged item from its members: the most precise value shown, each other source with its
own; whether two values are one (a rounding of the other)."""

from __future__ import annotations

import math
import re
from typing import TypeVar

from summarizer.models import (
    Deadline,
    Event,
    Figure,
    Source,
)
from summarizer.normalize.formatting import MONTHS_EN, format_number
from summarizer.normalize.lexicon import ACTION_NAMES

# The kind of item a merge function takes and gives back (one of the brief's three lists).
Item = TypeVar("Item", Deadline, Figure, Event)
CLOSE = 0.005  # an exact value this near a more precise one may be its rounding (57, 57.2)


def combine(cluster: list[Item]) -> Item:
    """One item for a cluster: its most precisely stated member (57.2 % over a source's «57%»),
    citing every member's sources, that member's first."""
    first: Item = max(cluster, key=precision)
    ordered = [first] + [member for member in cluster if member is not first]
    sources = [s for member in ordered for s in own_values(member, first)]
    lines = [(m.text.en, _own_number(m, first)) for m in ordered]
    text = first.text.model_copy(update={"en": joined_key_words(lines)})
    return first.model_copy(update={"sources": sources, "text": text})


_KEY_WORDS = re.compile(r"^(?P<head>.*?) \((?P<words>[^()]*)\)$")
MOST_KEY_WORDS = 7  # key words of a merged line, from all its members


def _own_number(member: Item, shown: Item) -> str | None:
    """A member's value as its line writes it, when it is not the value shown (a rounding)."""
    if not isinstance(member, Figure) or not isinstance(shown, Figure):
        return None
    return None if member.value == shown.value else format_number(member.value)


def joined_key_words(lines: list[tuple[str, str | None]]) -> str:
    """The first line with the key words in parentheses of every line after its own, once
    each: each member's words gloss its own quote, and the merged item cites them all; a key
    word that writes a member's own other value («out of 5,100,000», for a shown 5,123,456)
    is left out."""
    first = _KEY_WORDS.match(lines[0][0])
    head = first.group("head") if first else lines[0][0]
    words: list[str] = []
    for position, (line, own_number) in enumerate(lines):
        found = _KEY_WORDS.match(line)
        for word in found.group("words").split(", ") if found else ():
            # another member's numbers are its own (a rounding); what happens by a date is
            # the shown line's («ends» of one member beside «continues» of another)
            foreign = (own_number is not None and own_number in word) or (
                position > 0 and word in ACTION_NAMES
            )
            said = word.lower() in head.lower()  # the line's own words («Iraq announced»)
            if word and not foreign and not said and word.lower() not in {w.lower() for w in words}:
                words.append(word)
    if not words:
        return lines[0][0]
    # The members' dates say when (as a line's own dates do): kept besides what is counted.
    when = [word for word in words if _says_when(word)]
    what = [word for word in words if word not in when]
    return f"{head} ({', '.join(what[:MOST_KEY_WORDS] + when)})"


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _says_when(word: str) -> bool:
    """Whether a key word is a date or a month ("May", "since August 2024", "2025")."""
    return bool(_YEAR.search(word)) or any(part in MONTHS_EN for part in word.split())


def own_values(member: Item, shown: Item) -> list[Source]:
    """A member's sources, each marked with the member's value where it is not the one shown
    (the source rounds it)."""
    if not isinstance(member, Figure) or not isinstance(shown, Figure):
        return member.sources
    if member.value == shown.value:
        return member.sources
    return [s.model_copy(update={"value": member.value}) for s in member.sources]


def precision(item: Deadline | Figure | Event) -> int:
    return significant(item.value) if isinstance(item, Figure) else 0


def leading(value: float | None) -> float | None:
    """A value to two significant digits: the block in which one figure may be another's
    rounding (57.2 and «57%», 6,482,000 and «نحو 6.5 ملايين»)."""
    return None if value is None else float(f"{value:.2g}")


def significant(value: float) -> int:
    """How many significant digits ``value`` is written with (84.3: 3; 8,000,000: 1)."""
    mantissa = f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0")
    return max(1, len(mantissa))


PRECISE = 3  # significant digits of a value an article does not repeat by chance (84.3, 1,575)


def restated(left: Item, right: Item) -> bool:
    """Whether one article states one figure twice: the same precise value (``PRECISE``
    significant digits or more) and unit in two sentences («84.3%» in the headline and the
    body), with the same hedge, is one fact, whatever the words around it. "About" a precise
    value is that value («ما يعادل 57.30%»); a bound («أكثر من») is another claim."""
    if not isinstance(left, Figure) or not isinstance(right, Figure):
        return False
    same = (left.value, left.value_max, left.unit) == (right.value, right.value_max, right.unit)
    alike = left.approx == right.approx or {left.approx, right.approx} <= _ROUGHLY
    return same and alike and significant(left.value) >= PRECISE


_ROUGHLY = frozenset({"exact", "about"})  # hedges one precise value may be written with


def same_value(left: Figure, right: Figure) -> bool:
    """Equal values, or one the other's rounding: «نحو 6.5 ملايين» for 6,482,000 (said to be
    approximate), 57 % for 57.2 % (exact, but within half a percent). A round number stated
    exactly is no rounding («100» for 104, «23 جنيها» for 23.5)."""
    if (left.value_max is None) != (right.value_max is None):
        return False
    pairs = [(left.value, right.value), (left.value_max or 0.0, right.value_max or 0.0)]
    return all(rounds(a, b, left, right) for a, b in pairs)


def rounds(a: float, b: float, left: Figure, right: Figure) -> bool:
    if a == b:
        return True
    (precise, _), (rough, rough_item) = sorted(
        [(a, left), (b, right)], key=lambda pair: -significant(pair[0])
    )
    digits = significant(rough)
    if digits == significant(precise) or rough == 0:
        return False
    if rough_item.approx == "exact" and (digits < 2 or abs(precise - rough) > CLOSE * rough):
        return False  # «23 جنيها» is no rounding of 23.5: a price of two digits is exact
    quantum = 10.0 ** (math.floor(math.log10(abs(rough))) - digits + 1)
    return abs(precise - rough) <= quantum / 2 * (1 + 1e-9)
