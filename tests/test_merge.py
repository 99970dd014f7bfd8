"""Cross-article merge: each fact once with all its sources, no over-merge, conflicts shown."""

from __future__ import annotations

import pytest

from summarizer.buckwalter import lexicon
from summarizer.merge import merge_facts
from summarizer.merge.similarity import content_stem
from summarizer.models import ArticleFacts, Bilingual, Deadline, Event, Figure, SaidBy, Source


def _src(article: str, approx: str | None = None) -> Source:
    return Source(article_id=article, quote="q", start=0, end=1, approx=approx)  # type: ignore[arg-type]


def _deadline(article: str, date: str, subject: str, place: str, cue: str = "by") -> Deadline:
    text = Bilingual(en=f"{subject} {cue} {date}", ar="نص")
    return Deadline(
        date=date, qualifier=cue, subject=subject, place=place, text=text, sources=[_src(article)]
    )


def _figure(article: str, value: float, subject: str, place: str, approx: str = "exact") -> Figure:
    return Figure(
        value=value, unit="troops", approx=approx, subject=subject, place=place,  # type: ignore[arg-type]
        text=Bilingual(en=subject, ar="نص"), sources=[_src(article, approx)],
    )  # fmt: skip


def test_same_deadline_from_three_articles_is_one_item() -> None:
    facts = [
        ArticleFacts(article_id=a, deadlines=[_deadline(a, "2025-09", s, "Iraq")])
        for a, s in [
            ("a", "the coalition's military mission in Iraq ends"),
            ("b", "coalition military mission in Iraq ends"),
            ("c", "the coalition military mission in Iraq moves to bilateral partnerships"),
        ]
    ]
    merged = merge_facts(facts)
    assert len(merged.deadlines) == 1
    assert [s.article_id for s in merged.deadlines[0].sources] == ["a", "b", "c"]


def test_different_places_and_dates_stay_apart() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[
                _deadline("a", "2025-09", "the coalition mission in Iraq ends", "Iraq"),
                _deadline("a", "2026-09", "the coalition mission in Syria continues", "Syria"),
            ],
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[
                _deadline("b", "2026-09", "the coalition mission in Syria continues", "Syria")
            ],
        ),
    ]
    merged = merge_facts(facts)
    assert [(d.date, len(d.sources)) for d in merged.deadlines] == [("2025-09", 1), ("2026-09", 2)]


def test_hedged_figures_merge_and_keep_each_hedge() -> None:
    facts = [
        ArticleFacts(
            article_id="a", figures=[_figure("a", 900, "US troops in Syria", "Syria", "about")]
        ),
        ArticleFacts(
            article_id="b", figures=[_figure("b", 900, "US troops in Syria", "Syria", "more than")]
        ),
        ArticleFacts(article_id="c", figures=[_figure("c", 900, "US troops in Iraq", "Iraq")]),
    ]
    merged = merge_facts(facts)
    syria = [f for f in merged.figures if f.place == "Syria"]
    assert len(syria) == 1 and [s.approx for s in syria[0].sources] == ["about", "more than"]
    assert len(merged.figures) == 2


def test_changed_figure_is_a_conflict() -> None:
    facts = [
        ArticleFacts(
            article_id="a", figures=[_figure("a", 2500, "US troops in Iraq", "Iraq", "about")]
        ),
        ArticleFacts(
            article_id="b",
            figures=[
                _figure("b", 2500, "US troops in Iraq", "Iraq", "about"),
                _figure("b", 2000, "US troops in Iraq after the drawdown", "Iraq", "less than"),
            ],
        ),
    ]
    merged = merge_facts(facts)
    assert len(merged.conflicts) == 1
    conflict = merged.conflicts[0]
    assert sorted(v.value or 0 for v in conflict.values) == [2000, 2500]
    assert conflict.note.en and conflict.note.ar


def test_one_fact_repeated_in_an_article_is_one_item() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[
                _deadline("a", "2026-09", "the coalition mission continues", "Syria", "until"),
                _deadline(
                    "a", "2026-09", "support for operations goes on", "Syria", "at least until"
                ),
            ],
        )
    ]
    merged = merge_facts(facts)
    assert len(merged.deadlines) == 1 and len(merged.deadlines[0].sources) == 2


