"""Step 1: load articles from files and folders (txt, md, html, json, jsonl), decoded honestly."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from summarizer.errors import InputError, UsageError
from summarizer.load.decode import decode_guessing, html_to_text
from summarizer.load.formats import HTML_SUFFIXES, JSON_SUFFIXES, LINE_SUFFIXES, SUPPORTED_SUFFIXES
from summarizer.load.formats import MAX_ARTICLE_BYTES as MAX_ARTICLE_BYTES
from summarizer.load.problems import has_surrogates as has_surrogates
from summarizer.load.problems import os_reason, report_problem
from summarizer.load.problems import replace_surrogates as replace_surrogates
from summarizer.load.records import articles_from_json, make_article, stream_json_lines
from summarizer.models import Article, LoadProblem, LoadResult

log = logging.getLogger(__name__)


class _Skipped(InputError):
    """An input that is not an article (an image, a socket): reported, not a failed article."""


def load_articles(*paths: str | Path) -> list[Article]:
    """Load every article under the given files and folders (folders recursively).

    Unreadable or unsupported inputs are logged and skipped; use :func:`load_batch` to get them
    as a list of problems. Raises :class:`UsageError` when a path does not exist.
    """
    return load_batch(*paths).articles


def load_batch(*paths: str | Path) -> LoadResult:
    """Load articles and report, rather than raise, the inputs that could not be read.

    Each problem names the file (and line) and has a severity: ``error`` (an article was lost),
    ``skipped`` (not an article: an unsupported type, a socket, a FIFO) or ``warning`` (loaded
    with a caveat: damaged UTF-8, a renamed duplicate id, ignored metadata).
    """
    result = LoadResult()
    for file in _input_files(paths, result.problems):
        try:
            result.articles.extend(_load_file(file, result.problems))
        except _Skipped as err:
            report_problem(result.problems, err, "skipped")
        except InputError as err:
            report_problem(result.problems, err, "error")
    result.articles = unique_ids(result.articles, result.problems)
    return result


def unique_ids(articles: list[Article], problems: list[LoadProblem]) -> list[Article]:
    """The articles with every id made unique (``a``, ``a-2``, ...); each rename is a warning."""
    taken = {a.id for a in articles}
    seen: dict[str, Article] = {}
    out = []
    for article in articles:
        first = seen.get(article.id)
        if first is None:
            seen[article.id] = article
            out.append(article)
            continue
        number = 2
        while f"{article.id}-{number}" in taken:
            number += 1
        new_id = f"{article.id}-{number}"
        taken.add(new_id)
        seen[new_id] = article
        where = first.path or "an earlier article"
        report_problem(
            problems,
            InputError(
                article.path or article.id,
                f"id '{article.id}' is already used by {where}; renamed to '{new_id}'",
            ),
            "warning",
        )
        out.append(article.model_copy(update={"id": new_id}))
    return out


def _input_files(paths: Iterable[str | Path], problems: list[LoadProblem]) -> Iterator[Path]:
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        files = _walk(path, problems) if path.is_dir() else iter([path])
        for file in files:
            key = file.resolve()
            if key not in seen:  # the same file named twice is loaded once
                seen.add(key)
                yield file


def _walk(root: Path, problems: list[LoadProblem]) -> Iterator[Path]:
    """Every non-hidden entry under ``root`` (files, FIFOs, sockets: checked when loaded);
    a folder that cannot be listed is reported, not silently left out."""

    def unreadable(error: OSError) -> None:
        name = error.filename or root
        reason = f"cannot read folder: {os_reason(error)}"
        report_problem(problems, InputError(str(name), reason), "error")

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, f) for f in files if not f.startswith("."))
    yield from sorted(found)


def _load_file(file: Path, problems: list[LoadProblem]) -> list[Article]:
    try:
        info = file.stat()
    except FileNotFoundError:
        why = "a broken symbolic link" if file.is_symlink() else "it is gone"
        raise InputError(str(file), f"cannot read: {why}") from None
    except OSError as err:
        raise InputError(str(file), f"cannot read: {os_reason(err)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _Skipped(str(file), f"not a regular file ({_kind(info.st_mode)}), skipped")
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _Skipped(str(file), f"unsupported file type '{suffix or 'none'}', skipped")
    if suffix in LINE_SUFFIXES:
        streamed = stream_json_lines(file)
        if streamed is not None:
            articles, found = streamed
            problems.extend(found)
            return articles
    if info.st_size > MAX_ARTICLE_BYTES:
        raise InputError(str(file), _too_large(info.st_size))
    raw = _read_bytes(file)
    text, warning = decode_guessing(raw, str(file))
    if suffix in JSON_SUFFIXES:
        articles = articles_from_json(text, file, problems)
    else:
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text, str(file))
        articles = [make_article(file.stem, text, file)]
    if warning is not None and articles:
        report_problem(problems, InputError(str(file), warning), "warning")
    return articles


def _kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a FIFO", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a character device", stat.S_ISBLK: "a block device"}  # fmt: skip
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def _too_large(size: int) -> str:
    return f"file too large ({size} bytes; the limit is {MAX_ARTICLE_BYTES})"


def _read_bytes(file: Path) -> bytes:
    """The file's bytes, never more than the limit (a file may grow after ``stat``)."""
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as err:
        raise InputError(str(file), f"cannot read: {os_reason(err)}") from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(str(file), _too_large(len(raw)))
    return raw
