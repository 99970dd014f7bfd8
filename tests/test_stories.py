"""Stories: grouping a batch's articles, titles and leads from verified items only, and what
comes next relative to the brief's date (library and CLI, the model behind the loopback server)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from fake_llm import FakeLLM
from helpers import A1, B2, ROOT, run_cli

from summarizer.clean import clean_article
from summarizer.evaluation.stories import adjusted_rand_index
from summarizer.models import (
    Article,
    ArticleReport,
    Bilingual,
    Brief,
    Deadline,
    Event,
    Figure,
    Meta,
    Source,
)
from summarizer.stories import (
    LeadPart,
    add_stories,
    check_as_of,
    compose_lead,
    group_articles,
    lead_problems,
    period,
    stopwords,
    what_comes_next,
)

# The shared dev set (read in place, never copied here): ../shared, or SUMMARIZER_SHARED.
DEV = Path(os.environ.get("SUMMARIZER_SHARED", ROOT.parent / "shared")) / "eval" / "dev"
SEEDS = ROOT / "seeds"

# Invented articles on three unrelated developments (no article's words).
FLOOD_1 = (
    "غمرت مياه الفيضانات قرى وادي النهر بعد أمطار غزيرة استمرت ثلاثة أيام، "
    "وأعلن الدفاع المدني إجلاء 1200 أسرة من القرى المنكوبة إلى مدارس المدينة.\n"
    "وقال محافظ الوادي إن فرق الإنقاذ تواصل البحث عن المفقودين في القرى الغارقة."
)
FLOOD_2 = (
    "ارتفع عدد الأسر التي أجلاها الدفاع المدني من قرى وادي النهر إلى 1500 أسرة مع استمرار "
    "الفيضانات، فيما حذر المحافظ من أمطار غزيرة جديدة على الوادي.\n"
    "وأضاف أن مدارس المدينة تستقبل الأسر المنكوبة حتى انحسار المياه عن القرى."
)
CHESS_1 = (
    "توج لاعب الشطرنج الشاب ببطولة القارة بعد فوزه في الجولة الأخيرة على حامل اللقب، "
    "ليحجز مقعده في بطولة العالم للشطرنج المقررة في الربيع.\n"
    "وقال اتحاد الشطرنج إن اللاعب حقق سبعة انتصارات في تسع جولات."
)
CHESS_2 = (
    "احتفل اتحاد الشطرنج بتتويج لاعبه الشاب ببطولة القارة، وأكد أن استعداداته لبطولة العالم "
    "للشطرنج تبدأ الشهر المقبل.\n"
    "وكان اللاعب قد فاز في الجولة الأخيرة على حامل اللقب بعد مباراة طويلة."
)
TELESCOPE = (
    "أطلقت وكالة الفضاء مرصدا جديدا إلى مدار حول الشمس لرصد العواصف الشمسية، "
    "ويحمل المرصد أجهزة لقياس الرياح الشمسية والحقول المغناطيسية."
)


def _brief(texts: dict[str, str], **items: object) -> Brief:
    return Brief(
        articles=[ArticleReport(id=i, title=f"عنوان {i}") for i in texts],
        summary=Bilingual(en="", ar=""),
        meta=Meta(model="m", backend="endpoint", prompt_version="p"),
        texts=texts,
        **items,  # type: ignore[arg-type]
    )


def _source(article_id: str, quote: str) -> Source:
    return Source(article_id=article_id, quote=quote, start=0, end=len(quote))


def test_articles_on_different_developments_make_different_stories() -> None:
    brief = _brief({"f1": FLOOD_1, "c1": CHESS_1, "f2": FLOOD_2, "c2": CHESS_2, "t": TELESCOPE})
    assert group_articles(brief) == [["f1", "f2"], ["c1", "c2"], ["t"]]


def test_seeds_are_one_story() -> None:
    texts = {
        p.stem: clean_article(Article(id=p.stem, text=p.read_text(encoding="utf-8"))).text
        for p in sorted(SEEDS.glob("*.txt"))
    }
    assert len(texts) == 5
    assert group_articles(_brief(texts)) == [list(texts)]


@pytest.mark.skipif(not (DEV / "dev.gold.json").is_file(), reason="no ../shared/eval/dev")
def test_dev_articles_group_like_the_gold_stories() -> None:
    gold = json.loads((DEV / "dev.gold.json").read_text(encoding="utf-8"))
    label = {a: s["name"] for s in gold["stories"] for a in s["articles"]}
    texts = {
        p.stem: clean_article(Article(id=p.stem, text=p.read_text(encoding="utf-8"))).text
        for p in sorted((DEV / "articles").glob("*.txt"))
    }
    groups = group_articles(_brief(texts))
    found = {a: k for k, g in enumerate(groups) for a in g}
    ids = [a for a in texts if a in label]
    assert len(ids) >= 20
    assert adjusted_rand_index([label[a] for a in ids], [found[a] for a in ids]) >= 0.9


FLOOD_QUOTE = "أعلن الدفاع المدني إجلاء 1200 أسرة من القرى المنكوبة"


def _flood_items() -> dict[str, object]:
    evacuated = Figure(
        value=1200, unit="families", subject="evacuated families",
        text=Bilingual(en="Civil defence evacuated 1,200 families", ar="إجلاء 1200 أسرة"),
        sources=[_source("f1", FLOOD_QUOTE), _source("f2", "أجلاها الدفاع المدني")],
    )  # fmt: skip
    return {"figures": [evacuated]}


def test_story_title_and_lead_come_from_verified_items() -> None:
    brief = add_stories(
        _brief({"f1": FLOOD_1, "f2": FLOOD_2, "c1": CHESS_1, "c2": CHESS_2}, **_flood_items()),
        as_of="2025-01-01",
    )
    flood, chess = brief.stories
    assert flood.article_ids == ["f1", "f2"] and flood.item_ids == ["F1"]
    assert flood.title.en == "Civil defence evacuated 1,200 families"
    assert "Civil defence evacuated 1,200 families (2 articles)" in flood.lead.en
    assert "إجلاء 1200 أسرة" in flood.lead.ar
    assert chess.item_ids == [] and chess.title.ar == "عنوان c1"
    assert chess.lead.en == "2 articles." and chess.title.en == "Story of 2 articles"
    assert brief.lead is not None and brief.lead.en.startswith("4 articles in 2 stories.")
    # The flat lists stay, each item now with who said it.
    assert [f.model_copy(update={"said_by": None}) for f in brief.figures] == _flood_items()[
        "figures"
    ]
    assert brief.figures[0].said_by is not None
    assert brief.figures[0].said_by.ar == "الدفاع المدني"


@pytest.mark.parametrize(
    ("english", "why"),
    [
        ("Civil defence evacuated 1,900 families", "1900"),  # a number no quote has
        ("Civil defence evacuated 1,200 families in Canada", "Canada"),  # a name no quote has
    ],
)
def test_a_lead_with_an_unsupported_name_or_number_is_rejected(english: str, why: str) -> None:
    part = LeadPart(en=english, ar="إجلاء 1200 أسرة", quotes=(FLOOD_QUOTE,), value=1200)
    assert any(why in reason.replace(",", "") for reason in lead_problems(part))
    good = LeadPart(en="Civil defence evacuated 1,200 families", ar="", quotes=(FLOOD_QUOTE,))
    assert lead_problems(good) == []
    item = Figure(
        value=1200, subject="families", text=Bilingual(en=english, ar="إجلاء 1200 أسرة"),
        sources=[_source("f1", FLOOD_QUOTE)],
    )  # fmt: skip
    lead = compose_lead(1, [("F1", item)], [])
    assert lead.en == "1 article." and why not in lead.en  # says less rather than that


def _deadline(date: str, en: str, article: str = "f1") -> Deadline:
    return Deadline(
        date=date, subject=en, text=Bilingual(en=en, ar=en), sources=[_source(article, en)]
    )


def test_what_comes_next_is_nearest_first_and_marks_passed_ones() -> None:
    items = [
        ("D1", _deadline("2025-03", "a")),
        ("D2", _deadline("2024-12-31", "b")),
        ("D3", _deadline("2025-01-10", "c")),
        ("D4", _deadline("2024", "d")),
        ("D5", _deadline("2025-01", "e")),  # the month of as_of has not passed
    ]
    items.append(("E1", Event(date="2024-06-01", subject="x", text=Bilingual(en="x", ar="x"),
                              sources=[_source("f1", "x")])))  # fmt: skip
    items.append(("E2", Event(date="2025-02-01", subject="y", text=Bilingual(en="y", ar="y"),
                              sources=[_source("f1", "y")])))  # fmt: skip
    items.append(("E3", Event(date="2025-01", subject="z", text=Bilingual(en="z", ar="z"),
                              sources=[_source("f1", "z")])))  # fmt: skip  # has begun
    found = what_comes_next(items, "2025-01-05", {"D1": "S1"})  # type: ignore[arg-type]
    assert [(n.item_id, n.status) for n in found] == [
        ("D5", "upcoming"), ("D3", "upcoming"), ("E2", "upcoming"), ("D1", "upcoming"),
        ("D2", "passed"), ("D4", "passed"),
    ]  # fmt: skip
    assert found[3].story_id == "S1" and found[0].story_id is None


@pytest.mark.parametrize(
    ("iso", "span"),
    [
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025-12", ("2025-12-01", "2025-12-31")),
        ("2025-09-30", ("2025-09-30", "2025-09-30")),
        ("2025-13", None),
        ("soon", None),
    ],
)
def test_period_of_an_iso_date(iso: str, span: tuple[str, str] | None) -> None:
    got = period(iso)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat())) == span


@pytest.mark.parametrize("bad", ["2025-02-30", "2025-1-5", "tomorrow", 20250101])
def test_as_of_must_be_a_day(bad: object) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        check_as_of(bad)
    assert check_as_of("2025-02-28") == "2025-02-28" and check_as_of(None) is None


def test_stopwords_load_and_are_valid() -> None:
    words = stopwords()
    assert len(words) > 100 and all(w and " " not in w for w in words)


def _articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a1.txt").write_text(A1, encoding="utf-8")
    (folder / "b2.txt").write_text(B2, encoding="utf-8")
    return folder


def test_cli_as_of_dates_what_comes_next(fake_llm: FakeLLM, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = run_cli(
        "brief", str(_articles(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
        "--as-of", "2026-01-15", "-o", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["as_of"] == "2026-01-15"
    assert {a for s in data["stories"] for a in s["article_ids"]} == {"a1", "b2"}
    statuses = {n["date"][:4]: n["status"] for n in data["next"]}
    assert statuses.get("2025") in (None, "passed") and statuses.get("2026") in (None, "upcoming")
    assert data["next"], "the sample articles have deadlines"


def test_cli_refuses_an_as_of_that_is_not_a_date(fake_llm: FakeLLM, tmp_path: Path) -> None:
    result = run_cli(
        "brief", str(_articles(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
        "--as-of", "next week",
    )  # fmt: skip
    assert (
        result.returncode == 2 and "--as-of" in result.stderr and "Traceback" not in result.stderr
    )
    assert not fake_llm.requests


def _storied() -> Brief:
    texts = {"f1": FLOOD_1, "f2": FLOOD_2, "c1": CHESS_1, "c2": CHESS_2}
    items = _flood_items()
    items["deadlines"] = [
        _deadline("2024-11", "Schools host families until November 2024", "f2"),
        _deadline("2025-04", "The world championship is in April 2025", "c1"),
    ]
    return add_stories(_brief(texts, **items), as_of="2025-01-01")


def test_markdown_puts_lead_and_what_comes_next_before_story_sections() -> None:
    brief = _storied()
    english, arabic = brief.to_markdown().split('<div dir="rtl" lang="ar">')
    heads = [line for line in english.splitlines() if line.startswith("## ")]
    assert heads[:3] == ["## Lead", "## What comes next (as of 1 January 2025)", "## Stories"]
    assert "## Deadlines" not in heads  # the items are under their stories
    assert "### S1 · Civil defence evacuated 1,200 families" in english
    assert "### S2 · " in english and brief.stories[0].lead.en in english
    nxt = english.split("## What comes next")[1].split("## Stories")[0]
    assert nxt.index("April 2025** — upcoming") < nxt.index("November 2024** — passed")
    assert "## الخلاصة" in arabic and "## القصص" in arabic and "انقضى" in arabic


def test_html_has_story_sections_lead_and_next_under_the_same_policy() -> None:
    page = _storied().to_html()
    for lang in ("en", "ar"):
        assert f'id="story-{lang}-S1"' in page and f'id="story-{lang}-S2"' in page
        assert page.index('class="summary lead"') < page.index('class="next"')
        assert f'href="#story-{lang}-S2"' in page  # what comes next links to its story
    assert 'class="item next-item passed"' in page and "انقضى" in page
    assert page.count("<script") == 2  # the JSON island and the one inline script
    assert "http" not in page.split("<body", 1)[1].split("<script", 1)[0]


def test_a_large_batch_is_grouped_by_strong_links_like_a_small_one() -> None:
    brief = _brief({"f1": FLOOD_1, "c1": CHESS_1, "f2": FLOOD_2, "c2": CHESS_2, "t": TELESCOPE})
    exact = group_articles(brief)
    assert group_articles(brief, exact_up_to=0) == exact == [["f1", "f2"], ["c1", "c2"], ["t"]]
