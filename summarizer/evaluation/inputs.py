"""What the harness gave the system: raw article texts (a folder or a JSONL feed), the
publication dates it passed in, and the brief itself (with its ``stories`` when it has them)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import UsageError
from summarizer.models import Brief


@dataclass(frozen=True)
class Inputs:
    """Raw texts by article id, and the publication dates passed in (None: not known here)."""

    texts: dict[str, str] = field(default_factory=dict)
    published: dict[str, str] | None = None


@dataclass(frozen=True)
class BriefFile:
    """A brief read from JSON, and its story groups (lists of article ids) if it has any."""

    brief: Brief
    stories: list[list[str]] | None


def read_articles_dir(folder: str | Path) -> Inputs:
    """Raw texts of a folder of articles, by file stem (``.json`` records: ``text``, ``published``).

    Plain text files carry no publication date: then ``published`` is None (not known here).
    """
    root = Path(folder)
    if not root.is_dir():
        raise UsageError(f"articles folder not found: {root}")
    texts: dict[str, str] = {}
    published: dict[str, str] = {}
    for path in sorted(root.iterdir()):
        if not path.is_file() or path.stem in texts:
            continue
        text, date = _file_record(path)
        texts[path.stem] = text
        if date:
            published[path.stem] = date
    return Inputs(texts=texts, published=published or None)


def _file_record(path: Path) -> tuple[str, str | None]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() != ".json":
        return text, None
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return text, None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return text, None
    date = data.get("published")
    return str(data["text"]), date.strip() if isinstance(date, str) and date.strip() else None


def read_feed(path: str | Path) -> Inputs:
    """Raw texts and publication dates of a JSONL feed (one ``{"id", "text", "published"}`` a line).

    The feed's ``published`` is what the harness passed in: an article without it had no date.
    """
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise UsageError(f"feed not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read feed {p}: {exc}") from None
    texts: dict[str, str] = {}
    published: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"feed {p} line {number} is not JSON: {exc.msg}") from None
        if not isinstance(record, dict) or not isinstance(record.get("id"), str):
            raise UsageError(f"feed {p} line {number} has no string 'id'")
        aid = record["id"]
        if isinstance(record.get("text"), str):
            texts[aid] = record["text"]
        if isinstance(record.get("published"), str) and record["published"].strip():
            published[aid] = record["published"].strip()
    return Inputs(texts=texts, published=published)


def load_brief(path: str | Path) -> BriefFile:
    """Read a brief written with ``--format json``, keeping its ``stories`` (article id groups)."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{p}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read it ({exc.__class__.__name__})") from None
    try:
        data = json.loads(raw)
        # Story groups are read on their own (any system's: only their article ids count).
        items = (
            {k: v for k, v in data.items() if k != "stories"} if isinstance(data, dict) else data
        )
        brief = Brief.model_validate(items)
    except (json.JSONDecodeError, ValidationError) as error:
        raise UsageError(
            f"{p}: not a brief written with --format json ({error.__class__.__name__})"
        ) from None
    return BriefFile(brief=brief, stories=_stories(data, p))


def _stories(data: object, where: Path) -> list[list[str]] | None:
    stories = data.get("stories") if isinstance(data, dict) else None
    if stories is None:
        return None
    if not isinstance(stories, list):
        raise UsageError(f"{where}: 'stories' must be a list")
    groups: list[list[str]] = []
    for k, story in enumerate(stories):
        ids = story.get("article_ids") if isinstance(story, dict) else None
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise UsageError(f"{where}: stories[{k}] has no 'article_ids' list of strings")
        groups.append(list(ids))
    return groups
