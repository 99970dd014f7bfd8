"""Writing the brief: its format, an atomic write, and a fallback file so paid work is never
lost."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from summarizer.cli.checks import _why
from summarizer.cli.terminal import _err, _markup_safe, _plain
from summarizer.errors import OutputError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from summarizer.models import Brief


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
