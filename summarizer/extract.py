"""Step 3: one grounded model call per article (or per chunk of a long article).

The model sees the article as numbered sentences with the normalizer's date and number mentions
under them, and picks mentions by id. Ids are an enum of the real ones, English fields may not
hold Arabic letters, and any quote it writes must be verbatim; failures go back to the model.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from string import Template
from typing import Any, Literal, Protocol, cast

from pydantic import BaseModel, Field, ValidationInfo, create_model, field_validator

from summarizer.clean import clause_around, split_sentences, window_around
from summarizer.llm import LLM
from summarizer.models import CleanArticle, Extraction, Mention, Pick, Usage
from summarizer.normalize.lexicon import place_near
from summarizer.normalize.tense import speaks_of_future
from summarizer.prompts_io import prompt_template
from summarizer.prompts_io import prompt_version as prompt_version
from summarizer.translate import ENGLISH_ONLY, Window, label_value

# The class excludes '"' and '\\' so a grammar built from it cannot close a string early.
NO_LATIN = r'^[^"\\A-Za-z]+$'
CHARS_PER_TOKEN = 3  # a conservative estimate for Arabic and English text
MAX_EVENTS = 6
NARROW_WORDS = 9  # a value and what it counts or what is due then
WINDOW_WORDS = 18  # words of a translated window: a clause with its subject, not a paragraph
CHUNK_TOKENS = 3000  # the prompt size of a chunk of a long article
LABELS_PER_ARTICLE = 6  # the model's labels an article gets, at about 1.5 s each
CHUNK_WORKERS = 4  # chunks of one article sent at once (articles already run in a pool)


Role = Literal["deadline", "figure", "event"]
DEADLINE_CUES = frozenset(
    {"by", "until", "at least until", "no later than", "no later than the end of",
     "by the end of", "before", "within"}
)  # fmt: skip
_PAST = re.compile(r"الماضي|الماضية|الماضيين|الفائت|المنصرم")
_FUTURE = re.compile(r"المقبل|المقبلة|القادم|القادمة")


def candidate_role(
    mention: Mention, published: str | None = None, frame: str = ""
) -> Role | None:
    """Return what a mention can be in the brief, decided by rule, or None to leave it out.

    A date is forward-looking — a deadline or a scheduled date — after a deadline cue, when it
    lies after the publication date, or when it is the publication day or month (or there is
    no publication date) and its clause ``frame`` speaks of the future; any other resolved date
    may date an event. A precise number with a
    unit is a figure. Vague counts, past durations and unresolved dates are left out: the
    brief states nothing it cannot ground and normalize.
    """
    if mention.kind == "date":
        return _date_role(mention, published, frame)
    if mention.value is None or mention.approx == "range" or not mention.unit:
        return None
    return None if _PAST.search(mention.text) else "figure"


def _date_role(mention: Mention, published: str | None, frame: str) -> Role | None:
    if mention.value is not None and mention.unit:
        # «قبل 10 سنوات»: a span counted back from the article dates background, never a fact.
        return "event" if mention.date is not None else None
    if mention.date is None:
        # «الأسبوع المقبل» with no publication date: no event, no deadline.
        return None if _FUTURE.search(mention.text) else "event"
    if mention.qualifier in DEADLINE_CUES:
        return "deadline"
    if published is not None and is_later(mention.date, published):
        return "deadline"
    # The publication day or month itself («ستفرج اليوم», «من المقرر هذا الشهر»), or no
    # publication date: the tense of the clause decides.
    today = published is not None and mention.date == published[: len(mention.date)]
    if published is None or today:
        return "deadline" if speaks_of_future(frame) else "event"
    return "event"


def is_later(date: str, published: str) -> bool:
    """True when ``date`` (at its own precision: a year, a month or a day) lies after the
    publication date: «2026» is later than 2025-11-16, «2025-11» is not."""
    return date > published[: len(date)]


def mention_roles(text: str, mentions: list[Mention], published: str | None) -> dict[str, Role]:
    """What each mention can be (deadline, figure, event), by rule; mentions left out are absent."""
    roles = {}
    for mention in mentions:
        frame = clause_around(text, mention.start, mention.end) if mention.kind == "date" else ""
        role = candidate_role(mention, published, frame)
        if role is not None:
            roles[mention.id] = role
    return roles


def extract_article(
    clean: CleanArticle,
    mentions: list[Mention],
    llm: LLM,
    *,
    published: str | None = None,
    chunk_tokens: int = CHUNK_TOKENS,
    chunks: ChunkStore | None = None,
) -> tuple[Extraction, Usage]:
    """Ask the model about the article's candidate mentions; return validated picks.

    A backend best asked short questions (``llm.capabilities.short_requests``: a small local
    model) gets one plain-text request per candidate value, its narrow window
    (:mod:`summarizer.translate`); otherwise the model describes every candidate of a chunk of
    numbered sentences in one answer (:func:`chunk_requests`, :func:`answer_picks`: the Batch
    API path sends the same requests). With ``chunks``, each chunk of a long article is stored
    once answered, so an article that fails half-way resumes from the chunks it has.
    """
    deadline = llm.current_deadline()
    if llm.capabilities.short_requests:
        roles = mention_roles(clean.text, mentions, published)
        with llm.article(deadline=deadline):
            labelled, cost = _picks_by_label(clean, mentions, roles, llm)
        return Extraction(article_id=clean.article.id, picks=unique_picks(labelled)), cost
    requests = chunk_requests(clean, mentions, published, chunk_tokens=chunk_tokens)
    store = chunks if len(requests) > 1 else None  # a one-chunk article is cached whole

    def run(request: ChunkRequest) -> tuple[list[Pick], Usage]:
        stored = store.get(request.name) if store is not None else None
        if stored is not None:
            return stored.picks, Usage()
        with llm.article(deadline=deadline):
            answer, usage = llm.structured(
                request.messages, request.response_model, max_tokens=request.max_tokens,
                context={"text": clean.text},
            )  # fmt: skip
        found = answer_picks(request, answer, clean.text, mentions)
        if store is not None:
            store.put(request.name, Extraction(article_id=clean.article.id, picks=found))
        return found, usage

    if llm.capabilities.max_in_flight == 1 or len(requests) == 1:
        results = [run(request) for request in requests]
    else:  # the chunks of a long article go to the endpoint at once, in order
        with ThreadPoolExecutor(max_workers=min(CHUNK_WORKERS, len(requests))) as pool:
            results = list(pool.map(run, requests))
    picks: list[Pick] = []
    usage = Usage()
    for chunk_picks, chunk_usage in results:
        picks.extend(chunk_picks)
        usage = usage.add(chunk_usage)
    return Extraction(article_id=clean.article.id, picks=unique_picks(picks)), usage


@dataclass(frozen=True)
class ChunkRequest:
    """One structured request an article needs: a chunk of its numbered sentences, the messages
    and response model to ask about it, and what its answer's picks are made from."""

    name: str  # "2/5": the chunk's place in the article (its key in a chunk store)
    chunk: tuple[Sentence, ...]
    roles: dict[str, Role]  # the role of each candidate mention in the chunk
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    max_tokens: int


