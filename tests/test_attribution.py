"""Who said what: speakers read by rule from quotes, and claims denied by another source."""

from __future__ import annotations

import importlib.util
import json
from importlib import resources

import pytest

from summarizer.attribution import (
    attribution_words,
    continued_statement,
    find_disputes,
    find_speaker,
    parse_attribution,
    statement,
    with_speakers,
)
from summarizer.gloss import lexicon, word_problems
from summarizer.models import Bilingual, Event, Source
from summarizer.render import said_by_words

needs_names = pytest.mark.skipif(
    importlib.util.find_spec("arabic_name_romanizer") is None,
    reason="the names extra is not installed",
)

# (quote, speaker in Arabic, its English or None, a denial?)
SPEAKERS = [
    ("وقال مسؤول أميركي إن القوات ستغادر القاعدة قريبا", "مسؤول أميركي", "a US official", False),
    # a name of the table, whatever the shape of its words («ل» + an indefinite noun)
    ("وكشفت المفوضية السامية لشؤون اللاجئين عن تراجع العودة",
     "المفوضية السامية لشؤون اللاجئين", "UNHCR", False),
    ("وأعلنت منظمة أوبك رفع الإنتاج", "منظمة أوبك", "OPEC", False),
    # «أوبك+» is OPEC+ (with Russia and others), never OPEC
    ("وأعلنت أوبك+ رفع الإنتاج", "أوبك+", "OPEC+", False),
    ("وقال تحالف أوبك+ إن الإنتاج سيرتفع", "تحالف أوبك+", "OPEC+", False),
    ("وارتفع عدد الإصابات إلى 40 حالة بحسب وزارة الصحة.", "وزارة الصحة", "the health ministry",
     False),
    ("وأعلنت المفوضية العليا المستقلة للانتخابات، الخميس، موعد الاقتراع",
     "المفوضية العليا المستقلة للانتخابات", "the independent high commission for elections", False),
    ("وأعلن المرصد الوطني، الخميس، موعد الاقتراع", "المرصد الوطني", None, False),
    ("وفقاً للمفوضية فإن الموعد ثابت", "المفوضية", "the commission", False),
    ("ونفت السفارة الأمريكية في بغداد صحة هذه الأنباء", "السفارة الأمريكية", "the US embassy",
     True),
    ("نقلا عن مصادر أمنية أن الهجوم وقع فجرا", "مصادر أمنية", "security sources", False),
]  # fmt: skip


@pytest.mark.parametrize(("quote", "ar", "en", "denial"), SPEAKERS)
def test_the_speaker_of_a_quote_is_found_by_rule(
    quote: str, ar: str, en: str | None, denial: bool
) -> None:
    found = find_speaker(quote)
    assert found is not None
    said, denies = found
    assert (said.ar, said.en, denies) == (ar, en, denial)


def test_no_speaker_when_the_quote_names_none() -> None:
    assert find_speaker("قال إن الاتفاق ما زال صامدا") is None  # the verb has no subject here
    assert find_speaker("ارتفعت أسعار الوقود بنسبة 10 في المئة") is None


def test_a_speaker_of_no_known_english_is_shown_in_arabic_only() -> None:
    # the table's English names the Pentagon; «مسؤول» alone does not: "an official" only
    said, _ = find_speaker("وقال مسؤول إن الانسحاب يبدأ الشهر المقبل") or (None, None)
    assert said is not None and said.en == "an official"
    [unknown] = [quote for quote, _, english, _ in SPEAKERS if "المرصد" in quote]
    item = _event("e1", unknown, "A vote date")
    [spoken] = with_speakers([item])
    assert spoken.said_by is not None and spoken.said_by.en is None
    assert said_by_words(spoken, "en") == ""  # left out in English
    assert said_by_words(spoken, "ar") == "بحسب المرصد الوطني"


def _event(article: str, quote: str, en: str) -> Event:
    return Event(
        date=None,
        subject=en,
        text=Bilingual(en=en, ar=quote),
        sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))],
    )


CLAIM = "وذكرت صحيفة محلية أن واشنطن ستسحب قواتها من قاعدة عين الأسد خلال أيام"
DENIAL = "ونفت السفارة الأمريكية التقارير عن سحب القوات من قاعدة عين الأسد"
OTHER = "وافتتحت وزارة النقل طريقا سريعا جديدا يربط المحافظتين"


