"""Tests of summarizer.evaluate: scoring a brief against a gold annotation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import UsageError
from summarizer.evaluate import EvalReport, format_report, load_gold, score_brief
from summarizer.models import (
    ArticleReport,
    Bilingual,
    Brief,
    Conflict,
    ConflictValue,
    Deadline,
    Event,
    Figure,
    Meta,
    Source,
)

SEEDS_GOLD = Path("/work/shared/eval/seeds.gold.json")
COMBINED = "deadlines+figures"

MARKER = "اقرأ أيضا:"
A_TEXT = (
    "أعلن البيان المشترك في 27 أيلول 2024 أن مهمة التحالف في العراق تنتهي بحلول أيلول 2025. "
    "وتنسحب القوات من العراق على مراحل. ولا يزال نحو 900 جندي أميركي في سوريا. "
    "لا يوجد جدول زمني للانسحاب من سوريا."
)
A_TAIL = f"\n{MARKER} مقتل 36 شخصا في 12 هجوما."
B_TEXT = (
    "قال البيان المشترك إن المهمة في العراق تنتهي في أيلول 2025. "
    "يوجد نحو 2500 جندي أميركي في العراق وسينخفض العدد إلى أقل من 2000 جندي."
)
TEXTS = {"a1": A_TEXT, "b1": B_TEXT}


def gold() -> dict[str, Any]:
    """A small gold annotation of two articles."""
    return {
        "articles": [
            {
                "id": "a1",
                "boilerplate_tail_starts_with": MARKER,
                "deadlines": [
                    {
                        "what_en": "The coalition mission in Iraq ends",
                        "date": "2025-09",
                        "qualifier": "by",
                        "keys": [["iraq"], ["end", "conclude"]],
                    },
                    {
                        "what_en": "Troops leave the airport",
                        "date": "2024-11",
                        "keys": [["airport"]],
                        "optional": True,
                    },
                    {
                        "what_en": "Coalition forces withdraw from Iraq in phases",
                        "date": "2025-09",
                        "keys": [["withdraw", "phase"]],
                    },
                ],
                "non_deadlines": [{"what_en": "No timetable", "keys": [["timetable"]]}],
                "figures": [
                    {"value": 900, "unit": "troops", "approx": "about", "keys": [["syria"]]}
                ],
                "events": [
                    {"what_en": "Joint statement", "date": "2024-09-27", "keys": [["statement"]]}
                ],
                "not_in_article": [36],
            },
            {
                "id": "b1",
                "boilerplate_tail_starts_with": "كلمات دلالية:",
                "deadlines": [
                    {
                        "what_en": "The coalition mission in Iraq ends",
                        "date": "2025-09",
                        "keys": [["iraq"], ["end", "conclude"]],
                    }
                ],
                "non_deadlines": [],
                "figures": [
                    {"value": 2500, "unit": "troops", "approx": "about", "keys": [["iraq"]]},
                    {"value": 2000, "unit": "troops", "approx": "less than", "keys": [["iraq"]]},
                ],
                "events": [
                    {"what_en": "Joint statement", "date": "2024-09-27", "keys": [["statement"]]}
                ],
            },
        ],
        "merged": {
            "duplicates": [
                {
                    "fact": "Coalition mission in Iraq ends by September 2025",
                    "kind": "deadline",
                    "date": "2025-09",
                    "articles": ["a1", "b1"],
                },
                {
                    "fact": "US-Iraq joint statement of 27 September 2024",
                    "kind": "event",
                    "date": "2024-09-27",
                    "articles": ["a1", "b1"],
                },
            ],
            "changes": [
                {
                    "fact": "US troops in Iraq: 2500 now, below 2000 later",
                    "values": [2500, 2000],
                    "articles": ["b1"],
                }
            ],
        },
    }


def src(article_id: str, quote: str) -> Source:
    """A source whose offsets point at ``quote`` in the article's text."""
    start = TEXTS[article_id].index(quote)
    return Source(article_id=article_id, quote=quote, start=start, end=start + len(quote))


def deadline(date: str | None, en: str, *sources: Source, subject: str = "") -> Deadline:
    """A deadline with an Arabic translation."""
    return Deadline(
        date=date,
        subject=subject or en,
        text=Bilingual(en=en, ar="موعد نهائي"),
        sources=list(sources),
    )