def test_merge_is_deterministic_and_sorted() -> None:
    facts = [
        ArticleFacts(
            article_id=a,
            deadlines=[_deadline(a, d, f"mission {d} ends", "Iraq")],
            events=[
                Event(date=None, subject="x", text=Bilingual(en="x", ar="س"), sources=[_src(a)])
            ],
        )
        for a, d in [("b", "2026-01"), ("a", "2025-03")]
    ]
    first = merge_facts(facts)
    second = merge_facts(list(reversed(facts)))
    assert [d.date for d in first.deadlines] == ["2025-03", "2026-01"]
    assert [d.model_dump() for d in first.deadlines] == [d.model_dump() for d in second.deadlines]


# -- the over-merges of a similarity threshold of 0 (regressions) --------------------------------


def test_events_of_two_named_subjects_stay_apart() -> None:
    quote = "خسر منتخب تونس أمام ضيفه الليبي وتأهل منتخب مصر"
    def facts(article: str, en: str) -> ArticleFacts:
        event = Event(date=None, subject=en, text=Bilingual(en=en, ar=quote),
                      sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))])
        return ArticleFacts(article_id=article, events=[event])
    apart = merge_facts([facts("a", "Tunisia lost (Libya)"), facts("b", "Egypt qualified")])
    assert len(apart.events) == 2
    one = merge_facts([facts("a", "Tunisia lost (Libya)"), facts("b", "Tunisia lost (match)")])
    assert len(one.events) == 1 and len(one.events[0].sources) == 2


def test_statements_of_two_speakers_stay_apart() -> None:
    quote = "أكدت الوزارة أن الشراكة مع العراق ستستمر"
    def facts(article: str, en: str, speaker: str) -> ArticleFacts:
        event = Event(date=None, subject=en, text=Bilingual(en=en, ar=quote),
                      said_by=SaidBy(en=speaker, ar="الوزارة"),
                      sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))])
        return ArticleFacts(article_id=article, events=[event])
    defence = facts("a", "The defence ministry affirmed (Iraq)", "the defence ministry")
    foreign = facts("b", "The foreign ministry affirmed (Iraq)", "the foreign ministry")
    assert len(merge_facts([defence, foreign]).events) == 2
    # A shorter naming of one speaker is that speaker.
    short = facts("b", "The ministry affirmed (Iraq)", "the ministry")
    assert len(merge_facts([defence, short]).events) == 1


def test_an_act_and_a_statement_of_two_others_stay_apart() -> None:
    # "Jordan hosted" (an act, by «استضاف الأردن») is not "the commission said": their
    # actor and speaker name two others, though their quotes share words.
    quote = "استضاف الأردن اللاجئين منذ سنوات"
    def event(article: str, en: str, by: SaidBy, *, act: bool) -> ArticleFacts:
        item = Event(date=None, subject=en, text=Bilingual(en=en, ar=quote),
                     said_by=None if act else by, acted_by=by if act else None,
                     sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))])
        return ArticleFacts(article_id=article, events=[item])
    hosted = event("a", "Jordan hosted (refugees)", SaidBy(en="Jordan", ar="الأردن"), act=True)
    said = event("b", "The commission said (refugees)", SaidBy(en="the commission",
                 ar="المفوضية"), act=False)  # fmt: skip
    assert len(merge_facts([hosted, said]).events) == 2
    again = event("b", "Jordan hosted (refugees)", SaidBy(en="Jordan", ar="الأردن"), act=True)
    assert len(merge_facts([hosted, again]).events) == 1


