"""Settings and usage, checked before any model request: a mistake costs nothing."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from summarizer.cli.terminal import _SECRETS, _plain
from summarizer.errors import ConfigurationError, UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from summarizer.settings import Settings


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
