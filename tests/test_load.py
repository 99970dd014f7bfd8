"""Loading: formats, encodings and bad input, each reported with the file (and line)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.clean import clause_around, clean_article, split_sentences
from summarizer.errors import UsageError
from summarizer.load import MAX_ARTICLE_BYTES, load_articles, load_batch
from summarizer.models import Article

ARABIC = "أعلنت وزارة الدفاع بدء تخفيض القوات في العراق بحلول أيلول 2025."


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b""),
     ("cp1256", b"")],
)  # fmt: skip
def test_encodings_are_decoded(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(prefix + ARABIC.encode(encoding))
    [article] = load_articles(path)
    assert article.text == ARABIC
    assert article.id == "x"


def test_folder_recursion_and_formats(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "sub" / "b.md").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "c.json").write_text(
        json.dumps({"id": "cj", "text": ARABIC, "title": "t", "published": "2025-10-01"}),
        encoding="utf-8",
    )
    (tmp_path / "d.jsonl").write_text(
        json.dumps({"id": "d1", "text": ARABIC})
        + "\n\n"
        + json.dumps({"text": ARABIC, "source": "S"}),
        encoding="utf-8",
    )
    html = (
        "<html><head><script>alert(1)</script></head><body><nav>الرئيسية</nav>"
        f"<article><h1>عنوان</h1><p>{ARABIC}</p><p>{ARABIC}</p></article></body></html>"
    )
    (tmp_path / "e.html").write_text(html, encoding="utf-8")
    articles = {a.id: a for a in load_articles(tmp_path)}
    assert set(articles) == {"a", "b", "cj", "d1", "d-3", "e"}
    assert articles["cj"].published == "2025-10-01"
    assert articles["d-3"].source == "S"
    assert "alert" not in articles["e"].text and "أيلول 2025" in articles["e"].text


def test_bad_inputs_are_reported_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "lines.jsonl").write_text(
        json.dumps({"text": ARABIC}) + "\n{broken\n", encoding="utf-8"
    )
    result = load_batch(tmp_path)
    assert sorted(a.id for a in result.articles) == ["good", "lines-1"]
    problems = {(Path(p.path).name, p.line): p.reason for p in result.problems}
    assert "empty article" in problems[("empty.txt", None)]
    assert "binary" in problems[("blob.txt", None)]
    assert "unsupported" in problems[("image.png", None)]
    assert "invalid JSON" in problems[("lines.jsonl", 2)]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        load_articles(tmp_path / "missing")


def test_cleaning_drops_tails_and_furniture() -> None:
    text = "\n".join([
        "تابعونا على فيسبوك",
        "عنوان الخبر",
        "تاريخ النشر: 26th, October 2024 GMT",
        ARABIC,
        "اقرأ أيضاً: عنوان خبر آخر",
        "وقال المسؤول إن نحو 900 جندي ما زالوا في سوريا.",
        "لحظات دخول الجنود pic.twitter.com/abc — قناة (@handle) December 20, 2024",
        "كلمات دلالية: العراق سوريا",
        "إقرأ أيضاً:",
        "أعاد العراق أكثر من 1900 جندي.",
    ])  # fmt: skip
    clean = clean_article(Article(id="x", text=text))
    assert "1900" not in clean.text and "pic.twitter" not in clean.text
    assert "تابعونا" not in clean.text and "تاريخ النشر" not in clean.text
    assert "عنوان خبر آخر" not in clean.text
    assert "900 جندي" in clean.text and ARABIC in clean.text
    for start, end in split_sentences(clean.text):
        assert clean.text[start:end].strip() == clean.text[start:end]


BODY = [
    "وقالت الوزارة إن أعمال الترميم في المتحف ستكتمل بحلول الصيف المقبل.",
    "وأضافت أن كلفة المشروع بلغت نحو 12 مليون دينار.",
]


@pytest.mark.parametrize(
    ("tail", "cut"),
    [
        # A block of related articles' headlines, the last one cut off mid-word.
        (["افتتاح معرض الكتاب", "فوز الفريق المحلي بالكأس بعد مباراة مثيرة / موقعنا",
          "ارتفاع أسعار الخضار 300 بالمئة خلال أسبو"], True),
        # A one-line credit or section name.
        (["وكالات"], True),
        (["Dans la même rubrique"], True),
        # A last sentence that only lacks its full stop is the article's own.
        (["وأشارت الوزارة إلى أن المتحف سيستقبل الزوار مجانا خلال أيام افتتاحه الأولى"],
         False),
        ([], False),
    ],
)  # fmt: skip
def test_a_tail_of_unpunctuated_lines_is_cut(tail: list[str], cut: bool) -> None:
    clean = clean_article(Article(id="x", text="\n".join(BODY + tail)))
    assert ("\n".join(BODY) == clean.text) is (cut or not tail)
    assert (clean.boilerplate_start == (tail[0][:60] if cut else None)) is True
    assert "12 مليون" in clean.text


def test_an_article_of_unpunctuated_lines_is_kept_whole() -> None:
    lines = ["عنوان الخبر الأول", "سطر ثان بلا نقطة", "سطر ثالث بلا نقطة"]
    assert clean_article(Article(id="x", text="\n".join(lines))).text == "\n".join(lines)


def test_seed_tails_are_cut() -> None:
    from conftest import SEEDS

    for article in load_articles(SEEDS):
        clean = clean_article(article)
        assert clean.boilerplate_start, article.id
        for leaked in ("1905", "قد يهمك", "كلمات دلالية", "المقال السابق", "pic.twitter"):
            assert leaked not in clean.text, (article.id, leaked)


# -- JSON Lines: read a line at a time, so the file may be larger than one article may be ------


def test_a_json_lines_file_over_the_file_limit_loads_line_by_line(tmp_path: Path) -> None:
    """A feed bigger than MAX_ARTICLE_BYTES loads; only its one overlong line is refused, and
    the lines after it still load with their own line numbers."""
    overlong = json.dumps({"id": "big", "text": "x" * (MAX_ARTICLE_BYTES + 10)})
    dated = json.dumps({"text": ARABIC, "published": "2025-10-01"}, ensure_ascii=False)
    lines = [json.dumps({"id": "j1", "text": ARABIC}, ensure_ascii=False), overlong, dated]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size > MAX_ARTICLE_BYTES
    result = load_batch(path)
    assert [(a.id, a.published) for a in result.articles] == [
        ("j1", None),
        ("feed-3", "2025-10-01"),
    ]
    [problem] = result.problems
    assert (problem.line, problem.severity) == (2, "error")
    assert "line too large" in problem.reason


def test_a_json_lines_file_with_damaged_bytes_is_read_whole_and_warned_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Damaged UTF-8 after good lines: the file is decoded as a whole (one warning for the
    file), and the problems of the lines read before are logged once, not twice."""
    good = json.dumps({"id": "j1", "text": ARABIC, "published": "someday"}, ensure_ascii=False)
    damaged = json.dumps({"id": "j2", "text": ARABIC}, ensure_ascii=False).encode()
    damaged = damaged.replace("العراق".encode(), "العراق".encode()[:-1] + b"\xff")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(good.encode() + b"\n" + damaged + b"\n")
    with caplog.at_level("WARNING", logger="summarizer.load"):
        result = load_batch(path)
    assert [a.id for a in result.articles] == ["j1", "j2"]
    reasons = [p.reason for p in result.problems]
    assert sum("not valid UTF-8" in r for r in reasons) == 1
    assert sum("'published'" in r for r in reasons) == 1
    assert sum("'published'" in m for m in caplog.messages) == 1