def test_two_statements_of_other_values_are_two_facts() -> None:
    # A speaker's two decisions reported by two outlets, each with its own value, are two
    # facts (a rise of 548,000 barrels in one month, of 547,000 in the next); the same value
    # reported twice is one.
    said = SaidBy(en="OPEC", ar="أوبك")
    def facts(article: str, quote: str) -> ArticleFacts:
        en = "OPEC decided (increase, production)"
        item = Event(date=None, subject=en, text=Bilingual(en=en, ar=quote), acted_by=said,
                     sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))])
        return ArticleFacts(article_id=article, events=[item])
    august = facts("a", "قررت أوبك زيادة الإنتاج بمقدار 548 ألف برميل يوميا في أغسطس")
    september = facts("b", "قررت أوبك زيادة الإنتاج بمقدار 547 ألف برميل يوميا في سبتمبر")
    assert len(merge_facts([august, september]).events) == 2
    again = facts("b", "وقررت منظمة أوبك زيادة الإنتاج 548 ألف برميل يوميا في أغسطس")
    assert len(merge_facts([august, again]).events) == 1
    # a quote with no value says nothing against it
    plain = facts("b", "وقررت أوبك زيادة الإنتاج في أغسطس")
    assert len(merge_facts([august, plain]).events) == 1


def test_a_statement_continued_in_one_article_stays_its_own() -> None:
    # «… وأضافت: …»: the second event quotes the first sentence for its speaker.
    first = "أعلنت الوزارة خطة جديدة لتوسيع شبكة النقل في العاصمة."
    more = "وأضافت أن الكلفة تبلغ مليار دينار."
    text = f"{first}\n{more}"
    said = SaidBy(en="the ministry", ar="الوزارة")
    events = [
        Event(date=None, subject="The ministry announced (plan)",
              text=Bilingual(en="The ministry announced (plan)", ar=first), said_by=said,
              sources=[Source(article_id="a", quote=first, start=0, end=len(first))]),
        Event(date=None, subject="The ministry added (cost)",
              text=Bilingual(en="The ministry added (cost)", ar=more), said_by=said,
              sources=[Source(article_id="a", quote=text, start=0, end=len(text))]),
    ]  # fmt: skip
    assert len(merge_facts([ArticleFacts(article_id="a", events=events)]).events) == 2


def test_same_date_and_place_with_other_subjects_stay_apart() -> None:
    facts = [
        ArticleFacts(
            article_id="a",
            deadlines=[_deadline("a", "2025-11", "Iraq holds parliamentary elections", "Iraq")],
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[_deadline("b", "2025-11", "the oil ministry signs a gas contract", "Iraq")],
        ),
    ]
    assert len(merge_facts(facts).deadlines) == 2


def test_troops_of_two_countries_are_no_conflict() -> None:
    facts = [
        ArticleFacts(article_id="a", figures=[_figure("a", 900, "US troops in Syria", "Syria")]),
        ArticleFacts(
            article_id="b", figures=[_figure("b", 3000, "Russian troops in Syria", "Syria")]
        ),
    ]
    merged = merge_facts(facts)
    assert merged.conflicts == [] and len(merged.figures) == 2


def _in_sentence(article: str, value: float, quote: str, en: str, approx: str = "exact") -> Figure:
    return Figure(
        value=value, unit="cases", approx=approx, subject=en, subject_ar=quote,  # type: ignore[arg-type]
        text=Bilingual(en=en, ar=quote),
        sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))],
    )  # fmt: skip


def test_a_value_a_sentence_says_another_replaces_is_its_change() -> None:
    quote = "وبلغت نسبة الفائز 61.2%، بدلاً من 70.5% التي أعلنت سابقا."
    facts = [
        ArticleFacts(article_id="a", figures=[
            _in_sentence("a", 61.2, quote, "61.2 %"), _in_sentence("a", 70.5, quote, "70.5 %"),
        ]),
    ]  # fmt: skip
    [conflict] = merge_facts(facts).conflicts
    assert sorted(v.value or 0 for v in conflict.values) == [61.2, 70.5]
    # Without the words of a replacement, two values of one sentence are things it lists.
    listed = quote.replace("بدلاً من", "و")
    facts = [
        ArticleFacts(article_id="a", figures=[
            _in_sentence("a", 61.2, listed, "61.2 %"), _in_sentence("a", 70.5, listed, "70.5 %"),
        ]),
    ]  # fmt: skip
    assert merge_facts(facts).conflicts == []


