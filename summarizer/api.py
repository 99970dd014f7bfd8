"""``summarize_batch``: the whole pipeline for one batch, as a library call."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from summarizer.cache import ExtractionCache, cache_key, default_cache_dir
from summarizer.clean import clean_article
from summarizer.cost import estimate_cost, load_prices
from summarizer.errors import (
    Cancelled,
    ConfigurationError,
    EndpointUnavailable,
    SummarizerError,
)
from summarizer.extract import ChunkStore, extract_article, prompt_version
from summarizer.limiter import DEFAULT_CEILING, DEFAULT_START, AdaptiveLimiter
from summarizer.llm import LLM, BackendChoice, RetryPolicy, check_base_url, choose_backend
from summarizer.load import has_surrogates, replace_surrogates, unique_ids
from summarizer.merge import merge_facts, summarize
from summarizer.models import (
    Article,
    ArticleFacts,
    ArticleReport,
    Brief,
    CleanArticle,
    LoadProblem,
    LoadResult,
    Meta,
    Usage,
)
from summarizer.normalize import (
    detect_metadata,
    detect_title,
    find_mentions,
    outlet_from_url,
)
from summarizer.compose import facts_from_picks
from summarizer.normalize.timeline import iso_date
from summarizer.settings import Settings
from summarizer.stories import add_stories, check_as_of

log = logging.getLogger(__name__)

ProgressCallback = Callable[[ArticleReport], None]


@dataclass
class ArticleOutcome:
    """One article's line in the brief, its facts (None when failed or a duplicate), its text."""

    report: ArticleReport
    facts: ArticleFacts | None
    text: str


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
    problems: list[LoadProblem] = []
    if isinstance(articles, LoadResult):
        problems = list(articles.problems)
        articles = articles.articles
    checked = checked_articles(articles, problems)
    settings = (settings or Settings.from_env()).with_values(
        model=model, base_url=base_url, api_key=api_key, mode=mode
    )
    prices = load_prices(settings.prices_file)  # a bad file stops the run before any request
    choice = choose_backend(settings)
    if choice.base_url:
        check_base_url(choice.base_url)  # OPENAI_BASE_URL too
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


def check_settings(
    *, concurrency: object = None, timeout: object = 120.0, base_url: object = None
) -> None:
    """Refuse settings no request could use, with a one-line reason, before any request.

    Raises:
        ConfigurationError: ``concurrency`` is not a whole number >= 1, ``timeout`` is not a
            number of seconds > 0, or ``base_url`` is not an http(s) URL with a host.
    """
    if concurrency is not None and (
        isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1
    ):
        raise ConfigurationError(
            f"concurrency must be a whole number >= 1 (requests at once), not {concurrency!r}"
        )
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, int | float)
        or not 0 < timeout < float("inf")
    ):
        raise ConfigurationError(
            f"timeout must be a number of seconds > 0 (per model request), not {timeout!r}"
        )
    if base_url is not None:
        if not isinstance(base_url, str):
            raise ConfigurationError(
                f"base_url must be a URL string, not {type(base_url).__name__}"
            )
        check_base_url(base_url)


def checked_articles(articles: object, problems: list[LoadProblem]) -> list[Article]:
    """The articles, each with a unique id and a valid ISO ``published`` (or none).

    A renamed id or an ignored date is added to ``problems`` as a warning. Raises
    :class:`TypeError` for a path, a string or anything that is not articles.
    """
    if isinstance(articles, str | bytes | os.PathLike):
        raise TypeError(
            f"summarize_batch() takes articles, not a path ({articles!r}): pass "
            f"load_articles({str(articles)!r}), or load_batch(...) to keep its load problems"
        )
    if not isinstance(articles, Iterable):
        raise TypeError(f"summarize_batch() takes articles, not {type(articles).__name__}")
    out = []
    for article in articles:
        if not isinstance(article, Article):
            raise TypeError(
                "summarize_batch() takes Article objects (see load_articles), "
                f"got {type(article).__name__}: {str(article)[:80]!r}"
            )
        out.append(_encodable(_with_valid_date(article, problems), problems))
    return unique_ids(out, problems)


def _encodable(article: Article, problems: list[LoadProblem]) -> Article:
    """Unpaired surrogates (from JSON escapes) would break every UTF-8 write: replace them."""
    fields = ("id", "text", "title", "url", "source")
    bad = {f: replace_surrogates(v) for f in fields if has_surrogates(v := getattr(article, f))}
    if not bad:
        return article
    where = article.path or article.id
    reason = f"unpaired surrogates in {', '.join(bad)}; replaced with U+FFFD"
    log.warning("%s: %s", replace_surrogates(where), reason)
    problems.append(LoadProblem(path=replace_surrogates(where), reason=reason, severity="warning"))
    return article.model_copy(update=bad)


def _with_valid_date(article: Article, problems: list[LoadProblem]) -> Article:
    if article.published is None:
        return article
    date = iso_date(article.published)
    if date is None:
        shown = " ".join(article.published.split())[:40]
        reason = f"'published' {shown!r} is not a date (YYYY-MM-DD); ignored"
        log.warning("%s: %s", article.path or article.id, reason)
        problems.append(LoadProblem(path=article.path or article.id, reason=reason,
                                    severity="warning"))  # fmt: skip
    return article if date == article.published else article.model_copy(update={"published": date})


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


@dataclass
class CleanBatch:
    """A batch after cleaning: the articles left empty (never sent), and one article per
    distinct text to summarize; identical articles are summarized once."""

    cleaned: list[CleanArticle]
    empty: dict[str, ArticleOutcome]
    unique: dict[str, CleanArticle]

    @classmethod
    def of(cls, articles: list[Article]) -> CleanBatch:
        """Clean every article and group them by text."""
        cleaned = [clean_article(a) for a in articles]
        empty = {c.article.id: nothing_left(c) for c in cleaned if not c.text.strip()}
        unique: dict[str, CleanArticle] = {}
        for clean in cleaned:
            if clean.article.id not in empty:
                unique.setdefault(clean.text, clean)
        return cls(cleaned, empty, unique)

    def outcomes(self, done: dict[str, ArticleOutcome]) -> list[ArticleOutcome]:
        """Every article's outcome, in input order, from the outcome of each distinct text."""
        kept = [c for c in self.cleaned if c.article.id not in self.empty]
        ids = ids_by_text(kept)
        return [
            self.empty[c.article.id]
            if c.article.id in self.empty
            else with_twins(done[c.text], c, self.unique[c.text], ids[c.text])
            for c in self.cleaned
        ]


def nothing_left(clean: CleanArticle) -> ArticleOutcome:
    """The failed line of an article that cleaning reduced to nothing (it is never sent)."""
    article = clean.article
    where = article.path or article.id
    log.warning("%s: no article text left after cleaning", where)
    report = ArticleReport(
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
        status="failed",
        error=f"{where}: no article text left after cleaning",
    )
    return ArticleOutcome(report=report, facts=None, text="")


def ids_by_text(cleaned: list[CleanArticle]) -> dict[str, list[str]]:
    """The ids of the articles that share each cleaned text (one pass over the batch)."""
    ids: dict[str, list[str]] = {}
    for clean in cleaned:
        ids.setdefault(clean.text, []).append(clean.article.id)
    return ids