@pytest.mark.parametrize(
    ("text", "anchor", "clause"),
    [
        # A clause that opens with the value, but for one word, continues the one before it.
        ("وخسر المنتخب أمام نظيره الكوري الجنوبي، بثلاثة أهداف مقابل هدف", "بثلاثة",
         "وخسر المنتخب أمام نظيره الكوري الجنوبي، بثلاثة أهداف مقابل هدف"),
        ("وتنتهي المهمة خلال الأشهر المقبلة، وفي موعد أقصاه نهاية أيلول", "في موعد",
         "وتنتهي المهمة خلال الأشهر المقبلة، وفي موعد أقصاه نهاية أيلول"),
        # Not when the clause before has a number: that is another value's.
        ("ورفع الإنتاج 300 ألف برميل في مايو، ثم 450 ألف برميل في يونيو", "450",
         "ثم 450 ألف برميل في يونيو"),
        # A date continues a clause that counts months, not one with a year of its own.
        ("وتنتهي المهمة خلال 12 شهرا، وفي موعد أقصاه نهاية أيلول 2026",
         "موعد أقصاه نهاية أيلول 2026",
         "وتنتهي المهمة خلال 12 شهرا، وفي موعد أقصاه نهاية أيلول 2026"),
        ("وتبدأ المرحلة الأولى في آذار 2025، وفي نهاية أيلول 2026", "نهاية أيلول 2026",
         "وفي نهاية أيلول 2026"),
        ("وأغلقت الوزارة 30 مدرسة منذ ١٠ أيام، وفي ٢٠٢٦ تعيد فتحها", "٢٠٢٦",
         "وأغلقت الوزارة 30 مدرسة منذ ١٠ أيام، وفي ٢٠٢٦ تعيد فتحها"),
        # Nor when words of its own stand before the value.
        ("وصل الوفد إلى المدينة، وأعلنت الوزارة تسجيل 40 إصابة", "40",
         "وأعلنت الوزارة تسجيل 40 إصابة"),
    ],
)  # fmt: skip
def test_a_clause_that_opens_with_its_value_continues_the_one_before(
    text: str, anchor: str, clause: str
) -> None:
    at = text.index(anchor)
    assert clause_around(text, at, at + len(anchor)) == clause


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # a stop with no space before the next Arabic word still ends the sentence
        ("حتى سبتمبر 2026.وأشار البيان إلى الانتقال.",
         ["حتى سبتمبر 2026.", "وأشار البيان إلى الانتقال."]),
        ("انتهى الاجتماع.وقالت الوزارة إن", ["انتهى الاجتماع.", "وقالت الوزارة إن"]),
        ("هل انتهى الاجتماع؟وقالت الوزارة", ["هل انتهى الاجتماع؟", "وقالت الوزارة"]),
        # but not after one letter (an abbreviation) nor inside a number
        ("قال د.محمد إن الوضع جيد.", ["قال د.محمد إن الوضع جيد."]),
        ("بلغ النمو 2.5 بالمائة.", ["بلغ النمو 2.5 بالمائة."]),
    ],
)  # fmt: skip
def test_sentences_end_at_a_stop_even_with_no_space_after_it(
    text: str, sentences: list[str]
) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences
