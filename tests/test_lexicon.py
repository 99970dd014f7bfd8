"""Places, actions and outcomes read from the article's own Arabic words."""

from __future__ import annotations

import pytest

from summarizer.normalize.lexicon import (
    action_in,
    actions_before,
    event_kind,
    outcome_before,
    place_near,
)


@pytest.mark.parametrize(
    ("sentence", "mention", "place"),
    [
        ("الذي تقوده واشنطن في العراق ستنتهي بحلول أيلول 2025، وفي سوريا بحلول أيلول 2026",
         "بحلول أيلول 2025", "Iraq"),
        ("الذي تقوده واشنطن في العراق ستنتهي بحلول أيلول 2025، وفي سوريا بحلول أيلول 2026",
         "بحلول أيلول 2026", "Syria"),
        ("يسمح للتحالف بمواصلة دعم العمليات في سوريا انطلاقاً من العراق حتى أيلول 2026",
         "حتى أيلول 2026", "Syria"),
        ("ولدى الولايات المتحدة نحو ألفين و500 جندي في العراق، وأكثر من 900 جندي في سوريا",
         "نحو ألفين و500 جندي", "Iraq"),
        ("ولدى الولايات المتحدة نحو ألفين و500 جندي في العراق، وأكثر من 900 جندي في سوريا",
         "أكثر من 900 جندي", "Syria"),
        ("وقال المسؤول إن 40 شاحنة دخلت أمس", "40 شاحنة", None),
        # A country named in another clause as a party is not where the value is.
        ("رفع الفريق رصيده إلى 21 نقطة، وابتعد عن منتخب الأردن بفارق 5 نقاط",
         "21 نقطة", None),
        ("وتشمل الخطة خروج تركيا من المنطقة، إضافة إلى عبور 350 شاحنة يوميا",
         "350 شاحنة", None),
        ("أعلنت مصر وقطر، في بيان لهما، عبور 200 شاحنة", "200 شاحنة", None),
        # A country after the word for its team is a party even in the value's own clause.
        ("وفاز المنتخب المغربي بهدفين على منتخب تونس في الرباط", "بهدفين", None),
        ("وخسر الفريق بثلاثة أهداف أمام فريق دولة الكويت", "بثلاثة أهداف", None),
        # The sentence's only place, where something is, holds for its other clauses.
        ("وأكد المسؤول أن المخيمات في لبنان، التي تضم 5000 لاجئ، بحاجة إلى دعم",
         "5000 لاجئ", "Lebanon"),
        # Two places in the value's own clause: the one that says where.
        ("ونقلت تركيا 300 لاجئ إلى مخيم في سوريا", "300 لاجئ", "Syria"),
        # A value alone in brackets right after a place is that place's.
        ("ويحل المنتخب ضيفا على تونس (9 نقاط) الأسبوع المقبل", "9 نقاط", "Tunisia"),
        ("وتصدرت مصر الترتيب أمام المغرب (14 نقطة) وليبيا", "14 نقطة", "Morocco"),
        ("وفاز الفريق على منتخب تونس (3 أهداف)", "3 أهداف", None),
    ],
)  # fmt: skip
def test_place_of_a_mention(sentence: str, mention: str, place: str | None) -> None:
    start = sentence.index(mention)
    assert place_near(sentence, start, start + len(mention)) == place


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("المهمة العسكرية في العراق ستنتهي بحلول", "ends"),
        ("لانسحاب مئات من القوات الأميركية بنهاية", "withdraws"),
        ("ستستمر المهمة العسكرية للتحالف في سوريا حتى", "continues"),
        ("ستنتقل المهمة إلى شراكات ثنائية بحلول", "transitions"),
        ("قال الوزير إن الموعد هو", None),
    ],
)
def test_action_before_a_deadline(text: str, action: str | None) -> None:
    assert action_in(text) == action


@pytest.mark.parametrize(
    ("text", "actions"),
    [
        # The nearest action, alone.
        ("وقال الوزير إن الجسر الجديد سيبدأ العمل بحلول", ["begins"]),
        ("تنسحب الفرق الطبية من المخيم ثم يستمر الدعم حتى", ["continues"]),
        # One that only completes another: the one completed too.
        ("ويبدأ انسحاب الشرطة من الميناء الشهر المقبل على أن يكتمل قبل",
         ["is completed", "withdraws"]),
        ("وسينتقل الموظفون إلى المقر الجديد تدريجيا، على أن يكتمل النقل بنهاية",
         ["is completed", "transitions"]),
        ("على أن يكتمل التسجيل بحلول", ["is completed"]),
        ("لم يحدد أي موعد", []),
    ],
)  # fmt: skip
def test_actions_by_a_date(text: str, actions: list[str]) -> None:
    assert actions_before(text, len(text)) == actions


def test_outcome_of_a_count() -> None:
    text = "مما أسفر عن مقتل ما لا يقل عن 35 عنصراً"
    assert outcome_before(text, text.index("ما لا يقل")) == "killed"
    assert outcome_before("وصل 35 عنصراً", 4) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("أعلنت الولايات المتحدة والعراق في بيان مشترك، الجمعة، إنهاء المهمة", "joint statement"),
        ("نفذت القوات سلسلة من الغارات الجوية في 11 أكتوبر", "air strikes"),
        ("وقال الوزير في مقابلة مع قناة محلية", "interview"),
        ("وأعلنت الوزارة بدء تخفيض قواتها", "announcement"),
        ("وارتفعت أسعار الخبز في الأسواق", None),
    ],
)
def test_kind_of_event(sentence: str, kind: str | None) -> None:
    assert event_kind(sentence) == kind
