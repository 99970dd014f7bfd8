"""The evaluation report: its types and its plain-text rendering."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, Field

from summarizer.evaluation.checks import Leak, MergeCheck, Unsupported
from summarizer.evaluation.stories import StoryGrouping, TitlesReport

COMBINED = "deadlines+figures"


class Ratio(BaseModel):
    """``hit`` out of ``total``; ``value`` is None when there is nothing to measure."""

    hit: int = 0
    total: int = 0
    value: float | None = None

    @classmethod
    def of(cls, hit: int, total: int) -> Ratio:
        """Build a ratio, computing its value."""
        return cls(hit=hit, total=total, value=hit / total if total else None)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio.of(self.hit + other.hit, self.total + other.total)

    def at_least(self, threshold: float) -> bool:
        """True when the value reaches ``threshold`` or there is nothing to measure."""
        return self.value is None or self.value >= threshold - 1e-12

    def __str__(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.2f}"
        return f"{self.hit}/{self.total} ({shown})"


ZERO = Ratio.of(0, 0)


class KindScore(BaseModel):
    """Micro-averaged recall and precision of one kind of item."""

    recall: Ratio
    precision: Ratio


class KindResult(BaseModel):
    """How one kind of item of one article was matched."""

    recall: Ratio
    precision: Ratio
    missing: list[str] = Field(default_factory=list, description="unmatched gold items")
    extra: list[str] = Field(default_factory=list, description="unmatched brief items")
    wrong_date: list[str] = Field(
        default_factory=list, description="brief items that match a gold item except for the date"
    )


class ArticleScore(BaseModel):
    """Per-article detail."""

    article_id: str
    harness_date: bool = Field(description="the harness passed the publication date in")
    deadlines: KindResult
    figures: KindResult
    events: KindResult
    false_deadlines: list[str] = Field(default_factory=list)


class StoryScore(BaseModel):
    """Scores of one gold story (its articles' items and the batch checks within it)."""

    name: str
    articles: list[str]
    scores: dict[str, KindScore]
    duplicates: Ratio
    changes: Ratio
    unsupported: int


class EvalReport(BaseModel):
    """Everything ``score_brief`` measured. JSON-serializable (``model_dump_json``)."""

    scores: dict[str, KindScore] = Field(
        description="deadlines, figures, events and deadlines+figures"
    )
    deadline_date_accuracy: Ratio
    event_date_accuracy: Ratio
    false_deadlines: int
    boilerplate_leaks: list[Leak]
    quotes_verbatim: Ratio
    quote_offsets: Ratio
    bilingual: Ratio
    unsupported_items: list[Unsupported] = Field(default_factory=list)
    duplicates: Ratio
    duplicate_checks: list[MergeCheck]
    changes: Ratio
    change_checks: list[MergeCheck]
    stories: list[StoryScore] = Field(default_factory=list)
    story_grouping: StoryGrouping | None = None
    titles: TitlesReport | None = None
    articles: list[ArticleScore]
    unattributed_items: list[str] = Field(
        default_factory=list, description="brief items citing no annotated article"
    )
    passed_targets: dict[str, bool]


def micro(articles: Sequence[ArticleScore]) -> dict[str, KindScore]:
    """Sum per-article recall and precision into micro averages, plus deadlines+figures."""
    scores: dict[str, KindScore] = {}
    for kind in ("deadlines", "figures", "events"):
        results: list[KindResult] = [getattr(a, kind) for a in articles]
        scores[kind] = KindScore(
            recall=sum((r.recall for r in results), ZERO),
            precision=sum((r.precision for r in results), ZERO),
        )
    scores[COMBINED] = KindScore(
        recall=scores["deadlines"].recall + scores["figures"].recall,
        precision=scores["deadlines"].precision + scores["figures"].precision,
    )
    return scores


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


def format_report(report: EvalReport) -> str:
    """Render the report as plain text: totals, the per-story table, then the details."""
    lines = [f"{'kind':<20}{'recall':>18}{'precision':>18}"]
    for kind, score in report.scores.items():
        lines.append(f"{kind:<20}{score.recall!s:>18}{score.precision!s:>18}")
    lines += ["", *_story_table(report.stories), "", *_metric_lines(report)]
    lines += ["", *_grouping_lines(report), *_title_lines(report)]
    lines += [
        "",
        f"merged duplicates      {report.duplicates}",
        *_check_lines(report.duplicate_checks),
        f"changes                {report.changes}",
        *_check_lines(report.change_checks),
        "",
        f"unsupported items      {len(report.unsupported_items)}",
    ]
    for item in report.unsupported_items:
        lines.append(f"  {item.kind} [{', '.join(item.articles)}] {item.item}")
        lines += [f"      {reason}" for reason in item.reasons]
    for art in report.articles:
        lines += _article_lines(art)
    if report.unattributed_items:
        lines += ["", "items citing no annotated article:"]
        lines += [f"  {text}" for text in report.unattributed_items]
    lines += ["", "targets:"]
    lines += [
        f"  [{'PASS' if ok else 'FAIL'}] {name}" for name, ok in report.passed_targets.items()
    ]
    return "\n".join(lines)


def _short(ratio: Ratio) -> str:
    shown = "  -" if ratio.value is None else f"{ratio.value:.2f}"
    return f"{ratio.hit}/{ratio.total} {shown}"


def _story_table(stories: Sequence[StoryScore]) -> list[str]:
    header = (
        f"{'story':<34}{'arts':>5}{'D+F recall':>13}{'D+F prec':>13}{'events':>12}"
        f"{'dups':>10}{'changes':>10}{'unsup':>6}"
    )
    lines = ["per story:", header]
    for s in stories:
        name = s.name if len(s.name) <= 33 else s.name[:32] + "…"
        combined, events = s.scores[COMBINED], s.scores["events"]
        lines.append(
            f"{name:<34}{len(s.articles):>5}{_short(combined.recall):>13}"
            f"{_short(combined.precision):>13}{_short(events.recall):>12}"
            f"{_short(s.duplicates):>10}{_short(s.changes):>10}{s.unsupported:>6}"
        )
    return lines


def _metric_lines(report: EvalReport) -> list[str]:
    return [
        f"deadline dates         {report.deadline_date_accuracy}",
        f"event dates            {report.event_date_accuracy}",
        f"false deadlines        {report.false_deadlines}",
        f"boilerplate leaks      {len(report.boilerplate_leaks)}",
        *(
            f"  {leak.article_id}: {leak.value:g} {leak.text_en!r} ({leak.reason})"
            for leak in report.boilerplate_leaks
        ),
        f"quotes verbatim        {report.quotes_verbatim}",
        f"quote offsets          {report.quote_offsets}",
        f"bilingual items        {report.bilingual}",
    ]


def _grouping_lines(report: EvalReport) -> list[str]:
    grouping = report.story_grouping
    if grouping is None or grouping.ari is None:
        return [grouping.note if grouping else "stories: not in brief"]
    return [f"stories ARI            {grouping.ari:.3f}  ({grouping.note})"]


def _title_lines(report: EvalReport) -> list[str]:
    titles = report.titles
    if titles is None or not titles.total:
        return []
    lines = [
        f"headline titles        {titles.headlines}/{titles.total}",
        f"outlets matching gold  {titles.outlets}/{titles.outlet_total}",
    ]
    for c in titles.checks:
        if not c.headline:
            lines.append(f"  title   {c.article_id}: {c.title!r} ({c.title_problem})")
        if c.outlet_ok is False:
            lines.append(f"  outlet  {c.article_id}: {c.source!r}, gold {c.outlet_gold!r}")
    return lines


def _check_lines(checks: Sequence[MergeCheck]) -> list[str]:
    lines: list[str] = []
    for check in checks:
        lines.append(f"  [{'ok' if check.satisfied else '--'}] {check.fact}")
        lines += [f"       found: {text}" for text in check.found] or ["       found: nothing"]
    return lines


def _article_lines(art: ArticleScore) -> list[str]:
    date_note = "" if art.harness_date else "  (no publication date passed in)"
    lines = ["", f"article {art.article_id}{date_note}"]
    for kind in ("deadlines", "figures", "events"):
        result: KindResult = getattr(art, kind)
        lines.append(f"  {kind:<12} recall {result.recall!s:<14} precision {result.precision}")
        lines += [f"    missing:    {text}" for text in result.missing]
        lines += [f"    extra:      {text}" for text in result.extra]
        lines += [f"    wrong date: {text}" for text in result.wrong_date]
    lines += [f"    false deadline: {text}" for text in art.false_deadlines]
    return lines
