"""Step 5: merge the facts of all articles: each fact once, citing every source; conflicts shown.

Items are blocked by a normalized key (deadline: date and place; figure: value, unit and place;
event: date), so the work grows with the batch, not with its square. Within a block an item joins
the most similar cluster that has no item of its own article yet; the subject must match, not only
the number or the date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Set
from functools import lru_cache
from typing import TypeVar

from summarizer.models import (
    ArticleFacts,
    ArticleReport,
    Bilingual,
    Conflict,
    ConflictValue,
    Deadline,
    Event,
    Figure,
    Source,
)
from summarizer.normalize.formatting import format_approx, format_date, format_number

Item = TypeVar("Item", Deadline, Figure, Event)

SAME_EVENT = 0.3
SAME_DEADLINE = 0.34  # within one article, at one date and place
CONFLICT_SUBJECT = 0.5
_STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or",
    "its", "their", "is", "are", "be", "will", "has", "have", "that", "this", "as", "into",
    "us", "u.s", "american", "s",
}  # fmt: skip


class MergedFacts:
    """The merged lists of one batch."""

    def __init__(
        self,
        deadlines: list[Deadline],
        figures: list[Figure],
        events: list[Event],
        conflicts: list[Conflict],
    ) -> None:
        self.deadlines = deadlines
        self.figures = figures
        self.events = events
        self.conflicts = conflicts


def merge_facts(per_article: Iterable[ArticleFacts]) -> MergedFacts:
    """Merge per-article facts into one deterministic, sorted set with conflicts."""
    facts = sorted(per_article, key=lambda f: f.article_id)
    deadlines = _merge(
        [d for f in facts for d in f.deadlines],
        key=lambda d: (d.date, _place(d.place)),
        # One article restates its deadlines («بحلول أيلول 2025» three times): same date and
        # place is one deadline, within an article and across articles alike.
        same_article=0.0,
        across=0.0,
    )
    figures = _merge(
        [x for f in facts for x in f.figures],
        key=lambda x: (x.value, x.unit, _place(x.place)),
        same_article=0.0,
        across=0.0,
    )
    events = _merge(
        [e for f in facts for e in f.events],
        key=lambda e: (e.date or "?",),
        same_article=0.5,
        across=SAME_EVENT,
    )
    deadlines.sort(key=lambda d: (d.date is None, d.date or "", d.subject))
    figures.sort(key=lambda x: (_place(x.place), x.unit or "", -x.value, x.subject))
    events.sort(key=lambda e: (e.date is None, e.date or "", e.subject))
    return MergedFacts(deadlines, figures, events, _figure_conflicts(figures))


def _merge(
    items: list[Item],
    *,
    key: Callable[[Item], tuple[object, ...]],
    same_article: float,
    across: float,
) -> list[Item]:
    """Cluster items within blocks of equal keys; a cluster cites each article at most once
    unless the two items of one article are near-identical (the same fact said twice)."""
    blocks: dict[tuple[object, ...], list[list[Item]]] = defaultdict(list)
    for item in items:
        clusters = blocks[key(item)]
        best = _best_cluster(item, clusters, same_article, across)
        if best is None:
            clusters.append([item])
        else:
            best.append(item)
    return [_combine(cluster) for clusters in blocks.values() for cluster in clusters]


def _best_cluster(
    item: Item, clusters: list[list[Item]], same_article: float, across: float
) -> list[Item] | None:
    article = item.sources[0].article_id
    mine = _item_words(item)
    best, best_score = None, -1.0
    for cluster in clusters:
        own = any(s.article_id == article for member in cluster for s in member.sources)
        score = max(_item_similarity(item, mine, member) for member in cluster)
        if score >= (same_article if own else across) and score > best_score:
            best, best_score = cluster, score
    return best


def _combine(cluster: list[Item]) -> Item:
    first = cluster[0]
    sources = [s for member in cluster for s in member.sources]
    return first.model_copy(update={"sources": sources})


def _figure_conflicts(figures: list[Figure]) -> list[Conflict]:
    by_thing: dict[tuple[str | None, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        by_thing[(figure.unit, _place(figure.place))].append(figure)
    conflicts = []
    for group in by_thing.values():
        conflicts.extend(_conflicts_in(group))
    return conflicts


def _conflicts_in(group: list[Figure]) -> list[Conflict]:
    conflicts = []
    used: set[int] = set()
    for i, left in enumerate(group):
        if i in used:
            continue
        matches = [
            j
            for j in range(i + 1, len(group))
            if j not in used
            and group[j].value != left.value
            and _similarity(_words(left.subject), _words(group[j].subject)) >= CONFLICT_SUBJECT
        ]
        if matches:
            members = [left] + [group[j] for j in matches]
            used.update([i, *matches])
            conflicts.append(_conflict(members))
    return conflicts


def _conflict(members: list[Figure]) -> Conflict:
    values = [
        ConflictValue(value=m.value, approx=m.approx, sources=list(m.sources)) for m in members
    ]
    subject = members[0].subject
    en = "; ".join(f"{_value_en(m)} ({_cited(m.sources)})" for m in members)
    ar = "؛ ".join(f"{_value_ar(m)} ({_cited(m.sources)})" for m in members)
    note = Bilingual(
        en=f"{subject}: sources give different figures, or the figure changes: {en}.",
        ar=f"أرقام مختلفة أو متغيّرة: {ar}.",
    )
    return Conflict(kind="figure", subject=subject, values=values, note=note)


def _value_en(figure: Figure) -> str:
    hedge = format_approx(figure.approx, "en")
    when = f" as of {format_date(figure.as_of, 'en')}" if figure.as_of else ""
    amount = f"{format_number(figure.value)} {figure.unit or ''}".strip()
    return f"{hedge} {amount}{when}".strip()


def _value_ar(figure: Figure) -> str:
    hedge = format_approx(figure.approx, "ar")
    return f"{hedge} {format_number(figure.value, 'ar')}".strip()


def _cited(sources: list[Source]) -> str:
    return ", ".join(dict.fromkeys(s.article_id for s in sources))


def _place(place: str | None) -> str:
    return re.sub(r"^the\s+", "", (place or "").strip().lower())


def _words(text: str) -> set[str]:
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return {_stem(t) for t in tokens if t not in _STOP and len(t) > 1}


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_AR_STOP = {
    "التي", "الذي", "الذين", "حتى", "بحلول", "نهاية", "بنهاية", "موعد", "أقصاه", "بعد", "قبل",
    "خلال", "منذ", "عام", "العام", "وفي", "على", "إلى", "الى", "كان", "كانت", "ذلك", "هذا", "هذه",
    "بين", "حيث", "أنه", "انه", "إنه", "وقال", "قال", "وأضاف", "نحو", "أكثر",
    "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "أيلول", "تشرين", "يناير",
    "فبراير", "مارس", "أبريل", "إبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
    "نوفمبر", "ديسمبر", "الأول", "الثاني",
}  # fmt: skip


_CUE_FAMILY = {  # cues that set the same kind of deadline: a continuation, or a completion
    "at least until": "until",
    "by the end of": "by",
    "no later than": "by",
    "no later than the end of": "by",
    "before": "by",
}


def _item_similarity(item: Item, words: frozenset[str], other: Item) -> float:
    """How alike two items are; two deadlines with the same cue («حتى», «بحلول») are alike."""
    score = _similarity(words, _item_words(other))
    if (
        isinstance(item, Deadline)
        and isinstance(other, Deadline)
        and _cue_family(item.qualifier) == _cue_family(other.qualifier)
    ):
        score = max(score, SAME_DEADLINE)
    return score


def _cue_family(qualifier: str) -> str:
    return _CUE_FAMILY.get(qualifier, qualifier)


@lru_cache(maxsize=65536)
def _words_of(subject: str, place: str, arabic_text: str) -> frozenset[str]:
    arabic = re.findall(r"[\u0621-\u064A]{3,}", arabic_text)
    return frozenset(
        (_words(subject) - _words(place)) | {f"ar:{w}" for w in arabic if w not in _AR_STOP}
    )


def _item_words(item: Deadline | Figure | Event) -> frozenset[str]:
    """Content words of an item: its English subject and the Arabic words of its text (and, for
    an event, of the sentences it comes from: two outlets reporting one statement share them)."""
    arabic_text = item.text.ar
    if isinstance(item, Event):
        arabic_text += " " + " ".join(s.quote for s in item.sources)
    return _words_of(item.subject, getattr(item, "place", None) or "", arabic_text)


def _similarity(left: Set[str], right: Set[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def summarize(merged: MergedFacts, reports: list[ArticleReport]) -> Bilingual:
    """Compose the brief's short summary paragraph, in English and in Arabic, from the facts."""
    ok = sum(1 for r in reports if r.status == "ok")
    failed = len(reports) - ok
    en = [
        f"{ok} article{'s' if ok != 1 else ''} summarized"
        + (f", {failed} failed" if failed else "")
        + "."
    ]
    ar = [f"عدد المقالات الملخّصة: {ok}" + (f"، وتعذّر تلخيص {failed}" if failed else "") + "."]
    dated = [d for d in merged.deadlines if d.date]
    if dated:
        widest = max(dated, key=lambda d: len(d.sources))
        en.append(
            f"{len(merged.deadlines)} deadline(s); most reported: {widest.text.en} "
            f"({len(widest.sources)} source(s))."
        )
        ar.append(
            f"المواعيد المذكورة: {len(merged.deadlines)}، وأكثرها تداولاً: {widest.text.ar} "
            f"(المصادر: {len(widest.sources)})."
        )
    if merged.figures:
        en.append(f"{len(merged.figures)} key figure(s).")
        ar.append(f"الأرقام الرئيسية: {len(merged.figures)}.")
    if merged.conflicts:
        en.append(
            f"Sources disagree, or figures change, on {len(merged.conflicts)} point(s): "
            + "; ".join(c.subject for c in merged.conflicts)
            + "."
        )
        ar.append(f"نقاط تتعارض فيها المصادر أو تتغيّر فيها الأرقام: {len(merged.conflicts)}.")
    return Bilingual(en=" ".join(en), ar=" ".join(ar))