def figure(value: float, en: str, *sources: Source, unit: str = "troops") -> Figure:
    """A figure with an Arabic translation."""
    return Figure(
        value=value,
        unit=unit,
        approx="about",
        subject=en,
        text=Bilingual(en=en, ar="عدد الجنود"),
        sources=list(sources),
    )


def perfect_brief() -> Brief:
    """A brief that states exactly what the gold annotation holds."""
    return Brief(
        articles=[ArticleReport(id="a1"), ArticleReport(id="b1")],
        deadlines=[
            deadline(
                "2025-09",
                "The coalition mission in Iraq ends by September 2025",
                src("a1", "مهمة التحالف في العراق تنتهي بحلول أيلول 2025"),
                src("b1", "المهمة في العراق تنتهي في أيلول 2025"),
            ),
            deadline(
                "2025-09",
                "Coalition forces withdraw from Iraq in phases",
                src("a1", "وتنسحب القوات من العراق على مراحل"),
            ),
        ],
        figures=[
            figure(
                900,
                "About 900 US troops remain in Syria",
                src("a1", "نحو 900 جندي أميركي في سوريا"),
            ),
            figure(
                2500,
                "About 2,500 US troops are in Iraq",
                src("b1", "نحو 2500 جندي أميركي في العراق"),
            ),
            figure(
                2000,
                "US troops in Iraq will fall below 2,000",
                src("b1", "جندي أميركي في العراق وسينخفض العدد إلى أقل من 2000 جندي"),
            ),
        ],
        events=[
            Event(
                date="2024-09-27",
                subject="joint statement",
                text=Bilingual(en="A joint statement was issued", ar="بيان مشترك"),
                sources=[
                    src("a1", "أعلن البيان المشترك في 27 أيلول 2024"),
                    src("b1", "قال البيان المشترك"),
                ],
            ),
        ],
        conflicts=[
            Conflict(
                kind="figure",
                subject="US troops in Iraq",
                values=[
                    ConflictValue(value=2500, sources=[src("b1", "نحو 2500 جندي أميركي")]),
                    ConflictValue(value=2000, sources=[src("b1", "أقل من 2000 جندي")]),
                ],
                note=Bilingual(en="The number falls", ar="ينخفض العدد"),
            ),
        ],
        summary=Bilingual(en="Summary", ar="ملخص"),
        meta=Meta(model="test", backend="test", prompt_version="0"),
        texts=dict(TEXTS),
    )


def score(brief: Brief, **kwargs: Any) -> EvalReport:
    """Score against the small gold annotation."""
    return score_brief(brief, gold(), **kwargs)


def ratio(report_ratio: Any) -> tuple[int, int]:
    """(hit, total) of a Ratio."""
    return report_ratio.hit, report_ratio.total


# ------------------------------------------------------------------------------------------------


def test_perfect_brief_scores_one_everywhere() -> None:
    report = score(perfect_brief())
    for kind in ("deadlines", "figures", "events", COMBINED):
        assert report.scores[kind].recall.value == 1.0, kind
        assert report.scores[kind].precision.value == 1.0, kind
    # the merged deadline counts once in each of the two articles it cites
    assert ratio(report.scores["deadlines"].recall) == (3, 3)
    assert ratio(report.scores[COMBINED].recall) == (6, 6)
    assert report.deadline_date_accuracy.value == 1.0
    assert report.event_date_accuracy.value == 1.0
    assert report.false_deadlines == 0
    assert report.boilerplate_leaks == []
    assert report.quotes_verbatim.value == 1.0
    assert report.quote_offsets.value == 1.0
    assert report.bilingual.value == 1.0
    assert ratio(report.duplicates) == (2, 2)
    assert ratio(report.changes) == (1, 1)
    assert all(report.passed_targets.values())
    assert len(report.passed_targets) == 7
    assert report.unsupported_items == []
    assert report.articles[0].deadlines.missing == ["2024-11 Troops leave the airport (optional)"]
    assert all(not a.figures.missing and not a.figures.extra for a in report.articles)


def test_missing_item_lowers_recall_only() -> None:
    brief = perfect_brief()
    del brief.figures[0]  # the 900 troops of a1
    report = score(brief)
    assert ratio(report.scores["figures"].recall) == (2, 3)
    assert ratio(report.scores[COMBINED].recall) == (5, 6)
    assert report.scores[COMBINED].precision.value == 1.0
    a1 = report.articles[0]
    assert a1.figures.missing == ["900 troops"]
    assert not report.passed_targets[f"{COMBINED} recall >= 0.85"]
    assert report.passed_targets[f"{COMBINED} precision >= 0.85"]


