"""Step 5: merge the facts of all articles: each fact once, citing every source; conflicts shown.

Items are blocked by a normalized key (deadline: date; figure: value to two digits and unit, so
that a rounding of a value meets it; event: date), so the work grows with the batch, not with its
square. Within a block an item joins
the most similar cluster that has no item of its own article yet; the subject must match, not only
the number or the date.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Generic

from summarizer.merge.conflicts import deadline_conflicts, figure_conflicts
from summarizer.merge.similarity import (
    SAME_EVENT,
    SAME_FACT,
    SAME_IN_ARTICLE,
    compatible_key,
    item_similarity,
    item_words,
    mergeable,
    place_key,
    prior_bound,
    score_key,
    shares_more_than_count,
    subject_words,
)
from summarizer.merge.values import Item, combine, leading, restated
from summarizer.models import (
    ArticleFacts,
    ArticleReport,
    Bilingual,
    Conflict,
    Deadline,
    Event,
    Figure,
)
from summarizer.normalize.vocab import SUBUNITS


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
    """Merge per-article facts into one deterministic, sorted set with conflicts.

    The same fact is the same normalized date (deadlines) or value and unit (figures) *and* the
    same subject: the items share content words — their English subject and the article's own
    Arabic words around them, lightly stemmed — never the date or the place alone.
    """
    facts = sorted(per_article, key=lambda f: f.article_id)
    deadlines = _merge(
        [d for f in facts for d in f.deadlines],
        key=lambda d: (d.date,),
        same_article=SAME_IN_ARTICLE,
        across=SAME_FACT,
    )
    figures = _with_subunits(
        _merge(
            [x for f in facts for x in f.figures],
            key=lambda x: (leading(x.value), leading(x.value_max), x.unit),
            same_article=SAME_IN_ARTICLE,
            across=SAME_FACT,
        )
    )
    events = _merge(
        [e for f in facts for e in f.events],
        key=lambda e: (e.date or "?",),
        same_article=0.5,
        across=SAME_EVENT,
    )
    deadlines.sort(key=lambda d: (d.date is None, d.date or "", d.subject))
    figures.sort(key=lambda x: (place_key(x.place), x.unit or "", -x.value, x.subject))
    events.sort(key=lambda e: (e.date is None, e.date or "", e.subject))
    conflicts = figure_conflicts(figures) + deadline_conflicts(deadlines)
    return MergedFacts(deadlines, figures, events, conflicts)


def _with_subunits(figures: list[Figure]) -> list[Figure]:
    """The merged figures, each amount in a currency's hundredths («14 مليون سنتيم», ``SUBUNITS``)
    joined to the figure of that currency it equals, of other articles, whose subject it shares
    (140,000 dirhams): one amount, the currency's figure shown; an amount that equals none
    stays as its article writes it. Their units are two, so their subject is what their words
    share besides the numbers and counted nouns (:func:`subject_words`): two words at least."""
    kept = list(figures)
    for small in figures:
        currencies = SUBUNITS.get(small.unit or "")
        if not currencies:
            continue
        same = _in_currency(small)
        words = subject_words(same)
        articles = {s.article_id for s in small.sources}
        best, best_score = None, _LEAST_SHARED - 1
        for index, figure in enumerate(kept):
            if figure.unit not in currencies or {s.article_id for s in figure.sources} & articles:
                continue
            shared = len(words & subject_words(figure))
            if mergeable(same, figure) and shared > best_score:
                best, best_score = index, shared
        if best is not None:
            kept[best] = combine([kept[best], same.model_copy(update={"unit": kept[best].unit})])
            kept.remove(small)
    return kept


def _in_currency(small: Figure) -> Figure:
    """A figure in a currency's hundredths as the amount of the currency itself."""
    top = small.value_max / _HUNDREDTHS if small.value_max is not None else None
    return small.model_copy(update={"value": small.value / _HUNDREDTHS, "value_max": top})


_HUNDREDTHS = 100
_LEAST_SHARED = 2  # content words an amount in hundredths shares with its currency's figure


def _merge(
    items: list[Item],
    *,
    key: Callable[[Item], tuple[object, ...]],
    same_article: float,
    across: float,
) -> list[Item]:
    """Cluster items within blocks of equal keys; a cluster cites each article at most once
    unless the two items of one article are near-identical (the same fact said twice)."""
    counts = Counter(word for item in items for word in item_words(item))
    rank = {word: count for word, count in counts.items()}
    bound = prior_bound(items[0]) if items else 0.0
    blocks: dict[tuple[object, ...], _Block[Item]] = defaultdict(
        lambda: _Block(rank, across, bound)
    )
    for item in items:
        block = blocks[key(item)]
        best = _best_cluster(item, block, same_article, across)
        if best is None:
            block.add(item)
        else:
            block.join(best, item)
    return [combine(cluster.members) for block in blocks.values() for cluster in block.clusters]