def test_a_running_count_reported_twice_is_a_change_and_a_rounding_is_none() -> None:
    # Few shared words, but two large counts 1.4 % apart: one running total, reported twice.
    first = "وأصبح إجمالي عدد الإصابات 45210 منذ ظهور الوباء"
    second = "وأفادت الوزارة بارتفاع عدد الإصابات بالوباء إلى 46980"
    facts = [
        ArticleFacts(article_id="a", figures=[_in_sentence("a", 45210, first, "45,210 cases")]),
        ArticleFacts(article_id="b", figures=[_in_sentence("b", 46980, second, "46,980 cases")]),
    ]
    [conflict] = merge_facts(facts).conflicts
    assert sorted(v.value or 0 for v in conflict.values) == [45210, 46980]
    # Far apart, the same few words are not enough.
    later = second.replace("46980", "70000")
    far = [
        facts[0],
        ArticleFacts(article_id="b", figures=[_in_sentence("b", 70000, later, "70,000 cases")]),
    ]
    assert merge_facts(far).conflicts == []


def test_a_moved_deadline_is_a_conflict() -> None:
    facts = [
        ArticleFacts(
            article_id="a", deadlines=[_deadline("a", "2025-09", "the new bridge opens", "Jordan")]
        ),
        ArticleFacts(
            article_id="b",
            deadlines=[_deadline("b", "2025-12", "the opening of the new bridge", "Jordan")],
        ),
    ]
    merged = merge_facts(facts)
    [conflict] = merged.conflicts
    assert conflict.kind == "deadline"
    assert sorted(v.date or "" for v in conflict.values) == ["2025-09", "2025-12"]


def test_a_value_changes_with_the_item_most_about_it() -> None:
    # Two articles each give a running total and a week's count of one outbreak: the totals
    # are one change and the weekly counts another, whatever order the items come in.
    def fig(article: str, value: float, subject: str) -> Figure:
        return Figure(
            value=value, unit="injuries", approx="exact", subject=subject, place="Sudan",
            subject_ar=subject, text=Bilingual(en=subject, ar=subject), sources=[_src(article)],
        )  # fmt: skip

    week, total = "إصابات جديدة خلال الأسبوع بالوباء", "إجمالي عدد الإصابات بالوباء منذ إعلانه"
    facts = [
        ArticleFacts(article_id="a", figures=[fig("a", 1575, week), fig("a", 101450, total)]),
        ArticleFacts(article_id="b", figures=[fig("b", 102831, total), fig("b", 1210, week)]),
    ]
    merged = merge_facts(facts)
    changes = sorted(sorted(v.value or 0 for v in c.values) for c in merged.conflicts)
    assert changes == [[1210, 1575], [101450, 102831]]


def _stated(article: str, value: float, approx: str, subject_ar: str, unit: str) -> Figure:
    return Figure(
        value=value, unit=unit, approx=approx, subject="share", place="Algeria",  # type: ignore[arg-type]
        subject_ar=subject_ar, text=Bilingual(en="share", ar=subject_ar),
        sources=[_src(article, approx)],
    )  # fmt: skip


def test_a_rounded_value_is_the_same_fact_shown_as_the_precise_one() -> None:
    # «57%» in one article and 57.20 % in another; «نحو 6.5 ملايين» and 6,482,000 votes.
    share, votes = "نسبة الأصوات التي حصل عليها المرشح الفائز", "عدد الأصوات التي حصل عليها المرشح"
    facts = [
        ArticleFacts(
            article_id="a",
            figures=[_stated("a", 57.2, "exact", share, "%"),
                     _stated("a", 6.5e6, "about", votes, "votes")],
        ),
        ArticleFacts(
            article_id="b",
            figures=[_stated("b", 57, "exact", share, "%"),
                     _stated("b", 6_482_000, "exact", votes, "votes")],
        ),
    ]  # fmt: skip
    merged = merge_facts(facts)
    assert sorted((f.value, len(f.sources)) for f in merged.figures) == [(57.2, 2), (6_482_000, 2)]
    assert not merged.conflicts
    # Each source keeps the value it states where it rounds the one shown.
    own = {(f.value, s.article_id): s.value for f in merged.figures for s in f.sources}
    assert own == {(57.2, "a"): None, (57.2, "b"): 57, (6_482_000, "b"): None,
                   (6_482_000, "a"): 6.5e6}  # fmt: skip


