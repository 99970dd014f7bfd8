"""Strict one-to-one matching of brief items to gold items, per article and kind.

* a figure matches when its value (or a range's bound) equals the gold value **and** the keys are
  in its English text;
* a deadline when its date is one the gold item accepts **and** the keys match;
* an event when the keys match **and** its date is one the gold item accepts (see
  ``GoldDated.accepted_dates``: a dated gold event needs the same date).

Keys are matched against the item's English text only (what the reader reads), each key at the
start of a word. Pairs are chosen by the Hungarian algorithm: most matches, then best scores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from summarizer.evaluation.gold import (
    GoldArticle,
    GoldDated,
    GoldDeadline,
    GoldEvent,
    GoldFigure,
    GoldFile,
    GoldItem,
    Keys,
)
from summarizer.models import Brief, BriefItem, Deadline, Event, Figure

G = TypeVar("G", bound=GoldItem)
It = TypeVar("It", Deadline, Figure, Event)
Scorer = Callable[[G, It], float | None]


def num_eq(a: float, b: float) -> bool:
    """Equal values (exact, up to float noise)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def date_eq(a: str | None, b: str | None) -> bool:
    """Equal ISO dates (None and '' are the same: no date)."""
    return (a or "").strip() == (b or "").strip()


def cites(item: BriefItem) -> list[str]:
    """Article ids an item cites, in order, once each."""
    return list(dict.fromkeys(s.article_id for s in item.sources))


def describe(item: BriefItem) -> str:
    """One line of a brief item for the report."""
    en = item.text.en if len(item.text.en) <= 90 else item.text.en[:87] + "..."
    if isinstance(item, Figure):
        value = f"{item.value:g}" + (f"-{item.value_max:g}" if item.value_max is not None else "")
        return f"{value} {en}"
    return f"{item.date or '-'} {en}"


def keys_match(keys: Keys, text: str) -> bool:
    """One key of each list starts a word of ``text`` (case-insensitive)."""
    low = text.lower()
    return all(not group or any(_starts_word(k.lower(), low) for k in group) for group in keys)


def _starts_word(key: str, text: str) -> bool:
    return re.search(r"(?<![a-z0-9])" + re.escape(key), text) is not None


def _date_ok(gold: GoldDated, date: str | None, harness_date: bool) -> bool:
    accepted = gold.accepted_dates(harness_date)
    return accepted is None or any(date_eq(a, date) for a in accepted)


def value_match(fig: Figure, value: float) -> bool:
    """The figure's value, or its range's upper bound, is ``value``."""
    return num_eq(fig.value, value) or (fig.value_max is not None and num_eq(fig.value_max, value))


