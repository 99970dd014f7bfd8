"""Grounded labels: the model's few English words for what one value of the article is,
checked in code.

For backends that do best with short requests (the embedded model), the narrow window around
each candidate value is sent alone, the value replaced in «» by the normalizer's English words
for it («about 2,500 troops»), and the model answers in plain text with what the value counts,
measures or prices («troops in the country»). The answer is validated here: every word glosses
a word of the window (or is the value's own), no date or number of the model's own, no filler,
no negation added or dropped, no name the window does not hold. A refused label is not asked
again: the value keeps the line built from what is known for certain.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from summarizer.errors import ConfigurationError, EndpointUnavailable, SummarizerError
from summarizer.faithful import (
    PLACEHOLDER,
    added_negation_problems,
    filler_problems,
    placeholder_problems,
    polarity_problems,
)
from summarizer.gloss import unsupported_words, word_problems
from summarizer.llm import LLM
from summarizer.models import Mention, Usage
from summarizer.normalize.formatting import MONTHS_EN, format_date, format_number, mention_en
from summarizer.prompts_io import prompt_template
from summarizer.support import unsupported_reasons

log = logging.getLogger(__name__)

# English fields: printable ASCII and Latin-1 letters (no Arabic, no other scripts); no '"' or
# '\\' in the class, so a grammar built from it cannot close a string early.
ENGLISH_ONLY = r"^[ !#-\[\]-~\u00C0-\u00FF]+$"
MAX_ENGLISH = 220


@dataclass(frozen=True)
class Window:
    """A span of the cleaned text to translate, with the mentions fully inside it."""

    start: int
    end: int
    mentions: tuple[Mention, ...]

    def masked(self, text: str) -> str:
        """The window's words with each mention replaced by its placeholder (``[M4]``)."""
        return self._with(text, lambda m: f"[{m.id}]")

    def inline(self, text: str) -> str:
        """The window's words with each mention replaced by its normalized English words in
        «», which a small model copies far more reliably than an abstract placeholder."""
        return self._with(text, lambda m: f"«{mention_en(m)}»")

    def _with(self, text: str, replace: Callable[[Mention], str]) -> str:
        parts, at = [], self.start
        for mention in self.mentions:
            parts.append(text[at : mention.start])
            parts.append(replace(mention))
            at = mention.end
        parts.append(text[at : self.end])
        return " ".join("".join(parts).split())

    def placeholders(self, english: str) -> tuple[str, list[str]]:
        """The English with each mention's value turned back into its placeholder, and the
        given words that could not be found in it.

        A value is found by its number or date words, with any hedge, cue or unit the model
        wrote around them («13%», «17.25 EGP» for «at most 17.25 EGP»): the whole span becomes
        the placeholder, and the compose step puts the normalizer's words back in full.
        """
        missing = []
        for mention in self.mentions:
            found = _value_pattern(mention).search(english)
            if found is None:
                missing.append(mention_en(mention))
                continue
            english = f"{english[: found.start()]}[{mention.id}]{english[found.end() :]}"
        return english, missing


_HEDGES = (
    r"about|around|roughly|nearly|almost|approximately|some|more than|over|at least|less than|"
    r"under|below|at most|up to|fewer than|no more than|no fewer than"
)
_CUES = (
    r"by|until|till|before|after|from|since|on|in|at least until|no later than|by the end of|"
    r"the end of|within"
)


@cache
def _value_pattern(mention: Mention) -> re.Pattern[str]:
    if mention.kind == "date" and not (mention.value is not None and mention.unit):
        core = re.escape(format_date(mention.date, "en")).replace(r"\ ", r"\s+")
        return re.compile(rf"(?:\b(?:{_CUES})\s+)*{core}", re.IGNORECASE)
    value = mention.value or 0.0
    forms = {format_number(value, "en"), format_number(value, "en").replace(",", "")}
    if value != int(value):
        forms |= {f"{value:.2f}", f"{value:.1f}".rstrip(".")}
    core = "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + ")"
    core = rf"(?<![\d.,]){core}(?![\d]|[.,]\d)"
    if mention.unit:
        core += rf"(?:\s*{re.escape(mention.unit)}|\s*%)?"
    if mention.kind == "date":
        core += r"(?:\s+ago)?"
    return re.compile(rf"(?:\b(?:{_HEDGES})\s+)*{core}", re.IGNORECASE)