def test_a_round_exact_price_is_no_rounding_of_another() -> None:
    # 23 EGP (an old price) and 23.5 EGP (a new one); 100 and 104: two values, never merged.
    price = "سعر كيلو الطماطم في الأسواق الشعبية"
    facts = [
        ArticleFacts(article_id="a", figures=[_stated("a", 23, "exact", price, "EGP"),
                                              _stated("a", 100, "exact", price, "trucks")]),
        ArticleFacts(article_id="b", figures=[_stated("b", 23.5, "exact", price, "EGP"),
                                              _stated("b", 104, "exact", price, "trucks")]),
    ]  # fmt: skip
    assert sorted(f.value for f in merge_facts(facts).figures) == [23, 23.5, 100, 104]


def test_values_one_article_lists_are_no_change() -> None:
    # One article: valid votes, cancelled votes and the majority needed, in three sentences.
    said = "عدد الأصوات المعبر عنها في الانتخابات الرئاسية"
    facts = [
        ArticleFacts(article_id="a", figures=[_stated("a", v, "exact", said, "votes")
                                              for v in (8_120_334, 1_402_911, 4_060_168)]),
    ]  # fmt: skip
    assert merge_facts(facts).conflicts == []


def test_values_far_apart_are_two_counts_not_a_change() -> None:
    # A week's 41 deaths in one article and a running 3,120 in another.
    said = "عدد الوفيات بالوباء في محافظات الإقليم"
    facts = [
        ArticleFacts(article_id="a", figures=[_stated("a", 41, "exact", said, "deaths")]),
        ArticleFacts(article_id="b", figures=[_stated("b", 3120, "exact", said, "deaths")]),
        ArticleFacts(article_id="c", figures=[_stated("c", 3188, "exact", said, "deaths")]),
    ]
    changes = [sorted(v.value or 0 for v in c.values) for c in merge_facts(facts).conflicts]
    assert changes == [[3120, 3188]]


def test_the_unit_alone_is_no_shared_subject() -> None:
    # A prisoner's age and a party's years in power: both "years", nothing else in common.
    def years(article: str, value: float, words: str) -> Figure:
        return Figure(
            value=value, unit="years", approx="exact", subject="years", subject_ar=words,
            text=Bilingual(en="years", ar=words), sources=[_src(article)],
        )  # fmt: skip

    facts = [
        ArticleFacts(article_id="a", figures=[years("a", 33, "أسيرة تبلغ من العمر 33 عاما")]),
        ArticleFacts(article_id="b", figures=[years("b", 47, "حكم الحزب دام 47 عاما")]),
    ]
    assert merge_facts(facts).conflicts == []


def test_the_summary_words_have_the_same_sentences_and_names_in_both_languages() -> None:
    import string

    from summarizer.merge import summary_words

    words = summary_words()
    assert set(words["en"]) == set(words["ar"]) and words["en"]

    def names(template: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}

    for key in words["en"]:
        assert words["en"][key].strip() and words["ar"][key].strip(), key
        assert names(words["en"][key]) == names(words["ar"][key]), key


def _counted(article: str, value: float, unit: str, words: str, en: str) -> Figure:
    return Figure(
        value=value, unit=unit, approx="exact", subject=unit, subject_ar=words,  # type: ignore[arg-type]
        text=Bilingual(en=en, ar=words), sources=[_src(article)],
    )  # fmt: skip


def test_a_small_count_of_two_stories_is_two_facts() -> None:
    # Three phases of a subsidy cut and three of a truce share the count and what it counts.
    facts = [
        ArticleFacts(article_id="a", figures=[_counted(
            "a", 3, "phases", "قررت الحكومة رفع الدعم عن الخبز على ثلاث مراحل", "3 phases")]),
        ArticleFacts(article_id="b", figures=[_counted(
            "b", 3, "phases", "يشمل اتفاق الهدنة ثلاث مراحل", "3 phases")]),
    ]  # fmt: skip
    assert len(merge_facts(facts).figures) == 2


