"""Is an item's English text supported by its cited quotes? (names and numbers, checked in code)

``unsupported_reasons`` lists what an English line states that no cited Arabic quote supports:

* numbers: every number written in the English (digits, thousands separators removed; the words
  one..ten) must be the item's value (or upper bound), a day or year of its date, or a number of a
  quote (Arabic-Indic digits, «ألف/مليون/مليار» scales and Arabic number words understood);
* names: every capitalized English word that is not sentence-initial (sentence-initial ones too
  when they are a known name or an acronym), not a month or weekday and not a function word or a
  capitalized common noun must be found in a quote: through CLDR territory names in English and
  Arabic (``babel``, when installed), the bilingual table ``data/names.json``, English demonyms
  ("Iraqi" -> Iraq), or else by comparing consonant skeletons of the English word and the
  romanized Arabic words of the quotes.

The checker is built for few false alarms on correct lines: an Arabic word supports a name when it
starts with the name's stem after the clitics, and a romanized skeleton may differ by one letter.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "NameTable",
    "arabic_numbers",
    "english_names",
    "english_numbers",
    "fold_arabic",
    "name_table",
    "romanize_arabic",
    "skeleton_english",
    "sounds_alike",
    "unsupported_reasons",
]

# --------------------------------------------------------------------------------------------
# Arabic text: folding, words, clitics
# --------------------------------------------------------------------------------------------

_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u0640]")
_FOLD = str.maketrans("أإآٱىةؤئ", "اااايهوي")
_AR_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_CLITICS = ("وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
_LETTER_CLITICS = ("وب", "ول", "وك", "فب", "فل", "و", "ف", "ب", "ل", "ك")
_STEM_ENDINGS = "اهيى"


def fold_arabic(text: str) -> str:
    """Arabic text without diacritics or tatweel; alef, ya, ta marbuta and hamza seats unified."""
    return _DIACRITICS.sub("", text).translate(_FOLD)


def _word_forms(word: str) -> set[str]:
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
class _Quotes:
    """The cited quotes, prepared once: folded words with their clitic-free forms, numbers."""

    words: tuple[frozenset[str], ...]
    numbers: frozenset[float]

    @classmethod
    def of(cls, quotes: list[str]) -> _Quotes:
        words: list[frozenset[str]] = []
        numbers: set[float] = set()
        for quote in quotes:
            words += [frozenset(_word_forms(w)) for w in _AR_WORD.findall(fold_arabic(quote))]
            words.append(frozenset())  # quotes are not contiguous with each other
            numbers |= arabic_numbers(quote)
        return cls(words=tuple(words), numbers=frozenset(numbers))

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
# Numbers
# --------------------------------------------------------------------------------------------

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
_AR_SCALE = {
    "الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "بليون": 1e9, "تريليون": 1e12, "ترليون": 1e12,
}
# 'one' and 'two' are left out: Arabic states them by a singular or dual noun («عام», «الطرفين»)
_EN_WORDS = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}
_EN_WORD_NUMBER = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)
_AR_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8,
    "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20, "عشرين": 20,
    "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50, "مئه": 100,
    "مائه": 100, "مئات": 100, "الفين": 2000, "الفان": 2000, "مليونين": 2e6, "مليوني": 2e6,
    "مليارين": 2e9, "ملياري": 2e9,
    # ordinals: «الجولة التاسعة» supports 'round nine'
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
# a score or count of nothing: «بهدفين دون رد», «بثلاثية نظيفة», «صفر»
_AR_ZERO = re.compile(r"دون رد|بلا رد|نظيف|صفر|لا شيء")
# clock times in words: «العاشرة والنصف» is 10:30
_AR_MINUTES = {"والنصف": 30.0, "والربع": 15.0, "الا ربع": 45.0, "والثلث": 20.0}
_AR_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
_AR_COMPOUND = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*)?(مليونين|مليارين|مليوني|ملياري|مليون|مليار)\s+و\s*(\d+(?:\.\d+)?)\s*(?:الف|الاف)"
)


def _to_float(token: str) -> float:
    return float(token.replace(",", ""))


def english_numbers(text: str) -> list[tuple[str, float, float | None]]:
    """Numbers written in English text: (as written, value, value times a following scale word)."""
    found: list[tuple[str, float, float | None]] = []
    for m in _NUMBER.finditer(text):
        value = _to_float(m.group())
        after = re.match(r"\s*(thousand|million|billion|trillion|bn|m)\b", text[m.end() :], re.I)
        scaled = value * _EN_SCALE[after.group(1).lower()] if after else None
        found.append((m.group(), value, scaled))
    masked = text
    for m in _EN_WORD_NUMBER.finditer(masked):
        value = float(_EN_WORDS[m.group().lower()])
        after = re.match(r"\s*(thousand|million|billion|trillion)\b", masked[m.end() :], re.I)
        scaled = value * _EN_SCALE[after.group(1).lower()] if after else None
        found.append((m.group(), value, scaled))
    return found


def arabic_numbers(quote: str) -> set[float]:
    """Every number an Arabic quote states, raw and scaled by a following «ألف/مليون/مليار»."""
    text = fold_arabic(quote.translate(_AR_DIGITS))
    numbers: set[float] = set()
    for m in _NUMBER.finditer(text):
        raw = m.group()
        value = _to_float(raw)
        numbers.add(value)
        if re.fullmatch(r"\d+,\d{1,2}", raw):  # a decimal comma
            numbers.add(float(raw.replace(",", ".")))
        nxt = _AR_WORD.match(text[m.end() :].lstrip())
        if nxt:
            scale = next((s for w, s in _AR_SCALE.items() if w in _word_forms(nxt.group())), None)
            if scale:
                numbers.add(value * scale)
    numbers |= {float(m.group().replace(".", "")) for m in _AR_DOT_THOUSANDS.finditer(text)}
    for m in _AR_COMPOUND.finditer(text):  # «مليون و300 ألف» = 1,300,000
        scale = _AR_SCALE.get(m.group(2)) or float(_AR_WORDS[m.group(2)])  # duals: 2e6, 2e9
        numbers.add(float(m.group(1) or 1) * scale + float(m.group(3)) * 1e3)
    if _AR_ZERO.search(text):
        numbers.add(0.0)
    numbers |= {minutes for words, minutes in _AR_MINUTES.items() if words in text}
    for word in _AR_WORD.findall(text):
        for form in _word_forms(word):
            if form in _AR_WORDS:
                numbers.add(float(_AR_WORDS[form]))
            if form in _AR_SCALE:
                numbers.add(_AR_SCALE[form])  # «مليون لاجئ»: one million
    return numbers


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _date_numbers(date: str | None) -> set[float]:
    if not date:
        return set()
    parts = date.split("-")
    numbers = {float(parts[0])} if parts[0].isdigit() else set()
    if len(parts) == 3 and parts[2].isdigit():
        numbers.add(float(parts[2]))
    return numbers


def _number_reasons(
    text_en: str, quotes: _Quotes, value: float | None, value_max: float | None, date: str | None
) -> list[str]:
    allowed = {v for v in (value, value_max) if v is not None} | _date_numbers(date)
    allowed |= quotes.numbers
    reasons = []
    for written, raw, scaled in english_numbers(text_en):
        if any(_same(raw, a) or (scaled is not None and _same(scaled, a)) for a in allowed):
            continue
        reasons.append(f"number {written!r} is in no cited quote")
    return reasons


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


def _cldr_forms() -> dict[str, tuple[str, ...]]:
    """English territory names -> Arabic ones (and their distinctive words), via babel's CLDR."""
    try:
        from babel import Locale
    except ImportError:  # degrade: the table and romanization still work
        return {}
    english, arabic = Locale("en").territories, Locale("ar").territories
    forms: dict[str, tuple[str, ...]] = {}
    for code, name in english.items():
        if (not code.isalpha() and code not in _REGIONS) or code not in arabic:
            continue
        ar = arabic[code]
        distinctive = [w for w in ar.split() if fold_arabic(w) not in _GENERIC_AR]
        alternatives = (ar, *distinctive) if len(ar.split()) > 1 else (ar,)
        forms[name.lower()] = alternatives
    return forms


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


