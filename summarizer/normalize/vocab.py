"""Vocabulary tables of the normalizer: months, weekdays, number words, units, hedges and cues.

The tables are data, in ``data/calendar.json``, ``data/numbers.json``, ``data/units.json`` and
``data/cues.json``. Their entries are written in ordinary spelling and folded with :func:`fold`
at import time, so the tables read naturally and always agree with the normalized text they are
matched against. This module holds the loader of those files and the rules that make lookup
tables of them (phrases longest first, compound number words, clitic readings).
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Container, Iterable, Mapping
from functools import cache, lru_cache
from importlib import resources
from typing import TypeVar, get_args

from summarizer.models import Approx
from summarizer.names import ARABIC_LETTERS
from summarizer.normalize.text import normalize

if typing.TYPE_CHECKING:
    from typing import Any, TypeGuard

T = TypeVar("T")
Phrase = tuple[str, ...]


def fold(text: str) -> str:
    """Return the normalized (folded) form of a vocabulary entry."""
    return normalize(text).text


# --- data files ----------------------------------------------------------------------------


@cache
def load_data(name: str) -> dict[str, object]:
    """The JSON object of ``data/<name>.json``, read once.

    Raises:
        ValueError: the file does not hold a JSON object.
    """
    raw = resources.files("summarizer").joinpath("data", f"{name}.json").read_text("utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError(f"data/{name}.json must hold an object")
    return data


def data_entry(name: str, key: str, check: Callable[[object], TypeGuard[T]], what: str) -> T:
    """The value at ``key`` of ``data/<name>.json``, which must pass ``check``.

    Raises:
        ValueError: the value is missing or is not ``what`` (said in the message).
    """
    value = load_data(name).get(key)
    if not check(value):
        raise ValueError(f"data/{name}.json: '{key}' must be {what}")
    return value


def is_word(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a word or phrase: a non-empty string, one space between words."""
    return isinstance(value, str) and bool(value) and value == " ".join(value.split())


