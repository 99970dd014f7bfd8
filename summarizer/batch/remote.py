"""The OpenAI Batch API itself: upload, submit, poll and download, with the batch id kept in
the cache folder so an interrupted run resumes the same batch."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import openai

from summarizer.batch.jobs import ENDPOINT, Job, Request, collect, jsonl
from summarizer.cache import ExtractionCache
from summarizer.errors import (
    ConfigurationError,
    EndpointUnavailable,
    ExtractionError,
    SummarizerError,
    UsageError,
)
from summarizer.llm import (
    BackendChoice,
    without_key,
)

log = logging.getLogger(__name__)

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


def run_batch(
    pending: list[Job],
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
    store = BatchStore(folder)
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
    collect(pending, results, batch, cache)
    store.drop(current)


def _submit(
    client: openai.OpenAI, requests: list[Request], job_key: str, choice: BackendChoice
) -> str:
    if len(requests) > MAX_REQUESTS:
        raise UsageError(
            f"{len(requests)} requests exceed the Batch API's {MAX_REQUESTS:,} per batch; "
            "split the articles into several runs"
        )
    data = jsonl(requests)
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
            raise as_error(error, "check the batch", None) from None
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
            raise as_error(error, f"download the batch results {file_id}", None) from None
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
                results[str(entry["custom_id"])] = entry
            except (ValueError, KeyError, TypeError):
                log.warning("skipping unreadable line %d of batch file %s", number, file_id)
    return results


def _call(make: Callable[[], Any], what: str, choice: BackendChoice) -> Any:
    try:
        return make()
    except openai.APIError as error:
        raise as_error(error, what, choice) from None


def as_error(error: openai.APIError, what: str, choice: BackendChoice | None) -> SummarizerError:
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


class BatchStore:
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
