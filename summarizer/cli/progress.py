"""What a run says while it goes: log lines (made safe for the terminal) and the progress bar."""

from __future__ import annotations

import logging
import sys
from typing import TYPE_CHECKING, Any

from summarizer.cli.terminal import _err, _plain

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


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
