"""The ``summarizer`` command: ``brief``, ``eval``, ``doctor`` and ``schemas``.

Only typer and the standard library are imported at start, so ``--help`` and usage mistakes answer
at once; each command imports the pipeline (pydantic, openai, instructor, trafilatura) when it runs.
Everything printed to the terminal passes through :func:`_plain` (no control characters, no
secrets) and, for rich, :func:`_markup_safe` (no markup from ids or paths).
"""

from __future__ import annotations

import logging
import os
import re
import sys
import tempfile
import time
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import parse_qsl, unquote, urlsplit

import typer

from summarizer.errors import ConfigurationError, OutputError, SummarizerError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

    from rich.console import Console
    from rich.progress import Progress, TaskID
    from rich.table import Table

    from summarizer.cost import Price
    from summarizer.models import ArticleReport, Brief, LoadResult
    from summarizer.settings import Settings

EXIT_OK, EXIT_FAILED_ALL, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
EXIT_BATCH_PENDING = 4  # --batch-api --no-wait: the batch is still running
EXIT_NOT_WRITTEN = OutputError.exit_code  # the brief went to a fallback file, named on stderr

app = typer.Typer(
    add_completion=False,
    help="Turn a batch of news articles into a bilingual English/Arabic brief.",
    pretty_exceptions_enable=False,
)


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


SUFFIX_FORMATS = {
    "": Format.md,
    ".md": Format.md,
    ".markdown": Format.md,
    ".txt": Format.md,
    ".json": Format.json,
    ".html": Format.html,
    ".htm": Format.html,
}


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


# ---------------------------------------------------------------------------------------------
# Settings and output, checked before any model request
# ---------------------------------------------------------------------------------------------


def _check_as_of(as_of: str | None) -> None:
    """Refuse an ``--as-of`` that is not a date, before anything is loaded or sent."""
    if as_of is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        raise UsageError(f"--as-of takes a date YYYY-MM-DD, not {_plain(as_of)!r}")
    if as_of is not None:
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise UsageError(f"--as-of {as_of} is not a day of the calendar") from None


def _check_base_url(base_url: str | None, settings: Settings) -> None:
    """Refuse a malformed endpoint URL (the ``--base-url`` flag, else the settings' from the
    environment) as a configuration error; from now on, its secrets and the key are masked."""
    _SECRETS.key = settings.api_key
    if base_url is not None:
        name, url = "--base-url", base_url
    else:
        name, url = "OPENAI_BASE_URL", settings.base_url or ""
        if not url:
            return
    _SECRETS.add_url(url)
    problem = _url_problem(url)
    if problem:
        raise ConfigurationError(f"{name} {_SECRETS.redact(url)!r}: {problem}")


def _url_problem(url: str) -> str | None:
    if not url.strip():
        return "is empty"
    if any(c.isspace() for c in url):
        return "contains spaces (expected e.g. http://localhost:8000/v1)"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "is not an http:// or https:// URL (expected e.g. http://localhost:8000/v1)"
    try:
        _ = parts.port  # a port that is not a number raises ValueError
    except ValueError:
        return "has a port that is not a number"
    if not parts.hostname:
        return "has no host name (expected e.g. http://localhost:8000/v1)"
    return None


def _check_inputs(paths: Iterable[Path]) -> None:
    """Refuse a path that does not exist now, before the pipeline is imported (as the loader
    would, later and slower)."""
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")


def _output_format(output: Path | None, fmt: Format | None) -> Format:
    """The format to write: ``--format``, else the suffix of ``-o``; never Markdown in a .pdf."""
    if output is None:
        return fmt or Format.md
    suffix = output.suffix.lower()
    implied = SUFFIX_FORMATS.get(suffix)
    if fmt is None:
        if implied is None:
            raise UsageError(
                f"-o {_plain(str(output))}: cannot write a brief as {suffix}; "
                "name a .md, .json or .html file, or pass --format"
            )
        return implied
    if implied is not None and suffix and implied is not fmt:
        raise UsageError(f"-o {_plain(str(output))} does not fit --format {fmt.value}")
    return fmt


