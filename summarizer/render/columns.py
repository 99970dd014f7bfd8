"""The page's two columns, English and Arabic: lead, what comes next, stories, item sections,
conflicts and articles, every item followed by chips that open its sources."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote as url_quote

from summarizer.models import ArticleReport, Brief, Conflict, Deadline, Event, Figure, Source, Story
from summarizer.render.common import (
    conflict_subjects,
    conflict_value,
    date_words,
    denied_label,
    esc,
    figure_value,
    iso_prefix,
    item_anchor,
    item_ids,
    sorted_deadlines,
    sorted_events,
    story_items,
    unique,
    when_words,
    with_speaker,
)
from summarizer.render.documents import Quotes, source_key
from summarizer.render.i18n import Lang, words

_Item = TypeVar("_Item", Deadline, Figure, Event)


@dataclass
class Ctx:
    """What every HTML fragment needs: the brief, outlet labels and the quote numbering."""

    brief: Brief
    labels: dict[str, str]
    quotes: Quotes


def _src_href(article_id: str, number: int | None) -> str:
    ref = f"src={url_quote(article_id, safe='')}"
    return f"#{ref}" if number is None else f"#{ref}:{number}"


def _chips(sources: Sequence[Source], ctx: Ctx) -> str:
    seen: Counter[str] = Counter()
    chips: list[str] = []
    done: set[tuple[str, int, int, str]] = set()
    for source in sources:
        if source_key(source) in done:
            continue
        done.add(source_key(source))
        number = ctx.quotes.number(source)
        seen[source.article_id] += 1
        label = ctx.labels.get(source.article_id, source.article_id)
        if seen[source.article_id] > 1:
            label = f"{label} · {seen[source.article_id]}"
        preview = " ".join(source.quote.split())
        preview = preview if len(preview) <= 160 else preview[:157] + "…"
        chips.append(
            f'<a class="chip" href="{esc(_src_href(source.article_id, number))}" '
            f'data-a="{esc(source.article_id)}" data-n="{number}" dir="auto" '
            f'title="«{esc(preview)}»">{esc(label)}</a>'
        )
    return f'<div class="chips">{"".join(chips)}</div>' if chips else ""


def _time(value: str | None, lang: Lang, css: str = "when", shown: str | None = None) -> str:
    """A date as ``<time>`` when it is a valid ISO date, else as plain text."""
    iso = iso_prefix(value)
    text = esc(shown if shown else date_words(value, lang))
    if iso:
        return f'<time class="{css}" datetime="{iso}">{text}</time>'
    return f'<span class="{css}">{text}</span>'


def _section(key: str, lang: Lang, items: list[str], count: int | None = None) -> str:
    w = words(lang)
    badge = f' <span class="count">{count}</span>' if count else ""
    if items:
        body = f'<ol class="items">{"".join(items)}</ol>'
    else:
        body = f'<p class="empty">{esc(w["no_" + key])}</p>'
    return f'<section class="{key}"><h2>{esc(w[key])}{badge}</h2>{body}</section>'


def _html_summary(brief: Brief, lang: Lang) -> str:
    w = words(lang)
    paras = [p for p in getattr(brief.summary, lang).split("\n") if p.strip()]
    body = "".join(f"<p>{esc(p.strip())}</p>" for p in paras)
    body = body or f'<p class="empty">{esc(w["no_summary"])}</p>'
    return f'<section class="summary"><h2>{esc(w["summary"])}</h2>{body}</section>'


def _disputed(lang: Lang) -> str:
    return f'<span class="badge warn">{esc(words(lang)["disputed"])}</span>'


def _outside_stories(ctx: Ctx, items: Sequence[_Item]) -> Iterator[tuple[int, str, _Item]]:
    """The items no story lists (a story's items are shown under it), each with its place in
    ``items`` counted from 1 and its item id."""
    ids, shown = item_ids(ctx.brief), _in_stories(ctx.brief)
    for number, item in enumerate(items, start=1):
        if ids[id(item)] not in shown:
            yield number, ids[id(item)], item


def _html_deadlines(ctx: Ctx, lang: Lang) -> str:
    disputed = conflict_subjects(ctx.brief, "deadline")
    items = []
    for number, item_id, deadline in _outside_stories(ctx, sorted_deadlines(ctx.brief)):
        flag = _disputed(lang) if deadline.subject.casefold() in disputed else ""
        items.append(
            f'<li class="item" id="{item_anchor(lang, item_id)}">'
            '<div class="item-head">'
            f'<span class="num">{number}</span>'
            f"{_time(deadline.date, lang, shown=when_words(deadline, lang))}{flag}</div>"
            f'<p class="item-text">{esc(getattr(deadline.text, lang))}</p>'
            f"{_chips(deadline.sources, ctx)}</li>"
        )
    return _section("deadlines", lang, items, len(items))


def _html_figures(ctx: Ctx, lang: Lang) -> str:
    disputed = conflict_subjects(ctx.brief, "figure")
    items = []
    for _, _, figure in _outside_stories(ctx, ctx.brief.figures):
        unit = (
            f'<span class="unit">{esc(figure.unit)}</span>' if lang == "en" and figure.unit else ""
        )
        flag = _disputed(lang) if figure.subject.casefold() in disputed else ""
        items.append(
            f'<li class="item fig"><div class="fig-val">'
            f"{esc(figure_value(figure, lang, with_unit=False))}{unit}</div>"
            f'<div><p class="item-text">{esc(getattr(figure.text, lang))} {flag}</p>'
            f"{_chips(figure.sources, ctx)}</div></li>"
        )
    return _section("figures", lang, items, len(items))


def _html_events(ctx: Ctx, lang: Lang) -> str:
    items = []
    for _, _, event in _outside_stories(ctx, sorted_events(ctx.brief)):
        when = _time(event.date, lang, shown=when_words(event, lang))
        head = f'<div class="item-head">{when}</div>' if event.date else ""
        items.append(
            f'<li class="item">{head}<p class="item-text">{esc(getattr(event.text, lang))}</p>'
            f"{_chips(event.sources, ctx)}</li>"
        )
    return _section("events", lang, items, len(items))


def _html_disputes(ctx: Ctx, lang: Lang) -> str:
    w = words(lang)
    items = []
    for dispute in ctx.brief.disputes:
        denied = denied_label(dispute, lang)
        items.append(
            f'<li class="item dispute"><div class="values"><div class="side">'
            f'<span class="badge">{esc(w["reported"])}</span>'
            f'<p class="item-text">{esc(getattr(dispute.claim, lang))}</p>'
            f"{_chips(dispute.claim_sources, ctx)}</div>"
            f'<div class="side"><span class="badge warn">{esc(denied)}</span>'
            f'<p class="item-text">{esc(getattr(dispute.denial, lang))}</p>'
            f"{_chips(dispute.denial_sources, ctx)}</div></div></li>"
        )
    if not items:
        return ""
    return _section("disputes", lang, items, len(items))


def _html_conflicts(ctx: Ctx, lang: Lang) -> str:
    items = [_html_conflict(c, ctx, lang) for c in ctx.brief.conflicts]
    return _section("conflicts", lang, items, len(items))


def _html_conflict(conflict: Conflict, ctx: Ctx, lang: Lang) -> str:
    w = words(lang)
    sides = [
        f'<div class="val"><div class="v">{esc(conflict_value(conflict.kind, v, lang))}</div>'
        f"{_chips(v.sources, ctx)}</div>"
        for v in conflict.values
    ]
    many = len(sides) != 2
    vs = f'<div class="vs">{esc(w["vs"])}</div>'
    values = "".join(sides) if many else vs.join(sides)
    subject = (
        f'<span class="conflict-subject">{esc(conflict.subject)}</span>' if lang == "en" else ""
    )
    return (
        f'<li class="conflict"><div class="conflict-head">'
        f'<span class="badge warn">{esc(w["conflict_" + conflict.kind])}</span>{subject}</div>'
        f'<div class="values{" many" if many else ""}">{values}</div>'
        f'<p class="note">{esc(getattr(conflict.note, lang))}</p></li>'
    )


def _html_articles(ctx: Ctx, lang: Lang) -> str:
    items = [_html_article(a, ctx, lang) for a in ctx.brief.articles]
    return _section("articles", lang, items, len(items))


def _html_article(article: ArticleReport, ctx: Ctx, lang: Lang) -> str:
    w = words(lang)
    meta = [
        f"<bdi>{esc(article.source or w['no_outlet'])}</bdi>",
        f'<bdi><code dir="ltr">{esc(article.id)}</code></bdi>',
    ]
    if iso_prefix(article.published):
        inferred = f" ({esc(w['published_inferred'])})" if article.published_inferred else ""
        meta.append(f"<bdi>{_time(article.published, lang, 'published')}{inferred}</bdi>")
    extra = ""
    if article.status == "failed":
        extra = (
            f'<p class="err"><span class="badge bad">{esc(w["failed"])}</span> '
            f'<span dir="auto">{esc(article.error or "?")}</span></p>'
        )
    elif article.id in ctx.brief.texts:
        href = esc(_src_href(article.id, None))
        extra = (
            f'<a class="open-link" href="{href}" data-a="{esc(article.id)}">{esc(w["read"])}</a>'
        )
    return (
        f'<li class="art {article.status}"><div class="art-title" dir="auto">'
        f"{esc(article.title or article.id)}</div>"
        f'<div class="art-meta">{" · ".join(meta)}</div>{extra}</li>'
    )


def _html_lead(brief: Brief, lang: Lang) -> str:
    if brief.lead is None:
        return _html_summary(brief, lang)
    w = words(lang)
    text = getattr(brief.lead, lang).strip()
    body = f"<p>{esc(text)}</p>" if text else f'<p class="empty">{esc(w["no_summary"])}</p>'
    return f'<section class="summary lead"><h2>{esc(w["lead"])}</h2>{body}</section>'


def _html_next(brief: Brief, lang: Lang) -> str:
    w = words(lang)
    if not brief.as_of:
        return ""
    items = []
    for entry in brief.next:
        css = "badge warn" if entry.status == "passed" else "badge"
        story = (
            f' <a class="story-ref" href="#story-{lang}-{esc(entry.story_id)}">'
            f"{esc(entry.story_id)}</a>"
            if entry.story_id
            else ""
        )
        items.append(
            f'<li class="item next-item {entry.status}"><div class="item-head">'
            f"{_time(entry.date, lang, shown=when_words(entry, lang))}"
            f'<span class="{css}">{esc(w[entry.status])}</span>{story}</div>'
            f'<p class="item-text">{esc(getattr(entry.text, lang))}</p></li>'
        )
    when = esc(w["as_of"].format(date=date_words(brief.as_of, lang)))
    body = (
        f'<ol class="items">{"".join(items)}</ol>'
        if items
        else (f'<p class="empty">{esc(w["no_next"])}</p>')
    )
    return (
        f'<section class="next"><h2>{esc(w["next"])} <span class="count">{when}</span></h2>'
        f"{body}</section>"
    )


def _in_stories(brief: Brief) -> set[str]:
    return {i for story in brief.stories for i in story.item_ids}


def _disputed_ids(brief: Brief) -> set[str]:
    return {i for d in brief.disputes for i in d.item_ids}


def _html_story(story: Story, ctx: Ctx, lang: Lang) -> str:
    items = []
    disputed = _disputed_ids(ctx.brief)
    for item_id, item in story_items(ctx.brief, story):
        if isinstance(item, Figure):
            head = f'<span class="fig-val">{esc(figure_value(item, lang))}</span>'
        else:
            head = _time(item.date, lang, shown=when_words(item, lang)) if item.date else ""
        flag = _disputed(lang) if item_id in disputed else ""
        items.append(
            f'<li class="item" id="{item_anchor(lang, item_id)}"><div class="item-head">{head}'
            f'{flag}</div><p class="item-text">{esc(with_speaker(item, lang))}</p>'
            f"{_chips(item.sources, ctx)}</li>"
        )
    outlets = " · ".join(
        f"<bdi>{esc(ctx.labels.get(a, a))}</bdi>" for a in unique(story.article_ids)
    )
    listed = f'<ol class="items">{"".join(items)}</ol>' if items else ""
    return (
        f'<section class="story" id="story-{lang}-{esc(story.id)}"><h2 dir="auto">'
        f'<span class="num">{esc(story.id)}</span> {esc(getattr(story.title, lang))}</h2>'
        f'<div class="art-meta">{outlets}</div>'
        f'<p class="story-lead">{esc(getattr(story.lead, lang))}</p>{listed}</section>'
    )


def html_column(ctx: Ctx, lang: Lang) -> str:
    """One language's column; with stories, the items they hold are listed under them only."""
    attrs = 'id="col-en" lang="en" dir="ltr"' if lang == "en" else 'id="col-ar" lang="ar" dir="rtl"'
    parts = [
        f'<span class="lang-tag">{esc(words(lang)["lang_tag"])}</span>',
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
