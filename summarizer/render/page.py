"""The brief as one self-contained HTML page: header, timeline, the two columns, footer, the
article documents and the brief's data, poured into ``static/page.html``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from summarizer.models import Brief
from summarizer.normalize.formatting import format_number
from summarizer.render.assets import csp, page_parts, script, stylesheet
from summarizer.render.columns import Ctx, html_column
from summarizer.render.common import date_words, esc, iso_prefix, outlet_labels
from summarizer.render.documents import collect_quotes, html_docs
from summarizer.render.i18n import words
from summarizer.render.timeline import html_timeline
from summarizer.stream import brief_json_chunks


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
    ctx = Ctx(brief, outlet_labels(brief), collect_quotes(brief))
    created = iso_prefix(brief.meta.created)
    title = words("en")["title"] + (f" · {created}" if created else "")
    sections: dict[str, Callable[[], Iterable[str]]] = {
        "csp": lambda: (csp(),),
        "title": lambda: (esc(title),),
        "css": lambda: (stylesheet(),),
        "header": lambda: (_html_header(brief),),
        "timeline": lambda: (html_timeline(brief),),
        "col_en": lambda: (html_column(ctx, "en"),),
        "col_ar": lambda: (html_column(ctx, "ar"),),
        "footer": lambda: (_html_footer(brief),),
        "docs": lambda: html_docs(brief, ctx.quotes),
        "data": lambda: _json_island(brief),
        "js": lambda: (script(),),
    }
    for static, name in page_parts():
        yield static
        if name:
            yield from sections[name]()


def _html_header(brief: Brief) -> str:
    en, ar = words("en"), words("ar")
    failed = sum(1 for a in brief.articles if a.status == "failed")
    stats = [
        (en["stat_articles"], len(brief.articles), ""),
        (en["stat_failed"], failed, " failed" if failed else ""),
        (en["stat_deadlines"], len(brief.deadlines), ""),
        (en["stat_figures"], len(brief.figures), ""),
        (en["stat_events"], len(brief.events), ""),
        (en["stat_conflicts"], len(brief.conflicts), " alert" if brief.conflicts else ""),
    ]
    items = "".join(f'<li class="stat{css}"><b>{n}</b>{esc(name)}</li>' for name, n, css in stats)
    created = ""
    if iso_prefix(brief.meta.created):
        when = en["created"].format(date=date_words(brief.meta.created, "en"))
        created = f'<p class="created">{esc(when)}</p>'
    title = f'{esc(en["title"])}<span class="ar" lang="ar" dir="rtl">{esc(ar["title"])}</span>'
    return (
        f'<header class="top"><div><p class="kicker">{esc(en["kicker"])}</p><h1>{title}</h1>'
        f'{created}</div><ul class="stats">{items}</ul></header>'
    )


def _html_footer(brief: Brief) -> str:
    meta, en = brief.meta, words("en")
    usage = meta.usage
    rows = [
        (en["meta_model"], meta.model),
        (en["meta_backend"], meta.backend),
        (en["meta_prompt_version"], meta.prompt_version),
        (en["meta_schema_version"], meta.schema_version),
        (en["meta_requests"], format_number(usage.requests)),
        (en["meta_prompt_tokens"], format_number(usage.prompt_tokens)),
        (en["meta_completion_tokens"], format_number(usage.completion_tokens)),
        (en["meta_seconds"], f"{meta.seconds:.1f}"),
    ]
    if meta.estimated_cost_usd is not None:
        rows.append((en["meta_cost"], f"${meta.estimated_cost_usd:.4f}"))
    if meta.created:
        rows.append((en["meta_created"], meta.created))
    cells = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in rows)
    return f'<footer class="meta card"><dl>{cells}</dl></footer>'


def _json_island(brief: Brief) -> Iterator[str]:
    """The brief (less article texts) as JSON that cannot close its ``<script>`` element, in
    pieces (:func:`summarizer.stream.brief_json_chunks`): a piece ends between two JSON values,
    never inside a string, so no «</» or «<!--» is split between two."""
    for piece in brief_json_chunks(brief, indent=None, exclude=frozenset({"texts"})):
        yield piece.replace("</", "<\\/").replace("<!--", "<\\u0021--")
