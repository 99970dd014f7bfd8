"""Step 2: keep only the article: drop page furniture, related-article tails and embedded posts.

The cleaned text is the reference text of the article: every quote and offset downstream points
into it. Cleaning works on whole lines, so kept lines are copied verbatim.
"""

from __future__ import annotations

import re
import unicodedata

from summarizer.models import Article, CleanArticle

# A line that starts the tail of the page: everything from it on is not the article.
_TAIL_MARKERS = (
    r"كلمات\s+دلالية",
    r"الكلمات\s+الدلالية",
    r"الوسوم",
    r"وسوم",
    r"مقالات\s+ذات\s+صلة",
    r"أخبار\s+ذات\s+صلة",
    r"مواضيع\s+ذات\s+صلة",
    r"قد\s+يهمك(\s+أيضا)?",
    r"قد\s+يعجبك(\s+أيضا)?",
    r"المقال\s+السابق",
    r"المقال\s+التالي",
    r"روابط\s+سريعة",
    r"أرسل\s+تعليقك",
    r"اترك\s+تعليقا",
    r"التعليقات",
    r"الأكثر\s+قراءة",
    r"اقرأ\s+المزيد",
    r"Related\s+(articles|posts|stories)",
    r"Read\s+more",
    r"Tags",
)
# "Read also" alone on its line opens a list of other articles; with a headline after it on the
# same line it is a single inline link, so only that line goes.
_READ_ALSO = r"[إا]قر[أا]\s+[أا]يض[اًا]*"
_SOURCE_LINE = r"(ال)?مصدر\s*[:：]"
_FURNITURE = (
    r"تاريخ\s+النشر",
    r"آخر\s+تحديث",
    r"تابع(ونا)?\b",
    r"تابع\s+أحدث\s+الأخبار",
    r"شارك(\s+(المقال|الخبر|على))?",
    r"(فيسبوك|تويتر|واتساب|تيليجرام|تلغرام|إنستغرام|يوتيوب)(\s|$)",
    r"الشبكات\s+الاجتماعية",
    r"للإعلان\s+معنا",
    r"حمّ?ل\s+تطبيق",
    r"اشترك\s+(في|ب)",
    r"(Share|Follow us|Subscribe)\b",
)
# Navigation words that may sit anywhere in a short line (menus are often glued together).
_NAV_ANYWHERE = re.compile(
    r"تابعونا|[إا]عرف\s+أكثر|اعرف\s+المزيد|آخر\s+تحديث|تاريخ\s+النشر|الشبكات\s+الاجتماعية"
    r"|للإعلان\s+معنا|سجل\s+الدخول|Last\s+updated",
    re.IGNORECASE,
)
_EMBED = re.compile(r"pic\.twitter\.com/|twitter\.com/|x\.com/\w+/status|—\s*[^—\n]*\(@\w+\)")
_HASHTAGS = re.compile(r"#\w+")
_TERMINAL = re.compile(r"[.!?؟…:»”\"')]\s*$")


def _line_start(patterns: tuple[str, ...] | str) -> re.Pattern[str]:
    alternatives = patterns if isinstance(patterns, str) else "|".join(patterns)
    return re.compile(rf"^\s*[-–—•*#]*\s*(?:{alternatives})\s*[:：.]?", re.IGNORECASE)


_TAIL_RE = _line_start(_TAIL_MARKERS)
_READ_ALSO_RE = _line_start(_READ_ALSO)
_SOURCE_RE = _line_start(_SOURCE_LINE)
_FURNITURE_RE = _line_start(_FURNITURE)


def clean_article(article: Article) -> CleanArticle:
    """Return the article's body: its lines up to the tail, without furniture and embeds."""
    lines = article.text.split("\n")
    end, marker = _tail_start(lines)
    kept = [line.strip() for line in lines[:end] if _is_body_line(line)]
    kept = [line for line in kept if line]
    run = _unpunctuated_tail(kept)
    if run:
        marker = marker or kept[-run][:60]
        kept = kept[:-run]
    text = "\n".join(kept)
    return CleanArticle(
        article=article,
        text=text,
        removed_chars=len(article.text) - len(text),
        boilerplate_start=marker,
    )


TAIL_LINE_WORDS = 20  # at most, a line of a related-articles block (a headline)
CREDIT_WORDS = 6  # at most, one last line that credits a source or names a section


def _unpunctuated_tail(lines: list[str]) -> int:
    """How many of the last body lines are a block of headlines or a credit, not the article:
    lines of at most ``TAIL_LINE_WORDS`` words that end without a sentence's punctuation,
    after a body whose lines do end with it (a related-articles list, «وكالات», a section
    name). One such line alone counts only when it is a credit's length."""
    run = 0
    while run < len(lines) and _headline_shaped(lines[-1 - run]):
        run += 1
    if run == len(lines) or not any(_TERMINAL.search(line) for line in lines[: len(lines) - run]):
        return 0
    if run == 1 and len(lines[-1].split()) > CREDIT_WORDS:
        return 0
    return run


def _headline_shaped(line: str) -> bool:
    return not _TERMINAL.search(line) and len(line.split()) <= TAIL_LINE_WORDS