def test_a_claim_denied_by_another_article_is_disputed_with_both_sources() -> None:
    items = [
        ("E1", _event("a", CLAIM, "Washington withdraws troops from Ain al-Asad")),
        ("E2", _event("b", DENIAL, "The embassy denied reports of a withdrawal")),
        ("E3", _event("c", OTHER, "A new highway opened")),
    ]
    [dispute] = find_disputes(items)
    assert dispute.item_ids == ["E1", "E2"]
    assert [s.article_id for s in dispute.claim_sources] == ["a"]
    assert [s.article_id for s in dispute.denial_sources] == ["b"]
    assert dispute.denied_by is not None and dispute.denied_by.en == "the US embassy"


def test_a_denial_about_something_else_is_no_dispute() -> None:
    items = [
        ("E1", _event("a", OTHER, "A new highway opened")),
        ("E2", _event("b", DENIAL, "The embassy denied reports of a withdrawal")),
    ]
    assert find_disputes(items) == []
    same_article = [
        ("E1", _event("a", CLAIM, "Washington withdraws troops")),
        ("E2", _event("a", DENIAL, "The embassy denied it")),
    ]
    assert find_disputes(same_article) == []  # one article reporting a denial is no dispute


def test_one_merged_item_with_a_claim_and_a_denial_is_disputed() -> None:
    item = _event("a", CLAIM, "Washington withdraws troops")
    denial = Source(article_id="b", quote=DENIAL, start=0, end=len(DENIAL))
    merged = item.model_copy(update={"sources": [*item.sources, denial]})
    [dispute] = find_disputes([("E1", merged)])
    assert dispute.item_ids == ["E1"] and dispute.denial_sources == [denial]


def test_attribution_data_is_valid() -> None:
    raw = resources.files("summarizer").joinpath("data", "attribution.json").read_text("utf-8")
    assert parse_attribution(json.loads(raw)) == attribution_words()
    for key in ("reporting_verbs", "denial_verbs", "subject_stops", "according_to"):
        broken = json.loads(raw)
        broken[key] = []
        with pytest.raises(ValueError, match=key):
            parse_attribution(broken)
    with pytest.raises(ValueError, match="speakers"):
        parse_attribution({**json.loads(raw), "speakers": {"مسؤول": ""}})
    with pytest.raises(ValueError, match="verb_english"):
        parse_attribution({**json.loads(raw), "verb_english": {"قال": ""}})
    with pytest.raises(ValueError, match="title_heads"):
        parse_attribution({**json.loads(raw), "title_heads": {}})
    with pytest.raises(ValueError, match="state_heads"):
        parse_attribution({**json.loads(raw), "state_heads": [""]})
    with pytest.raises(ValueError, match="happenings"):
        parse_attribution({**json.loads(raw), "happenings": {"الهدنة": ""}})
    with pytest.raises(ValueError, match="happening_verbs"):
        parse_attribution({**json.loads(raw), "happening_verbs": {}})
    with pytest.raises(ValueError, match="phrase_actions"):
        parse_attribution({**json.loads(raw), "phrase_actions": [["دخل", "حيز التنفيذ"]]})


def test_disputes_and_speakers_are_rendered_in_both_languages() -> None:
    from summarizer.models import ArticleReport, Brief, Meta, Story
    from summarizer.render import render_html, render_markdown

    claim = _event("a", CLAIM, "Washington withdraws troops from Ain al-Asad")
    denial = _event("b", DENIAL, "The embassy denied reports of a withdrawal")
    items = [("E1", claim), ("E2", denial)]
    brief = Brief(
        articles=[ArticleReport(id="a", source="Outlet A"),
                  ArticleReport(id="b", source="Outlet B")],
        events=with_speakers([claim, denial]),
        summary=Bilingual(en="", ar=""),
        meta=Meta(model="m", backend="b", prompt_version="p"),
        stories=[Story(id="S1", title=Bilingual(en="T", ar="ع"), article_ids=["a", "b"],
                       lead=Bilingual(en="L", ar="ل"), item_ids=["E1", "E2"])],
        disputes=find_disputes(items),
    )  # fmt: skip
    md = render_markdown(brief)
    english, arabic = md.split('<div dir="rtl" lang="ar">')
    assert "## Disputed claims" in english and "## ادعاءات متنازع عليها" in arabic
    line = next(x for x in english.splitlines() if x.startswith("- **Reported:**"))
    assert "[Outlet A]" in line and "Denied by the US embassy" in line and "[Outlet B]" in line
    assert "(according to the US embassy)" in english and "(بحسب السفارة الأمريكية)" in arabic
    page = render_html(brief)
    assert page.count('class="item dispute"') == 2  # one per column, both sides in each
    assert page.count('id="item-en-E1"') == 1 and 'class="events"' not in page  # shown once


