"""The deadline timeline: an inline SVG with one numbered marker per dated deadline.

Years run left to right across the page's width; a deadline dated to a month or a year is drawn
as a band over that period, and labels that would overlap are stacked in lanes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from summarizer.models import Brief
from summarizer.render.common import (
    conflict_subjects,
    esc,
    iso_prefix,
    item_anchor,
    item_ids,
    sorted_deadlines,
)
from summarizer.render.i18n import words

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
    iso = iso_prefix(value)
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
    disputed = conflict_subjects(brief, "deadline")
    ids = item_ids(brief)
    markers = []
    for number, deadline in enumerate(sorted_deadlines(brief), start=1):
        period = _period(deadline.date)
        if period is None:
            continue
        iso = iso_prefix(deadline.date) or ""
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
    return f"{value:.1f}" if isinstance(value, float) else esc(str(value))


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
    label = esc(words("en")["brief_date"].format(date=created.isoformat()))
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
        f"<title>{esc(marker.tooltip)}</title>",
        band,
        _svg("line", "tl-stem", x1=marker.x, y1=axis_y, x2=marker.x, y2=y - 14),
        _svg("circle", "tl-dot", cx=marker.x, cy=axis_y, r=6),
        _svg("circle", "tl-dot", cx=badge_x, cy=y - 5, r=9),
        _svg("text", "tl-num", str(marker.number), x=badge_x, y=y - 1.5, text_anchor="middle"),
        _svg("text", "tl-date", esc(marker.label), x=tx + 22 * side, y=y, text_anchor=anchor),
        _svg("text", "tl-subj", esc(marker.subject), x=tx, y=y + 16, text_anchor=anchor),
    ]
    css = "tl-mark disputed" if marker.disputed else "tl-mark"
    href = f"#{item_anchor('en', marker.item_id)}"
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
    en = words("en")
    desc = en["timeline_desc"].format(n=len(markers), first=scale.first_year, last=scale.last_year)
    return (
        f'<svg class="tl" viewBox="0 0 {_TL_WIDTH} {height}" role="img" '
        f'aria-labelledby="tl-title tl-desc"><title id="tl-title">{esc(en["timeline"])}</title>'
        f'<desc id="tl-desc">{esc(desc)}</desc>{"".join(parts)}</svg>'
    )


def html_timeline(brief: Brief) -> str:
    """The timeline's section: a bilingual heading, the SVG and notes on what it leaves out."""
    en, ar = words("en"), words("ar")
    svg = timeline_svg(brief)
    undated = sum(1 for d in brief.deadlines if _period(d.date) is None)
    notes = []
    if not brief.deadlines:
        notes.append(f"{en['no_deadlines']} · {ar['no_deadlines']}")
    elif undated:
        notes.append(en["undated_note"].format(n=undated))
    if any(m.disputed for m in _markers(brief)):
        notes.append(en["disputed_note"])
    note = f'<p class="tl-note">{esc(" ".join(notes))}</p>' if notes else ""
    body = f'<div class="tl-scroll">{svg}</div>' if svg else ""
    return (
        '<section class="card timeline" aria-labelledby="tl-h">'
        f'<h2 id="tl-h">{esc(en["timeline"])} '
        f'<span class="ar" lang="ar" dir="rtl">{esc(ar["timeline"])}</span></h2>'
        f"{body}{note}</section>"
    )
