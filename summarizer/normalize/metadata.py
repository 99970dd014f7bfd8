"""``detect_metadata``: the publication date and the source name, read from the text itself;
``detect_title``: the page's headline.

Only the header is trusted for the date: a labelled line («تاريخ النشر: ...», «نشر في»,
«Published») or a dateline near the top that is little more than a date
(«الاثنين، 3 مارس 2031»). Dates inside body sentences are never taken.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

from summarizer.models import Mention
from summarizer.normalize.mentions import find_mentions
from summarizer.normalize.page import (
    MAX_TITLE_CHARS,
    fold_line,
    is_arabic_page,
    is_date_line,
    is_furniture,
    is_lede,
    page_words,
    reads_as_headline,
    words_of,
)
from summarizer.normalize.text import normalize
from summarizer.normalize.vocab import HIJRI_MONTHS, WEEKDAYS, fold

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
_MAX_MASTHEAD_WORDS = 3
_MAX_DATELINE_WORDS = 6
_TITLE_LINES = 8
_EXCERPT_WORDS = 14
_BYLINE_RE = re.compile(
    r"^\s*(?P<name>[^\s\-–—ـ/:]+(?:\s+[^\s\-–—ـ/:]+){0,2})\s*"
    r"(?P<sep>/\s*-?|[-–—ـ]+)\s*(?P<rest>.*)$"
)


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
    shown = [ln.strip() for ln in lines if ln.strip()]
    for line in shown[:3]:
        m = _DATELINE_SOURCE_RE.match(line)
        if m and len(line) <= 40 and len(m.group(2).split()) <= 4:
            if fold_line(m.group(2)) in page_words().byline_words:
                return _clean_source(m.group(1))  # «Outlet - متابعة»: the outlet comes first
            return _clean_source(m.group(2))
    return _masthead(shown) or _byline(shown)


def _masthead(lines: list[str]) -> str | None:
    """The short line right under the headline, when it is the outlet's name: a word or three,
    no digits, no section word, and not a tag (a tag's words all recur in the article)."""
    index = _headline_index(lines, is_arabic_page(lines[:_LABEL_LINES]))
    if index is None or index + 1 >= len(lines):
        return None
    line = lines[index + 1]
    words = [fold_line(w) for w in words_of(line)]
    if not 1 <= len(words) <= _MAX_MASTHEAD_WORDS or len(words) != len(line.split()):
        return None
    if any(c.isdigit() for c in line) or is_furniture(line, False) or is_date_line(line):
        return None
    if any(w in page_words().sections for w in words):
        return None
    prose = [ln for ln in lines[index + 2 :] if len(ln.split()) > _MAX_DATELINE_WORDS]
    if not prose:
        return None  # a masthead sits above an article
    body = set().union(*(_stems(w) for w in fold_line("\n".join(prose)).split()))
    if all(_stems(w) & body for w in words):
        return None  # a tag: it names the article's subject, which the article's prose goes on
        # about; an outlet's name recurs, if at all, only in its own lines (credits, footer)
    return _clean_source(line)


def _stems(word: str) -> set[str]:
    """A folded word's first four letters, with and without a leading article or conjunction:
    enough to see «لاجئون» and «اللاجئين» as one word."""
    forms = {word}
    for prefix in ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل", "ف", "ك"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            forms.add(word[len(prefix) :])
    return {f[:4] for f in forms}


def _byline(lines: list[str]) -> str | None:
    """An outlet's byline opening the lede: «الوكيل الإخباري- ...», «عراقيون /رياضة/...»,
    «المستقلة/- قال ...» (a name with an outlet word, or a name followed by a slash)."""
    words = page_words()
    for line in lines[:_TITLE_LINES]:
        m = _BYLINE_RE.match(line)
        if not m or any(c.isdigit() for c in m.group("name")):
            continue
        name, sep, rest = m.group("name"), m.group("sep"), m.group("rest")
        folded = fold_line(name).split()
        if any(w in words.sections for w in folded):
            continue
        rest_words = fold_line(rest).split()
        outlet_word = any(w in words.outlet_words for w in folded)
        byline_word = bool(rest_words) and rest_words[0] in words.byline_words
        if (
            (outlet_word and len(rest_words) >= 3)
            or byline_word
            or (sep.startswith("/") and len(rest_words) >= 3)
        ):
            return _clean_source(name)
    return None


def _headline_index(lines: list[str], arabic_page: bool) -> int | None:
    """The first line near the top that reads as a headline, before the lede begins."""
    labels = _PUBLISHED_LABELS + _UPDATED_LABELS
    for index, line in enumerate(lines[:_TITLE_LINES]):
        if any(label in normalize(line).text for label in labels):
            continue  # «تاريخ النشر: ...»
        if reads_as_headline(line, arabic_page):
            return index
        if is_lede(line) and not is_furniture(line, arabic_page):
            return None
    return None


def _excerpt(line: str) -> str:
    """The lede's first words, as a title for a page without a headline: its first sentence,
    or its first few words followed by an ellipsis."""
    sentence = re.split(r"(?<![.\d])[.!?؟](?![.\d])", line, maxsplit=1)[0].strip()
    words = sentence.split()
    if len(words) <= _EXCERPT_WORDS:
        return sentence
    return " ".join(words[:_EXCERPT_WORDS]).rstrip("،,;: ") + "…"


def detect_title(text: str) -> str | None:
    """The page's headline: the first line near the top that reads as a headline (never a
    slogan, menu, follow prompt, dateline, time stamp or section tag), or, on a page that has
    none, the opening words of its lede; None when the text has neither."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    arabic = is_arabic_page(lines[:_LABEL_LINES])
    index = _headline_index(lines, arabic)
    if index is not None:
        return lines[index][:MAX_TITLE_CHARS]
    for line in lines[:_TITLE_LINES]:
        if is_lede(line) and not is_furniture(line, arabic):
            return _excerpt(line)[:MAX_TITLE_CHARS]
    return None


def detect_metadata(text: str) -> tuple[str | None, str | None]:
    """Return (publication date as ISO ``YYYY-MM-DD`` or None, source name or None).

    The date comes from a labelled header line («تاريخ النشر: 3rd, March 2031 GMT»), else
    from a dateline near the top («الاثنين، 3 مارس 2031»), else from an update stamp;
    the source from «المصدر: ...» or a «City ـ Source» dateline on the first lines.
    """
    lines = text.splitlines()
    published = (
        _labelled_date(lines, _PUBLISHED_LABELS)
        or _dateline_date(lines)
        or _labelled_date(lines, _UPDATED_LABELS)
    )
    return published, _source(lines)


def infer_published(text: str) -> str | None:
    """The publication date of an article with no other, inferred from its own words: the
    latest full date it writes with its weekday, when the weekday is that date's
    («الخميس 5 حزيران 2025»: the day of the news, a dateline written in the body). A
    weekday that does not fit (a misprinted year) or a date written without one (the
    day of an event the article reports later) gives nothing; nor does a deadline."""
    found = [
        m.date
        for m in _full_dates(text)
        if m.date and not m.relative and m.qualifier is None and _with_its_weekday(m)
    ]
    return max(found, default=None)


def _with_its_weekday(mention: Mention) -> bool:
    """Whether a date mention writes a weekday, and it is the date's."""
    if mention.date is None:
        return False
    weekdays = [WEEKDAYS.get(w) for w in fold(mention.text).split()]
    named = [w for w in weekdays if w is not None]
    return len(named) == 1 and named[0] == date.fromisoformat(mention.date).weekday()


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a page address names: its host without ``www.`` («cairo24.com»); None for
    no address, a bare IP address or a host without a dot."""
    if not url or not url.strip():
        return None
    parsed = urlsplit(url.strip() if "//" in url else f"//{url.strip()}")
    host = (parsed.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    if "." not in host or all(part.isdigit() for part in host.split(".")):
        return None
    return host
