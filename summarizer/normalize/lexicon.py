"""Small Arabic lexicons read off the article's own words: places and what a deadline does.

The embedded model's English is unreliable on these, and they decide what merges with what, so
they are read by rule from the clause around a mention when the clause names them.
"""

from __future__ import annotations

import re

# Arabic name (without the article «ال» where it has one) → English. Countries and regions of
# the Arab world and the states most often in its news.
_PLACES = {
    "العراق": "Iraq", "سوريا": "Syria", "سورية": "Syria", "لبنان": "Lebanon", "الأردن": "Jordan",
    "فلسطين": "Palestine", "غزة": "Gaza", "الضفة الغربية": "West Bank", "القدس": "Jerusalem",
    "إسرائيل": "Israel", "مصر": "Egypt", "ليبيا": "Libya", "تونس": "Tunisia", "الجزائر": "Algeria",
    "المغرب": "Morocco", "موريتانيا": "Mauritania", "السودان": "Sudan", "اليمن": "Yemen",
    "السعودية": "Saudi Arabia", "الكويت": "Kuwait", "قطر": "Qatar", "البحرين": "Bahrain",
    "الإمارات": "United Arab Emirates", "عمان": "Oman", "سلطنة عمان": "Oman", "إيران": "Iran",
    "تركيا": "Turkey", "أفغانستان": "Afghanistan", "باكستان": "Pakistan", "روسيا": "Russia",
    "أوكرانيا": "Ukraine", "الصين": "China", "فرنسا": "France", "ألمانيا": "Germany",
    "بريطانيا": "United Kingdom", "الولايات المتحدة": "United States", "أمريكا": "United States",
    "أميركا": "United States", "الصومال": "Somalia", "إثيوبيا": "Ethiopia", "كردستان": "Kurdistan",
    "إقليم كردستان": "Kurdistan", "بغداد": "Baghdad", "دمشق": "Damascus", "بيروت": "Beirut",
    "عمّان": "Amman", "القاهرة": "Cairo", "الرياض": "Riyadh", "أربيل": "Erbil", "الموصل": "Mosul",
    "حلب": "Aleppo", "إدلب": "Idlib", "دير الزور": "Deir ez-Zor", "الرقة": "Raqqa",
    "الجولان": "Golan", "سيناء": "Sinai", "طرابلس": "Tripoli", "بنغازي": "Benghazi",
    "الخرطوم": "Khartoum", "صنعاء": "Sanaa", "عدن": "Aden", "الحديدة": "Hodeidah",
}  # fmt: skip
_PLACE_RE = re.compile(
    r"(?<![\w])(?:[وفبل]|ل?ل)?("
    + "|".join(sorted(map(re.escape, _PLACES), key=len, reverse=True))
    + r")(?![\w])"
)

# What happens by or until a date, from the verb or verbal noun in the clause.
_ACTIONS = (
    ("ends", r"تنتهي|ينتهي|ستنتهي|سينتهي|انتهاء|إنهاء|انهاء|نهاية\s+المهمة|تنهي|ستنهي"),
    ("withdraws", r"انسحاب|ينسحب|تنسحب|ستنسحب|سينسحب|مغادرة|يغادر|تغادر|ستغادر|رحيل"),
    ("continues", r"تستمر|يستمر|ستستمر|سيستمر|استمرار|مواصلة|تواصل|يواصل|ستواصل"),
    ("continues", r"بقاء|تبقى|يبقى|ستبقى"),
    ("begins", r"تبدأ|يبدأ|ستبدأ|سيبدأ|بدء|انطلاق"),
    ("is completed", r"تكتمل|يكتمل|اكتمال|استكمال|إنجاز|إتمام"),
    ("transitions", r"تنتقل|ينتقل|ستنتقل|انتقال|التحول|تتحول|ستتحول"),
    ("takes effect", r"يدخل\s+حيز\s+التنفيذ|دخول\s+.*حيز\s+التنفيذ|سريان"),
    ("is held", r"تجرى|ستجرى|إجراء|تعقد|ستعقد|عقد"),
)  # fmt: skip
_ACTION_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})")) for name, pattern in _ACTIONS
)


