"""The Batch API path's articles: the requests each one needs (the interactive path's chunk
requests, as JSONL lines) and, from the results, its validated picks or why it has none."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from summarizer.api import article_report, asked_about, extraction_key
from summarizer.assemble import ArticleOutcome
from summarizer.cache import ExtractionCache
from summarizer.compose import facts_from_picks
from summarizer.extract import ChunkRequest, answer_picks, chunk_requests, unique_picks
from summarizer.llm import (
    BackendChoice,
    token_count,
    tool_request_body,
    validate_answer,
)
from summarizer.models import (
    ArticleReport,
    CleanArticle,
    Extraction,
    Mention,
    Pick,
    Usage,
)
from summarizer.normalize import (
    find_mentions,
)

log = logging.getLogger(__name__)

ENDPOINT: Final = "/v1/chat/completions"


@dataclass
class Request:
    """One chat completion in the batch: one chunk of one article."""

    custom_id: str
    body: dict[str, Any]
    asked: ChunkRequest


@dataclass
class Job:
    """One distinct article: what it needs, and what came back."""

    clean: CleanArticle
    report: ArticleReport
    mentions: list[Mention] = field(default_factory=list)
    published: str | None = None
    key: str = ""
    requests: list[Request] = field(default_factory=list)
    extraction: Extraction | None = None
    error: str | None = None


def prepare(clean: CleanArticle, choice: BackendChoice, cache: ExtractionCache | None) -> Job:
    article = clean.article
    report = article_report(clean)
    job = Job(clean=clean, report=report, published=report.published)
    try:
        job.mentions = find_mentions(clean.text, report.published)
        # The interactive path's key, so either path finds what the other stored.
        asked = asked_about(job.mentions, report.published)
        job.key = extraction_key(clean.text, choice.model, choice.kind, short=False, asked=asked)
        job.extraction = cache.get(job.key) if cache is not None else None
        report.cached = job.extraction is not None
        if job.extraction is None:
            job.requests = requests_of(job, choice.model)
            if not job.requests:  # nothing to ask (an empty article): nothing to pick
                job.extraction = Extraction(article_id=article.id)
    except Exception as error:  # one article's bug must not cost the batch
        log.exception("unexpected error on article %s", article.id)
        job.error = f"internal error: {type(error).__name__}"
    return job


def requests_of(job: Job, model: str) -> list[Request]:
    """The chat completions the interactive path would send for this article (first attempts)."""
    requests = []
    for number, asked in enumerate(chunk_requests(job.clean, job.mentions, job.published), 1):
        body = tool_request_body(model, asked.messages, asked.response_model, asked.max_tokens)
        requests.append(Request(f"{job.key[:24]}-{number}", body, asked))
    return requests


def jsonl(requests: list[Request]) -> bytes:
    lines = [
        json.dumps(
            {"custom_id": r.custom_id, "method": "POST", "url": ENDPOINT, "body": r.body},
            ensure_ascii=False,
        )
        for r in requests
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def collect(
    pending: list[Job],
    results: dict[str, dict[str, Any]],
    batch: Any,
    cache: ExtractionCache | None,
) -> None:
    for job in pending:
        picks: list[Pick] = []
        errors: list[str] = []
        for number, request in enumerate(job.requests, 1):
            where = f"part {number}/{len(job.requests)}: " if len(job.requests) > 1 else ""
            entry = results.get(request.custom_id)
            if entry is None:
                errors.append(f"{where}no result in batch {batch.id} ({batch_problem(batch)})")
                continue
            usage, outcome = _answer(entry, request, job)
            job.report.usage = job.report.usage.add(usage)
            if isinstance(outcome, str):
                errors.append(where + outcome)
            else:
                picks.extend(outcome)
        if errors:
            job.error = errors[0]
            continue
        job.extraction = Extraction(article_id=job.clean.article.id, picks=unique_picks(picks))
        if cache is not None:
            cache.put(job.key, job.extraction)


def _answer(entry: dict[str, Any], request: Request, job: Job) -> tuple[Usage, list[Pick] | str]:
    """The usage of one result line, and its picks or why it has none."""
    response = entry.get("response") or {}
    body = response.get("body") or {}
    usage = _usage(body) if response else Usage()
    status = int(response.get("status_code") or 0)
    if entry.get("error") or status != 200:
        error = entry.get("error") or body.get("error") or {}
        message = error.get("message") if isinstance(error, dict) else str(error)
        return usage, f"model endpoint error in the batch (HTTP {status or '?'}): {message}"[:300]
    try:
        choice = body["choices"][0]
        message = choice["message"]
        if message.get("refusal"):
            return usage, f"the model refused: {str(message['refusal'])[:200]}"
        if choice.get("finish_reason") == "length":
            return usage, "the model's answer was cut off (max_tokens reached)"
        arguments = message["tool_calls"][0]["function"]["arguments"]
        if isinstance(arguments, dict):
            arguments = json.dumps(arguments)
        if not isinstance(arguments, str):
            raise TypeError(type(arguments).__name__)
    except (KeyError, IndexError, TypeError):
        return usage, "the model gave no tool call in its answer"
    asked = request.asked
    try:  # as the interactive path validates (strict, the article as context, the leak guard)
        answer = validate_answer(
            arguments, asked.response_model, asked.messages, {"text": job.clean.text}
        )
    except ValidationError as error:
        return usage, "the model's answer failed validation (batch mode: no reask): " + _first(
            error
        )
    try:
        return usage, answer_picks(asked, answer, job.clean.text, job.mentions)
    except Exception as error:  # one article's bug must not cost the batch
        log.exception("unexpected error on article %s", job.clean.article.id)
        return usage, f"internal error: {type(error).__name__}"


def _usage(body: dict[str, Any]) -> Usage:
    """One request's usage; counts that are not whole numbers in range are unknown (0)."""
    usage = body.get("usage")
    if not isinstance(usage, dict):
        usage = {}
    return Usage(
        requests=1,
        prompt_tokens=token_count(usage.get("prompt_tokens")),
        completion_tokens=token_count(usage.get("completion_tokens")),
    )


def _first(error: ValidationError) -> str:
    """The most telling error: our own validators' (a quote not in the article), else the first."""
    errors = error.errors(include_url=False)
    first = next((e for e in errors if e["type"] == "value_error"), errors[0])
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}"[:200] if where else str(first["msg"])[:200]


def batch_problem(batch: Any) -> str:
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    if errors:
        first = errors[0]
        return f"batch {batch.status}: {getattr(first, 'message', None) or first}"[:200]
    return f"batch {batch.status}"


def outcome(job: Job) -> ArticleOutcome:
    """The outcome of one distinct article: its facts, or its failure."""
    report = job.report.model_copy()
    facts = None
    if job.error is not None:
        report.status, report.error = "failed", job.error
        log.warning("%s failed: %s", report.id, job.error)
    elif job.extraction is not None:
        facts = facts_from_picks(job.clean, job.extraction, job.mentions, job.published)
    return ArticleOutcome(report=report, facts=facts, text=job.clean.text)