def test_wrong_date_is_unmatched_and_lowers_date_accuracy() -> None:
    brief = perfect_brief()
    brief.deadlines[0].date = "2025-10"
    report = score(brief)
    assert ratio(report.scores["deadlines"].recall) == (1, 3)
    assert ratio(report.scores["deadlines"].precision) == (1, 3)
    # matched on keys but with another date: counted for date accuracy, once per article
    assert ratio(report.deadline_date_accuracy) == (1, 3)
    assert len(report.articles[0].deadlines.wrong_date) == 1
    assert report.articles[0].deadlines.extra == []
    assert not report.passed_targets["all matched deadline dates equal gold"]
    assert ratio(report.duplicates) == (1, 2)  # the 2025-09 fact is no longer there


def test_extra_item_lowers_precision_only() -> None:
    brief = perfect_brief()
    brief.deadlines.append(
        deadline("2026-01", "Troops move to Erbil", src("a1", "ولا يزال نحو 900 جندي"))
    )
    report = score(brief)
    assert ratio(report.scores["deadlines"].precision) == (3, 4)
    assert ratio(report.scores[COMBINED].precision) == (6, 7)
    assert report.scores[COMBINED].recall.value == 1.0
    assert report.articles[0].deadlines.extra == ["2026-01 Troops move to Erbil"]
    assert report.false_deadlines == 0


def test_optional_gold_item_counts_for_precision_not_recall() -> None:
    brief = perfect_brief()
    brief.deadlines.append(
        deadline("2024-11", "Troops leave the airport", src("a1", "وتنسحب القوات"))
    )
    report = score(brief)
    assert ratio(report.scores["deadlines"].recall) == (3, 3)
    assert ratio(report.scores["deadlines"].precision) == (4, 4)


def test_no_timetable_turned_into_deadline_is_a_false_deadline() -> None:
    brief = perfect_brief()
    brief.deadlines.append(
        deadline(None, "There is no timetable for leaving Syria", src("a1", "لا يوجد جدول زمني"))
    )
    report = score(brief)
    assert report.false_deadlines == 1
    assert report.articles[0].false_deadlines == ["- There is no timetable for leaving Syria"]
    assert ratio(report.scores["deadlines"].precision) == (3, 4)


def test_boilerplate_figure_by_value_is_a_leak() -> None:
    brief = perfect_brief()
    brief.texts["a1"] = A_TEXT + A_TAIL
    start = brief.texts["a1"].index("36 شخصا")
    brief.figures.append(
        figure(
            36,
            "36 people were killed",
            Source(article_id="a1", quote="36 شخصا", start=start, end=start + 7),
            unit="people",
        )
    )
    report = score(brief)
    assert [(leak.article_id, leak.value) for leak in report.boilerplate_leaks] == [("a1", 36)]
    assert "not_in_article" in report.boilerplate_leaks[0].reason
    assert not report.passed_targets["no boilerplate leak"]
    assert ratio(report.scores["figures"].precision) == (3, 4)


def test_boilerplate_figure_by_quote_in_tail_is_a_leak() -> None:
    brief = perfect_brief()
    brief.texts["a1"] = A_TEXT + A_TAIL
    quote = "12 هجوما"
    start = brief.texts["a1"].index(quote)
    brief.figures.append(
        figure(
            12,
            "12 attacks",
            Source(article_id="a1", quote=quote, start=start, end=start + len(quote)),
            unit="attacks",
        )
    )
    report = score(brief)
    assert len(report.boilerplate_leaks) == 1
    assert report.boilerplate_leaks[0].reason == "quote is in the boilerplate tail"


def test_boilerplate_tail_is_read_from_articles_dir(tmp_path: Path) -> None:
    (tmp_path / "a1.txt").write_text(A_TEXT + A_TAIL, encoding="utf-8")
    brief = perfect_brief()  # its texts are cleaned: no tail
    brief.figures.append(
        figure(
            12,
            "12 attacks",
            Source(article_id="a1", quote="12 هجوما", start=0, end=8),
            unit="attacks",
        )
    )
    assert score(brief).boilerplate_leaks == []
    report = score(brief, articles_dir=tmp_path)
    assert [leak.value for leak in report.boilerplate_leaks] == [12]


