"""Tests of summarizer.evaluate: scoring a brief against a gold annotation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import UsageError
from summarizer.evaluate import EvalReport, format_report, load_gold, score_brief
from summarizer.evaluation import (
    Inputs,
    adjusted_rand_index,
    headline_problem,
    outlet_matches,
    read_feed,
)
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
ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SUMMARIZER_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
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


def test_a_duplicate_fact_that_one_article_prints_rounded_is_that_articles_fact() -> None:
    # b1 prints 2,500 troops rounded from a1's 2,450; its gold of 2,000 says more words of the
    # fact, but is another figure: the merged 2,450 item citing both is the fact given once.
    data = gold()
    data["articles"][0]["figures"] = [{"value": 2450, "unit": "troops", "keys": [["troops"]]}]
    data["articles"][1]["figures"][1]["what_en"] = "US troops in Iraq with the coalition, later"
    data["merged"]["duplicates"] = [{
        "fact": "US troops in Iraq with the coalition: 2,450 (b1 prints 2,500)", "kind": "figure",
        "value": 2450, "articles": ["a1", "b1"],
    }]  # fmt: skip
    brief = perfect_brief()
    one = brief.figures[1].model_copy(update={
        "value": 2450, "text": Bilingual(en="2,450 US troops in Iraq", ar="عدد الجنود"),
        "sources": [src("a1", "نحو 900 جندي أميركي في سوريا"),
                    src("b1", "نحو 2500 جندي أميركي في العراق").model_copy(update={"value": 2500})],
    })  # fmt: skip
    brief.figures = [one, brief.figures[2]]
    report = score_brief(brief, data)
    assert ratio(report.duplicates) == (1, 1), report.duplicate_checks


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


# ------------------------------------------------------------------------------------------------
# Strict matching
# ------------------------------------------------------------------------------------------------


def event(date: str | None, en: str, *sources: Source) -> Event:
    """An event with an Arabic translation."""
    return Event(date=date, subject=en, text=Bilingual(en=en, ar="حدث"), sources=list(sources))


def test_figure_needs_value_and_keys_in_its_english_text() -> None:
    brief = perfect_brief()
    syria = brief.figures[0]
    # the keys only in the subject (not what the reader reads) do not count
    brief.figures[0] = syria.model_copy(
        update={
            "text": Bilingual(en="About 900 US troops remain", ar="نحو 900"),
            "subject": "syria",
        }
    )
    assert ratio(score(brief).articles[0].figures.recall) == (0, 1)
    # a value inside a range but equal to neither bound does not count
    brief.figures[0] = syria.model_copy(update={"value": 800, "value_max": 1000})
    assert ratio(score(brief).articles[0].figures.recall) == (0, 1)
    brief.figures[0] = syria.model_copy(update={"value": 800, "value_max": 900})
    assert ratio(score(brief).articles[0].figures.recall) == (1, 1)


def test_keys_match_at_the_start_of_words() -> None:
    data = gold()
    data["articles"][0]["figures"] = [{"value": 900, "keys": [["80"]]}]
    brief = perfect_brief()
    brief.figures[0] = brief.figures[0].model_copy(
        update={"text": Bilingual(en="About 900 troops in 1980 in Syria", ar="نحو 900")}
    )
    assert ratio(score_brief(brief, data).articles[0].figures.recall) == (0, 1)


def test_dated_gold_event_needs_the_same_date() -> None:
    brief = perfect_brief()
    brief.events[0] = brief.events[0].model_copy(update={"date": None})
    report = score(brief)
    assert ratio(report.scores["events"].recall) == (0, 2)
    assert len(report.articles[0].events.wrong_date) == 1


def undated_gold(**event_fields: Any) -> dict[str, Any]:
    """The small gold with one undated event in a1 (published not in the text)."""
    data = gold()
    data["articles"][0]["published_in_text"] = False
    data["articles"][0]["events"] = [
        {"what_en": "Statement", "date": None, "keys": [["statement"]], **event_fields}
    ]
    return data


def test_undated_gold_event_accepts_any_date_unless_the_gold_infers_one() -> None:
    brief = perfect_brief()
    quote = src("a1", "أعلن البيان المشترك في 27 أيلول 2024")
    brief.events = [event("2024-09-27", "A joint statement was issued", quote)]
    assert ratio(score_brief(brief, undated_gold()).articles[0].events.recall) == (1, 1)
    inferred = undated_gold(date_if_published_inferred="2024-09-28")
    assert ratio(score_brief(brief, inferred).articles[0].events.recall) == (0, 1)
    brief.events = [event(None, "A joint statement was issued", quote)]
    assert ratio(score_brief(brief, inferred).articles[0].events.recall) == (1, 1)


def test_relative_items_count_only_when_the_harness_passed_the_date() -> None:
    data = undated_gold(date_if_published_inferred="2024-09-27", relative=True)
    brief = perfect_brief()
    brief.events = []
    without = score_brief(brief, data, inputs=Inputs(texts={}, published={}))
    assert ratio(without.articles[0].events.recall) == (0, 0)  # optional
    assert "(optional)" in without.articles[0].events.missing[0]
    given = Inputs(texts={}, published={"a1": "2024-09-27"})
    assert ratio(score_brief(brief, data, inputs=given).articles[0].events.recall) == (0, 1)
    quote = src("a1", "أعلن البيان المشترك في 27 أيلول 2024")
    brief.events = [event("2024-09-27", "A joint statement was issued", quote)]
    assert ratio(score_brief(brief, data, inputs=given).articles[0].events.recall) == (1, 1)
    # no feed: the brief's own published dates say what was passed in
    brief.articles[0] = brief.articles[0].model_copy(update={"published": "2024-09-27"})
    assert ratio(score_brief(brief, data).articles[0].events.recall) == (1, 1)


def test_unsupported_items_are_listed_and_fail_the_target() -> None:
    brief = perfect_brief()
    brief.figures[0] = brief.figures[0].model_copy(
        update={"text": Bilingual(en="About 900 Russian troops remain in Lebanon", ar="نحو 900")}
    )
    report = score(brief)
    assert len(report.unsupported_items) == 1
    item = report.unsupported_items[0]
    assert item.kind == "figure" and item.articles == ["a1"]
    assert any("Lebanon" in r for r in item.reasons) and any("Russian" in r for r in item.reasons)
    assert not report.passed_targets["no unsupported item"]
    assert "Lebanon" in format_report(report)


def test_value_listed_as_no_figure_is_a_leak_when_unmatched() -> None:
    data = gold()
    data["articles"][1]["non_figures"] = ["2025 (a year)", "27-09 (a date)"]
    brief = perfect_brief()
    brief.figures.append(figure(2025, "2025 troops in Iraq", src("b1", "أيلول 2025")))
    report = score_brief(brief, data)
    assert [leak.reason for leak in report.boilerplate_leaks] == ["value is listed in non_figures"]


# ------------------------------------------------------------------------------------------------
# Stories, titles, outlets
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (["x", "x", "y", "y"], ["x", "x", "y", "y"], 1.0),
        (["x", "x", "y", "y"], ["p", "p", "q", "q"], 1.0),  # labels are arbitrary
        (["x", "x", "y", "y"], ["p", "p", "q", "r"], 4 / 7),
        (["x", "x", "y", "y"], ["p", "q", "p", "q"], -0.5),
        (["x", "x", "x", "x"], ["p", "q", "r", "s"], 0.0),
        (["x", "y", "z"], ["p", "q", "r"], 1.0),  # both all singletons
        (["x", "x", "x", "y", "y", "z"], ["p", "p", "q", "q", "r", "r"], 2 / 27),
    ],
)
def test_adjusted_rand_index(a: list[str], b: list[str], expected: float) -> None:
    assert adjusted_rand_index(a, b) == pytest.approx(expected)
    assert adjusted_rand_index(b, a) == pytest.approx(expected)


def test_story_grouping_counts_unlisted_articles_alone() -> None:
    data = gold()
    data["stories"] = [{"name": "Iraq", "articles": ["a1", "b1"]}]
    absent = score_brief(perfect_brief(), data).story_grouping
    assert absent is not None and absent.note == "stories: not in brief"
    together = score_brief(perfect_brief(), data, stories=[["a1", "b1"]]).story_grouping
    assert together is not None and together.ari == 1.0
    apart = score_brief(perfect_brief(), data, stories=[["a1"]]).story_grouping
    assert apart is not None and apart.ari == 0.0
    report = score_brief(perfect_brief(), data, stories=[["a1", "b1"]])
    assert report.passed_targets["stories ARI >= 0.9"]
    assert [s.name for s in report.stories] == ["Iraq"]


@pytest.mark.parametrize(
    ("title", "problem"),
    [
        ("الحكومة تقر زيادة جديدة في أسعار الوقود", None),
        ("Parliament approves the new budget law", None),
        ("القاهرة ـ وكالة الأنباء", "a dateline"),
        ("عمّان - خاص", "a dateline"),
        ("الرئيسية / أخبار / سياسة / عربي", "a menu or breadcrumb"),
        ("الأحد 12-01-2025 10:15", "a date or counter"),
        ('"كن جزءاً من الحدث"', "a quoted slogan"),
        ("أخبار عاجلة", "fewer than four words"),
        ("", "no title"),
        (None, "no title"),
    ],
)
def test_headline_shape(title: str | None, problem: str | None) -> None:
    assert headline_problem(title) == problem


def test_title_equal_to_the_outlet_is_not_a_headline() -> None:
    assert headline_problem("أخبار اليوم الجديد كل ساعة", ["أخبار اليوم الجديد كل ساعة"])


@pytest.mark.parametrize(
    ("outlet", "source", "ok"),
    [
        ("Cairo 24", "Cairo 24", True),
        ("Cairo 24", "cairo24.com", True),
        ("Cairo 24", "القاهرة 24", True),
        ("Cairo 24", "القاهرة 25", False),
        ("Al-Shorouk", "الشروق", True),
        ("Al-Shorouk", "shorouknews.com", True),
        ("Sada El Balad", "www.elbalad.news", True),
        ("Erem News", "إرم نيوز", True),
        ("Al-Shorouk", "Cairo 24", False),
        ("Veto, keyword page", "Veto", True),
        ("Erem News", None, False),
        ("Erem News", "unknown", False),
    ],
)
def test_outlet_matches(outlet: str, source: str | None, ok: bool) -> None:
    assert outlet_matches(outlet, source) is ok


def test_titles_and_outlets_are_counted() -> None:
    data = gold()
    data["articles"][0]["outlet"] = "Al-Shorouk"
    data["articles"][1]["outlet"] = "Cairo 24"
    brief = perfect_brief()
    brief.articles = [
        ArticleReport(id="a1", title="بغداد ـ الشروق", source="الشروق"),
        ArticleReport(id="b1", title="القوات الأميركية تخفض وجودها في العراق", source="b1"),
    ]
    titles = score_brief(brief, data).titles
    assert titles is not None
    assert (titles.headlines, titles.total) == (1, 2)
    assert (titles.outlets, titles.outlet_total) == (1, 2)


# ------------------------------------------------------------------------------------------------
# The command, as a subprocess
# ------------------------------------------------------------------------------------------------


def run_eval(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``summarizer eval`` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "eval", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def write_case(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A brief (with stories), a gold annotation (with stories) and a JSONL feed."""
    data = gold()
    data["stories"] = [{"name": "Coalition in Iraq", "articles": ["a1", "b1"]}]
    data["articles"][0]["outlet"] = "Al-Shorouk"
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    brief = json.loads(perfect_brief().to_json())
    brief["stories"] = [{"id": "s1", "article_ids": ["a1", "b1"]}]
    brief_path = tmp_path / "brief.json"
    brief_path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    rows = [
        {"id": "a1", "text": A_TEXT + A_TAIL, "published": "2024-09-28"},
        {"id": "b1", "text": B_TEXT},
    ]
    feed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return brief_path, gold_path, feed


