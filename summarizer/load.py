"""Step 1: load articles from files and folders (txt, md, html, json, jsonl), decoded honestly."""

from __future__ import annotations

import codecs
import json
import logging
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from summarizer.errors import InputError, UsageError
from summarizer.models import Article, LoadProblem, LoadResult, Severity
from summarizer.normalize.timeline import iso_date

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
LINE_SUFFIXES = {".jsonl", ".ndjson"}  # read a line at a time: no limit on the file's size
MAX_ARTICLE_BYTES = 20_000_000  # a file, or one line of a JSON Lines file
_PEEK_BYTES = 4096
METADATA_FIELDS = ("title", "url", "published", "source")
# Text that is valid UTF-8 but for a few bytes is UTF-8 with damage, not another encoding:
# Windows-1256 Arabic read as UTF-8 gives almost no valid multi-byte characters.
UTF8_VALID_PER_BAD = 20
# JSON can spell a lone UTF-16 surrogate (\\ud800) that no UTF-8 file, request or cache can hold.
_SURROGATE = re.compile("[\ud800-\udfff]")


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
            _report(result.problems, err, "skipped")
        except InputError as err:
            _report(result.problems, err, "error")
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
        _report(
            problems,
            InputError(
                article.path or article.id,
                f"id '{article.id}' is already used by {where}; renamed to '{new_id}'",
            ),
            "warning",
        )
        out.append(article.model_copy(update={"id": new_id}))
    return out


def replace_surrogates(text: str) -> str:
    """``text`` with each unpaired UTF-16 surrogate replaced by U+FFFD (it cannot be encoded)."""
    return _SURROGATE.sub("\ufffd", text)


def has_surrogates(text: str | None) -> bool:
    """Whether ``text`` holds an unpaired UTF-16 surrogate (only JSON escapes can make one)."""
    return bool(text) and _SURROGATE.search(text or "") is not None


def shown(name: str) -> str:
    """A file name (or a name made from one) that any UTF-8 sink can write: bytes that are not
    UTF-8 (kept by Python as surrogate escapes) are shown as ``\\xff``."""
    if not _SURROGATE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return replace_surrogates(name)


def _report(problems: list[LoadProblem], err: InputError, severity: Severity) -> None:
    path, reason = shown(err.path), shown(err.problem)
    problem = LoadProblem(path=path, reason=reason, line=err.line, severity=severity)
    if not isinstance(problems, _Deferred):
        _log_problem(problem)
    problems.append(problem)


def _log_problem(problem: LoadProblem) -> None:
    where = f"{problem.path}:{problem.line}" if problem.line is not None else problem.path
    log.warning("%s: %s", where, problem.reason)


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
        _report(problems, InputError(str(name), f"cannot read folder: {_why(error)}"), "error")

    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(folder, f) for f in files if not f.startswith("."))
    yield from sorted(found)


def _why(error: OSError) -> str:
    return error.strerror or type(error).__name__


def _load_file(file: Path, problems: list[LoadProblem]) -> list[Article]:
    try:
        info = file.stat()
    except FileNotFoundError:
        why = "a broken symbolic link" if file.is_symlink() else "it is gone"
        raise InputError(str(file), f"cannot read: {why}") from None
    except OSError as err:
        raise InputError(str(file), f"cannot read: {_why(err)}") from None
    if not stat.S_ISREG(info.st_mode):
        raise _Skipped(str(file), f"not a regular file ({_kind(info.st_mode)}), skipped")
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise _Skipped(str(file), f"unsupported file type '{suffix or 'none'}', skipped")
    if suffix in LINE_SUFFIXES:
        streamed = _stream_json_lines(file)
        if streamed is not None:
            articles, found = streamed
            problems.extend(found)
            return articles
    if info.st_size > MAX_ARTICLE_BYTES:
        raise InputError(str(file), _too_large(info.st_size))
    raw = _read_bytes(file)
    text, warning = _decode(raw, str(file))
    if suffix in JSON_SUFFIXES:
        articles = _articles_from_json(text, file, problems)
    else:
        if suffix in HTML_SUFFIXES:
            text = html_to_text(text, str(file))
        articles = [_article(file.stem, text, file)]
    if warning is not None and articles:
        _report(problems, InputError(str(file), warning), "warning")
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
        raise InputError(str(file), f"cannot read: {_why(err)}") from None
    if len(raw) > MAX_ARTICLE_BYTES:
        raise InputError(str(file), _too_large(len(raw)))
    return raw


def _article(article_id: str, text: str, file: Path, **meta: Any) -> Article:
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise InputError(str(file), "empty article")
    return Article(id=shown(article_id), text=body, path=shown(str(file)), **meta)


