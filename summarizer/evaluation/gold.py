"""The gold annotation (``seeds.gold.json`` / ``dev.gold.json`` form): types, loading, date rules.

Per article: the deadlines, figures and events a correct brief states, each with ``keys`` (lists
of alternative lowercase English stems; the item's English text must contain one of each list),
the statements that must not become deadlines, boilerplate markers; for the batch, the facts the
brief must give once citing several articles, the values it must show side by side, and the
stories (groups of articles).

Which dates a brief item may carry to match a gold deadline or event (``accepted_dates``):

* a dated gold item: exactly its date;
* an undated gold item with ``date_if_published_inferred`` or ``date_partial``: no date, that
  inferred date, or the partial date as written (``--MM-DD``) — a year the text does not give is
  never required, but a wrong one is never accepted;
* an undated gold event with neither: any date (the text gives none, so keys decide).

A ``relative`` item of an article whose date is not in its text (``published_in_text`` false)
can only be resolved with the publication date the harness passed in: without it, it is optional;
with it, an undated one expects its ``date_if_published_inferred``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import UsageError

Keys = list[list[str]]
ANY_DATE = None  # accepted_dates() result: the date does not matter


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldItem(_GoldModel):
    """What every gold deadline, figure and event has."""

    what_en: str = ""
    keys: Keys = Field(default_factory=list)
    optional: bool = False

    def describe(self) -> str:
        """Short English description for the report."""
        return self.what_en


class GoldDated(GoldItem):
    """A gold deadline or event: a date, possibly relative to the publication date."""

    date: str | None = None
    relative: bool = False
    date_if_published_inferred: str | None = None
    date_partial: str | None = None

    def describe(self) -> str:
        """Short English description for the report."""
        shown = self.date or self.date_if_published_inferred or self.date_partial or "-"
        return f"{shown} {self.what_en}"

    def accepted_dates(self, harness_date: bool) -> frozenset[str | None] | None:
        """The dates a matching brief item may have; None when any date is accepted."""
        if self.date is not None:
            return frozenset({self.date})
        inferred = self.date_if_published_inferred
        if self.relative and harness_date and inferred:
            return frozenset({inferred})
        if inferred is None and self.date_partial is None:
            return ANY_DATE if isinstance(self, GoldEvent) else frozenset({None})
        return frozenset({None, inferred, self.date_partial})


class GoldDeadline(GoldDated):
    """A deadline the brief must state."""

    qualifier: str | None = None


class GoldFigure(GoldItem):
    """A figure the brief must state."""

    value: float
    unit: str | None = None
    approx: str | None = None

    def describe(self) -> str:
        """Short English description for the report."""
        return " ".join(part for part in (f"{self.value:g}", self.unit, self.what_en) if part)


class GoldEvent(GoldDated):
    """An event the brief must state."""


class GoldNonDeadline(_GoldModel):
    """A statement that there is *no* timetable: it must not become a deadline."""

    what_en: str = ""
    keys: Keys = Field(default_factory=list)


class GoldArticle(_GoldModel):
    """The annotation of one article."""

    id: str
    published: str | None = None
    published_in_text: bool = True
    outlet: str | None = None
    boilerplate_tail_starts_with: str | None = None
    boilerplate_inline: list[str] = Field(default_factory=list)
    deadlines: list[GoldDeadline] = Field(default_factory=list)
    non_deadlines: list[GoldNonDeadline] = Field(default_factory=list)
    figures: list[GoldFigure] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    not_in_article: list[float] = Field(default_factory=list)
    non_figures: list[str] = Field(default_factory=list)

    def is_optional(self, item: GoldItem, harness_date: bool) -> bool:
        """Optional by annotation, or relative to a date the system could not know."""
        if item.optional:
            return True
        relative = isinstance(item, GoldDated) and item.relative
        return relative and not self.published_in_text and not harness_date


class GoldDuplicate(_GoldModel):
    """A fact several articles state, which the brief must give once citing all of them."""

    fact: str
    kind: Literal["deadline", "figure", "event"]
    date: str | None = None
    value: float | None = None
    articles: list[str]


class GoldChange(_GoldModel):
    """Values that the brief must show side by side as a conflict or change."""

    fact: str
    values: list[float]
    articles: list[str]
    type: str | None = None


class GoldMerged(_GoldModel):
    """Batch-level expectations."""

    duplicates: list[GoldDuplicate] = Field(default_factory=list)
    changes: list[GoldChange] = Field(default_factory=list)


class GoldStory(_GoldModel):
    """A group of articles about the same event or development."""

    name: str
    articles: list[str]


class GoldFile(_GoldModel):
    """A whole gold annotation."""

    articles: list[GoldArticle]
    merged: GoldMerged = Field(default_factory=GoldMerged)
    stories: list[GoldStory] = Field(default_factory=list)


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and validate a gold annotation file; raise ``UsageError`` when it is unusable."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"gold file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read gold file {p}: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"gold file {p} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"gold file {p} must hold a JSON object with an 'articles' list")
    parse_gold(data, where=str(p))
    return data


def parse_gold(gold: dict[str, Any], where: str = "gold annotation") -> GoldFile:
    """Validate a gold annotation; raise ``UsageError`` naming the first problem."""
    try:
        return GoldFile.model_validate(gold)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"])
        raise UsageError(
            f"{where} is not a valid gold annotation: {loc}: {first['msg']}"
            f" ({exc.error_count()} problem(s))"
        ) from None


def non_figure_values(art: GoldArticle) -> list[float]:
    """Numbers the annotation lists as no figures ('95, 92, 80 (octane grades)' -> 95, 92, 80)."""
    values: list[float] = []
    for note in art.non_figures:
        head = note.split("(")[0].split(" in ")[0]
        parts = [p.strip() for p in head.split(",")]
        if all(_is_number(p) for p in parts):
            values += [float(p) for p in parts]
    return values


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