def _check_writable(output: Path) -> None:
    """Fail now, not after the model requests, if ``output`` cannot be written."""
    shown = _plain(str(output))
    if output.is_dir():
        raise UsageError(f"-o {shown}: is a folder; name a file in it")
    folder = output.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise UsageError(f"-o {shown}: {_plain(str(folder))} is a file, not a folder")
    if folder != output.parent:  # the folders will be made at the end: can we make them?
        if not os.access(folder, os.W_OK | os.X_OK):
            raise UsageError(f"-o {shown}: cannot create folders in {_plain(str(folder))}")
        return
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".probe")
    except OSError as error:
        where = _plain(str(folder))
        raise UsageError(f"-o {shown}: cannot write in {where} ({_why(error)})") from None
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


def _why(error: OSError) -> str:
    return (error.strerror or error.__class__.__name__).lower()


def _write(result: Brief, output: Path | None, fmt: Format, lang: str) -> None:
    from summarizer.render import render_html_chunks, render_json_chunks, render_markdown

    def pieces() -> Iterator[str]:
        """The brief's text in pieces (a large batch's JSON or page is never one string),
        ending with a newline."""
        if fmt is Format.json:
            chunks: Iterable[str] = render_json_chunks(result)
        elif fmt is Format.html:
            chunks = render_html_chunks(result)
        else:
            chunks = (render_markdown(result, lang=lang),)  # type: ignore[arg-type]
        last = ""
        for chunk in chunks:
            if chunk:
                last = chunk
                yield chunk
        if not last.endswith("\n"):
            yield "\n"

    if output is None:
        sys.stdout.writelines(pieces())
        return
    try:
        _atomic_write(output, pieces)
    except OSError as error:
        saved = _save_elsewhere(output, pieces)
        where = f"it was saved to {_plain(str(saved))}" if saved else "it follows on stdout"
        if saved is None:
            sys.stdout.writelines(pieces())
        shown = _plain(str(output))
        raise OutputError(f"could not write {shown} ({_why(error)}); {where}") from None
    _err().print(f"wrote {_markup_safe(str(output))}", highlight=False)


def _save_elsewhere(output: Path, pieces: Callable[[], Iterable[str]]) -> Path | None:
    """Write the brief to the first writable fallback folder, so paid work is never lost."""
    import platformdirs

    name = f"brief-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}{output.suffix or '.md'}"
    folders = (
        Path(platformdirs.user_cache_dir("summarizer")) / "unsaved-briefs",
        Path(tempfile.gettempdir()),
        Path.home(),
    )
    for folder in folders:
        try:
            _atomic_write(folder / name, pieces)
        except OSError:
            continue
        return folder / name
    return None


