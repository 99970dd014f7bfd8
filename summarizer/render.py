"""Render a ``Brief`` as Markdown, JSON or one self-contained HTML page.

Markdown gives an English brief followed by an Arabic one (right-to-left block). HTML puts both
languages side by side, draws the deadlines on an SVG timeline and opens the full article text
with the cited quote highlighted when a source chip is clicked. Only the standard library is used.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import pairwise
from typing import Literal
from urllib.parse import quote as url_quote

from summarizer.errors import BadArgument
from summarizer.models import (
    ArticleReport,
    Brief,
    Conflict,
    ConflictValue,
    Deadline,
    Dispute,
    Event,
    Figure,
    NextItem,
    Source,
    Story,
)
from summarizer.normalize.formatting import (
    format_approx,
    format_date,
    format_number,
    format_qualifier,
)
from summarizer.render_assets import CSS, JS, PAGE
from summarizer.stream import brief_json_chunks

Lang = Literal["en", "ar"]
LangChoice = Literal["en", "ar", "both"]

WORDS: dict[Lang, dict[str, str]] = {
    "en": {
        "title": "News brief",
        "summary": "Summary",
        "deadlines": "Deadlines",
        "figures": "Key figures",
        "events": "Events",
        "conflicts": "Conflicts and changes",
        "articles": "Articles",
        "no_summary": "No summary.",
        "no_deadlines": "No deadlines found.",
        "no_figures": "No figures found.",
        "no_events": "No events found.",
        "no_conflicts": "No conflicts or changes found.",
        "no_articles": "No articles.",
        "failed": "failed",
        "vs": "vs.",
        "comma": ", ",
        "semicolon": "; ",
        "not_stated": "not stated",
        "overview": "{total} articles: {ok} processed, {failed} failed.",
        "conflict_figure": "Figures differ",
        "conflict_deadline": "Dates differ",
        "disputed": "disputed",
        "read": "Read the article",
        "lang_tag": "ENGLISH",
        "no_outlet": "outlet unknown",
        "lead": "Lead",
        "next": "What comes next",
        "no_next": "No dated deadlines.",
        "as_of": "as of {date}",
        "upcoming": "upcoming",
        "passed": "passed",
        "stories": "Stories",
        "no_stories": "No stories.",
        "story_items": "{n} items",
        "in_story": "story",
        "said_by": "according to {who}",
        "disputes": "Disputed claims",
        "no_disputes": "No disputed claims.",
        "reported": "Reported",
        "denied": "Denied",
        "denied_by": "Denied by {who}",
    },
    "ar": {
        "title": "موجز إخباري",
        "summary": "الملخص",
        "deadlines": "المواعيد النهائية",
        "figures": "الأرقام الرئيسية",
        "events": "الأحداث",
        "conflicts": "التعارضات والتغيّرات",
        "articles": "المقالات",
        "no_summary": "لا يوجد ملخص.",
        "no_deadlines": "لا توجد مواعيد.",
        "no_figures": "لا توجد أرقام.",
        "no_events": "لا توجد أحداث.",
        "no_conflicts": "لا توجد تعارضات.",
        "no_articles": "لا توجد مقالات.",
        "failed": "تعذّرت المعالجة",
        "vs": "مقابل",
        "comma": "، ",
        "semicolon": "؛ ",
        "not_stated": "غير محدد",
        "overview": "عدد المقالات: {total}؛ عولج منها {ok}، وتعذّرت معالجة {failed}.",
        "conflict_figure": "تعارض في الأرقام",
        "conflict_deadline": "تعارض في المواعيد",
        "disputed": "متعارض",
        "read": "قراءة المقال",
        "lang_tag": "العربية",
        "no_outlet": "مصدر غير معروف",
        "lead": "الخلاصة",
        "next": "ما التالي",
        "no_next": "لا توجد مواعيد مؤرخة.",
        "as_of": "حتى {date}",
        "upcoming": "قادم",
        "passed": "انقضى",
        "stories": "القصص",
        "no_stories": "لا توجد قصص.",
        "story_items": "عدد البنود: {n}",
        "in_story": "القصة",
        "said_by": "بحسب {who}",
        "disputes": "ادعاءات متنازع عليها",
        "no_disputes": "لا توجد ادعاءات متنازع عليها.",
        "reported": "أفاد",
        "denied": "نُفي",
        "denied_by": "نفى ذلك: {who}",
    },
}

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MD_SPECIAL = re.compile(r"([\\`*<>\[\]])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


# ---------------------------------------------------------------------------------------------
# shared helpers
# ---------------------------------------------------------------------------------------------


def _iso_prefix(value: str | None) -> str | None:
    """Return the valid ISO date prefix of ``value`` (YYYY, YYYY-MM or YYYY-MM-DD), or None."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return match.group(0)


def _date_words(value: str | None, lang: Lang) -> str:
    """Format a date in words, tolerating malformed input (shown as given)."""
    iso = _iso_prefix(value)
    if value and not iso:
        return value
    return format_date(iso, lang)


def _when(item: Deadline | Event | NextItem, lang: Lang) -> str:
    """An item's date in words as precisely as its article writes it ("by the end of 2026"),
    or its normalized date in words when the item carries no such words."""
    if item.when is not None:
        return item.when.en if lang == "en" else item.when.ar
    return _date_words(item.date, lang) if item.date or not isinstance(item, Event) else ""


def said_by_words(item: Deadline | Figure | Event, lang: Lang) -> str:
    """«according to a US official» / «بحسب مسؤول أميركي»; '' when no quote names a speaker
    or (in English) when the speaker's English did not pass the support checks."""
    who = item.said_by.en if item.said_by and lang == "en" else None
    if lang == "ar" and item.said_by is not None:
        who = item.said_by.ar
    return WORDS[lang]["said_by"].format(who=who) if who else ""


def _with_speaker(item: Deadline | Figure | Event, lang: Lang) -> str:
    """The item's text followed by its speaker, when known."""
    text = getattr(item.text, lang)
    said = said_by_words(item, lang)
    return f"{text} ({said})" if said else text


def _sort_key(value: str | None) -> tuple[int, str]:
    """Sort dated items chronologically, undated ones last."""
    iso = _iso_prefix(value)
    return (0, iso) if iso else (1, "")


def sorted_deadlines(brief: Brief) -> list[Deadline]:
    """Return the brief's deadlines by date (undated last, otherwise in their given order)."""
    return sorted(brief.deadlines, key=lambda d: _sort_key(d.date))