def _unit_eq(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a.strip().lower().rstrip("s") == b.strip().lower().rstrip("s")


def scorers(harness_date: bool) -> tuple[
    Callable[[GoldDeadline, Deadline], float | None],
    Callable[[GoldFigure, Figure], float | None],
    Callable[[GoldEvent, Event], float | None],
]:
    """Strict scorers (None = no match, higher = better) for deadlines, figures and events."""

    def deadline(gold: GoldDeadline, item: Deadline) -> float | None:
        if not (_date_ok(gold, item.date, harness_date) and keys_match(gold.keys, item.text.en)):
            return None
        return 1.0 + 0.5 * ((gold.qualifier or "").lower() == item.qualifier.lower())

    def figure(gold: GoldFigure, item: Figure) -> float | None:
        if not (value_match(item, gold.value) and keys_match(gold.keys, item.text.en)):
            return None
        same_approx = (gold.approx or "exact") == item.approx
        return 1.0 + 0.5 * _unit_eq(gold.unit, item.unit) + 0.25 * same_approx

    def event(gold: GoldEvent, item: Event) -> float | None:
        if not (keys_match(gold.keys, item.text.en) and _date_ok(gold, item.date, harness_date)):
            return None
        return 2.0 if gold.date is not None else 1.0

    return deadline, figure, event


def keys_only(gold: GoldDated, item: Deadline | Event) -> float | None:
    """Relaxed scorer: the keys match, whatever the date (to report wrong dates)."""
    return 1.0 if keys_match(gold.keys, item.text.en) else None


# --------------------------------------------------------------------------------------------
# One-to-one assignment (Hungarian algorithm): most matches first, then best total score
# --------------------------------------------------------------------------------------------


def assign(weights: list[list[float | None]]) -> list[tuple[int, int]]:
    """Pair rows with columns one-to-one where the weight is not None.

    Maximizes the number of pairs, then the sum of their weights.
    """
    if not weights or not weights[0]:
        return []
    transpose = len(weights) > len(weights[0])
    grid = [list(col) for col in zip(*weights, strict=True)] if transpose else weights
    bonus = 1.0 + sum(max((w or 0.0) for w in row) for row in grid)
    cost = [[-(bonus + w) if w is not None else 0.0 for w in row] for row in grid]
    owner = _hungarian(cost)
    pairs = [(r, c) for c, r in enumerate(owner) if r >= 0 and grid[r][c] is not None]
    return [(c, r) for r, c in pairs] if transpose else pairs


def _hungarian(cost: list[list[float]]) -> list[int]:
    """Minimum-cost assignment of every row (rows <= columns); returns the row of each column."""
    n, m = len(cost), len(cost[0])
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        row_of[0], col = i, 0
        minv, used = [math.inf] * (m + 1), [False] * (m + 1)
        while row_of[col]:
            used[col] = True
            i0, delta, nxt = row_of[col], math.inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, col
                if minv[j] < delta:
                    delta, nxt = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            col = nxt
        while col:
            prev = way[col]
            row_of[col] = row_of[prev]
            col = prev
    return [row_of[j] - 1 for j in range(1, m + 1)]


# --------------------------------------------------------------------------------------------
# Per-article matching of one kind
# --------------------------------------------------------------------------------------------


@dataclass
class Match:
    """How one article's gold items of one kind were paired with the brief's items."""

    items: list[int]
    strict: dict[int, int] = field(default_factory=dict)
    relaxed: dict[int, int] = field(default_factory=dict)

    def gold_of(self, item_index: int) -> int | None:
        """The gold item an item is paired with (strictly, else relaxed), if any."""
        if item_index in self.strict:
            return self.strict[item_index]
        return self.relaxed.get(item_index)


def as_stated(item: It, article_id: str) -> It:
    """The item as one article states it: a merged figure with that article's own (rounded)
    value where its source gives one («نحو 6.5 ملايين» beside another article's 6,482,000)."""
    own = [s.value for s in item.sources if s.article_id == article_id and s.value is not None]
    if not isinstance(item, Figure) or not own:
        return item
    return item.model_copy(update={"value": own[0]})


def _match_article(
    golds: Sequence[G],
    items: Sequence[It],
    article_id: str,
    strict: Scorer[G, It],
    relaxed: Scorer[G, It] | None,
) -> Match:
    idx = [i for i, item in enumerate(items) if article_id in cites(item)]
    stated = {i: as_stated(items[i], article_id) for i in idx}
    pairs = assign([[strict(g, stated[i]) for i in idx] for g in golds])
    match = Match(items=idx, strict={idx[c]: r for r, c in pairs})
    if relaxed is None:
        return match
    rest_g = [r for r in range(len(golds)) if r not in match.strict.values()]
    rest_i = [i for i in idx if i not in match.strict]
    pairs = assign([[relaxed(golds[r], stated[i]) for i in rest_i] for r in rest_g])
    match.relaxed = {rest_i[c]: rest_g[r] for r, c in pairs}
    return match


@dataclass
class Matches:
    """All per-article matchings, by kind then article id."""

    deadline: dict[str, Match] = field(default_factory=dict)
    figure: dict[str, Match] = field(default_factory=dict)
    event: dict[str, Match] = field(default_factory=dict)

    def of(self, kind: str) -> dict[str, Match]:
        """Matchings of one kind ('deadline', 'figure' or 'event')."""
        return {"deadline": self.deadline, "figure": self.figure, "event": self.event}[kind]


def match_all(brief: Brief, gold: GoldFile, harness_dates: dict[str, bool]) -> Matches:
    """Match every gold article's items with the brief items that cite the article."""
    out = Matches()
    for art in gold.articles:
        deadline, figure, event = scorers(harness_dates.get(art.id, False))
        out.deadline[art.id] = _match_article(
            art.deadlines, brief.deadlines, art.id, deadline, keys_only
        )
        out.figure[art.id] = _match_article(art.figures, brief.figures, art.id, figure, None)
        out.event[art.id] = _match_article(art.events, brief.events, art.id, event, keys_only)
    return out


def golds_of(art: GoldArticle, kind: str) -> Sequence[GoldItem]:
    """An article's gold items of one kind."""
    if kind == "deadline":
        return art.deadlines
    return art.figures if kind == "figure" else art.events


def items_of(brief: Brief, kind: str) -> Sequence[BriefItem]:
    """A brief's items of one kind."""
    if kind == "deadline":
        return brief.deadlines
    return brief.figures if kind == "figure" else brief.events


def all_items(brief: Brief) -> list[BriefItem]:
    """Every deadline, figure and event of a brief."""
    return [*brief.deadlines, *brief.figures, *brief.events]
