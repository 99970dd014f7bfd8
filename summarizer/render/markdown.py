"""The brief as Markdown: an English brief, then an Arabic one in a right-to-left block."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal

from summarizer.errors import BadArgument
from summarizer.models import (
    ArticleReport,
    Brief,
    Conflict,
    ConflictValue,
    Deadline,
    Event,
    Figure,
    Source,
    Story,
)
from summarizer.render.common import (
    conflict_value,
    date_words,
    denied_label,
    figure_value,
    iso_prefix,
    outlet_labels,
    sorted_deadlines,
    sorted_events,
    story_items,
    unique,
    when_words,
    with_speaker,
)
from summarizer.render.i18n import Lang, words

LangChoice = Literal["en", "ar", "both"]

_MD_SPECIAL = re.compile(r"([\\`*<>\[\]])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def render_markdown(brief: Brief, lang: LangChoice = "both") -> str:
    """Render the brief as Markdown: an English brief, then an Arabic one (or only one of them).

    The Arabic brief is wrapped in ``<div dir="rtl" lang="ar">`` so Markdown viewers lay it out
    right to left. Every item line ends with its sources, cited by outlet name (article id when
    the outlet is unknown).
    """
    if lang not in ("en", "ar", "both"):
        raise BadArgument(f"lang must be 'en', 'ar' or 'both', not {lang!r}")
    langs: tuple[Lang, ...] = ("en", "ar") if lang == "both" else (lang,)
    labels = outlet_labels(brief)
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
    names = unique(_md(labels.get(s.article_id, s.article_id)) for s in sources)
    return f"[{words(lang)['comma'].join(names)}]" if names else ""


def _md_line(head: str, text: str, cite: str) -> str:
    parts = [f"- **{head}** — {text}" if head else f"- {text}"]
    if cite:
        parts.append(cite)
    return " ".join(parts)


def _overview(brief: Brief, lang: Lang) -> str:
    failed = sum(1 for a in brief.articles if a.status == "failed")
    total = sum(1 for a in brief.articles if a.status != "skipped")  # inputs that are articles
    return words(lang)["overview"].format(total=total, ok=total - failed, failed=failed)


def _md_brief(brief: Brief, lang: Lang, labels: dict[str, str]) -> str:
    w = words(lang)
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
            f"## {w['next']} ({_md(w['as_of'].format(date=date_words(brief.as_of, lang)))})",
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
            _md_list(_md_items(sorted_deadlines(brief), lang, labels), w["no_deadlines"]),
            f"## {w['figures']}",
            _md_list(_md_items(brief.figures, lang, labels), w["no_figures"]),
            f"## {w['events']}",
            _md_list(_md_items(sorted_events(brief), lang, labels), w["no_events"]),
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


def _item_head(item: Deadline | Figure | Event, lang: Lang) -> str:
    if isinstance(item, Figure):
        return _md(figure_value(item, lang))
    return _md(when_words(item, lang))


def _md_story(brief: Brief, story: Story, lang: Lang, labels: dict[str, str]) -> str:
    w = words(lang)
    cites = unique(_md(labels.get(a, a)) for a in story.article_ids)
    lines = [
        f"### {_md(story.id)} · {_md(getattr(story.title, lang))}",
        f"*{w['comma'].join(cites)}*",
        _md(getattr(story.lead, lang)),
    ]
    items = [
        _md_line(_item_head(item, lang), _md(with_speaker(item, lang)),
                 _md_cite(item.sources, labels, lang))
        for _, item in story_items(brief, story)
    ]  # fmt: skip
    if items:
        lines.append("\n".join(items))
    return "\n\n".join(lines)


def _md_disputes(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    w = words(lang)
    lines = []
    for dispute in brief.disputes:
        denied = denied_label(dispute, lang)
        lines.append(
            f"- **{w['reported']}:** {_md(getattr(dispute.claim, lang))} "
            f"{_md_cite(dispute.claim_sources, labels, lang)} — **{_md(denied)}:** "
            f"{_md(getattr(dispute.denial, lang))} {_md_cite(dispute.denial_sources, labels, lang)}"
        )
    return lines


def _md_next(brief: Brief, lang: Lang) -> list[str]:
    w = words(lang)
    lines = []
    for entry in brief.next:
        status = w[entry.status]
        story = f" ({w['in_story']} {_md(entry.story_id)})" if entry.story_id else ""
        lines.append(
            f"- **{_md(when_words(entry, lang))}** — {status} — "
            f"{_md(getattr(entry.text, lang))}{story}"
        )
    return lines


def _md_list(lines: list[str], empty: str) -> str:
    return "\n".join(lines) if lines else empty


def _md_items(
    items: Iterable[Deadline | Figure | Event], lang: Lang, labels: dict[str, str]
) -> list[str]:
    return [
        _md_line(_item_head(item, lang), _md(getattr(item.text, lang)),
                 _md_cite(item.sources, labels, lang))
        for item in items
    ]  # fmt: skip


def _md_conflicts(brief: Brief, lang: Lang, labels: dict[str, str]) -> list[str]:
    return [_md_conflict(c, lang, labels) for c in brief.conflicts]


def _md_conflict(conflict: Conflict, lang: Lang, labels: dict[str, str]) -> str:
    w = words(lang)
    sides = [_md_side(conflict.kind, v, lang, labels) for v in conflict.values]
    joined = f" {w['vs']} ".join(sides) if len(sides) == 2 else w["semicolon"].join(sides)
    head = _md(conflict.subject) if lang == "en" else w[f"conflict_{conflict.kind}"]
    note = _md(getattr(conflict.note, lang))
    return f"- **{head}**: {joined}" + (f" — {note}" if note else "")


def _md_side(kind: str, value: ConflictValue, lang: Lang, labels: dict[str, str]) -> str:
    cite = _md_cite(value.sources, labels, lang)
    return f"{conflict_value(kind, value, lang)} {cite}".strip()


def _md_articles(brief: Brief, lang: Lang) -> list[str]:
    return [_md_article(a, lang) for a in brief.articles]


def _md_article(article: ArticleReport, lang: Lang) -> str:
    w = words(lang)
    parts = [_md_id(article.id)]
    if article.title:
        parts.append(_md(article.title))
    parts.append(_md(article.source) if article.source else w["no_outlet"])
    if iso_prefix(article.published):
        inferred = f" ({w['published_inferred']})" if article.published_inferred else ""
        parts.append(date_words(article.published, lang) + inferred)
    line = "- " + " — ".join(parts)
    if article.status == "failed":
        line += f" — **{w['failed']}**: {_md(article.error) or '?'}"
    return line
