"""Score a brief against a gold annotation: strict matching, then every check, per story."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from summarizer.evaluation.checks import (
    MergeCheck,
    Unsupported,
    check_change,
    check_duplicate,
    is_bilingual,
    leaks,
    quote_checks,
    unsupported,
)
from summarizer.evaluation.gold import GoldArticle, GoldDated, GoldFile, GoldItem, parse_gold
from summarizer.evaluation.inputs import Inputs, read_articles_dir
from summarizer.evaluation.match import (
    Match,
    Matches,
    all_items,
    cites,
    date_eq,
    describe,
    keys_match,
    match_all,
)
from summarizer.evaluation.report import (
    COMBINED,
    ArticleScore,
    EvalReport,
    KindResult,
    Ratio,
    StoryScore,
    micro,
)
from summarizer.evaluation.stories import story_grouping, titles_and_outlets
from summarizer.models import Brief, BriefItem, Deadline

TARGET_RECALL = 0.85
TARGET_PRECISION = 0.85
TARGET_ARI = 0.9


def harness_dates(brief: Brief, gold: GoldFile, inputs: Inputs | None) -> dict[str, bool]:
    """Whether the harness passed each article's publication date in.

    A feed (or ``.json`` records) says it for every article; otherwise the brief's
    ``articles[].published`` does.
    """
    if inputs is not None and inputs.published is not None:
        return {a.id: a.id in inputs.published for a in gold.articles}
    given = {a.id for a in brief.articles if a.published}
    return {a.id: a.id in given for a in gold.articles}


def _kind_result(
    art: GoldArticle,
    golds: Sequence[GoldItem],
    items: Sequence[BriefItem],
    m: Match,
    harness_date: bool,
) -> KindResult:
    optional = [art.is_optional(g, harness_date) for g in golds]
    required = [r for r in range(len(golds)) if not optional[r]]
    found = set(m.strict.values())
    near = set(m.relaxed.values())
    return KindResult(
        recall=Ratio.of(sum(r in found for r in required), len(required)),
        precision=Ratio.of(len(m.strict), len(m.items)),
        missing=[
            g.describe() + (" (optional)" if optional[r] else "")
            for r, g in enumerate(golds)
            if r not in found and r not in near
        ],
        extra=[describe(items[i]) for i in m.items if m.gold_of(i) is None],
        wrong_date=[
            f"{describe(items[i])}  [gold: {golds[r].describe()}]" for i, r in m.relaxed.items()
        ],
    )


def _date_accuracy(
    golds: Sequence[GoldDated], items: Sequence[BriefItem], m: Match, harness_date: bool
) -> Ratio:
    pairs = [*m.strict.items(), *m.relaxed.items()]

    def right(i: int, r: int) -> bool:
        accepted = golds[r].accepted_dates(harness_date)
        date = getattr(items[i], "date", None)
        return accepted is None or any(date_eq(a, date) for a in accepted)

    return Ratio.of(sum(right(i, r) for i, r in pairs), len(pairs))


def _false_deadlines(art: GoldArticle, items: Sequence[Deadline], m: Match) -> list[str]:
    return [
        describe(items[i])
        for i in m.items
        if m.gold_of(i) is None
        and any(nd.keys and keys_match(nd.keys, items[i].text.en) for nd in art.non_deadlines)
    ]


def _article_score(brief: Brief, art: GoldArticle, ms: Matches, harness_date: bool) -> ArticleScore:
    return ArticleScore(
        article_id=art.id,
        harness_date=harness_date,
        deadlines=_kind_result(
            art, art.deadlines, brief.deadlines, ms.deadline[art.id], harness_date
        ),
        figures=_kind_result(art, art.figures, brief.figures, ms.figure[art.id], harness_date),
        events=_kind_result(art, art.events, brief.events, ms.event[art.id], harness_date),
        false_deadlines=_false_deadlines(art, brief.deadlines, ms.deadline[art.id]),
    )


def _story_scores(
    gold: GoldFile,
    articles: Sequence[ArticleScore],
    dups: Sequence[MergeCheck],
    changes: Sequence[MergeCheck],
    unsupported_items: Sequence[Unsupported],
) -> list[StoryScore]:
    """Scores per gold story; without gold stories, one row for all articles."""
    groups = [(s.name, s.articles) for s in gold.stories] or [
        ("(all articles)", [a.id for a in gold.articles])
    ]
    rows = []
    for name, ids in groups:
        members = set(ids)

        def within(checks: Sequence[MergeCheck], members: set[str] = members) -> Ratio:
            mine = [c for c in checks if set(c.articles) & members]
            return Ratio.of(sum(c.satisfied for c in mine), len(mine))

        rows.append(
            StoryScore(
                name=name,
                articles=list(ids),
                scores=micro([a for a in articles if a.article_id in members]),
                duplicates=within(dups),
                changes=within(changes),
                unsupported=sum(bool(set(u.articles) & members) for u in unsupported_items),
            )
        )
    return rows


def score_brief(
    brief: Brief,
    gold: dict[str, Any],
    articles_dir: str | Path | None = None,
    *,
    inputs: Inputs | None = None,
    stories: list[list[str]] | None = None,
) -> EvalReport:
    """Score ``brief`` against a gold annotation (as returned by ``load_gold``).

    ``inputs`` are the raw texts and publication dates the harness gave the system (from
    ``read_feed`` or ``read_articles_dir``; ``articles_dir`` is a shortcut for the latter): raw
    texts find quotes from boilerplate tails, dates decide which relative items count.
    ``stories`` are the brief's story groups (article ids), scored by adjusted Rand index.
    """
    parsed = parse_gold(gold)
    if inputs is None and articles_dir is not None:
        inputs = read_articles_dir(articles_dir)
    dated = harness_dates(brief, parsed, inputs)
    ms = match_all(brief, parsed, dated)
    articles = [_article_score(brief, art, ms, dated[art.id]) for art in parsed.articles]
    total, verbatim, offsets = quote_checks(brief)
    dup_checks = [check_duplicate(d, brief, parsed, ms) for d in parsed.merged.duplicates]
    change_checks = [check_change(c, brief) for c in parsed.merged.changes]
    unsupported_items = unsupported(brief)
    known = {a.id for a in parsed.articles}
    items = all_items(brief)
    report = EvalReport(
        scores=micro(articles),
        deadline_date_accuracy=_sum_accuracy(parsed, brief, ms, "deadline", dated),
        event_date_accuracy=_sum_accuracy(parsed, brief, ms, "event", dated),
        false_deadlines=sum(len(a.false_deadlines) for a in articles),
        boilerplate_leaks=leaks(brief, parsed, inputs.texts if inputs else {}, ms),
        quotes_verbatim=Ratio.of(verbatim, total),
        quote_offsets=Ratio.of(offsets, total),
        bilingual=Ratio.of(sum(map(is_bilingual, items)), len(items)),
        unsupported_items=unsupported_items,
        duplicates=Ratio.of(sum(c.satisfied for c in dup_checks), len(dup_checks)),
        duplicate_checks=dup_checks,
        changes=Ratio.of(sum(c.satisfied for c in change_checks), len(change_checks)),
        change_checks=change_checks,
        stories=_story_scores(parsed, articles, dup_checks, change_checks, unsupported_items),
        story_grouping=story_grouping(parsed, stories),
        titles=titles_and_outlets(brief, parsed),
        articles=articles,
        unattributed_items=[describe(it) for it in items if not set(cites(it)) & known],
        passed_targets={},
    )
    report.passed_targets = _targets(report)
    return report


def _sum_accuracy(
    gold: GoldFile, brief: Brief, ms: Matches, kind: str, dated: dict[str, bool]
) -> Ratio:
    total = Ratio.of(0, 0)
    for art in gold.articles:
        if kind == "deadline":
            total += _date_accuracy(
                art.deadlines, brief.deadlines, ms.deadline[art.id], dated[art.id]
            )
        else:
            total += _date_accuracy(art.events, brief.events, ms.event[art.id], dated[art.id])
    return total


def _targets(report: EvalReport) -> dict[str, bool]:
    combined = report.scores[COMBINED]
    targets = {
        f"{COMBINED} recall >= {TARGET_RECALL}": combined.recall.at_least(TARGET_RECALL),
        f"{COMBINED} precision >= {TARGET_PRECISION}": combined.precision.at_least(
            TARGET_PRECISION
        ),
        "no boilerplate leak": not report.boilerplate_leaks,
        "all quotes verbatim": report.quotes_verbatim.at_least(1.0)
        and report.quote_offsets.at_least(1.0),
        "all items bilingual": report.bilingual.at_least(1.0),
        "all matched deadline dates equal gold": report.deadline_date_accuracy.at_least(1.0),
        "no unsupported item": not report.unsupported_items,
    }
    grouping = report.story_grouping
    if grouping is not None and grouping.ari is not None:
        targets[f"stories ARI >= {TARGET_ARI}"] = grouping.ari >= TARGET_ARI - 1e-12
    return targets
