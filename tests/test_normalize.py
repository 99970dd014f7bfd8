"""Tests of the deterministic date/number normalizer (``summarizer.normalize``)."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
from normalize_cases import ALL_CASES, Case

from summarizer.api import article_report
from summarizer.clean import clean_article
from summarizer.models import Article, Bilingual, Brief, Mention, Meta
from summarizer.normalize import detect_metadata, find_mentions, infer_published
from summarizer.render import render_markdown

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _matches(mention: Mention, expected: dict[str, Any]) -> bool:
    return all(getattr(mention, key) == value for key, value in expected.items())


def _describe(mentions: list[Mention]) -> str:
    return "\n".join(
        f"{m.id} {m.kind} {m.text!r} date={m.date} q={m.qualifier} rel={m.relative} "
        f"value={m.value} max={m.value_max} unit={m.unit} approx={m.approx}"
        for m in mentions
    )


def _check_invariants(text: str, mentions: list[Mention]) -> None:
    assert [m.id for m in mentions] == [f"M{n}" for n in range(1, len(mentions) + 1)]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.text == m.text.strip()
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start, "mentions overlap"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    ALL_CASES,
    ids=[f"{n:03d}" for n in range(len(ALL_CASES))],
)
def test_case(text: str, published: str | None, expected: list[dict[str, Any]]) -> None:
    mentions = find_mentions(text, published)
    _check_invariants(text, mentions)
    assert len(mentions) == len(expected), _describe(mentions)
    for mention, want in zip(mentions, expected, strict=True):
        assert _matches(mention, want), f"want {want}\ngot\n{_describe(mentions)}"


def test_there_are_enough_cases() -> None:
    assert len(ALL_CASES) >= 150
    negatives: list[Case] = [case for case in ALL_CASES if not case[2]]
    assert len(negatives) >= 20


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_invariants(prefix: str) -> None:
    text = _seed(prefix)
    published, _ = detect_metadata(text)
    for pub in (None, published, "2024-10-26"):
        _check_invariants(text, find_mentions(text, pub))


def _find(mentions: list[Mention], **fields: Any) -> Mention:
    for m in mentions:
        if _matches(m, fields):
            return m
    raise AssertionError(f"no mention with {fields}\n{_describe(mentions)}")


def test_seed_000_deadlines_and_troops() -> None:
    mentions = find_mentions(_seed("000"))
    _find(mentions, text="حتى أيلول 2026 على الأقل", date="2026-09", qualifier="at least until")
    _find(mentions, text="بحلول أيلول 2025", date="2025-09", qualifier="by")
    _find(mentions, date="2025-09", qualifier="no later than the end of")
    _find(mentions, text="27 أيلول الماضي", date=None)
    _find(mentions, value=900.0, unit="troops", approx="about")
    _find(mentions, value=12.0, unit="months", qualifier="within")
    resolved = find_mentions(_seed("000"), "2024-10-15")
    _find(resolved, text="27 أيلول الماضي", date="2024-09-27", relative=True)


def test_seed_001_figures_and_relative() -> None:
    mentions = find_mentions(_seed("001"))
    _find(mentions, value=2500.0, unit="troops", approx="about")
    _find(mentions, date="2025-09", qualifier="no later than the end of")
    _find(mentions, date="2026-12", qualifier="by the end of")
    _find(mentions, text="نوفمبر المقبل", date=None)
    assert not any(m.text == "اليوم" for m in mentions), "«العرب اليوم» is a name"
    resolved = find_mentions(_seed("001"), "2024-09-27")
    _find(resolved, text="نوفمبر المقبل", date="2024-11")
    _find(resolved, text="الجمعة", date="2024-09-27")


def test_seed_002_resolved_against_publication() -> None:
    text = _seed("002")
    published, source = detect_metadata(text)
    assert (published, source) == ("2024-10-26", "البوابة نيوز")
    mentions = find_mentions(text, published)
    _find(mentions, text="بحلول سبتمبر عام ٢٠٢٥", date="2025-09", qualifier="by")
    _find(mentions, text="١١ أكتوبر الجارى", date="2024-10-11")
    _find(mentions, text="أبريل الماضي", date="2024-04")
    _find(mentions, value=35.0, unit="members", approx="at least")
    _find(mentions, text="قبل ١٠ سنوات", date="2014", value=10.0, unit="years")
    _find(mentions, text="الـ ٥٥ كيلو", value=55.0, unit="km")
    _find(mentions, value=1900.0, unit="troops", approx="more than")
    assert not any(m.text.startswith("#") or "pic.twitter" in m.text for m in mentions)


def test_seed_003_and_004() -> None:
    mentions = find_mentions(_seed("003"), "2024-03-02")
    _find(mentions, text="منتصف شباط فبراير", date="2024-02")
    _find(mentions, value=40000.0, unit="km2", approx="about")
    mentions = find_mentions(_seed("004"), "2025-10-01")
    _find(mentions, value=2000.0, unit="troops", approx="less than")
    _find(mentions, value=2500.0, unit="troops", approx="about")
    _find(mentions, value=900.0, unit="troops", approx="more than")
    _find(mentions, text="العام 2014", date="2014")
    _find(mentions, text="العام الماضي", date="2024")


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", (None, "موقع تلفزيون سوريا")),
        ("001", (None, "العرب اليوم")),
        ("002", ("2024-10-26", "البوابة نيوز")),
        ("003", ("2024-03-02", "وكالة الصحافة المستقلة")),
        ("004", ("2025-10-01", "نيوزاليست")),
    ],
)
def test_detect_metadata_on_seeds(prefix: str, expected: tuple[str | None, str | None]) -> None:
    assert detect_metadata(_seed(prefix)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عنوان الخبر\nتاريخ النشر: 26th, October 2024 GMT\nنص الخبر", ("2024-10-26", None)),
        ("الأربعاء، 1 أكتوبر 2025\nأعلنت الوزارة في 5 أيلول 2025 خطتها.", ("2025-10-01", None)),
        ("مارس 2, 2024آخر تحديث: مارس 2, 2024\nنص", ("2024-03-02", None)),
        ("نُشر في: 12/05/2024 - 14:30\nالمصدر: رويترز", ("2024-05-12", "رويترز")),
        (
            "بيروت - «الشرق الأوسط»\nأعلنت الحكومة في 5 أيلول 2025 خطتها الجديدة للإصلاح.",
            (None, "الشرق الأوسط"),
        ),
        (
            "أعلنت الحكومة اللبنانية في 5 أيلول 2025 خطتها الجديدة للإصلاح المالي والاقتصادي.",
            (None, None),
        ),
        ("", (None, None)),
    ],
)
def test_detect_metadata_headers(text: str, expected: tuple[str | None, str | None]) -> None:
    assert detect_metadata(text) == expected


def test_no_published_date_leaves_relative_unresolved() -> None:
    for text in ("أمس", "الشهر المقبل", "العام الماضي", "الخميس المقبل", "منذ ثلاثة أيام"):
        (mention,) = find_mentions(f"وقال الوزير {text} إن الوضع مستقر.")
        assert mention.kind == "date" and mention.date is None and not mention.relative


def test_date_never_more_precise_than_text() -> None:
    for text, precision in (("أيلول 2025", 7), ("عام 2025", 4), ("منتصف آذار 2024", 7)):
        (mention,) = find_mentions(f"وقال إن ذلك سيحدث {text}.", "2024-10-26")
        assert mention.date is not None and len(mention.date) == precision


def test_bad_published_value_is_ignored() -> None:
    (mention,) = find_mentions("وصل الوفد أمس.", "not a date")
    assert mention.date is None




@pytest.mark.parametrize(
    ("text", "published"),
    [
        # a full date the body writes with its weekday: the day of the news
        ("وخسر الفريق، الخميس 5 حزيران 2025، في مباراته أمام ضيفه", "2025-06-05"),
        ("وقالت الوزارة يوم الاثنين 3 مارس 2031 إن العمل بدأ، وكان قد توقف في 12 يناير 2031",
         "2031-03-03"),
        # the latest of two
        ("وصل الوفد السبت 1 شباط 2025 وغادر الثلاثاء 4 شباط 2025", "2025-02-04"),
        # a weekday that is not the date's (a misprinted year), a date without one, a deadline
        ("ويدخل الاتفاق حيز التنفيذ اليوم الأحد 19 جانفي 2024", None),
        ("وأعلنت المحكمة النتائج بتاريخ 7 سبتمبر 2024", None),
        ("ويستمر العمل حتى الخميس 5 حزيران 2025", None),
    ],
)  # fmt: skip
def test_a_publication_date_is_inferred_from_a_date_written_with_its_weekday(
    text: str, published: str | None
) -> None:
    assert infer_published(text) == published


def test_an_inferred_publication_date_is_the_reports_and_is_marked() -> None:
    text = "وخسر الفريق، الخميس 5 حزيران 2025، في مباراته أمام ضيفه، ويلعب مباراته المقبلة غدا."
    report = article_report(clean_article(Article(id="a", text=text)))
    assert (report.published, report.published_inferred) == ("2025-06-05", True)
    meta = Meta(model="m", backend="b", prompt_version="0")
    brief = Brief(articles=[report], summary=Bilingual(en="-", ar="-"), meta=meta)
    assert "5 June 2025 (inferred from the text)" in render_markdown(brief, "en")
    given = article_report(clean_article(Article(id="b", text=text, published="2025-06-06")))
    assert (given.published, given.published_inferred) == ("2025-06-06", False)
