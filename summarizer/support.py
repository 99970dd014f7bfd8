"""Is an item's English text supported by its cited quotes? (numbers, names, denials)

``unsupported_reasons`` lists what an English line states that no cited Arabic quote supports:

* numbers: every number written in the English (digits, thousands separators removed; the words
  three..ten — Arabic says one and two with a singular or dual noun) must be the item's value (or
  upper bound), a day or year of its date, or a number of a quote (Arabic-Indic digits,
  «ألف/مليون/مليار» scales, Arabic number words and ordinals understood);
* names: see ``summarizer.names`` (CLDR territory names via ``babel``, the bilingual table
  ``data/names.json``, demonyms, romanized consonant skeletons);
* denials: a quote that denies («نفت», «ينفي») needs a denial or negation in the English.

The checker is built for few false alarms on correct lines; the extraction pipeline uses it to
reject model text before it reaches the brief.
"""

from __future__ import annotations

import math
import re

from summarizer.names import (
    ARABIC_LETTERS,
    ARABIC_WORD,
    QuoteWords,
    english_names,
    fold_arabic,
    name_table,
    romanize_arabic,
    skeleton_english,
    sounds_alike,
    unsupported_names,
    word_forms,
)

__all__ = [
    "arabic_numbers",
    "denial_in",
    "english_names",
    "english_numbers",
    "fold_arabic",
    "name_table",
    "romanize_arabic",
    "skeleton_english",
    "sounds_alike",
    "unsupported_reasons",
]

# --------------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------------

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
_EN_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6}
_AR_SCALE = {
    "الف": 1e3, "الاف": 1e3, "مليون": 1e6, "ملايين": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "بليون": 1e9, "تريليون": 1e12, "ترليون": 1e12,
}
# 'one' and 'two' are left out: Arabic states them by a singular or dual noun («عام», «الطرفين»)
_EN_WORDS = {
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}
_EN_WORD_NUMBER = re.compile(r"\b(" + "|".join(_EN_WORDS) + r")\b", re.IGNORECASE)
_AR_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "ثلاث": 3, "ثلاثه": 3,
    "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8,
    "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10, "عشرون": 20, "عشرين": 20,
    "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50, "خمسين": 50, "مئه": 100,
    "مائه": 100, "مئات": 100, "الفين": 2000, "الفان": 2000, "مليونين": 2e6, "مليوني": 2e6,
    "مليارين": 2e9, "ملياري": 2e9,
    # ordinals: «الجولة التاسعة» supports 'round nine'
    "اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
}
# a score or count of nothing: «بهدفين دون رد», «بثلاثية نظيفة», «صفر»
_AR_ZERO = re.compile(r"دون رد|بلا رد|نظيف|صفر|لا شيء")
# clock times in words: «العاشرة والنصف» is 10:30
_AR_MINUTES = {"والنصف": 30.0, "والربع": 15.0, "الا ربع": 45.0, "والثلث": 20.0}
_AR_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d.,])")
_AR_COMPOUND = re.compile(
    r"(?:(\d+(?:\.\d+)?)\s*)?(مليونين|مليارين|مليوني|ملياري|مليون|مليار)\s+و\s*(\d+(?:\.\d+)?)\s*(?:الف|الاف)"
)


def _to_float(token: str) -> float:
    return float(token.replace(",", ""))


def english_numbers(text: str) -> list[tuple[str, float, float | None]]:
    """Numbers written in English text: (as written, value, value times a following scale word)."""
    found: list[tuple[str, float, float | None]] = []
    for m in _NUMBER.finditer(text):
        value = _to_float(m.group())
        after = re.match(r"\s*(thousand|million|billion|trillion|bn|m)\b", text[m.end() :], re.I)
        scaled = value * _EN_SCALE[after.group(1).lower()] if after else None
        found.append((m.group(), value, scaled))
    masked = text
    for m in _EN_WORD_NUMBER.finditer(masked):
        value = float(_EN_WORDS[m.group().lower()])
        after = re.match(r"\s*(thousand|million|billion|trillion)\b", masked[m.end() :], re.I)
        scaled = value * _EN_SCALE[after.group(1).lower()] if after else None
        found.append((m.group(), value, scaled))
    return found