def is_count(value: object) -> TypeGuard[int]:
    """Whether ``value`` is a JSON integer (not a boolean)."""
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: object) -> TypeGuard[float]:
    """Whether ``value`` is a JSON number, integer or not (not a boolean)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_words(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and bool(value) and all(is_word(w) for w in value)


def _is_object(value: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict) and bool(value)


def word_list(name: str, key: str) -> list[str]:
    """The list of words at ``key`` of ``data/<name>.json``.

    Raises:
        ValueError: it is missing, empty, or holds something other than words.
    """
    return data_entry(name, key, _is_words, "a non-empty list of words")


def word_table(
    name: str, key: str, is_value: Callable[[object], TypeGuard[T]], what: str
) -> dict[str, T]:
    """The object at ``key`` of ``data/<name>.json``: words to values that pass ``is_value``.

    Raises:
        ValueError: it is missing or empty, or an entry is not a word mapped to ``what``.
    """
    table = data_entry(name, key, _is_object, "a non-empty object")
    for word, value in table.items():
        if not is_word(word) or not is_value(value):
            raise ValueError(f"data/{name}.json: '{key}': {word!r} must map to {what}")
    return table


def _folded(name: str, key: str) -> frozenset[str]:
    return frozenset(fold(w) for w in word_list(name, key))


def _one_of(*choices: str) -> Callable[[object], TypeGuard[str]]:
    def check(value: object) -> TypeGuard[str]:
        return value in choices

    return check


def _is_approx(value: object) -> TypeGuard[Approx]:
    return value in get_args(Approx)


def _is_scale(value: object) -> TypeGuard[list[Any]]:
    """[scale, multiplier]: a float (1e3, ...) and a count or null."""
    return (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], float)
        and (value[1] is None or is_count(value[1]))
    )


def _is_unit(value: object) -> TypeGuard[dict[str, Any]]:
    """{"unit": label, "forms": [other forms]}."""
    return (
        isinstance(value, dict)
        and set(value) == {"unit", "forms"}
        and is_word(value["unit"])
        and isinstance(value["forms"], list)
        and all(is_word(form) for form in value["forms"])
    )


def _is_word_map(value: object) -> TypeGuard[dict[str, str]]:
    return _is_object(value) and all(is_word(k) and is_word(v) for k, v in value.items())


def _table(pairs: Iterable[tuple[str, T]]) -> dict[str, T]:
    return {fold(k): v for k, v in pairs}


def _phrases(pairs: Iterable[tuple[str, T]]) -> tuple[tuple[Phrase, T], ...]:
    """Multi-word entries as tuples of folded words, longest first."""
    items = [(tuple(fold(k).split()), v) for k, v in pairs]
    return tuple(sorted(items, key=lambda item: -len(item[0])))


def _lookup_table(
    name: str, key: str, is_value: Callable[[object], TypeGuard[T]], what: str
) -> dict[str, T]:
    """A word table of a data file, its words folded."""
    return _table(word_table(name, key, is_value, what).items())


def _phrase_table(
    name: str, key: str, is_value: Callable[[object], TypeGuard[T]], what: str
) -> tuple[tuple[Phrase, T], ...]:
    """A phrase table of a data file, its phrases folded and longest first."""
    return _phrases(word_table(name, key, is_value, what).items())


def _by_value(table: Mapping[str, int]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """The words of a table grouped by value, in the order the values first appear."""
    values = dict.fromkeys(table.values())
    return tuple((n, tuple(w for w, m in table.items() if m == n)) for n in values)


def _compounds(
    counts: Iterable[tuple[int, Iterable[str]]], spellings: list[str], scale: int
) -> list[tuple[str, int]]:
    """Count words written joined to a scale word («ثلاثمائة»), with their values."""
    return [(p + s, scale * n) for n, ps in counts for p in ps for s in spellings]


# --- clitics -------------------------------------------------------------------------------

# The clitic grammar stays with the code that applies it (the article, «لل» for ل + ال).
_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


@lru_cache(maxsize=65536)
def stems(
    word: str, conj: bool = True, prep: bool = True, art: bool = False
) -> tuple[tuple[str, int, bool], ...]:
    """Candidate (stem, prefix length, had article) readings of ``word``, unstripped first."""
    out: list[tuple[str, int, bool]] = []
    for c in _CONJ if conj else ("",):
        for p in _PREP if prep else ("",):
            for a in ("", "ال") if art else ("",):
                prefix = c + ("لل" if p == "ل" and a else p + a)
                if not word.startswith(prefix):
                    continue
                stem = word[len(prefix) :]
                if len(stem) >= 2 or not prefix:
                    out.append((stem, len(prefix), bool(a)))
    out.sort(key=lambda item: item[1])
    return tuple(out)


def lookup(
    table: Mapping[str, T], word: str, conj: bool = True, prep: bool = True, art: bool = False
) -> tuple[T, int] | None:
    """Look a word up with optional clitic prefixes; return (value, span lead).

    The span lead is the length of the clitics to leave out of a mention (و, ف, ب, ل, ك),
    the article staying in: «والعام» → 1 («العام»), «للعام» → 0.
    """
    for stem, plen, had_art in stems(word, conj, prep, art):
        if stem in table:
            return table[stem], span_lead(plen, had_art)
    return None


def has_stem_in(table: Container[str], word: str) -> bool:
    """Whether ``word``, or a reading of it without its clitics (و, ف, ب, ل, ك), is in
    ``table``."""
    return any(stem in table for stem, _, _ in stems(word))


def span_lead(prefix_len: int, had_art: bool) -> int:
    """Clitic characters to skip at the start of a span (the article is kept)."""
    return prefix_len - 2 if had_art else prefix_len


# --- calendar (data/calendar.json) ---------------------------------------------------------

MONTH_NAMES: tuple[tuple[Phrase, int], ...] = _phrase_table(
    "calendar", "months", is_count, "a month number"
)
AMBIGUOUS_MONTHS = _folded("calendar", "ambiguous_months")

HIJRI_MONTHS = _folded("calendar", "hijri_months")
_MONTH_WORDS = {words[0]: month for words, month in MONTH_NAMES if len(words) == 1}
_MONTH_FRAME = frozenset(fold(w) for w in ("في", "وفي", "شهر", "بشهر", "لشهر", "خلال"))


def month_named(text: str) -> int | None:
    """The month that ``text`` is the name of, alone or after a clitic or «شهر» («مارس»,
    «وفي أيلول», «بشهر مايو»), or None: a date the normalizer could not place in a year
    still says which month it is, «المقبل» or «الماضي» after it too; both of its names, as
    news agencies write it («يونيو/حزيران»), are that month too."""
    words = [fold(w) for w in re.findall(rf"[{ARABIC_LETTERS}]+", text)]
    # «يناير المقبل»: a month the normalizer could not place in a year is still that month
    words = [w for w in words if w not in _MONTH_FRAME and w not in MODIFIERS]
    found = [lookup(_MONTH_WORDS, word) for word in words]
    months = {month[0] for month in found if month is not None}
    if len(words) not in (1, 2) or None in found or len(months) != 1:
        return None
    return months.pop()
WEEKDAYS: dict[str, int] = _lookup_table("calendar", "weekdays", is_count, "a weekday number")
WEEKDAY_BLOCKERS = _folded("calendar", "weekday_blockers")
DAY_TIME_WORDS = _folded("calendar", "day_time_words")

PAST, NEXT, CURRENT = "past", "next", "current"
MODIFIERS: dict[str, str] = _lookup_table(
    "calendar", "modifiers", _one_of(PAST, NEXT, CURRENT), "past, next or current"
)
PERIOD_NOUNS: dict[str, str] = _lookup_table(
    "calendar", "period_nouns", _one_of("month", "year", "week"), "a period"
)
THIS_WORDS = _folded("calendar", "this_words")
RELATIVE_DAYS: tuple[tuple[Phrase, int], ...] = _phrase_table(
    "calendar", "relative_days", is_count, "an offset in days"
)
TODAY_NAME_WORDS = _folded("calendar", "today_name_words")
PART_WORDS = _folded("calendar", "part_words")
WEAK_PART_WORDS = _folded("calendar", "weak_part_words")
YEAR_WORDS = _folded("calendar", "year_words")
YEAR_PREPS = _folded("calendar", "year_preps")
ORDINAL_DAYS: tuple[tuple[Phrase, int], ...] = _phrase_table(
    "calendar", "ordinal_days", is_count, "a day of the month"
)
EVENT_NAME_WORDS = _folded("calendar", "event_name_words")
LAST_WORDS = _folded("calendar", "last_words")

# --- cues (data/cues.json) -----------------------------------------------------------------

DATE_CUES: tuple[tuple[Phrase, str], ...] = _phrase_table(
    "cues", "date_cues", is_word, "a qualifier"
)
AT_LEAST = tuple(fold(data_entry("cues", "at_least", is_word, "a phrase")).split())
HEDGES: tuple[tuple[Phrase, Approx], ...] = _phrase_table(
    "cues", "hedges", _is_approx, "an approximation"
)
POST_HEDGES: tuple[tuple[Phrase, Approx], ...] = _phrase_table(
    "cues", "post_hedges", _is_approx, "an approximation"
)


def is_hedge_word(arabic_word: str) -> bool:
    """Whether a word is one of the normalizer's hedges («نحو», «قرابة», «أكثر»): it says how
    exact a value is, said by the value's own qualifier, not what the value is about."""
    return has_stem_in(_HEDGE_WORDS, fold(arabic_word))