def chunk_requests(
    clean: CleanArticle,
    mentions: list[Mention],
    published: str | None,
    *,
    chunk_tokens: int = CHUNK_TOKENS,
) -> list[ChunkRequest]:
    """The structured requests that extract an article: one per chunk of numbered sentences
    (about ``chunk_tokens`` each), its candidate mentions listed under the sentences."""
    article_roles = mention_roles(clean.text, mentions, published)
    parts = _chunks(split_sentences(clean.text), mentions, chunk_tokens * CHARS_PER_TOKEN)
    requests = []
    for number, chunk in enumerate(parts, 1):
        roles = {m.id: article_roles[m.id] for s in chunk for m in _mentions_in(s, mentions)
                 if m.id in article_roles}  # fmt: skip
        messages = [
            {"role": "system", "content": _system_prompt()},
            {"role": "user", "content": _user_prompt(clean, chunk, mentions, roles, published)},
        ]
        requests.append(
            ChunkRequest(
                name=f"{number}/{len(parts)}",
                chunk=tuple(chunk),
                roles=roles,
                messages=messages,
                response_model=response_model(roles, [f"S{n}" for n, _, _ in chunk]),
                max_tokens=_answer_budget(len(roles), len(chunk)),
            )
        )
    return requests


def answer_picks(
    request: ChunkRequest, answer: BaseModel, text: str, mentions: list[Mention]
) -> list[Pick]:
    """The picks of a validated answer to ``request``: each described mention and event, with
    its verbatim quote (the sentence it stands in, when the model gave none)."""
    by_id = {m.id: m for m in mentions}
    return _picks(answer, text, list(request.chunk), by_id, request.roles)


