"""Calendar arithmetic that resolves relative expressions against the publication date.

Every function returns an ISO string no more precise than the expression, or None when the
expression cannot be pinned down (no publication date, or an ambiguous week).
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, timedelta

from summarizer.normalize.vocab import CURRENT, NEXT, PAST

ONWARD = "onward"  # a bare weekday after a deadline cue («حتى الخميس») looks forward
# YYYY, YYYY-MM or YYYY-MM-DD, optionally followed by a time part that is ignored.
_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][0-9:.+\-Z ]*)?", re.ASCII)


def iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None for an impossible date."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: object) -> str | None:
    """The ISO date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) that ``value`` states, time part
    dropped; None for anything else (``2025-13-45``, ``2025-00-10``, markup, not a string)."""
    if not isinstance(value, str):
        return None
    match = _ISO_PREFIX.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    return "-".join(part for part in (year, month, day) if part)


def parse_published(published: str | None) -> date | None:
    """The publication date from an ISO string (time part ignored); None if not a full date.

    Never raises: junk (``2025-13-45``, markup, a non-string) gives None.
    """
    iso_value = iso_date(published)
    if iso_value is None or len(iso_value) != 10:
        return None
    return date.fromisoformat(iso_value)


def span_end(start: str, count: float, unit: str) -> str | None:
    """The end of a span of ``count`` ``unit`` from ``start`` (ISO, at its own precision): a
    year from «أكتوبر 2025» is October 2026; a span finer than the start's precision (days
    from a month) has no end that the text gives."""
    if not float(count).is_integer() or count <= 0:
        return None
    n = int(count)
    parts = [int(p) for p in start.split("-")]
    if unit in ("years", "decades"):
        parts[0] += n * (10 if unit == "decades" else 1)
    elif unit == "months" and len(parts) >= 2:
        index = parts[0] * 12 + parts[1] - 1 + n
        parts[0], parts[1] = index // 12, index % 12 + 1
    elif unit in ("days", "weeks") and len(parts) == 3:
        ends = date(*parts) + timedelta(days=n * (7 if unit == "weeks" else 1))
        return ends.isoformat()
    else:
        return None
    if len(parts) == 3:  # 29 February plus a year: the last day of that month
        parts[2] = min(parts[2], monthrange(parts[0], parts[1])[1])
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


def shift_month(pub: date, months: int) -> str:
    """``YYYY-MM`` of the month ``months`` away from the publication month."""
    index = pub.year * 12 + pub.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _month_year(pub: date, month: int, day: int | None, mod: str | None) -> int:
    """The year of a month (and day) given without a year."""
    if mod == CURRENT:
        return pub.year
    if mod in (PAST, NEXT):
        probe = (month, day or 0)
        now = (pub.month, pub.day if day else 0)
        if mod == PAST:
            return pub.year if probe < now else pub.year - 1
        return pub.year if probe > now else pub.year + 1
    here = pub.year * 12 + pub.month
    return min((pub.year - 1, pub.year, pub.year + 1), key=lambda y: abs(y * 12 + month - here))


def resolve_month(
    pub: date | None, month: int, day: int | None, mod: str | None
) -> tuple[str | None, bool]:
    """«14 آذار الماضي», «نوفمبر المقبل», «11 أكتوبر الجاري», «منتصف شباط» (nearest)."""
    if pub is None:
        return None, False
    value = iso(_month_year(pub, month, day, mod), month, day)
    return value, value is not None


def _week(lo: date, hi: date) -> str | None:
    """A week window gives a month only when the whole window lies in one month."""
    if (lo.year, lo.month) != (hi.year, hi.month):
        return None
    return f"{lo.year:04d}-{lo.month:02d}"


def resolve_period(pub: date | None, period: str, mod: str) -> tuple[str | None, bool]:
    """«العام الماضي», «الشهر الجاري», «الأسبوع المقبل»."""
    if pub is None:
        return None, False
    step = {PAST: -1, NEXT: 1}.get(mod, 0)
    if period == "year":
        return f"{pub.year + step:04d}", True
    if period == "month":
        return shift_month(pub, step), True
    windows = {PAST: (-13, -1), NEXT: (1, 13), CURRENT: (-6, 6)}
    lo, hi = windows[mod]
    value = _week(pub + timedelta(days=lo), pub + timedelta(days=hi))
    return value, value is not None


def resolve_weekday(pub: date | None, weekday: int, mod: str | None) -> tuple[str | None, bool]:
    """A weekday: the most recent on or before publication; «الماضي» strictly before;
    «المقبل» strictly after; ``ONWARD`` (after a deadline cue) on or after."""
    if pub is None:
        return None, False
    if mod == ONWARD:
        return (pub + timedelta(days=(weekday - pub.weekday()) % 7)).isoformat(), True
    if mod == NEXT:
        return (pub + timedelta(days=(weekday - pub.weekday()) % 7 or 7)).isoformat(), True
    back = (pub.weekday() - weekday) % 7
    if mod == PAST and back == 0:
        back = 7
    return (pub - timedelta(days=back)).isoformat(), True


def resolve_offset(pub: date | None, days: int) -> tuple[str | None, bool]:
    """«أمس», «اليوم», «غدا»: the publication date plus ``days``."""
    if pub is None:
        return None, False
    return (pub + timedelta(days=days)).isoformat(), True


def resolve_ago(pub: date | None, count: float, unit: str) -> tuple[str | None, bool]:
    """«قبل ٧ سنوات» → the year; «منذ ثلاثة أيام» → the day; «قبل شهرين» → the month."""
    if pub is None or not float(count).is_integer():
        return None, False
    n = int(count)
    if unit == "days":
        return (pub - timedelta(days=n)).isoformat(), True
    if unit == "weeks":
        centre = pub - timedelta(days=7 * n)
        value = _week(centre - timedelta(days=3), centre + timedelta(days=3))
        return value, value is not None
    if unit == "months":
        return shift_month(pub, -n), True
    if unit == "years":
        return f"{pub.year - n:04d}", True
    if unit == "decades":
        return f"{pub.year - 10 * n:04d}", True
    return None, False