def _sorted_events(brief: Brief) -> list[Event]:
    return sorted(brief.events, key=lambda e: _sort_key(e.date))


def _outlet_labels(brief: Brief) -> dict[str, str]:
    """Map article id → how its sources are cited: the outlet name, else the article id."""
    counts = Counter(a.source for a in brief.articles if a.source)
    labels: dict[str, str] = {}
    for article in brief.articles:
        if not article.source:
            labels[article.id] = article.id
        elif counts[article.source] > 1:
            labels[article.id] = f"{article.source} ({article.id})"
        else:
            labels[article.id] = article.source
    return labels


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _figure_value(figure: Figure, lang: Lang, with_unit: bool = True) -> str:
    """'about 2,500 troops' / 'نحو 2٬500'; ranges as '2,000–2,500'."""
    number = format_number(figure.value, lang)
    if figure.value_max is not None and figure.value_max != figure.value:
        number = f"{number}–{format_number(figure.value_max, lang)}"
    words = [format_approx(figure.approx, lang), number]
    if with_unit and lang == "en" and figure.unit:
        words.append(figure.unit)
    return " ".join(w for w in words if w)


def _conflict_value(kind: str, value: ConflictValue, lang: Lang) -> str:
    """One side of a conflict in words: a hedged number or a qualified date."""
    if kind == "figure" and value.value is not None:
        hedge = format_approx(value.approx, lang)
        return " ".join(w for w in (hedge, format_number(value.value, lang)) if w)
    if value.date:
        cue = format_qualifier(value.qualifier, lang) if value.qualifier else ""
        return " ".join(w for w in (cue, _date_words(value.date, lang)) if w)
    if value.value is not None:
        return format_number(value.value, lang)
    return WORDS[lang]["not_stated"]


def _conflict_subjects(brief: Brief, kind: str) -> set[str]:
    return {c.subject.casefold() for c in brief.conflicts if c.kind == kind}


def _overview(brief: Brief, lang: Lang) -> str:
    failed = sum(1 for a in brief.articles if a.status == "failed")
    total = sum(1 for a in brief.articles if a.status != "skipped")  # inputs that are articles
    return WORDS[lang]["overview"].format(total=total, ok=total - failed, failed=failed)


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------


def render_markdown(brief: Brief, lang: LangChoice = "both") -> str:
    """Render the brief as Markdown: an English brief, then an Arabic one (or only one of them).

    The Arabic brief is wrapped in ``<div dir="rtl" lang="ar">`` so Markdown viewers lay it out
    right to left. Every item line ends with its sources, cited by outlet name (article id when
    the outlet is unknown).
    """
    if lang not in ("en", "ar", "both"):
        raise BadArgument(f"lang must be 'en', 'ar' or 'both', not {lang!r}")
    langs: tuple[Lang, ...] = ("en", "ar") if lang == "both" else (lang,)
    labels = _outlet_labels(brief)
    return "\n\n".join(_md_brief(brief, one, labels) for one in langs) + "\n"


def _md(text: str | None) -> str:
    """One line of Markdown-safe text (no raw HTML, no accidental emphasis or links)."""
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


def _one_line(text: str | None) -> str:
    """The text on one line: control characters (terminal escapes included) become spaces."""
    return " ".join(_CONTROL.sub(" ", text or "").split())


def _md_id(text: str) -> str:
    """An article id shown literally: a code span, or escaped text if it holds ` < or >."""
    flat = _one_line(text)
    if flat and not any(c in flat for c in "`<>"):
        return f"`{flat}`"
    return _md(flat) or "?"


def _md_cite(sources: Sequence[Source], labels: dict[str, str], lang: Lang) -> str:
    names = _unique(_md(labels.get(s.article_id, s.article_id)) for s in sources)
    return f"[{WORDS[lang]['comma'].join(names)}]" if names else ""


def _md_line(head: str, text: str, cite: str) -> str:
    parts = [f"- **{head}** — {text}" if head else f"- {text}"]
    if cite:
        parts.append(cite)
    return " ".join(parts)


def _md_brief(brief: Brief, lang: Lang, labels: dict[str, str]) -> str:
    w = WORDS[lang]
    summary = getattr(brief.summary, lang).strip()
    blocks = [f"# {w['title']}", f"*{_md(_overview(brief, lang))}*"]
    if brief.lead is not None:
        blocks += [f"## {w['lead']}", _md(getattr(brief.lead, lang)) or w["no_summary"]]
    else:
        blocks += [
            f"## {w['summary']}",
            "\n\n".join(_md(p) for p in summary.split("\n") if p.strip()) or w["no_summary"],
        ]
    if brief.as_of:
        blocks += [
            f"## {w['next']} ({_md(w['as_of'].format(date=_date_words(brief.as_of, lang)))})",
            _md_list(_md_next(brief, lang), w["no_next"]),
        ]
    if brief.stories:
        blocks += [
            f"## {w['stories']}",
            *(_md_story(brief, st, lang, labels) for st in brief.stories),
        ]
        if brief.disputes:
            blocks += [f"## {w['disputes']}", "\n".join(_md_disputes(brief, lang, labels))]
    else:
        blocks += [
            f"## {w['deadlines']}",
            _md_list(_md_deadlines(brief, lang, labels), w["no_deadlines"]),
            f"## {w['figures']}",
            _md_list(_md_figures(brief, lang, labels), w["no_figures"]),
            f"## {w['events']}",
            _md_list(_md_events(brief, lang, labels), w["no_events"]),
        ]
    blocks += [
        f"## {w['conflicts']}",
        _md_list(_md_conflicts(brief, lang, labels), w["no_conflicts"]),
        f"## {w['articles']}",
        _md_list(_md_articles(brief, lang), w["no_articles"]),
    ]
    text = "\n\n".join(blocks)
    if lang == "ar":
        return f'<div dir="rtl" lang="ar">\n\n{text}\n\n</div>'
    return text


