"""``summarize_batch``: the whole pipeline for one batch, as a library call."""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from summarizer.assemble import ArticleOutcome as ArticleOutcome
from summarizer.assemble import CleanBatch as CleanBatch
from summarizer.assemble import assemble_brief as assemble_brief
from summarizer.assemble import first_line
from summarizer.cache import ExtractionCache, cache_key, default_cache_dir
from summarizer.compose import facts_from_picks
from summarizer.cost import estimate_cost
from summarizer.errors import (
    Cancelled,
    ConfigurationError,
    EndpointUnavailable,
    SummarizerError,
)
from summarizer.extract import ChunkStore, extract_article, prompt_version
from summarizer.inputs import check_settings as check_settings
from summarizer.inputs import checked_articles as checked_articles
from summarizer.inputs import start_run
from summarizer.limiter import DEFAULT_CEILING, DEFAULT_START, AdaptiveLimiter
from summarizer.llm import LLM, BackendChoice, RetryPolicy
from summarizer.models import (
    Article,
    ArticleReport,
    Brief,
    CleanArticle,
    LoadResult,
    Mention,
)
from summarizer.normalize import (
    detect_metadata,
    detect_title,
    find_mentions,
    infer_published,
    outlet_from_url,
)
from summarizer.settings import Settings
from summarizer.stories import check_as_of

log = logging.getLogger(__name__)


ProgressCallback = Callable[[ArticleReport], None]

def summarize_batch(
    articles: Iterable[Article] | LoadResult,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    concurrency: int | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    timeout: float = 120.0,
    policy: RetryPolicy | None = None,
    mode: str | None = None,
    progress: ProgressCallback | None = None,
    as_of: str | None = None,
    settings: Settings | None = None,
) -> Brief:
    """Summarize a batch of articles into one merged bilingual brief.

    The brief groups the articles into ``stories`` (each with its title, lead and items) and
    lists ``next``: deadlines and scheduled dates relative to ``as_of`` (an ISO date; today
    when None), upcoming nearest first, passed ones marked "passed".

    The backend is an OpenAI-compatible endpoint when ``base_url``/``api_key`` (or
    ``OPENAI_BASE_URL``/``OPENAI_API_KEY``) are set, otherwise the embedded local model.
    ``settings`` are the run's other settings (:class:`~summarizer.settings.Settings`; read from
    the environment when None); ``model``, ``base_url``, ``api_key`` and ``mode`` override them.
    ``brief.meta.estimated_cost_usd`` is priced from the built-in table and the settings'
    ``prices_file``. An article
    that fails is listed in ``brief.articles`` with ``status="failed"`` and its reason; the others
    still make the brief. Each finished extraction is committed to the cache at once, so a run
    that is killed (or interrupted with Ctrl-C) and run again redoes only what was unfinished.

    Requests to an endpoint share one adaptive limit (see :mod:`summarizer.limiter`): it grows
    while the server keeps up and halves on 429/503 and timeouts; ``concurrency`` is its ceiling
    (default 64). The embedded model answers one request at a time. ``brief.meta`` reports the
    most requests that were in flight at once (``concurrency_reached``).

    Raises :class:`ConfigurationError` for settings no request could use (``concurrency`` not a
    whole number >= 1, ``timeout`` not > 0, a malformed ``base_url``), before any request, and when
    the backend cannot be used at all (a refused key); :class:`EndpointUnavailable` when the
    endpoint cannot be reached and no article was summarized (an article served from the cache
    counts: then the others are listed as failed); :class:`TypeError` when given a path
    instead of articles.
    """
    check_settings(concurrency=concurrency, timeout=timeout, base_url=base_url)
    try:
        check_as_of(as_of)
    except ValueError as error:
        raise ConfigurationError(str(error)) from None
    started = time.monotonic()
    run = start_run(articles, settings, model=model, base_url=base_url, api_key=api_key, mode=mode)
    checked, problems, settings, prices, choice = (
        run.articles, run.problems, run.settings, run.prices, run.choice
    )
    log.info("backend: %s", choice.describe())
    workers = _workers(concurrency, choice)
    limiter = AdaptiveLimiter(ceiling=workers, start=min(workers, DEFAULT_START))
    llm = LLM(choice, timeout=timeout, policy=policy, mode=settings.mode, limiter=limiter)
    cache = (
        ExtractionCache(Path(cache_dir) if cache_dir else default_cache_dir())
        if use_cache
        else None
    )
    try:
        outcomes = _run(checked, llm, cache, workers, progress)
    finally:
        if cache is not None:
            cache.close()
    brief = assemble_brief(
        outcomes, problems, model=choice.model, backend=choice.kind,
        seconds=time.monotonic() - started, warnings=cache.warnings if cache else None,
        as_of=as_of,
    )  # fmt: skip
    brief.meta.concurrency_reached = limiter.peak or None
    brief.meta.estimated_cost_usd = estimate_cost(choice.model, brief.meta.usage, prices=prices)
    return brief

