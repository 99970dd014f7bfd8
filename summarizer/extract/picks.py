"""From a validated answer to picks: each described mention and event with its verbatim quote
(the sentence it stands in, when the model gave none)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any, cast

from pydantic import BaseModel

from summarizer.clean import clause_around, split_sentences
from summarizer.extract.roles import Role
from summarizer.models import Mention, Pick

Sentence = tuple[int, int, int]  # number, start, end


def mentions_in(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
    """The mentions inside a sentence; ``mentions`` are sorted by offset, as the normalizer
    returns them, so a binary search finds the first one."""
    _, start, end = sentence
    first = bisect.bisect_left([m.start for m in mentions], start) if len(mentions) > 64 else 0
    found = []
    for mention in mentions[first:]:
        if mention.start >= end:
            break
        if mention.start >= start and mention.end <= end:
            found.append(mention)
    return found


def answer_to_picks(
    answer: BaseModel,
    text: str,
    chunk: list[Sentence],
    mentions: dict[str, Mention],
    roles: dict[str, Role],
) -> list[Pick]:
    sentences = {f"S{n}": (s, e) for n, s, e in chunk}
    picks = []
    chosen = answer.model_dump()
    for mention_id, choice in chosen["mentions"].items():
        if choice.get("use") == "skip":
            continue
        mention = mentions[mention_id]
        span = _source_span(choice, text, sentences, mention)
        choice.setdefault("about_ar", clause_around(text, mention.start, mention.end))
        picks.append(_pick(roles[mention_id], mention_id, choice, text, span))
    for event in chosen["events"]:
        span = _source_span(event, text, sentences, None)
        event.setdefault("about_ar", clause_around(text, span[0], span[0], max_words=30))
        picks.append(_pick("event", None, event, text, span))
    return picks


def _pick(
    kind: str, mention_id: str | None, data: dict[str, Any], text: str, span: tuple[int, int]
) -> Pick:
    return Pick(
        kind=cast(Role, kind),
        mention_id=mention_id,
        what_en=data["about_en"].strip(),
        what_ar=data["about_ar"].strip(),
        place_en=(data.get("place_en") or "").strip() or None,
        quote=text[span[0] : span[1]],
        start=span[0],
        end=span[1],
    )


def _source_span(
    data: dict[str, Any],
    text: str,
    sentences: dict[str, tuple[int, int]],
    mention: Mention | None,
) -> tuple[int, int]:
    quote = data.get("quote")
    if quote:
        located = locate(quote, text)
        if located is not None:
            return located
    if mention is not None:
        return sentence_around(text, mention.start, mention.end)
    return sentences[data["sentence"]]


@lru_cache(maxsize=16)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    spans = _sentence_spans(text)  # split once per article, then a binary search per pick
    index = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    if index >= 0 and spans[index][0] <= start and end <= spans[index][1]:
        return spans[index]
    return start, end


def locate(quote: str, text: str) -> tuple[int, int] | None:
    """Find a quote in the text exactly, or up to differences in whitespace."""
    index = text.find(quote.strip())
    if index >= 0:
        return index, index + len(quote.strip())
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def unique_picks(picks: list[Pick]) -> list[Pick]:
    """``picks`` less repeats: one pick per mention and role, one event per quote start."""
    seen: set[tuple[str, str, int]] = set()
    unique = []
    for pick in picks:
        key = (pick.kind, pick.mention_id or "", pick.start if pick.mention_id is None else 0)
        if key not in seen:
            seen.add(key)
            unique.append(pick)
    return unique