# (sentence, the speaker's English, the verb's English): who stated something, by rule.
STATEMENTS = [
    ("وأعلنت الحكومة أمس خطة جديدة للنقل", "the government", "announced"),
    # vowel marks (a shadda, a damma) are letters of the word they stand in
    ("وأكّدت وزارة الصحة أن الوضع مستقر", "the health ministry", "affirmed"),
    ("وأعلنَت الحكومةُ رفع الأسعار", "the government", "announced"),
    # a person's name and the title after it, with or without its comma
    ("وقال سامي خليل رئيس المحكمة العليا إن", "the head of the court", "said"),
    # the spokesman «باسم» (in the name of) a body; a minister of the tables, of a country
    ("وأعلنت السلطات فرض حظر التجول", "the authorities", "announced"),
    ("وقال المتحدث باسم الحكومة إن الخطة جاهزة", "the government spokesman", "said"),
    ("وقال الناطق باسم الحكومة إن الخطة جاهزة", "the government spokesman", "said"),
    ("وقال المتحدث باسم النادي إن اللاعب مصاب", "the spokesman", "said"),
    ("وقال وزير الخارجية الأردني إن المحادثات مستمرة", "the foreign minister of Jordan", "said"),
    ("وقال كريم نادر المدير العام لمنظمة الصحة العالمية إن الوباء انتشر",
     "the director-general of the World Health Organization", "said"),
    ("وقال كريم نادر، الأمين العام للأمم المتحدة، إن",
     "the secretary-general of the United Nations", "said"),
    ("وقال صندوق النقد الدولي إن النمو سيتباطأ", "the International Monetary Fund", "said"),
    ("ونفت وزارة الخارجية التقارير عن زيارة الوفد", "the foreign ministry", "denied"),
    # places joined by «و», with or without the word for a state, are one subject
    ("أعلنت مصر وقطر التوصل إلى اتفاق", "Egypt and Qatar", "announced"),
    ("وأعلنت تونس ودولة ليبيا والجزائر فتح المعابر", "Tunisia, Libya and Algeria", "announced"),
    ("أكدت جمهورية العراق أن الحدود مفتوحة", "Iraq", "affirmed"),
    ("وقالت المملكة المغربية إن الحدود مفتوحة", "Morocco", "said"),
    # a title before a body of the table; a person's name, then the title that says who
    ("وأعلن رئيس المحكمة العليا قرارها في الطعون", "the head of the court", "announced"),
    ("وقال سامي خليل، المتحدث الرسمي، إن الوضع مستقر", "the spokesman", "said"),
    ("أعلن ماهر يوسف، رئيس البنك المركزي الليبي، خفض الفائدة",
     "the head of the central bank of Libya", "announced"),
    # a number before who spoke is the normalizer's; a dual is sources too
    ("وقالت أربعة مصادر مطلعة إن المحادثات مستمرة", "sources", "said"),
    ("وذكر مصدران أن الموعد تأجل", "sources", "mentioned"),
    # a country adjective after the table's words
    ("وأعلنت وزارة الصحة المغربية حصيلة جديدة", "the health ministry of Morocco", "announced"),
    ("قال رئيس الوزراء الليبي إن الانتخابات ستجرى", "the prime minister of Libya", "said"),
    # a country's own name of its ministry, when the table has it; otherwise "of <country>"
    ("وأكدت وزارة الخارجية الأمريكية أن الموعد ثابت", "the US State Department", "affirmed"),
    ("وأكدت وزارة الخارجية المصرية أن الموعد ثابت", "the foreign ministry of Egypt",
     "affirmed"),
]  # fmt: skip

