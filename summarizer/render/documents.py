"""The article documents that a source chip opens, with every cited passage marked.

Quotes are numbered per article in the order the page first cites them; a chip's ``data-n`` and
a passage's ``<mark data-q>`` carry the same number, which is how the page's script finds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from summarizer.models import ArticleReport, Brief, Deadline, Event, Figure, Source
from summarizer.render.common import (
    date_words,
    esc,
    iso_prefix,
    sorted_deadlines,
    sorted_events,
    unique,
)
from summarizer.render.i18n import Lang, words

_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass
class _Quote:
    """A cited passage of one article: its number within the article and where it lies."""

    number: int
    quote: str
    span: tuple[int, int] | None


@dataclass
class Quotes:
    """All cited passages, numbered per article in order of first citation."""

    by_article: dict[str, list[_Quote]] = field(default_factory=dict)
    numbers: dict[tuple[str, int, int, str], int] = field(default_factory=dict)

    def number(self, source: Source) -> int:
        """Return the per-article number of a source's quote."""
        return self.numbers[source_key(source)]


def source_key(source: Source) -> tuple[str, int, int, str]:
    """What makes two sources the same citation: article, offsets and quote."""
    return (source.article_id, source.start, source.end, source.quote)


def _all_sources(brief: Brief) -> Iterator[Source]:
    items: list[Deadline | Figure | Event] = [
        *sorted_deadlines(brief),
        *brief.figures,
        *sorted_events(brief),
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


def collect_quotes(brief: Brief) -> Quotes:
    """Number every quote the brief cites, per article, in the order the page shows them."""
    quotes = Quotes()
    for source in _all_sources(brief):
        key = source_key(source)
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
        piece = esc(text[a:b])
        out.append(f'<mark data-q="{" ".join(covering)}">{piece}</mark>' if covering else piece)
    return "".join(out)


def _text_lang(text: str) -> Lang:
    return "ar" if len(_ARABIC_LETTER.findall(text)) >= len(_LATIN_LETTER.findall(text)) else "en"


def html_docs(brief: Brief, quotes: Quotes) -> Iterator[str]:
    """The article documents, one at a time, a newline between two."""
    reports = {a.id: a for a in brief.articles}
    ids = unique([*(a.id for a in brief.articles), *brief.texts])
    for position, article_id in enumerate(ids):
        report = reports.get(article_id)
        yield ("\n" if position else "") + _html_doc(article_id, report, brief, quotes)


def _html_doc(article_id: str, report: ArticleReport | None, brief: Brief, quotes: Quotes) -> str:
    text = brief.texts.get(article_id, "")
    cited = quotes.by_article.get(article_id, [])
    title = report.title if report and report.title else article_id
    outlet = report.source if report and report.source else words("en")["no_outlet"]
    meta = [outlet, article_id]
    if report and iso_prefix(report.published):
        inferred = f" ({words('en')['published_inferred']})" if report.published_inferred else ""
        meta.append(date_words(report.published, "en") + inferred)
    if not text:
        empty = report.error if report and report.error else words("en")["no_text"]
        body = f'<p class="empty">{esc(empty)}</p>'
    else:
        body = (
            f'<div class="doc-text" dir="auto" lang="{_text_lang(text)}">'
            f"{_marked_text(text, cited)}</div>"
        )
    return (
        f'<article class="doc" data-article="{esc(article_id)}" hidden>'
        f'<header class="doc-head"><h3 dir="auto">{esc(title)}</h3>'
        f'<p class="doc-meta">{" · ".join(f"<bdi>{esc(m)}</bdi>" for m in meta)}</p></header>'
        f'<div class="doc-missing" hidden>{_missing(cited)}</div>{body}</article>'
    )


def _missing(cited: Sequence[_Quote]) -> str:
    """A note for every cited quote that the article text does not hold, in both languages."""
    en, ar = words("en")["quote_missing"], words("ar")["quote_missing"]
    return "".join(
        f'<p data-missing="{q.number}" hidden>{esc(en)} '
        f'<span lang="ar" dir="rtl">({esc(ar)})</span>: '
        f'<q dir="auto">{esc(q.quote)}</q></p>'
        for q in cited
        if q.span is None
    )