Sentence = tuple[int, int, int]  # number, start, end


class ExtractionStore(Protocol):
    """Where answered extractions are kept (the cache)."""

    def get(self, key: str) -> Extraction | None: ...

    def put(self, key: str, extraction: Extraction) -> None: ...


@dataclass(frozen=True)
class ChunkStore:
    """The answered chunks of one article, by name ("2/5"), in an extraction store."""

    store: ExtractionStore
    key: Callable[[str], str]

    def get(self, name: str) -> Extraction | None:
        """The stored answer of a chunk, or None."""
        return self.store.get(self.key(name))

    def put(self, name: str, extraction: Extraction) -> None:
        """Keep a chunk's answer."""
        self.store.put(self.key(name), extraction)


def _chunks(
    spans: list[tuple[int, int]], mentions: list[Mention], budget_chars: int
) -> list[list[Sentence]]:
    numbered = [(i + 1, s, e) for i, (s, e) in enumerate(spans)]
    chunks: list[list[Sentence]] = [[]]
    size = 0
    for sentence in numbered:
        length = sentence[2] - sentence[1] + 60 * len(_mentions_in(sentence, mentions))
        if chunks[-1] and size + length > budget_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(sentence)
        size += length
    return [c for c in chunks if c]


def _mentions_in(sentence: Sentence, mentions: list[Mention]) -> list[Mention]:
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


