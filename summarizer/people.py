"""Person names in Arabic text, each with its attested Latin spelling.

Arabic writes no short vowels, so a name's Latin spelling cannot be read off its letters
(«مدبولي» is Madbouly, not "Madbuli"), and a small model guesses other people's names. The
spellings come from the ``arabic-name-romanizer`` dictionary (the ``names`` extra: spellings
attested in Wikidata and name corpora); a name it does not know has no English here. Without
the package, no person is named in English, and the brief says less.

A name is found where Arabic news puts one: after a word that introduces a person
(``people.json`` ``before_name``: «الدكتور مصطفى مدبولي») or before a comma and a title
(«نبيل فهمي، وزير الخارجية الأسبق»). Each of its words must be a name the dictionary knows,
none a place, and the spelling must read like the Arabic letters (:func:`sounds_alike`).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Protocol

from summarizer.names import ARABIC_WORD, fold_arabic, function_words_ar, sounds_alike
from summarizer.normalize.named import names_in

__all__ = ["PeopleWords", "Person", "parse_people", "people_in", "people_words"]

log = logging.getLogger(__name__)

_MOST_NAME_WORDS = 8  # «محمد بن سلمان بن عبد العزيز آل سعود»
_LEAST_NAME_WORDS = 2  # one word alone («فهمي»: understanding) is as often a common word


@dataclass(frozen=True)
class Person:
    """A person's name in a text: where it stands, as written, and its Latin spelling."""

    start: int
    end: int
    arabic: str
    latin: str


@dataclass(frozen=True)
class PeopleWords:
    """The words that introduce a person's name before it or a title after its comma."""

    before_name: frozenset[str]
    after_comma: frozenset[str]
    reach: int
    not_first: frozenset[str] = frozenset()  # «باسم»: on behalf of, after a spokesman


def parse_people(data: object) -> PeopleWords:
    """Validate the content of ``data/people.json``."""
    if not isinstance(data, dict):
        raise ValueError("people.json: an object is expected")
    lists = {}
    for key in ("before_name", "after_comma", "not_first"):
        words = data.get(key)
        if (
            not isinstance(words, list)
            or not words
            or not all(isinstance(w, str) and ARABIC_WORD.fullmatch(w) for w in words)
        ):
            raise ValueError(f"people.json: {key} must be a list of Arabic words")
        lists[key] = frozenset(fold_arabic(w) for w in words)
    reach = data.get("reach")
    if not isinstance(reach, int) or not 0 < reach < 10:
        raise ValueError("people.json: reach must be a small positive number of words")
    return PeopleWords(lists["before_name"], lists["after_comma"], reach, lists["not_first"])


@cache
def people_words() -> PeopleWords:
    """Load ``data/people.json`` once."""
    raw = resources.files("summarizer").joinpath("data", "people.json").read_text("utf-8")
    return parse_people(json.loads(raw))


class _Spellings(Protocol):
    def transliterate(self, text: str, top_k: int = 1) -> object: ...


@cache
def _dictionary() -> _Spellings | None:
    """The attested spellings, without the package's model or rules (which guess), or None
    when the ``names`` extra is not installed."""
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:
        log.info("arabic-name-romanizer is not installed: no person is named in English")
        return None
    spellings: _Spellings = Transliterator(auto_load_model=False, use_rules_fallback=False)
    return spellings


@dataclass(frozen=True)
class _Spelling:
    latin: str
    whole: bool  # attested as one name, all its words together
    last_rare: bool  # its last word is a rare name that may be a word with its clitic


_RARE = 2  # a name attested fewer times than this
_CLITIC_LETTERS = ("ب", "ل", "ك", "و", "ف")
# The words that join a name to the next («بن سلمان», «آل سعود», «عبد الله», «أبو بكر»).
_PARTICLES = frozenset(fold_arabic(w) for w in ("بن", "ابن", "بنت", "آل", "عبد", "أبو", "أم", "ذو"))


@lru_cache(maxsize=8192)
def _attested(arabic: str) -> _Spelling | None:
    """The most common attested Latin spelling of a name of several words, or None when any
    of its words has none (or the package is missing)."""
    spellings = _dictionary()
    if spellings is None:
        return None
    candidates = spellings.transliterate(arabic, top_k=2)
    if not isinstance(candidates, list) or not candidates:
        return None
    best = candidates[0]
    latin, source = getattr(best, "text", None), getattr(best, "source", None)
    if not isinstance(latin, str) or source != "dictionary" or not sounds_alike(latin, arabic):
        return None
    units = getattr(best, "units", None) or []
    last = units[-1] if units else None
    rare = last is not None and getattr(last, "count", 0) < _RARE
    clitic = last is not None and str(getattr(last, "arabic", "")).startswith(_CLITIC_LETTERS)
    return _Spelling(latin, not units, rare and clitic)


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    folded: str
    comma_after: bool  # a comma right after the word
    closed: bool  # other punctuation right after it: a name does not run on