# (sentence, the subject's English, the verb's English): who did something, by rule.
ACTIONS = [
    ("وقررت الحكومة تأجيل الامتحانات إلى الشهر المقبل", "the government", "decided"),
    ("رفع البنك المركزي سعر الفائدة نصف نقطة", "the central bank", "raised"),
    # after «حيث»/«إذ», a verb of the tables with no subject has that of the opening verb
    ("حقق منتخب تونس فوزا كبيرا، حيث تأهل إلى الدور النهائي", "Tunisia", "qualified"),
    ("واصلت الحكومة إصلاحاتها إذ قررت خفض الضرائب", "the government", "decided"),
    ("وأعربت الأمم المتحدة عن قلقها من التصعيد", "the United Nations", "expressed"),
    ("وانتقد الاتحاد الأوروبي القرار", "the European Union", "criticized"),
    ("وأشادت الوزارة بجهود فرق الإنقاذ", "the ministry", "praised"),
    ("وفاز منتخب تونس على ضيفه بهدفين", "Tunisia", "won"),
    ("وخسر المنتخب الوطني الليبي مباراته أمام مضيفه", "Libya", "lost"),
    ("وأغلقت تركيا معبرها الحدودي مساء أمس", "Turkey", "closed"),
    ("تأهل المنتخب المصري إلى الدور الثاني", "Egypt", "qualified"),
    # what happens, rather than who acts (happenings), with a verb or a phrase action
    ("ودخل اتفاق الهدنة حيز التنفيذ فجر اليوم", "the truce agreement", "took effect"),
    ("ودخل وقف إطلاق النار في الإقليم حيز التنفيذ منتصف الليل", "the ceasefire", "took effect"),
    ("ودخلت الهدنة حيز النفاذ عند منتصف الليل", "the truce", "took effect"),
    ("وبدأت الهدنة الإنسانية صباح الجمعة", "the truce", "began"),
    ("وانتهت الانتخابات التشريعية في أجواء هادئة", "the legislative elections", "ended"),
    ("وجرت الانتخابات الرئاسية في موعدها", "the presidential election", "took place"),
    ("ولقي الاتفاق ترحيبا واسعا", "the agreement", "met with"),
    ("وتأخرت الانتخابات البرلمانية عن موعدها", "the parliamentary elections", "was delayed"),
    # more acts of news: who ratified, adopted, extended, took, won
    ("وأقرت الحكومة الموازنة الجديدة", "the government", "ratified"),
    ("واعتمدت الحكومة خطة النقل", "the government", "adopted"),
    ("ومددت الحكومة حالة الطوارئ شهرا", "the government", "extended"),
    ("واتخذت الوزارة إجراءات جديدة", "the ministry", "took"),
    ("وأحرز منتخب تونس اللقب", "Tunisia", "won"),
    ("وأنهت الشرطة الإضراب بعد ساعات", "the police", "ended"),
    ("واستعرضت الحكومة تقرير اللجنة", "the government", "reviewed"),
    ("وقرر مجلس الوزراء تمديد العطلة", "the council of ministers", "decided"),
    # more happenings of news: a match, a summit, talks
    ("وجرت المباراة على ملعب المدينة", "the match", "took place"),
    ("وعقدت القمة العربية في بغداد", "the summit", "was held"),
    ("وانتهت المفاوضات دون اتفاق", "the negotiations", "ended"),
    # the verbal noun of an act right after «بعد»/«عقب»/«إثر», with its subject after it
    ("جاء التأهل بعد فوز المنتخب الأردني على ضيفه", "Jordan", "won"),
    ("وعقب إعلان الحكومة رفع الأسعار تجمع المحتجون", "the government", "announced"),
    ("وذلك إثر انسحاب الاتحاد الأوروبي من المحادثات", "the European Union", "withdrew"),
    # a condition after the verb does not make the verb conditional
    ("وقررت الحكومة رفع الأسعار إذا ارتفع سعر النفط", "the government", "decided"),
    ("وأقر المجلس قانون الانتخاب", "the council", "ratified"),
    ("وقدرت الحكومة كلفة المشروع", "the government", "estimated"),
    ("وأحصت الوزارة عدد المدارس", "the ministry", "counted"),
    ("وشكلت الحكومة لجنة للتحقيق", "the government", "formed"),
    # a country's name that opens with the word for a state
    ("ورفعت المملكة العربية السعودية سعر الوقود", "Saudi Arabia", "raised"),
    ("وأغلقت المملكة المتحدة سفارتها", "United Kingdom", "closed"),
]  # fmt: skip