def test_a_count_within_a_count_names_nothing() -> None:
    # «بينها 300 وفاة» counts deaths among the cases: no number that names what is counted.
    facts = [
        ArticleFacts(article_id="a", figures=[_counted(
            "a", 10450, "cases", "وأصبح إجمالي عدد المصابين بالحمى 10450، بينها 300 وفاة",
            "10,450 cases")]),
        ArticleFacts(article_id="b", figures=[_counted(
            "b", 10831, "cases", "وارتفع إجمالي عدد المصابين بالحمى إلى 10831 بينها 320 وفاة",
            "10,831 cases")]),
    ]  # fmt: skip
    [change] = merge_facts(facts).conflicts
    assert sorted(v.value or 0 for v in change.values) == [10450, 10831]


def test_numbers_that_name_keep_two_things_apart() -> None:
    # The same price of two numbered models is two facts.
    facts = [
        ArticleFacts(article_id="a", figures=[_counted(
            "a", 90, "USD", "وبلغ سعر الطراز 320 المعروض 90 دولارا", "90 USD")]),
        ArticleFacts(article_id="b", figures=[_counted(
            "b", 90, "USD", "وبلغ سعر الطراز 330 المعروض 90 دولارا", "90 USD")]),
    ]  # fmt: skip
    assert len(merge_facts(facts).figures) == 2


def test_a_merged_line_keeps_the_key_words_of_every_source() -> None:
    words = "وبلغ عدد الشاحنات التي دخلت المعبر أمس 120 شاحنة"
    facts = [
        ArticleFacts(article_id="a", figures=[_counted(
            "a", 120, "trucks", words, "120 trucks (aid, crossing)")]),
        ArticleFacts(article_id="b", figures=[_counted(
            "b", 120, "trucks", words, "120 trucks (crossing, fuel)")]),
    ]  # fmt: skip
    [figure] = merge_facts(facts).figures
    assert figure.text.en == "120 trucks (aid, crossing, fuel)"
    assert [s.article_id for s in figure.sources] == ["a", "b"]


def test_an_article_restating_a_precise_figure_states_it_once() -> None:
    # A headline and the body give 57.3 % in other words: one fact; a round 40 is not.
    facts = [
        ArticleFacts(article_id="a", figures=[
            _counted("a", 57.3, "%", "فوز المرشح بنسبة 57.3% من الأصوات", "57.3 %"),
            _counted("a", 57.3, "%", "وأوضح رئيس اللجنة أن النتيجة تعادل 57.3%", "57.3 %"),
            _counted("a", 40, "%", "وبلغت نسبة المشاركة 40%", "40 %"),
            _counted("a", 40, "%", "وتراجعت البطالة إلى 40% في الريف", "40 %"),
        ]),
    ]  # fmt: skip
    figures = merge_facts(facts).figures
    assert sorted((f.value, len(f.sources)) for f in figures) == [(40, 1), (40, 1), (57.3, 2)]


def test_a_merged_deadline_says_only_the_shown_lines_action() -> None:
    def due(article: str, en: str) -> Deadline:
        return Deadline(
            date="2027-03", qualifier="until", subject="mission", place="Chad",
            subject_ar="مهمة القوة في تشاد", text=Bilingual(en=en, ar="نص"),
            sources=[_src(article)],
        )  # fmt: skip

    facts = [
        ArticleFacts(article_id="a", deadlines=[due("a", "Chad: until March 2027 (continues)")]),
        ArticleFacts(article_id="b", deadlines=[due("b", "Chad: until March 2027 (ends, force)")]),
    ]
    [deadline] = merge_facts(facts).deadlines
    assert deadline.text.en == "Chad: until March 2027 (continues, force)"


