"""After a run: failed articles, the totals line, the ``--stats`` table, and the exit code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.cli.terminal import _err, _markup_safe, _plain
from summarizer.errors import OutputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from rich.table import Table

    from summarizer.cost import Price
    from summarizer.models import ArticleReport, Brief

EXIT_OK, EXIT_FAILED_ALL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_BATCH_PENDING = 4  # --batch-api --no-wait: the batch is still running
EXIT_NOT_WRITTEN = OutputError.exit_code  # the brief went to a fallback file, named on stderr


def _report(result: Brief, stats: bool, prices: Mapping[str, Price], batch: bool) -> None:
    from summarizer.cost import format_cost

    err = _err()
    failed = [a for a in result.articles if a.status == "failed"]
    for article in failed:
        err.print(
            f"[yellow]failed[/yellow] {_markup_safe(article.id)}: "
            f"{_markup_safe(article.error or '?')}",
            highlight=False,
        )
    if stats:
        err.print(_stats_table(result.articles, result.meta.model, prices, batch))
    usage = result.meta.usage
    ok = sum(1 for a in result.articles if a.status == "ok")
    skipped = sum(1 for a in result.articles if a.status == "skipped")
    reached = result.meta.concurrency_reached
    err.print(
        _markup_safe(
            f"{ok}/{len(result.articles) - skipped} articles"
            + (f" ({skipped} inputs skipped)" if skipped else "")
            + f", {usage.requests} requests"
            + (f" (up to {reached} at once)" if reached and reached > 1 else "")
            + f", {usage.prompt_tokens} prompt + "
            f"{usage.completion_tokens} completion tokens, "
            f"{format_cost(result.meta.estimated_cost_usd)}, {result.meta.seconds:.1f}s "
            f"({result.meta.model})"
        ),
        highlight=False,
    )


def _stats_table(
    reports: Iterable[ArticleReport], model: str, prices: Mapping[str, Price], batch: bool
) -> Table:
    from rich.table import Table
    from rich.text import Text

    from summarizer.cost import estimate_cost, format_cost

    table = Table(
        "article", "status", "requests", "prompt", "completion", "cost", "seconds", "cached"
    )
    table.columns[5].min_width = len("<$0.0001")
    for r in reports:
        cost = format_cost(estimate_cost(model, r.usage, batch=batch, prices=prices))
        table.add_row(
            Text(_plain(r.id)), r.status, str(r.usage.requests), str(r.usage.prompt_tokens),
            str(r.usage.completion_tokens), cost.replace("cost unknown", "?"), f"{r.seconds:.1f}",
            "yes" if r.cached else "",
        )  # fmt: skip
    return table


def _exit_code(result: Brief) -> int:
    statuses = [a.status for a in result.articles]
    if "ok" not in statuses:
        return EXIT_FAILED_ALL
    return EXIT_PARTIAL if "failed" in statuses else EXIT_OK