# (sentence, the subject's Arabic): the subject ends where the tables' words end; a definite
# word after them is the object («أقرت الحكومة الموازنة»), not part of who acted.
SUBJECT_ENDS = [
    ("وأقرت الحكومة الموازنة الجديدة", "الحكومة"),
    ("رفع البنك المركزي الفائدة", "البنك المركزي"),
    ("وأعلنت وزارة الصحة المغربية الحصيلة", "وزارة الصحة المغربية"),
    ("وقدرت الهيئة الخسائر", "الهيئة"),
]

# A headline's «speaker: what was said», with no verb: the speaker said it.
LABELLED = [
    ("وزارة الصحة: تسجيل 1200 إصابة جديدة بالكوليرا", "the health ministry", "وزارة الصحة"),
    ("مفوضية اللاجئين: انخفاض وتيرة العودة", "UNHCR", "مفوضية اللاجئين"),
    ("الصحة العالمية: الوباء ينتشر في كل الولايات", "the World Health Organization",
     "الصحة العالمية"),
    ("وزير الخارجية : لا حل عسكريا للأزمة", "the foreign minister", "وزير الخارجية"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "speaker", "arabic"), LABELLED)
def test_a_speaker_and_a_colon_are_a_statement(sentence: str, speaker: str, arabic: str) -> None:
    said = statement(sentence)
    assert said is not None and (said.speaker.en, said.verb_en) == (speaker, "said")
    assert said.speaker.ar == arabic and said.reports
    assert sentence[said.end :].lstrip().startswith(":")


@pytest.mark.parametrize(
    "sentence",
    [
        "تفاصيل الاتفاق: ثلاث مراحل",  # no speaker of the tables before the colon
        "الحكومة تقرر: رفع الأسعار",  # a word between the speaker and the colon
        "وقال: الوضع صعب",  # a verb of no subject
    ],
)
def test_no_labelled_statement_without_a_known_speaker_right_before_the_colon(
    sentence: str,
) -> None:
    assert statement(sentence) is None


# (sentence, subject, verb): «كان» + subject + («قد») + perfect: what had been done or said.
PLUPERFECT = [
    ("وكانت الحكومة قد قررت إغلاق المدارس", "the government", "decided"),
    ("وكان البنك المركزي رفع سعر الفائدة الشهر الماضي", "the central bank", "raised"),
    ("وكانت وزارة الصحة قد أعلنت حصيلة جديدة", "the health ministry", "announced"),
    ("كان الجيش قد انسحب من المدينة", "the army", "withdrew"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "subject"), SUBJECT_ENDS)
def test_a_subject_ends_where_its_known_words_end(sentence: str, subject: str) -> None:
    did = statement(sentence)
    assert did is not None and did.speaker.ar == subject
    assert sentence[did.end :].strip().split()[0] == sentence.split()[len(subject.split()) + 1]


# «كان» + subject + words the tables lack + «قد» + perfect: «قد» stands right before the
# verb, so the words before it are all the subject's (an adjective, a second name).
PLUPERFECT_WORDS = [
    ("وكانت الحكومة الليبية المؤقتة قد قررت إغلاق المدارس", "the government of Libya", "decided"),
    ("وكان الديوان الملكي الأردني قد أعلن أن الملك سيزور", "the royal court of Jordan",
     "announced"),
    ("وكان البنك المركزي، قد رفع سعر الفائدة", "the central bank", "raised"),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "subject", "verb"), PLUPERFECT_WORDS)
def test_a_pluperfect_subject_runs_to_its_already(sentence: str, subject: str, verb: str) -> None:
    did = statement(sentence)
    assert did is not None and (did.speaker.en, did.verb_en) == (subject, verb)
    words = sentence[: did.end].split()
    assert words[-2] == "قد" and sentence[did.end :].split()[0] == sentence.split()[len(words)]


def test_a_pluperfects_verb_stands_before_a_later_already() -> None:
    # a «قد» after the verb is in what was said, not the subject's
    did = statement("وكانت الحكومة أعلنت أنها قد أنهت الخطة")
    assert did is not None and (did.speaker.en, did.verb_en) == ("the government", "announced")


@pytest.mark.parametrize(("sentence", "subject", "verb"), PLUPERFECT)
def test_a_pluperfect_is_its_subject_and_verb(sentence: str, subject: str, verb: str) -> None:
    did = statement(sentence)
    assert did is not None and (did.speaker.en, did.verb_en) == (subject, verb)
    verb = sentence.split()[len(did.speaker.ar.split()) + 1 + ("قد" in sentence.split())]
    assert sentence[: did.end].split()[-1] == verb  # what follows the verb is what was done


