"""English names in a text, and whether Arabic quotes support them.

A capitalized English word that is not sentence-initial (sentence-initial ones too when they are
a known name, a demonym or an acronym), not a month or weekday and not a function word or a
capitalized common noun, is a name. It is supported when a quote has its Arabic form: through
CLDR territory names in English and Arabic (``babel``, when installed), the bilingual table
``data/names.json``, English demonyms ("Iraqi" -> Iraq), or else when the consonant skeleton of
the English word matches a romanized Arabic word of a quote (one letter may differ in skeletons of
four letters or more). An Arabic word supports a name when, without its clitics, it starts with
the name's stem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "ARABIC_WORD",
    "NameTable",
    "QuoteWords",
    "english_names",
    "fold_arabic",
    "name_table",
    "romanize_arabic",
    "skeleton_english",
    "sounds_alike",
    "unsupported_names",
    "word_forms",
]

# --------------------------------------------------------------------------------------------
# Arabic text: folding, words, clitics
# --------------------------------------------------------------------------------------------

_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u0640]")
_FOLD = str.maketrans("أإآٱىةؤئ", "اااايهوي")
# The letters of an Arabic word and the vowel marks written on them (a shadda or a damma
# stands inside its word): the character class of every Arabic word pattern.
ARABIC_LETTERS = r"\u0621-\u065F\u0670"
ARABIC_WORD = re.compile(rf"[{ARABIC_LETTERS}\u0671-\u06D3]+")
_CLITICS = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_LETTER_CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_STEM_ENDINGS = "اهيى"


def fold_arabic(text: str) -> str:
    """Arabic text without diacritics or tatweel; alef, ya, ta marbuta and hamza seats unified."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


