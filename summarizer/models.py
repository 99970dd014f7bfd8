"""Typed data that flows through the pipeline: load → clean → normalize → extract → compose →
merge → stories → render.

Every public model here is versioned by ``SCHEMA_VERSION``; the JSON Schemas in ``schemas/`` are
generated from them (``python -m summarizer schemas``) and a test fails when they drift.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Approx = Literal["exact", "about", "more than", "less than", "at least", "at most", "range"]
ArticleState = Literal["ok", "failed", "skipped"]
# error: an input meant as an article could not be loaded (the article is lost: a failed line);
# skipped: not an article at all (an image, a socket); warning: loaded, with a caveat.
Severity = Literal["error", "skipped", "warning"]


class Article(BaseModel):
    """One input article as loaded from disk (text not yet cleaned)."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date from metadata, if any")
    source: str | None = None
    path: str | None = Field(default=None, description="file the article came from")


class LoadProblem(BaseModel):
    """An input that could not be loaded, or loaded with a caveat; reported, never fatal."""

    path: str
    reason: str
    line: int | None = None
    severity: Severity = Field(
        default="error",
        description="error: an article was lost (a failed line in the brief); skipped: not an"
        " article (unsupported type, socket, FIFO); warning: the article was loaded with a caveat",
    )

    def describe(self) -> str:
        """One line naming the file (and line) and the problem."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.reason}"


class LoadResult(BaseModel):
    """What ``load_articles`` found: the articles, plus the inputs it had to skip."""

    articles: list[Article] = Field(default_factory=list)
    problems: list[LoadProblem] = Field(default_factory=list)


class CleanArticle(BaseModel):
    """An article reduced to its body. Quotes and offsets everywhere refer to ``text``."""

    model_config = ConfigDict(frozen=True)

    article: Article
    text: str
    removed_chars: int = 0
    boilerplate_start: str | None = Field(
        default=None, description="first words of the tail that was cut, for review"
    )


class Mention(BaseModel):
    """A date or number expression found by the normalizer, with offsets into the cleaned text."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable id within the article, e.g. 'M3'")
    kind: Literal["date", "number"]
    start: int
    end: int
    text: str = Field(description="surface text exactly as in the article")
    # dates
    date: str | None = Field(
        default=None, description="ISO YYYY, YYYY-MM or YYYY-MM-DD; None when it cannot be resolved"
    )
    qualifier: str | None = Field(
        default=None, description="deadline cue in English: by, until, at least until, ..."
    )
    relative: bool = Field(default=False, description="resolved against the publication date")
    part: str | None = Field(
        default=None,
        description="the part of the period the text names: early, mid, late, end, or a season",
    )
    coming: str | None = Field(
        default=None, description="«الأسابيع المقبلة»: the coming days, weeks, months or years"
    )
    written: str | None = Field(
        default=None,
        description="the date at the precision written, when coarser than date («بنهاية 2026»:"
        " 2026, normalized to 2026-12)",
    )
    # numbers
    value: float | None = None
    value_max: float | None = Field(default=None, description="upper bound for vague counts")
    unit: str | None = Field(default=None, description="English unit of the counted noun")
    approx: Approx = "exact"


class Pick(BaseModel):
    """One item the model chose, grounded in the article; dates and values come later."""

    kind: Literal["deadline", "figure", "event"]
    mention_id: str | None = None
    what_en: str
    what_ar: str
    place_en: str | None = None
    quote: str
    start: int
    end: int


class Extraction(BaseModel):
    """What the model chose for one article (this is what the cache stores)."""

    article_id: str
    picks: list[Pick] = Field(default_factory=list)


