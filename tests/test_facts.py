"""Facts are composed from the normalizer's values, never from the model's reading of them."""

from __future__ import annotations

import importlib.util

import pytest

from summarizer.compose import facts_from_picks
from summarizer.merge import merge_facts
from summarizer.models import Article, ArticleFacts, CleanArticle, Extraction, Mention, Pick
from summarizer.normalize import find_mentions

TEXT = "وقال البيان إن المهمة ستنتهي بحلول أيلول 2025، فيما يبقى نحو 900 جندي في سوريا."


def _pick(kind: str, mention_id: str, what_en: str, what_ar: str) -> Pick:
    return Pick(
        kind=kind,  # type: ignore[arg-type]
        mention_id=mention_id, what_en=what_en, what_ar=what_ar, place_en="Syria",
        quote=TEXT, start=0, end=len(TEXT),
    )  # fmt: skip


def test_the_model_cannot_change_a_date_or_a_value() -> None:
    mentions = find_mentions(TEXT, None)
    date = next(m for m in mentions if m.kind == "date")
    number = next(m for m in mentions if m.kind == "number")
    picks = [
        _pick(
            "deadline", date.id, "the mission ends by October 2025", "انتهاء المهمة في تشرين الأول"
        ),
        _pick("figure", number.id, "1000 US troops in Syria", "نحو 900 جندي في سوريا"),
    ]
    clean = CleanArticle(article=Article(id="a", text=TEXT), text=TEXT)
    facts = facts_from_picks(clean, Extraction(article_id="a", picks=picks), mentions, None)
    [deadline] = facts.deadlines
    assert (deadline.date, deadline.qualifier) == ("2025-09", "by")
    assert deadline.text.en == "The mission ends by September 2025"
    assert "October" not in deadline.text.en
    # The model's Arabic names a month the article does not: the article's own clause replaces it.
    assert "تشرين" not in deadline.text.ar and "بحلول أيلول 2025" in deadline.text.ar
    [figure] = facts.figures
    assert (figure.value, figure.unit, figure.approx) == (900, "troops", "about")
    assert "1000" not in figure.text.en and figure.text.en.endswith("about 900 troops")
    assert figure.text.ar == "نحو 900 جندي في سوريا"  # the article's own words, kept as they are


def test_a_date_the_normalizer_could_not_resolve_is_no_given_word() -> None:
    text = "وبلغت الزيادة في الموعد نحو 500 ألف برميل"
    mentions = find_mentions(text, None)
    number = next(m for m in mentions if m.kind == "number")
    unresolved = Mention(
        id="M99", kind="date", text="الموعد", start=text.index("الموعد"),
        end=text.index("الموعد") + len("الموعد"),
    )  # fmt: skip
    pick = Pick(
        kind="figure", mention_id=number.id, what_en=f"The increase in [M99] is at [{number.id}]",
        what_ar=text, quote=text, start=0, end=len(text),
    )  # fmt: skip
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    facts = facts_from_picks(
        clean, Extraction(article_id="a", picks=[pick]), [*mentions, unresolved], None
    )
    [figure] = facts.figures
    assert "not stated" not in figure.text.en and figure.value == 500000


def _plain_facts(text: str, published: str | None, kind: str, counted: str) -> ArticleFacts:
    """The facts of the first mention of ``kind`` («number», «date») written with ``counted``
    in ``text``, picked as a figure or a deadline with no label from the model."""
    mentions = find_mentions(text, published)
    mention = next(m for m in mentions if m.kind == kind and counted in m.text)
    pick = Pick(
        kind="figure" if kind == "number" else "deadline", mention_id=mention.id, what_en="",
        what_ar=mention.text, quote=text, start=0, end=len(text),
    )  # fmt: skip
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    return facts_from_picks(clean, Extraction(article_id="a", picks=[pick]), mentions, published)


def _plain_figure(text: str, published: str | None, counted: str) -> str:
    """The English of the figure of ``counted`` in ``text`` when the model gave no label."""
    [figure] = _plain_facts(text, published, "number", counted).figures
    return figure.text.en


def test_a_month_without_its_year_still_dates_a_figure() -> None:
    # Invented: no publication date, so «في مايو» has no year; it still says which month.
    assert "(May" in _plain_figure("وفي مايو وصل نحو 700 مهاجر إلى الجزيرة", None, "700")
    assert "October" in _plain_figure("وسجلت المدينة 40 حريقا في أكتوبر", None, "40")
    # A resolved date keeps its full words.
    en = _plain_figure("وسجلت المدينة 40 حريقا في أكتوبر 2031", None, "40")
    assert "October 2031" in en


