"""What the Markdown and the HTML renderings share: dates in words, item order and labels."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from summarizer.models import (
    Brief,
    ConflictValue,
    Deadline,
    Dispute,
    Event,
    Figure,
    NextItem,
    Story,
)
from summarizer.normalize.formatting import (
    format_approx,
    format_date,
    format_number,
    format_qualifier,
)
from summarizer.render.i18n import Lang, words

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def iso_prefix(value: str | None) -> str | None:
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


def date_words(value: str | None, lang: Lang) -> str:
    """Format a date in words, tolerating malformed input (shown as given)."""
    iso = iso_prefix(value)
    if value and not iso:
        return value
    return format_date(iso, lang)


def when_words(item: Deadline | Event | NextItem, lang: Lang) -> str:
    """An item's date in words as precisely as its article writes it ("by the end of 2026"),
    or its normalized date in words when the item carries no such words."""
    if item.when is not None:
        return item.when.en if lang == "en" else item.when.ar
    return date_words(item.date, lang) if item.date or not isinstance(item, Event) else ""


def said_by_words(item: Deadline | Figure | Event, lang: Lang) -> str:
    """«according to a US official» / «بحسب مسؤول أميركي»; '' when no quote names a speaker
    or (in English) when the speaker's English did not pass the support checks."""
    who = item.said_by.en if item.said_by and lang == "en" else None
    if lang == "ar" and item.said_by is not None:
        who = item.said_by.ar
    return words(lang)["said_by"].format(who=who) if who else ""


def with_speaker(item: Deadline | Figure | Event, lang: Lang) -> str:
    """The item's text followed by its speaker, when known."""
    text = getattr(item.text, lang)
    said = said_by_words(item, lang)
    return f"{text} ({said})" if said else text


def sort_key(value: str | None) -> tuple[int, str]:
    """Sort dated items chronologically, undated ones last."""
    iso = iso_prefix(value)
    return (0, iso) if iso else (1, "")


def sorted_deadlines(brief: Brief) -> list[Deadline]:
    """Return the brief's deadlines by date (undated last, otherwise in their given order)."""
    return sorted(brief.deadlines, key=lambda d: sort_key(d.date))


def sorted_events(brief: Brief) -> list[Event]:
    """Return the brief's events by date (undated last, otherwise in their given order)."""
    return sorted(brief.events, key=lambda e: sort_key(e.date))


def outlet_labels(brief: Brief) -> dict[str, str]:
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


def unique(items: Iterable[str]) -> list[str]:
    """The items without repeats, in order of first appearance."""
    return list(dict.fromkeys(items))


def figure_value(figure: Figure, lang: Lang, with_unit: bool = True) -> str:
    """'about 2,500 troops' / 'نحو 2٬500'; ranges as '2,000–2,500'."""
    number = format_number(figure.value, lang)
    if figure.value_max is not None and figure.value_max != figure.value:
        number = f"{number}–{format_number(figure.value_max, lang)}"
    parts = [format_approx(figure.approx, lang), number]
    if with_unit and lang == "en" and figure.unit:
        parts.append(figure.unit)
    return " ".join(p for p in parts if p)


def conflict_value(kind: str, value: ConflictValue, lang: Lang) -> str:
    """One side of a conflict in words: a hedged number or a qualified date."""
    if kind == "figure" and value.value is not None:
        hedge = format_approx(value.approx, lang)
        return " ".join(w for w in (hedge, format_number(value.value, lang)) if w)
    if value.date:
        cue = format_qualifier(value.qualifier, lang) if value.qualifier else ""
        return " ".join(w for w in (cue, date_words(value.date, lang)) if w)
    if value.value is not None:
        return format_number(value.value, lang)
    return words(lang)["not_stated"]


def conflict_subjects(brief: Brief, kind: str) -> set[str]:
    """The (casefolded) subjects that the brief's conflicts of one kind are about."""
    return {c.subject.casefold() for c in brief.conflicts if c.kind == kind}


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
            (1, "") if isinstance(p[1], Figure) else sort_key(p[1].date),
        ),
    )


def dispute_speaker(dispute: Dispute, lang: Lang) -> str:
    """Who denies, in the language asked ('' when unknown or, in English, unchecked)."""
    if dispute.denied_by is None:
        return ""
    return (dispute.denied_by.en if lang == "en" else dispute.denied_by.ar) or ""


def denied_label(dispute: Dispute, lang: Lang) -> str:
    """'Denied by <who>' when the denying quote names its speaker, else 'Denied'."""
    w = words(lang)
    who = dispute_speaker(dispute, lang)
    return w["denied_by"].format(who=who) if who else w["denied"]


def item_ids(brief: Brief) -> dict[int, str]:
    """The item id ('D1', 'F2', 'E3') of every deadline, figure and event, by object identity."""
    ids: dict[int, str] = {}
    for prefix, items in (("D", brief.deadlines), ("F", brief.figures), ("E", brief.events)):
        for k, item in enumerate(items, start=1):
            ids[id(item)] = f"{prefix}{k}"
    return ids


def item_anchor(lang: Lang, item_id: str) -> str:
    """The HTML id of an item's entry (the timeline links to the English one)."""
    return f"item-{lang}-{item_id}"


def esc(text: str | None) -> str:
    """The text escaped for HTML content and quoted attributes ('' for None)."""
    return html.escape(text or "", quote=True)
