"""The assemble step: every article's outcome (facts, or why it failed) and every load problem
into one brief — merged facts, stories, what comes next, the articles' reports and the batch's meta.

Articles with the same cleaned text are extracted once (:class:`CleanBatch`) and share the outcome.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from summarizer.clean import clean_article
from summarizer.extract import prompt_version
from summarizer.merge import merge_facts, summarize
from summarizer.models import (
    Article,
    ArticleFacts,
    ArticleReport,
    Brief,
    CleanArticle,
    LoadProblem,
    Meta,
    Usage,
)
from summarizer.stories import add_stories

log = logging.getLogger(__name__)


@dataclass
class ArticleOutcome:
    """One article's line in the brief, its facts (None when failed or a duplicate), its text."""

    report: ArticleReport
    facts: ArticleFacts | None
    text: str


@dataclass
class CleanBatch:
    """A batch after cleaning: the articles left empty (never sent), and one article per
    distinct text to summarize; identical articles are summarized once."""

    cleaned: list[CleanArticle]
    empty: dict[str, ArticleOutcome]
    unique: dict[str, CleanArticle]

    @classmethod
    def of(cls, articles: list[Article]) -> CleanBatch:
        """Clean every article and group them by text."""
        cleaned = [clean_article(a) for a in articles]
        empty = {c.article.id: nothing_left(c) for c in cleaned if not c.text.strip()}
        unique: dict[str, CleanArticle] = {}
        for clean in cleaned:
            if clean.article.id not in empty:
                unique.setdefault(clean.text, clean)
        return cls(cleaned, empty, unique)

    def outcomes(self, done: dict[str, ArticleOutcome]) -> list[ArticleOutcome]:
        """Every article's outcome, in input order, from the outcome of each distinct text."""
        kept = [c for c in self.cleaned if c.article.id not in self.empty]
        ids = ids_by_text(kept)
        return [
            self.empty[c.article.id]
            if c.article.id in self.empty
            else with_twins(done[c.text], c, self.unique[c.text], ids[c.text])
            for c in self.cleaned
        ]


def nothing_left(clean: CleanArticle) -> ArticleOutcome:
    """The failed line of an article that cleaning reduced to nothing (it is never sent)."""
    article = clean.article
    where = article.path or article.id
    log.warning("%s: no article text left after cleaning", where)
    report = ArticleReport(
        id=article.id,
        title=article.title,
        published=article.published,
        source=article.source,
        status="failed",
        error=f"{where}: no article text left after cleaning",
    )
    return ArticleOutcome(report=report, facts=None, text="")


def ids_by_text(cleaned: list[CleanArticle]) -> dict[str, list[str]]:
    """The ids of the articles that share each cleaned text (one pass over the batch)."""
    ids: dict[str, list[str]] = {}
    for clean in cleaned:
        ids.setdefault(clean.text, []).append(clean.article.id)
    return ids


def with_twins(
    outcome: ArticleOutcome, clean: CleanArticle, first: CleanArticle, same_text: list[str]
) -> ArticleOutcome:
    """Identical articles are summarized once and keep their ids: the first lists its twins
    (``duplicate_ids``), each twin names the first (``duplicate_of``), so a batch of many
    copies stays linear in size.

    ``outcome`` is the first article's; ``same_text`` the ids of every article with its text.
    """
    if first is clean:
        twins = [i for i in same_text if i != clean.article.id]
        report = outcome.report.model_copy(update={"duplicate_ids": twins})
        return ArticleOutcome(report=report, facts=outcome.facts, text=outcome.text)
    report = outcome.report.model_copy(
        update={"id": clean.article.id, "usage": Usage(), "duplicate_ids": [],
                "duplicate_of": first.article.id, "cached": True}
    )  # fmt: skip
    return ArticleOutcome(report=report, facts=None, text=outcome.text)


def first_line(text: str) -> str | None:
    """The article's first line (its headline, usually), as a title when none is given."""
    line = text.split("\n", 1)[0].strip()
    return line[:200] or None


def assemble_brief(
    outcomes: list[ArticleOutcome],
    problems: list[LoadProblem],
    *,
    model: str,
    backend: str,
    seconds: float,
    estimated_cost_usd: float | None = None,
    warnings: list[str] | None = None,
    as_of: str | None = None,
) -> Brief:
    """Merge the articles' facts and put the brief together with its meta, its stories, its
    lead and what comes next after ``as_of`` (an ISO date; today when None).

    Load problems become lines of the brief (``failed`` or ``skipped``); warnings (of loading,
    ``problems`` of severity warning, and of the cache, ``warnings``) go to ``meta.warnings``.
    ``texts`` holds each distinct text once, under the id of the first article that has it.
    """
    reports = [o.report for o in outcomes]
    taken = {r.id for r in reports}
    for problem in problems:
        if problem.severity != "warning":
            reports.append(problem_report(problem, taken))
    merged = merge_facts(o.facts for o in outcomes if o.facts is not None)
    usage = Usage()
    for report in reports:
        usage = usage.add(report.usage)
    meta = Meta(
        model=model,
        backend=backend,
        prompt_version=prompt_version(),
        usage=usage,
        estimated_cost_usd=estimated_cost_usd,
        seconds=round(seconds, 3),
        created=datetime.now(UTC).isoformat(timespec="seconds"),
        warnings=[p.describe() for p in problems if p.severity == "warning"] + (warnings or []),
    )
    brief = Brief(
        articles=reports,
        deadlines=merged.deadlines,
        figures=merged.figures,
        events=merged.events,
        conflicts=merged.conflicts,
        summary=summarize(merged, [r for r in reports if r.status != "skipped"]),
        meta=meta,
        texts={o.report.id: o.text for o in outcomes if o.report.duplicate_of is None and o.text},
    )
    return add_stories(brief, as_of=as_of)


def problem_report(problem: LoadProblem, taken: set[str] | None = None) -> ArticleReport:
    """The brief's line for an input that could not be loaded (``failed``) or is not an article
    (``skipped``); its id is new to ``taken`` (which it joins), when given."""
    base = Path(problem.path).stem + (f"-{problem.line}" if problem.line else "")
    report_id, number = base, 1
    while taken is not None and report_id in taken:
        number += 1
        report_id = f"{base}-{number}"
    if taken is not None:
        taken.add(report_id)
    return ArticleReport(
        id=report_id,
        status="skipped" if problem.severity == "skipped" else "failed",
        error=problem.describe(),
    )