def test_two_plain_deadlines_of_unrelated_subjects_are_no_conflict() -> None:
    # A plain line's fallback subject ("deadline") and one shared number word are no subject.
    def plain(article: str, date: str, words: str) -> Deadline:
        return Deadline(
            date=date, qualifier="on", subject="deadline", subject_ar=words,
            text=Bilingual(en=f"On {date}", ar=words), sources=[_src(article)],
        )  # fmt: skip

    release, phases = "يطلق ثلاث سجناء اليوم", "تنفذ الخطة على ثلاث مراحل"
    facts = [
        ArticleFacts(article_id="a", deadlines=[plain("a", "2031-01-19", release)]),
        ArticleFacts(article_id="b", deadlines=[plain("b", "2031-07", phases)]),
    ]
    assert merge_facts(facts).conflicts == []


def test_particles_are_no_words_of_a_subject() -> None:
    # One rate stated by two outlets in other words: what they share is the rate's own words,
    # not «كما» or «فقد», which only weigh down their share of words in common.
    first = "كما انخفضت نسبة البطالة الأولية إلى 31.5% مقارنة بالربع"
    second = "فقد وصلت نسبة البطالة الأولية إلى 32% بحسب المكتب"
    facts = [
        ArticleFacts(article_id="a", figures=[_counted("a", 31.5, "%", first, "31.5 %")]),
        ArticleFacts(article_id="b", figures=[_counted("b", 32, "%", second, "32 %")]),
    ]
    [conflict] = merge_facts(facts).conflicts
    assert sorted(v.value or 0 for v in conflict.values) == [31.5, 32]


def test_a_precise_figure_restated_about_or_exactly_is_one_fact_but_not_a_bound() -> None:
    def stated(value: float, approx: str, words: str) -> Figure:
        figure = _counted("a", value, "%", words, f"{value} %")
        return figure.model_copy(update={"approx": approx})

    facts = [
        ArticleFacts(article_id="a", figures=[
            stated(57.3, "exact", "فوز المرشح بنسبة 57.3% من الأصوات"),
            stated(57.3, "about", "أي ما يقارب 57.3%"),
            stated(57.3, "more than", "وحصل حزبه على أكثر من 57.3% في العاصمة"),
        ]),
    ]  # fmt: skip
    figures = merge_facts(facts).figures
    assert sorted((f.approx, len(f.sources)) for f in figures) == [("exact", 2), ("more than", 1)]


def test_a_merged_figure_keeps_its_members_dates_after_its_key_words() -> None:
    quote = "ورفع التحالف الإنتاج 300 ألف برميل في مايو"
    def facts(article: str, words: str) -> ArticleFacts:
        return ArticleFacts(article_id=article, figures=[Figure(
            value=300000, unit="barrels", subject="barrels", subject_ar=quote,
            text=Bilingual(en=f"300,000 barrels ({words})", ar=quote),
            sources=[Source(article_id=article, quote=quote, start=0, end=len(quote))],
        )])  # fmt: skip
    merged = merge_facts([
        facts("a", "increase, daily, alliance, production, gradual, May"),
        facts("b", "increase, output, examples, informed, limited, quota, June, July"),
    ])  # fmt: skip
    [figure] = merged.figures
    words = figure.text.en.split(" (", 1)[1].rstrip(")").split(", ")
    assert words[-3:] == ["May", "June", "July"] and len(words) == 10


# (words of one stem as articles write them): one content word of a merge, whatever the
# clitics, the article or the ending («لاجئ» begins with «ل», which is no clitic there).
ONE_STEM = [
    ("اللاجئين", "لاجئ", "لاجئاً", "لاجئًا"),
    ("البنزين", "لبنزين", "للبنزين", "بنزين"),
    ("الانتخابات", "انتخابات"),
    ("الإصابات", "إصابة", "إصابات"),
]


@pytest.mark.skipif(lexicon() is None, reason="the lexicon extra is not installed")
@pytest.mark.parametrize("forms", ONE_STEM)
def test_the_forms_of_one_word_are_one_content_word(forms: tuple[str, ...]) -> None:
    assert len({content_stem(form) for form in forms}) == 1, [content_stem(f) for f in forms]