def _picks_by_label(
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
    windows = _windows(text, sentences, mentions, roles)
    values = [m for w in windows for m in w.mentions if m.id in roles and m.kind != "date"]
    asked = {m.id for m in values[:LABELS_PER_ARTICLE]}
    for window in windows:
        narrow, cost = _narrow_picks(text, window, roles, llm, asked)
        usage = usage.add(cost)
        picks.extend(narrow)
        picks.extend(_window_picks(text, window, "", roles))
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
            picks.extend(p for p in _window_picks(text, narrow, english, roles) if p.mention_id)
    return picks, usage


def _window_picks(text: str, window: Window, english: str, roles: dict[str, Role]) -> list[Pick]:
    start, end = _sentence_around(text, window.start, window.end)
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


def _windows(
    text: str, chunk: list[Sentence], mentions: list[Mention], roles: dict[str, Role]
) -> list[Window]:
    """The windows of a chunk's candidates: one around each candidate mention (shared by the
    candidates it holds)."""
    windows: list[Window] = []
    for sentence in chunk:
        inside = _mentions_in(sentence, mentions)
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


def _system_prompt() -> str:
    return Template(prompt_template("extract_system.md")).substitute(
        example=prompt_template("extract_example.md").strip()
    )


def _answer_budget(mentions: int, sentences: int) -> int:
    return min(6000, 400 + 70 * mentions + 90 * min(sentences, MAX_EVENTS))


def _user_prompt(
    clean: CleanArticle,
    chunk: list[Sentence],
    mentions: list[Mention],
    roles: dict[str, Role],
    published: str | None,
) -> str:
    lines = []
    for sentence in chunk:
        number, start, end = sentence
        lines.append(f"[S{number}] {clean.text[start:end]}")
        lines.extend(
            f"    {_describe(m, clean.text)} → {roles[m.id]}"
            for m in _mentions_in(sentence, mentions)
            if m.id in roles
        )
    return Template(prompt_template("extract_user.md")).substitute(
        article_id=clean.article.id,
        published=published or "unknown",
        sentences="\n".join(lines),
    )


def _describe(mention: Mention, text: str) -> str:
    """One candidate line: id, exact words, the clause around them, and the normalized value."""
    words = f"«{mention.text}»"
    clause = clause_around(text, mention.start, mention.end, max_words=14)
    if clause != mention.text.strip():
        words += f" in «{clause}»"
    if mention.kind == "date":
        value = mention.date or "no date given"
        cue = f", {mention.qualifier}" if mention.qualifier else ""
        return f"{mention.id} date {words} = {value}{cue}"
    approx = "" if mention.approx == "exact" else f"{mention.approx} "
    value = f"{mention.value:g}" if mention.value is not None else "?"
    if mention.value_max is not None:
        value = f"{value}-{mention.value_max:g}"
    unit = f" {mention.unit}" if mention.unit else ""
    return f"{mention.id} number {words} = {approx}{value}{unit}"


# -- the response model ------------------------------------------------------------------------
#
# One required entry per candidate mention, in the article's order, so the model considers every
# mention and only decides and describes: ``use`` first ("skip" or what the mention is), then
# short English and Arabic words. Events that no date mention carries come in a short list.


def _verbatim_quote(value: str | None, info: ValidationInfo) -> str | None:
    if not value:
        return None
    text = (info.context or {}).get("text")
    if not isinstance(text, str):  # never pass a quote unchecked
        raise ValueError("no article to check the quote against (validate with context text)")
    if _locate(value, text) is None:
        raise ValueError(
            f"quote {value[:80]!r} is not in the article: copy the article's words exactly, "
            "or leave quote empty"
        )
    return value


def _enum(values: list[str]) -> Any:
    return Literal[tuple(values)]


def _describing_fields(
    with_quotes: bool, with_arabic: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    fields: dict[str, Any] = {
        "about_en": (str, Field(min_length=2, max_length=160, pattern=ENGLISH_ONLY)),
        "place_en": (str, Field(max_length=60, pattern=ENGLISH_ONLY)),
    }
    if with_arabic:
        fields["about_ar"] = (str, Field(min_length=2, max_length=200, pattern=NO_LATIN))
    validators: dict[str, Any] = {}
    if with_quotes:  # small models copy badly: their quote is the sentence the item comes from
        fields["quote"] = (str | None, Field(default=None, max_length=400))
        validators["quote_in_article"] = field_validator("quote")(_verbatim_quote)
    return fields, validators


class Skip(BaseModel):
    """The dated happening does not matter for the brief."""

    use: Literal["skip"]


@lru_cache(maxsize=256)  # one class per distinct request: bounded for huge batches
def _response_model_cached(
    roles: tuple[tuple[str, Role], ...],
    sentence_ids: tuple[str, ...],
    with_quotes: bool,
    with_arabic: bool,
) -> type[BaseModel]:
    fields, validators = _describing_fields(with_quotes, with_arabic)
    described = create_model("Described", **fields, __validators__=validators)
    event_literal: Any = Literal["event"]
    event_use = create_model(
        "EventUse", use=(event_literal, ...), **fields, __validators__=validators
    )
    per_mention: dict[str, Any] = {
        mention_id: ((Skip | event_use) if role == "event" else described, ...)
        for mention_id, role in roles
    }
    event = create_model(
        "Event", sentence=(_enum(list(sentence_ids)), ...), **fields, __validators__=validators
    )
    return create_model(
        "ArticleFacts",
        mentions=(create_model("Mentions", **per_mention), ...),
        events=(list[event], Field(max_length=MAX_EVENTS if with_arabic else 3)),  # type: ignore[valid-type,unused-ignore]
    )


def response_model(
    roles: dict[str, Role],
    sentence_ids: list[str],
    *,
    with_quotes: bool = True,
    with_arabic: bool = True,
) -> type[BaseModel]:
    """Build the schema the model must answer in: one entry per candidate mention, in order.

    Deadline and figure candidates are only described; a dated happening may be skipped.
    """
    ordered = tuple(sorted(roles.items(), key=lambda item: int(item[0][1:])))
    return _response_model_cached(ordered, tuple(sentence_ids), with_quotes, with_arabic)


# -- from the answer to picks -------------------------------------------------------------------


def _picks(
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
        located = _locate(quote, text)
        if located is not None:
            return located
    if mention is not None:
        return _sentence_around(text, mention.start, mention.end)
    return sentences[data["sentence"]]


@lru_cache(maxsize=16)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text))


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    spans = _sentence_spans(text)  # split once per article, then a binary search per pick
    index = bisect.bisect_right(spans, (start, len(text) + 1)) - 1
    if index >= 0 and spans[index][0] <= start and end <= spans[index][1]:
        return spans[index]
    return start, end


def _locate(quote: str, text: str) -> tuple[int, int] | None:
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