@pytest.mark.parametrize(("sentence", "speaker", "verb"), STATEMENTS)
def test_a_statement_is_its_speaker_and_verb(sentence: str, speaker: str, verb: str) -> None:
    said = statement(sentence)
    assert said is not None and (said.speaker.en, said.verb_en) == (speaker, verb)
    assert sentence[: said.end].endswith(said.speaker.ar) and said.reports


@pytest.mark.parametrize(("sentence", "subject", "verb"), ACTIONS)
def test_an_action_is_its_subject_and_verb_and_no_speaker(
    sentence: str, subject: str, verb: str
) -> None:
    did = statement(sentence)
    assert did is not None and (did.speaker.en, did.verb_en) == (subject, verb)
    assert not did.reports  # the subject did something; it said nothing


@pytest.mark.parametrize(
    "sentence",
    [
        "لم تعلن الوزارة أي تفاصيل عن الخطة",  # a negated verb
        "وقال أحمد إن الطريق مغلق",  # a speaker with no English in the table
        "ويقول المسؤولون إن العمل مستمر",  # the imperfect: not a past statement
        "وارتفعت الأسعار في الأسواق",  # no reporting verb
        "لم تقرر الحكومة موعد الانتخابات",  # a negated action
        "وفاز اللاعب بالجائزة الأولى",  # a subject of no known English
        "وقالت منتخب الكرة إن المباراة أجلت",  # a country head with no country after it
        "وقال سامي خليل، الكاتب والباحث، إن الوضع مستقر",  # a title of no known English
        "أعلنت دولة المؤسسات أن",  # the word for a state, with no country after it
        # after a relative pronoun the verb's subject stands before it: what follows is its
        # object («which struck Morocco», not "Morocco struck")
        "وأعاد السيل الذي ضرب اليمن فتح النقاش",
        "وأشاد بالفريق الذي هزم تونس",
        # a phrase action without its phrase, or with a subject that is no happening
        "ودخل الاتفاق مرحلة جديدة",
        "ودخل الوفد القاعة قبل بدء الجلسة",
        # a happening verb with who acts («the committee finished»), not a happening
        "وانتهت اللجنة من إعداد التقرير",
        # no happening after a transitive verb: with no subject written, it is the object
        "وألغى القرار بعد يومين",
        # «كان» with no known subject, or no verb of the tables after its subject
        "وكان الاجتماع مقررا يوم الأحد",
        "وكانت الحكومة قد وعدت بالإصلاح",
        "وكان سامي قد أعلن استقالته",
        # a title over an office the tables lack: the country adjective may be the body's
        "وقال وزير السياحة إن الموسم جيد",
        "وقال مدير المستشفى الليبي إن الوضع مستقر",
        # a definite word after the verb is no name: the title must head a known body
        "وقال المدير العام لشركة النقل إن الرحلات ستستأنف",
        "وقال سامي المدير العام للمستشفى إن",
        # a verbal noun before which nothing says it is past, or with no subject written
        "قبل فوز المنتخب المصري على ضيفه",
        "بعد خسارته أمام ضيفه",
        # a masculine verb written like its verbal noun: the holding of the meeting
        "وكان من المقرر عقد الاجتماع في الأصل يوم الاثنين",
        # a verb right after a condition says what may happen, not what did
        "وهدد باستقالة حزبه في حال دخلت الهدنة حيز التنفيذ",
        "وفي حالة وافقت الحكومة على الخطة ستبدأ المرحلة الثانية",
        "وإذا قررت الحكومة رفع الأسعار فإن النقابات ستضرب",
        "لو فاز منتخب الأردن بالمباراة لتأهل مباشرة",
        "إنْ أعلنت الوزارة الحظر ستغلق المحلات",
        "فاذا رفضت الحكومة المقترح تعود الأزمة",
        # a passive that did not happen, or of an object the tables do not know
        "ولم يتم طرد اللاعب محمد صلاح",  # the imperfect after a negation
        "وهذا ما تم الاتفاق عليه مع الحكومة",  # «ما»: what was agreed, no act of its own
        "وإذا تم تأجيل الاجتماع فإن الأزمة ستتفاقم",  # a condition
        "وتم رفع الإنتاج بمعدل كبير",  # whose production is not said
        "وسيتم توقيع الاتفاق الأسبوع المقبل",  # the future
        "وتم استدعاء السفير الأمريكي إلى الوزارة",  # an ambassador: no known English
        # a verb written like a noun or like a feminine imperfect, with no subject it needs
        "تصدر مصر القطن إلى أوروبا",  # «تُصدر»: Egypt exports
        "وتصدر الصحيفة عددا خاصا غدا",  # «تَصدر»: the paper comes out
        "وتصدر الوزارة قرارها اليوم",
        "وشكل الحكومة الجديدة موضع خلاف",  # «شَكل»: the form of the government
        "وشكل المنتخب خطرا على المرمى",  # no person after it
        "وفرض الجيش حظر التجول",  # «فرض» with no «نفسه»: no phrase action
        # a person named after words that are no role of theirs is no subject
        "وأكد خبراء فوز عبد الفتاح السيسي بالانتخابات",
    ],
)
def test_no_statement_without_a_known_speaker_and_a_past_verb(sentence: str) -> None:
    assert statement(sentence) is None


