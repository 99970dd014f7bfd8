"""Vocabulary tables of the normalizer: months, weekdays, number words, units, hedges and cues.

Entries are written in ordinary spelling and folded with :func:`fold` at import time, so
the tables read naturally and always agree with the normalized text they are matched against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TypeVar

from summarizer.models import Approx
from summarizer.normalize.text import normalize

T = TypeVar("T")
Phrase = tuple[str, ...]


def fold(text: str) -> str:
    """Return the normalized (folded) form of a vocabulary entry."""
    return normalize(text).text


def _table(pairs: Iterable[tuple[str, T]]) -> dict[str, T]:
    return {fold(k): v for k, v in pairs}


def _phrases(pairs: Iterable[tuple[str, T]]) -> tuple[tuple[Phrase, T], ...]:
    """Multi-word entries as tuples of folded words, longest first."""
    items = [(tuple(fold(k).split()), v) for k, v in pairs]
    return tuple(sorted(items, key=lambda item: -len(item[0])))


# --- clitics -------------------------------------------------------------------------------

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")


@lru_cache(maxsize=65536)
def stems(
    word: str, conj: bool = True, prep: bool = True, art: bool = False
) -> tuple[tuple[str, int, bool], ...]:
    """Candidate (stem, prefix length, had article) readings of ``word``, unstripped first."""
    out: list[tuple[str, int, bool]] = []
    for c in _CONJ if conj else ("",):
        for p in _PREP if prep else ("",):
            for a in ("", "ال") if art else ("",):
                prefix = c + ("لل" if p == "ل" and a else p + a)
                if not word.startswith(prefix):
                    continue
                stem = word[len(prefix) :]
                if len(stem) >= 2 or not prefix:
                    out.append((stem, len(prefix), bool(a)))
    out.sort(key=lambda item: item[1])
    return tuple(out)


def lookup(
    table: Mapping[str, T], word: str, conj: bool = True, prep: bool = True, art: bool = False
) -> tuple[T, int] | None:
    """Look a word up with optional clitic prefixes; return (value, span lead).

    The span lead is the length of the clitics to leave out of a mention (و, ف, ب, ل, ك),
    the article staying in: «والعام» → 1 («العام»), «للعام» → 0.
    """
    for stem, plen, had_art in stems(word, conj, prep, art):
        if stem in table:
            return table[stem], span_lead(plen, had_art)
    return None


def span_lead(prefix_len: int, had_art: bool) -> int:
    """Clitic characters to skip at the start of a span (the article is kept)."""
    return prefix_len - 2 if had_art else prefix_len


# --- months --------------------------------------------------------------------------------

# (spelling, month number). Ambiguous spellings (a common word too) are listed separately.
MONTH_NAMES: tuple[tuple[Phrase, int], ...] = _phrases(
    [
        ("كانون الثاني", 1),
        ("كانون ثاني", 1),
        ("يناير", 1),
        ("جانفي", 1),
        ("ينير", 1),
        ("january", 1),
        ("شباط", 2),
        ("فبراير", 2),
        ("فيفري", 2),
        ("فبراير", 2),
        ("february", 2),
        ("آذار", 3),
        ("مارس", 3),
        ("march", 3),
        ("نيسان", 4),
        ("أبريل", 4),
        ("إبريل", 4),
        ("ابريل", 4),
        ("أفريل", 4),
        ("april", 4),
        ("أيار", 5),
        ("مايو", 5),
        ("ماي", 5),
        ("may", 5),
        ("حزيران", 6),
        ("يونيو", 6),
        ("يونيه", 6),
        ("جوان", 6),
        ("june", 6),
        ("تموز", 7),
        ("يوليو", 7),
        ("يوليه", 7),
        ("جويلية", 7),
        ("يوليوز", 7),
        ("july", 7),
        ("آب", 8),
        ("أغسطس", 8),
        ("اغسطس", 8),
        ("أغسطوس", 8),
        ("غشت", 8),
        ("أوت", 8),
        ("august", 8),
        ("أيلول", 9),
        ("سبتمبر", 9),
        ("شتنبر", 9),
        ("september", 9),
        ("sept", 9),
        ("تشرين الأول", 10),
        ("تشرين أول", 10),
        ("أكتوبر", 10),
        ("اكتوبر", 10),
        ("october", 10),
        ("تشرين الثاني", 11),
        ("تشرين ثاني", 11),
        ("نوفمبر", 11),
        ("نونبر", 11),
        ("november", 11),
        ("كانون الأول", 12),
        ("كانون أول", 12),
        ("ديسمبر", 12),
        ("دجنبر", 12),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ]
)
# Month names that are also ordinary words (آب "father", مارس "he practised", May, ...):
# they count as months only with a day, a year, a modifier or a second month name.
AMBIGUOUS_MONTHS = frozenset(
    fold(w)
    for w in (
        "آب",
        "مارس",
        "ماي",
        "march",
        "may",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "sept",
    )
)
# Hijri months: a day or year next to them is not a Gregorian date nor a figure.
HIJRI_MONTHS = frozenset(
    fold(w) for w in ("محرم", "صفر", "ربيع", "جمادى", "رجب", "شعبان", "رمضان", "شوال", "ذو", "ذي")
)

WEEKDAYS: dict[str, int] = _table(
    [
        ("الاثنين", 0),
        ("الإثنين", 0),
        ("الثلاثاء", 1),
        ("الأربعاء", 2),
        ("الخميس", 3),
        ("الجمعة", 4),
        ("السبت", 5),
        ("الأحد", 6),
    ]
)
# Words before a weekday that make it no date (Friday prayers, ...).
WEEKDAY_BLOCKERS = frozenset(fold(w) for w in ("صلاة", "خطبة", "سوق", "مسجد", "جامع"))
# Words before/after a weekday that make it a date for sure.
DAY_TIME_WORDS = frozenset(
    fold(w)
    for w in (
        "يوم",
        "مساء",
        "صباح",
        "ليل",
        "ليلة",
        "فجر",
        "ظهر",
        "عصر",
        "ظهيرة",
        "نهار",
        "منتصف ليل",
        "ظهر يوم",
    )
)

# Relative modifiers after a month, weekday or period noun.
PAST, NEXT, CURRENT = "past", "next", "current"
MODIFIERS: dict[str, str] = _table(
    [
        ("الماضي", PAST),
        ("الماضية", PAST),
        ("المنصرم", PAST),
        ("المنصرمة", PAST),
        ("الفائت", PAST),
        ("الفائتة", PAST),
        ("السابق", PAST),
        ("المقبل", NEXT),
        ("المقبلة", NEXT),
        ("القادم", NEXT),
        ("القادمة", NEXT),
        ("الماضيين", PAST),
        ("الماضيتين", PAST),
        ("المقبلين", NEXT),
        ("المقبلتين", NEXT),
        ("القادمين", NEXT),
        ("القادمتين", NEXT),
        ("الجاري", CURRENT),
        ("الجارية", CURRENT),
        ("الحالي", CURRENT),
        ("الحالية", CURRENT),
    ]
)
PERIOD_NOUNS: dict[str, str] = _table(
    [("شهر", "month"), ("عام", "year"), ("سنة", "year"), ("أسبوع", "week")]
)
THIS_WORDS = frozenset(fold(w) for w in ("هذا", "هذه"))

# Named days relative to publication: offset in days.
RELATIVE_DAYS: tuple[tuple[Phrase, int], ...] = _phrases(
    [
        ("اليوم", 0),
        ("أمس", -1),
        ("البارحة", -1),
        ("أمس الأول", -2),
        ("أول أمس", -2),
        ("أول من أمس", -2),
        ("غدا", 1),
        ("بعد غد", 2),
        ("الليلة الماضية", -1),
        ("الليلة", 0),  # «تجتمع اللجنة الليلة»: tonight, the publication day
        ("هذه الليلة", 0),
        ("يوم أمس", -1),
        ("ليلة أمس", -1),
    ]
)
# "اليوم" that is part of a name (العرب اليوم, روسيا اليوم) or means something else.
TODAY_NAME_WORDS = frozenset(
    fold(w) for w in ("العرب", "روسيا", "المصري", "مصر", "أخبار", "الأردن", "فلسطين", "الجزائر")
)

# Parts of a month or year: keep the precision of what follows.
PART_WORDS = frozenset(
    fold(w)
    for w in (
        "منتصف",
        "مطلع",
        "أوائل",
        "أواخر",
        "نهاية",
        "أواسط",
        "بداية",
        "أول",
        "آخر",
        "مستهل",
        "أوسط",
        "خواتيم",
        "ختام",
        "صيف",
        "شتاء",
        "ربيع",
        "خريف",
    )
)
# "أول"/"آخر" are parts only before a month or a relative period.
WEAK_PART_WORDS = frozenset(fold(w) for w in ("أول", "آخر", "ربيع"))
YEAR_WORDS = frozenset(fold(w) for w in ("عام", "العام", "سنة", "السنة", "عامي"))
# Prepositions after which a bare four-digit year is read as a year.
YEAR_PREPS = frozenset(fold(w) for w in ("في", "منذ", "خلال", "حتى", "مع", "قبل", "بعد", "لغاية"))

ORDINAL_DAYS: tuple[tuple[Phrase, int], ...] = _phrases(
    [
        ("الأول", 1),
        ("الثاني", 2),
        ("الثالث", 3),
        ("الرابع", 4),
        ("الخامس", 5),
        ("السادس", 6),
        ("السابع", 7),
        ("الثامن", 8),
        ("التاسع", 9),
        ("العاشر", 10),
        ("الحادي عشر", 11),
        ("الثاني عشر", 12),
        ("الثالث عشر", 13),
        ("الرابع عشر", 14),
        ("الخامس عشر", 15),
        ("السادس عشر", 16),
        ("السابع عشر", 17),
        ("الثامن عشر", 18),
        ("التاسع عشر", 19),
        ("العشرين", 20),
        ("الحادي والعشرين", 21),
        ("الثاني والعشرين", 22),
        ("الثالث والعشرين", 23),
        ("الرابع والعشرين", 24),
        ("الخامس والعشرين", 25),
        ("السادس والعشرين", 26),
        ("السابع والعشرين", 27),
        ("الثامن والعشرين", 28),
        ("التاسع والعشرين", 29),
        ("الثلاثين", 30),
        ("الحادي والثلاثين", 31),
    ]
)

# Date deadline cues before a date (longest first) and the English qualifier.
DATE_CUES: tuple[tuple[Phrase, str], ...] = _phrases(
    [
        ("حتى", "until"),
        ("لغاية", "until"),
        ("إلى غاية", "until"),
        ("لحين", "until"),
        ("بحلول", "by"),
        ("مع حلول", "by"),
        ("بحلول نهاية", "by the end of"),
        ("بنهاية", "by the end of"),
        ("مع نهاية", "by the end of"),
        ("قبل نهاية", "by the end of"),
        ("بحلول أواخر", "by the end of"),
        ("قبل", "before"),
        ("في موعد أقصاه", "no later than"),
        ("موعد أقصاه", "no later than"),
        ("في موعد لا يتجاوز", "no later than"),
        ("لا يتجاوز", "no later than"),
        ("في أجل أقصاه", "no later than"),
        ("أجل أقصاه", "no later than"),
        ("في موعد أقصاه نهاية", "no later than the end of"),
        ("موعد أقصاه نهاية", "no later than the end of"),
        ("في موعد لا يتجاوز نهاية", "no later than the end of"),
        ("لا يتجاوز نهاية", "no later than the end of"),
        ("في أجل أقصاه نهاية", "no later than the end of"),
        ("اعتبارا من", "from"),
        ("ابتداء من", "from"),
        ("بدءا من", "from"),
        ("بدء من", "from"),
        ("اعتبارا", "from"),
        ("ابتداء", "from"),
        ("بعد", "after"),
    ]
)
AT_LEAST = tuple(fold("على الأقل").split())
# Named event dates («ثورة 25 يناير», «قوى 14 آذار»): not a date of the article.
EVENT_NAME_WORDS = frozenset(
    fold(w)
    for w in (
        "ثورة",
        "حرب",
        "أحداث",
        "هجمات",
        "انتفاضة",
        "حركة",
        "مدينة",
        "جسر",
        "شارع",
        "ميدان",
        "جامعة",
        "نادي",
        "تيار",
        "قوى",
        "فريق",
        "معركة",
        "ذكرى",
        "عيد",
        "مجزرة",
        "نكبة",
        "نكسة",
        "اتفاق",
        "اتفاقية",
    )
)

# --- numbers -------------------------------------------------------------------------------

UNIT_WORDS: dict[str, int] = _table(
    [
        ("واحد", 1),
        ("واحدة", 1),
        ("اثنان", 2),
        ("اثنين", 2),
        ("اثنتان", 2),
        ("اثنتين", 2),
        ("ثلاث", 3),
        ("ثلاثة", 3),
        ("أربع", 4),
        ("أربعة", 4),
        ("خمس", 5),
        ("خمسة", 5),
        ("ست", 6),
        ("ستة", 6),
        ("سبع", 7),
        ("سبعة", 7),
        ("ثمان", 8),
        ("ثماني", 8),
        ("ثمانية", 8),
        ("تسع", 9),
        ("تسعة", 9),
        ("عشر", 10),
        ("عشرة", 10),
    ]
)
TEEN_HEADS: dict[str, int] = _table(
    [("أحد", 11), ("إحدى", 11), ("اثنا", 12), ("اثني", 12), ("اثنتا", 12), ("اثنتي", 12)]
)
TEEN_TAILS = frozenset(fold(w) for w in ("عشر", "عشرة"))
TEN_WORDS: dict[str, int] = _table(
    (form, 10 * n)
    for n, stem in (
        (2, "عشر"),
        (3, "ثلاث"),
        (4, "أربع"),
        (5, "خمس"),
        (6, "ست"),
        (7, "سبع"),
        (8, "ثمان"),
        (9, "تسع"),
    )
    for form in (stem + "ون", stem + "ين")
)
HUNDRED_WORD = frozenset(fold(w) for w in ("مئة", "مائة", "مئه", "مائه"))
_HUNDRED_PREFIXES = (
    (3, ("ثلاث", "ثلاثة")),
    (4, ("أربع", "أربعة")),
    (5, ("خمس", "خمسة")),
    (6, ("ست", "ستة")),
    (7, ("سبع", "سبعة")),
    (8, ("ثمان", "ثماني", "ثمانية")),
    (9, ("تسع", "تسعة")),
)
HUNDRED_WORDS: dict[str, int] = _table(
    [
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مئتين", 200),
        ("مئتي", 200),
        ("مائتان", 200),
        ("مائتين", 200),
        ("مائتي", 200),
        ("مئتا", 200),
        ("مائتا", 200),
    ]
    + [(p + h, 100 * n) for n, ps in _HUNDRED_PREFIXES for p in ps for h in ("مئة", "مائة")]
)
# Scale words: (scale, multiplier); multiplier None for plurals that need a count before.
SCALE_WORDS: dict[str, tuple[float, int | None]] = _table(
    [
        ("ألف", (1e3, 1)),
        ("ألفا", (1e3, 1)),
        ("آلاف", (1e3, None)),
        ("ألفين", (1e3, 2)),
        ("ألفي", (1e3, 2)),
        ("ألفان", (1e3, 2)),
        ("مليون", (1e6, 1)),
        ("مليونا", (1e6, 1)),
        ("ملايين", (1e6, None)),
        ("مليونين", (1e6, 2)),
        ("مليوني", (1e6, 2)),
        ("مليونان", (1e6, 2)),
        ("مليار", (1e9, 1)),
        ("مليارا", (1e9, 1)),
        ("مليارات", (1e9, None)),
        ("مليارين", (1e9, 2)),
        ("ملياري", (1e9, 2)),
        ("بليون", (1e9, 1)),
        ("تريليون", (1e12, 1)),
        ("ترليون", (1e12, 1)),
        ("تريليونات", (1e12, None)),
        ("thousand", (1e3, 1)),
        ("million", (1e6, 1)),
        ("billion", (1e9, 1)),
    ]
)
FRACTIONS: dict[str, float] = _table([("نصف", 0.5), ("ربع", 0.25), ("ثلث", 1 / 3)])
# Vague counts: base; «عشرات» = 20..99, «مئات الآلاف» = 200,000..999,999.
VAGUE_COUNTS: dict[str, float] = _table(
    [("عشرات", 10), ("مئات", 100), ("آلاف", 1e3), ("ملايين", 1e6), ("مليارات", 1e9)]
)
VAGUE_SCALES: dict[str, float] = _table([("آلاف", 1e3), ("ملايين", 1e6), ("مليارات", 1e9)])
FEW_WORDS = frozenset(fold(w) for w in ("بضع", "بضعة", "عدة"))

# Duals of time nouns: the value 2 and the unit.
DUAL_NOUNS: dict[str, str] = _table(
    [
        ("شهرين", "months"),
        ("شهران", "months"),
        ("عامين", "years"),
        ("عامان", "years"),
        ("سنتين", "years"),
        ("سنتان", "years"),
        ("يومين", "days"),
        ("يومان", "days"),
        ("أسبوعين", "weeks"),
        ("أسبوعان", "weeks"),
        ("ساعتين", "hours"),
        ("ساعتان", "hours"),
        ("دقيقتين", "minutes"),
        ("عقدين", "decades"),
    ]
)

HEDGES: tuple[tuple[Phrase, Approx], ...] = _phrases(
    [
        ("نحو", "about"),
        ("قرابة", "about"),
        ("حوالي", "about"),
        ("حوالى", "about"),
        ("زهاء", "about"),
        ("ما يقارب", "about"),
        ("يقارب", "about"),
        ("ما يناهز", "about"),
        ("يناهز", "about"),
        ("ما يقرب من", "about"),
        ("يقرب من", "about"),
        ("تقريبا", "about"),
        ("في حدود", "about"),
        ("ما يعادل", "about"),
        ("أكثر من", "more than"),
        ("ما يزيد عن", "more than"),
        ("ما يزيد على", "more than"),
        ("يزيد عن", "more than"),
        ("يزيد على", "more than"),
        ("أزيد من", "more than"),
        ("ما يربو على", "more than"),
        ("يربو على", "more than"),
        ("ما يفوق", "more than"),
        ("يفوق", "more than"),
        ("ما فوق", "more than"),
        ("أقل من", "less than"),
        ("ما دون", "less than"),
        ("دون", "less than"),
        ("ما يقل عن", "less than"),
        ("يقل عن", "less than"),
        ("لا يقل عن", "at least"),
        ("ما لا يقل عن", "at least"),
        ("لا يقل على", "at least"),
        ("ما لا يقل على", "at least"),
        ("على الأقل", "at least"),
        ("لا يزيد عن", "at most"),
        ("لا يزيد على", "at most"),
        ("ما لا يزيد عن", "at most"),
        ("ما لا يزيد على", "at most"),
        ("لا يتجاوز", "at most"),
        ("ما لا يتجاوز", "at most"),
        ("ما يصل إلى", "at most"),
        ("يصل إلى", "at most"),
        ("بحد أقصى", "at most"),
        ("كحد أقصى", "at most"),
    ]
)
POST_HEDGES: tuple[tuple[Phrase, Approx], ...] = _phrases(
    [
        ("تقريبا", "about"),
        ("على الأقل", "at least"),
        ("على الأكثر", "at most"),
        ("كحد أدنى", "at least"),
        ("كحد أقصى", "at most"),
    ]
)
# Verbs and nouns of change: «ارتفع من 50 إلى 70» gives two figures, not a range.
CHANGE_VERBS = frozenset(
    fold(w)
    for w in (
        "ارتفع",
        "ارتفعت",
        "انخفض",
        "انخفضت",
        "تراجع",
        "تراجعت",
        "زاد",
        "زادت",
        "قفز",
        "قفزت",
        "هبط",
        "هبطت",
        "رفع",
        "رفعت",
        "خفض",
        "خفضت",
        "صعد",
        "صعدت",
        "تقلص",
        "تقلصت",
        "ارتفاع",
        "انخفاض",
        "زيادة",
        "خفض",
        "رفع",
        "تغير",
        "انتقل",
        "نما",
        "يرتفع",
        "ترتفع",
        "ينخفض",
        "تنخفض",
        "يتراجع",
        "تتراجع",
        "يزيد",
        "تزيد",
    )
)
RANGE_OPENERS = frozenset((fold("بين"),))  # «ما بين» is read as «ما» + «بين»
DURATION_CUES: tuple[tuple[Phrase, str], ...] = _phrases(
    [("خلال", "within"), ("في غضون", "within"), ("غضون", "within"), ("في خلال", "within")]
)

# Counted nouns → English unit. Forms: singular, accusative singular (+ا) and plurals.
_UNITS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("جندي", ("جنود", "جنديا"), "troops"),
    ("عسكري", ("عسكريين", "عسكريون", "عسكريا"), "troops"),
    ("قوات", (), "troops"),
    ("مقاتل", ("مقاتلين", "مقاتلون", "مقاتلا"), "fighters"),
    ("مسلح", ("مسلحين", "مسلحون", "مسلحا"), "gunmen"),
    ("عنصر", ("عناصر", "عنصرا"), "members"),
    ("عضو", ("أعضاء", "عضوا"), "members"),
    ("ضابط", ("ضباط", "ضابطا"), "officers"),
    ("قائد", ("قادة", "قائدا"), "commanders"),
    ("مستشار", ("مستشارين", "مستشارا"), "advisers"),
    ("قتيل", ("قتلى", "قتيلا"), "killed"),
    ("جريح", ("جرحى", "جريحا"), "wounded"),
    ("مصاب", ("مصابين", "مصابا"), "wounded"),
    ("ضحية", ("ضحايا",), "victims"),
    ("شهيد", ("شهداء", "شهيدا"), "killed"),
    ("مدني", ("مدنيين", "مدنيون", "مدنيا"), "civilians"),
    ("شخص", ("أشخاص", "شخصا"), "people"),
    ("نسمة", (), "people"),
    ("مواطن", ("مواطنين", "مواطنون", "مواطنا"), "people"),
    ("فرد", ("أفراد", "فردا"), "people"),
    ("طفل", ("أطفال", "طفلا"), "children"),
    ("امرأة", ("نساء", "سيدة", "سيدات"), "women"),
    ("متظاهر", ("متظاهرين", "متظاهرون", "متظاهرا"), "protesters"),
    ("سائح", ("سياح", "سائحا"), "tourists"),
    ("مهاجر", ("مهاجرين", "مهاجرون", "مهاجرا"), "migrants"),
    ("لاجئ", ("لاجئين", "لاجئون", "لاجئا"), "refugees"),
    ("نازح", ("نازحين", "نازحون", "نازحا"), "displaced"),
    ("معتقل", ("معتقلين", "معتقلا"), "detainees"),
    ("محتجز", ("محتجزين", "محتجزا"), "detainees"),
    ("سجين", ("سجناء", "سجينا"), "prisoners"),
    ("أسير", ("أسرى", "أسيرا"), "prisoners"),
    ("رهينة", ("رهائن",), "hostages"),
    ("موظف", ("موظفين", "موظفون", "موظفا"), "employees"),
    ("عامل", ("عمال", "عاملا"), "workers"),
    ("طالب", ("طلاب", "طلبة", "طالبا"), "students"),
    ("ناخب", ("ناخبين", "ناخبا"), "voters"),
    ("صوت", ("أصوات", "صوتا"), "votes"),
    ("مقعد", ("مقاعد", "مقعدا"), "seats"),
    ("دولة", ("دول",), "countries"),
    ("قاعدة", ("قواعد",), "bases"),
    ("غارة", ("غارات",), "airstrikes"),
    ("ضربة", ("ضربات",), "strikes"),
    ("هجوم", ("هجمات", "هجوما"), "attacks"),
    ("صاروخ", ("صواريخ", "صاروخا"), "missiles"),
    ("قذيفة", ("قذائف",), "shells"),
    ("طائرة", ("طائرات",), "aircraft"),
    ("مسيرة", ("مسيرات",), "drones"),
    ("دبابة", ("دبابات",), "tanks"),
    ("آلية", ("آليات",), "vehicles"),
    ("منزل", ("منازل", "منزلا"), "homes"),
    ("مبنى", ("مباني", "مبان"), "buildings"),
    ("عائلة", ("عائلات", "أسرة", "أسر"), "families"),
    ("شاحنة", ("شاحنات",), "trucks"),
    ("مرة", ("مرات",), "times"),
    ("إصابة", ("إصابات",), "injuries"),
    ("وفاة", ("وفيات",), "deaths"),
    ("حالة", ("حالات",), "cases"),
    ("مريض", ("مرضى", "مريضا"), "patients"),
    ("مرشح", ("مرشحين", "مرشحون", "مرشحا"), "candidates"),
    ("مدرسة", ("مدارس",), "schools"),
    ("مستشفى", ("مستشفيات",), "hospitals"),
    ("قرية", ("قرى",), "villages"),
    ("مجزرة", ("مجازر",), "massacres"),
    ("نقطة", ("نقاط",), "points"),
    ("مرحلة", ("مراحل",), "phases"),
    ("درجة", ("درجات",), "degrees"),
    ("دولار", ("دولارات", "دولارا"), "USD"),
    ("يورو", (), "EUR"),
    ("جنيه", ("جنيهات", "جنيها"), "EGP"),
    ("ليرة", ("ليرات",), "lira"),
    ("ريال", ("ريالات", "ريالا"), "riyal"),
    ("دينار", ("دنانير", "دينارا"), "dinar"),
    ("درهم", ("دراهم", "درهما"), "dirham"),
    ("كيلومتر", ("كيلومترات", "كيلومترا", "كلم", "كم", "كيلو", "كيلومتر"), "km"),
    ("متر", ("أمتار", "مترا"), "m"),
    ("كيلوغرام", ("كيلوغرامات", "كغ", "كجم", "كيلوجرام", "كيلوغراما"), "kg"),
    ("طن", ("أطنان", "طنا"), "tonnes"),
    ("برميل", ("براميل", "برميلا"), "barrels"),
    ("لتر", ("لترات", "لترا"), "litres"),
    ("هكتار", ("هكتارات", "هكتارا"), "hectares"),
    ("دونم", ("دونمات", "دونما"), "dunams"),
    ("ميغاواط", ("ميغاوات", "ميجاوات"), "MW"),
    ("ثانية", ("ثوان", "ثواني"), "seconds"),
    ("دقيقة", ("دقائق",), "minutes"),
    ("ساعة", ("ساعات",), "hours"),
    ("يوم", ("أيام", "يوما"), "days"),
    ("أسبوع", ("أسابيع", "أسبوعا"), "weeks"),
    ("شهر", ("أشهر", "شهور", "شهرا"), "months"),
    ("سنة", ("سنوات", "سنين", "سنون"), "years"),
    ("عام", ("أعوام", "عاما"), "years"),
    ("عقد", ("عقود",), "decades"),
    ("km", ("كم",), "km"),
    ("troops", ("soldiers",), "troops"),
    ("people", (), "people"),
)
UNIT_NOUNS: dict[str, str] = _table(
    (form, label) for sing, plurals, label in _UNITS for form in (sing, *plurals)
)
TIME_UNITS = frozenset(("seconds", "minutes", "hours", "days", "weeks", "months", "years"))
PERCENT_WORDS: tuple[tuple[Phrase, str], ...] = _phrases(
    [
        ("بالمئة", "%"),
        ("بالمائة", "%"),
        ("في المئة", "%"),
        ("في المائة", "%"),
        ("%", "%"),
        ("percent", "%"),
        ("per cent", "%"),
    ]
)
SQUARE_WORDS = frozenset(fold(w) for w in ("مربع", "مربعا", "مربعة"))
CURRENCY_ADJECTIVES: dict[tuple[str, str], str] = {
    (label, fold(adj)): code
    for label, pairs in (
        (
            "lira",
            (
                ("سورية", "SYP"),
                ("سوري", "SYP"),
                ("لبنانية", "LBP"),
                ("لبناني", "LBP"),
                ("تركية", "TRY"),
                ("تركي", "TRY"),
            ),
        ),
        (
            "riyal",
            (
                ("سعودي", "SAR"),
                ("قطري", "QAR"),
                ("عماني", "OMR"),
                ("يمني", "YER"),
                ("إيراني", "IRR"),
            ),
        ),
        (
            "dinar",
            (
                ("عراقي", "IQD"),
                ("كويتي", "KWD"),
                ("أردني", "JOD"),
                ("ليبي", "LYD"),
                ("تونسي", "TND"),
                ("جزائري", "DZD"),
                ("بحريني", "BHD"),
            ),
        ),
        ("dirham", (("إماراتي", "AED"), ("مغربي", "MAD"))),
        ("EGP", (("مصري", "EGP"), ("سوداني", "SDG"), ("إسترليني", "GBP"), ("استرليني", "GBP"))),
        ("USD", (("أمريكي", "USD"), ("أميركي", "USD"))),
    )
    for adj, code in pairs
}
LAST_WORDS = frozenset(fold(w) for w in ("الأخيرة", "الأخير", "الأخيرين", "الأخيرتين"))

# Words before a number that make it a name or a reference, not a figure.
REFERENCE_WORDS = frozenset(
    fold(w)
    for w in (
        "قرار",
        "رقم",
        "مادة",
        "بند",
        "فقرة",
        "قانون",
        "مرسوم",
        "طريق",
        "رحلة",
        "هاتف",
        "جوال",
        "صفحة",
        "فرقة",
        "لواء",
        "كتيبة",
        "فوج",
        "فيلق",
        "دورة",
        "نسخة",
        "إصدار",
        "شارع",
        "قناة",
        "كود",
        "رمز",
        "مرتبة",
        "مركز",
        "جولة",
        "كوفيد",
        "طراز",
        "موديل",
        "آية",
        "سورة",
        "جلسة",
        "مشاهدات",
        "مشاهدة",
        "views",
        "resolution",
        "ساعة",
        "تمام",
        "حاجز",
        "مجموعة",
        "بوابة",
        "منفذ",
        "ملف",
        "قضية",
        "موقع",
        "كيلو",
        "كيلومتر",
    )
)
# Words allowed between a reference word and its number («قرار مجلس الأمن الدولي رقم 2254»).
REFERENCE_FILLERS = frozenset(
    fold(w) for w in ("مجلس", "الأمن", "الأمم", "المتحدة", "العامة", "رقم", "الدولي", "الأممي")
)
# Words after a number that make it no figure (views, likes, o'clock, a.m./p.m.).
AFTER_BLOCKERS = frozenset(
    fold(w)
    for w in (
        "مشاهدة",
        "مشاهدات",
        "views",
        "likes",
        "إعجاب",
        "retweets",
        "صباحا",
        "مساء",
        "ظهرا",
        "فجرا",
        "ليلا",
        "ص",
        "هـ",
        "ه",
        "am",
        "pm",
    )
)
GLUED_UNITS = frozenset(("km", "kg", "cm", "mm", "st", "nd", "rd", "th"))
