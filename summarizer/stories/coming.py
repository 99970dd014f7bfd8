"""What comes next: the brief's deadlines and scheduled dates against its date (``as_of``)."""

from __future__ import annotations

import re
from datetime import date as Date

from summarizer.models import BriefItem, Deadline, Event, NextItem


def period(iso: str) -> tuple[Date, Date] | None:
    """The first and last day of an ISO date, month or year; None when it is not one."""
    try:
        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return Date(parts[0], 1, 1), Date(parts[0], 12, 31)
        if len(parts) == 2:
            first = Date(parts[0], parts[1], 1)
            following = Date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, Date.fromordinal(following.toordinal() - 1)
        if len(parts) == 3:
            day = Date(parts[0], parts[1], parts[2])
            return day, day
    except ValueError:
        return None
    return None


def what_comes_next(
    items: list[tuple[str, BriefItem]], as_of: str, story_of: dict[str, str]
) -> list[NextItem]:
    """Deadlines (all of them) and events dated after ``as_of`` (their whole period): upcoming
    ones nearest first, then the passed deadlines, latest first (a period passes after its last
    day)."""
    today = period(as_of)
    if today is None:
        raise ValueError(f"as_of must be an ISO date (YYYY-MM-DD), not {as_of!r}")
    upcoming: list[tuple[Date, NextItem]] = []
    passed: list[tuple[Date, NextItem]] = []
    for item_id, item in items:
        when = getattr(item, "date", None)
        span = period(when) if isinstance(item, Deadline | Event) and when else None
        if span is None or when is None:
            continue
        done = span[1] < today[0]
        if isinstance(item, Event) and span[0] < today[0]:
            continue  # an event that has begun is history, not something to come
        entry = NextItem(
            date=when,
            status="passed" if done else "upcoming",
            item_id=item_id,
            story_id=story_of.get(item_id),
            text=item.text,
            when=item.when if isinstance(item, Deadline | Event) else None,
        )
        (passed if done else upcoming).append((span[1] if done else span[0], entry))
    upcoming.sort(key=lambda p: p[0])
    passed.sort(key=lambda p: p[0], reverse=True)
    return [e for _, e in upcoming] + [e for _, e in passed]


def check_as_of(as_of: object) -> str | None:
    """``as_of`` as given when it is None or an ISO date (``YYYY-MM-DD``).

    Raises:
        ValueError: anything else, with a one-line reason.
    """
    if as_of is None:
        return None
    if not isinstance(as_of, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", as_of):
        raise ValueError(f"as_of must be a date YYYY-MM-DD, not {as_of!r}")
    try:
        Date.fromisoformat(as_of)
    except ValueError:
        raise ValueError(f"as_of must be a date YYYY-MM-DD, not {as_of!r}") from None
    return as_of