# (sentence, subject, verb): «تم»/«جرى» + a verbal noun is the passive of Arabic news; what
# the act was done to is the subject, and it did nothing itself (no speaker, no actor).
PASSIVES = [
    ("وتمت إقالة وزير الخارجية أمس", "the foreign minister", "was dismissed"),
    ("لكن تم طرد اللاعب محمد صلاح في الشوط الأول", "Mohamed Salah", "was expelled"),
    ("وتم تأجيل الاجتماع إلى الأسبوع المقبل", "the meeting", "was postponed"),
    ("وجرى توقيع الاتفاق في الدوحة", "the agreement", "was signed"),
    ("كما تم إلغاء الانتخابات البرلمانية", "the parliamentary elections", "were cancelled"),
]  # fmt: skip


@needs_names
@pytest.mark.parametrize(("sentence", "subject", "verb"), PASSIVES)
def test_a_passive_is_what_the_act_was_done_to(sentence: str, subject: str, verb: str) -> None:
    done = statement(sentence)
    assert done is not None and (done.speaker.en, done.verb_en) == (subject, verb)
    assert done.passive and not done.reports


# (sentence, who, verb): a person of attested spelling after a role is a subject too; a
# title after the name stays what names the speaker.
PERSONS = [
    ("وقال اللاعب محمد صلاح إن الفريق جاهز", "Mohamed Salah", "said"),
    ("وأكد الدكتور مصطفى مدبولي أن الحكومة ستواصل", "Mostafa Madbouly", "affirmed"),
    ("وقالت الوزيرة سارة الزعابي إن الخطة جاهزة", "Sara Al-Zaabi", "said"),
]  # fmt: skip


@needs_names
@pytest.mark.parametrize(("sentence", "who", "verb"), PERSONS)
def test_a_person_of_attested_spelling_is_a_speaker(sentence: str, who: str, verb: str) -> None:
    said = statement(sentence)
    assert said is not None and (said.speaker.en, said.verb_en) == (who, verb)
    assert sentence[: said.end].endswith(said.speaker.ar)


# (sentence, subject, verb, what the subject's words are): a verb written like a noun
# («شكل»: form) is read only with a person after it; one written like a feminine imperfect
# («تصدر»: exports) only with a masculine subject (a person, a team, a masculine country);
# «فرض … نفسه» is a phrase action of a person. A title after the name is the person's.
GUARDED = [
    ("وشكل الدكتور مصطفى مدبولي لجنة لمتابعة الأسعار", "Mostafa Madbouly", "formed",
     "الدكتور مصطفى مدبولي"),
    ("فيما شكل الوزير نبيل فهمي وزير الخارجية، لجنة لمتابعة الملف", "Nabil Fahmi", "formed",
     "الوزير نبيل فهمي وزير الخارجية"),
    ("وتصدر المنتخب المغربي المجموعة برصيد 9 نقاط", "Morocco", "headed", "المنتخب المغربي"),
    ("وتصدر العراق ترتيب المجموعة", "Iraq", "headed", "العراق"),
    ("وفرض اللاعب محمد صلاح نفسه نجما للمباراة", "Mohamed Salah", "stood out",
     "اللاعب محمد صلاح"),
    ("وفرض مهاجم نادي ليفربول محمد صلاح نفسه نجما للمباراة", "Mohamed Salah", "stood out",
     "مهاجم نادي ليفربول محمد صلاح"),
    # a title of the tables, then the name: who holds it
    ("وقال وزير الخارجية نبيل فهمي إن الوضع مستقر", "Nabil Fahmi", "said",
     "وزير الخارجية نبيل فهمي"),
    # a known subject, then a name that is not its holder: the subject stays
    ("وأعلنت المحكمة الدستورية فوز عبد الفتاح السيسي بالانتخابات", "the constitutional court",
     "announced", "المحكمة الدستورية"),
]  # fmt: skip