@cache
def function_words_ar() -> frozenset[str]:
    """The folded Arabic function words of ``data/stopwords.json``, loaded once.

    Raises:
        ValueError: ``words`` is not a list of non-empty strings.
    """
    raw = resources.files("summarizer").joinpath("data", "stopwords.json").read_text("utf-8")
    words = json.loads(raw).get("words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError("data/stopwords.json: 'words' must be a list of non-empty strings")
    return frozenset(fold_arabic(w) for w in words)


def word_forms(word: str) -> set[str]:
    """A folded Arabic word and what is left of it without its leading clitics."""
    forms = {word}
    for clitic in _CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            forms.add(word[len(clitic) :])
    for clitic in _LETTER_CLITICS:
        rest = word[len(clitic) :]
        if word.startswith(clitic) and len(rest) >= 2:
            forms.add(rest)
            if rest.startswith("ال") and len(rest) >= 4:
                forms.add(rest[2:])
    return forms


def _stem(word: str) -> str:
    """Folded stem of an Arabic name word: no article, no final alef / ta marbuta / ya."""
    word = fold_arabic(word)
    if word.startswith("ال") and len(word) > 4:
        word = word[2:]
    if len(word) > 3 and word[-1] in _STEM_ENDINGS:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class QuoteWords:
    """The cited quotes' words, prepared once: folded, each with its clitic-free forms."""

    words: tuple[frozenset[str], ...]

    @classmethod
    def of(cls, quotes: list[str]) -> QuoteWords:
        """Prepare the words of ``quotes`` (a quote's end separates words from the next one)."""
        words: list[frozenset[str]] = []
        for quote in quotes:
            words += [frozenset(word_forms(w)) for w in ARABIC_WORD.findall(fold_arabic(quote))]
            words.append(frozenset())
        return cls(words=tuple(words))

    def has_phrase(self, phrase: str) -> bool:
        """True when consecutive quote words start with the stems of ``phrase``'s words."""
        stems = [_stem(w) for w in phrase.split()]
        if not stems or not all(stems):
            return False
        n = len(stems)
        for i in range(len(self.words) - n + 1):
            if all(
                any(f.startswith(s) for f in self.words[i + k]) for k, s in enumerate(stems)
            ):
                return True
        return False


# --------------------------------------------------------------------------------------------
# Names: the bilingual table (data/names.json + CLDR) and English name spans
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameTable:
    """English name forms (lowercased) -> Arabic forms, and the English words that are no names."""

    forms: dict[str, tuple[str, ...]]
    generic: frozenset[str]
    function_words: frozenset[str]
    calendar: frozenset[str]
    caps: frozenset[str]
    single: tuple[str, ...]
    longest: int

    def arabic(self, english: str) -> tuple[str, ...] | None:
        """Arabic forms of an English name, if the table knows it."""
        return self.forms.get(english.lower())


_GENERIC_AR = frozenset(
    fold_arabic(w)
    for w in (
        "المملكة", "العربية", "المتحدة", "جمهورية", "الجمهورية", "الاتحاد", "الأراضي", "دولة",
        "الشعبية", "الديمقراطية", "الإسلامية", "الجنوبية", "الشمالية", "الشرقية", "الغربية",
        "جزر", "الوسطى", "الاتحادية", "منطقة", "إقليم", "الخاصة", "الإدارية", "جزيرة",
    )
)
_REGIONS = frozenset({"002", "142", "150"})


def _cldr_territories() -> tuple[tuple[str, str], ...]:
    """(English, Arabic) names of CLDR's territories (countries and a few regions), via babel;
    none without babel. Read by the two cached tables built from it."""
    try:
        from babel import Locale
    except ImportError:  # degrade: the table and romanization still work
        return ()
    english, arabic = Locale("en").territories, Locale("ar").territories
    return tuple(
        (name, arabic[code])
        for code, name in english.items()
        if (code.isalpha() or code in _REGIONS) and code in arabic
    )


def _cldr_forms() -> dict[str, tuple[str, ...]]:
    """English territory names -> Arabic ones (and their distinctive words), via babel's CLDR."""
    forms: dict[str, tuple[str, ...]] = {}
    for name, ar in _cldr_territories():
        distinctive = [w for w in ar.split() if fold_arabic(w) not in _GENERIC_AR]
        alternatives = (ar, *distinctive) if len(ar.split()) > 1 else (ar,)
        forms[name.lower()] = alternatives
    return forms


@lru_cache(maxsize=1)
def territories_arabic() -> dict[str, str]:
    """CLDR's Arabic territory names (vowel marks removed) -> their English names, via babel;
    empty without babel."""
    return {_VOWEL_MARKS.sub("", ar): name for name, ar in _cldr_territories()}


_VOWEL_MARKS = re.compile("[\u064B-\u0652]")


@lru_cache(maxsize=1)
def name_table() -> NameTable:
    """The bilingual name table, loaded once (``data/names.json`` over CLDR territory names)."""
    raw = resources.files("summarizer").joinpath("data", "names.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    forms = _cldr_forms()
    caps: set[str] = set()
    for entry in data["names"]:
        for en in entry["en"]:
            forms[en.lower()] = tuple(entry["ar"])
            if en.isupper():
                caps.add(en.lower())
    return NameTable(
        forms=forms,
        generic=frozenset(w.lower() for w in data["generic_en"]),
        function_words=frozenset(w.lower() for w in data["function_words_en"]),
        calendar=frozenset(w.lower() for w in data["calendar_en"]),
        caps=frozenset(caps),
        single=tuple(name for name in forms if name.isalpha()),
        longest=max(len(name.split()) for name in forms),
    )


_EN_TOKEN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.+-]*[A-Za-zÀ-ÿ+.]|[A-Za-zÀ-ÿ]")
_SENTENCE_END = re.compile(r"[.!?;]\s*$")
_ACRONYM = re.compile(r"[A-Z][A-Z.+]+")
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ese", "ish", "is", "i", "s")
_NAME_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an)[-‑]", re.IGNORECASE)


@dataclass(frozen=True)
class _Token:
    text: str
    initial: bool

    @property
    def bare(self) -> str:
        """The word without possessive or a sentence's full stop ('U.S.' keeps its dots)."""
        word = re.sub(r"['’]s$", "", self.text.rstrip("'’"))
        return word[:-1] if word.endswith(".") and word.count(".") == 1 else word

    @property
    def capitalized(self) -> bool:
        return self.text[0].isupper()


