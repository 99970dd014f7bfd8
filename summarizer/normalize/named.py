"""The places and countries an Arabic text names, with their English: the lexicon's places,
CLDR's territory names and the countries of nisba adjectives («الأردني», «القطرية»); and the
numbers that name a thing rather than count it («المادة 7», «الطراز 320»).

A name read this way is a word of the article with a maintained English form, so a line may show
it as a key word («12 نقطة» beside «البرازيل»: "Brazil") and pass the name check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from summarizer.buckwalter import lexicon
from summarizer.names import ARABIC_LETTERS, territories_arabic
from summarizer.normalize.vocab import (
    MONTH_NAMES,
    SCALE_WORDS,
    fold,
    has_stem_in,
    is_word,
    word_list,
    word_table,
)

_WORD = re.compile(rf"[{ARABIC_LETTERS}\u0671]+")
_CLITIC = re.compile(rf"^(?:[وفبل]|ول|وب|فب|لل|ولل)(?=ال)|^[وفب](?=[{ARABIC_LETTERS}]{{3}})")
_NISBA = ("يه", "يين", "يون", "ي")  # as folded: «ية» is «يه»


@dataclass(frozen=True)
class Named:
    """A name in a text: where it stands and its English."""

    start: int
    end: int
    english: str


@cache
def _names() -> dict[tuple[str, ...], str]:
    """Arabic names (folded, as word tuples) -> English; the lexicon's places before CLDR's."""
    homographs = {fold(word) for word in word_list("lexicon", "territory_homographs")}
    table = {tuple(fold(ar).split()): en for ar, en in territories_arabic().items()}
    places = word_table("lexicon", "places", is_word, "an English name")
    table.update({tuple(fold(ar).split()): en for ar, en in places.items()})
    return {words: en for words, en in table.items() if " ".join(words) not in homographs}


@cache
def _homograph_nisbas() -> dict[str, str]:
    table = word_table("lexicon", "homograph_nisbas", is_word, "an English name")
    return {fold(arabic): english for arabic, english in table.items()}


@cache
def _longest() -> int:
    return max(len(words) for words in _names())


def _forms(word: str) -> list[str]:
    """A word as written and without a leading clitic («وقطر», «والأردن», «للعراق»)."""
    forms = [word]
    stripped = _CLITIC.sub("", word)
    if stripped != word:
        forms.append(stripped)
    for clitics in ("ولل", "فلل", "لل"):  # «للعراق», «وللجزائر»: the article's ل is gone
        if word.startswith(clitics):
            forms.append("ال" + word[len(clitics) :])
            break
    return forms


def _stems(word: str) -> list[str]:
    """A nisba adjective's stems («الأردنية» → «أردن»): none when it is no nisba form."""
    bare = fold(word)
    bare = bare[2:] if bare.startswith("ال") else bare
    return [bare[: -len(e)] for e in _NISBA if bare.endswith(e) and len(bare) > len(e) + 2]


def _country_forms(stem: str) -> tuple[str, ...]:
    # «الليبي»: ليبيا; «الأمريكي»: أمريكا; «السعودي»: السعودية
    return (stem, "ال" + stem, stem + "يا", stem + "ا", "ال" + stem + "يه")


def country_of_adjective(word: str) -> str | None:
    """The country of a nisba adjective («العراقي», «الأردنية», «السودانيين»), or None; that
    of a territory whose name is a homograph only from ``homograph_nisbas`` («العماني»)."""
    table = _names()
    nisbas = _homograph_nisbas()
    for stem in _stems(word):
        if stem in nisbas:
            return nisbas[stem]
        for name in _country_forms(stem):
            if (name,) in table:
                return table[(name,)]
    return None


def _country_of_adjectives(first: str, second: str) -> str | None:
    """The country of two nisba adjectives («المقدوني الشمالي»: «مقدونيا الشمالية»), or None."""
    table = _names()
    for stem in _stems(first):
        for name in _country_forms(stem):
            for other in _stems(second):
                if (name, "ال" + other + "يه") in table:
                    return table[(name, "ال" + other + "يه")]
    return None


