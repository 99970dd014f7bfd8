"""Score a brief against a hand-made gold annotation (``summarizer eval``).

The gold format is the one of ``shared/eval/seeds.gold.json``: per article, the deadlines,
figures and events a correct brief states (each with ``keys``: lists of alternative English words,
one of each list must appear in the item's English text), the statements that must *not* become
deadlines, the numbers that only appear in boilerplate tails; and, for the whole batch, the facts
the brief must give once citing several articles and the figure pairs it must show as a change.

Nothing here knows the seeds: any gold file of that form can be scored.
"""

from __future__ import annotations

import glob
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summarizer.errors import UsageError
from summarizer.models import Brief, Deadline, Event, Figure, Source

TARGET_RECALL = 0.85
TARGET_PRECISION = 0.85
COMBINED = "deadlines+figures"

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is"}
    | {"it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with"}
    | {"within", "after", "before", "over"}
)

Keys = list[list[str]]
BriefItem = Deadline | Figure | Event


# --------------------------------------------------------------------------------------------
# Gold annotation
# --------------------------------------------------------------------------------------------


class _GoldModel(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class GoldItem(_GoldModel):
    """What every gold deadline, figure and event has."""

    what_en: str = ""
    keys: Keys = Field(default_factory=list)
    optional: bool = False

    def describe(self) -> str:
        """Short English description for the report."""
        return self.what_en


class GoldDeadline(GoldItem):
    """A deadline the brief must state."""

    date: str | None = None
    qualifier: str | None = None

    def describe(self) -> str:
        """Short English description for the report."""
        return f"{self.date or '-'} {self.what_en}"


class GoldFigure(GoldItem):
    """A figure the brief must state."""

    value: float
    unit: str | None = None
    approx: str | None = None

    def describe(self) -> str:
        """Short English description for the report."""
        return " ".join(part for part in (f"{self.value:g}", self.unit, self.what_en) if part)


class GoldEvent(GoldItem):
    """An event the brief must state."""

    date: str | None = None

    def describe(self) -> str:
        """Short English description for the report."""
        return f"{self.date or '-'} {self.what_en}"


class GoldNonDeadline(_GoldModel):
    """A statement that there is *no* timetable: it must not become a deadline."""

    what_en: str = ""
    keys: Keys = Field(default_factory=list)


class GoldArticle(_GoldModel):
    """The annotation of one article."""

    id: str
    boilerplate_tail_starts_with: str | None = None
    deadlines: list[GoldDeadline] = Field(default_factory=list)
    non_deadlines: list[GoldNonDeadline] = Field(default_factory=list)
    figures: list[GoldFigure] = Field(default_factory=list)
    events: list[GoldEvent] = Field(default_factory=list)
    not_in_article: list[float] = Field(default_factory=list)


class GoldDuplicate(_GoldModel):
    """A fact several articles state, which the brief must give once citing all of them."""

    fact: str
    kind: Literal["deadline", "figure", "event"]
    date: str | None = None
    value: float | None = None
    articles: list[str]


class GoldChange(_GoldModel):
    """Figure values that the brief must show side by side as a conflict or change."""

    fact: str
    values: list[float]
    articles: list[str]


class GoldMerged(_GoldModel):
    """Batch-level expectations."""

    duplicates: list[GoldDuplicate] = Field(default_factory=list)
    changes: list[GoldChange] = Field(default_factory=list)


class GoldFile(_GoldModel):
    """A whole gold annotation."""

    articles: list[GoldArticle]
    merged: GoldMerged = Field(default_factory=GoldMerged)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


class Ratio(BaseModel):
    """``hit`` out of ``total``; ``value`` is None when there is nothing to measure."""

    hit: int = 0
    total: int = 0
    value: float | None = None

    @classmethod
    def of(cls, hit: int, total: int) -> Ratio:
        """Build a ratio, computing its value."""
        return cls(hit=hit, total=total, value=hit / total if total else None)

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio.of(self.hit + other.hit, self.total + other.total)

    def at_least(self, threshold: float) -> bool:
        """True when the value reaches ``threshold`` or there is nothing to measure."""
        return self.value is None or self.value >= threshold - 1e-12

    def __str__(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.2f}"
        return f"{self.hit}/{self.total} ({shown})"


class KindScore(BaseModel):
    """Micro-averaged recall and precision of one kind of item."""

    recall: Ratio
    precision: Ratio


class KindResult(BaseModel):
    """How one kind of item of one article was matched."""

    recall: Ratio
    precision: Ratio
    missing: list[str] = Field(default_factory=list, description="unmatched gold items")
    extra: list[str] = Field(default_factory=list, description="unmatched brief items")
    wrong_date: list[str] = Field(
        default_factory=list, description="brief items that match a gold item except for the date"
    )


class ArticleScore(BaseModel):
    """Per-article detail."""

    article_id: str
    deadlines: KindResult
    figures: KindResult
    events: KindResult
    false_deadlines: list[str] = Field(default_factory=list)


class Leak(BaseModel):
    """A brief figure that comes from an article's boilerplate tail."""

    article_id: str
    value: float
    text_en: str
    quote: str
    reason: str


class MergeCheck(BaseModel):
    """One batch-level expectation (duplicate or change) and what the brief has for it."""

    fact: str
    kind: str
    articles: list[str]
    satisfied: bool
    found: list[str] = Field(default_factory=list)


class EvalReport(BaseModel):
    """Everything ``score_brief`` measured. JSON-serializable (``model_dump_json``)."""

    scores: dict[str, KindScore] = Field(
        description="deadlines, figures, events and deadlines+figures"
    )
    deadline_date_accuracy: Ratio
    event_date_accuracy: Ratio
    false_deadlines: int
    boilerplate_leaks: list[Leak]
    quotes_verbatim: Ratio
    quote_offsets: Ratio
    bilingual: Ratio
    duplicates: Ratio
    duplicate_checks: list[MergeCheck]
    changes: Ratio
    change_checks: list[MergeCheck]
    articles: list[ArticleScore]
    unattributed_items: list[str] = Field(
        default_factory=list, description="brief items citing no annotated article"
    )
    passed_targets: dict[str, bool]


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read and validate a gold annotation file; raise ``UsageError`` when it is unusable."""
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"gold file not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read gold file {p}: {exc}") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise UsageError(f"gold file {p} is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise UsageError(f"gold file {p} must hold a JSON object with an 'articles' list")
    _parse_gold(data, where=str(p))
    return data


def _parse_gold(gold: dict[str, Any], where: str = "gold annotation") -> GoldFile:
    try:
        return GoldFile.model_validate(gold)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"])
        raise UsageError(
            f"{where} is not a valid gold annotation: {loc}: {first['msg']}"
            f" ({exc.error_count()} problem(s))"
        ) from None


# --------------------------------------------------------------------------------------------
# Small predicates
# --------------------------------------------------------------------------------------------


def _num_eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _date_eq(a: str | None, b: str | None) -> bool:
    return (a or "").strip() == (b or "").strip()


def _haystack(item: BriefItem) -> str:
    parts = [item.text.en, item.subject]
    if isinstance(item, Figure) and item.unit:
        parts.append(item.unit)
    return " ".join(parts).lower()


def _keys_match(keys: Keys, haystack: str) -> bool:
    return all(not group or any(w.lower() in haystack for w in group) for group in keys)


def _value_match(fig: Figure, value: float) -> bool:
    if _num_eq(fig.value, value):
        return True
    return fig.value_max is not None and fig.value <= value <= fig.value_max


def _unit_eq(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a.strip().lower().rstrip("s") == b.strip().lower().rstrip("s")


def _stems(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("'s", ""))
    return {w[:5] for w in words if w not in _STOPWORDS}


def _overlap(a: str, b: str) -> int:
    return len(_stems(a) & _stems(b))


def _cites(item: BriefItem) -> list[str]:
    return list(dict.fromkeys(s.article_id for s in item.sources))


def _describe(item: BriefItem) -> str:
    en = item.text.en if len(item.text.en) <= 90 else item.text.en[:87] + "..."
    if isinstance(item, Figure):
        value = f"{item.value:g}" + (f"-{item.value_max:g}" if item.value_max is not None else "")
        return f"{value} {en}"
    return f"{item.date or '-'} {en}"


# --------------------------------------------------------------------------------------------
# Matching scores: None = no match; higher = better match
# --------------------------------------------------------------------------------------------


def _deadline_strict(gold: GoldDeadline, item: Deadline) -> float | None:
    if not (_date_eq(gold.date, item.date) and _keys_match(gold.keys, _haystack(item))):
        return None
    same_cue = (gold.qualifier or "").lower() == item.qualifier.lower()
    return 1.0 + 0.5 * same_cue


def _keys_only(gold: GoldDeadline | GoldEvent, item: Deadline | Event) -> float | None:
    return 1.0 if _keys_match(gold.keys, _haystack(item)) else None


def _figure_strict(gold: GoldFigure, item: Figure) -> float | None:
    if not (_value_match(item, gold.value) and _keys_match(gold.keys, _haystack(item))):
        return None
    exact = _num_eq(item.value, gold.value)
    same_approx = (gold.approx or "exact") == item.approx
    return 1.0 + 0.5 * _unit_eq(gold.unit, item.unit) + 0.25 * exact + 0.25 * same_approx


def _event_strict(gold: GoldEvent, item: Event) -> float | None:
    if not _keys_match(gold.keys, _haystack(item)):
        return None
    if gold.date and item.date and not _date_eq(gold.date, item.date):
        return None
    return 2.0 if _date_eq(gold.date, item.date) else 1.0


# --------------------------------------------------------------------------------------------
# One-to-one assignment (Hungarian algorithm): most matches first, then best total score
# --------------------------------------------------------------------------------------------


def _assign(weights: list[list[float | None]]) -> list[tuple[int, int]]:
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

G = TypeVar("G", bound=GoldItem)
It = TypeVar("It", Deadline, Figure, Event)
Scorer = Callable[[G, It], float | None]


@dataclass
class _Match:
    """Matching of one kind in one article; maps global brief item index -> gold index."""

    items: list[int]
    strict: dict[int, int] = field(default_factory=dict)
    relaxed: dict[int, int] = field(default_factory=dict)

    def gold_of(self, item: int) -> int | None:
        """The gold item this brief item is paired with (strictly or but for the date)."""
        return self.strict.get(item, self.relaxed.get(item))


def _belonging(items: Sequence[BriefItem], article_id: str) -> list[int]:
    return [i for i, item in enumerate(items) if article_id in _cites(item)]


def _match_article(
    golds: Sequence[G],
    items: Sequence[It],
    article_id: str,
    strict: Scorer[G, It],
    relaxed: Scorer[G, It] | None,
) -> _Match:
    idx = _belonging(items, article_id)
    pairs = _assign([[strict(g, items[i]) for i in idx] for g in golds])
    match = _Match(items=idx, strict={idx[c]: r for r, c in pairs})
    if relaxed is None:
        return match
    rest_g = [r for r in range(len(golds)) if r not in match.strict.values()]
    rest_i = [i for i in idx if i not in match.strict]
    pairs = _assign([[relaxed(golds[r], items[i]) for i in rest_i] for r in rest_g])
    match.relaxed = {rest_i[c]: rest_g[r] for r, c in pairs}
    return match


def _kind_result(golds: Sequence[GoldItem], items: Sequence[BriefItem], m: _Match) -> KindResult:
    required = [r for r, g in enumerate(golds) if not g.optional]
    found = set(m.strict.values())
    near = set(m.relaxed.values())
    return KindResult(
        recall=Ratio.of(sum(r in found for r in required), len(required)),
        precision=Ratio.of(len(m.strict), len(m.items)),
        missing=[
            g.describe() + (" (optional)" if g.optional else "")
            for r, g in enumerate(golds)
            if r not in found and r not in near
        ],
        extra=[_describe(items[i]) for i in m.items if m.gold_of(i) is None],
        wrong_date=[
            f"{_describe(items[i])}  [gold: {golds[r].describe()}]" for i, r in m.relaxed.items()
        ],
    )


def _date_accuracy(
    golds: Sequence[GoldDeadline | GoldEvent], items: Sequence[Deadline | Event], m: _Match
) -> Ratio:
    pairs = [*m.strict.items(), *m.relaxed.items()]
    return Ratio.of(sum(_date_eq(golds[r].date, items[i].date) for i, r in pairs), len(pairs))


def _false_deadlines(art: GoldArticle, items: Sequence[Deadline], m: _Match) -> list[str]:
    return [
        _describe(items[i])
        for i in m.items
        if m.gold_of(i) is None
        and any(nd.keys and _keys_match(nd.keys, _haystack(items[i])) for nd in art.non_deadlines)
    ]


@dataclass
class _Matches:
    """All per-article matchings, by kind then article id."""

    deadline: dict[str, _Match] = field(default_factory=dict)
    figure: dict[str, _Match] = field(default_factory=dict)
    event: dict[str, _Match] = field(default_factory=dict)

    def of(self, kind: str) -> dict[str, _Match]:
        """Matchings of one kind ('deadline', 'figure' or 'event')."""
        return {"deadline": self.deadline, "figure": self.figure, "event": self.event}[kind]


def _match_all(brief: Brief, gold: GoldFile) -> _Matches:
    out = _Matches()
    for art in gold.articles:
        out.deadline[art.id] = _match_article(
            art.deadlines, brief.deadlines, art.id, _deadline_strict, _keys_only
        )
        out.figure[art.id] = _match_article(
            art.figures, brief.figures, art.id, _figure_strict, None
        )
        out.event[art.id] = _match_article(
            art.events, brief.events, art.id, _event_strict, _keys_only
        )
    return out


def _article_score(brief: Brief, art: GoldArticle, ms: _Matches) -> ArticleScore:
    return ArticleScore(
        article_id=art.id,
        deadlines=_kind_result(art.deadlines, brief.deadlines, ms.deadline[art.id]),
        figures=_kind_result(art.figures, brief.figures, ms.figure[art.id]),
        events=_kind_result(art.events, brief.events, ms.event[art.id]),
        false_deadlines=_false_deadlines(art, brief.deadlines, ms.deadline[art.id]),
    )


def _micro(articles: Sequence[ArticleScore]) -> dict[str, KindScore]:
    zero = Ratio.of(0, 0)
    scores: dict[str, KindScore] = {}
    for kind in ("deadlines", "figures", "events"):
        results = [getattr(a, kind) for a in articles]
        scores[kind] = KindScore(
            recall=sum((r.recall for r in results), zero),
            precision=sum((r.precision for r in results), zero),
        )
    scores[COMBINED] = KindScore(
        recall=scores["deadlines"].recall + scores["figures"].recall,
        precision=scores["deadlines"].precision + scores["figures"].precision,
    )
    return scores


# --------------------------------------------------------------------------------------------
# Boilerplate, quotes, languages
# --------------------------------------------------------------------------------------------


def _raw_text(articles_dir: Path, article_id: str) -> str | None:
    for path in sorted(articles_dir.glob(glob.escape(article_id) + ".*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix.lower() == ".json":
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                return text
            if isinstance(data, dict) and isinstance(data.get("text"), str):
                return str(data["text"])
        return text
    return None


def _split_tail(
    brief: Brief, art: GoldArticle, articles_dir: Path | None
) -> tuple[str, str] | None:
    """(body, tail) of the article, from the brief's text or else the raw file."""
    marker = art.boilerplate_tail_starts_with
    if not marker:
        return None
    texts = [brief.texts.get(art.id)]
    if articles_dir is not None:
        texts.append(_raw_text(articles_dir, art.id))
    for text in texts:
        if text and marker in text:
            at = text.index(marker)
            return text[:at], text[at:]
    return None


def _figure_leaks(fig: Figure, art: GoldArticle, split: tuple[str, str] | None) -> Iterator[Leak]:
    quotes = [s.quote for s in fig.sources if s.article_id == art.id]

    def leak(quote: str, reason: str) -> Leak:
        return Leak(
            article_id=art.id, value=fig.value, text_en=fig.text.en, quote=quote, reason=reason
        )

    if any(_num_eq(fig.value, v) for v in art.not_in_article):
        yield leak(quotes[0] if quotes else "", "value is listed in not_in_article")
        return
    if split is None:
        return
    body, tail = split
    for quote in quotes:
        if quote and quote in tail and quote not in body:
            yield leak(quote, "quote is in the boilerplate tail")
            return


def _leaks(brief: Brief, gold: GoldFile, articles_dir: Path | None) -> list[Leak]:
    by_id = {a.id: a for a in gold.articles}
    splits = {a.id: _split_tail(brief, a, articles_dir) for a in gold.articles}
    leaks: list[Leak] = []
    for fig in brief.figures:
        for aid in _cites(fig):
            if aid in by_id:
                leaks.extend(_figure_leaks(fig, by_id[aid], splits[aid]))
    return leaks


def _all_sources(brief: Brief) -> Iterator[Source]:
    for item in _all_items(brief):
        yield from item.sources
    for conflict in brief.conflicts:
        for cv in conflict.values:
            yield from cv.sources


def _all_items(brief: Brief) -> list[BriefItem]:
    return [*brief.deadlines, *brief.figures, *brief.events]


def _quote_checks(brief: Brief) -> tuple[Ratio, Ratio]:
    """(quote found verbatim in the article text, text[start:end] == quote)."""
    sources = list(_all_sources(brief))
    verbatim = offsets = 0
    for s in sources:
        text = brief.texts.get(s.article_id)
        if text is None or not s.quote:
            continue
        verbatim += s.quote in text
        offsets += text[s.start : s.end] == s.quote
    return Ratio.of(verbatim, len(sources)), Ratio.of(offsets, len(sources))


def _is_bilingual(item: BriefItem) -> bool:
    en, ar = item.text.en.strip(), item.text.ar.strip()
    return bool(en and ar) and not _ARABIC.search(en) and bool(_ARABIC.search(ar))


# --------------------------------------------------------------------------------------------
# Batch-level expectations: duplicates and changes
# --------------------------------------------------------------------------------------------


def _items_of(brief: Brief, kind: str) -> Sequence[BriefItem]:
    if kind == "deadline":
        return brief.deadlines
    return brief.figures if kind == "figure" else brief.events


def _golds_of(art: GoldArticle, kind: str) -> Sequence[GoldItem]:
    if kind == "deadline":
        return art.deadlines
    return art.figures if kind == "figure" else art.events


def _loosely_about(fact: str, text: str) -> bool:
    wanted = _stems(fact)
    return bool(wanted) and len(wanted & _stems(text)) >= max(1, math.ceil(len(wanted) / 2))


def _item_has_key(dup: GoldDuplicate, item: BriefItem) -> bool:
    """Deadline by date, figure by value, event by date (else the fact's words, loosely)."""
    if isinstance(item, Figure) and dup.value is not None:
        return _value_match(item, dup.value)
    if not isinstance(item, Figure) and dup.date is not None:
        return _date_eq(item.date, dup.date)
    return _loosely_about(dup.fact, _haystack(item))


def _gold_has_key(dup: GoldDuplicate, gold: GoldItem) -> bool:
    if isinstance(gold, GoldFigure):
        return dup.value is not None and _num_eq(gold.value, dup.value)
    if isinstance(gold, GoldDeadline | GoldEvent):
        return dup.date is not None and _date_eq(gold.date, dup.date)
    return False


def _fact_gold(dup: GoldDuplicate, golds: Sequence[GoldItem]) -> int | None:
    """Index of the article's gold item that states the duplicated fact, if any."""
    keyed = [r for r, g in enumerate(golds) if _gold_has_key(dup, g)]
    pool = keyed or list(range(len(golds)))

    def closeness(r: int) -> int:
        g = golds[r]
        return _overlap(dup.fact, " ".join([g.what_en, *(w for grp in g.keys for w in grp)]))

    best = max(pool, key=closeness, default=None)
    if best is None or (not keyed and closeness(best) == 0):
        return None
    return best


def _duplicate_candidates(
    dup: GoldDuplicate, brief: Brief, gold: GoldFile, ms: _Matches
) -> list[int]:
    """Brief items that give the duplicated fact for any of its articles."""
    by_id = {a.id: a for a in gold.articles}
    listed = [a for a in dup.articles if a in by_id]
    matches = ms.of(dup.kind)
    fact_of = {a: _fact_gold(dup, _golds_of(by_id[a], dup.kind)) for a in listed}
    found: list[int] = []
    for i, item in enumerate(_items_of(brief, dup.kind)):
        cited = [a for a in _cites(item) if a in fact_of]
        paired = {a: matches[a].gold_of(i) for a in cited}
        is_fact = any(
            fact_of[a] is not None and matches[a].strict.get(i) == fact_of[a] for a in cited
        )
        other_fact = any(r is not None and r != fact_of[a] for a, r in paired.items())
        if is_fact or (cited and _item_has_key(dup, item) and not other_fact):
            found.append(i)
    return found


def _check_duplicate(dup: GoldDuplicate, brief: Brief, gold: GoldFile, ms: _Matches) -> MergeCheck:
    items = _items_of(brief, dup.kind)
    found = _duplicate_candidates(dup, brief, gold, ms)
    listed = set(dup.articles)
    satisfied = len(found) == 1 and listed <= set(_cites(items[found[0]]))
    return MergeCheck(
        fact=dup.fact,
        kind=dup.kind,
        articles=dup.articles,
        satisfied=satisfied,
        found=[f"{_describe(items[i])}  [cites {', '.join(_cites(items[i]))}]" for i in found],
    )


def _check_change(change: GoldChange, brief: Brief) -> MergeCheck:
    listed = set(change.articles)
    satisfied, found = False, []
    for conflict in brief.conflicts:
        per_value = [
            {
                s.article_id
                for cv in conflict.values
                if cv.value is not None and _num_eq(cv.value, value)
                for s in cv.sources
                if s.article_id in listed
            }
            for value in change.values
        ]
        if any(per_value):
            shown = ", ".join(f"{cv.value:g}" for cv in conflict.values if cv.value is not None)
            found.append(f"{conflict.subject}: {shown}")
        if all(per_value) and set().union(*per_value) >= listed:
            satisfied = True
    return MergeCheck(
        fact=change.fact,
        kind="change",
        articles=change.articles,
        satisfied=satisfied,
        found=found,
    )


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def score_brief(
    brief: Brief, gold: dict[str, Any], articles_dir: str | Path | None = None
) -> EvalReport:
    """Score ``brief`` against a gold annotation (as returned by ``load_gold``).

    ``articles_dir``, when given, is where the raw article files (``<article_id>.*``) are, for
    finding quotes that come from boilerplate tails the brief's texts no longer contain.
    """
    parsed = _parse_gold(gold)
    ms = _match_all(brief, parsed)
    articles = [_article_score(brief, art, ms) for art in parsed.articles]
    verbatim, offsets = _quote_checks(brief)
    dup_checks = [_check_duplicate(d, brief, parsed, ms) for d in parsed.merged.duplicates]
    change_checks = [_check_change(c, brief) for c in parsed.merged.changes]
    known = {a.id for a in parsed.articles}
    report = EvalReport(
        scores=_micro(articles),
        deadline_date_accuracy=_sum_accuracy(parsed, brief, ms, "deadline"),
        event_date_accuracy=_sum_accuracy(parsed, brief, ms, "event"),
        false_deadlines=sum(len(a.false_deadlines) for a in articles),
        boilerplate_leaks=_leaks(brief, parsed, Path(articles_dir) if articles_dir else None),
        quotes_verbatim=verbatim,
        quote_offsets=offsets,
        bilingual=Ratio.of(sum(map(_is_bilingual, _all_items(brief))), len(_all_items(brief))),
        duplicates=Ratio.of(sum(c.satisfied for c in dup_checks), len(dup_checks)),
        duplicate_checks=dup_checks,
        changes=Ratio.of(sum(c.satisfied for c in change_checks), len(change_checks)),
        change_checks=change_checks,
        articles=articles,
        unattributed_items=[
            _describe(it) for it in _all_items(brief) if not set(_cites(it)) & known
        ],
        passed_targets={},
    )
    report.passed_targets = _targets(report)
    return report


def _sum_accuracy(gold: GoldFile, brief: Brief, ms: _Matches, kind: str) -> Ratio:
    total = Ratio.of(0, 0)
    for art in gold.articles:
        if kind == "deadline":
            total += _date_accuracy(art.deadlines, brief.deadlines, ms.deadline[art.id])
        else:
            total += _date_accuracy(art.events, brief.events, ms.event[art.id])
    return total


def _targets(report: EvalReport) -> dict[str, bool]:
    combined = report.scores[COMBINED]
    return {
        f"{COMBINED} recall >= {TARGET_RECALL}": combined.recall.at_least(TARGET_RECALL),
        f"{COMBINED} precision >= {TARGET_PRECISION}": combined.precision.at_least(
            TARGET_PRECISION
        ),
        "no boilerplate leak": not report.boilerplate_leaks,
        "all quotes verbatim": report.quotes_verbatim.at_least(1.0)
        and report.quote_offsets.at_least(1.0),
        "all items bilingual": report.bilingual.at_least(1.0),
        "all matched deadline dates equal gold": report.deadline_date_accuracy.at_least(1.0),
    }


def format_report(report: EvalReport) -> str:
    """Render the report as a plain-text table, then the details a developer needs."""
    lines = [f"{'kind':<20}{'recall':>18}{'precision':>18}"]
    for kind, score in report.scores.items():
        lines.append(f"{kind:<20}{score.recall!s:>18}{score.precision!s:>18}")
    lines += [
        "",
        *_metric_lines(report),
        "",
        f"merged duplicates      {report.duplicates}",
        *_check_lines(report.duplicate_checks),
        f"changes                {report.changes}",
        *_check_lines(report.change_checks),
    ]
    for art in report.articles:
        lines += _article_lines(art)
    if report.unattributed_items:
        lines += ["", "items citing no annotated article:"]
        lines += [f"  {text}" for text in report.unattributed_items]
    lines += ["", "targets:"]
    lines += [
        f"  [{'PASS' if ok else 'FAIL'}] {name}" for name, ok in report.passed_targets.items()
    ]
    return "\n".join(lines)


def _metric_lines(report: EvalReport) -> list[str]:
    return [
        f"deadline dates         {report.deadline_date_accuracy}",
        f"event dates            {report.event_date_accuracy}",
        f"false deadlines        {report.false_deadlines}",
        f"boilerplate leaks      {len(report.boilerplate_leaks)}",
        *(
            f"  {leak.article_id}: {leak.value:g} {leak.text_en!r} ({leak.reason})"
            for leak in report.boilerplate_leaks
        ),
        f"quotes verbatim        {report.quotes_verbatim}",
        f"quote offsets          {report.quote_offsets}",
        f"bilingual items        {report.bilingual}",
    ]


def _check_lines(checks: Sequence[MergeCheck]) -> list[str]:
    lines: list[str] = []
    for check in checks:
        lines.append(f"  [{'ok' if check.satisfied else '--'}] {check.fact}")
        lines += [f"       found: {text}" for text in check.found] or ["       found: nothing"]
    return lines


def _article_lines(art: ArticleScore) -> list[str]:
    lines = ["", f"article {art.article_id}"]
    for kind in ("deadlines", "figures", "events"):
        result: KindResult = getattr(art, kind)
        lines.append(f"  {kind:<12} recall {result.recall!s:<14} precision {result.precision}")
        lines += [f"    missing:    {text}" for text in result.missing]
        lines += [f"    extra:      {text}" for text in result.extra]
        lines += [f"    wrong date: {text}" for text in result.wrong_date]
    lines += [f"    false deadline: {text}" for text in art.false_deadlines]
    return lines