def _tokens(text: str) -> list[_Token]:
    """Words of an English text; hyphenated ones split ('UN-registered'), but not 'Al-Qaeda'."""
    tokens = []
    for m in _EN_TOKEN.finditer(text):
        before = text[: m.start()]
        initial = not before.strip() or bool(_SENTENCE_END.search(before))
        word = m.group()
        parts = [word] if _NAME_PREFIX.match(word) else [p for p in re.split(r"[-‑]", word) if p]
        tokens += [_Token(part, initial and k == 0) for k, part in enumerate(parts)]
    return tokens


def _demonym_country(word: str, table: NameTable) -> str | None:
    """'Iraqi' -> 'iraq', 'Lebanese' -> 'lebanon' (a one-word name the table knows), else None."""
    low = word.lower()
    for ending in _DEMONYM_ENDINGS:
        base = low[: -len(ending)]
        if not low.endswith(ending) or len(base) < 4:
            continue
        for name in table.single:
            if name.startswith(base) and len(name) - len(base) <= 2:
                return name
    return None


@dataclass(frozen=True)
class _Name:
    """A name span of the English text: supported by its Arabic forms, or else by romanization."""

    words: tuple[str, ...]
    arabic: tuple[str, ...] | None

    @property
    def text(self) -> str:
        return " ".join(self.words)


def english_names(text_en: str) -> list[tuple[str, tuple[str, ...] | None]]:
    """Name spans of an English text: (span, its Arabic forms, or None for romanization)."""
    return [(n.text, n.arabic) for n in _names(text_en, name_table())]


def _names(text_en: str, table: NameTable) -> list[_Name]:
    tokens = _tokens(text_en)
    names: list[_Name] = []
    run: list[str] = []  # consecutive words matched by romanization, as one name

    def close_run() -> None:
        if run:
            names.append(_Name(tuple(run), None))
            run.clear()

    i = 0
    while i < len(tokens):
        match = _table_match(tokens, i, table)
        if match is not None:
            close_run()
            n, arabic = match
            names.append(_Name(tuple(t.bare for t in tokens[i : i + n]), arabic))
            i += n
            continue
        token = tokens[i]
        i += 1
        if not _is_name_word(token, table):
            close_run()
            continue
        country = _demonym_country(token.bare, table)
        if country is not None:
            close_run()
            names.append(_Name((token.bare,), table.forms[country]))
        elif _ACRONYM.fullmatch(token.bare):
            close_run()  # an acronym is a name of its own ('FFS' after a person's name)
            names.append(_Name((token.bare,), None))
        elif not token.initial:
            run.append(token.bare)
    close_run()
    return names


def _table_match(
    tokens: list[_Token], i: int, table: NameTable
) -> tuple[int, tuple[str, ...]] | None:
    """Longest span of capitalized words at ``i`` that the table knows: (length, Arabic forms)."""
    for n in range(min(table.longest, len(tokens) - i), 0, -1):
        span = tokens[i : i + n]
        if not span[0].capitalized or not span[-1].capitalized:
            continue
        phrase = " ".join(t.bare for t in span)
        key = phrase.lower()
        if key not in table.forms:
            continue
        if key in table.caps and not phrase.isupper():
            continue  # 'US', 'WHO' are names only in capitals ('us', 'Who')
        return n, table.forms[key]
    return None


def _is_name_word(token: _Token, table: NameTable) -> bool:
    if not token.capitalized or len(token.bare) < 2:
        return False  # 'Group B', 'Plan A'

    word = token.bare.lower()
    return not (word in table.function_words or word in table.calendar or word in table.generic)


# --------------------------------------------------------------------------------------------
# Romanization: consonant skeletons
# --------------------------------------------------------------------------------------------

