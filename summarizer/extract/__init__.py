"""Step 4, extract: ask the model about each article's candidate mentions, grounded.

Roles come by rule (:mod:`.roles`). A backend best asked short questions gets one plain-text
label request per candidate value (:mod:`.labels`); any other gets one structured request per
chunk of numbered sentences (:func:`chunk_requests`: :mod:`.prompts`, :mod:`.schema`), whose
validated answer becomes picks (:func:`answer_picks`, :mod:`.picks`). The Batch API path sends
the same requests.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel

from summarizer.clean import split_sentences
from summarizer.extract.labels import LABELS_PER_ARTICLE as LABELS_PER_ARTICLE
from summarizer.extract.labels import NARROW_WORDS as NARROW_WORDS
from summarizer.extract.labels import picks_by_label
from summarizer.extract.picks import Sentence, answer_to_picks, mentions_in
from summarizer.extract.picks import unique_picks as unique_picks
from summarizer.extract.prompts import answer_budget, system_prompt, user_prompt
from summarizer.extract.roles import Role as Role
from summarizer.extract.roles import candidate_role as candidate_role
from summarizer.extract.roles import is_later as is_later
from summarizer.extract.roles import mention_roles
from summarizer.extract.schema import response_model
from summarizer.llm import LLM
from summarizer.models import CleanArticle, Extraction, Mention, Pick, Usage
from summarizer.prompts_io import prompt_version as prompt_version
from summarizer.translate import ENGLISH_ONLY as ENGLISH_ONLY

CHARS_PER_TOKEN = 3  # a conservative estimate for Arabic and English text
CHUNK_TOKENS = 3000  # the prompt size of a chunk of a long article
CHUNK_WORKERS = 4  # chunks of one article sent at once (articles already run in a pool)


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
            labelled, cost = picks_by_label(clean, mentions, roles, llm)
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
    parts = chunks_of(split_sentences(clean.text), mentions, chunk_tokens * CHARS_PER_TOKEN)
    requests = []
    for number, chunk in enumerate(parts, 1):
        roles = {m.id: article_roles[m.id] for s in chunk for m in mentions_in(s, mentions)
                 if m.id in article_roles}  # fmt: skip
        messages = [
            {"role": "system", "content": system_prompt()},
            {"role": "user", "content": user_prompt(clean, chunk, mentions, roles, published)},
        ]
        requests.append(
            ChunkRequest(
                name=f"{number}/{len(parts)}",
                chunk=tuple(chunk),
                roles=roles,
                messages=messages,
                response_model=response_model(roles, [f"S{n}" for n, _, _ in chunk]),
                max_tokens=answer_budget(len(roles), len(chunk)),
            )
        )
    return requests


def answer_picks(
    request: ChunkRequest, answer: BaseModel, text: str, mentions: list[Mention]
) -> list[Pick]:
    """The picks of a validated answer to ``request``: each described mention and event, with
    its verbatim quote (the sentence it stands in, when the model gave none)."""
    by_id = {m.id: m for m in mentions}
    return answer_to_picks(answer, text, list(request.chunk), by_id, request.roles)


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


def chunks_of(
    spans: list[tuple[int, int]], mentions: list[Mention], budget_chars: int
) -> list[list[Sentence]]:
    numbered = [(i + 1, s, e) for i, (s, e) in enumerate(spans)]
    chunks: list[list[Sentence]] = [[]]
    size = 0
    for sentence in numbered:
        length = sentence[2] - sentence[1] + 60 * len(mentions_in(sentence, mentions))
        if chunks[-1] and size + length > budget_chars:
            chunks.append([])
            size = 0
        chunks[-1].append(sentence)
        size += length
    return [c for c in chunks if c]
