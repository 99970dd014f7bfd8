"""Is an English line faithful to the Arabic words it comes from? Checks in code, not trust.

A small model's English is never printed unchecked. A line is refused when it drops or invents a
placeholder, carries filler ("skip", "unknown", an empty label), loses a negation that the Arabic
states, or names a place or number that its source does not (:mod:`summarizer.support`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from summarizer.gloss import word_problems
from summarizer.names import ARABIC_LETTERS, ARABIC_WORD, word_forms
from summarizer.support import english_names, fold_arabic, unsupported_reasons

PLACEHOLDER = re.compile(r"\[(M\d+)\]")
_WORD = re.compile(r"[\w']+")
# A clitic conjunction or preposition may be glued to the particle: «ولم», «فلن», «بعدم».
# «دون» and «بدون» say "without" («دون زيادة»: with no increase), but after «ما» it is "below"
# («ما دون 18 عاما»).
_AR_NEGATION = re.compile(
    r"(?<![\w])(?:[وف]?(?:لم|لن|ليس|ليست|لا)|[وفب]?(?:غير|عدم)"
    r"|[وف]?(?:نفى|نفت|ينفي|تنفي|نفي|نفوا))(?![\w])"
    r"|(?<!ما )(?<![\w])[وف]?(?:ب|من\s+)?دون(?![\w])"
)
# Phrases with «لا» that deny nothing: «لا سيما» (especially), «لا يزال» (still), and a score's
# «مقابل لا شيء» (to nil: «فاز بأربعة أهداف مقابل لا شيء»).
_AR_NOT_NEGATION = re.compile(
    r"(?<![\w])لا\s+سيما|(?<![\w])لا\s+يزال|(?<![\w])لا\s+تزال|(?<![\w])مقابل\s+لا\s+شيء"
)
_EN_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|neither|without|cannot|deny|denies|denied|denial|refuse[sd]?"
    r"|reject(?:s|ed)?|lack(?:s|ed)?|fail(?:s|ed)?|absence|un(?!it|ion|ivers)\w{3,}|non-?\w+)\b"
    r"|n't\b",  # "un-" words negate ("unchanged"); United, Union, university do not
    re.IGNORECASE,
)
_FILLER = frozenset(
    {"skip", "unknown", "none", "n/a", "na", "null", "nil", "x", "xx", "tbd", "placeholder",
     "undefined", "etc"}
)  # fmt: skip
_META_TALK = re.compile(
    r"\b(?:translat\w*|arabic|sorry|regret|as an ai|i cannot|i can't|the clause|the sentence"
    r"|placeholder)\b",
    re.IGNORECASE,
)


def placeholders_in(english: str) -> list[str]:
    """The mention ids written as placeholders (``[M3]``) in a line, in order."""
    return PLACEHOLDER.findall(english)


def placeholder_problems(
    english: str, required: Iterable[str], allowed: Iterable[str]
) -> list[str]:
    """Reasons a translated line mishandles its placeholders (each required one exactly once)."""
    found = placeholders_in(english)
    allowed_set = set(allowed)
    reasons = [f"keep [{m}] exactly once" for m in required if found.count(m) != 1]
    reasons += [f"[{m}] is not in the clause" for m in found if m not in allowed_set]
    return reasons


def filler_problems(english: str) -> list[str]:
    """Reasons a line is filler: placeholder words, an empty label, talk about the task."""
    words = [w.lower() for w in _WORD.findall(PLACEHOLDER.sub(" ", english))]
    reasons = []
    if not words:
        reasons.append("the line says nothing")
    if any(w in _FILLER for w in words) or re.search(r"\bn/a\b", english, re.IGNORECASE):
        reasons.append("no filler words (skip, unknown, none, N/A)")
    if re.search(r":\s*$", english) or re.fullmatch(r"\s*\w+\s*:\s*", english):
        reasons.append("no empty label")
    if _META_TALK.search(english):
        reasons.append("translate the clause; do not talk about it")
    return reasons


def negates(arabic: str) -> bool:
    """True when Arabic words state a denial or a negation (نفى، لم، لن، ليس، غير، لا، عدم،
    دون)."""
    return bool(_AR_NEGATION.search(_AR_NOT_NEGATION.sub(" ", arabic)))


def polarity_problems(english: str, arabic: str) -> list[str]:
    """A denial or negation in the Arabic must stay in the English."""
    if negates(arabic) and not _EN_NEGATION.search(english):
        return ["the Arabic states a denial or negation: keep it in the English"]
    return []


_EN_DENIAL = re.compile(
    r"\b(?:not|no|never|none|nor|neither|without|cannot|den(?:y|ies|ied|ial)|refuse[sd]?"
    r"|reject(?:s|ed)?)\b|n't\b",
    re.IGNORECASE,
)


def added_negation_problems(english: str, arabic: str) -> list[str]:
    """A denial or negation in the English that the Arabic does not state (a few words that
    answer what a value is have no room to be read another way)."""
    if _EN_DENIAL.search(english) and not negates(arabic):
        return ["the Arabic states no denial or negation: write none"]
    return []


def faithfulness_problems(
    english: str,
    arabic: str,
    quotes: list[str],
    *,
    value: float | None = None,
    date: str | None = None,
    given: str = "",
) -> list[str]:
    """Every reason a finished English line is not supported by its Arabic source.

    ``arabic`` is the clause the line renders (its polarity must be kept); ``quotes`` are the
    verbatim sources that must hold every name, number and content word of the line;
    ``value`` and ``date`` are the normalizer's, which the line may state, and ``given`` the
    English the code wrote into it (the normalizer's words for its values and dates).
    """
    return [
        *filler_problems(english),
        *polarity_problems(english, arabic),
        *direction_problems(english, quotes),
        *unsupported_reasons(english, quotes, value, date),
        *word_problems(english, quotes, given=given),
    ]


# "from Syria", "to Jordan": the place a line says something comes from or goes to.
_EN_DIRECTION = re.compile(
    r"\b(from|to|into|towards)\s+(?:the\s+)?([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
)
_AR_FROM = frozenset(fold_arabic(w) for w in ("من", "ومن"))
_AR_TO = frozenset(fold_arabic(w) for w in ("إلى", "وإلى", "نحو", "باتجاه", "صوب"))


def direction_problems(english: str, quotes: list[str]) -> list[str]:
    """A place the English says something comes from or goes to ("refugees returning from
    Syria") that no quote writes after «من» (from) or «إلى» (to) — a small model turns
    «عاد لاجئون سوريون من الأردن إلى بلادهم» into its reverse. Places of the name table
    only (their Arabic forms are known); a quote that writes the place with that preposition
    («من سوريا», «إلى سوريا», «لسوريا») supports it."""
    problems = []
    for match in _EN_DIRECTION.finditer(english):
        found = english_names(match.group(2))
        forms = found[0][1] if found and found[0][0] == match.group(2) else None
        if not forms:
            continue  # a name the table lacks is the romanization check's
        towards = match.group(1).lower() != "from"
        if not any(_written_with(quote, forms, towards) for quote in quotes):
            problems.append(
                f"no quote says {match.group(1)} {match.group(2)}: "
                f"{'«إلى»' if towards else '«من»'} is not written before it"
            )
    return problems


def _written_with(quote: str, forms: tuple[str, ...], towards: bool) -> bool:
    """Whether ``quote`` writes one of a place's Arabic ``forms`` right after «من» (or after
    «إلى», or with «ل» on it, when ``towards``)."""
    words = ARABIC_WORD.findall(fold_arabic(quote))
    for form in forms:
        first = fold_arabic(form).split()[0]
        for i, word in enumerate(words):
            if first not in word_forms(word):
                continue
            before = words[i - 1] if i else ""
            if (before in _AR_TO or word.startswith("ل")) if towards else before in _AR_FROM:
                return True
    return False



_AR_WORD = re.compile(rf"[{ARABIC_LETTERS}]{{3,}}")
ARABIC_SUPPORT = 0.7


def arabic_in_source(arabic: str, source: str) -> bool:
    """True when most content words of an Arabic line stand in its source (its own words)."""
    words = _AR_WORD.findall(fold_arabic(arabic))  # «أُعلنت» is «أعلنت»: vowel marks aside
    if not words:
        return False
    held = set(_AR_WORD.findall(fold_arabic(source)))
    return sum(w in held for w in words) / len(words) >= ARABIC_SUPPORT
