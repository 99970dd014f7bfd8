"""Cross-article merge: each fact once with all its sources, no over-merge, conflicts shown."""

from __future__ import annotations

from summarizer.merge import merge_facts
from summarizer.models import ArticleFacts, Bilingual, Deadline, Event, Figure, Source


def _src(article: str, approx: str | None = None) -> Source:
    return Source(article_id=article, quote="q", start=0, end=1, approx=approx)  # type: ignore[arg-type]


def _deadline(article: str, date: str, subject: str, place: str, cue: str = "by") -> Deadline:
    text = Bilingual(en=f"{subject} {cue} {date}", ar="نص")
    return Deadline(
        date=date, qualifier=cue, subject=subject, place=place, text=text, sources=[_src(article)]
    )


def _figure(article: str, value: float, subject: str, place: str, approx: str = "exact") -> Figure:
    return Figure(
        value=value, unit="troops", approx=approx, subject=subject, place=place,  # type: ignore[arg-type]
        text=Bilingual(en=subject, ar="نص"), sources=[_src(article, approx)],
    )  # fmt: skip


def test_same_deadline_from_three_articles_is_one_item() -> None:
    facts = [
        ArticleFacts(article_id=a, deadlines=[_deadline(a, "2025-09", s, "Iraq")])
        for a, s in [
            ("a", "the coalition's military mission in Iraq ends"),
            ("b", "coalition military mission in Iraq ends"),
            ("c", "the coalition military mission in Iraq moves to bilateral partnerships"),
        ]
    ]
    merged = merge_facts(facts)
    assert len(merged.deadlines) == 1
    assert [s.article_id for s in merged.deadlines[0].sources] == ["a", "b", "c"]


def test_different_places_and_dates_stay_apart() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[
                _deadline("a", "2025-09", "the coalition mission in Iraq ends", "Iraq"),
                _deadline("a", "2026-09", "the coalition mission in Syria continues", "Syria"),
            ],
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[
                _deadline("b", "2026-09", "the coalition mission in Syria continues", "Syria")
            ],
        ),
    ]
    merged = merge_facts(facts)
    assert [(d.date, len(d.sources)) for d in merged.deadlines] == [("2025-09", 1), ("2026-09", 2)]


def test_hedged_figures_merge_and_keep_each_hedge() -> None:
    facts = [
        ArticleFacts(
            article_id="a", figures=[_figure("a", 900, "US troops in Syria", "Syria", "about")]
        ),
        ArticleFacts(
            article_id="b", figures=[_figure("b", 900, "US troops in Syria", "Syria", "more than")]
        ),
        ArticleFacts(article_id="c", figures=[_figure("c", 900, "US troops in Iraq", "Iraq")]),
    ]
    merged = merge_facts(facts)
    syria = [f for f in merged.figures if f.place == "Syria"]
    assert len(syria) == 1 and [s.approx for s in syria[0].sources] == ["about", "more than"]
    assert len(merged.figures) == 2


def test_changed_figure_is_a_conflict() -> None:
    facts = [
        ArticleFacts(
            article_id="a", figures=[_figure("a", 2500, "US troops in Iraq", "Iraq", "about")]
        ),
        ArticleFacts(
            article_id="b",
            figures=[
                _figure("b", 2500, "US troops in Iraq", "Iraq", "about"),
                _figure("b", 2000, "US troops in Iraq after the drawdown", "Iraq", "less than"),
            ],
        ),
    ]
    merged = merge_facts(facts)
    assert len(merged.conflicts) == 1
    conflict = merged.conflicts[0]
    assert sorted(v.value or 0 for v in conflict.values) == [2000, 2500]
    assert conflict.note.en and conflict.note.ar


def test_one_fact_repeated_in_an_article_is_one_item() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[
                _deadline("a", "2026-09", "the coalition mission continues", "Syria", "until"),
                _deadline(
                    "a", "2026-09", "support for operations goes on", "Syria", "at least until"
                ),
            ],
        )
    ]
    merged = merge_facts(facts)
    assert len(merged.deadlines) == 1 and len(merged.deadlines[0].sources) == 2


def test_merge_is_deterministic_and_sorted() -> None:
    facts = [
        ArticleFacts(
            article_id=a,
            deadlines=[_deadline(a, d, f"mission {d} ends", "Iraq")],
            events=[
                Event(date=None, subject="x", text=Bilingual(en="x", ar="س"), sources=[_src(a)])
            ],
        )
        for a, d in [("b", "2026-01"), ("a", "2025-03")]
    ]
    first = merge_facts(facts)
    second = merge_facts(list(reversed(facts)))
    assert [d.date for d in first.deadlines] == ["2025-03", "2026-01"]
    assert [d.model_dump() for d in first.deadlines] == [d.model_dump() for d in second.deadlines]


# -- the over-merges of a similarity threshold of 0 (regressions) --------------------------------


def test_same_date_and_place_with_other_subjects_stay_apart() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[_deadline("a", "2025-11", "Iraq holds parliamentary elections", "Iraq")],
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[_deadline("b", "2025-11", "the oil ministry signs a gas contract", "Iraq")],
        ),
    ]
    assert len(merge_facts(facts).deadlines) == 2


def test_troops_of_two_countries_are_no_conflict() -> None:
    facts = [
        ArticleFacts(article_id="a", figures=[_figure("a", 900, "US troops in Syria", "Syria")]),
        ArticleFacts(
            article_id="b", figures=[_figure("b", 3000, "Russian troops in Syria", "Syria")]
        ),
    ]
    merged = merge_facts(facts)
    assert merged.conflicts == [] and len(merged.figures) == 2


def test_a_moved_deadline_is_a_conflict() -> None:
    facts = [
        ArticleFacts(
            article_id="a", deadlines=[_deadline("a", "2025-09", "the new bridge opens", "Jordan")]
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[_deadline("b", "2025-12", "the opening of the new bridge", "Jordan")],
        ),
    ]
    merged = merge_facts(facts)
    [conflict] = merged.conflicts
    assert conflict.kind == "deadline"
    assert sorted(v.date or "" for v in conflict.values) == ["2025-09", "2025-12"]


def test_a_value_changes_with_the_item_most_about_it() -> None:
    # Two articles each give a running total and a week's count of one outbreak: the totals
    # are one change and the weekly counts another, whatever order the items come in.
    def fig(article: str, value: float, subject: str) -> Figure:
        return Figure(
            value=value, unit="injuries", approx="exact", subject=subject, place="Sudan",
            subject_ar=subject, text=Bilingual(en=subject, ar=subject), sources=[_src(article)],
        )  # fmt: skip

    week, total = "إصابات جديدة خلال الأسبوع بالوباء", "إجمالي عدد الإصابات بالوباء منذ إعلانه"
    facts = [
        ArticleFacts(article_id="a", figures=[fig("a", 1575, week), fig("a", 101450, total)]),
        ArticleFacts(article_id="b", figures=[fig("b", 102831, total), fig("b", 1210, week)]),
    ]
    merged = merge_facts(facts)
    changes = sorted(sorted(v.value or 0 for v in c.values) for c in merged.conflicts)
    assert changes == [[1210, 1575], [101450, 102831]]