def _workers(concurrency: int | None, choice: BackendChoice) -> int:
    """The ceiling of requests in flight, and of articles worked on at once."""
    most = choice.capabilities.max_in_flight
    ceiling = concurrency if concurrency is not None else DEFAULT_CEILING
    return ceiling if most is None else min(most, ceiling)

def _run(
    articles: list[Article],
    llm: LLM,
    cache: ExtractionCache | None,
    workers: int,
    progress: ProgressCallback | None,
) -> list[ArticleOutcome]:
    batch = CleanBatch.of(articles)
    unique = batch.unique
    breaker = _Breaker(llm)

    def work(clean: CleanArticle) -> ArticleOutcome:
        outcome = _summarize_one(clean, llm, cache, breaker)
        if progress is not None:
            progress(outcome.report)
        return outcome

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="summarize")
    futures = []
    try:
        futures = [pool.submit(work, clean) for clean in unique.values()]
        results = [future.result() for future in futures]
    except BaseException as stop:
        # Ctrl-C: articles not started are dropped, articles in flight stop before their next
        # request; what finished is already in the cache. Wait for the requests in flight (a
        # second Ctrl-C stops waiting) so the cache is closed only after them.
        llm.abort(Cancelled("the run was interrupted"))
        for future in futures:
            future.cancel()
        if isinstance(stop, KeyboardInterrupt):
            log.warning(
                "interrupted: finished articles are in the cache (run again to resume); "
                "waiting for the requests in flight"
            )
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    breaker.raise_if_fatal(results)
    return batch.outcomes(dict(zip(unique, results, strict=True)))

class _Breaker:
    """Stops the batch early when the endpoint is down or refuses us.

    The first article to find out trips it: the client's other requests fail at once
    (:meth:`LLM.abort`), articles not yet asked about are not sent (cached ones still count).
    """

    def __init__(self, llm: LLM) -> None:
        self.llm = llm
        self.fatal: SummarizerError | None = None
        self._lock = threading.Lock()

    def check(self) -> None:
        fatal = self.fatal
        if fatal is not None:
            raise type(fatal)(f"not sent, the endpoint failed before: {fatal}")

    def trip(self, error: SummarizerError) -> None:
        with self._lock:
            if self.fatal is None:
                self.fatal = error
        self.llm.abort(error)

    def raise_if_fatal(self, outcomes: list[ArticleOutcome]) -> None:
        """A refused key is a configuration error; an endpoint that is down with nothing
        summarized is one error too (one line, not a brief of failures)."""
        if isinstance(self.fatal, ConfigurationError):
            raise self.fatal
        if isinstance(self.fatal, EndpointUnavailable) and all(
            o.report.status == "failed" for o in outcomes
        ):
            raise self.fatal

def _summarize_one(
    clean: CleanArticle, llm: LLM, cache: ExtractionCache | None, breaker: _Breaker
) -> ArticleOutcome:
    article = clean.article
    started = time.monotonic()
    report = article_report(clean)
    published = report.published
    try:
        mentions = find_mentions(clean.text, published)
        short = llm.capabilities.short_requests
        asked = asked_about(mentions, published)
        key = extraction_key(clean.text, llm.name, llm.choice.kind, short=short, asked=asked)
        extraction = cache.get(key) if cache is not None else None
        report.cached = extraction is not None
        if extraction is None:
            breaker.check()
            with llm.article():  # one deadline for all of the article's requests
                extraction, usage = extract_article(
                    clean, mentions, llm, published=published,
                    chunks=ChunkStore(cache, lambda chunk: extraction_key(
                        clean.text, llm.name, llm.choice.kind, short=short, asked=asked,
                        chunk=chunk,
                    )) if cache is not None else None,
                )  # fmt: skip
            report.usage = usage
            if cache is not None:
                cache.put(key, extraction)  # committed now: a killed run keeps it
        facts = facts_from_picks(clean, extraction, mentions, published)
    except (ConfigurationError, EndpointUnavailable) as err:
        breaker.trip(err)
        return _failed(report, clean, err, started, llm)
    except SummarizerError as err:
        return _failed(report, clean, err, started, llm)
    except Exception as err:  # one article's bug must not cost the batch
        log.exception("unexpected error on article %s", article.id)
        return _failed(report, clean, err, started, llm)
    report.seconds = round(time.monotonic() - started, 3)
    log.info(
        "%s: %d picks in %.1fs%s",
        article.id,
        len(extraction.picks),
        report.seconds,
        " (cached)" if report.cached else "",
    )
    return ArticleOutcome(report=report, facts=facts, text=clean.text)

def article_report(clean: CleanArticle) -> ArticleReport:
    """The report of an article before it is extracted: its id, title, publication date and
    outlet, from its fields first and then from its text (every path that extracts starts
    here)."""
    article = clean.article
    published, source = detect_metadata(article.text)
    published = article.published or published
    inferred = None if published else infer_published(clean.text)
    return ArticleReport(
        id=article.id,
        title=article.title or detect_title(article.text) or first_line(clean.text),
        published=published or inferred,
        published_inferred=inferred is not None,
        source=article.source or source or outlet_from_url(article.url),
    )

def _failed(
    report: ArticleReport, clean: CleanArticle, error: Exception, started: float, llm: LLM
) -> ArticleOutcome:
    reason = (
        " ".join(str(error).split())  # one line
        if isinstance(error, SummarizerError)
        else f"internal error: {type(error).__name__}"
    )
    reason = llm.redact(reason[:500])
    log.info("%s failed: %s", report.id, reason)  # the brief (and the CLI) report it
    if isinstance(error, SummarizerError) and error.usage is not None:
        report.usage = report.usage.add(error.usage)  # failed attempts cost tokens too
    report.status = "failed"
    report.error = reason
    report.seconds = round(time.monotonic() - started, 3)
    return ArticleOutcome(report=report, facts=None, text=clean.text)

def extraction_key(
    text: str,
    model: str,
    backend: str,
    *,
    short: bool,
    asked: str,
    chunk: str | None = None,
) -> str:
    """The cache address of one article's extraction (or of one ``chunk`` of it, "2/5"),
    shared by every path that extracts; ``short``: asked by short requests, one per value;
    ``asked``: what the requests are made of (:func:`asked_about`)."""
    variant = f"short={short} asked={asked}" + (f" chunk={chunk}" if chunk else "")
    return cache_key(text, model, backend, prompt_version(), variant)


def asked_about(mentions: list[Mention], published: str | None) -> str:
    """A digest of what an article's requests are made of besides its text: its mentions as
    the normalizer reads them and its publication date, which decide its candidates and their
    roles. A change of the normalizer's tables that changes them (a new counted noun) asks
    the model again, instead of reusing an answer about other candidates."""
    rows = [
        [m.start, m.end, m.kind, m.value, m.unit, m.date, m.approx, m.qualifier]
        for m in mentions
    ]
    payload = json.dumps([published, rows], ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
