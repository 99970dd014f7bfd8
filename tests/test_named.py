"""Names an Arabic text gives (places, countries, nisba adjectives) and where the brief shows
them: a figure's key words and what a statement is about. Every sentence is written for the
test (no article's words)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from summarizer.compose import facts_from_picks
from summarizer.compose.lines import dates_in_clause, forecasts, key_words
from summarizer.faithful import polarity_problems
from summarizer.models import Article, CleanArticle, Extraction, Source
from summarizer.names import territories_arabic
from summarizer.normalize import find_mentions
from summarizer.normalize.named import country_of_adjective, names_in, numbered_names
from summarizer.normalize.since import counted_since

NAMES = [
    # (text, the names' English in order, their words as written)
    ("تصدرت البرازيل المجموعة بفارق نقطتين عن الأرجنتين", ["Brazil", "Argentina"],
     ["البرازيل", "الأرجنتين"]),
    ("وزار الوفد كوريا الجنوبية ثم جنوب أفريقيا", ["South Korea", "South Africa"],
     ["كوريا الجنوبية", "جنوب أفريقيا"]),
    ("وفاز المنتخب المغربي على ضيفه الكوري الشمالي", ["Morocco", "North Korea"],
     ["المغربي", "الكوري الشمالي"]),
    ("وأعلنت تونس وليبيا وللجزائر", ["Tunisia", "Libya", "Algeria"],
     ["تونس", "وليبيا", "وللجزائر"]),
    ("وتقع سلطنة عمان جنوب شرق الجزيرة", ["Oman"], ["سلطنة عمان"]),
    # homographs of common words, and a name that is two names without vowel marks
    ("وقدمت الوزارة دعما ماليا بقيمة مليون دينار لبنين فقراء", [], []),
    ("وصل الوفد إلى عمان مساء أمس", [], []),
    ("والتقى الوزير نظيره العماني، وأقر العجز المالي", ["Oman"], ["العماني"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "english", "written"), NAMES)
def test_the_names_a_text_gives(text: str, english: list[str], written: list[str]) -> None:
    found = names_in(text)
    assert [n.english for n in found] == english
    assert [text[n.start : n.end] for n in found] == written


@pytest.mark.parametrize(
    ("word", "country"),
    [("العراقي", "Iraq"), ("الأردنية", "Jordan"), ("السودانيين", "Sudan"), ("الليبي", "Libya"),
     ("السعودية", "Saudi Arabia"), ("الأمريكي", "United States"), ("الدولي", None),
     ("العربية", None), ("الوطني", None),
     # a homograph territory by its nisba only where that is no common word (homograph_nisbas)
     ("العماني", "Oman"), ("العمانية", "Oman"), ("المالي", None), ("المالية", None)],
)  # fmt: skip
def test_the_country_of_a_nisba_adjective(word: str, country: str | None) -> None:
    assert country_of_adjective(word) == country


def test_a_figure_names_the_other_countries_of_its_clause() -> None:
    quote = "وتصدرت البرازيل المجموعة برصيد 17 نقطة متقدمة على الأرجنتين"
    source = Source(article_id="a", quote=quote, start=0, end=len(quote))
    words = key_words([], "17 نقطة", source, "Brazil")
    assert "Argentina" in words and "Brazil" not in words


def _event_line(text: str) -> str:
    """The English of the one event by rule of ``text`` (no model picks)."""
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    facts = facts_from_picks(clean, Extraction(article_id="a"), find_mentions(text, None), None)
    [event] = facts.events
    return event.text.en


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("وأعلنت الحكومة أمس إرسال مساعدات إلى السودان وتشاد.\n",
         "The government announced (Sudan, Chad, sending, assistance)"),
        # «دون» (without) belongs to what was said: "announced" is still true, and so are the
        # words before the negation; what it negates («زيادة») is not named.
        ("وأعلنت الحكومة أمس تمديد العقد مع الأردن دون زيادة في الرسوم.\n",
         "The government announced (Jordan, extension)"),
        # a name after the negation would be read with it: the line says only who did what
        ("وأعلنت الحكومة أمس تمديد العقد دون زيادة مع الأردن.\n",
         "The government announced"),
        # an «according to» aside after the subject is no part of what was said
        ("وأكدت الوزارة، بحسب ما أوردته الصحيفة، أنها خفضت سعر الخبز.\n",
         "The ministry affirmed (lower, bread)"),
    ],
)  # fmt: skip
def test_a_statement_event_names_the_places_of_what_was_said(text: str, line: str) -> None:
    assert _event_line(text) == line


def test_an_elided_subject_is_not_held_to_the_negation_of_the_clause_between() -> None:
    # «غير مسبوق» belongs to the opening clause; the line renders «منتخب تونس … تأهل»
    text = "حقق منتخب تونس فوزا غير مسبوق، حيث تأهل إلى الدور النهائي.\n"
    assert _event_line(text).startswith("Tunisia qualified")


def test_a_country_name_is_no_negation() -> None:
    # "United" is no "un-" word: a negated clause still needs its negation in the English.
    arabic = "ونفت الولايات المتحدة التقارير"
    assert polarity_problems("The United States confirmed the reports", arabic)
    assert not polarity_problems("The United States denied the reports", arabic)


def test_each_homograph_is_a_name_of_the_table() -> None:
    # An entry that names no territory would guard nothing: a typo, or CLDR renamed it.
    raw = resources.files("summarizer").joinpath("data", "lexicon.json").read_text("utf-8")
    homographs = json.loads(raw)["territory_homographs"]
    assert homographs and set(homographs) <= set(territories_arabic())


def _source(quote: str) -> Source:
    return Source(article_id="a", quote=quote, start=0, end=len(quote))


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("وبلغ سعر الطراز 320 المعروض 90 دولارا", [320]),
        ("وارتفع سعر بنزين 91 ليصل إلى 3 دنانير", [91]),
        ("ووفق المادة 76 من الدستور", [76]),
        # counts, parts of a number, a day before its month and a year name nothing
        ("وأصبح عدد الإصابات 12 ألفا و300، بينها 45 وفاة", []),
        ("برصيد 21 نقطة في المجموعة", []),
        ("وسجلت الأسعار حتى اليوم 9 مايو 2024", []),
    ],
)
def test_numbers_that_name_what_they_stand_beside(text: str, numbered: list[int]) -> None:
    assert [n.number for n in numbered_names(text)] == numbered


def test_a_figure_names_the_numbered_thing_of_its_clause() -> None:
    quote = "وسجل بنزين 91 في المحطات الجديدة 3.5 دينار للتر"
    words = key_words([], "3.5 دينار", _source(quote), None)
    assert "gasoline 91" in words and "3.5" not in words
    # After the model's words for what the value is, the number still tells which one.
    words = key_words(["price of gasoline"], "3.5 دينار", _source(quote), None)
    assert "price of gasoline" in words and "gasoline 91" in words


@pytest.mark.parametrize(
    ("quote", "anchor", "expected"),
    [
        ("وتوقعت الوزارة ارتفاع أعداد الزوار إلى 500 ألف زائر", "500 ألف زائر", True),
        ("ومن المتوقع أن تنتهي الأعمال بنهاية العام", "بنهاية العام", True),
        # a forecast of another clause, or after the value, says nothing of it
        ("وبلغ عدد الزوار 500 ألف زائر، وتوقعت الوزارة المزيد", "500 ألف زائر", False),
        ("وبلغ عدد الزوار 500 ألف زائر", "500 ألف زائر", False),
    ],
)
def test_a_forecast_is_said_to_be_expected(quote: str, anchor: str, expected: bool) -> None:
    assert forecasts(quote, anchor) is expected
    assert ("expected" in key_words([], anchor, _source(quote), None)) is expected


def test_a_count_of_people_says_what_happened_to_them() -> None:
    quote = "وأدى القصف الليلي إلى مقتل 12 مدنيا على الأقل"
    assert "killed" in key_words([], "12 مدنيا", _source(quote), None)
    calm = "ووصل إلى البلدة 12 مدنيا على الأقل"
    assert "killed" not in key_words([], "12 مدنيا", _source(calm), None)


def test_the_noun_of_another_count_is_no_key_word_of_a_figure() -> None:
    # «قتيل» counts the 7,000; the 40,000 were displaced, not killed.
    quote = "وخلفت المعارك أكثر من 7 آلاف قتيل ونحو 40 ألف نازح في الإقليم"
    words = key_words([], "نحو 40 ألف نازح", _source(quote), None, unit="displaced")
    assert "killed" not in words
    # Nor is the noun of a percentage before it: 60 % are the wounded, not the killed.
    shares = "وبلغت نسبة القتلى بينهم 40 في المائة قتلى و60 في المائة جرحى"
    assert "killed" not in key_words([], "60 في المائة", _source(shares), None, unit="%")
    split = "وتوزع الناخبون على 45 بالمائة نساء و55 بالمائة رجال"
    assert "women" not in key_words([], "55 بالمائة", _source(split), None, unit="%")
    # A date keeps it: «رهائن» is what is due on that day.
    dated = "وستفرج الحركة عن أربع رهائن غدا"
    assert "hostages" in key_words([], "غدا", _source(dated), None)


@pytest.mark.parametrize(
    ("quote", "anchor", "rate"),
    [
        ("ودفعت الشركة 5 دنانير مقابل كل برميل", "5 دنانير", "for each barrel"),
        ("وصرفت الوزارة منحة قدرها 500 دينار لكل طالب", "500 دينار", "for each student"),
        ("وتحصل 300 دولار شهريا عن كل لاجئ مسجل", "300 دولار", "for each refugee"),
        ("ووزعت البلدية 1200 طرد غذائي على الأسر", "1200 طرد", None),
        ("ووزعت 50 خيمة، ولكل عائلة بطانية", "50 خيمة", None),  # another clause's
    ],
)  # fmt: skip
def test_a_figure_says_what_it_is_a_rate_of(quote: str, anchor: str, rate: str | None) -> None:
    words = key_words([], anchor, _source(quote), None, unit="units")
    assert (rate is not None and rate in words) or (rate is None and "for each" not in words)


@pytest.mark.parametrize(
    ("quote", "date", "since"),
    [
        ("وبلغت الإصابات 40 وفاة منذ ظهور المرض في مارس 2023", "مارس 2023", True),
        ("وعاد 90 ألف لاجئ منذ 3 شباط 2024", "3 شباط 2024", True),
        ("وبلغت 40 وفاة منذ الإعلان عن ظهور المرض في مارس 2023", "مارس 2023", True),
        ("وعاد 7 آلاف لاجئ في تشرين الأول 2025", "تشرين الأول 2025", False),
        ("وانخفض العدد منذ عام 2011 حتى أيار 2025", "أيار 2025", False),
        ("ومنذ سنوات والعدد يرتفع، ففي مارس 2025 بلغ 300", "مارس 2025", False),
    ],
)  # fmt: skip
def test_a_date_after_since_is_where_the_count_starts(quote: str, date: str, since: bool) -> None:
    assert counted_since(quote, quote.index(date)) is since


def test_what_happened_stands_right_before_the_count() -> None:
    # «إصابة» is what the 900 cases are, not what happened to the 12 who died among them.
    quote = "وسجلت الوزارة 900 إصابة جديدة بالحمى، بينها 12 وفاة"
    assert "wounded" not in key_words([], "12 وفاة", _source(quote), None, unit="deaths")
    counted = "وأعلنت الوزارة أن عدد الإصابات 900"
    assert "wounded" not in key_words([], "900", _source(counted), None, unit="injuries")


def test_a_deadline_says_what_happens_by_it() -> None:
    quote = "وقال المسؤول إن انسحاب القوات من المدينة سيتم بحلول آذار 2027"
    assert key_words([], "بحلول آذار 2027", _source(quote), None).startswith(" (withdraws")
    meeting = "ويعقد المؤتمر السنوي بحلول آذار 2027"
    assert "withdraws" not in key_words([], "بحلول آذار 2027", _source(meeting), None)


def test_key_words_are_read_where_the_mention_stands() -> None:
    # «الليلة» twice: the deadline is the second, the meeting's.
    quote = "والليلة احتفل الجمهور بالفوز، ومن المقرر أن يعقد المجلس اجتماعا الليلة"
    at = quote.rindex("الليلة")
    assert "meeting" in key_words([], "الليلة", _source(quote), None, at=at)
    assert "meeting" not in key_words([], "الليلة", _source(quote), None)  # the first one


@pytest.mark.parametrize(
    ("quote", "anchor", "since"),
    [
        # a clause that opens with «وذلك» says from when all before it in its sentence counts
        ("وبلغ عدد الإصابات 4 آلاف، بينها 90 وفاة، وذلك منذ ظهور الوباء في مارس 2023",
         "4 آلاف", "since March 2023"),
        ("وبلغ عدد الإصابات 4 آلاف، بينها 90 وفاة، وذلك منذ ظهور الوباء في مارس 2023",
         "90 وفاة", "since March 2023"),
        # but not when it names another date of another thing («في العام 2014»)
        ("ولدى البلاد نحو 500 جندي في الخارج، وذلك ضمن تحالف شكلته في العام 2014",
         "500 جندي", None),
    ],
)  # fmt: skip
def test_a_clause_of_wadhalika_says_from_when_the_values_before_it_count(
    quote: str, anchor: str, since: str | None
) -> None:
    mentions = find_mentions(quote)
    [mention] = [m for m in mentions if anchor in m.text]
    dates = dates_in_clause(mention, _source(quote), mentions)
    assert since in dates if since else not any("2014" in date for date in dates), dates