def _romanized_units(quotes: _Quotes) -> list[tuple[frozenset[str], ...]]:
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


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def _name_supported(name: _Name, quotes: _Quotes, units: list[tuple[frozenset[str], ...]]) -> bool:
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


# A denial in the quote («نفت السفارة التقارير») must stay a denial in the English.
_AR_DENIAL = re.compile(
    r"(?<![\u0621-\u064A])[وف]?(?:نفي|نفت|ينفي|تنفي|نفوا|ينفون|نافيا|نافيه)(?![\u0621-\u064A])"
)
_EN_NEGATION = re.compile(
    r"\b(?:den(?:y|ies|ied|ial|ying)|not|no|never|none|nothing|without|reject(?:s|ed)?|"
    r"refut(?:e|es|ed)|dismiss(?:es|ed)?|false|untrue|baseless)\b|n't\b",
    re.IGNORECASE,
)


def _polarity_reasons(text_en: str, quotes: list[str]) -> list[str]:
    for quote in quotes:
        denial = _AR_DENIAL.search(fold_arabic(quote))
        if denial and not _EN_NEGATION.search(text_en):
            return [f"the quote is a denial («{denial.group()}») but the English does not say so"]
    return []


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
    prepared = _Quotes.of([arabic])
    return _name_supported(_Name(words, None), prepared, _romanized_units(prepared))


def unsupported_reasons(
    text_en: str,
    quotes: list[str],
    value: float | None = None,
    date: str | None = None,
    *,
    value_max: float | None = None,
) -> list[str]:
    """What ``text_en`` states that none of ``quotes`` supports (empty list: all supported):
    numbers, names, and a denial in a quote that the English drops.

    ``value`` / ``value_max`` are the item's normalized value and upper bound, ``date`` its ISO
    date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): numbers equal to them are supported without a
    quote. Each reason is one English sentence naming the unsupported number or name.
    """
    prepared = _Quotes.of(quotes)
    reasons = _number_reasons(text_en, prepared, value, value_max, date)
    reasons += _polarity_reasons(text_en, quotes)
    table = name_table()
    units = _romanized_units(prepared)
    for name in _names(text_en, table):
        if not _name_supported(name, prepared, units):
            reasons.append(f"name {name.text!r} is in no cited quote")
    return reasons
