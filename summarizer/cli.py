"""The ``summarizer`` command: ``brief``, ``eval``, ``doctor`` and ``schemas``."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from summarizer.errors import SummarizerError, UsageError
from summarizer.models import ArticleReport, Brief, LoadResult

if TYPE_CHECKING:
    from summarizer.cost import Price

EXIT_OK, EXIT_FAILED_ALL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_BATCH_PENDING = 4  # --batch-api --no-wait: the batch is still running

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn a batch of news articles into a bilingual English/Arabic brief.",
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, soft_wrap=True)


class Format(StrEnum):
    """Output formats of ``summarizer brief``."""

    md = "md"
    json = "json"
    html = "html"


class Lang(StrEnum):
    """Languages of the Markdown brief."""

    en = "en"
    ar = "ar"
    both = "both"


@app.command()
def brief(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="md, json or html.")] = None,
    lang: Annotated[Lang, typer.Option(help="Markdown language(s).")] = Lang.both,
    model: Annotated[str | None, typer.Option(help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint (OPENAI_BASE_URL).")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(min=1, help="Articles at once.")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="Cache folder.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not use the cache.")] = False,
    timeout: Annotated[float, typer.Option(min=1, help="Seconds per model request.")] = 120.0,
    stats: Annotated[bool, typer.Option(help="Print per-article usage and cost.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each step.")] = False,
    batch_api: Annotated[
        bool,
        typer.Option("--batch-api", help="Use the OpenAI Batch API (half price, within 24 h)."),
    ] = False,
    batch_id: Annotated[
        str | None,
        typer.Option(help="Collect an earlier Batch API submission (implies --batch-api)."),
    ] = None,
    wait: Annotated[
        bool,
        typer.Option(help="Wait for the batch; --no-wait submits or checks, then exits (4)."),
    ] = True,
    poll_interval: Annotated[
        float, typer.Option(min=0, help="Seconds between batch status checks.")
    ] = 30.0,
) -> None:
    """Summarize articles into one brief (Markdown, JSON or HTML)."""
    from summarizer.cost import load_prices
    from summarizer.llm import choose_backend
    from summarizer.load import load_batch

    _logging(verbose)
    prices = load_prices()  # a bad SUMMARIZER_PRICES file stops us before any model request
    loaded = load_batch(*paths)
    if not loaded.articles:
        reasons = "; ".join(f"{p.path}: {p.reason}" for p in loaded.problems[:3])
        raise UsageError("no article could be loaded" + (f" ({reasons})" if reasons else ""))
    choice = choose_backend(model=model, base_url=base_url)
    batch = batch_api or batch_id is not None
    err.print(f"[dim]{choice.describe()}{' via the Batch API' if batch else ''}[/dim]")
    if batch:
        result = _brief_via_batch_api(
            loaded, model, base_url, batch_id, cache_dir, no_cache, wait, poll_interval, timeout
        )
    else:
        from summarizer.api import summarize_batch

        with _progress(len(loaded.articles)) as (progress, task):
            result = summarize_batch(
                loaded,
                model=model,
                base_url=base_url,
                concurrency=concurrency,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                timeout=timeout,
                progress=lambda report: progress.advance(task),
            )
    _add_cost(result, prices, batch)
    _write(result, output, fmt or _format_from(output), lang.value)
    _report(result, stats, prices, batch)
    raise typer.Exit(_exit_code(result))


def _brief_via_batch_api(
    loaded: LoadResult,
    model: str | None,
    base_url: str | None,
    batch_id: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    wait: bool,
    poll_interval: float,
    timeout: float,
) -> Brief:
    from summarizer.batch import BatchPending, BatchStatus, summarize_with_batch_api

    seen: list[BatchStatus] = []

    def on_status(status: BatchStatus) -> None:
        if not seen:
            verb = "resuming" if status.resumed else "submitted"
            err.print(f"{verb} batch {status.batch_id}")
        seen.append(status)
        err.print(f"[dim]{status.describe()}[/dim]")

    try:
        return summarize_with_batch_api(
            loaded,
            model=model,
            base_url=base_url,
            batch_id=batch_id,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            wait=wait,
            poll_interval=poll_interval,
            timeout=timeout,
            on_status=on_status,
        )
    except BatchPending as pending:
        err.print(
            "run the same command again to collect the brief "
            f"(or pass --batch-id {pending.status.batch_id})"
        )
        raise typer.Exit(EXIT_BATCH_PENDING) from None
    except KeyboardInterrupt:
        if seen:
            err.print(
                f"interrupted: batch {seen[-1].batch_id} keeps running; run the same command "
                "again to resume (its id is kept in the cache folder)"
            )
            raise typer.Exit(130) from None
        raise


@app.command("eval")
def eval_command(
    brief_file: Annotated[Path, typer.Argument(help="A brief written with --format json.")],
    gold: Annotated[Path, typer.Option(help="Gold annotation file.")],
    articles_dir: Annotated[
        Path | None, typer.Option(help="Raw articles (by file stem), to find boilerplate.")
    ] = None,
    feed: Annotated[
        Path | None,
        typer.Option(help="The JSONL feed the brief was made from: raw texts and the dates given."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score a JSON brief against a gold annotation: strict recall and precision per story,
    unsupported items, grounding, merging, story grouping, titles and outlets."""
    from summarizer.evaluation import (
        format_report,
        load_brief,
        load_gold,
        read_articles_dir,
        read_feed,
        score_brief,
    )

    if articles_dir is not None and feed is not None:
        raise UsageError("give --articles-dir or --feed, not both")
    loaded = load_brief(brief_file)
    inputs = read_feed(feed) if feed else read_articles_dir(articles_dir) if articles_dir else None
    report = score_brief(loaded.brief, load_gold(gold), inputs=inputs, stories=loaded.stories)
    typer.echo(report.model_dump_json(indent=2) if as_json else format_report(report))