@needs_names
@pytest.mark.parametrize(("sentence", "who", "verb", "arabic"), GUARDED)
def test_a_verb_read_only_with_its_kind_of_subject(
    sentence: str, who: str, verb: str, arabic: str
) -> None:
    did = statement(sentence)
    assert did is not None and (did.speaker.en, did.verb_en) == (who, verb)
    assert did.speaker.ar == arabic and sentence[: did.end].rstrip("،").endswith(arabic)


_SAID = "أعلنت الوزارة خطة جديدة للنقل"


@pytest.mark.parametrize(
    ("previous", "sentence", "verb"),
    [
        (_SAID, "وأضافت: إن الخطة تبدأ قريبا", "added"),
        (_SAID, "وأشارت إلى أن الكلفة كبيرة", "indicated"),
        (_SAID, "واعتبرت أن الخطة ضرورية", "considered"),
        (_SAID, "وتابعت، في بيانها، أن العمل بدأ", "continued"),
        ("قال الوزير إن الوضع مستقر", "وأضاف أن العمل مستمر", "added"),
        ("قال الوزير إن الوضع مستقر", "ونوه إلى أن العمل مستمر", "mentioned"),
        (_SAID, "ولفتت إلى أن الكلفة كبيرة", "pointed out"),
        # not the same speaker: the verb disagrees, a subject follows, several spoke, or
        # another verb of saying came last
        (_SAID, "وأضاف أن الخطة تبدأ قريبا", None),
        ("قال الوزير إن الوضع مستقر", "وأضافت أن العمل مستمر", None),
        (_SAID, "وأضافت مصادر أن الكلفة كبيرة", None),
        (_SAID, "وتابعت الوزارة الوضع عن كثب", None),
        ("أعلنت مصر والأردن خطة للنقل", "وأضافت أن العمل بدأ", None),
        ("أعلنت الحكومة خطة، وأشارت الوزارة إلى كلفتها", "وأضافت أن العمل بدأ", None),
        ("أعلنت الحكومة خطة، وقال الوزير إنها مكلفة", "وأضاف أن العمل بدأ", None),
    ],
)  # fmt: skip
def test_a_sentence_with_no_subject_continues_the_statement_before(
    previous: str, sentence: str, verb: str | None
) -> None:
    before = statement(previous)
    assert before is not None
    more = continued_statement(sentence, previous, before)
    assert (more.verb_en if more else None) == verb
    if more is not None:
        assert more.speaker == before.speaker and sentence[more.end] in " :،"


@pytest.mark.skipif(lexicon() is None, reason="the lexicon extra is not installed")
def test_each_verbs_english_glosses_the_verb() -> None:
    raw = json.loads(resources.files("summarizer.data").joinpath("attribution.json").read_text())
    tables = {
        **raw["verb_english"], **raw["action_verb_english"], **raw["title_heads"],
        **raw["happening_verbs"], **raw["continuing_verbs"],
    }  # fmt: skip
    for arabic, english in tables.items():
        assert not word_problems(english, [arabic]), (arabic, english)


@pytest.mark.skipif(lexicon() is None, reason="the lexicon extra is not installed")
def test_each_speakers_english_glosses_its_words() -> None:
    # An English the lexicon cannot gloss is refused at run time: the entry would never be used.
    raw = json.loads(resources.files("summarizer.data").joinpath("attribution.json").read_text())
    for arabic, english in raw["speakers"].items():
        assert not word_problems(english, [arabic]), (arabic, english)
    for arabic, english in raw["passive_nouns"].items():  # «طرد»: was expelled
        assert not word_problems(english, [arabic]), (arabic, english)


def test_a_verb_after_whereby_has_no_subject_without_an_opening_verb() -> None:
    # the sentence opens with a noun: no subject of its verb to lend
    assert statement("المنتخب الوطني في المركز الأول، حيث تأهل إلى النهائي") is None
