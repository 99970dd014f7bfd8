"""Dates are shown as precisely as the article writes them; JSON keeps the normalized value."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from summarizer.compose import facts_from_picks
from summarizer.models import Article, CleanArticle, Extraction, Mention, Pick
from summarizer.normalize import find_mentions
from summarizer.normalize.formatting import mention_when
from summarizer.normalize.vocab import PART_WORDS
from summarizer.normalize.written import parse_written, written_words

PUBLISHED = "2025-10-01"

# (sentence, normalized ISO value, English cue and date, Arabic cue and date)
CASES = [
    ("وتعهدت الحكومة بإنجاز المشروع بنهاية 2026.", "2026-12", "by the end of 2026", "بنهاية 2026"),
    ("ويتعين تسليم التقرير بنهاية كانون الأول 2026.", "2026-12", "by the end of December 2026",
     "بنهاية كانون الأول/ديسمبر 2026"),
    ("على أن تكتمل المرحلة الأولى بحلول منتصف أيلول 2025.", "2025-09",
     "by mid-September 2025", "بحلول منتصف أيلول/سبتمبر 2025"),
    ("ويتوقع أن تعلن النتائج في الأسابيع المقبلة.", "2025-10", "in the coming weeks",
     "في الأسابيع المقبلة"),
    ("وسيصدر القرار خلال الأشهر القليلة القادمة.", "2025", "in the coming months",
     "في الأشهر المقبلة"),
    ("ستبدأ أعمال الصيانة مطلع العام المقبل.", "2026", "in early 2026", "في مطلع 2026"),
    ("ويستمر التمديد حتى نهاية تشرين الثاني 2025.", "2025-11",
     "until the end of November 2025", "حتى نهاية تشرين الثاني/نوفمبر 2025"),
    ("ويجب أن تغادر القوات في موعد أقصاه نهاية العام الجاري.", "2025-12",
     "no later than the end of 2025", "في موعد أقصاه نهاية 2025"),
    ("وتأمل الوزارة افتتاح الخط بحلول أواخر 2027.", "2027-12", "by the end of 2027",
     "بنهاية 2027"),
    ("وعقد الاجتماع الأول أواسط شباط/فبراير 2026.", "2026-02", "in mid-February 2026",
     "في منتصف شباط/فبراير 2026"),
    ("ويبدأ الموسم في صيف 2026.", "2026", "in summer 2026", "في صيف 2026"),
    ("وجرى التوقيع في 12 آذار 2025.", "2025-03-12", "on 12 March 2025", "في 12 آذار/مارس 2025"),
]  # fmt: skip


def _date_mention(text: str) -> Mention:
    [mention] = [m for m in find_mentions(text, PUBLISHED) if m.kind == "date"]
    return mention


@pytest.mark.parametrize(("text", "iso", "en", "ar"), CASES)
def test_dates_are_shown_as_written(text: str, iso: str, en: str, ar: str) -> None:
    mention = _date_mention(text)
    assert mention.date == iso  # the normalized value stays as it was
    assert mention_when(mention, "en") == en
    assert mention_when(mention, "ar") == ar


def test_past_periods_are_not_the_coming_ones() -> None:
    assert not [m for m in find_mentions("وتراجعت الأسعار في الأسابيع الماضية.", PUBLISHED)]
    [coming] = find_mentions("وتنتهي المفاوضات في الأيام المقبلة.", None)
    assert coming.coming == "days" and coming.date is None  # nothing to count from


def _deadline_of(text: str, what_en: str) -> tuple[str | None, str, str, str]:
    mention = _date_mention(text)
    pick = Pick(
        kind="deadline", mention_id=mention.id, what_en=what_en, what_ar=text,
        quote=text, start=0, end=len(text),
    )  # fmt: skip
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    facts = facts_from_picks(clean, Extraction(article_id="a", picks=[pick]), [mention], PUBLISHED)
    [deadline] = facts.deadlines
    assert deadline.when is not None
    return deadline.date, deadline.text.en, deadline.when.en, deadline.when.ar


def test_a_deadline_keeps_its_iso_value_and_shows_the_written_precision() -> None:
    date, en, when_en, when_ar = _deadline_of(CASES[0][0], "The government completes the project")
    assert date == "2026-12"
    assert (when_en, when_ar) == ("by the end of 2026", "بنهاية 2026")
    assert "December" not in en and "2026" in en
    date, en, when_en, _ = _deadline_of(CASES[2][0], "The first phase is completed [M1]")
    assert date == "2025-09" and when_en == "by mid-September 2025"
    assert "mid-September 2025" in en


def test_written_dates_data_is_valid_and_covers_every_part_word() -> None:
    raw = resources.files("summarizer").joinpath("data", "written_dates.json").read_text("utf-8")
    words = parse_written(json.loads(raw))
    assert set(words.parts) == set(PART_WORDS)  # every part the parser reads can be shown
    assert words == written_words()
    broken = json.loads(raw)
    broken["part_words"].pop("mid")
    with pytest.raises(ValueError, match="part_words"):
        parse_written(broken)
    broken = json.loads(raw)
    broken["part_words"]["mid"]["en"] = "mid"
    with pytest.raises(ValueError, match="when"):
        parse_written(broken)
    with pytest.raises(ValueError, match="coming_few"):
        parse_written({**json.loads(raw), "coming_few": "القليلة"})