@app.command()
def doctor(
    model: Annotated[str | None, typer.Option(help="Model name.")] = None,
    base_url: Annotated[str | None, typer.Option(help="OpenAI-compatible endpoint.")] = None,
) -> None:
    """Say which backend and model a run will use, and why."""
    from summarizer.extract import prompt_version
    from summarizer.llm import choose_backend
    from summarizer.local_model import is_available
    from summarizer.models import SCHEMA_VERSION

    choice = choose_backend(model=model, base_url=base_url)
    typer.echo(f"backend: {choice.kind}")
    typer.echo(f"model:   {choice.model}")
    typer.echo(f"why:     {choice.reason}")
    if choice.base_url:
        typer.echo(f"url:     {choice.base_url}")
    typer.echo(f"api key: {'set' if choice.api_key else 'not set'}")
    ok, why = is_available()
    typer.echo(f"embedded model: {'available' if ok else 'not available'} ({why})")
    typer.echo(f"prompt version: {prompt_version()}  schema version: {SCHEMA_VERSION}")


@app.command()
def schemas(
    folder: Annotated[Path, typer.Argument(help="Where to write the JSON Schemas.")] = Path(
        "schemas"
    ),
) -> None:
    """Write the JSON Schemas of the public models."""
    from summarizer.schemas import write_schemas

    for path in write_schemas(folder):
        typer.echo(str(path))


def _logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "httpcore", "openai"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # instructor logs every failed attempt at ERROR level; our own log lines report the outcome.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


class _progress:
    """A progress bar on stderr (silent when stderr is not a terminal)."""

    def __init__(self, total: int) -> None:
        self.bar = Progress(
            TextColumn("summarizing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )
        self.total = total

    def __enter__(self) -> tuple[Progress, TaskID]:
        self.bar.start()
        return self.bar, self.bar.add_task("articles", total=self.total)

    def __exit__(self, *exc: object) -> None:
        self.bar.stop()


def _format_from(output: Path | None) -> Format:
    suffix = output.suffix.lower() if output else ""
    return {".json": Format.json, ".html": Format.html, ".htm": Format.html}.get(suffix, Format.md)


def _write(result: Brief, output: Path | None, fmt: Format, lang: str) -> None:
    from summarizer.render import render_html, render_json, render_markdown

    if fmt is Format.json:
        text = render_json(result)
    elif fmt is Format.html:
        text = render_html(result)
    else:
        text = render_markdown(result, lang=lang)  # type: ignore[arg-type]
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    _atomic_write(output, text)
    err.print(f"wrote {output}")


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so Ctrl-C never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text if text.endswith("\n") else text + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _add_cost(result: Brief, prices: Mapping[str, Price], batch: bool) -> None:
    from summarizer.cost import estimate_cost

    if result.meta.estimated_cost_usd is None:
        result.meta.estimated_cost_usd = estimate_cost(
            result.meta.model, result.meta.usage, batch=batch, prices=prices
        )


def _report(result: Brief, stats: bool, prices: Mapping[str, Price], batch: bool) -> None:
    from summarizer.cost import format_cost

    failed = [a for a in result.articles if a.status == "failed"]
    for article in failed:
        err.print(f"[yellow]failed[/yellow] {article.id}: {article.error}")
    if stats:
        err.print(_stats_table(result.articles, result.meta.model, prices, batch))
    usage = result.meta.usage
    err.print(
        f"{len(result.articles) - len(failed)}/{len(result.articles)} articles, "
        f"{usage.requests} requests, {usage.prompt_tokens} prompt + "
        f"{usage.completion_tokens} completion tokens, "
        f"{format_cost(result.meta.estimated_cost_usd)}, {result.meta.seconds:.1f}s "
        f"({result.meta.model})",
        highlight=False,
    )


def _stats_table(
    reports: list[ArticleReport], model: str, prices: Mapping[str, Price], batch: bool
) -> Table:
    from summarizer.cost import estimate_cost, format_cost

    table = Table(
        "article", "status", "requests", "prompt", "completion", "cost", "seconds", "cached"
    )
    table.columns[5].min_width = len("<$0.0001")
    for r in reports:
        cost = format_cost(estimate_cost(model, r.usage, batch=batch, prices=prices))
        table.add_row(
            r.id, r.status, str(r.usage.requests), str(r.usage.prompt_tokens),
            str(r.usage.completion_tokens), cost.replace("cost unknown", "?"), f"{r.seconds:.1f}",
            "yes" if r.cached else "",
        )  # fmt: skip
    return table


def _exit_code(result: Brief) -> int:
    statuses = [a.status for a in result.articles]
    if "ok" not in statuses:
        return EXIT_FAILED_ALL
    return EXIT_PARTIAL if "failed" in statuses else EXIT_OK


def main() -> None:
    """Entry point: run the app; user mistakes become one line and an exit code."""
    try:
        code = app(standalone_mode=False)
    except SummarizerError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        err.print("interrupted: finished articles are in the cache; run again to resume")
        sys.exit(130)
    except Exception as error:
        import click

        if isinstance(error, click.exceptions.ClickException):
            error.show()
            sys.exit(EXIT_USAGE)
        raise
    sys.exit(code if isinstance(code, int) else EXIT_OK)