def arabic_numbers(quote: str) -> set[float]:
    """Every number an Arabic quote states, raw and scaled by a following «ألف/مليون/مليار»."""
    text = fold_arabic(quote.translate(_AR_DIGITS))
    numbers: set[float] = set()
    for m in _NUMBER.finditer(text):
        raw = m.group()
        value = _to_float(raw)
        numbers.add(value)
        if re.fullmatch(r"\d+,\d{1,2}", raw):  # a decimal comma
            numbers.add(float(raw.replace(",", ".")))
        nxt = ARABIC_WORD.match(text[m.end() :].lstrip())
        if nxt:
            scale = next((s for w, s in _AR_SCALE.items() if w in word_forms(nxt.group())), None)
            if scale:
                numbers.add(value * scale)
    numbers |= {float(m.group().replace(".", "")) for m in _AR_DOT_THOUSANDS.finditer(text)}
    for m in _AR_COMPOUND.finditer(text):  # «مليون و400 ألف» = 1,400,000
        scale = _AR_SCALE.get(m.group(2)) or float(_AR_WORDS[m.group(2)])  # duals: 2e6, 2e9
        numbers.add(float(m.group(1) or 1) * scale + float(m.group(3)) * 1e3)
    if _AR_ZERO.search(text):
        numbers.add(0.0)
    numbers |= {minutes for words, minutes in _AR_MINUTES.items() if words in text}
    for word in ARABIC_WORD.findall(text):
        for form in word_forms(word):
            if form in _AR_WORDS:
                numbers.add(float(_AR_WORDS[form]))
            if form in _AR_SCALE:
                numbers.add(_AR_SCALE[form])  # «مليون لاجئ»: one million
    return numbers


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _date_numbers(date: str | None) -> set[float]:
    if not date:
        return set()
    parts = date.split("-")
    numbers = {float(parts[0])} if parts[0].isdigit() else set()
    if len(parts) == 3 and parts[2].isdigit():
        numbers.add(float(parts[2]))
    return numbers


def _number_reasons(
    text_en: str, quotes: list[str], value: float | None, value_max: float | None, date: str | None
) -> list[str]:
    allowed = {v for v in (value, value_max) if v is not None} | _date_numbers(date)
    for quote in quotes:
        allowed |= arabic_numbers(quote)
    reasons = []
    for written, raw, scaled in english_numbers(text_en):
        if any(_same(raw, a) or (scaled is not None and _same(scaled, a)) for a in allowed):
            continue
        reasons.append(f"number {written!r} is in no cited quote")
    return reasons


# A denial in the quote («نفت السفارة التقارير») must stay a denial in the English.
_AR_DENIAL = re.compile(
    rf"(?<![{ARABIC_LETTERS}])[وف]?(?:نفي|نفت|ينفي|تنفي|نفوا|ينفون|نافيا|نافيه)(?![{ARABIC_LETTERS}])"
)
_EN_NEGATION = re.compile(
    r"\b(?:den(?:y|ies|ied|ial|ying)|not|no|never|none|nothing|without|reject(?:s|ed)?|"
    r"refut(?:e|es|ed)|dismiss(?:es|ed)?|false|untrue|baseless)\b|n't\b",
    re.IGNORECASE,
)


def denial_in(arabic: str) -> str | None:
    """The denial verb of an Arabic text («نفت», «ينفي»…), or None: what it states is denied."""
    found = _AR_DENIAL.search(fold_arabic(arabic))
    return found.group() if found else None


def _polarity_reasons(text_en: str, quotes: list[str]) -> list[str]:
    for quote in quotes:
        denial = denial_in(quote)
        if denial and not _EN_NEGATION.search(text_en):
            return [f"the quote is a denial («{denial}») but the English does not say so"]
    return []


def unsupported_reasons(
    text_en: str,
    quotes: list[str],
    value: float | None = None,
    date: str | None = None,
    *,
    value_max: float | None = None,
) -> list[str]:
    """What ``text_en`` states that none of ``quotes`` supports (empty list: all supported):
    numbers, names, and a denial in a quote that the English drops.

    ``value`` / ``value_max`` are the item's normalized value and upper bound, ``date`` its ISO
    date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``): numbers equal to them are supported without a
    quote. Each reason is one English sentence naming the unsupported number or name.
    """
    reasons = _number_reasons(text_en, quotes, value, value_max, date)
    reasons += _polarity_reasons(text_en, quotes)
    for name in unsupported_names(text_en, QuoteWords.of(quotes)):
        reasons.append(f"name {name!r} is in no cited quote")
    return reasons