def _atomic_write(path: Path, pieces: Callable[[], Iterable[str]]) -> None:
    """Write the pieces via a temporary file and rename, so Ctrl-C never leaves half a file.

    The file gets the mode of the file it replaces, or the usual ``0666 & ~umask`` (mkstemp alone
    would make it 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines(pieces())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------------------------------------
# The terminal: one safe line at a time
# ---------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_USERINFO = re.compile(r"(?<=://)[^/?#@\s]+@")
_SECRET_NAMES = (
    r"api[-_]?key|key|token|access[-_]?token|secret|password|passwd|pwd|sig|signature|auth|code"
)
_SECRET_QUERY = re.compile(rf"(?i)([?&;](?:{_SECRET_NAMES})=)[^&#\s'\"]*")


class _Secrets:
    """Strings that must never reach the terminal: the API key, URL passwords and tokens."""

    def __init__(self) -> None:
        self.values: set[str] = set()
        self.key: str | None = None  # the settings' API key, once read

    def add(self, *values: str | None) -> None:
        self.values.update(v for v in values if v and len(v) >= 4)

    def add_url(self, url: str) -> None:
        """Remember the user, password and secret-looking query values of an endpoint URL."""
        try:
            parts = urlsplit(url)
            self.add(parts.username, parts.password)
            self.add(*(unquote(v) for v in (parts.username, parts.password) if v))
            secret = re.compile(rf"(?i)^(?:{_SECRET_NAMES})$")
            self.add(*(v for k, v in parse_qsl(parts.query) if secret.match(k)))
        except ValueError:
            return

    def redact(self, text: str) -> str:
        key = self.key
        if key and len(key) >= 4:
            text = text.replace(key, "[API key]")
        for value in sorted(self.values, key=len, reverse=True):
            text = text.replace(value, "[redacted]")
        text = _USERINFO.sub("[redacted]@", text)
        return _SECRET_QUERY.sub(r"\1[redacted]", text)


_SECRETS = _Secrets()


def _plain(text: str, keep_newlines: bool = False) -> str:
    """``text`` safe for a terminal: secrets redacted, control characters shown as ``\\xNN``."""

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\n" and keep_newlines:
            return char
        return " " if char in "\t\n\r" else f"\\x{ord(char):02x}"

    return _CONTROL.sub(visible, _SECRETS.redact(text))


def _markup_safe(text: str) -> str:
    """``text`` for a rich ``print``: :func:`_plain`, with markup brackets escaped."""
    from rich.markup import escape

    return escape(_plain(text))


def _say(line: str) -> None:
    """One plain line on stderr (no rich: usage errors stay fast and literal)."""
    sys.stderr.write(_plain(line) + "\n")
    sys.stderr.flush()


_console: list[Console] = []


def _err() -> Console:
    """The rich console on stderr, made on first use."""
    if not _console:
        from rich.console import Console

        _console.append(Console(stderr=True, soft_wrap=True))
    return _console[0]


class _SafeFormatter(logging.Formatter):
    """Log lines with secrets redacted and no control characters from ids or servers."""

    def formatMessage(self, record: logging.LogRecord) -> str:
        return _plain(super().formatMessage(record))

    def formatException(self, ei: Any) -> str:
        return _plain(super().formatException(ei), keep_newlines=True)

    def formatStack(self, stack_info: str) -> str:
        return _plain(super().formatStack(stack_info), keep_newlines=True)


def _logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_SafeFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, handlers=[handler], force=True
    )
    # The HTTP clients log each request with its full URL; our own log lines report the outcome.
    for noisy in ("httpx", "httpx2", "httpcore", "httpcore2", "openai", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # instructor logs every failed attempt at ERROR level; our own log lines report the outcome.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)


class _progress:
    """A progress bar on stderr (silent when stderr is not a terminal)."""

    def __init__(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        err = _err()
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


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------


def _click_errors() -> tuple[type[BaseException], ...]:
    """The base classes of the usage errors typer raises here, whichever click it runs on.

    Older typer (0.15, say) raises ``click.exceptions.ClickException``; newer releases (0.29)
    vendor click as ``typer._click``, whose exceptions derive from
    ``typer.exceptions.TyperException`` and not from click's. Only modules already imported are
    looked at: the one typer raised from is among them.
    """
    found: list[type[BaseException]] = []
    for module_name, class_name in (
        ("typer._click.exceptions", "ClickException"),
        ("typer.exceptions", "TyperException"),
        ("click.exceptions", "ClickException"),
    ):
        module = sys.modules.get(module_name)
        cls = getattr(module, class_name, None) if module is not None else None
        if isinstance(cls, type) and issubclass(cls, BaseException):
            found.append(cls)
    return tuple(found)


def _usage_line(error: BaseException) -> str:
    """A click usage error on one line, with the command's --help to try."""
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    message = " ".join(str(message).split()) or error.__class__.__name__
    ctx = getattr(error, "ctx", None)
    command_path = getattr(ctx, "command_path", None) or "summarizer"
    return f"error: {message} (see '{command_path} --help')"


def main() -> None:
    """Entry point: run the app; user mistakes become one line and an exit code."""
    try:
        code = app(standalone_mode=False, prog_name="summarizer")
    except SummarizerError as error:
        _say(f"error: {error}")
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        _say("aborted")
        sys.exit(130)
    except KeyboardInterrupt:
        _say("interrupted: finished articles are in the cache; run again to resume")
        sys.exit(130)
    except Exception as error:
        if isinstance(error, _click_errors()):
            _say(_usage_line(error))
            sys.exit(EXIT_USAGE)
        raise
    sys.exit(code if isinstance(code, int) else EXIT_OK)
