"""Each English content word of a line must gloss an Arabic word of its quote."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from summarizer.gloss import (
    Lexicon,
    leading_terms,
    lexicon,
    literal_terms,
    unsupported_words,
    word_problems,
)

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
    empty = Lexicon({}, {}, {})
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
        "english_number_words", "english_ordinals", "news_senses", "name_heads", "auxiliaries",
        "negations", "light_words", "light_heads", "ordinal_senses",
    }  # fmt: skip
    assert raw["ordinal_senses"] and all(
        " " not in noun and sense.isalpha() for noun, sense in raw["ordinal_senses"].items()
    )
    assert all(
        len(entry) == 3 and all(isinstance(part, str) and part for part in entry)
        for entry in raw["news_senses"]
    )
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


# (Arabic clause, the value's mention, words its key words include, words they must not): what a
# value counts or measures stands next to it, and the lexicon's plainest English names it.
LITERAL = [
    ("وتراجعت أسعار الذهب بنحو 40 دولارا للأوقية", "40 دولارا", {"gold", "prices"}, {"manner"}),
    ("وارتفع معدل التضخم إلى 7% في أيار", "7%", {"inflation"}, {"may"}),
    ("وافتتحت الوزارة 15 مدرسة جديدة في الريف", "15", {"ministry", "school"}, set()),
    ("قتل 12 شخصا في الزلزال الذي وقع فجرا", "12 شخصا", {"earthquake"}, set()),
    # An ordinal tells one phase from another; a cardinal is a value of its own.
    ("وتبدأ المرحلة الثانية في شهر تموز المقبل", "في شهر تموز المقبل", {"second"}, set()),
    ("وأفرج عن ستة أسرى مقابل 30 معتقلا", "30 معتقلا", set(), {"six"}),
    ("وتصحيح أوضاع 200 ألف عامل خلال ثلاثة أعوام", "ثلاثة أعوام", set(), {"millenary", "three"}),
    # An ordinal is read as one away from the value too («الأولى»: first, not "more apt").
    ("وتنطلق الدورة الأولى للمهرجان الشهر المقبل", "الشهر المقبل", {"first"}, set()),
    # A comma ends the value's clause: what the next clause says is another fact.
    ("وأصيب 30 مدنيا بجروح، فيما انهار مبنى", "30", {"civilian"}, {"rivers", "building"}),
    # Vowel marks are letters of their word, not where it ends («أُعلنت», «سُجّلت»).
    ("وبلغت الحصيلة 70 قتيلا التي أُعلنت أمس", "70 قتيلا", {"announce"}, set()),
    ("وأكّد الوزير أن 900 طالب نجحوا", "900 طالب", {"affirm", "minister"}, set()),
    # The adverb of a word written with its final alif (the lexicon's NF reading).
    ("وبلغ السعر 12 دينارا سابقاً", "12 دينارا", {"formerly"}, {"former"}),
    ("وعاد 300 لاجئ طوعاً إلى قراهم", "300 لاجئ", {"voluntarily"}, {"obedience"}),
    ("وأقالت الشركة 40 موظفا مؤخرا", "40 موظفا", {"recently"}, {"delayed"}),
    # A value compared with the one before it shares that one's subject, not its verb.
    ("وتراجعت نسبة التضخم إلى 7% مقارنة بنسبة 9% في العام الماضي", "9%",
     {"inflation"}, {"retreat"}),
    ("وارتفعت صادرات القمح إلى 30 مليون طن بالمقارنة مع 25 مليونا", "25 مليونا",
     {"exports", "wheat"}, set()),
    # without a comparison word, the other value's words stay its own
    ("وتراجع معدل التضخم إلى 7%، وبلغت الصادرات 9%", "9%", {"exports"}, {"inflation"}),
    # A value written after its clitic («ب» of «بثلاثية») is read from that word.
    ("وفاز الفريق على ضيفه بثلاثية نظيفة", "ثلاثية", {"clean"}, set()),
    ("وقررت البلدية البقاء لعامين إضافيين", "عامين", {"additional"}, set()),
]


# The same, for a figure's value (``counted``): its counted noun may follow a partitive «من»;
# a person's name is no common word (a compound name, or a hamza seat the text does not write).
COUNTED = [
    ("وحصل المرشح على 55% من الأصوات", "55%", {"votes"}, set()),
    ("وحصل عبد العالي على 300 ألف صوت", "300 ألف صوت", set(), {"high"}),
    ("ونال أبو الفضل 30 صوتا", "30 صوتا", set(), {"father", "merit"}),
    ("وقال يبون إن 40 شخصا وصلوا", "40 شخصا", set(), {"return"}),
    # the verb of a passive («تم إلغاء»: were cancelled) says nothing of its own
    ("حيث تم إلغاء 1,764 صوتا", "1,764 صوتا", {"cancellation"}, {"conclude", "complete"}),
    ("وسيتم توزيع 300 طرد", "300 طرد", {"distribution"}, {"conclude", "complete"}),
    # what is not so is no key word of what is
    ("وقررت تثبيت السعر عند 12 دينارا دون زيادة", "12 دينارا", {"fixing"}, {"increase"}),
    ("وبلغ عدد المدارس 40 مدرسة لم تتضرر", "40 مدرسة", {"schools"}, {"complain"}),
    # a hedge's own negation is the value's («ما لا يقل عن»: at least)
    ("ومقتل ما لا يقل عن 35 عنصرا من التنظيم", "ما لا يقل عن 35 عنصرا", {"killing"}, {"murder"}),
    # after «ما», «دون» is "below", no negation
    ("وتراجع السعر إلى ما دون 60 دولارا للبرميل", "60 دولارا", {"barrel"}, set()),
    # an amount in figures between brackets, then in words (an official text's form): the
    # brackets hold the value alone and end no clause
    ("ويقدر العجز بمبلغ (20,000,000) عشرين مليون دينار", "20,000,000", {"deficit"}, set()),
    ("وتبلغ الإيرادات (5,400,000) خمسة ملايين وأربعمائة ألف جنيه", "5,400,000",
     {"revenues"}, set()),
    ("خصصت الوزارة مبلغ (300) ثلاثمائة مليون ريال للمدارس", "300", {"ministry"}, set()),
    # a value with its unit between brackets is an aside about the word before it
    ("وتلتقي الفرق التي تحل ضيفة على الأردن (12 نقطة) لاحقا", "12 نقطة", set(),
     {"being adorned", "shortly"}),
    ("وأفرج عن الطالبة سارة الدمار (28 عاما) أمس", "28 عاما", set(), {"ruin"}),
    # the same value in another unit, between brackets right after it, is an aside
    ("وستصرف الحكومة 900 جنيه (18 دولارا) شهريا لكل عامل", "900 جنيه", {"monthly"}, set()),
    ("ويتقاضى المتطوع 300 درهم (30 دولارا) يوميا", "300 درهم", {"daily"}, set()),
    ("وبلغت المنحة 2000 دينار (نحو 6 آلاف دولار) سنويا", "2000 دينار", {"annually"}, set()),
    # a value joined by «و» to one before it: the words between are the first one's
    ("وتشمل المساعدات 100 ألف درهم للأسر التي انهارت منازلها بالكامل و50 ألف درهم للمتضررة "
     "جزئيا", "50 ألف درهم", {"partial"}, {"complete", "collapse"}),
    ("وصرفت 300 دينار للمدارس المتضررة بالكامل و120 دينارا للمتضررة جزئيا", "120 دينارا",
     {"partial"}, {"complete"}),
    ("بلغ عدد القتلى في الغارة على المدينة 40 و12 جريحا", "12 جريحا", set(), {"raid", "city"}),
]


@needs_lexicon
@pytest.mark.parametrize(
    ("arabic", "anchor", "wanted", "unwanted", "counted"),
    [(*case, False) for case in LITERAL] + [(*case, True) for case in COUNTED],
)
def test_literal_key_words_name_what_a_value_counts(
    arabic: str, anchor: str, wanted: set[str], unwanted: set[str], counted: bool
) -> None:
    terms = set(literal_terms(arabic, anchor, counted=counted))
    assert wanted <= terms and not unwanted & terms, terms


# (what follows a verb and its subject, words its key words include, words they must not):
# what was done or said is named by its first nouns, after a short aside between commas.
LEADING = [
    (" سعر الخبز في الأسواق", {"price", "bread"}, set()),
    # the aside of a weekday between commas; the walk stops at a number
    ("، الأربعاء، تجميد الأجور 3 أشهر", {"freezing", "wages"}, {"wednesday", "month"}),
    # after a particle, the first noun is still the object («عن تأهل»)
    (" عن تأهل الفريق الوطني إلى النهائي", {"qualification"}, set()),
    # a word read as an imperfect verb is often a name the lexicon lacks; a month is the
    # event's date, not a key word
    (" في مارس الماضي تجميد الأجور", {"freezing"}, {"march"}),
    (" يزيد رئيسا للجمعية", {"president"}, {"supply"}),
    # a comma ends the clause: the next one is another fact
    (" زيادة الرواتب، فيما انهار مبنى", {"increase"}, {"building"}),
    # in what, how or as what the act was said or recorded is not what was done
    (" في بيان تجميد الأجور", {"freezing"}, {"communiqué", "statement"}),
    (" بشكل ملحوظ تجميد الأجور", {"freezing"}, {"manner", "noticeable"}),
    (" في الفترة الأخيرة قرارات تهدف إلى التسهيل", {"decisions"}, {"phase", "period", "last"}),
    # what is left of such an aside before its comma is no clause of its own
    (" في بيان، بارتفاع عدد الإصابات", {"rise", "casualties"}, {"communiqué"}),
    # a phrase quoted inside the clause is still its words
    (' أنها اتخذت قرارات تهدف إلى "التسهيل" على المواطنين', {"decisions", "facilitation"}, set()),
    (" أنها اتخذت قرارات تهدف إلى «التسهيل» على المواطنين", {"decisions", "facilitation"}, set()),
]


@needs_lexicon
@pytest.mark.parametrize(("arabic", "wanted", "unwanted"), LEADING)
def test_the_first_nouns_after_a_verb_name_what_was_done(
    arabic: str, wanted: set[str], unwanted: set[str]
) -> None:
    read = leading_terms(arabic)
    lowered = {t.lower() for t, _ in read}
    assert wanted <= lowered and not unwanted & lowered, read
    assert all(0 < end <= len(arabic) and not word_problems(t, [arabic[:end]]) for t, end in read)


@needs_lexicon
def test_a_literal_gloss_is_none_for_function_words_and_marks_names() -> None:
    found = lexicon()
    assert found is not None
    assert found.literal("في") is None
    city = found.literal("القاهرة")
    assert city is not None and city.name and city.english == "Cairo"
    literal = found.literal("الزلزال")
    assert literal is not None and literal.english == "earthquake" and not literal.ambiguous
    # «الدفاع»: defence or propelling, as likely: no plain sense to print far from a value
    other = found.literal("الدفاع")
    assert other is not None and other.ambiguous


def test_the_compatibility_tables_choose_the_analysis(tmp_path: Path) -> None:
    (tmp_path / "dictStems").write_text(
        "Hkm\tHakam\tPV\tjudge;rule\nHkm\tHukm\tN\tverdict;ruling\n", encoding="latin-1"
    )
    (tmp_path / "dictPrefixes").write_text("\t\tPref-0\t\nAl\tAl\tNPref-Al\tthe\n", "latin-1")
    (tmp_path / "dictSuffixes").write_text("\t\tSuff-0\t\nt\tato\tPVSuff-t\tshe\n", "latin-1")
    (tmp_path / "tableAB").write_text("Pref-0 PV\nPref-0 N\nNPref-Al N\n", "latin-1")
    (tmp_path / "tableBC").write_text("PV Suff-0\nPV PVSuff-t\nN Suff-0\n", "latin-1")
    (tmp_path / "tableAC").write_text(
        "Pref-0 Suff-0\nPref-0 PVSuff-t\nNPref-Al Suff-0\n", "latin-1"
    )
    found = Lexicon.from_folder(tmp_path)
    by_article, by_ending = found.literal("الحكم"), found.literal("حكمت")
    bare = found.literal("حكم")
    assert by_article is not None and by_article.english == "verdict"
    assert by_ending is not None and by_ending.english == "judge"
    assert bare is not None and bare.english == "verdict" and bare.ambiguous


def test_two_parts_of_speech_that_say_one_thing_are_no_ambiguity(tmp_path: Path) -> None:
    # «دعم»: "support" as a noun and as a verb is one word of a gloss; «حكم» is two.
    (tmp_path / "dictStems").write_text(
        "dEm\tdaEam\tPV\tsupport;strengthen\ndEm\tdaEm\tN\tsupport;assistance\n"
        "Hkm\tHakam\tPV\tjudge;rule\nHkm\tHukm\tN\tverdict;ruling\n",
        encoding="latin-1",
    )
    (tmp_path / "dictPrefixes").write_text("\t\tPref-0\t\n", "latin-1")
    (tmp_path / "dictSuffixes").write_text("\t\tSuff-0\t\n", "latin-1")
    found = Lexicon.from_folder(tmp_path)
    support, rule = found.literal("دعم"), found.literal("حكم")
    assert support is not None and support.english == "support" and not support.ambiguous
    assert rule is not None and rule.ambiguous


@needs_lexicon
@pytest.mark.parametrize(
    ("word", "ambiguous"),
    [("لقوة", True), ("للقوة", True),  # one word (a rare sense) or ل + «قوة» (force)
     ("بنزين", False), ("وفاة", False), ("الحكومة", False)],
)  # fmt: skip
def test_a_first_letter_that_may_be_a_clitic_makes_a_word_ambiguous(
    word: str, ambiguous: bool
) -> None:
    found = lexicon()
    assert found is not None
    literal = found.literal(word)
    assert literal is not None and literal.ambiguous is ambiguous


@needs_lexicon
@pytest.mark.parametrize(
    ("arabic", "anchor", "wanted", "unwanted"),
    [
        # The sense news text means comes first (gloss.json news_senses), in several forms.
        ("وبلغ العدد الأولي للمصابين 40 شخصا", "40 شخصا", {"initial"}, {"first"}),
        ("وقدر التقييم الأولي عدد المنازل المتضررة بنحو 300", "300", {"initial"}, {"first"}),
        ("وقالت المفوضية إن 2000 مهاجر وصلوا", "2000 مهاجر", {"commission"}, {"legation"}),
        ("وطالبت مفوضية الانتخابات بفرز 150 صندوقا", "150 صندوقا", {"commission"}, {"legation"}),
        ("وقرر البنك تثبيت سعر الفائدة عند 5%", "5%", {"fixing"}, {"substantiation"}),
        ("وقررت الوزارة إرسال 40 طبيبا إلى الجنوب", "40 طبيبا", {"sending"}, {"transmission"}),
        ("وبدأ الإرسال الأول لـ 200 شاحنة", "200 شاحنة", {"sending"}, {"transmission"}),
        ("وأعلنت البلدية إغلاق 12 مدرسة", "12 مدرسة", {"closing"}, {"locking"}),
        ("وتسبب الإغلاق في خسارة 300 وظيفة", "300 وظيفة", {"closing"}, {"locking"}),
        ("وبدأت حملة التطعيم لـ 5000 طفل", "5000 طفل", {"vaccination"}, {"feeding"}),
        ("وتلقى 800 طفل التطعيم", "800 طفل", {"vaccination"}, {"feeding"}),
        ("وارتفع سعر الغاز المنزلي إلى 120 جنيها", "120 جنيها", {"gas"}, {"mysteries"}),
        ("وصدرت الشركة 3 ملايين متر مكعب من الغاز", "3 ملايين متر", {"gas"}, {"riddles"}),
        ("وبلغ سعر غاز الطهي 50 دينارا", "50 دينارا", {"gas"}, {"invader"}),
        ("وقدرت دراسة لجامعة أمريكية عدد الضحايا بنحو 9 آلاف", "9 آلاف", {"university"}, set()),
        ("وأغلقت الجامعة 12 كلية بسبب الإضراب", "12 كلية", {"university"}, {"comprehensive"}),
        ("وبلغت نسبة النساء 52 بالمائة من المسجلين", "52 بالمائة", {"women"}, {"longevity"}),
        ("وشاركت 300 امرأة، بينما تغيبت 40 من النساء", "40", {"women"}, {"longevity"}),
        ("ويعيش 900 ألف نازح داخل البلاد", "900 ألف نازح", {"inside"}, {"interior"}),
        ("وأحصت الهيئة 23 مليون ناخب داخل الوطن", "23 مليون ناخب", {"inside"}, {"interior"}),
        # An ordinal stays the first one.
        ("وتبدأ المرحلة الأولى بنقل 500 عائلة", "500 عائلة", set(), {"initial"}),
    ],
)  # fmt: skip
def test_the_news_sense_of_a_word_comes_first(
    arabic: str, anchor: str, wanted: set[str], unwanted: set[str]
) -> None:
    terms = set(literal_terms(arabic, anchor, before=4))
    assert wanted <= terms and not unwanted & terms, terms
    found = lexicon()
    assert found is not None
    assert not unsupported_words(" ".join(wanted), [arabic])


@needs_lexicon
@pytest.mark.parametrize(
    ("word", "english"),
    [("المسجلين", "registered"), ("برصيد", "balance"), ("منهية", "ending"),
     ("اشتباه", "suspicion"), ("مماثلة", "similar"), ("بقاء", "staying"),
     ("التابعة", "affiliated"), ("المستحق", "deserved"), ("اللافت", "remarkable"),
     ("تتصدر", "lead"), ("الحالي", "current"), ("مقتل", "killing"), ("تضررت", "be damaged"),
     # a budget's deficit, a building's collapse, crude oil
     ("العجز", "deficit"), ("بعجز", "deficit"), ("انهارت", "collapse"), ("وانهارت", "collapse"),
     ("خام", "crude"), ("الخام", "crude")],
)  # fmt: skip
def test_a_words_plain_gloss_is_its_news_sense(word: str, english: str) -> None:
    # «اللاجئين المسجلين»: registered, not registrar; «مقتل»: killing, not murder.
    found = lexicon()
    assert found is not None
    literal = found.literal(word)
    assert literal is not None and literal.english == english


@needs_lexicon
@pytest.mark.parametrize(
    "word",
    ["قد", "بين", "بينها", "بعد", "قبل", "نحو", "حول", "دون", "وفق", "أمام", "ضمن", "عبر",
     "فيما", "ليس", "حين", "الى"],
)  # fmt: skip
def test_a_word_that_may_be_a_particle_has_no_plain_gloss(word: str) -> None:
    # «قد»: has (not strap), «بين»: between (not clear), «فيما»: while (not FEMA).
    found = lexicon()
    assert found is not None
    assert found.literal(word) is None


@needs_lexicon
def test_a_news_sense_of_a_stem_the_lexicon_lacks_is_refused() -> None:
    found = lexicon()
    assert found is not None
    with pytest.raises(ValueError, match="no Nap stem"):
        found.with_news_senses((("ززز", "Nap", "nothing"),))


@needs_lexicon
def test_what_a_speaker_said_after_a_colon_may_open_with_its_verb() -> None:
    # «عاد»: "aggressive" read as a noun; after a colon, the quoted sentence's verb (returned).
    said = " “في الشهر الماضي عاد حوالي 6500 لاجئ إلى بلادهم”"
    assert "aggressive" not in {t for t, _ in leading_terms(said, quoted=True)}
    # After «أن» or the subject, the first word is what was said or done («عن تأهل»).
    assert "qualification" in {t for t, _ in leading_terms(" عن تأهل الفريق", quoted=False)}


@needs_lexicon
@pytest.mark.parametrize(
    ("clause", "term", "not_term"),
    [
        # before an ordinal, «ولاية»/«عهدة» is a term of office, one key word with its ordinal
        ("وفاز الرئيس لولاية ثانية بعد حصوله على الأغلبية", "second term", "state"),
        ("وترشح الرئيس لعهدة خامسة رغم المعارضة", "fifth term", "responsibility"),
        ("وبدأت الولاية الثالثة للمجلس المنتخب", "third term", "state"),
        # before a name it is a state: no term
        ("ووصل الوفد إلى ولاية الخرطوم أمس", None, "term"),
    ],
)
def test_a_noun_before_an_ordinal_takes_its_sense(
    clause: str, term: str | None, not_term: str
) -> None:
    terms = [t for t, _ in leading_terms(clause, 5)]
    assert term is None or term in terms
    assert not any(not_term in t.split() for t in terms)
    if term is not None:  # the quote's words support it
        assert word_problems(term, [clause]) == []


def test_a_quote_with_no_arabic_word_supports_nothing_and_raises_nothing() -> None:
    assert word_problems("Second term", ["2024 - 2029"]) != []
    assert unsupported_words("term", [""]) == ["term"]
