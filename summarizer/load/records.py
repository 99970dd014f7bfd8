"""JSON and JSON Lines: each record an article (``text`` and optional metadata), a bad record a
problem of its own, a JSON Lines file read a line at a time."""

from __future__ import annotations

import codecs
import json
import logging
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.load.decode import guess_utf16_without_bom
from summarizer.load.formats import MAX_ARTICLE_BYTES, METADATA_FIELDS, PEEK_BYTES, SURROGATE
from summarizer.load.problems import (
    Deferred,
    log_problem,
    os_reason,
    replace_surrogates,
    report_problem,
    shown,
)
from summarizer.models import Article, LoadProblem
from summarizer.normalize.timeline import iso_date

log = logging.getLogger(__name__)


def make_article(article_id: str, text: str, file: Path, **meta: Any) -> Article:
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise InputError(str(file), "empty article")
    return Article(id=shown(article_id), text=body, path=shown(str(file)), **meta)


def articles_from_json(text: str, file: Path, problems: list[LoadProblem]) -> list[Article]:
    stripped = text.lstrip()
    if file.suffix.lower() == ".json" and stripped.startswith(("[", "{")):
        try:
            data = _parse_json(text)
        except InputError as err:
            if stripped.startswith("[") or err.problem.endswith("too deeply"):
                raise InputError(str(file), f"invalid JSON: {err.problem}", err.line) from None
            data = None  # maybe JSON Lines in a .json file
        if data is not None:
            records = data if isinstance(data, list) else [data]
            return _records_to_articles([(i + 1, r) for i, r in enumerate(records)], file, problems)
    return _records_to_articles(list(_jsonl_records(text, file, problems)), file, problems)


def stream_json_lines(file: Path) -> tuple[list[Article], list[LoadProblem]] | None:
    """The articles of a UTF-8 JSON Lines file read one line at a time (no copy of the whole
    file, its lines or its records is held), and the problems found, logged once the file is
    done; ``None`` when the file is not plain UTF-8 (UTF-16, damaged bytes, another encoding),
    which is then read whole, as any file."""
    problems = Deferred()
    articles: list[Article] = []
    try:
        with file.open("rb") as handle:
            if not_plain_utf8(handle.peek(PEEK_BYTES)[:PEEK_BYTES]):
                return None
            number = 0
            while raw := handle.readline(MAX_ARTICLE_BYTES + 1):
                number += 1
                try:
                    line = _line_text(raw, handle, first=number == 1)
                except UnicodeDecodeError:
                    return None
                except InputError as err:
                    report_problem(problems, InputError(str(file), err.problem, number), "error")
                    continue
                if line.strip():
                    _add_record(line, file, number, articles, problems)
    except OSError as err:
        raise InputError(str(file), f"cannot read: {os_reason(err)}") from None
    for problem in problems:
        log_problem(problem)
    return articles, problems


def _line_text(raw: bytes, handle: Any, *, first: bool) -> str:
    """One line's text; an overlong line is skipped (:class:`InputError`), bytes that are not
    UTF-8 raise :class:`UnicodeDecodeError`."""
    if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
        while (chunk := handle.readline(MAX_ARTICLE_BYTES)) and not chunk.endswith(b"\n"):
            pass
        raise InputError("", f"line too large (over {MAX_ARTICLE_BYTES} bytes, the limit)")
    return raw.decode("utf-8-sig" if first else "utf-8")


def _add_record(
    line: str, file: Path, number: int, articles: list[Article], problems: list[LoadProblem]
) -> None:
    """Parse one JSON line into an article, or report why it is not one."""
    try:
        record = _parse_json(line)
        articles.append(_record_to_article(record, file, number, problems, single=False))
    except InputError as err:
        if not err.path:  # from _parse_json
            err = InputError(str(file), f"invalid JSON line: {err.problem}", number)
        report_problem(problems, err, "error")


def not_plain_utf8(head: bytes) -> bool:
    """Whether a file's first bytes show UTF-16 (marked or not) or binary data."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return True
    return guess_utf16_without_bom(head[: len(head) // 2 * 2]) is not None


def _parse_json(text: str) -> Any:
    """``json.loads`` whose every failure is an :class:`InputError` (path filled in later)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError("", err.msg, err.lineno) from None
    except RecursionError:
        raise InputError("", "nested too deeply") from None
    except ValueError as err:  # e.g. an integer of more than 4300 digits
        raise InputError("", " ".join(str(err).split())[:200]) from None


def _jsonl_records(text: str, file: Path, problems: list[LoadProblem]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, _parse_json(line)
        except InputError as err:
            reason = f"invalid JSON line: {err.problem}"
            report_problem(problems, InputError(str(file), reason, number), "error")


def _records_to_articles(
    records: list[tuple[int, Any]], file: Path, problems: list[LoadProblem]
) -> list[Article]:
    articles = []
    single = file.suffix.lower() == ".json" and len(records) == 1
    for line, record in records:
        try:
            articles.append(_record_to_article(record, file, line, problems, single=single))
        except InputError as err:
            report_problem(problems, err, "error")
    return articles


def _record_to_article(
    record: Any, file: Path, line: int, problems: list[LoadProblem], *, single: bool
) -> Article:
    where = line
    if not isinstance(record, dict):
        raise InputError(str(file), "expected a JSON object with a 'text' field", where)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(str(file), "missing or empty 'text' field", where)
    warnings: list[str] = []
    if SURROGATE.search(text):
        warnings.append("'text' has unpaired surrogate escapes (\\ud800-\\udfff); replaced")
        text = replace_surrogates(text)
    meta = {k: _metadata(k, record.get(k), warnings) for k in METADATA_FIELDS}
    meta["published"] = _published(meta["published"], warnings)
    article_id = _metadata("id", record.get("id"), warnings) or (
        file.stem if single else f"{file.stem}-{line}"
    )
    article = make_article(article_id, text, file, **meta)
    for warning in warnings:
        report_problem(problems, InputError(str(file), warning, where), "warning")
    return article


def _metadata(name: str, value: Any, warnings: list[str]) -> str | None:
    """A metadata string: strings as given, whole numbers without '.0', finite numbers as
    written; anything else (a list, an object, true/false) is ignored with a warning."""
    if value is None:
        return None
    if isinstance(value, str):
        if SURROGATE.search(value):
            warnings.append(f"'{name}' has unpaired surrogate escapes; replaced")
            value = replace_surrogates(value)
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)
    kind = {bool: "true/false", list: "a list", dict: "an object"}.get(type(value), "a number")
    warnings.append(f"'{name}' is {kind}, not a string; ignored")
    return None


def _published(value: str | None, warnings: list[str]) -> str | None:
    """The publication date as ISO ``YYYY[-MM[-DD]]``; anything else is ignored with a warning."""
    if value is None:
        return None
    date = iso_date(value)
    if date is None:
        shown = " ".join(value.split())[:40]
        warnings.append(f"'published' {shown!r} is not a date (YYYY-MM-DD); ignored")
    return date