def decode_text(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM or not) or Windows-1256.

    Text that is valid UTF-8 but for a few bytes is decoded as UTF-8 with U+FFFD in their place
    (and a warning is logged); raises :class:`InputError` for binary or undecodable data.
    """
    text, warning = _decode(raw, name)
    if warning is not None:
        log.warning("%s: %s", name, warning)
    return text


def _decode(raw: bytes, name: str) -> tuple[str, str | None]:
    """The text and, when bytes had to be replaced, a warning saying so."""
    if raw.startswith(codecs.BOM_UTF8):
        return _utf8_with_replacement(raw[len(codecs.BOM_UTF8) :], name, bom=True)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as err:
            raise InputError(name, "cannot decode as UTF-16 (it has a UTF-16 mark)") from err
    utf16 = _guess_utf16_without_bom(raw)
    if utf16 is not None:
        return utf16, None
    if b"\x00" in raw:
        raise InputError(name, "binary file, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(raw)
    if damaged is not None:
        return damaged
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError as err:
        raise InputError(name, "cannot decode as UTF-8, UTF-16 or Windows-1256") from err
    if _looks_binary(text):
        raise InputError(name, "binary file, not text")
    return text, None


def _utf8_with_replacement(raw: bytes, name: str, *, bom: bool) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(raw, bom=bom)
    if damaged is None:
        raise InputError(name, "not valid UTF-8 although it starts with a UTF-8 mark")
    return damaged


def _mostly_utf8(raw: bytes, *, bom: bool = False) -> tuple[str, str] | None:
    """UTF-8 with replacement when the text is overwhelmingly valid UTF-8, else None."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= 0 or (valid < UTF8_VALID_PER_BAD * bad and not bom) or _looks_binary(text):
        return None
    first = _first_bad_byte(raw)
    warning = (
        f"not valid UTF-8 ({bad} bad byte sequence{'s' if bad != 1 else ''}, the first at byte"
        f" {first}); decoded as UTF-8 with U+FFFD in their place"
    )
    return text, warning


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return int(err.start)
    return -1


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
            data = _parse_json(text)
        except InputError as err:
            if stripped.startswith("[") or err.problem.endswith("too deeply"):
                raise InputError(str(file), f"invalid JSON: {err.problem}", err.line) from None
            data = None  # maybe JSON Lines in a .json file
        if data is not None:
            records = data if isinstance(data, list) else [data]
            return _records_to_articles([(i + 1, r) for i, r in enumerate(records)], file, problems)
    return _records_to_articles(list(_jsonl_records(text, file, problems)), file, problems)


def _stream_json_lines(file: Path) -> tuple[list[Article], list[LoadProblem]] | None:
    """The articles of a UTF-8 JSON Lines file read one line at a time (no copy of the whole
    file, its lines or its records is held), and the problems found, logged once the file is
    done; ``None`` when the file is not plain UTF-8 (UTF-16, damaged bytes, another encoding),
    which is then read whole, as any file."""
    problems = _Deferred()
    articles: list[Article] = []
    try:
        with file.open("rb") as handle:
            if _not_plain_utf8(handle.peek(_PEEK_BYTES)[:_PEEK_BYTES]):
                return None
            number = 0
            while raw := handle.readline(MAX_ARTICLE_BYTES + 1):
                number += 1
                try:
                    line = _line_text(raw, handle, first=number == 1)
                except UnicodeDecodeError:
                    return None
                except InputError as err:
                    _report(problems, InputError(str(file), err.problem, number), "error")
                    continue
                if line.strip():
                    _add_record(line, file, number, articles, problems)
    except OSError as err:
        raise InputError(str(file), f"cannot read: {_why(err)}") from None
    for problem in problems:
        _log_problem(problem)
    return articles, problems


class _Deferred(list[LoadProblem]):
    """Problems that :func:`_report` does not log yet (the file may still be read again)."""


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
        _report(problems, err, "error")


def _not_plain_utf8(head: bytes) -> bool:
    """Whether a file's first bytes show UTF-16 (marked or not) or binary data."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return True
    return _guess_utf16_without_bom(head[: len(head) // 2 * 2]) is not None


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
            _report(problems, InputError(str(file), reason, number), "error")


def _records_to_articles(
    records: list[tuple[int, Any]], file: Path, problems: list[LoadProblem]
) -> list[Article]:
    articles = []
    single = file.suffix.lower() == ".json" and len(records) == 1
    for line, record in records:
        try:
            articles.append(_record_to_article(record, file, line, problems, single=single))
        except InputError as err:
            _report(problems, err, "error")
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
    if _SURROGATE.search(text):
        warnings.append("'text' has unpaired surrogate escapes (\\ud800-\\udfff); replaced")
        text = replace_surrogates(text)
    meta = {k: _metadata(k, record.get(k), warnings) for k in METADATA_FIELDS}
    meta["published"] = _published(meta["published"], warnings)
    article_id = _metadata("id", record.get("id"), warnings) or (
        file.stem if single else f"{file.stem}-{line}"
    )
    article = _article(article_id, text, file, **meta)
    for warning in warnings:
        _report(problems, InputError(str(file), warning, where), "warning")
    return article


def _metadata(name: str, value: Any, warnings: list[str]) -> str | None:
    """A metadata string: strings as given, whole numbers without '.0', finite numbers as
    written; anything else (a list, an object, true/false) is ignored with a warning."""
    if value is None:
        return None
    if isinstance(value, str):
        if _SURROGATE.search(value):
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
