"""Small Arabic lexicons read off the article's own words: places and what a deadline does.

The embedded model's English is unreliable on these, and they decide what merges with what, so
they are read by rule from the clause around a mention when the clause names them. The words
are data, in ``data/lexicon.json``.
"""

from __future__ import annotations

import re
import typing

from summarizer.normalize.vocab import data_entry, is_word, word_list, word_table

if typing.TYPE_CHECKING:
    from typing import Any, TypeGuard

# Arabic place name, as written (with its article where it has one) → English.
_PLACES = word_table("lexicon", "places", is_word, "an English name")
_PLACE_RE = re.compile(
    r"(?<![\w])(?:[وفبل]|ل?ل)?("
    + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True))
    + r")(?![\w])"
)


def _is_rules(value: object) -> TypeGuard[list[Any]]:
    """[[name, [phrase, ...]], ...]."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(rule, list)
            and len(rule) == 2
            and is_word(rule[0])
            and isinstance(rule[1], list)
            and bool(rule[1])
            and all(is_word(phrase) for phrase in rule[1])
            for rule in value
        )
    )


def _rules(key: str) -> tuple[tuple[str, str], ...]:
    """The rules at ``key`` of ``data/lexicon.json``: (name, regex alternation of its phrases).

    The words of a phrase are apart by any white space; «…» stands for any text between two.
    """
    rules = data_entry("lexicon", key, _is_rules, "a list of [name, [phrase, ...]]")
    return tuple((name, "|".join(map(_phrase_pattern, phrases))) for name, phrases in rules)


def _phrase_pattern(phrase: str) -> str:
    words = r"\s+".join(map(re.escape, phrase.split()))
    return words.replace(r"\s+…\s+", r"\s+.*")


# What happens by or until a date, from the verb or verbal noun in the clause.
_ACTIONS = _rules("actions")
ACTION_NAMES = frozenset(name for name, _ in _ACTIONS)  # "ends", "withdraws", "continues"…
# Actions that say only that another one is done («تكتمل», «يتم»): "is completed".
_COMPLETING = frozenset(word_list("lexicon", "completing_actions"))
if not _COMPLETING <= ACTION_NAMES:
    raise ValueError("lexicon.json: completing_actions must be names of actions")
_ACTION_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})")) for name, pattern in _ACTIONS
)


_CLAUSE_BREAK = re.compile(r"[،,؛;.:]")
_PARTY = re.compile(
    r"(?<![\w])[وفبل]?(?:ال|لل)?(?:"
    + "|".join(map(re.escape, word_list("lexicon", "party_heads")))
    + r")\s+(?:[^\s]+\s+)?$"
)  # «منتخب», «فريق»: with a word of its name between («منتخب سلطنة»)
_LOCATIVE = re.compile(r"(?:^|\s)(?:و?[فب]ي|و?فى)\s*$")


def place_near(text: str, start: int, end: int) -> str | None:
    """Return the known place a mention at ``text[start:end]`` is about, or None.

    A place of the mention's own clause (where several are named there, the one introduced by
    «في»/«ب», where something is, when only one is); else the nearest place of the sentence's
    earlier clauses that says where («في العراق، …»; a later clause's place, «…، مضيفا أن
    المعرض في الأردن سيفتتح», is that clause's own). A country named in another clause as a
    party («مباراته مع منتخب تونس», «خروج تركيا»), or after the word for its team anywhere
    («على منتخب البرازيل»), is not where the value is: then no place is better than a false
    one.
    """
    named = _bracketed_after(text, start, end)
    if named is not None:
        return named
    own: dict[str, bool] = {}
    elsewhere: list[tuple[int, str]] = []  # (distance, place) of the other clauses' «في» places
    for match in _PLACE_RE.finditer(text):
        if _PARTY.search(text[max(0, match.start() - 12) : match.start()]):
            continue  # «على منتخب البرازيل»: a team of the country, a party, not a place
        between = text[end : match.start()] if match.start() >= end else text[match.end() : start]
        locative = bool(_LOCATIVE.search(text[max(0, match.start() - 6) : match.start()]))
        locative = locative or match.group(0).startswith(("وفي", "في", "فى", "ب"))
        place = _PLACES[match.group(1)]
        if not _CLAUSE_BREAK.search(between):
            own[place] = own.get(place, False) or locative
        elif locative and match.start() < start:  # a later clause's place is its own
            elsewhere.append((len(between), place))
    if len(own) == 1:
        return next(iter(own))
    if own:
        where = [place for place, locative in own.items() if locative]
        return where[0] if len(where) == 1 else None
    return min(elsewhere)[1] if elsewhere else None


def _bracketed_after(text: str, start: int, end: int) -> str | None:
    """The place right before the brackets that hold a mention alone («ضيفة على العراق (12
    نقطة)», «الأردن (16 نقطة)»): the value is that place's, whatever else its clause names."""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    if not before.endswith("(") or not after.startswith(")"):
        return None
    head = before[:-1].rstrip()
    last = [m for m in _PLACE_RE.finditer(head) if m.end() == len(head)]
    if not last or _PARTY.search(head[max(0, last[0].start() - 12) : last[0].start()]):
        return None
    return _PLACES[last[0].group(1)]


# What happened to the people counted: «مقتل 35 عنصراً», «إصابة 12 مدنياً».
_OUTCOMES = _rules("outcomes")
_OUTCOME_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})(?![\w])"))
    for name, pattern in _OUTCOMES
)


def outcome_before(text: str, position: int, adjacent: bool = False) -> str | None:
    """Return what happened to the people counted at ``position`` (killed, wounded, ...); with
    ``adjacent``, only from the word right before it («مقتل 35»: «إصابة … بينها 12 وفاة»
    does not say the 22 were wounded)."""
    window = text[max(0, position - 40) : position]
    found = [
        (m.end(), name)
        for name, regex in _OUTCOME_RES
        for m in regex.finditer(window)
        if not adjacent or not window[m.end() :].strip()
    ]
    return max(found)[1] if found else None


def actions_before(text: str, position: int) -> list[str]:
    """What happens by a date at ``position``: the nearest action before it and, when that
    one only completes another («… على أن يكتمل الانسحاب», «الانسحاب … على أن يكتمل النقل
    بحلول آذار»: is completed), the action it completes, the nearest other one before it."""
    before = text[:position]
    found = sorted(
        ((m.start(), name) for name, regex in _ACTION_RES for m in regex.finditer(before)),
        reverse=True,
    )
    names = list(dict.fromkeys(name for _, name in found))
    if names and names[0] in _COMPLETING:
        return names[:2]
    return names[:1]


def action_in(text: str) -> str | None:
    """Return what the clause says happens (ends, withdraws, continues, ...), or None."""
    found = [(m.start(), name) for name, regex in _ACTION_RES if (m := regex.search(text))]
    return min(found)[1] if found else None


# What kind of happening a sentence reports, most specific first.
_EVENT_KINDS = _rules("event_kinds")
_EVENT_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})")) for name, pattern in _EVENT_KINDS
)


def event_kind(text: str) -> str | None:
    """Return what kind of happening the text reports (joint statement, air strikes, ...)."""
    return next((name for name, regex in _EVENT_RES if regex.search(text)), None)