def story_items(brief: Brief, story: Story) -> list[tuple[str, Deadline | Figure | Event]]:
    """A story's deadlines, figures and events (its ``item_ids``) in that order; ids that point
    nowhere are left out."""
    lists: dict[str, Sequence[Deadline | Figure | Event]] = {
        "D": brief.deadlines, "F": brief.figures, "E": brief.events,
    }  # fmt: skip
    found: list[tuple[str, Deadline | Figure | Event]] = []
    for item_id in story.item_ids:
        items = lists.get(item_id[:1])
        number = item_id[1:]
        if items is not None and number.isdigit() and 1 <= int(number) <= len(items):
            found.append((item_id, items[int(number) - 1]))
    order = {"D": 0, "F": 1, "E": 2}
    return sorted(
        found,
        key=lambda p: (
            order[p[0][:1]],
            (1, "") if isinstance(p[1], Figure) else _sort_key(p[1].date),
        ),
    )


def _item_head(item: Deadline | Figure | Event, lang: Lang) -> str:
    if isinstance(item, Figure):
        return _md(_figure_value(item, lang))
    return _md(_when(item, lang))


def _md_story(brief: Brief, story: Story, lang: Lang, labels: dict[str, str]) -> str:
    w = WORDS[lang]
    cites = _unique(_md(labels.get(a, a)) for a in story.article_ids)
    lines = [
        f"### {_md(story.id)} · {_md(getattr(story.title, lang))}",
        f"*{w['comma'].join(cites)}*",
        _md(getattr(story.lead, lang)),
    ]
    items = [
        _md_line(_item_head(item, lang), _md(_with_speaker(item, lang)),
                 _md_cite(item.sources, labels, lang))
        for _, item in story_items(brief, story)
    ]  # fmt: skip
    if items:
        lines.append("\n".join(items))
    return "\n\n".join(lines)


def _denied_label(dispute: Dispute, lang: Lang) -> str:
    """'Denied by <who>' when the denying quote names its speaker, else 'Denied'."""
    w = WORDS[lang]
    who = dispute_speaker(dispute, lang)
    return w["denied_by"].format(who=who) if who else w["denied"]


