"""``detect_metadata``: the publication date and the source name, read from the text itself.

Only the header is trusted for the date: a labelled line («تاريخ النشر: ...», «نشر في»,
«Published») or a dateline near the top that is little more than a date
(«الأربعاء، 1 أكتوبر 2025»). Dates inside body sentences are never taken.
"""

from __future__ import annotations

import re

from summarizer.models import Mention
from summarizer.normalize.mentions import find_mentions
from summarizer.normalize.text import normalize
from summarizer.normalize.vocab import HIJRI_MONTHS, fold

_PUBLISHED_LABELS = tuple(
    fold(w)
    for w in (
        "تاريخ النشر",
        "نشر في",
        "نشر بتاريخ",
        "تاريخ الخبر",
        "نشر يوم",
        "published",
        "publish date",
        "date published",
    )
)
_UPDATED_LABELS = tuple(fold(w) for w in ("آخر تحديث", "تاريخ التحديث", "updated", "تحديث"))
# Words a dateline may carry besides its date.
_DATELINE_NOISE = (
    frozenset(
        fold(w)
        for w in (
            "آخر",
            "تحديث",
            "نشر",
            "في",
            "تاريخ",
            "النشر",
            "بتاريخ",
            "gmt",
            "utc",
            "am",
            "pm",
            "ص",
            "م",
            "بتوقيت",
            "غرينتش",
            "غرينيتش",
            "مكة",
            "المكرمة",
            "القدس",
            "الساعة",
            "السبت",
            "الأحد",
            "الاثنين",
            "الثلاثاء",
            "الأربعاء",
            "الخميس",
            "الجمعة",
            "|",
            "هـ",
            "الآخر",
            "الأول",
            "الثاني",
            "الأولى",
            "الآخرة",
            "الحجة",
            "القعدة",
            "توقيت",
            "بيروت",
            "القاهرة",
            "الرياض",
            "دمشق",
            "بغداد",
        )
    )
    | HIJRI_MONTHS
)
_SOURCE_RE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|المصدر الأصلي|source)\s*[:：]\s*(.+?)\s*$", re.I)
_DATELINE_SOURCE_RE = re.compile(
    r"^\s*([^\s\-–—ـ:]+(?:\s[^\s\-–—ـ:]+)?)\s*[-–—ـ]+\s*([^\d\-–—ـ:]+?)\s*$"
)
_TIME_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_WORD_RE = re.compile(r"[^\W\d_]+|\|")
_QUOTES = "\"'«»“”‘’()[]"
_HEAD_LINES = 10
_LABEL_LINES = 40
_MAX_DATELINE = 80
_MAX_SOURCE_WORDS = 8


def _full_dates(line: str) -> list[Mention]:
    return [m for m in find_mentions(line) if m.kind == "date" and m.date and len(m.date) == 10]


def _labelled_date(lines: list[str], labels: tuple[str, ...]) -> str | None:
    for line in lines[:_LABEL_LINES]:
        folded = normalize(line).text
        if any(label in folded for label in labels):
            dates = _full_dates(line)
            if dates:
                return dates[0].date
    return None


def _dateline_date(lines: list[str]) -> str | None:
    """A short line near the top that is essentially a date."""
    for line in [ln for ln in lines if ln.strip()][:_HEAD_LINES]:
        if len(line) > _MAX_DATELINE:
            continue
        dates = _full_dates(line)
        if not dates:
            continue
        rest = line
        for m in reversed(dates):
            rest = rest[: m.start] + " " + rest[m.end :]
        words = _WORD_RE.findall(normalize(_TIME_RE.sub(" ", rest)).text)
        if sum(1 for w in words if w not in _DATELINE_NOISE) <= 2:
            return dates[0].date
    return None


def _clean_source(text: str) -> str | None:
    name = text.strip().strip(_QUOTES).strip(" .،,;:-").strip(_QUOTES).strip()
    if not name or len(name.split()) > _MAX_SOURCE_WORDS or "http" in name:
        return None
    return name


def _source(lines: list[str]) -> str | None:
    for line in lines:
        m = _SOURCE_RE.match(line)
        if m:
            name = _clean_source(m.group(1))
            if name:
                return name
    for line in [ln for ln in lines if ln.strip()][:3]:
        m = _DATELINE_SOURCE_RE.match(line)
        if m and len(line.strip()) <= 40 and len(m.group(2).split()) <= 4:
            return _clean_source(m.group(2))
    return None


def detect_metadata(text: str) -> tuple[str | None, str | None]:
    """Return (publication date as ISO ``YYYY-MM-DD`` or None, source name or None).

    The date comes from a labelled header line («تاريخ النشر: 26th, October 2024 GMT»), else
    from a dateline near the top («الأربعاء، 1 أكتوبر 2025»), else from an update stamp;
    the source from «المصدر: ...» or a «City ـ Source» dateline on the first lines.
    """
    lines = text.splitlines()
    published = (
        _labelled_date(lines, _PUBLISHED_LABELS)
        or _dateline_date(lines)
        or _labelled_date(lines, _UPDATED_LABELS)
    )
    return published, _source(lines)
