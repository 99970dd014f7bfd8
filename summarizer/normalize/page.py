"""The shapes of a news page's lines: headline, lede, or site furniture.

A stored news page opens with furniture (menus, slogans, follow prompts, datelines, time stamps,
section tags, the outlet's masthead) around its headline, then the lede paragraph. These helpers
tell them apart by shape alone, with the word lists of ``data/page.json``; no phrase of any one
page is known here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from summarizer.normalize.text import normalize

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_MENU_SEPARATORS = re.compile(r"[|»›>•]|\s/\s")
_QUOTES = "\"'«»“”‘’„"
# A sentence ends inside the line: a stop (not an ellipsis «..») followed by more words.
_INNER_STOP = re.compile(r"(?<![.\d])[.!?؟](?![.\d])\s+\S")
# «City ـ Outlet»: two short parts around a dash.
_DASHES = re.compile(r"\s[ـ–—-]\s|\s*ـ\s*")
_WEEKDAYS = frozenset(
    normalize(w).text
    for w in ("السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "اليوم")
)
MIN_HEADLINE_WORDS = 4
MAX_HEADLINE_WORDS = 20  # a longer opening line is the lede paragraph
MAX_TITLE_CHARS = 200
_GLUED_LETTERS = 13  # letters of a "word" that is really several menu items run together


@dataclass(frozen=True)
class PageWords:
    """The word lists of ``data/page.json``, folded."""

    furniture: frozenset[str]
    sections: frozenset[str]
    outlet_words: frozenset[str]
    byline_words: frozenset[str]
    outlet_words_en: frozenset[str]


def _folded(entries: object, key: str) -> frozenset[str]:
    if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
        raise ValueError(f"data/page.json: '{key}' must be a list of non-empty strings")
    return frozenset(fold_line(e) for e in entries)


@lru_cache(maxsize=1)
def page_words() -> PageWords:
    """Load ``data/page.json`` once.

    Raises:
        ValueError: a list is missing or holds something other than non-empty strings.
    """
    raw = resources.files("summarizer").joinpath("data", "page.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return PageWords(
        furniture=_folded(data.get("furniture"), "furniture"),
        sections=_folded(data.get("sections"), "sections"),
        outlet_words=_folded(data.get("outlet_words"), "outlet_words"),
        byline_words=_folded(data.get("byline_words"), "byline_words"),
        outlet_words_en=_folded(data.get("outlet_words_en"), "outlet_words_en"),
    )


def fold_line(text: str) -> str:
    """A line folded for matching (hamza forms, ta marbuta, diacritics, case), one space apart."""
    return " ".join(re.findall(r"[^\W_]+", normalize(text).text))


def words_of(line: str) -> list[str]:
    """The words of a line that hold letters."""
    return [w for w in line.split() if _LETTERS.search(w)]


def has_phrase(folded_line: str, phrases: frozenset[str]) -> bool:
    """Whether one of the folded ``phrases`` occurs as whole words in a folded line."""
    padded = f" {folded_line} "
    return any(f" {p} " in padded for p in phrases)


def is_furniture(line: str, arabic_page: bool) -> bool:
    """A line of site furniture: a follow or share prompt, a posting stamp, a quoted slogan,
    a menu or breadcrumb, a line with no Arabic on an Arabic page, or a line ending in a colon."""
    text = line.strip()
    if not text:
        return True
    if has_phrase(fold_line(text), page_words().furniture):
        return True
    if arabic_page and not _ARABIC.search(text):
        return True
    inner = text.strip(_QUOTES).strip()
    if inner != text and text[0] in _QUOTES and text[-1] in _QUOTES and len(words_of(inner)) <= 6:
        return True  # a slogan in quotes («"كن أول من يعرف"»)
    if len(_MENU_SEPARATORS.findall(text)) >= 3:
        return True
    glued = [w for w in words_of(text) if len(_LETTERS.findall(w)) >= _GLUED_LETTERS]
    return len(glued) >= 2 or text.endswith((":", "："))


def is_date_line(line: str) -> bool:
    """A time stamp: a line that is mostly digits, or a date with a weekday or clock time."""
    text = line.strip()
    digits = sum(c.isdigit() for c in text)
    if digits > len(text.replace(" ", "")) / 3:
        return True
    rest = [w for w in fold_line(re.sub(r"[\d٠-٩]+", " ", text)).split()]
    return bool(digits) and len(rest) <= 3 and any(w in _WEEKDAYS for w in rest)


def is_dateline(line: str) -> bool:
    """«عمّان ـ الصحيفة»: a place and an outlet around a dash, and nothing else."""
    parts = [p for p in _DASHES.split(line.strip()) if p.strip()]
    return len(parts) == 2 and len(parts[0].split()) <= 2 and len(words_of(line)) <= 6


def is_lede(line: str) -> bool:
    """The opening paragraph of the body: long, several sentences, or a report verb's clause
    with the day between commas («أعلنت الوزارة، الثلاثاء، ...»)."""
    words = words_of(line)
    if len(words) > MAX_HEADLINE_WORDS or _INNER_STOP.search(line.strip()):
        return True
    clauses = [fold_line(c) for c in re.split(r"[،,]", line)]
    return any(c in _WEEKDAYS or (c.startswith("اليوم ") and len(c.split()) == 2)
               for c in clauses[1:-1])  # fmt: skip


def reads_as_headline(line: str, arabic_page: bool) -> bool:
    """A line shaped like a headline: four to twenty words, one sentence, not furniture,
    not a time stamp or a dateline."""
    words = words_of(line)
    return (
        MIN_HEADLINE_WORDS <= len(words) <= MAX_HEADLINE_WORDS
        and not is_furniture(line, arabic_page)
        and not is_date_line(line)
        and not is_dateline(line)
        and not is_lede(line)
    )


def is_arabic_page(lines: list[str]) -> bool:
    """Whether most letters of the page are Arabic."""
    text = " ".join(lines)
    letters = _LETTERS.findall(text)
    return bool(letters) and sum(bool(_ARABIC.match(c)) for c in letters) > len(letters) / 2
