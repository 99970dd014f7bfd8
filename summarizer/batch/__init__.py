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

import logging
import time
from collections.abc import Iterable
from pathlib import Path

from summarizer.assemble import CleanBatch, assemble_brief
from summarizer.batch.jobs import outcome, prepare
from summarizer.batch.remote import STATE_FILE as STATE_FILE
from summarizer.batch.remote import BatchPending as BatchPending
from summarizer.batch.remote import BatchStatus as BatchStatus
from summarizer.batch.remote import StatusCallback, run_batch
from summarizer.cache import ExtractionCache, default_cache_dir
from summarizer.cost import estimate_cost
from summarizer.errors import UsageError
from summarizer.inputs import start_run
from summarizer.models import Article, Brief, LoadResult
from summarizer.settings import Settings

log = logging.getLogger(__name__)


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
    run = start_run(articles, settings, model=model, base_url=base_url, api_key=api_key)
    checked, problems, prices, choice = run.articles, run.problems, run.prices, run.choice
    if choice.capabilities.in_process:
        raise UsageError(
            "the Batch API needs an endpoint: set OPENAI_API_KEY (OpenAI) or --base-url / "
            "OPENAI_BASE_URL (a server that implements /v1/batches); the embedded model has none"
        )
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    cache = ExtractionCache(folder) if use_cache else None
    try:
        batch = CleanBatch.of(checked)
        jobs = {text: prepare(clean, choice, cache) for text, clean in batch.unique.items()}
        pending = [j for j in jobs.values() if j.extraction is None and j.error is None]
        if pending:
            run_batch(pending, choice, folder, cache, batch_id, wait, poll_interval, timeout,
                       on_status)  # fmt: skip
        outcomes = batch.outcomes({text: outcome(job) for text, job in jobs.items()})
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