class _Cluster(Generic[Item]):
    """The members of one cluster, and what :func:`_best_cluster` asks of them, kept as it grows:
    their articles, and each distinct way a member can score or be incompatible (members alike
    in these give the same answers, so each is asked about once)."""

    def __init__(self) -> None:
        self.members: list[Item] = []
        self.articles: set[str] = set()
        self.scorers: dict[tuple[object, ...], Item] = {}
        self.checkers: dict[tuple[object, ...], Item] = {}

    def add(self, item: Item) -> None:
        self.members.append(item)
        self.articles.update(s.article_id for s in item.sources)
        self.scorers.setdefault(score_key(item), item)
        self.checkers.setdefault(compatible_key(item), item)


class _Block(Generic[Item]):
    """The clusters of one block, indexed by their members' content words and articles, so that
    an item is scored only against clusters that can reach the threshold (see candidates)."""

    def __init__(self, rank: dict[str, int], across: float, bound: float) -> None:
        self.clusters: list[_Cluster[Item]] = []
        self.rank, self.across, self.bound = rank, across, bound
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.by_prefix: dict[str, set[int]] = defaultdict(set)
        self.by_article: dict[str, set[int]] = defaultdict(set)

    def add(self, item: Item) -> None:
        self.clusters.append(_Cluster())
        self.join(len(self.clusters) - 1, item)

    def join(self, index: int, item: Item) -> None:
        self.clusters[index].add(item)
        words = self.ordered(item_words(item))
        for word in words:
            self.by_word[word].add(index)
        for word in self.prefix(words):
            self.by_prefix[word].add(index)
        for source in item.sources:
            self.by_article[source.article_id].add(index)

    def ordered(self, words: frozenset[str]) -> list[str]:
        """``words``, rarest in the batch first (the same order for every item)."""
        return sorted(words, key=lambda w: (self.rank.get(w, 0), w))

    def prefix(self, ordered: list[str]) -> list[str]:
        """The rarest words of a set that any set as large or larger must share with it to
        reach the threshold: of n words, k are needed, so one of the n - k + 1 rarest."""
        size = len(ordered)
        needed = next(
            (k for k in range(1, size + 1) if k / size + self.bound >= self.across - 1e-9),
            size + 1,
        )
        return ordered[: size - needed + 1]

    def candidates(self, item: Item, words: frozenset[str]) -> list[int]:
        """The clusters, in order, that may take ``item``: all of them when the priors alone
        could reach the threshold; else those of its article, and those with a member that
        shares enough content words: a member no larger than the item shares a word of that
        member's prefix, a larger one a word of the item's prefix (prefix filtering)."""
        if self.across <= self.bound:
            return list(range(len(self.clusters)))
        found: set[int] = set()
        for word in words:
            found |= self.by_prefix.get(word, set())
        for word in self.prefix(self.ordered(words)):
            found |= self.by_word.get(word, set())
        found |= self.by_article.get(item.sources[0].article_id, set())
        return sorted(found)


def _best_cluster(
    item: Item, block: _Block[Item], same_article: float, across: float
) -> int | None:
    article = item.sources[0].article_id
    mine = item_words(item)
    best, best_score = None, -1.0
    for index in block.candidates(item, mine):
        cluster = block.clusters[index]
        if not all(mergeable(item, member) for member in cluster.checkers.values()):
            continue
        own = article in cluster.articles
        if not own and not any(shares_more_than_count(item, mine, m) for m in cluster.members):
            continue
        score = max(item_similarity(item, mine, member, own) for member in cluster.scorers.values())
        if own and any(restated(item, member) for member in cluster.members):
            score = max(score, same_article)
        if score >= (same_article if own else across) and score > best_score:
            best, best_score = index, score
    return best


def summarize(merged: MergedFacts, reports: list[ArticleReport]) -> Bilingual:
    """Compose the brief's short summary paragraph, in English and in Arabic, from the facts
    (the sentences' words are data: ``summarizer/data/summary.json``)."""
    ok = sum(1 for r in reports if r.status == "ok")
    failed = len(reports) - ok
    return Bilingual(
        en=_summary(merged, "en", ok, failed), ar=_summary(merged, "ar", ok, failed)
    )


def _summary(merged: MergedFacts, lang: str, ok: int, failed: int) -> str:
    words = summary_words()[lang]
    plural = "s" if ok != 1 and lang == "en" else ""
    shown_failed = words["failed"].format(failed=failed) if failed else ""
    parts = [words["articles"].format(ok=ok, plural=plural, failed=shown_failed)]
    dated = [d for d in merged.deadlines if d.date]
    if dated:
        widest = max(dated, key=lambda d: len(d.sources))
        text = widest.text.en if lang == "en" else widest.text.ar
        parts.append(
            words["deadlines"].format(
                count=len(merged.deadlines), text=text, sources=len(widest.sources)
            )
        )
    if merged.figures:
        parts.append(words["figures"].format(count=len(merged.figures)))
    if merged.conflicts:
        # The English names the points (subjects are English); the Arabic gives their count.
        subjects = "; ".join(c.subject for c in merged.conflicts) if lang == "en" else ""
        parts.append(words["conflicts"].format(count=len(merged.conflicts), subjects=subjects))
    return " ".join(parts)


@cache
def summary_words() -> dict[str, dict[str, str]]:
    """The summary's sentence templates by language (loaded once)."""
    raw = resources.files("summarizer").joinpath("data", "summary.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(raw)
    return {lang: data[lang] for lang in ("en", "ar")}