_CLAUSE_BREAK = re.compile(r"[،,؛;.:]")
_LOCATIVE = re.compile(r"(?:^|\s)(?:و?[فب]ي|و?فى)\s*$")


def place_near(text: str, start: int, end: int) -> str | None:
    """Return the known place a mention at ``text[start:end]`` is about, or None.

    A place of the mention's own clause (where several are named there, the one introduced by
    «في»/«ب», where something is, when only one is); else the nearest place of the sentence's
    other clauses that says where («في العراق»). A country named in another clause as a party
    («مباراته مع منتخب تونس», «خروج تركيا») is not where the value is: then no place is better
    than a false one.
    """
    own: dict[str, bool] = {}
    elsewhere: list[tuple[int, str]] = []  # (distance, place) of the other clauses' «في» places
    for match in _PLACE_RE.finditer(text):
        between = text[end : match.start()] if match.start() >= end else text[match.end() : start]
        locative = bool(_LOCATIVE.search(text[max(0, match.start() - 6) : match.start()]))
        locative = locative or match.group(0).startswith(("وفي", "في", "فى", "ب"))
        place = _PLACES[match.group(1)]
        if not _CLAUSE_BREAK.search(between):
            own[place] = own.get(place, False) or locative
        elif locative:
            elsewhere.append((len(between), place))
    if len(own) == 1:
        return next(iter(own))
    if own:
        where = [place for place, locative in own.items() if locative]
        return where[0] if len(where) == 1 else None
    return min(elsewhere)[1] if elsewhere else None


# What happened to the people counted: «مقتل 35 عنصراً», «إصابة 12 مدنياً».
_OUTCOMES = (
    ("killed", r"مقتل|قتل|قتلى|مصرع|استشهاد"),
    ("wounded", r"إصابة|اصابة|جرح|جرحى|إصابات"),
    ("arrested", r"اعتقال|توقيف|احتجاز"),
    ("displaced", r"نزوح|تهجير"),
)
_OUTCOME_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})(?![\w])"))
    for name, pattern in _OUTCOMES
)


def outcome_before(text: str, position: int) -> str | None:
    """Return what happened to the people counted at ``position`` (killed, wounded, ...)."""
    window = text[max(0, position - 40) : position]
    found = [(m.end(), name) for name, regex in _OUTCOME_RES for m in regex.finditer(window)]
    return max(found)[1] if found else None


def action_in(text: str) -> str | None:
    """Return what the clause says happens (ends, withdraws, continues, ...), or None."""
    found = [(m.start(), name) for name, regex in _ACTION_RES if (m := regex.search(text))]
    return min(found)[1] if found else None


# What kind of happening a sentence reports, most specific first.
_EVENT_KINDS = (
    ("joint statement", r"بيان\s+مشترك|بيان\s+ثنائي"),
    ("interview", r"مقابلة|حوار\s+مع|لقاء\s+خاص"),
    ("air strikes", r"غارات|غارة|ضربات\s+جوية|قصف"),
    ("meeting", r"اجتماع|اجتماعات|قمة|مباحثات|محادثات"),
    ("statement", r"بيان|تصريحات|تصريح"),
    ("agreement", r"اتفاق|اتفاقية|تفاهم"),
    ("attack", r"هجوم|هجمات|تفجير"),
    ("elections", r"انتخابات"),
    ("visit", r"زيارة"),
    ("military drills", r"تدريبات|مناورات"),
    ("announcement", r"أعلن|أعلنت|اعلن|اعلنت|أعلنوا"),
)
_EVENT_RES = tuple(
    (name, re.compile(rf"(?<![\w])[وفلب]?(?:ال)?(?:{pattern})")) for name, pattern in _EVENT_KINDS
)


def event_kind(text: str) -> str | None:
    """Return what kind of happening the text reports (joint statement, air strikes, ...)."""
    return next((name for name, regex in _EVENT_RES if regex.search(text)), None)
