"""Person names: found where Arabic news introduces them, spelled as attested, never guessed."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources

import pytest

from summarizer.compose.lines import names_around
from summarizer.names import QuoteWords, unsupported_names
from summarizer.normalize.named import without_names
from summarizer.people import parse_people, people_in, people_words

needs_names = pytest.mark.skipif(
    importlib.util.find_spec("arabic_name_romanizer") is None,
    reason="the names extra is not installed",
)

# (sentence, the names it gives as written, with their attested spelling): after a title or a
# role (with its complement between), or before a comma and a title.
NAMED = [
    ("وأكد وزير الخارجية السعودي فيصل بن فرحان أن المملكة",
     [("فيصل بن فرحان", "Faisal bin Farhan")]),
    ("وسجل اللاعب محمد صلاح هدفين في المباراة", [("محمد صلاح", "Mohamed Salah")]),
    ("واستقبل الرئيس المصري عبد الفتاح السيسي وفدا",
     [("عبد الفتاح السيسي", "Abdel Fattah al-Sissi")]),
    ("وقال الدكتور مصطفى مدبولي رئيس مجلس الوزراء", [("مصطفى مدبولي", "Mostafa Madbouly")]),
    ("وأوضح نبيل فهمي، وزير الخارجية الأسبق، أن", [("نبيل فهمي", "Nabil Fahmi")]),
    # a function word after the name, alone or with its clitic, is not part of it
    ("وصرح الشيخ محمد بن زايد آل نهيان بأن",
     [("محمد بن زايد آل نهيان", "Mohamed bin Zayed Al Nahyan")]),
    ("وأشار المدرب جمال السلامي إلى أن", [("جمال السلامي", "Jamal Sellami")]),
    ("وقالت الوزيرة سارة الزعابي في بيان", [("سارة الزعابي", "Sara Al-Zaabi")]),
    # a title after the name is none of its words, though a surname may be spelled like it
    ("وقال الوزير نبيل فهمي وزير الخارجية، إن", [("نبيل فهمي", "Nabil Fahmi")]),
    # a compound name attested whole, of three words, wherever it stands
    ("وأعلنت الحكومة فوز عبد الفتاح السيسي بالانتخابات",
     [("عبد الفتاح السيسي", "Abdel Fattah al-Sissi")]),
]  # fmt: skip

# Sentences that name no person in English: a title alone, a place after a title, common words
# after a role, or a name of no attested spelling (the brief says less rather than guess it).
UNNAMED = [
    "وقال الرئيس إن الحكومة ستعلن خطة جديدة",
    "وقال أمير قطر إن المفاوضات مستمرة",
    "وقال الوزير في مؤتمر صحفي إن الموازنة جاهزة",
    "وأكد اللاعب في المباراة الأخيرة أن الفريق جاهز",
    "وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده ستدعم الخطة",
    "وقال المتحدث باسم النادي إن اللاعب مصاب",  # «باسم»: on behalf of, not a name
    "ووصل عبد الله إلى المدينة",  # a compound name of two words, with no role before it
]


@needs_names
@pytest.mark.parametrize(("sentence", "wanted"), NAMED)
def test_a_name_after_a_title_or_before_one_has_its_attested_spelling(
    sentence: str, wanted: list[tuple[str, str]]
) -> None:
    found = people_in(sentence)
    assert [(p.arabic, p.latin) for p in found] == wanted
    for person in found:
        assert sentence[person.start : person.end] == person.arabic
        # the spelling passes the brief's own name check against the sentence
        assert not unsupported_names(person.latin, QuoteWords.of([sentence]))


@needs_names
@pytest.mark.parametrize("sentence", UNNAMED)
def test_no_person_is_named_where_none_is_attested(sentence: str) -> None:
    assert people_in(sentence) == []


@needs_names
def test_a_names_words_are_blanked_so_they_give_no_gloss() -> None:
    sentence = "وقال المرشح عبد الفتاح السيسي إن"
    blanked = without_names(sentence, people_in(sentence))
    assert "السيسي" not in blanked and len(blanked) == len(sentence)
    assert blanked.startswith("وقال المرشح ")


# (sentence, a value of it, the person its key words name or None): a person of the value's
# own clause, or the one a list of values goes on about («فلان، مرشح الحركة 900 ألف صوت، أيضا
# 9%»); not a speaker, and not across «أن» (another proposition).
ABOUT = [
    ("وحصل المرشح محمد صلاح على 900 ألف صوت", "900 ألف صوت", "Mohamed Salah"),
    ("ونال نبيل فهمي، مرشح الحزب، 900.000 صوت، أيضا 9.5 ٪، بينما حصل المرشح مصطفى مدبولي على 5%",
     "9.5 ٪", "Nabil Fahmi"),
    ("ونال نبيل فهمي، مرشح الحزب، 900.000 صوت، أيضا 9.5 ٪، بينما حصل المرشح مصطفى مدبولي على 5%",
     "5%", "Mostafa Madbouly"),
    ("وقال الوزير فيصل بن فرحان، 40 شخصا وصلوا", "40 شخصا", None),
    ("وقال الوزير فيصل بن فرحان إن 40 شخصا وصلوا", "40 شخصا", None),
    ("وتحدث الوزير فيصل بن فرحان، أن بلاده تستضيف 900 ألف لاجئ", "900 ألف لاجئ", None),
]  # fmt: skip


@needs_names
@pytest.mark.parametrize(("sentence", "anchor", "person"), ABOUT)
def test_a_value_names_the_person_it_is_about(
    sentence: str, anchor: str, person: str | None
) -> None:
    names, _ = names_around(sentence, anchor, counted=True)
    people = {p.latin for p in people_in(sentence)}
    assert (set(names) & people) == ({person} if person else set())


@needs_names
def test_a_date_names_no_person_of_another_clause() -> None:
    sentence = "واستقبل الرئيس المصري عبد الفتاح السيسي وفدا، على أن تبدأ المحادثات في 2026"
    names, _ = names_around(sentence, "2026")
    assert "Abdel Fattah al-Sissi" not in names


def test_the_people_words_load_and_bad_tables_are_refused() -> None:
    words = people_words()
    assert words.before_name and words.after_comma and words.reach > 0
    raw = json.loads(resources.files("summarizer").joinpath("data", "people.json").read_text())
    assert parse_people(raw) == words
    for bad in [[], {**raw, "before_name": []}, {**raw, "after_comma": ["x"]}, {**raw, "reach": 0}]:
        with pytest.raises(ValueError, match=r"people\.json"):
            parse_people(bad)
