"""Summarize through the OpenAI Batch API: for batches of thousands of articles, at half price.

The requests are the very ones the interactive path sends (the same chunks, prompts, response
model and instructor TOOLS-mode request), written as JSONL, uploaded (``POST /files``), submitted
(``POST /batches``) and polled (``GET /batches/{id}``); the answers (``GET /files/{id}/content``)
go through the same validation, the same picks, the normalizer's facts and the same merge.
There is no reask in batch mode: an answer that fails validation marks its article failed with
the reason. The batch id is stored in the cache folder as soon as it exists, so a run that is
interrupted (or asked not to wait) resumes polling the same batch when run again; answers that
validate go into the extraction cache, shared with the interactive path.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import openai
from pydantic import ValidationError

from summarizer.api import (
    ArticleOutcome,
    CleanBatch,
    article_report,
    assemble_brief,
    checked_articles,
    extraction_key,
)
from summarizer.cache import ExtractionCache, default_cache_dir
from summarizer.cost import estimate_cost, load_prices
from summarizer.errors import (
    ConfigurationError,
    EndpointUnavailable,
    ExtractionError,
    SummarizerError,
    UsageError,
)
from summarizer.extract import ChunkRequest, answer_picks, chunk_requests, unique_picks
from summarizer.llm import (
    BackendChoice,
    check_base_url,
    choose_backend,
    token_count,
    tool_request_body,
    validate_answer,
    without_key,
)
from summarizer.models import (
    Article,
    ArticleReport,
    Brief,
    CleanArticle,
    Extraction,
    LoadProblem,
    LoadResult,
    Mention,
    Pick,
    Usage,
)
from summarizer.normalize import (
    find_mentions,
)
from summarizer.compose import facts_from_picks
from summarizer.settings import Settings

log = logging.getLogger(__name__)

ENDPOINT: Final = "/v1/chat/completions"
COMPLETION_WINDOW: Final = "24h"
MAX_REQUESTS = 50_000  # the Batch API's limits for one input file
MAX_FILE_BYTES = 200 * 1024 * 1024
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
STATE_FILE = "batches.json"
POLL_FAILURES = 10  # consecutive failed status checks before giving up (a rerun resumes)


@dataclass(frozen=True)
class BatchStatus:
    """Where a submitted batch stands (given to the ``on_status`` callback)."""

    batch_id: str
    status: str
    completed: int = 0
    failed: int = 0
    total: int = 0
    resumed: bool = False

    def describe(self) -> str:
        """Return one line such as ``batch_abc in_progress: 120/500 done, 2 failed``."""
        done = f": {self.completed}/{self.total} done" if self.total else ""
        failed = f", {self.failed} failed" if self.failed else ""
        return f"batch {self.batch_id} {self.status}{done}{failed}"


StatusCallback = Callable[[BatchStatus], None]


class BatchPending(SummarizerError):
    """The batch is submitted but not finished, and the caller asked not to wait."""

    exit_code = 4

    def __init__(self, status: BatchStatus) -> None:
        super().__init__(
            f"{status.describe()}; run the same command again to collect the brief "
            f"(or pass --batch-id {status.batch_id})"
        )
        self.status = status


@dataclass
class _Request:
    """One chat completion in the batch: one chunk of one article."""

    custom_id: str
    body: dict[str, Any]
    asked: ChunkRequest


@dataclass
class _Job:
    """One distinct article: what it needs, and what came back."""

    clean: CleanArticle
    report: ArticleReport
    mentions: list[Mention] = field(default_factory=list)
    published: str | None = None
    key: str = ""
    requests: list[_Request] = field(default_factory=list)
    extraction: Extraction | None = None
    error: str | None = None


def summarize_with_batch_api(
    articles: Iterable[Article] | LoadResult,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    batch_id: str | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    wait: bool = True,
    poll_interval: float = 30.0,
    timeout: float = 120.0,
    on_status: StatusCallback | None = None,
    as_of: str | None = None,
    settings: Settings | None = None,
) -> Brief:
    """Summarize a batch of articles through the OpenAI Batch API into one merged brief.

    ``settings`` as for :func:`~summarizer.api.summarize_batch`.

    Articles already in the extraction cache make no request. The others are submitted as one
    batch, unless a batch for exactly these requests was submitted before (its id is kept in
    ``cache_dir``) or ``batch_id`` names one: then that batch is polled instead. ``wait=False``
    raises :class:`BatchPending` instead of waiting for a batch that is not finished.

    Raises:
        UsageError: no endpoint is configured (the embedded model has no Batch API).
        ConfigurationError: a malformed base URL; the endpoint refuses the key or has no Batch
            API.
        EndpointUnavailable: the endpoint cannot be reached.
        BatchPending: ``wait=False`` and the batch is still running.
    """
    started = time.monotonic()
    problems: list[LoadProblem] = []
    if isinstance(articles, LoadResult):
        problems = list(articles.problems)
        articles = articles.articles
    checked = checked_articles(articles, problems)
    settings = (settings or Settings.from_env()).with_values(
        model=model, base_url=base_url, api_key=api_key
    )
    prices = load_prices(settings.prices_file)
    choice = choose_backend(settings)
    if choice.capabilities.in_process:
        raise UsageError(
            "the Batch API needs an endpoint: set OPENAI_API_KEY (OpenAI) or --base-url / "
            "OPENAI_BASE_URL (a server that implements /v1/batches); the embedded model has none"
        )
    if choice.base_url:
        check_base_url(choice.base_url)  # one line now, not retries of a connection error
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    cache = ExtractionCache(folder) if use_cache else None
    try:
        batch = CleanBatch.of(checked)
        jobs = {text: _prepare(clean, choice, cache) for text, clean in batch.unique.items()}
        pending = [j for j in jobs.values() if j.extraction is None and j.error is None]
        if pending:
            _run_batch(pending, choice, folder, cache, batch_id, wait, poll_interval, timeout,
                       on_status)  # fmt: skip
        outcomes = batch.outcomes({text: _outcome(job) for text, job in jobs.items()})
    finally:
        if cache is not None:
            cache.close()
    brief = assemble_brief(
        outcomes, problems, model=choice.model, backend="batch",
        seconds=time.monotonic() - started, warnings=cache.warnings if cache else None,
        as_of=as_of,
    )  # fmt: skip
    brief.meta.estimated_cost_usd = estimate_cost(
        choice.model, brief.meta.usage, batch=True, prices=prices
    )
    return brief


# -- building the requests ----------------------------------------------------------------------


def _prepare(clean: CleanArticle, choice: BackendChoice, cache: ExtractionCache | None) -> _Job:
    article = clean.article
    report = article_report(clean)
    job = _Job(clean=clean, report=report, published=report.published)
    try:
        job.mentions = find_mentions(clean.text, report.published)
        # The interactive path's key, so either path finds what the other stored.
        job.key = extraction_key(clean.text, choice.model, choice.kind, short=False)
        job.extraction = cache.get(job.key) if cache is not None else None
        report.cached = job.extraction is not None
        if job.extraction is None:
            job.requests = _requests(job, choice.model)
            if not job.requests:  # nothing to ask (an empty article): nothing to pick
                job.extraction = Extraction(article_id=article.id)
    except Exception as error:  # one article's bug must not cost the batch
        log.exception("unexpected error on article %s", article.id)
        job.error = f"internal error: {type(error).__name__}"
    return job


def _requests(job: _Job, model: str) -> list[_Request]:
    """The chat completions the interactive path would send for this article (first attempts)."""
    requests = []
    for number, asked in enumerate(chunk_requests(job.clean, job.mentions, job.published), 1):
        body = tool_request_body(model, asked.messages, asked.response_model, asked.max_tokens)
        requests.append(_Request(f"{job.key[:24]}-{number}", body, asked))
    return requests


def _jsonl(requests: list[_Request]) -> bytes:
    lines = [
        json.dumps(
            {"custom_id": r.custom_id, "method": "POST", "url": ENDPOINT, "body": r.body},
            ensure_ascii=False,
        )
        for r in requests
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- submitting and polling ---------------------------------------------------------------------


def _run_batch(
    pending: list[_Job],
    choice: BackendChoice,
    folder: Path,
    cache: ExtractionCache | None,
    batch_id: str | None,
    wait: bool,
    poll_interval: float,
    timeout: float,
    on_status: StatusCallback | None,
) -> None:
    requests = {r.custom_id: (job, r) for job in pending for r in job.requests}
    client = openai.OpenAI(
        api_key=choice.api_key or "not-needed",
        base_url=choice.base_url,
        timeout=timeout,
        max_retries=5,  # the client's own backoff (honours Retry-After) for each call
    )
    store = _BatchStore(folder)
    job_key = _job_key(choice, sorted(requests))
    resumed = batch_id or store.get(job_key)
    if resumed:
        log.info("resuming batch %s", resumed)
        current = resumed
    else:
        current = _submit(client, [r for _, r in requests.values()], job_key, choice)
        store.put(job_key, current, choice, len(requests))
    batch = _poll(client, current, wait, poll_interval, on_status, resumed=bool(resumed))
    results = without_key(_results(client, batch), choice.api_key)  # before any validation
    _collect(pending, results, batch, cache)
    store.drop(current)


def _submit(
    client: openai.OpenAI, requests: list[_Request], job_key: str, choice: BackendChoice
) -> str:
    if len(requests) > MAX_REQUESTS:
        raise UsageError(
            f"{len(requests)} requests exceed the Batch API's {MAX_REQUESTS:,} per batch; "
            "split the articles into several runs"
        )
    data = _jsonl(requests)
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(
            f"the batch file would be {len(data) / 2**20:.0f} MB, over the Batch API's "
            f"{MAX_FILE_BYTES // 2**20} MB; split the articles into several runs"
        )
    upload = _call(
        lambda: client.files.create(
            file=(f"summarizer-{job_key[:12]}.jsonl", data, "application/jsonl"), purpose="batch"
        ),
        "upload the batch file",
        choice,
    )
    # No automatic retry here: a retried create whose first try did go through is a second
    # batch, billed twice. A failure stops the run; running it again submits again.
    batch = _call(
        lambda: client.with_options(max_retries=0).batches.create(
            input_file_id=upload.id,
            endpoint=ENDPOINT,
            completion_window=COMPLETION_WINDOW,
            metadata={"summarizer_job": job_key[:64]},
        ),
        "create the batch",
        choice,
    )
    log.info("submitted batch %s: %d requests", batch.id, len(requests))
    return str(batch.id)


def _poll(
    client: openai.OpenAI,
    batch_id: str,
    wait: bool,
    interval: float,
    on_status: StatusCallback | None,
    *,
    resumed: bool,
) -> Any:
    failures = 0
    last: BatchStatus | None = None
    while True:
        try:
            batch = client.batches.retrieve(batch_id)
            failures = 0
        except (openai.APIConnectionError, openai.InternalServerError) as error:
            failures += 1
            if failures >= POLL_FAILURES:
                raise EndpointUnavailable(
                    f"cannot check batch {batch_id} ({type(error).__name__}); it keeps running: "
                    "run the same command again to resume"
                ) from None
            log.warning("checking batch %s failed (%s); trying again", batch_id, error)
            time.sleep(interval)
            continue
        except openai.NotFoundError:
            raise UsageError(f"no batch {batch_id} at this endpoint") from None
        except openai.APIError as error:
            raise _as_error(error, "check the batch", None) from None
        counts = batch.request_counts
        status = BatchStatus(
            batch_id=batch_id,
            status=str(batch.status),
            completed=counts.completed if counts else 0,
            failed=counts.failed if counts else 0,
            total=counts.total if counts else 0,
            resumed=resumed,
        )
        if status != last:
            log.info("%s", status.describe())
            if on_status is not None:
                on_status(status)
            last = status
        if status.status in TERMINAL:
            return batch
        if not wait:
            raise BatchPending(status)
        time.sleep(interval)


def _results(client: openai.OpenAI, batch: Any) -> dict[str, dict[str, Any]]:
    """Every result line of a finished batch (answers and errors), by custom_id."""
    results: dict[str, dict[str, Any]] = {}
    for file_id in (batch.output_file_id, batch.error_file_id):
        if not file_id:
            continue
        try:
            text = client.files.content(file_id).text
        except openai.APIError as error:
            raise _as_error(error, f"download the batch results {file_id}", None) from None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                results[str(entry["custom_id"])] = entry
            except (ValueError, KeyError, TypeError):
                log.warning("skipping unreadable line %d of batch file %s", number, file_id)
    return results


# -- from results to extractions ----------------------------------------------------------------


def _collect(
    pending: list[_Job],
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
                errors.append(f"{where}no result in batch {batch.id} ({_batch_problem(batch)})")
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


def _answer(entry: dict[str, Any], request: _Request, job: _Job) -> tuple[Usage, list[Pick] | str]:
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


def _batch_problem(batch: Any) -> str:
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    if errors:
        first = errors[0]
        return f"batch {batch.status}: {getattr(first, 'message', None) or first}"[:200]
    return f"batch {batch.status}"


# -- the brief ----------------------------------------------------------------------------------


def _outcome(job: _Job) -> ArticleOutcome:
    """The outcome of one distinct article: its facts, or its failure."""
    report = job.report.model_copy()
    facts = None
    if job.error is not None:
        report.status, report.error = "failed", job.error
        log.warning("%s failed: %s", report.id, job.error)
    elif job.extraction is not None:
        facts = facts_from_picks(job.clean, job.extraction, job.mentions, job.published)
    return ArticleOutcome(report=report, facts=facts, text=job.clean.text)


# -- errors and the stored batch ids ------------------------------------------------------------


def _call(make: Callable[[], Any], what: str, choice: BackendChoice) -> Any:
    try:
        return make()
    except openai.APIError as error:
        raise _as_error(error, what, choice) from None


def _as_error(error: openai.APIError, what: str, choice: BackendChoice | None) -> SummarizerError:
    if isinstance(error, openai.AuthenticationError):
        return ConfigurationError(
            f"the endpoint refused the API key (HTTP {error.status_code}); check OPENAI_API_KEY"
        )
    if isinstance(error, openai.PermissionDeniedError):
        return ConfigurationError(f"the endpoint denied access (HTTP {error.status_code})")
    if isinstance(error, openai.NotFoundError | openai.UnprocessableEntityError):
        where = (choice.base_url if choice else None) or "the endpoint"
        return ConfigurationError(
            f"cannot {what}: {where} has no OpenAI Batch API (HTTP {error.status_code}); "
            "use it without --batch-api"
        )
    if isinstance(error, openai.APIConnectionError):
        return EndpointUnavailable(f"cannot {what}: cannot reach the endpoint ({error})")
    if isinstance(error, openai.APIStatusError):
        return ExtractionError(f"cannot {what}: HTTP {error.status_code}")
    return ExtractionError(f"cannot {what}: {type(error).__name__}")


def _job_key(choice: BackendChoice, custom_ids: list[str]) -> str:
    """What a submission is: the endpoint, the model and its requests (never the key)."""
    payload = json.dumps([choice.base_url or "openai", choice.model, custom_ids])
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class _BatchStore:
    """Ids of submitted batches not yet collected, in ``batches.json`` of the cache folder."""

    _lock = threading.Lock()

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / STATE_FILE

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("ignoring an unreadable %s", self.path)
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, Any]]) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=1)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, job_key: str) -> str | None:
        entry = self._read().get(job_key)
        return str(entry["batch_id"]) if isinstance(entry, dict) and "batch_id" in entry else None

    def put(self, job_key: str, batch_id: str, choice: BackendChoice, requests: int) -> None:
        with self._lock:
            data = self._read()
            data[job_key] = {
                "batch_id": batch_id,
                "model": choice.model,
                "base_url": choice.base_url,
                "requests": requests,
                "submitted": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            self._write(data)

    def drop(self, batch_id: str) -> None:
        """Forget a batch that has been collected."""
        with self._lock:
            data = self._read()
            kept = {
                k: v
                for k, v in data.items()
                if not (isinstance(v, dict) and v.get("batch_id") == batch_id)
            }
            if kept != data:
                self._write(kept)
