"""The short-request path (a backend best asked short questions: a small local model): the
plain line of each candidate's window, and the model's label of an article's first values."""

from __future__ import annotations

from summarizer.clean import split_sentences, window_around
from summarizer.extract.picks import Sentence, mentions_in, sentence_around
from summarizer.extract.roles import Role
from summarizer.llm import LLM
from summarizer.models import CleanArticle, Mention, Pick, Usage
from summarizer.normalize.lexicon import place_near
from summarizer.translate import Window, label_value

NARROW_WORDS = 9  # a value and what it counts or what is due then
WINDOW_WORDS = 18  # words of a window: a clause with its subject, not a paragraph
LABELS_PER_ARTICLE = 6  # the model's labels an article gets, at about 1.5 s each


def picks_by_label(
    clean: CleanArticle, mentions: list[Mention], roles: dict[str, Role], llm: LLM
) -> tuple[list[Pick], Usage]:
    """Picks of an article: the plain line of each candidate's window, and the model's label
    of each candidate value, from its narrow window (one short plain-text request each).

    Measured on the dev articles (28; 394 requests when every window was asked): 188 requests
    asked a whole clause and 11 answers passed the checks, 50 the narrow window of a date (6
    passed), 14 a short clause of a verb (1), 142 the narrow window of a value (22); only the
    last added facts the brief did not state anyway (the plain line of a date is its cue, date
    and the clause's words; events come from the rules of :mod:`summarizer.attribution`). So
    only those are asked: 159 requests on dev with the same deadlines, figures and events, and
    11 instead of 88 on the seeds. A label of a few words instead of a translated sentence
    then cut a request from about 4 s to 1.5 s (tokens generated: 4,465 → 1,278 on dev). Only
    the first LABELS_PER_ARTICLE values are asked (news states its main figures first): on dev
    120 requests instead of 166, with the same deadlines, figures, merges and changes."""
    text = clean.text
    picks: list[Pick] = []
    usage = Usage()
    sentences = [(i + 1, s, e) for i, (s, e) in enumerate(split_sentences(text))]
    windows = windows_of(text, sentences, mentions, roles)
    values = [m for w in windows for m in w.mentions if m.id in roles and m.kind != "date"]
    asked = {m.id for m in values[:LABELS_PER_ARTICLE]}
    for window in windows:
        narrow, cost = _narrow_picks(text, window, roles, llm, asked)
        usage = usage.add(cost)
        picks.extend(narrow)
        picks.extend(window_picks(text, window, "", roles))
    return picks, usage


def _narrow_picks(
    text: str, window: Window, roles: dict[str, Role], llm: LLM, asked: set[str]
) -> tuple[list[Pick], Usage]:
    """Picks from a narrow window around each candidate value of a window that is to be
    ``asked``: what a value counts stands in the few words around it, which a small model reads
    far more literally than a whole clause."""
    picks: list[Pick] = []
    usage = Usage()
    for mention in window.mentions:
        if mention.id not in asked:
            continue
        start, end = window_around(text, mention.start, mention.end, max_words=NARROW_WORDS)
        narrow = Window(start, end, (mention,))
        english, cost = label_value(llm, narrow, text)
        usage = usage.add(cost)
        if english is not None:
            picks.extend(p for p in window_picks(text, narrow, english, roles) if p.mention_id)
    return picks, usage


def window_picks(text: str, window: Window, english: str, roles: dict[str, Role]) -> list[Pick]:
    start, end = sentence_around(text, window.start, window.end)
    sentence = text[start:end]
    arabic = " ".join(text[window.start : window.end].split())
    common = {"what_en": english, "what_ar": arabic, "quote": sentence, "start": start, "end": end}
    picks = [
        Pick(
            kind=roles[m.id],
            mention_id=m.id,
            place_en=place_near(sentence, m.start - start, m.end - start),
            **common,
        )
        for m in window.mentions
        if m.id in roles
    ]
    return picks


def windows_of(
    text: str, chunk: list[Sentence], mentions: list[Mention], roles: dict[str, Role]
) -> list[Window]:
    """The windows of a chunk's candidates: one around each candidate mention (shared by the
    candidates it holds)."""
    windows: list[Window] = []
    for sentence in chunk:
        inside = mentions_in(sentence, mentions)
        for m in inside:
            if m.id not in roles or any(w.start <= m.start and m.end <= w.end for w in windows):
                continue
            left, right = window_around(text, m.start, m.end, max_words=WINDOW_WORDS)
            masked = tuple(x for x in inside if left <= x.start and x.end <= right and _fillable(x))
            windows.append(Window(left, right, masked))
    return windows


def _fillable(mention: Mention) -> bool:
    """A mention whose normalized value can stand in for its words in the English."""
    return mention.date is not None if mention.kind == "date" else mention.value is not None
