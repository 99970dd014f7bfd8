"""Roles by rule: which mentions are candidates, and as what (a deadline or scheduled date, a
figure, a dated event), from the calendar and the grammar of their clause."""

from __future__ import annotations

import re
from typing import Literal

from summarizer.clean import clause_around
from summarizer.models import Mention
from summarizer.normalize.tense import speaks_of_future

Role = Literal["deadline", "figure", "event"]
DEADLINE_CUES = frozenset(
    {"by", "until", "at least until", "no later than", "no later than the end of",
     "by the end of", "before", "within"}
)  # fmt: skip
_PAST = re.compile(r"الماضي|الماضية|الماضيين|الفائت|المنصرم")
_FUTURE = re.compile(r"المقبل|المقبلة|القادم|القادمة")


def candidate_role(
    mention: Mention, published: str | None = None, frame: str = ""
) -> Role | None:
    """Return what a mention can be in the brief, decided by rule, or None to leave it out.

    A date is forward-looking — a deadline or a scheduled date — after a deadline cue (but
    «حتى» before a date already past: a count as of it), when it lies after the publication
    date, or when it is the publication day or month (or there is no publication date) and its
    clause ``frame`` speaks of the future; any other resolved date may date an event. A precise
    number with a
    unit is a figure. Vague counts, past durations and unresolved dates are left out: the
    brief states nothing it cannot ground and normalize.
    """
    if mention.kind == "date":
        return _date_role(mention, published, frame)
    if mention.value is None or mention.approx == "range" or not mention.unit:
        return None
    return None if _PAST.search(mention.text) else "figure"


def _date_role(mention: Mention, published: str | None, frame: str) -> Role | None:
    if mention.value is not None and mention.unit:
        # «قبل 10 سنوات»: a span counted back from the article dates background, never a fact.
        return "event" if mention.date is not None else None
    if mention.date is None:
        # «الأسبوع المقبل» with no publication date: no event, no deadline.
        return None if _FUTURE.search(mention.text) else "event"
    if mention.qualifier in DEADLINE_CUES:
        # «بلغ عدد الزوار 40 ألفا حتى 3 آذار» in a later article: a count until a
        # past date is one as of that date, no deadline («كان عليها التسليم بحلول آذار 2024»,
        # a deadline that passed, still is one).
        passed = published is not None and mention.date < published[: len(mention.date)]
        return "event" if passed and mention.qualifier == "until" else "deadline"
    if published is not None and is_later(mention.date, published):
        return "deadline"
    # The publication day or month itself («ستفرج اليوم», «من المقرر هذا الشهر»), or no
    # publication date: the tense of the clause decides.
    today = published is not None and mention.date == published[: len(mention.date)]
    if published is None or today:
        coming = speaks_of_future(frame) or _listed_with_future(mention, frame)
        return "deadline" if coming else "event"
    return "event"


def _listed_with_future(mention: Mention, frame: str) -> bool:
    """Whether the publication period stands in one clause with a coming one («ثلاث مراحل،
    الأولى الشهر الحالي والثانية في تموز المقبل»): a schedule, whose first step is due too."""
    return bool(_FUTURE.search(frame.replace(mention.text, " ")))


def is_later(date: str, published: str) -> bool:
    """True when ``date`` (at its own precision: a year, a month or a day) lies after the
    publication date: «2026» is later than 2025-11-16, «2025-11» is not."""
    return date > published[: len(date)]


def mention_roles(text: str, mentions: list[Mention], published: str | None) -> dict[str, Role]:
    """What each mention can be (deadline, figure, event), by rule; mentions left out are absent."""
    roles = {}
    for mention in mentions:
        frame = clause_around(text, mention.start, mention.end) if mention.kind == "date" else ""
        role = candidate_role(mention, published, frame)
        if role is not None:
            roles[mention.id] = role
    return roles