class Usage(BaseModel):
    """Token usage of model requests (every attempt, retries included)."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, other: Usage) -> Usage:
        """Return the sum of two usages."""
        return Usage(
            requests=self.requests + other.requests,
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
        )


class Bilingual(BaseModel):
    """The same statement in English and in Arabic."""

    en: str
    ar: str


class Source(BaseModel):
    """Where an item comes from: a verbatim quote and its offsets in the cleaned article text."""

    article_id: str
    quote: str
    start: int
    end: int
    approx: Approx | None = Field(default=None, description="this source's own hedge (figures)")
    value: float | None = Field(
        default=None,
        description="this source's own value where it states the figure rounded («57%» for "
        "57.2 %; figures); None where it states the item's value",
    )
    qualifier: str | None = Field(default=None, description="this source's own cue (deadlines)")


SUBJECT_AR = "the article's own words around the item (its clause), used for matching"
SAID_BY = "who states it, as its quote says («قال مسؤول أميركي»); None when no quote says"


class SaidBy(BaseModel):
    """The official or body that states an item, read by rule from its quote."""

    en: str | None = Field(
        default=None, description="English, only when it passes the support checks; else None"
    )
    ar: str = Field(description="the speaker's words as the quote writes them")


class Deadline(BaseModel):
    """A date by which, or until which, something happens."""

    date: str | None
    qualifier: str = "by"
    subject: str = Field(description="short English subject, used for matching")
    subject_ar: str = Field(default="", description=SUBJECT_AR)
    place: str | None = None
    text: Bilingual
    when: Bilingual | None = Field(
        default=None,
        description="cue and date in words as precisely as the text writes them (by the end of"
        " 2026, by mid-September 2025, in the coming weeks); date keeps the normalized value",
    )
    said_by: SaidBy | None = Field(default=None, description=SAID_BY)
    sources: list[Source]


class Figure(BaseModel):
    """A quantity stated by the articles."""

    value: float
    value_max: float | None = None
    unit: str | None = None
    approx: Approx = "exact"
    as_of: str | None = None
    subject: str
    subject_ar: str = Field(default="", description=SUBJECT_AR)
    place: str | None = None
    text: Bilingual
    said_by: SaidBy | None = Field(default=None, description=SAID_BY)
    sources: list[Source]


class Event(BaseModel):
    """Something that happened or was announced, with its date when the text gives one."""

    date: str | None
    subject: str
    text: Bilingual
    when: Bilingual | None = Field(
        default=None, description="its date in words as precisely as the text writes it"
    )
    said_by: SaidBy | None = Field(default=None, description=SAID_BY)
    acted_by: SaidBy | None = Field(
        default=None,
        description="who did it, for an act rather than a statement («قررت الحكومة»: the "
        "government); None when no quote says",
    )
    sources: list[Source]



BriefItem = Deadline | Figure | Event  # an item of the brief's three lists

class ConflictValue(BaseModel):
    """One side of a conflict: a value (or date) as some sources give it."""

    value: float | None = None
    date: str | None = None
    approx: Approx | None = None
    qualifier: str | None = None
    sources: list[Source]


class Conflict(BaseModel):
    """Sources disagree, or a value changes, about the same subject."""

    kind: Literal["figure", "deadline"]
    subject: str
    values: list[ConflictValue]
    note: Bilingual


class Dispute(BaseModel):
    """A claim one article reports and another denies, shown together with both sources."""

    item_ids: list[str] = Field(
        description="the claim's and the denial's items ('D1', 'E2'); one id when the merge"
        " joined them into one item"
    )
    claim: Bilingual
    denial: Bilingual
    claim_sources: list[Source]
    denial_sources: list[Source]
    denied_by: SaidBy | None = None


class ArticleFacts(BaseModel):
    """What one article states, normalized, before merging across articles."""

    article_id: str
    deadlines: list[Deadline] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)


class ArticleReport(BaseModel):
    """An article's line in the brief: its metadata and whether it made it in."""

    id: str
    title: str | None = None
    published: str | None = None
    published_inferred: bool = Field(
        default=False,
        description="published was inferred from the text: a full date written with its own "
        "weekday, no metadata or dateline giving one",
    )
    source: str | None = None
    status: ArticleState = Field(
        default="ok",
        description="ok; failed (the article is lost); skipped (an input that is not an article)",
    )
    error: str | None = Field(
        default=None, description="why the article failed or the input was skipped"
    )
    duplicate_ids: list[str] = Field(
        default_factory=list,
        description="ids of the identical inputs, listed only on the first article of its group",
    )
    duplicate_of: str | None = Field(
        default=None,
        description="the first article with the same text (summarized once, listed there)",
    )
    usage: Usage = Field(default_factory=Usage)
    seconds: float = 0.0
    cached: bool = False


class Meta(BaseModel):
    """How the brief was made."""

    model: str
    backend: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    estimated_cost_usd: float | None = None
    seconds: float = 0.0
    created: str | None = None
    warnings: list[str] = Field(
        default_factory=list,
        description="inputs loaded with a caveat (bytes replaced, id renamed, metadata ignored)"
        " and cache problems, one line each naming the file",
    )
    concurrency_reached: int | None = Field(
        default=None,
        description="the most model requests that were in flight at once (adaptive limit)",
    )


class Story(BaseModel):
    """Articles of the batch that report the same event or development."""

    id: str = Field(description="'S1', 'S2', ... in the order of their first article")
    title: Bilingual = Field(description="its most reported verified item, or its headline")
    article_ids: list[str]
    lead: Bilingual = Field(description="composed by rule from verified items and counts")
    item_ids: list[str] = Field(
        default_factory=list,
        description="its items: 'D1' is deadlines[0], 'F1' figures[0], 'E1' events[0],"
        " 'C1' conflicts[0]",
    )


class NextItem(BaseModel):
    """A deadline or scheduled date, relative to the brief's date (``Brief.as_of``)."""

    date: str
    status: Literal["upcoming", "passed"]
    item_id: str = Field(description="'D1' (deadlines[0]) or 'E1' (events[0])")
    story_id: str | None = None
    text: Bilingual
    when: Bilingual | None = Field(
        default=None, description="the item's date in words as precisely as its text writes it"
    )


class Brief(BaseModel):
    """The merged bilingual brief of one batch. Its JSON Schema is ``schemas/brief.schema.json``."""

    articles: list[ArticleReport]
    deadlines: list[Deadline] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    disputes: list[Dispute] = Field(
        default_factory=list, description="claims one article reports and another denies"
    )
    summary: Bilingual
    meta: Meta
    stories: list[Story] = Field(default_factory=list)
    lead: Bilingual | None = Field(default=None, description="the batch's lead, by rule")
    as_of: str | None = Field(default=None, description="the brief's date, for what comes next")
    next: list[NextItem] = Field(
        default_factory=list,
        description="deadlines and scheduled dates: upcoming ones nearest first, then passed",
    )
    texts: dict[str, str] = Field(
        default_factory=dict,
        description="cleaned text of each distinct article, so quotes can be shown in context;"
        " keyed by the id of the first article with that text (its twins have duplicate_of)",
    )

    def to_markdown(self, lang: Literal["en", "ar", "both"] = "both") -> str:
        """Render the brief as Markdown (English, Arabic or both sections)."""
        from summarizer.render import render_markdown

        return render_markdown(self, lang=lang)

    def to_html(self) -> str:
        """Render the brief as one self-contained HTML page."""
        from summarizer.render import render_html

        return render_html(self)

    def to_json(self, indent: int | None = 2) -> str:
        """Serialize the brief to JSON (the contract of ``schemas/brief.schema.json``)."""
        return self.model_dump_json(indent=indent)