def test_function_words_and_hedges_are_no_content_words() -> None:
    # «حوالي 170 ألفا» and «ما يقرب من 52 ألفا»: how exact a value is says nothing of its subject
    for word in ("حوالي", "نحو", "قرابة", "التي", "في"):
        assert content_stem(word) is None, word
    assert content_stem("الوزارة") is not None


def _count(article: str, value: float, quote: str, approx: str = "exact") -> ArticleFacts:
    source = Source(article_id=article, quote=quote, start=0, end=len(quote), approx=approx)  # type: ignore[arg-type]
    figure = Figure(
        value=value, unit="cases", approx=approx, subject="cases", subject_ar=quote,  # type: ignore[arg-type]
        text=Bilingual(en="cases", ar=quote), sources=[source],
    )  # fmt: skip
    return ArticleFacts(article_id=article, figures=[figure])


def test_counts_from_two_dates_are_two_facts_though_one_rounds_the_other() -> None:
    # «نحو 100 ألف» rounds 101,450, but the two count from different dates
    first = "وسجلت المنظمة نحو 100 ألف إصابة بالحصبة في البلاد منذ يوليو 2023"
    second = "وبلغ عدد الإصابات بالحصبة في البلاد 101 ألف و450 منذ ظهور الوباء في أغسطس 2024"
    apart = merge_facts([_count("a", 100_000, first, "about"), _count("b", 101_450, second)])
    assert len(apart.figures) == 2
    # … and two counts of one subject that differ: shown side by side
    assert any({100_000, 101_450} <= {v.value for v in c.values} for c in apart.conflicts)
    same = second.replace("أغسطس 2024", "يوليو 2023")
    one = merge_facts([_count("a", 100_000, first, "about"), _count("b", 101_450, same)])
    assert len(one.figures) == 1


def _amount(article: str, value: float, unit: str, clause: str) -> Figure:
    """A figure of an amount, its clause as its Arabic subject."""
    return Figure(
        value=value, unit=unit, approx="exact", subject=unit, subject_ar=clause, place=None,
        text=Bilingual(en=f"{value:,.0f} {unit}", ar=clause),
        sources=[Source(article_id=article, quote=clause, start=0, end=len(clause))],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("centimes", "dirhams", "joined"),
    [
        # Invented: «مليون سنتيم» is ten thousand dirhams; the same aid, in two articles
        (("وتشمل المساعدة 5 مليون سنتيم لترميم المدارس المتضررة", 5_000_000),
         ("وخصصت الحكومة 50 ألف درهم لترميم المدارس المتضررة", 50_000), True),
        # the same amount, of another subject: two facts
        (("وتشمل المساعدة 5 مليون سنتيم لترميم المدارس المتضررة", 5_000_000),
         ("وبلغ ثمن السيارة الجديدة 50 ألف درهم في السوق", 50_000), False),
        # another amount of the same subject: two facts
        (("وتشمل المساعدة 6 مليون سنتيم لترميم المدارس المتضررة", 6_000_000),
         ("وخصصت الحكومة 50 ألف درهم لترميم المدارس المتضررة", 50_000), False),
    ],
)  # fmt: skip
def test_an_amount_in_centimes_is_the_same_amount_in_its_currency(
    centimes: tuple[str, float], dirhams: tuple[str, float], joined: bool
) -> None:
    small = _amount("a", centimes[1], "centimes", centimes[0])
    whole = _amount("b", dirhams[1], "dirham", dirhams[0])
    facts = [ArticleFacts(article_id="a", figures=[small])]
    merged = merge_facts([*facts, ArticleFacts(article_id="b", figures=[whole])])
    if joined:
        [figure] = merged.figures
        assert (figure.value, figure.unit) == (dirhams[1], "dirham")
        assert [s.article_id for s in figure.sources] == ["b", "a"]
        assert all(s.value is None for s in figure.sources)  # both state the amount shown
    else:
        assert sorted((f.value, f.unit) for f in merged.figures) == sorted(
            [(centimes[1], "centimes"), (dirhams[1], "dirham")]
        )