def _md_disputes(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    w = WORDS[lang]
    lines = []
    for dispute in brief.disputes:
        denied = _denied_label(dispute, lang)
        lines.append(
            f"- **{w['reported']}:** {_md(getattr(dispute.claim, lang))} "
            f"{_md_cite(dispute.claim_sources, labels, lang)} — **{_md(denied)}:** "
            f"{_md(getattr(dispute.denial, lang))} {_md_cite(dispute.denial_sources, labels, lang)}"
        )
    return lines


def dispute_speaker(dispute: Dispute, lang: Lang) -> str:
    """Who denies, in the language asked ('' when unknown or, in English, unchecked)."""
    if dispute.denied_by is None:
        return ""
    return (dispute.denied_by.en if lang == "en" else dispute.denied_by.ar) or ""


def _md_next(brief: Brief, lang: Lang) -> list[str]:
    w = WORDS[lang]
    lines = []
    for entry in brief.next:
        status = w[entry.status]
        story = f" ({w['in_story']} {_md(entry.story_id)})" if entry.story_id else ""
        lines.append(
            f"- **{_md(_when(entry, lang))}** — {status} — "
            f"{_md(getattr(entry.text, lang))}{story}"
        )
    return lines


def _md_list(lines: list[str], empty: str) -> str:
    return "\n".join(lines) if lines else empty


def _md_deadlines(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    return [
        _md_line(
            _md(_when(d, lang)),
            _md(getattr(d.text, lang)),
            _md_cite(d.sources, labels, lang),
        )
        for d in sorted_deadlines(brief)
    ]


def _md_figures(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    return [
        _md_line(
            _md(_figure_value(f, lang)),
            _md(getattr(f.text, lang)),
            _md_cite(f.sources, labels, lang),
        )
        for f in brief.figures
    ]


def _md_events(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    return [
        _md_line(
            _md(_when(e, lang)),
            _md(getattr(e.text, lang)),
            _md_cite(e.sources, labels, lang),
        )
        for e in _sorted_events(brief)
    ]


def _md_conflicts(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    return [_md_conflict(c, lang, labels) for c in brief.conflicts]


def _md_conflict(conflict: Conflict, lang: Lang, labels: dict[str, str]) -> str:
    w = WORDS[lang]
    sides = [_md_side(conflict.kind, v, lang, labels) for v in conflict.values]
    joined = f" {w['vs']} ".join(sides) if len(sides) == 2 else w["semicolon"].join(sides)
    head = _md(conflict.subject) if lang == "en" else w[f"conflict_{conflict.kind}"]
    note = _md(getattr(conflict.note, lang))
    return f"- **{head}**: {joined}" + (f" — {note}" if note else "")


def _md_side(kind: str, value: ConflictValue, lang: Lang, labels: dict[str, str]) -> str:
    cite = _md_cite(value.sources, labels, lang)
    return f"{_conflict_value(kind, value, lang)} {cite}".strip()


def _md_articles(brief: Brief, lang: Lang) -> list[str]:
    return [_md_article(a, lang) for a in brief.articles]


def _md_article(article: ArticleReport, lang: Lang) -> str:
    w = WORDS[lang]
    parts = [_md_id(article.id)]
    if article.title:
        parts.append(_md(article.title))
    parts.append(_md(article.source) if article.source else w["no_outlet"])
    if _iso_prefix(article.published):
        parts.append(_date_words(article.published, lang))
    line = "- " + " — ".join(parts)
    if article.status == "failed":
        line += f" — **{w['failed']}**: {_md(article.error) or '?'}"
    return line


# ---------------------------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------------------------


def render_json(brief: Brief) -> str:
    """Serialize the brief to indented JSON (the contract of ``schemas/brief.schema.json``)."""
    return brief.model_dump_json(indent=2)


def render_json_chunks(brief: Brief) -> Iterator[str]:
    """:func:`render_json`'s text in pieces, an item at a time."""
    return brief_json_chunks(brief, indent=2)


# ---------------------------------------------------------------------------------------------
# HTML: quotes and article documents
# ---------------------------------------------------------------------------------------------


@dataclass
class _Quote:
    """A cited passage of one article: its number within the article and where it lies."""

    number: int
    quote: str
    span: tuple[int, int] | None


@dataclass
class _Quotes:
    """All cited passages, numbered per article in order of first citation."""

    by_article: dict[str, list[_Quote]] = field(default_factory=dict)
    numbers: dict[tuple[str, int, int, str], int] = field(default_factory=dict)

    def number(self, source: Source) -> int:
        """Return the per-article number of a source's quote."""
        return self.numbers[_source_key(source)]


def _source_key(source: Source) -> tuple[str, int, int, str]:
    return (source.article_id, source.start, source.end, source.quote)


def _all_sources(brief: Brief) -> Iterator[Source]:
    items: list[Deadline | Figure | Event] = [
        *sorted_deadlines(brief),
        *brief.figures,
        *_sorted_events(brief),
    ]
    for item in items:
        yield from item.sources
    for conflict in brief.conflicts:
        for value in conflict.values:
            yield from value.sources


def _locate(text: str, source: Source) -> tuple[int, int] | None:
    """Where the quote lies in the text: at its offsets if they match, else its first occurrence."""
    start, end = source.start, source.end
    if 0 <= start < end <= len(text) and text[start:end] == source.quote:
        return (start, end)
    found = text.find(source.quote) if source.quote else -1
    return (found, found + len(source.quote)) if found >= 0 else None


def _collect_quotes(brief: Brief) -> _Quotes:
    quotes = _Quotes()
    for source in _all_sources(brief):
        key = _source_key(source)
        if key in quotes.numbers:
            continue
        listed = quotes.by_article.setdefault(source.article_id, [])
        text = brief.texts.get(source.article_id, "")
        quotes.numbers[key] = len(listed)
        listed.append(_Quote(len(listed), source.quote, _locate(text, source)))
    return quotes


def _marked_text(text: str, quotes: Sequence[_Quote]) -> str:
    """Escape the text and wrap every cited passage in ``<mark data-q="N ...">``."""
    spans = [(q.span[0], q.span[1], q.number) for q in quotes if q.span]
    bounds = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for a, b in pairwise(bounds):
        covering = [str(n) for s, e, n in spans if s <= a and b <= e]
        piece = _e(text[a:b])
        out.append(f'<mark data-q="{" ".join(covering)}">{piece}</mark>' if covering else piece)
    return "".join(out)


def _e(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def _text_lang(text: str) -> Lang:
    return "ar" if len(_ARABIC_LETTER.findall(text)) >= len(_LATIN_LETTER.findall(text)) else "en"


def _html_docs(brief: Brief, quotes: _Quotes, labels: dict[str, str]) -> Iterator[str]:
    """The article documents, one at a time, a newline between two."""
    reports = {a.id: a for a in brief.articles}
    ids = _unique([*(a.id for a in brief.articles), *brief.texts])
    for position, article_id in enumerate(ids):
        yield ("\n" if position else "") + _html_doc(
            article_id, reports.get(article_id), brief, quotes, labels
        )


def _html_doc(
    article_id: str,
    report: ArticleReport | None,
    brief: Brief,
    quotes: _Quotes,
    labels: dict[str, str],
) -> str:
    text = brief.texts.get(article_id, "")
    cited = quotes.by_article.get(article_id, [])
    title = report.title if report and report.title else article_id
    outlet = report.source if report and report.source else WORDS["en"]["no_outlet"]
    meta = [outlet, article_id]
    if report and _iso_prefix(report.published):
        meta.append(_date_words(report.published, "en"))
    missing = "".join(
        f'<p data-missing="{q.number}" hidden>Quote not found in the article text '
        f'<span lang="ar" dir="rtl">(لم يُعثر على الاقتباس في النص)</span>: '
        f'<q dir="auto">{_e(q.quote)}</q></p>'
        for q in cited
        if q.span is None
    )
    if not text:
        body = f'<p class="empty">{_e(report.error if report and report.error else "No text.")}</p>'
    else:
        body = (
            f'<div class="doc-text" dir="auto" lang="{_text_lang(text)}">'
            f"{_marked_text(text, cited)}</div>"
        )
    return (
        f'<article class="doc" data-article="{_e(article_id)}" hidden>'
        f'<header class="doc-head"><h3 dir="auto">{_e(title)}</h3>'
        f'<p class="doc-meta">{" · ".join(f"<bdi>{_e(m)}</bdi>" for m in meta)}</p></header>'
        f'<div class="doc-missing" hidden>{missing}</div>{body}</article>'
    )


# ---------------------------------------------------------------------------------------------
# HTML: columns
# ---------------------------------------------------------------------------------------------


@dataclass
class _Ctx:
    """What every HTML fragment needs: the brief, outlet labels and the quote numbering."""

    brief: Brief
    labels: dict[str, str]
    quotes: _Quotes


def _src_href(article_id: str, number: int | None) -> str:
    ref = f"src={url_quote(article_id, safe='')}"
    return f"#{ref}" if number is None else f"#{ref}:{number}"


def _chips(sources: Sequence[Source], ctx: _Ctx) -> str:
    seen: Counter[str] = Counter()
    chips: list[str] = []
    done: set[tuple[str, int, int, str]] = set()
    for source in sources:
        if _source_key(source) in done:
            continue
        done.add(_source_key(source))
        number = ctx.quotes.number(source)
        seen[source.article_id] += 1
        label = ctx.labels.get(source.article_id, source.article_id)
        if seen[source.article_id] > 1:
            label = f"{label} · {seen[source.article_id]}"
        preview = " ".join(source.quote.split())
        preview = preview if len(preview) <= 160 else preview[:157] + "…"
        chips.append(
            f'<a class="chip" href="{_e(_src_href(source.article_id, number))}" '
            f'data-a="{_e(source.article_id)}" data-n="{number}" dir="auto" '
            f'title="«{_e(preview)}»">{_e(label)}</a>'
        )
    return f'<div class="chips">{"".join(chips)}</div>' if chips else ""


def _time(value: str | None, lang: Lang, css: str = "when", shown: str | None = None) -> str:
    iso = _iso_prefix(value)
    words = _e(shown if shown else _date_words(value, lang))
    if iso:
        return f'<time class="{css}" datetime="{iso}">{words}</time>'
    return f'<span class="{css}">{words}</span>'


def _section(key: str, lang: Lang, items: list[str], count: int | None = None) -> str:
    w = WORDS[lang]
    badge = f' <span class="count">{count}</span>' if count else ""
    if items:
        body = f'<ol class="items">{"".join(items)}</ol>'
    else:
        body = f'<p class="empty">{_e(w["no_" + key])}</p>'
    return f'<section class="{key}"><h2>{_e(w[key])}{badge}</h2>{body}</section>'


def _html_summary(brief: Brief, lang: Lang) -> str:
    w = WORDS[lang]
    paras = [p for p in getattr(brief.summary, lang).split("\n") if p.strip()]
    body = "".join(f"<p>{_e(p.strip())}</p>" for p in paras)
    body = body or f'<p class="empty">{_e(w["no_summary"])}</p>'
    return f'<section class="summary"><h2>{_e(w["summary"])}</h2>{body}</section>'


def _disputed(lang: Lang) -> str:
    return f'<span class="badge warn">{_e(WORDS[lang]["disputed"])}</span>'


def _item_ids(brief: Brief) -> dict[int, str]:
    """The item id ('D1', 'F2', 'E3') of every deadline, figure and event, by object identity."""
    ids: dict[int, str] = {}
    for prefix, items in (("D", brief.deadlines), ("F", brief.figures), ("E", brief.events)):
        for k, item in enumerate(items, start=1):
            ids[id(item)] = f"{prefix}{k}"
    return ids


def _html_deadlines(ctx: _Ctx, lang: Lang) -> str:
    disputed = _conflict_subjects(ctx.brief, "deadline")
    ids, shown = _item_ids(ctx.brief), _in_stories(ctx.brief)
    items = []
    for number, deadline in enumerate(sorted_deadlines(ctx.brief), start=1):
        if ids[id(deadline)] in shown:
            continue  # listed under its story
        flag = _disputed(lang) if deadline.subject.casefold() in disputed else ""
        items.append(
            f'<li class="item" id="{_item_anchor(lang, ids[id(deadline)])}">'
            '<div class="item-head">'
            f'<span class="num">{number}</span>'
            f"{_time(deadline.date, lang, shown=_when(deadline, lang))}{flag}</div>"
            f'<p class="item-text">{_e(getattr(deadline.text, lang))}</p>'
            f"{_chips(deadline.sources, ctx)}</li>"
        )
    return _section("deadlines", lang, items, len(items))


def _html_figures(ctx: _Ctx, lang: Lang) -> str:
    disputed = _conflict_subjects(ctx.brief, "figure")
    ids, shown = _item_ids(ctx.brief), _in_stories(ctx.brief)
    items = []
    for figure in ctx.brief.figures:
        if ids[id(figure)] in shown:
            continue  # listed under its story
        unit = (
            f'<span class="unit">{_e(figure.unit)}</span>' if lang == "en" and figure.unit else ""
        )
        flag = _disputed(lang) if figure.subject.casefold() in disputed else ""
        items.append(
            f'<li class="item fig"><div class="fig-val">'
            f"{_e(_figure_value(figure, lang, with_unit=False))}{unit}</div>"
            f'<div><p class="item-text">{_e(getattr(figure.text, lang))} {flag}</p>'
            f"{_chips(figure.sources, ctx)}</div></li>"
        )
    return _section("figures", lang, items, len(items))


def _html_events(ctx: _Ctx, lang: Lang) -> str:
    ids, shown = _item_ids(ctx.brief), _in_stories(ctx.brief)
    items = []
    for event in _sorted_events(ctx.brief):
        if ids[id(event)] in shown:
            continue  # listed under its story
        when = _time(event.date, lang, shown=_when(event, lang))
        head = f'<div class="item-head">{when}</div>' if event.date else ""
        items.append(
            f'<li class="item">{head}<p class="item-text">{_e(getattr(event.text, lang))}</p>'
            f"{_chips(event.sources, ctx)}</li>"
        )
    return _section("events", lang, items, len(items))


def _html_disputes(ctx: _Ctx, lang: Lang) -> str:
    w = WORDS[lang]
    items = []
    for dispute in ctx.brief.disputes:
        denied = _denied_label(dispute, lang)
        items.append(
            f'<li class="item dispute"><div class="values"><div class="side">'
            f'<span class="badge">{_e(w["reported"])}</span>'
            f'<p class="item-text">{_e(getattr(dispute.claim, lang))}</p>'
            f"{_chips(dispute.claim_sources, ctx)}</div>"
            f'<div class="side"><span class="badge warn">{_e(denied)}</span>'
            f'<p class="item-text">{_e(getattr(dispute.denial, lang))}</p>'
            f"{_chips(dispute.denial_sources, ctx)}</div></div></li>"
        )
    if not items:
        return ""
    return _section("disputes", lang, items, len(items))


def _html_conflicts(ctx: _Ctx, lang: Lang) -> str:
    items = [_html_conflict(c, ctx, lang) for c in ctx.brief.conflicts]
    return _section("conflicts", lang, items, len(items))


def _html_conflict(conflict: Conflict, ctx: _Ctx, lang: Lang) -> str:
    w = WORDS[lang]
    sides = [
        f'<div class="val"><div class="v">{_e(_conflict_value(conflict.kind, v, lang))}</div>'
        f"{_chips(v.sources, ctx)}</div>"
        for v in conflict.values
    ]
    many = len(sides) != 2
    vs = f'<div class="vs">{_e(w["vs"])}</div>'
    values = "".join(sides) if many else vs.join(sides)
    subject = (
        f'<span class="conflict-subject">{_e(conflict.subject)}</span>' if lang == "en" else ""
    )
    return (
        f'<li class="conflict"><div class="conflict-head">'
        f'<span class="badge warn">{_e(w["conflict_" + conflict.kind])}</span>{subject}</div>'
        f'<div class="values{" many" if many else ""}">{values}</div>'
        f'<p class="note">{_e(getattr(conflict.note, lang))}</p></li>'
    )


def _html_articles(ctx: _Ctx, lang: Lang) -> str:
    items = [_html_article(a, ctx, lang) for a in ctx.brief.articles]
    return _section("articles", lang, items, len(items))


def _html_article(article: ArticleReport, ctx: _Ctx, lang: Lang) -> str:
    w = WORDS[lang]
    meta = [
        f"<bdi>{_e(article.source or w['no_outlet'])}</bdi>",
        f'<bdi><code dir="ltr">{_e(article.id)}</code></bdi>',
    ]
    if _iso_prefix(article.published):
        meta.append(f"<bdi>{_time(article.published, lang, 'published')}</bdi>")
    extra = ""
    if article.status == "failed":
        extra = (
            f'<p class="err"><span class="badge bad">{_e(w["failed"])}</span> '
            f'<span dir="auto">{_e(article.error or "?")}</span></p>'
        )
    elif article.id in ctx.brief.texts:
        href = _e(_src_href(article.id, None))
        extra = f'<a class="open-link" href="{href}" data-a="{_e(article.id)}">{_e(w["read"])}</a>'
    return (
        f'<li class="art {article.status}"><div class="art-title" dir="auto">'
        f"{_e(article.title or article.id)}</div>"
        f'<div class="art-meta">{" · ".join(meta)}</div>{extra}</li>'
    )


def _html_lead(brief: Brief, lang: Lang) -> str:
    if brief.lead is None:
        return _html_summary(brief, lang)
    w = WORDS[lang]
    text = getattr(brief.lead, lang).strip()
    body = f"<p>{_e(text)}</p>" if text else f'<p class="empty">{_e(w["no_summary"])}</p>'
    return f'<section class="summary lead"><h2>{_e(w["lead"])}</h2>{body}</section>'


def _html_next(brief: Brief, lang: Lang) -> str:
    w = WORDS[lang]
    if not brief.as_of:
        return ""
    items = []
    for entry in brief.next:
        css = "badge warn" if entry.status == "passed" else "badge"
        story = (
            f' <a class="story-ref" href="#story-{lang}-{_e(entry.story_id)}">'
            f"{_e(entry.story_id)}</a>"
            if entry.story_id
            else ""
        )
        items.append(
            f'<li class="item next-item {entry.status}"><div class="item-head">'
            f"{_time(entry.date, lang, shown=_when(entry, lang))}"
            f'<span class="{css}">{_e(w[entry.status])}</span>{story}</div>'
            f'<p class="item-text">{_e(getattr(entry.text, lang))}</p></li>'
        )
    when = _e(w["as_of"].format(date=_date_words(brief.as_of, lang)))
    body = (
        f'<ol class="items">{"".join(items)}</ol>'
        if items
        else (f'<p class="empty">{_e(w["no_next"])}</p>')
    )
    return (
        f'<section class="next"><h2>{_e(w["next"])} <span class="count">{when}</span></h2>'
        f"{body}</section>"
    )


def _item_anchor(lang: Lang, item_id: str) -> str:
    """The HTML id of an item's entry (the timeline links to the English one)."""
    return f"item-{lang}-{item_id}"


def _in_stories(brief: Brief) -> set[str]:
    return {i for story in brief.stories for i in story.item_ids}


def _disputed_ids(brief: Brief) -> set[str]:
    return {i for d in brief.disputes for i in d.item_ids}


def _html_story(story: Story, ctx: _Ctx, lang: Lang) -> str:
    items = []
    disputed = _disputed_ids(ctx.brief)
    for item_id, item in story_items(ctx.brief, story):
        if isinstance(item, Figure):
            head = f'<span class="fig-val">{_e(_figure_value(item, lang))}</span>'
        else:
            head = _time(item.date, lang, shown=_when(item, lang)) if item.date else ""
        flag = _disputed(lang) if item_id in disputed else ""
        items.append(
            f'<li class="item" id="{_item_anchor(lang, item_id)}"><div class="item-head">{head}'
            f'{flag}</div><p class="item-text">{_e(_with_speaker(item, lang))}</p>'
            f"{_chips(item.sources, ctx)}</li>"
        )
    outlets = " · ".join(
        f"<bdi>{_e(ctx.labels.get(a, a))}</bdi>" for a in _unique(story.article_ids)
    )
    listed = f'<ol class="items">{"".join(items)}</ol>' if items else ""
    return (
        f'<section class="story" id="story-{lang}-{_e(story.id)}"><h2 dir="auto">'
        f'<span class="num">{_e(story.id)}</span> {_e(getattr(story.title, lang))}</h2>'
        f'<div class="art-meta">{outlets}</div>'
        f'<p class="story-lead">{_e(getattr(story.lead, lang))}</p>{listed}</section>'
    )


def _html_column(ctx: _Ctx, lang: Lang) -> str:
    attrs = 'id="col-en" lang="en" dir="ltr"' if lang == "en" else 'id="col-ar" lang="ar" dir="rtl"'
    parts = [
        f'<span class="lang-tag">{_e(WORDS[lang]["lang_tag"])}</span>',
        _html_lead(ctx.brief, lang),
        _html_next(ctx.brief, lang),
    ]
    flat = [_html_deadlines(ctx, lang), _html_figures(ctx, lang), _html_events(ctx, lang)]
    if ctx.brief.stories:
        parts += [_html_story(story, ctx, lang) for story in ctx.brief.stories]
        parts.append(_html_disputes(ctx, lang))
        # Items outside every story (none when each article is in one) stay listed once.
        flat = [section for section in flat if '<li class="item' in section]
    parts += [
        *flat,
        _html_conflicts(ctx, lang),
        _html_articles(ctx, lang),
    ]
    return f'<article class="col card" {attrs}>{"".join(parts)}</article>'


# ---------------------------------------------------------------------------------------------
# HTML: timeline (inline SVG)
# ---------------------------------------------------------------------------------------------

_TL_WIDTH = 1000
_TL_PAD = 36
_TL_LANE = 40
_MONTHS_SHORT = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class _Marker:
    """One deadline on the timeline."""

    number: int
    start: date
    end: date
    precise: bool
    label: str
    subject: str
    tooltip: str
    disputed: bool
    item_id: str = ""
    x: float = 0.0
    lane: int = 0
    anchor_end: bool = False


def _period(value: str | None) -> tuple[date, date, bool] | None:
    """The period an ISO date stands for: (first day, day after the last, exact day?)."""
    iso = _iso_prefix(value)
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = date(parts[0], parts[1], parts[2])
        return day, day + timedelta(days=1), True
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        after = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, after, False
    return date(parts[0], 1, 1), date(parts[0] + 1, 1, 1), False


def _short_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS_SHORT[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _markers(brief: Brief) -> list[_Marker]:
    disputed = _conflict_subjects(brief, "deadline")
    ids = _item_ids(brief)
    markers = []
    for number, deadline in enumerate(sorted_deadlines(brief), start=1):
        period = _period(deadline.date)
        if period is None:
            continue
        iso = _iso_prefix(deadline.date) or ""
        markers.append(
            _Marker(
                number=number,
                start=period[0],
                end=period[1],
                precise=period[2],
                label=(
                    deadline.when.en
                    if deadline.when is not None
                    else f"{deadline.qualifier} {_short_date(iso)}".strip()
                ),
                subject=_shorten(deadline.subject, 44),
                tooltip=f"{deadline.text.en}\n{deadline.text.ar}",
                disputed=deadline.subject.casefold() in disputed,
                item_id=ids[id(deadline)],
            )
        )
    return markers


def _label_width(marker: _Marker) -> float:
    return max(len(marker.label) * 7.4 + 26, len(marker.subject) * 6.3) + 8


def _place(markers: list[_Marker], scale: _Scale) -> int:
    """Set x, label side and lane of every marker so labels do not overlap; return lane count."""
    lanes: list[float] = []
    right_edge = _TL_WIDTH - _TL_PAD
    for marker in sorted(markers, key=lambda m: m.start):
        marker.x = scale.x(marker.start + (marker.end - marker.start) / 2)
        width = _label_width(marker)
        marker.anchor_end = marker.x + width > right_edge
        low = marker.x - width if marker.anchor_end else marker.x
        high = marker.x if marker.anchor_end else marker.x + width
        lane = next((i for i, end in enumerate(lanes) if low > end + 10), len(lanes))
        if lane == len(lanes):
            lanes.append(high)
        lanes[lane] = max(lanes[lane], high)
        marker.lane = lane
    return max(len(lanes), 1)


@dataclass
class _Scale:
    """Maps dates to x coordinates across whole years."""

    first_year: int
    last_year: int

    @property
    def start(self) -> date:
        return date(self.first_year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.last_year + 1, 1, 1)

    def x(self, day: date) -> float:
        span = (self.end - self.start).days
        return _TL_PAD + (day - self.start).days / span * (_TL_WIDTH - 2 * _TL_PAD)


def _scale(markers: list[_Marker], created: date | None) -> _Scale:
    days = [m.start for m in markers] + [m.end - timedelta(days=1) for m in markers]
    if created:
        days.append(created)
    return _Scale(min(d.year for d in days), max(d.year for d in days))


def _attr(value: float | str) -> str:
    return f"{value:.1f}" if isinstance(value, float) else _e(str(value))


def _svg(tag: str, css: str, text: str | None = None, **attrs: float | str) -> str:
    """One SVG element; keyword ``text_anchor`` becomes the attribute ``text-anchor``."""
    pairs = "".join(f' {k.replace("_", "-")}="{_attr(v)}"' for k, v in attrs.items())
    css_attr = f' class="{css}"' if css else ""
    return (
        f"<{tag}{css_attr}{pairs}/>" if text is None else f"<{tag}{css_attr}{pairs}>{text}</{tag}>"
    )


def _svg_axis(scale: _Scale, axis_y: float, top: float) -> list[str]:
    years = scale.last_year - scale.first_year + 1
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    bands: list[str] = []
    out = [_svg("line", "tl-axis", x1=_TL_PAD, y1=axis_y, x2=_TL_WIDTH - _TL_PAD, y2=axis_y)]
    for year in range(scale.first_year, scale.last_year + 2):
        x = scale.x(date(year, 1, 1))
        out.append(_svg("line", "tl-tick", x1=x, y1=axis_y - 7, x2=x, y2=axis_y + 7))
        if year > scale.last_year:
            break
        if (year - scale.first_year) % 2 == 1:
            width = scale.x(date(year + 1, 1, 1)) - x
            bands.append(_svg("rect", "tl-yearband", x=x, y=top, width=width, height=axis_y - top))
        if (year - scale.first_year) % step == 0:
            mid = scale.x(date(year, 7, 1)) if years <= 12 else x
            out.append(
                _svg("text", "tl-year", str(year), x=mid, y=axis_y + 24, text_anchor="middle")
            )
        for month in (4, 7, 10) if years <= 4 else ():
            mx = scale.x(date(year, month, 1))
            out.append(_svg("line", "tl-minor", x1=mx, y1=axis_y - 3, x2=mx, y2=axis_y + 3))
    return bands + out


def _svg_now(scale: _Scale, created: date | None, axis_y: float, top: float) -> list[str]:
    if not created:
        return []
    x = scale.x(created)
    anchor = "end" if x > _TL_WIDTH * 0.8 else "start"
    label = _e(f"brief date · {created.isoformat()}")
    line = _svg("line", "", x1=x, y1=top, x2=x, y2=axis_y + 30)
    text = _svg(
        "text", "", label, x=x + (-4 if anchor == "end" else 4), y=axis_y + 40, text_anchor=anchor
    )
    return [f'<g class="tl-now">{line}{text}</g>']


def _svg_marker(marker: _Marker, scale: _Scale, axis_y: float) -> str:
    x0, x1 = scale.x(marker.start), scale.x(marker.end)
    y = axis_y - 34 - marker.lane * _TL_LANE
    anchor = "end" if marker.anchor_end else "start"
    side = -1 if marker.anchor_end else 1
    tx = marker.x + 6 * side
    badge_x = tx + 9 * side
    band = (
        ""
        if marker.precise
        else _svg("rect", "tl-band", x=x0, y=axis_y - 5, width=max(x1 - x0, 3.0), height=10, rx=3)
    )
    parts = [
        f"<title>{_e(marker.tooltip)}</title>",
        band,
        _svg("line", "tl-stem", x1=marker.x, y1=axis_y, x2=marker.x, y2=y - 14),
        _svg("circle", "tl-dot", cx=marker.x, cy=axis_y, r=6),
        _svg("circle", "tl-dot", cx=badge_x, cy=y - 5, r=9),
        _svg("text", "tl-num", str(marker.number), x=badge_x, y=y - 1.5, text_anchor="middle"),
        _svg("text", "tl-date", _e(marker.label), x=tx + 22 * side, y=y, text_anchor=anchor),
        _svg("text", "tl-subj", _e(marker.subject), x=tx, y=y + 16, text_anchor=anchor),
    ]
    css = "tl-mark disputed" if marker.disputed else "tl-mark"
    href = f"#{_item_anchor('en', marker.item_id)}"
    return f'<a href="{href}"><g class="{css}">{"".join(parts)}</g></a>'


def _created_day(brief: Brief) -> date | None:
    period = _period(brief.meta.created)
    return period[0] if period and period[2] else None


def timeline_svg(brief: Brief) -> str:
    """Draw the dated deadlines on a horizontal axis with yearly ticks ('' when there are none)."""
    markers = _markers(brief)
    if not markers:
        return ""
    created = _created_day(brief)
    scale = _scale(markers, created)
    lanes = _place(markers, scale)
    top = 12
    axis_y = top + 34 + lanes * _TL_LANE
    height = axis_y + (50 if created else 36)
    parts = [
        *_svg_axis(scale, axis_y, top),
        *_svg_now(scale, created, axis_y, top),
        *(_svg_marker(m, scale, axis_y) for m in sorted(markers, key=lambda m: -m.lane)),
    ]
    desc = f"{len(markers)} dated deadlines between {scale.first_year} and {scale.last_year}"
    return (
        f'<svg class="tl" viewBox="0 0 {_TL_WIDTH} {height}" role="img" '
        f'aria-labelledby="tl-title tl-desc"><title id="tl-title">Deadline timeline</title>'
        f'<desc id="tl-desc">{_e(desc)}</desc>{"".join(parts)}</svg>'
    )


def _html_timeline(brief: Brief) -> str:
    svg = timeline_svg(brief)
    undated = sum(1 for d in brief.deadlines if _period(d.date) is None)
    notes = []
    if not brief.deadlines:
        notes.append("No deadlines found. · لا توجد مواعيد.")
    elif undated:
        notes.append(f"{undated} deadline(s) without a date are listed below but not drawn.")
    if any(m.disputed for m in _markers(brief)):
        notes.append("Orange markers: sources disagree about that date.")
    note = f'<p class="tl-note">{_e(" ".join(notes))}</p>' if notes else ""
    body = f'<div class="tl-scroll">{svg}</div>' if svg else ""
    return (
        '<section class="card timeline" aria-labelledby="tl-h"><h2 id="tl-h">Deadline timeline'
        ' <span class="ar" lang="ar" dir="rtl">الجدول الزمني للمواعيد</span></h2>'
        f"{body}{note}</section>"
    )


# ---------------------------------------------------------------------------------------------
# HTML: page
# ---------------------------------------------------------------------------------------------


def _html_header(brief: Brief) -> str:
    failed = sum(1 for a in brief.articles if a.status == "failed")
    stats = [
        ("articles", len(brief.articles), ""),
        ("failed", failed, " failed" if failed else ""),
        ("deadlines", len(brief.deadlines), ""),
        ("figures", len(brief.figures), ""),
        ("events", len(brief.events), ""),
        ("conflicts", len(brief.conflicts), " alert" if brief.conflicts else ""),
    ]
    items = "".join(f'<li class="stat{css}"><b>{n}</b>{name}</li>' for name, n, css in stats)
    created = (
        f'<p class="created">Created {_e(_date_words(brief.meta.created, "en"))}</p>'
        if _iso_prefix(brief.meta.created)
        else ""
    )
    return (
        '<header class="top"><div><p class="kicker">Bilingual brief · English / العربية</p>'
        '<h1>News brief<span class="ar" lang="ar" dir="rtl">موجز إخباري</span></h1>'
        f'{created}</div><ul class="stats">{items}</ul></header>'
    )


def _html_footer(brief: Brief) -> str:
    meta = brief.meta
    usage = meta.usage
    rows = [
        ("Model", meta.model),
        ("Backend", meta.backend),
        ("Prompt version", meta.prompt_version),
        ("Schema version", meta.schema_version),
        ("Requests", format_number(usage.requests)),
        ("Prompt tokens", format_number(usage.prompt_tokens)),
        ("Completion tokens", format_number(usage.completion_tokens)),
        ("Seconds", f"{meta.seconds:.1f}"),
    ]
    if meta.estimated_cost_usd is not None:
        rows.append(("Estimated cost", f"${meta.estimated_cost_usd:.4f}"))
    if meta.created:
        rows.append(("Created", meta.created))
    cells = "".join(f"<div><dt>{_e(k)}</dt><dd>{_e(v)}</dd></div>" for k, v in rows)
    return f'<footer class="meta card"><dl>{cells}</dl></footer>'


def _json_island(brief: Brief) -> Iterator[str]:
    """The brief (less article texts) as JSON that cannot close its ``<script>`` element, in
    pieces (:func:`summarizer.stream.brief_json_chunks`): a piece ends between two JSON values,
    never inside a string, so no «</» or «<!--» is split between two."""
    for piece in brief_json_chunks(brief, indent=None, exclude=frozenset({"texts"})):
        yield piece.replace("</", "<\\/").replace("<!--", "<\\u0021--")


@cache
def _page_parts() -> tuple[tuple[str, str], ...]:
    """The page template cut at its placeholders: (the text before one, its name); the last
    part's name is empty."""
    template = PAGE.template
    parts, at = [], 0
    for match in re.finditer(r"\$(\w+)", template):
        parts.append((template[at : match.start()], match.group(1)))
        at = match.end()
    parts.append((template[at:], ""))
    return tuple(parts)


def _csp() -> str:
    def digest(text: str) -> str:
        return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()

    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest(CSS)}'; script-src 'sha256-{digest(JS)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_html(brief: Brief) -> str:
    """Render the brief as one self-contained HTML page (inline CSS, JS and SVG; no network).

    English and Arabic sit side by side, deadlines are drawn on an SVG timeline, and every
    source chip opens the article's full text with the quote highlighted. Opening
    ``page.html#src=<article_id>:<n>`` opens quote ``n`` of that article on load.
    """
    return "".join(render_html_chunks(brief))


def render_html_chunks(brief: Brief) -> Iterator[str]:
    """:func:`render_html`'s page in pieces, in order: the article documents and the data
    island, the bulk of a large batch's page, one article or one item at a time."""
    ctx = _Ctx(brief, _outlet_labels(brief), _collect_quotes(brief))
    created = _iso_prefix(brief.meta.created)
    title = "News brief" + (f" · {created}" if created else "")
    sections: dict[str, Callable[[], Iterable[str]]] = {
        "csp": lambda: (_csp(),),
        "title": lambda: (_e(title),),
        "css": lambda: (CSS,),
        "header": lambda: (_html_header(brief),),
        "timeline": lambda: (_html_timeline(brief),),
        "col_en": lambda: (_html_column(ctx, "en"),),
        "col_ar": lambda: (_html_column(ctx, "ar"),),
        "footer": lambda: (_html_footer(brief),),
        "docs": lambda: _html_docs(brief, ctx.quotes, ctx.labels),
        "data": lambda: _json_island(brief),
        "js": lambda: (JS,),
    }
    for static, name in _page_parts():
        yield static
        if name:
            yield from sections[name]()
