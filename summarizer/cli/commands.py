"""The typer app and its four commands; each imports the pipeline only when it runs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli.checks import _check_as_of, _check_base_url, _check_inputs, _check_writable
from summarizer.cli.output import Format, Lang, _output_format, _write
from summarizer.cli.progress import _logging, _progress
from summarizer.cli.report import EXIT_BATCH_PENDING, _exit_code, _report
from summarizer.cli.terminal import _err, _markup_safe, _plain
from summarizer.errors import UsageError

if TYPE_CHECKING:
    from summarizer.models import Brief, LoadResult
    from summarizer.settings import Settings

app = typer.Typer(
    add_completion=False,
    help="Turn a batch of news articles into a bilingual English/Arabic brief.",
    pretty_exceptions_enable=False,
)


@app.command()
def brief(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (.md, .json or .html).")
    ] = None,
    fmt: Annotated[Format | None, typer.Option("--format", "-f", help="md, json or html.")] = None,
    lang: Annotated[Lang, typer.Option(help="Markdown language(s).")] = Lang.both,
    model: Annotated[str | None, typer.Option(help="Model name (SUMMARIZER_MODEL).")] = None,
    base_url: Annotated[
        str | None, typer.Option(help="OpenAI-compatible endpoint (OPENAI_BASE_URL).")
    ] = None,
    concurrency: Annotated[int | None, typer.Option(
            min=1, help="Most model requests at once (the limit adapts up to it; default 64)."
        )] = None,
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
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of", metavar="DATE", help="The brief's date (YYYY-MM-DD) for what comes next."
        ),
    ] = None,
) -> None:
    """Summarize articles into one brief (Markdown, JSON or HTML)."""
    from summarizer.settings import Settings

    settings = Settings.from_env(model=model, base_url=base_url)  # read once, here
    _check_as_of(as_of)
    _check_base_url(base_url, settings)
    _logging(verbose)
    chosen_format = _output_format(output, fmt)
    if output is not None:
        _check_writable(output)
    _check_inputs(paths)

    from summarizer.cost import load_prices
    from summarizer.llm import choose_backend
    from summarizer.load import load_batch

    prices = load_prices(settings.prices_file)  # a bad prices file stops us before any request
    loaded = load_batch(*paths)
    if not loaded.articles:
        reasons = "; ".join(f"{p.path}: {p.reason}" for p in loaded.problems[:3])
        raise UsageError("no article could be loaded" + (f" ({reasons})" if reasons else ""))
    choice = choose_backend(settings)
    batch = batch_api or batch_id is not None
    via = " via the Batch API" if batch else ""
    _err().print(f"[dim]{_markup_safe(choice.describe())}{via}[/dim]")
    if batch:
        result = _brief_via_batch_api(
            loaded, settings, batch_id, cache_dir, no_cache, wait, poll_interval, timeout, as_of
        )  # fmt: skip
    else:
        from summarizer.api import summarize_batch

        with _progress(len(loaded.articles)) as (progress, task):
            result = summarize_batch(
                loaded,
                settings=settings,
                concurrency=concurrency,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                timeout=timeout,
                progress=lambda report: progress.advance(task),
                as_of=as_of,
            )
    try:
        _write(result, output, chosen_format, lang.value)
    finally:
        _report(result, stats, prices, batch)
    raise typer.Exit(_exit_code(result))


def _brief_via_batch_api(
    loaded: LoadResult,
    settings: Settings,
    batch_id: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    wait: bool,
    poll_interval: float,
    timeout: float,
    as_of: str | None = None,
) -> Brief:
    from summarizer.batch import BatchPending, BatchStatus, summarize_with_batch_api

    seen: list[BatchStatus] = []
    err = _err()

    def on_status(status: BatchStatus) -> None:
        if not seen:
            verb = "resuming" if status.resumed else "submitted"
            err.print(f"{verb} batch {_markup_safe(status.batch_id)}")
        seen.append(status)
        err.print(f"[dim]{_markup_safe(status.describe())}[/dim]")

    try:
        return summarize_with_batch_api(
            loaded,
            settings=settings,
            batch_id=batch_id,
            cache_dir=cache_dir,
            use_cache=not no_cache,
            wait=wait,
            poll_interval=poll_interval,
            timeout=timeout,
            on_status=on_status,
            as_of=as_of,
        )
    except BatchPending as pending:
        err.print(
            "run the same command again to collect the brief "
            f"(or pass --batch-id {_markup_safe(pending.status.batch_id)})"
        )
        raise typer.Exit(EXIT_BATCH_PENDING) from None
    except KeyboardInterrupt:
        if seen:
            err.print(
                f"interrupted: batch {_markup_safe(seen[-1].batch_id)} keeps running; run the "
                "same command again to resume (its id is kept in the cache folder)"
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
    from summarizer.settings import Settings

    settings = Settings.from_env(model=model, base_url=base_url)
    _check_base_url(base_url, settings)
    from summarizer.backend import choose_backend, safe_url
    from summarizer.local_model import is_available
    from summarizer.models import SCHEMA_VERSION
    from summarizer.prompts_io import prompt_version

    choice = choose_backend(settings)
    typer.echo(f"backend: {choice.kind}")
    typer.echo(f"model:   {_plain(choice.model)}")
    typer.echo(f"why:     {_plain(choice.reason)}")
    if choice.base_url:
        typer.echo(f"url:     {_plain(safe_url(choice.base_url))}")
    typer.echo(f"api key: {'set' if choice.api_key else 'not set'}")
    ok, why = is_available(Path(settings.model_dir).expanduser() if settings.model_dir else None)
    typer.echo(f"embedded model: {'available' if ok else 'not available'} ({_plain(why)})")
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
        typer.echo(_plain(str(path)))