def test_non_verbatim_quote_and_bad_offsets() -> None:
    brief = perfect_brief()
    total = 2 + 1 + 3 + 2 + 2  # deadline, figure, event and conflict sources
    brief.figures[0].sources[0].quote = "900 جنديا أمريكيا"  # not in the text
    report = score(brief)
    assert ratio(report.quotes_verbatim) == (total - 1, total)
    assert ratio(report.quote_offsets) == (total - 1, total)
    assert not report.passed_targets["all quotes verbatim"]

    brief = perfect_brief()
    brief.figures[1].sources[0].start += 1  # right quote, wrong offsets
    report = score(brief)
    assert ratio(report.quotes_verbatim) == (total, total)
    assert ratio(report.quote_offsets) == (total - 1, total)
    assert not report.passed_targets["all quotes verbatim"]


def test_arabic_in_english_text_is_not_bilingual() -> None:
    brief = perfect_brief()
    brief.figures[0].text = Bilingual(en="About 900 جندي in Syria", ar="نحو 900 جندي")
    brief.events[0].text = Bilingual(en="Joint statement", ar="")
    report = score(brief)
    assert ratio(report.bilingual) == (4, 6)
    assert not report.passed_targets["all items bilingual"]
    assert report.scores["figures"].recall.value == 1.0


def test_duplicate_fact_cited_twice_instead_of_once() -> None:
    brief = perfect_brief()
    merged = brief.deadlines[0]
    brief.deadlines[0] = merged.model_copy(update={"sources": merged.sources[:1]})
    brief.deadlines.append(merged.model_copy(update={"sources": merged.sources[1:]}))
    report = score(brief)
    assert ratio(report.duplicates) == (1, 2)
    check = report.duplicate_checks[0]
    assert not check.satisfied
    assert len(check.found) == 2
    # each article on its own is still right
    assert report.scores[COMBINED].recall.value == 1.0
    assert report.scores[COMBINED].precision.value == 1.0


def test_change_needs_a_conflict_with_both_values() -> None:
    brief = perfect_brief()
    brief.conflicts[0].values.pop()
    report = score(brief)
    assert ratio(report.changes) == (0, 1)
    brief.conflicts = []
    assert score(brief).change_checks[0].found == []


def test_matching_is_one_to_one_and_maximal() -> None:
    # Both brief deadlines satisfy the looser gold item; only one satisfies the stricter one.
    data = gold()
    data["articles"][1]["deadlines"] = [
        {"date": "2025-09", "keys": [["iraq"]]},
        {"date": "2025-09", "keys": [["iraq"], ["end"]]},
    ]
    brief = perfect_brief()
    brief.deadlines.append(deadline("2025-09", "Coalition stays in Iraq", src("b1", "في العراق")))
    report = score_brief(brief, data)
    assert ratio(report.articles[1].deadlines.recall) == (2, 2)


def test_report_is_json_serializable_and_formats() -> None:
    report = score(perfect_brief())
    again = EvalReport.model_validate_json(report.model_dump_json())
    assert again == report
    text = format_report(report)
    assert "deadlines+figures" in text
    assert "[PASS]" in text and "[FAIL]" not in text


def test_load_gold_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not found"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="not valid JSON"):
        load_gold(bad)
    bad.write_text(json.dumps({"articles": [{"deadlines": []}]}), encoding="utf-8")
    with pytest.raises(UsageError, match=r"articles\.0\.id"):
        load_gold(bad)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(gold()), encoding="utf-8")
    assert load_gold(good) == gold()


def test_seeds_gold_scores_an_empty_brief() -> None:
    if not SEEDS_GOLD.exists():
        pytest.skip("seeds gold annotation not available")
    data = load_gold(SEEDS_GOLD)
    ids = [a["id"] for a in data["articles"]]
    brief = Brief(
        articles=[ArticleReport(id=i) for i in ids],
        summary=Bilingual(en="", ar=""),
        meta=Meta(model="none", backend="none", prompt_version="0"),
    )
    report = score_brief(brief, data)
    assert report.scores[COMBINED].recall.value == 0.0
    assert report.scores[COMBINED].recall.total > 0
    assert report.duplicates.hit == 0
    assert not report.passed_targets[f"{COMBINED} recall >= 0.85"]
    assert format_report(report)