def test_a_clause_of_when_takes_the_time_of_the_clause_before() -> None:
    # Invented: «عندما» (when) starts a clause about the time the clause before it names.
    text = "وهو أقل من شهر يناير 2030، عندما سجلت المدينة 90 حريقا"
    assert "January 2030" in _plain_figure(text, None, "90")
    text = "وهو أقل من شهر يناير 2030، وسجلت المدينة 90 حريقا"
    assert "January 2030" not in _plain_figure(text, None, "90")


def _plain_deadlines(text: str, published: str | None) -> list[str]:
    """The English of the deadlines of ``text``'s first date when the model gave no label."""
    return [d.text.en for d in _plain_facts(text, published, "date", "").deadlines]


def test_a_bare_date_with_nothing_said_of_it_is_no_deadline() -> None:
    # "In 2031" alone says nothing of what falls on it; with its act, it is a line.
    assert _plain_deadlines("وذلك كله حتى 2031.", "2025-12-01") == []
    assert _plain_deadlines("وقد وجه الوزراء بالالتزام الفاعل؛ حتى 2031", "2025-12-01") == []
    lines = _plain_deadlines("وتنتهي المهمة في 2031.", "2025-12-01")
    assert lines == ["In 2031 (ends, be concluded)"]


@pytest.mark.skipif(
    importlib.util.find_spec("arabic_name_romanizer") is None,
    reason="the names extra is not installed",
)
def test_a_later_clause_of_its_own_subject_is_an_event_of_its_own() -> None:
    # «… لكن تم طرد اللاعب فلان»: the match took place, and the player was expelled; the first
    # event's words end where the second clause starts, and merging keeps both.
    text = "وجرت المباراة على ملعب المدينة الرياضية، لكن تم طرد اللاعب محمد صلاح في الشوط الأول."
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    mentions = find_mentions(text, None)
    facts = facts_from_picks(clean, Extraction(article_id="a", picks=[]), mentions, None)
    heads = [event.text.en.split(" (")[0] for event in facts.events]
    assert heads == ["The match took place", "Mohamed Salah was expelled"]
    first, second = facts.events
    assert "لكن" not in first.sources[0].quote and "طرد" not in first.text.ar
    assert "Mohamed Salah" not in first.text.en
    assert second.text.ar.startswith("لكن تم طرد") and second.acted_by is None
    assert len(merge_facts([facts]).events) == 2
    # a later clause with no statement of its own adds nothing
    alone = "وجرت المباراة على ملعب المدينة الرياضية، لكن الجمهور غاب عنها."
    clean = CleanArticle(article=Article(id="a", text=alone), text=alone)
    facts = facts_from_picks(
        clean, Extraction(article_id="a", picks=[]), find_mentions(alone, None), None
    )
    assert [event.text.en.split(" (")[0] for event in facts.events] == ["The match took place"]


def _rule_events(text: str, published: str | None) -> list[str]:
    """The English of the events by rule of ``text``, with no pick from the model."""
    clean = CleanArticle(article=Article(id="a", text=text), text=text)
    mentions = find_mentions(text, published)
    facts = facts_from_picks(clean, Extraction(article_id="a", picks=[]), mentions, published)
    return [event.text.en for event in facts.events]


@pytest.mark.parametrize(
    ("text", "published", "shown", "not_shown"),
    [
        # when what was said or done happens: the dates of its words' clause
        ("وأعلنت الحكومة رفع الأجور لشهر يناير المقبل، مما يخفف الأعباء.", None,
         "January", None),
        # a month in both its names, as news agencies write it
        ("وقالت مصادر إن الدول طالبت بزيادة أخرى في يونيو/حزيران.", None, "June", None),
        # the statement's own date is its date, not a key word
        ("وأعلنت الحكومة، أمس، رفع الأجور ابتداء من يناير 2031.", "2030-05-02",
         "January 2031", "May"),
        # «منذ»: counted since then
        ("وأعلنت الوزارة عودة 500 أسرة منذ مارس 2030.", "2030-05-02", "since March 2030",
         None),
        # a date after a negation is not the line's to name
        ("وأعلنت الحكومة تثبيت الأسعار دون زيادة حتى يناير 2031.", "2030-05-02", None,
         "January"),
        # a date of another clause, after the comma of the key words' own
        ("وأعلنت الحكومة رفع الأجور، وكانت الأسعار قد ارتفعت في مارس 2030.", "2030-05-02",
         None, "March"),
    ],
)  # fmt: skip
def test_an_events_key_words_give_the_dates_of_what_was_said(
    text: str, published: str | None, shown: str | None, not_shown: str | None
) -> None:
    [line] = _rule_events(text, published)
    assert shown is None or f"{shown})" in line or f"{shown}," in line
    assert not_shown is None or not_shown not in line