def test_eval_command_text_and_json(tmp_path: Path) -> None:
    brief_path, gold_path, feed = write_case(tmp_path)
    text = run_eval(brief_path, "--gold", gold_path, "--feed", feed)
    assert text.returncode == 0, text.stderr
    assert "per story:" in text.stdout and "Coalition in Iraq" in text.stdout
    assert "stories ARI            1.000" in text.stdout
    assert "unsupported items      0" in text.stdout
    as_json = run_eval(brief_path, "--gold", gold_path, "--feed", feed, "--json")
    assert as_json.returncode == 0, as_json.stderr
    report = json.loads(as_json.stdout)
    assert report["story_grouping"]["ari"] == 1.0
    assert report["stories"][0]["scores"]["deadlines+figures"]["recall"]["value"] == 1.0
    assert [a["harness_date"] for a in report["articles"]] == [True, False]
    assert report["titles"]["total"] == 2


def test_eval_command_without_stories_says_so(tmp_path: Path) -> None:
    brief_path, gold_path, _ = write_case(tmp_path)
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    del brief["stories"]
    brief_path.write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    result = run_eval(brief_path, "--gold", gold_path)
    assert result.returncode == 0, result.stderr
    assert "stories: not in brief" in result.stdout


def test_eval_command_errors_are_one_line(tmp_path: Path) -> None:
    brief_path, gold_path, feed = write_case(tmp_path)
    both = run_eval(brief_path, "--gold", gold_path, "--feed", feed, "--articles-dir", tmp_path)
    missing = run_eval(tmp_path / "none.json", "--gold", gold_path)
    bad_feed = tmp_path / "bad.jsonl"
    bad_feed.write_text('{"id": "a1"}\nnot json\n', encoding="utf-8")
    broken = run_eval(brief_path, "--gold", gold_path, "--feed", bad_feed)
    for result, words in ((both, "not both"), (missing, "no such file"), (broken, "line 2")):
        assert result.returncode == 2, result.stderr
        assert words in result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_read_feed_keeps_only_given_dates(tmp_path: Path) -> None:
    _, _, feed = write_case(tmp_path)
    inputs = read_feed(feed)
    assert inputs.published == {"a1": "2024-09-28"}
    assert set(inputs.texts) == {"a1", "b1"}


