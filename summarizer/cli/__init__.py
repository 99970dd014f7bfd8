"""The ``summarizer`` command: ``brief``, ``eval``, ``doctor`` and ``schemas``.

Only typer and the standard library are imported at start, so ``--help`` and usage mistakes answer
at once; each command imports the pipeline (pydantic, openai, instructor, trafilatura) when it runs.
Everything printed to the terminal passes through :func:`~summarizer.cli.terminal._plain` (no
control characters, no secrets) and, for rich, :func:`~summarizer.cli.terminal._markup_safe` (no
markup from ids or paths).

The modules: :mod:`.commands` (the typer app and its commands), :mod:`.checks` (settings and usage,
checked before any model request), :mod:`.output` (writing the brief), :mod:`.report` (the
totals, the ``--stats`` table and the exit codes), :mod:`.progress` (log lines and the progress
bar) and :mod:`.terminal` (safe text on the terminal). This module is the entry point.
"""

from __future__ import annotations

import sys

import typer

from summarizer.cli.commands import app
from summarizer.cli.output import SUFFIX_FORMATS, Format, Lang
from summarizer.cli.report import (
    EXIT_BATCH_PENDING,
    EXIT_FAILED_ALL,
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    EXIT_PARTIAL,
    EXIT_USAGE,
    _exit_code,
)
from summarizer.cli.terminal import _say
from summarizer.errors import SummarizerError

__all__ = [
    "EXIT_BATCH_PENDING",
    "EXIT_FAILED_ALL",
    "EXIT_NOT_WRITTEN",
    "EXIT_OK",
    "EXIT_PARTIAL",
    "EXIT_USAGE",
    "SUFFIX_FORMATS",
    "Format",
    "Lang",
    "_exit_code",
    "app",
    "main",
]


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