_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS_EN) + r")\b", re.IGNORECASE)


def translation_problems(english: str, window: Window, text: str, *, given: str = "") -> list[str]:
    """Every reason a translation of ``window`` (its given words turned back into
    placeholders) is not faithful to it; words of ``given`` (the values' own English) need no
    Arabic word."""
    ids = [m.id for m in window.mentions]
    arabic = window.masked(text)
    words = PLACEHOLDER.sub(" ", english)
    source = PLACEHOLDER.sub(" ", arabic)  # the window's own words, without its values
    own_month = ["write no date of your own"] if _MONTH.search(words) else []
    return [
        *placeholder_problems(english, required=ids, allowed=ids),
        *own_month,
        *filler_problems(english),
        *polarity_problems(words, arabic),
        *unsupported_reasons(_without_words(words, given), [source]),
        *word_problems(words, [source], given=given),
    ]


def _without_words(english: str, given: str) -> str:
    """``english`` less the words of ``given`` (a unit's «EGP» is no name the model wrote)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", given)}
    if not words:
        return english
    return re.sub(r"[A-Za-z]+", lambda m: " " if m.group().lower() in words else m.group(), english)


LABEL_WORDS = 10  # at most: what a value counts, not a sentence
LABEL_TOKENS = 24
_LABEL_EDGES = " \t\"'`.,;:-"


@cache
def _label_examples() -> tuple[tuple[str, str], ...]:
    data = json.loads(prompt_template("label_examples.json"))
    return tuple((item["ar"], item["en"]) for item in data)


def label_messages(passage: str) -> list[dict[str, str]]:
    """The request for the label of one value: instructions, worked examples, then the
    passage, its one value in «» as the normalizer's English words."""
    messages = [{"role": "system", "content": prompt_template("label_system.md")}]
    for arabic, english in _label_examples():
        messages.append({"role": "user", "content": arabic})
        messages.append({"role": "assistant", "content": english})
    messages.append({"role": "user", "content": passage})
    return messages


def label_problems(label: str) -> list[str]:
    """Why ``label`` is not a short English label (before the faithfulness checks)."""
    words = label.split()
    problems = []
    if not 1 <= len(words) <= LABEL_WORDS:
        problems.append(f"write one to {LABEL_WORDS} words")
    if not re.fullmatch(ENGLISH_ONLY, label or " "):
        problems.append("write English only")
    if re.search(r"\d", label):
        problems.append("write no number")
    return problems


def label_value(llm: LLM, window: Window, text: str) -> tuple[str | None, Usage]:
    """The checked English line of the one value of ``window`` — the model's few words for
    what it counts, then the value's placeholder («price of diesel: [M4]») — or None; and
    what the request cost.

    A label is a handful of generated tokens where a translated sentence is tens (the cost
    of a request to a small local model), and a short claim has less room to be wrong. It
    passes the checks of a translation: no name, number, negation or filler the passage does
    not hold. A refused label is not asked again: the value keeps its plain line.
    """
    (mention,) = window.mentions
    messages = label_messages(window.inline(text))
    try:
        answer, usage = llm.text(messages, max_tokens=LABEL_TOKENS, stop=["\n"])
    except (ConfigurationError, EndpointUnavailable):
        raise
    except SummarizerError as err:
        log.info("no label for «%s»: %s", messages[-1]["content"][:60], err)
        return None, err.usage or Usage()
    label = " ".join(answer.split()).strip(_LABEL_EDGES)
    marked, missing = window.placeholders(label)  # the model may have named the value itself
    english = f"{label}: [{mention.id}]" if missing else marked
    passage = window.masked(text)
    given = mention_en(mention)  # its unit («troops») is the value's, not the model's word
    problems = label_problems(PLACEHOLDER.sub("", english).strip(_LABEL_EDGES))
    problems = problems or added_negation_problems(english, passage)
    # Every word, not most: a label is a handful of words, each one a claim about the value.
    unglossed = unsupported_words(PLACEHOLDER.sub(" ", english), [passage], given=given)
    if unglossed and not problems:
        problems = [f"no word of the passage means {', '.join(unglossed)!r}"]
    problems = problems or translation_problems(english, window, text, given=given)
    if problems:
        log.info("label «%s» of «%s» refused: %s", label, messages[-1]["content"][:60],
                 "; ".join(problems))  # fmt: skip
        return None, usage
    return english, usage
