"""Each English content word of a line must gloss an Arabic word of its quote."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from summarizer.gloss import Lexicon, lexicon, unsupported_words, word_problems

needs_lexicon = pytest.mark.skipif(lexicon() is None, reason="the lexicon extra is not installed")

# (English, Arabic quote): faithful renderings, in several registers and word orders.
SUPPORTED = [
    (
        "The ministry said 40 people were injured in the city",
        "وقالت الوزارة إن 40 شخصا أصيبوا في المدينة",
    ),
    ("The government raised fuel prices", "رفعت الحكومة أسعار الوقود"),
    ("Voters head to the ballot boxes on Saturday", "يتوجه الناخبون إلى صناديق الاقتراع يوم السبت"),
    ("The army withdrew from the city", "انسحب الجيش من المدينة"),
    ("The committee announced the final results", "أعلنت اللجنة النتائج النهائية"),
    ("Refugees returned to their villages", "عاد اللاجئون إلى قراهم"),
    ("The earthquake killed 300 people", "قتل الزلزال 300 شخص"),
    ("The budget deficit rose", "ارتفع عجز الميزانية"),
]

# (English, Arabic quote, a word the quote does not say): a small model's typical slips.
UNSUPPORTED = [
    ("The team won the match", "خسر الفريق المباراة", "won"),
    ("A fire broke out in the market", "ارتفعت الأسعار في السوق", "fire"),
    ("The embassy was evacuated", "نفت السفارة التقارير", "evacuated"),
    ("Prices of bread fell", "ارتفعت أسعار الخبز", "fell"),
    ("Rebels took control of the airport", "زار الوزير المطار", "rebels"),
]


@needs_lexicon
@pytest.mark.parametrize(("english", "arabic"), SUPPORTED)
def test_a_faithful_line_is_supported(english: str, arabic: str) -> None:
    assert word_problems(english, [arabic]) == [], unsupported_words(english, [arabic])


@needs_lexicon
@pytest.mark.parametrize(("english", "arabic", "word"), UNSUPPORTED)
def test_a_word_the_quote_does_not_say_is_refused(english: str, arabic: str, word: str) -> None:
    assert word in unsupported_words(english, [arabic])
    assert word_problems(english, [arabic])


@needs_lexicon
def test_the_codes_own_words_and_names_need_no_gloss() -> None:
    quote = "وصل عدد اللاجئين في الأردن إلى نحو 200 ألف"
    assert unsupported_words("Refugees in Jordan: about 200,000 refugees", [quote]) == []
    # Words the normalizer wrote (a date, a unit) are given, not glossed.
    assert unsupported_words("Talks resume by September 2025", ["تستأنف المحادثات"]) == []
    assert unsupported_words("Talks resume at least until", ["تستأنف المحادثات"]) == []
    assert "killed" not in unsupported_words("8 killed", ["ثمانية"], given="8 killed")


def test_without_a_lexicon_nothing_is_supported(tmp_path: Path) -> None:
    empty = Lexicon({}, frozenset(), frozenset())
    assert len(empty) == 0 and empty.senses("المدينة") == frozenset()


def test_the_lexicon_reads_its_three_files(tmp_path: Path) -> None:
    (tmp_path / "dictStems").write_text(
        ";; comment\nmdyn\tmadiyn\tN\tcity;town\n", encoding="latin-1"
    )
    (tmp_path / "dictPrefixes").write_text("Al\tAl\tDet\tthe\n", encoding="latin-1")
    (tmp_path / "dictSuffixes").write_text("p\tap\tNSuff\t[fem.sg.]\n", encoding="latin-1")
    found = Lexicon.from_folder(tmp_path)
    assert {"citi", "town"} <= found.senses("المدينة")
    assert found.senses("مدينة") and not found.senses("قرية")


def test_the_gloss_data_file_is_well_formed() -> None:
    raw = json.loads(resources.files("summarizer.data").joinpath("gloss.json").read_text("utf-8"))
    assert set(raw) == {
        "about", "buckwalter", "stem_variants", "english_function_words", "english_synonyms",
    }  # fmt: skip
    assert all(len(k) == 1 and "\u0621" <= k <= "\u0671" for k in raw["buckwalter"])
    assert all(len(pair) == 2 for pair in raw["stem_variants"])
    words = raw["english_function_words"]
    assert words == [w.lower() for w in words] and len(words) == len(set(words))
    assert all(
        len(group) >= 2 and all(" " not in w for w in group) for group in raw["english_synonyms"]
    )
    # A synonym group must never join a word with its opposite.
    opposites = [("win", "lose"), ("rise", "fall"), ("begin", "end"), ("confirm", "deny")]
    for group in raw["english_synonyms"]:
        for a, b in opposites:
            assert not (a in group and b in group), group