def with_twins(
    outcome: ArticleOutcome, clean: CleanArticle, first: CleanArticle, same_text: list[str]
) -> ArticleOutcome:
    """Identical articles are summarized once and keep their ids: the first lists its twins
    (``duplicate_ids``), each twin names the first (``duplicate_of``), so a batch of many
    copies stays linear in size.

    ``outcome`` is the first article's; ``same_text`` the ids of every article with its text.
    """
    if first is clean:
        twins = [i for i in same_text if i != clean.article.id]
        report = outcome.report.model_copy(update={"duplicate_ids": twins})
        return ArticleOutcome(report=report, facts=outcome.facts, text=outcome.text)
    report = outcome.report.model_copy(
        update={"id": clean.article.id, "usage": Usage(), "duplicate_ids": [],
                "duplicate_of": first.article.id, "cached": True}
    )  # fmt: skip
    return ArticleOutcome(report=report, facts=None, text=outcome.text)


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
        key = extraction_key(clean.text, llm.name, llm.choice.kind, short=short)
        extraction = cache.get(key) if cache is not None else None
        report.cached = extraction is not None
        if extraction is None:
            breaker.check()
            with llm.article():  # one deadline for all of the article's requests
                extraction, usage = extract_article(
                    clean, mentions, llm, published=published,
                    chunks=ChunkStore(cache, lambda chunk: extraction_key(
                        clean.text, llm.name, llm.choice.kind, short=short, chunk=chunk
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
    return ArticleReport(
        id=article.id,
        title=article.title or detect_title(article.text) or first_line(clean.text),
        published=article.published or published,
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


def first_line(text: str) -> str | None:
    """The article's first line (its headline, usually), as a title when none is given."""
    line = text.split("\n", 1)[0].strip()
    return line[:200] or None


def extraction_key(
    text: str, model: str, backend: str, *, short: bool, chunk: str | None = None
) -> str:
    """The cache address of one article's extraction (or of one ``chunk`` of it, "2/5"),
    shared by every path that extracts; ``short``: asked by short requests, one per value."""
    variant = f"short={short}" + (f" chunk={chunk}" if chunk else "")
    return cache_key(text, model, backend, prompt_version(), variant)


def assemble_brief(
    outcomes: list[ArticleOutcome],
    problems: list[LoadProblem],
    *,
    model: str,
    backend: str,
    seconds: float,
    estimated_cost_usd: float | None = None,
    warnings: list[str] | None = None,
    as_of: str | None = None,
) -> Brief:
    """Merge the articles' facts and put the brief together with its meta, its stories, its
    lead and what comes next after ``as_of`` (an ISO date; today when None).

    Load problems become lines of the brief (``failed`` or ``skipped``); warnings (of loading,
    ``problems`` of severity warning, and of the cache, ``warnings``) go to ``meta.warnings``.
    ``texts`` holds each distinct text once, under the id of the first article that has it.
    """
    reports = [o.report for o in outcomes]
    taken = {r.id for r in reports}
    for problem in problems:
        if problem.severity != "warning":
            reports.append(problem_report(problem, taken))
    merged = merge_facts(o.facts for o in outcomes if o.facts is not None)
    usage = Usage()
    for report in reports:
        usage = usage.add(report.usage)
    meta = Meta(
        model=model,
        backend=backend,
        prompt_version=prompt_version(),
        usage=usage,
        estimated_cost_usd=estimated_cost_usd,
        seconds=round(seconds, 3),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        warnings=[p.describe() for p in problems if p.severity == "warning"] + (warnings or []),
    )
    brief = Brief(
        articles=reports,
        deadlines=merged.deadlines,
        figures=merged.figures,
        events=merged.events,
        conflicts=merged.conflicts,
        summary=summarize(merged, [r for r in reports if r.status != "skipped"]),
        meta=meta,
        texts={o.report.id: o.text for o in outcomes if o.report.duplicate_of is None and o.text},
    )
    return add_stories(brief, as_of=as_of)


def problem_report(problem: LoadProblem, taken: set[str] | None = None) -> ArticleReport:
    """The brief's line for an input that could not be loaded (``failed``) or is not an article
    (``skipped``); its id is new to ``taken`` (which it joins), when given."""
    base = Path(problem.path).stem + (f"-{problem.line}" if problem.line else "")
    report_id, number = base, 1
    while taken is not None and report_id in taken:
        number += 1
        report_id = f"{base}-{number}"
    if taken is not None:
        taken.add(report_id)
    return ArticleReport(
        id=report_id,
        status="skipped" if problem.severity == "skipped" else "failed",
        error=problem.describe(),
    )