_AR_LATIN: dict[str, frozenset[str]] = {
    k: frozenset(v)
    for k, v in {
        "ب": "b", "پ": "b", "ت": "t", "ث": "ts", "ج": "g", "خ": "k", "د": "d", "ذ": "dz", "ر": "r",
        "ز": "zs", "س": "s", "ش": "s", "ص": "s", "ض": "dz", "ط": "t", "ظ": "zd", "غ": "g", "ف": "f",
        "ڤ": "f", "ق": "kg", "ك": "k", "گ": "g", "ل": "l", "م": "m", "ن": "n", "چ": "sg",
    }.items()
}
_EN_DIGRAPHS = (
    *(("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "s"), ("th", "t"), ("dh", "d"), ("ph", "f")),
    *(("ck", "k"), ("dj", "g"), ("q", "k"), ("ce", "se"), ("ci", "si"), ("cy", "sy"), ("c", "k")),
    *(("x", "ks"), ("j", "g"), ("v", "f")),
    ("p", "b"),
)
_EN_FOLD = str.maketrans("àáâäãåèéêëìíîïòóôöõùúûüýÿç", "aaaaaaeeeeiiiiooooouuuuyyc")


def skeleton_english(word: str) -> str:
    """Consonant skeleton of an English (romanized) name: 'Khartoum' -> 'krtm'."""
    low = _NAME_PREFIX.sub("", word.lower().translate(_EN_FOLD))
    for digraph, latin in _EN_DIGRAPHS:
        low = low.replace(digraph, latin)
    consonants = [c for c in low if c in "bdfgklmnrstz"]
    return "".join(c for k, c in enumerate(consonants) if k == 0 or consonants[k - 1] != c)


def romanize_arabic(word: str) -> tuple[frozenset[str], ...]:
    """Consonant skeleton of an Arabic word, each letter a set of Latin readings."""
    letters = [_AR_LATIN[c] for c in fold_arabic(word) if c in _AR_LATIN]
    return tuple(s for k, s in enumerate(letters) if k == 0 or letters[k - 1] != s)


def _distance(en: str, ar: tuple[frozenset[str], ...], limit: int) -> int:
    """Edit distance between a Latin skeleton and a romanized Arabic one (sets of readings)."""
    prev = list(range(len(ar) + 1))
    for i, c in enumerate(en, 1):
        cur = [i] + [0] * len(ar)
        for j, readings in enumerate(ar, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c not in readings))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _romanized_units(quotes: QuoteWords) -> list[tuple[frozenset[str], ...]]:
    """Skeletons of every quote word form, and of each pair of adjacent words written as one."""
    units: list[tuple[frozenset[str], ...]] = []
    previous: list[tuple[frozenset[str], ...]] = []
    for forms in quotes.words:
        current = [romanize_arabic(f) for f in forms]
        units += current
        units += [p + c for p in previous for c in current]
        previous = current
    return [u for u in units if u]


def _romanized_match(word: str, units: list[tuple[frozenset[str], ...]]) -> bool:
    skeleton = skeleton_english(word)
    if not skeleton:
        return True  # nothing to compare ('Aya'): no evidence either way
    limit = 1 if len(skeleton) >= 4 else 0
    return any(
        abs(len(u) - len(skeleton)) <= limit and _distance(skeleton, u, limit) <= limit
        for u in units
    )


Skeleton = tuple[frozenset[str], ...]


def _name_supported(name: _Name, quotes: QuoteWords, units: list[Skeleton]) -> bool:
    """A table name by its Arabic forms; other words by romanization, alone or with a neighbour."""
    if name.arabic is not None:
        return any(quotes.has_phrase(ar) for ar in name.arabic)
    words = [w for word in name.words for w in re.split(r"[-‑]", _NAME_PREFIX.sub("", word)) if w]
    if _romanized_match("".join(words), units):
        return True
    ok = [_romanized_match(w, units) for w in words]
    for k in range(len(words) - 1):
        if not (ok[k] and ok[k + 1]) and _romanized_match(words[k] + words[k + 1], units):
            ok[k] = ok[k + 1] = True
    return all(ok)


def unsupported_names(text_en: str, quotes: QuoteWords) -> list[str]:
    """The names of ``text_en`` that none of the quotes supports, in order."""
    table = name_table()
    units = _romanized_units(quotes)
    return [n.text for n in _names(text_en, table) if not _name_supported(n, quotes, units)]


def sounds_alike(english: str, arabic: str) -> bool:
    """True when an English (romanized) name reads like Arabic text: 'Al-Shorouk' ~ «الشروق».

    Every English word but function words must match an Arabic word (or two adjacent ones)
    by consonant skeleton; the Arabic may hold more words than the English.
    """
    table = name_table()
    words = tuple(
        w for w in re.split(r"\s+", english.strip()) if w and w.lower() not in table.function_words
    )
    if not words:
        return False
    prepared = QuoteWords.of([arabic])
    return _name_supported(_Name(words, None), prepared, _romanized_units(prepared))
