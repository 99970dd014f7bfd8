"""What a caller passes, checked before any request: settings no request could use, and the
articles themselves (unique ids, valid dates, encodable text)."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.cost import Price, load_prices
from summarizer.errors import ConfigurationError
from summarizer.llm import BackendChoice, check_base_url, choose_backend
from summarizer.load import has_surrogates, replace_surrogates, unique_ids
from summarizer.models import Article, LoadProblem, LoadResult
from summarizer.normalize.timeline import iso_date
from summarizer.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunStart:
    """What every executor of a batch starts from."""

    articles: list[Article]  # checked: unique ids, valid dates, encodable text
    problems: list[LoadProblem]  # the load problems, and the warnings the checks added
    settings: Settings
    prices: dict[str, Price]
    choice: BackendChoice


def start_run(
    articles: Iterable[Article] | LoadResult, settings: Settings | None, **given: str | None
) -> RunStart:
    """The checked articles and their problems, the settings (each ``given`` value over
    ``settings``, read from the environment when None), the price table (a bad price file
    stops the run here, before any request) and the backend, its URL checked."""
    problems: list[LoadProblem] = []
    if isinstance(articles, LoadResult):
        problems = list(articles.problems)
        articles = articles.articles
    checked = checked_articles(articles, problems)
    settings = (settings or Settings.from_env()).with_values(**given)
    prices = load_prices(settings.prices_file)
    choice = choose_backend(settings)
    if choice.base_url:
        check_base_url(choice.base_url)  # OPENAI_BASE_URL too
    return RunStart(checked, problems, settings, prices, choice)


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
