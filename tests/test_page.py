"""Titles and outlets read from the page: headline shapes against site furniture, mastheads,
bylines and datelines (invented page headers of the usual forms), and the page word lists."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from summarizer.evaluation.stories import headline_problem, outlet_matches
from summarizer.normalize import detect_metadata, detect_title, outlet_from_url
from summarizer.normalize.page import _folded, page_words

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HEADLINE = "الحكومة تقر خطة جديدة لدعم المزارعين في المناطق الريفية"
LEDE = (
    "أعلنت وزارة الزراعة، الأحد، إطلاق برنامج لدعم صغار المزارعين بقيمة 40 مليون دولار "
    "يشمل البذور والأسمدة وقروضا ميسرة، على أن يبدأ التنفيذ مطلع الشهر المقبل في ثلاث محافظات."
)
BODY = "وقال وزير الزراعة إن البرنامج يستهدف عشرة آلاف أسرة في المرحلة الأولى من التنفيذ."


def _page(*header: str) -> str:
    return "\n".join([*header, LEDE, BODY])


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ((HEADLINE,), HEADLINE),
        (('"كن جزءا من الحدث"', HEADLINE), HEADLINE),  # a slogan in quotes
        (("الرئيسية | أخبار | اقتصاد | رياضة", HEADLINE), HEADLINE),  # a menu
        (("الرئيسية » أخبار » العالم »", HEADLINE), HEADLINE),  # a breadcrumb
        (("الأخبار", HEADLINE), HEADLINE),  # a section word
        (("الخميس 2025-03-13 09:41 م", HEADLINE), HEADLINE),  # a bare time stamp
        (("الأحد، 12-01-2025 11:05 ص", HEADLINE), HEADLINE),
        (("Publié le 12-03-2025", HEADLINE), HEADLINE),  # a stamp in French
        (("Posted in", HEADLINE), HEADLINE),
        (("تابعونا على تويتر وفيسبوك لمتابعة آخر الأخبار", HEADLINE), HEADLINE),  # a prompt
        (("حمّل تطبيقنا لتصلك أهم الأخبار أولا بأول", HEADLINE), HEADLINE),
        (("عمان ـ الرأي الجديد", HEADLINE), HEADLINE),  # a dateline
        (("مقالاتالرأيالاقتصادالرياضة أحدثالأخبارالمحلية", HEADLINE), HEADLINE),  # glued menu
    ],
)
def test_headline_is_the_first_line_that_reads_as_one(
    header: tuple[str, ...], expected: str
) -> None:
    title = detect_title(_page(*header))
    assert title == expected
    assert headline_problem(title) is None


@pytest.mark.parametrize(
    "header",
    [(), ("عمان ـ الرأي الجديد",), ('"كن جزءا من الحدث"', "الأخبار"), ("Posted in",)],
)
def test_a_page_without_headline_is_titled_by_its_lede_words(header: tuple[str, ...]) -> None:
    title = detect_title(_page(*header))
    assert title is not None and title.endswith("…")
    assert LEDE.startswith(title[:-1]) and 4 <= len(title.split()) <= 14


def test_no_text_no_title() -> None:
    assert detect_title("") is None
    assert detect_title("Posted in\n\nالأخبار") is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # a masthead under the headline, a name the article's prose never uses
        (_page(HEADLINE, "الرأي الجديد", "الأحد، 12 يناير 2025"), "الرأي الجديد"),
        (_page(HEADLINE, "نبض الشارع"), "نبض الشارع"),
        # a tag under the headline: its words are the article's subject
        (_page(HEADLINE, "دعم المزارعين"), None),
        (_page(HEADLINE, "الزراعة"), None),
        # a byline opening the lede
        ("\n".join([HEADLINE, "الرأي الإخباري- " + LEDE, BODY]), "الرأي الإخباري"),
        ("\n".join([HEADLINE, "نبض الشارع /اقتصاد/" + LEDE, BODY]), "نبض الشارع"),
        ("\n".join([HEADLINE, "المرصد/- " + LEDE, BODY]), "المرصد"),
        ("\n".join(["الرأي الجديد - متابعة", LEDE, BODY]), "الرأي الجديد"),
        # a city opening the lede is a dateline, not an outlet
        ("\n".join([HEADLINE, "القاهرة - " + LEDE, BODY]), None),
        # labelled and dateline sources still win
        ("\n".join([HEADLINE, LEDE, "المصدر: وكالة الأنباء الوطنية"]), "وكالة الأنباء الوطنية"),
        ("\n".join(["عمان ـ الرأي الجديد", LEDE]), "الرأي الجديد"),
    ],
)
def test_outlet_from_the_page(text: str, source: str | None) -> None:
    assert detect_metadata(text)[1] == source


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        ("001", "أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء المهمة"),
        ("004", "القوات الأميركية تخفض وجودها في العراق.. وتركّز على سوريا"),
    ],
)
def test_seed_titles_skip_datelines_and_slogans(prefix: str, title: str) -> None:
    text = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")
    found = detect_title(text)
    assert found is not None and found.startswith(title)
    assert headline_problem(found) is None


@pytest.mark.parametrize(
    ("gold", "source", "expected"),
    [
        ("Al-Nahar News", "النهار الإخباري", True),  # the kind of outlet is translated
        ("Al-Nahar News", "الإخباري", False),
        ("Al-Nahar News", "الرأي الإخباري", False),
        ("Al-Nahar", "النهار", True),
        ("Nahar Agency", "النهار", False),  # the kind must be there to be left out
    ],
)
def test_outlet_kind_words_are_translations(gold: str, source: str, expected: bool) -> None:
    assert outlet_matches(gold, source) is expected


def test_page_word_lists_load_and_are_valid() -> None:
    raw = resources.files("summarizer").joinpath("data", "page.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    words = page_words()
    for key in ("furniture", "sections", "outlet_words", "byline_words", "outlet_words_en"):
        assert isinstance(data[key], list) and data[key], key
        assert len(getattr(words, key)) == len(set(data[key])), f"{key}: entries fold together"
    with pytest.raises(ValueError, match="sections"):
        _folded(["ok", ""], "sections")
    with pytest.raises(ValueError, match="furniture"):
        _folded("not a list", "furniture")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.cairo24.com/2301224", "cairo24.com"),
        ("http://news.example.org/a?b=1", "news.example.org"),
        ("example.net/path", "example.net"),
        ("https://127.0.0.1/x", None),
        ("http://localhost:8000/", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_a_domain_names_its_outlet() -> None:
    assert outlet_matches("Cairo 24", outlet_from_url("https://www.cairo24.com/2301224"))
    assert not outlet_matches("Cairo 24", outlet_from_url("https://www.example.com/2301224"))