def names_in(text: str) -> list[Named]:
    """The places and countries ``text`` names, in order: the longest name at each word."""
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(text)]
    table, found, i = _names(), [], 0
    while i < len(tokens):
        hit = _name_at(tokens, i, table)
        if hit is None:
            i += 1
            continue
        size, english = hit
        found.append(Named(tokens[i][0], tokens[i + size - 1][1], english))
        i += size
    return found


class Span(Protocol):
    """Where a name stands in a text."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def without_names(text: str, found: Sequence[Span]) -> str:
    """``text`` with the letters of each of its names (places ``found`` by :func:`names_in`,
    persons by :func:`summarizer.people.people_in`) blanked, offsets kept: a name's words are
    no key words of their own («الشمالية» of «مقدونيا الشمالية» is not "northern", «فهمي» of
    «نبيل فهمي» no "understanding")."""
    for named in found:
        text = text[: named.start] + " " * (named.end - named.start) + text[named.end :]
    return text


def _name_at(
    tokens: list[tuple[int, int, str]], i: int, table: dict[tuple[str, ...], str]
) -> tuple[int, str] | None:
    for size in range(min(_longest(), len(tokens) - i), 0, -1):
        rest = tuple(t[2] for t in tokens[i + 1 : i + size])
        for first in _forms(tokens[i][2]):
            if (first, *rest) in table:
                return size, table[(first, *rest)]
    for first in _forms(tokens[i][2]):
        pair = _country_of_adjectives(first, tokens[i + 1][2]) if i + 1 < len(tokens) else None
        if pair is not None:
            return 2, pair
        country = country_of_adjective(first)
        if country is not None:
            return 1, country
    return None


# --------------------------------------------------------------------------------------------
# Numbers that name: «المادة 7», «الطراز 320 المعروض», «القرار 2334»
# --------------------------------------------------------------------------------------------

_TOKEN = re.compile(rf"[{ARABIC_LETTERS}]+|\d+(?:[.,]\d+)*|[^\s\w]")
_LINKED = ("ال", "وال", "فال", "ب", "ل", "ك")  # «بال», «لل» start with «ب», «ل»
_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@dataclass(frozen=True)
class Numbered:
    """A number that names the noun before it: the noun as written, its plainest English
    (None when the lexicon has none), and the number."""

    noun: str
    english: str | None
    number: int


def numbered_names(text: str) -> list[Numbered]:
    """The numbers of ``text`` that name rather than count, in order: a whole number right
    after a noun of the lexicon and followed by no counted noun («2515 وفاة»), no scale word
    («101 ألف»), no month («3 أبريل») and no percent sign; a number after a particle («بينها
    2515», «و450») and a year name nothing."""
    found = lexicon()
    tokens = _TOKEN.findall(text.translate(_AR_DIGITS))
    named: list[Numbered] = []
    for i, token in enumerate(tokens):
        if found is None or not token.isdigit() or i == 0:
            continue
        noun = found.literal(tokens[i - 1]) if tokens[i - 1][0].isalpha() else None
        if noun is None or not noun.category.startswith("N") or 1900 <= int(token) <= 2100:
            continue
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _names_before(following):
            english = None if noun.ambiguous or noun.name else noun.english
            named.append(Numbered(tokens[i - 1], english, int(token)))
    return named


def _names_before(token: str) -> bool:
    """Whether a number followed by ``token`` is a name: the clause goes on with a definite or
    a linked word, a particle, a verb, a word the lexicon does not read as a common noun, or
    stops; not with a counted noun, a scale word, a month or a percent sign."""
    if not token or not token[0].isalpha():
        return token != "%"
    folded = fold(token)
    if has_stem_in(SCALE_WORDS, folded) or _is_month(folded):
        return False
    if token.startswith(_LINKED):
        return True
    found = lexicon()
    literal = found.literal(token) if found is not None else None
    return literal is None or not literal.category.startswith("N")


@cache
def _months() -> frozenset[str]:
    return frozenset(words[0] for words, _ in MONTH_NAMES)


def _is_month(folded: str) -> bool:
    return has_stem_in(_months(), folded)
