"""Grounded translation: the English of one window of the article at a time, checked in code.

For backends that do best with short requests (the embedded model), each window of a sentence
that holds candidates is sent alone, its date and number mentions replaced in «» by the
normalizer's English words for them («by September 2025»), which a small model copies far more
reliably than an abstract placeholder. The answer is turned back into placeholders (``[M4]``),
filled in again by the compose step, and validated here: every given value kept once, no date
or number of the model's own, no filler, negation kept, no name the window does not hold. A
rejected answer is sent back once; after that the caller falls back to a line built from what
is known for certain.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, Field

from summarizer.errors import ConfigurationError, EndpointUnavailable, SummarizerError
from summarizer.faithful import (
    PLACEHOLDER,
    filler_problems,
    placeholder_problems,
    polarity_problems,
)
from summarizer.gloss import word_problems
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


def translation_problems(english: str, window: Window, text: str) -> list[str]:
    """Every reason a translation of ``window`` (its given words turned back into
    placeholders) is not faithful to it."""
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
        *unsupported_reasons(words, [source]),
        *word_problems(words, [source]),
    ]


class _Translation(BaseModel):
    en: str = Field(min_length=3, max_length=MAX_ENGLISH, pattern=ENGLISH_ONLY)


@cache
def _examples() -> tuple[tuple[str, str], ...]:
    data = json.loads(prompt_template("translate_examples.json"))
    return tuple((item["ar"], item["en"]) for item in data)


def translation_messages(window_words: str) -> list[dict[str, str]]:
    """The request for one window: instructions, worked examples, then the window itself."""
    messages = [{"role": "system", "content": prompt_template("translate_system.md")}]
    for arabic, english in _examples():
        messages.append({"role": "user", "content": arabic})
        messages.append({"role": "assistant", "content": json.dumps({"en": english})})
    messages.append({"role": "user", "content": window_words})
    return messages


def translate_window(
    llm: LLM, window: Window, text: str, *, retries: int = 0
) -> tuple[str | None, Usage]:
    """The checked English of a window (with placeholders), or None when the model gave no
    faithful one in ``1 + retries`` tries; and what the requests cost.

    A rejected answer goes back once with the reasons, as instructor's reask would; the check
    is not a validator of the response model so that a reask costs one request, not three.
    """
    messages = translation_messages(window.inline(text))
    usage = Usage()
    for attempt in range(1 + retries):
        try:
            answer, cost = llm.structured(messages, _Translation, max_tokens=120)
        except (ConfigurationError, EndpointUnavailable):
            raise
        except SummarizerError as err:
            log.info("no translation of «%s»: %s", messages[-1]["content"][:60], err)
            return None, usage.add(err.usage or Usage())
        usage = usage.add(cost)
        english = " ".join(answer.en.split())
        marked, missing = window.placeholders(english)
        problems = [f"copy «{words}» exactly, once" for words in missing]
        problems += translation_problems(marked, window, text)
        if not problems:
            return marked, usage
        log.info("translation %d of «%s» refused: %s", attempt + 1, messages[-1]["content"][:60],
                 "; ".join(problems))  # fmt: skip
        messages = [
            *messages,
            {"role": "assistant", "content": json.dumps({"en": english})},
            {"role": "user", "content": "Not accepted: " + "; ".join(problems) + ". Try again."},
        ]
    return None, usage
