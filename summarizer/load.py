"""Step 1: load articles from files and folders (txt, md, html, json, jsonl), decoded honestly."""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, UsageError
from summarizer.models import Article, LoadProblem, LoadResult

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
MAX_ARTICLE_BYTES = 20_000_000


def load_articles(*paths: str | Path) -> list[Article]:
    """Load every article under the given files and folders (folders recursively).

    Unreadable or unsupported inputs are logged and skipped; use :func:`load_batch` to get them
    as a list of problems. Raises :class:`UsageError` when a path does not exist.
    """
    return load_batch(*paths).articles


def load_batch(*paths: str | Path) -> LoadResult:
    """Load articles and report, rather than raise, the inputs that could not be read."""
    result = LoadResult()
    for file in _input_files(paths):
        try:
            result.articles.extend(_load_file(file, result.problems))
        except InputError as err:
            log.warning("%s", err)
            result.problems.append(LoadProblem(path=err.path, reason=err.problem, line=err.line))
    return result


def _input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
        else:
            yield path


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


def _load_file(file: Path, problems: list[LoadProblem]) -> list[Article]:
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(str(file), f"unsupported file type '{suffix or 'none'}' (skipped)")
    raw = file.read_bytes()
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(str(file), f"file too large ({len(raw)} bytes)")
    text = decode_text(raw, str(file))
    if suffix in JSON_SUFFIXES:
        return _articles_from_json(text, file, problems)
    if suffix in HTML_SUFFIXES:
        text = html_to_text(text, str(file))
    return [_article(file.stem, text, file)]


def _article(article_id: str, text: str, file: Path, **meta: Any) -> Article:
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise InputError(str(file), "empty article")
    return Article(id=article_id, text=body, path=str(file), **meta)


def decode_text(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM or not) or Windows-1256."""
    if raw.startswith(codecs.BOM_UTF8):
        return raw[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16")
    utf16 = _guess_utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    if b"\x00" in raw:
        raise InputError(name, "binary file, not text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError as err:
        raise InputError(name, "cannot decode as UTF-8, UTF-16 or Windows-1256") from err
    if _looks_binary(text):
        raise InputError(name, "binary file, not text")
    return text


def _guess_utf16_without_bom(raw: bytes) -> str | None:
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_zeros = raw[0::2].count(0) / (len(raw) / 2)
    odd_zeros = raw[1::2].count(0) / (len(raw) / 2)
    # ASCII-heavy UTF-16 has zeros in one half; Arabic UTF-16LE has 0x06 in the odd bytes.
    odd_arabic = raw[1::2].count(6) / (len(raw) / 2)
    encoding = None
    if odd_zeros + odd_arabic > 0.6 and even_zeros < 0.1:
        encoding = "utf-16-le"
    elif even_zeros + raw[0::2].count(6) / (len(raw) / 2) > 0.6 and odd_zeros < 0.1:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and controls / len(sample) > 0.05


def html_to_text(html: str, name: str) -> str:
    """Return the main text of an HTML page (trafilatura), falling back to all visible text."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text:
        text = _visible_text(html)
    if not text.strip():
        raise InputError(name, "no article text found in HTML")
    return str(text)


def _visible_text(html: str) -> str:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in {"script", "style", "nav", "header", "footer", "noscript"}:
                self._skip += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in {"script", "style", "nav", "header", "footer", "noscript"} and self._skip:
                self._skip -= 1

        def handle_data(self, data: str) -> None:
            if not self._skip and data.strip():
                self.parts.append(data.strip())

    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


def _articles_from_json(text: str, file: Path, problems: list[LoadProblem]) -> list[Article]:
    stripped = text.lstrip()
    if file.suffix.lower() == ".json" and stripped.startswith(("[", "{")):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            if stripped.startswith("["):
                raise InputError(str(file), f"invalid JSON: {err.msg}", err.lineno) from err
            data = None
        if data is not None:
            records = data if isinstance(data, list) else [data]
            return _records_to_articles([(i + 1, r) for i, r in enumerate(records)], file, problems)
    return _records_to_articles(list(_jsonl_records(text, file, problems)), file, problems)


def _jsonl_records(text: str, file: Path, problems: list[LoadProblem]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as err:
            reason = f"invalid JSON line: {err.msg}"
            log.warning("%s:%d: %s", file, number, reason)
            problems.append(LoadProblem(path=str(file), reason=reason, line=number))


def _records_to_articles(
    records: list[tuple[int, Any]], file: Path, problems: list[LoadProblem]
) -> list[Article]:
    articles = []
    for line, record in records:
        try:
            single = file.suffix.lower() == ".json" and len(records) == 1
            articles.append(_record_to_article(record, file, line, single=single))
        except InputError as err:
            log.warning("%s", err)
            problems.append(LoadProblem(path=err.path, reason=err.problem, line=err.line))
    return articles


def _record_to_article(record: Any, file: Path, line: int, *, single: bool) -> Article:
    if not isinstance(record, dict):
        raise InputError(str(file), "expected a JSON object with a 'text' field", line)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(str(file), "missing or empty 'text' field", line)
    default_id = file.stem if single else f"{file.stem}-{line}"
    meta = {k: _optional_str(record.get(k)) for k in ("title", "url", "published", "source")}
    return _article(str(record.get("id") or default_id), text, file, **meta)


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)