# ------------------------------------------------------------------------------------------------
# The shared dev annotation (read from ../shared, never copied here)
# ------------------------------------------------------------------------------------------------


def test_dev_gold_scores_a_brief_of_its_feed() -> None:
    gold_path, feed_path = DEV / "dev.gold.json", DEV / "feed" / "dev.jsonl"
    if not (gold_path.exists() and feed_path.exists()):
        pytest.skip("shared dev evaluation data not available")
    data = load_gold(gold_path)
    feed = read_feed(feed_path)
    brief = Brief(
        articles=[ArticleReport(id=a["id"]) for a in data["articles"]],
        summary=Bilingual(en="", ar=""),
        meta=Meta(model="none", backend="none", prompt_version="0"),
    )
    stories = [s["articles"] for s in data["stories"]]
    with_dates = score_brief(brief, data, inputs=feed, stories=stories)
    no_dates = score_brief(brief, data, inputs=Inputs(texts=feed.texts, published={}))
    assert len(with_dates.stories) == len(data["stories"])
    assert with_dates.story_grouping is not None and with_dates.story_grouping.ari == 1.0
    # relative items of articles dated only by the store count once the feed passes the date
    assert with_dates.scores["events"].recall.total > no_dates.scores["events"].recall.total
    assert with_dates.scores[COMBINED].recall.hit == 0
    assert "stories ARI" in format_report(with_dates)


def test_a_figure_counts_for_an_article_at_the_value_that_article_states() -> None:
    # A merged figure shows one source's precise value; the other source rounds it and says
    # so in its own value: the figure counts for each article at the value it states.
    brief = perfect_brief()
    syria = brief.figures[0]
    [source] = syria.sources
    assert ratio(score(brief).articles[0].figures.recall) == (1, 1)
    brief.figures[0] = syria.model_copy(update={"value": 903.0})
    assert ratio(score(brief).articles[0].figures.recall) == (0, 1)
    own = source.model_copy(update={"value": syria.value})
    brief.figures[0] = syria.model_copy(update={"value": 903.0, "sources": [own]})
    assert ratio(score(brief).articles[0].figures.recall) == (1, 1)