_HEDGE_WORDS = frozenset(
    word for table in (HEDGES, POST_HEDGES) for phrase, _ in table for word in phrase
)
CHANGE_VERBS = _folded("cues", "change_verbs")
FORECAST_WORDS = _folded("cues", "forecast_words")
WHEN_LINKS = _folded("cues", "when_links")
BACK_LINKS = _folded("cues", "back_links")
COMPARISON_WORDS = _folded("cues", "comparison_words")
SINCE_WORDS = _folded("cues", "since_words")
SPAN_WORDS = _folded("cues", "span_words")
INSTEAD_WORDS = tuple(sorted(_folded("cues", "instead_words"), key=len, reverse=True))
EACH_WORDS = tuple(sorted(tuple(p.split()) for p in _folded("cues", "each_words")))
RANGE_OPENERS = _folded("cues", "range_openers")
DURATION_CUES: tuple[tuple[Phrase, str], ...] = _phrase_table(
    "cues", "duration_cues", is_word, "a qualifier"
)
REFERENCE_WORDS = _folded("cues", "reference_words")
REFERENCE_FILLERS = _folded("cues", "reference_fillers")
AFTER_BLOCKERS = _folded("cues", "after_blockers")

# --- numbers (data/numbers.json) -----------------------------------------------------------