def _tail_start(lines: list[str]) -> tuple[int, str | None]:
    half = _body_half_index(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _is_tail_marker(stripped) or (index >= half and _SOURCE_RE.match(stripped)):
            return index, stripped[:60]
    return len(lines), None


def _body_half_index(lines: list[str]) -> int:
    total = sum(len(line) for line in lines)
    running = 0
    for index, line in enumerate(lines):
        running += len(line)
        if running >= total / 2:
            return index
    return len(lines)


def _is_tail_marker(line: str) -> bool:
    if _TAIL_RE.match(line) and len(line) < 200:
        return True
    match = _READ_ALSO_RE.match(line)
    return match is not None and not line[match.end() :].strip()


def _is_body_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if _READ_ALSO_RE.match(stripped) or _EMBED.search(stripped):
        return False
    if len(stripped) < 120 and (_FURNITURE_RE.match(stripped) or _NAV_ANYWHERE.search(stripped)):
        return False
    if _mostly_hashtags(stripped):
        return False
    return _has_letters(stripped)


def _mostly_hashtags(line: str) -> bool:
    tags = _HASHTAGS.findall(line)
    return len(tags) >= 2 and sum(map(len, tags)) > len(line) / 2


def _has_letters(line: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in line)


# A stop with no space after it before an Arabic word ends a sentence too («حتى سبتمبر
# 2026.وأشار البيان»), but after one letter (an abbreviation: «د.محمد») and inside a number.
_SENTENCE_END = re.compile(
    r"(?<=[.!?؟])[\"'»”)\]]*\s+|\n+"
    r"|(?:(?<=[\u0621-\u064A]{2}[.!?؟])|(?<=\d[.!?؟]))(?=[\u0621-\u064A])"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the sentences of a cleaned text, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        _append_span(text, start, match.start(), spans)
        start = match.end()
    _append_span(text, start, len(text), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# A comma or a point between digits (12,345,678; 4.25) is part of a number, not a break.
_CLAUSE_BREAK = re.compile(r"[،؛;:!?؟\n\"“”«»]|(?<!\d)[.,]|[.,](?!\d)")
# Breaks of a window: sentence punctuation only, so a window keeps the clause's subject.
_WINDOW_BREAK = re.compile(r"[؛;!?؟\n]|(?<!\d)\.|\.(?!\d)")


def clause_around(text: str, start: int, end: int, max_words: int = 24) -> str:
    """Return the clause of the text that holds ``text[start:end]``, at most ``max_words`` long.

    Used to give an item native wording in the article's language without asking a model to
    write it: the words are the article's own.
    """
    left, cut = clause_span(text, start, end, max_words)
    return re.sub(r"\s+", " ", text[left:cut]).strip()


def clause_span(text: str, start: int, end: int, max_words: int = 24) -> tuple[int, int]:
    """The span of :func:`clause_around` in ``text`` (its white space as written). A clause
    that opens with the anchor after a comma, but for one word («، بثلاثة أهداف مقابل هدف»,
    «، وفي موعد أقصاه نهاية العام»), continues the one before it, when that one holds no
    number of the anchor's kind (a date's clause may count months before it: «إنهاء المهمة
    خلال 12 شهرا، وفي موعد أقصاه نهاية أيلول 2026»): it is that clause's complement, whose
    subject stands there."""
    left, cut = _span_around(text, start, end, max_words, _CLAUSE_BREAK)
    before = text[left:start].split()
    comma = text[:left].rstrip()[-1:] in _COMMAS
    if len(before) <= 1 and comma:
        at = len(text[:left].rstrip()) - 1
        previous = _span_around(text, at, at, max_words, _CLAUSE_BREAK)[0]
        # One with a number of its own is the clause of another value (or date): a list, not
        # one fact.
        kind = _YEAR if _YEAR.search(text, start, end) else _DIGIT
        if not kind.search(text, previous, at):
            left = previous
    return left, cut


_DIGIT = re.compile(r"[\d٠-٩]")
_YEAR = re.compile(r"(?<![\d٠-٩])(?:19|20|١٩|٢٠)[\d٠-٩]{2}(?![\d٠-٩])")


_COMMAS = frozenset("،,")


def window_around(text: str, start: int, end: int, max_words: int = 24) -> tuple[int, int]:
    """Return the span of the sentence part around ``text[start:end]``, at most ``max_words``
    long: commas do not end it, so it keeps the subject of a clause that starts after one."""
    return _span_around(text, start, end, max_words, _WINDOW_BREAK)


def _span_around(
    text: str, start: int, end: int, max_words: int, breaks: re.Pattern[str]
) -> tuple[int, int]:
    left = max((m.end() for m in breaks.finditer(text, 0, start)), default=0)
    right_match = breaks.search(text, end)
    right = right_match.start() if right_match else len(text)
    half = max(4, max_words // 2)
    while len(text[left:start].split()) > half:
        left = text.index(" ", left) + 1
    cut = end
    for count, match in enumerate(re.finditer(r"\S+", text[end:right]), start=1):
        if count > max(0, max_words - half):
            break
        cut = end + match.end()
    while left < cut and text[left].isspace():
        left += 1
    return left, cut