_CLITIC = ("و", "ف")
_PUNCTUATION = re.compile(r"\s*([،,.:;؛!?؟()«»\"“”])")


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in ARABIC_WORD.finditer(text):
        after = _PUNCTUATION.match(text, match.end())
        mark = after.group(1) if after else ""
        tokens.append(
            _Token(match.start(), match.end(), fold_arabic(match.group()), mark in "،,", bool(mark))
        )
    return tokens


def _introduces(folded: str, words: frozenset[str]) -> bool:
    return folded in words or (folded[:1] in _CLITIC and folded[1:] in words)


def opens_name(word: str) -> bool:
    """Whether ``word`` is a role or title that introduces a person's name after it
    («اللاعب», «الوزير», «الدكتور»: the words of ``before_name``)."""
    return _introduces(fold_arabic(word), people_words().before_name)


def opens_title(word: str) -> bool:
    """Whether ``word`` opens a title after a person's name («محافظ», «وزير», «رئيس»: the
    words of ``after_comma``), with or without a comma before it."""
    return _introduces(fold_arabic(word), people_words().after_comma)


def _function_word(folded: str, stops: frozenset[str]) -> bool:
    """A function word, alone or after its clitic («في», «بأن», «وفي»)."""
    return folded in stops or (folded[:1] in _CLITIC_LETTERS and folded[1:] in stops)


def _name_at(
    text: str, tokens: list[_Token], i: int, places: list[tuple[int, int]]
) -> Person | None:
    """The name of attested spelling that starts at token ``i`` (one attested whole first,
    else the longest), or None. A name opens with no «ال» and holds no function word."""
    if tokens[i].folded.startswith("ال") or tokens[i].folded in people_words().not_first:
        return None
    stops = function_words_ar()  # no word of a name
    runs: list[tuple[_Spelling, Person]] = []
    for size in range(_LEAST_NAME_WORDS, min(_MOST_NAME_WORDS, len(tokens) - i) + 1):
        run = tokens[i : i + size]
        if _function_word(run[-1].folded, stops) or any(t.closed for t in run[:-1]):
            break  # a comma or a stop inside: two phrases, not one name
        if opens_title(text[run[-1].start : run[-1].end]):
            break  # «نبيل فهمي وزير الخارجية»: the title after a name is none of its words
        if run[-1].folded in _PARTICLES:
            continue  # «بن», «آل»: the name goes on
        start, end = run[0].start, run[-1].end
        if any(p_start < end and start < p_end for p_start, p_end in places):
            break  # «أمير قطر»: a place is no one's name
        spelling = _attested(text[start:end])
        if spelling is None:
            break  # a word of no attested spelling: no longer run has one either
        if not spelling.last_rare:
            runs.append((spelling, Person(start, end, text[start:end], spelling.latin)))
    whole = [person for spelling, person in runs if spelling.whole]
    chosen = whole or [person for _, person in runs]
    return chosen[-1] if chosen else None


def people_in(text: str) -> list[Person]:
    """The persons ``text`` names where news introduces them, in order, once each place."""
    table = people_words()
    tokens = _tokens(text)
    places = [(n.start, n.end) for n in names_in(text)]
    found: list[Person] = []
    taken = 0  # where the last name found ends
    for i, token in enumerate(tokens):
        if token.start < taken:
            continue
        person = None
        if _introduces(token.folded, table.before_name):
            for k in range(i + 1, min(i + 1 + table.reach, len(tokens))):
                person = _name_at(text, tokens, k, places)
                if person is not None or (tokens[k - 1].closed and not tokens[k - 1].comma_after):
                    break
        if person is None:
            person = _appositive(text, tokens, i, places, table)
        if person is None and token.folded in _COMPOUND_HEADS:
            person = _whole_name(text, tokens, i, places)
        if person is not None:
            found.append(person)
            taken = person.end
    return found


# «عبد», «أبو»: a name opened by them and attested whole, of three words or more, is a
# person's wherever it stands («فوز عبد الفتاح السيسي»): no common phrase is spelled so.
_COMPOUND_HEADS = frozenset(fold_arabic(w) for w in ("عبد", "أبو"))
_WHOLE_NAME_WORDS = 3


def _whole_name(
    text: str, tokens: list[_Token], i: int, places: list[tuple[int, int]]
) -> Person | None:
    """A name at token ``i`` attested whole, of ``_WHOLE_NAME_WORDS`` words or more, or None."""
    person = _name_at(text, tokens, i, places)
    spelling = _attested(person.arabic) if person is not None else None
    if person is None or spelling is None or not spelling.whole:
        return None
    return person if len(person.arabic.split()) >= _WHOLE_NAME_WORDS else None


def _appositive(
    text: str, tokens: list[_Token], i: int, places: list[tuple[int, int]], table: PeopleWords
) -> Person | None:
    """A name at token ``i`` right before a comma and a title («نبيل فهمي، وزير …»)."""
    person = _name_at(text, tokens, i, places)
    if person is None:
        return None
    last = next(k for k in range(i, len(tokens)) if tokens[k].end == person.end)
    title = tokens[last + 1] if last + 1 < len(tokens) else None
    if not tokens[last].comma_after or title is None:
        return None
    return person if _introduces(title.folded, table.after_comma) else None