UNIT_WORDS: dict[str, int] = _lookup_table("numbers", "unit_words", is_count, "a count")
TEEN_HEADS: dict[str, int] = _lookup_table("numbers", "teen_heads", is_count, "a count")
TEEN_TAILS = _folded("numbers", "teen_tails")
TEN_WORDS: dict[str, int] = _table(
    (stem + ending, value)
    for stem, value in word_table("numbers", "ten_stems", is_count, "a count").items()
    for ending in word_list("numbers", "ten_endings")
)
HUNDRED_WORD = _folded("numbers", "hundred_word")
_HUNDRED_PREFIXES = _by_value(word_table("numbers", "hundred_prefixes", is_count, "a count"))
HUNDRED_WORDS: dict[str, int] = _table(
    [
        *word_table("numbers", "hundred_words", is_count, "a count").items(),
        *_compounds(_HUNDRED_PREFIXES, word_list("numbers", "hundred_suffixes"), 100),
    ]
)
SCALE_WORDS: dict[str, tuple[float, int | None]] = _table(
    (word, (scale, multiplier))
    for word, (scale, multiplier) in word_table(
        "numbers", "scale_words", _is_scale, "[scale, multiplier]"
    ).items()
)
FRACTIONS: dict[str, float] = _lookup_table("numbers", "fractions", is_number, "a number")
VAGUE_COUNTS: dict[str, float] = _lookup_table("numbers", "vague_counts", is_number, "a number")
VAGUE_SCALES: dict[str, float] = _lookup_table("numbers", "vague_scales", is_number, "a number")
FEW_WORDS = _folded("numbers", "few_words")
DUAL_NOUNS: dict[str, str] = _lookup_table("numbers", "dual_nouns", is_word, "a unit")
SCORE_NOUNS: dict[str, int] = _lookup_table("numbers", "score_nouns", is_count, "a count")
SCORE_TAILS = _folded("numbers", "score_tails")
SCORE_WORDS = _folded("numbers", "score_words")


def is_cardinal_word(arabic_word: str) -> bool:
    """Whether a word writes a number («ثلاث», «ألف», «مليار»): its value is the normalizer's."""
    tables: tuple[Mapping[str, object], ...] = (
        SCALE_WORDS, UNIT_WORDS, TEN_WORDS, HUNDRED_WORDS, TEEN_HEADS
    )
    return any(has_stem_in(table, fold(arabic_word)) for table in tables)


# --- units (data/units.json) ---------------------------------------------------------------

# (singular, other forms, unit)
_UNITS: tuple[tuple[str, tuple[str, ...], str], ...] = tuple(
    (noun, tuple(entry["forms"]), entry["unit"])
    for noun, entry in word_table("units", "counted_nouns", _is_unit, "a unit and forms").items()
)
UNIT_NOUNS: dict[str, str] = _table(
    (form, label) for sing, plurals, label in _UNITS for form in (sing, *plurals)
)
TIME_UNITS = frozenset(word_list("units", "time_units"))
WHOLE_UNITS = frozenset(word_list("units", "whole_units"))
# «سنتيم»: a unit that is the hundredth of the currency units listed with it
SUBUNITS: dict[str, frozenset[str]] = {
    unit: frozenset(of)
    for unit, of in word_table("units", "subunits", _is_words, "a list of units").items()
}
# «يوم», «شهر»: a time noun in the singular, which before a number counts no time («اليوم 22»)
TIME_SINGULARS = frozenset(fold(sing) for sing, _, label in _UNITS if label in TIME_UNITS)
PERCENT_WORDS: tuple[tuple[Phrase, str], ...] = _phrases(
    (word, "%") for word in word_list("units", "percent_words")
)
SQUARE_WORDS = _folded("units", "square_words")
CURRENCY_ADJECTIVES: dict[tuple[str, str], str] = {
    (label, fold(adj)): code
    for label, pairs in word_table(
        "units", "currency_adjectives", _is_word_map, "adjectives and their codes"
    ).items()
    for adj, code in pairs.items()
}
GLUED_UNITS = frozenset(word_list("units", "glued_units"))
DISEASE_WORDS = _folded("units", "disease_words")
