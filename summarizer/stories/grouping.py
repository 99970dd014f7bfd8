"""Which articles report the same story: content-word vectors weighted by rarity in the batch,
plus the items the merge joined across them, grouped by average link."""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from summarizer.models import Brief, BriefItem
from summarizer.names import ARABIC_WORD, fold_arabic, function_words_ar, word_forms

_NUMBER = re.compile(r"\d{3,}")
_STEM_LETTERS = 5
SIMILARITY = (
    0.2  # average-link similarity above which two groups are one story (dev: 0.12-0.32 all fit)
)
ITEM_BONUS = 0.1  # added to two articles' similarity for each item the merge joined them in
ITEM_BONUS_MAX = 0.3
# Above this many articles, stories are read from strong links between near neighbours (every
# pair's average link grows with the cube of the batch).
EXACT_UP_TO = 300
TOP_WORDS = 12  # an article's most weighted words, through which its neighbours are found
COMMON_SHARE = 0.05  # a word in more of the batch than this finds no neighbours
KEPT_WORDS = 64  # an article's heaviest words kept for its similarities in a large batch


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The clitic-free forms of the function words of ``data/stopwords.json``, loaded once.

    Raises:
        ValueError: ``words`` is not a list of non-empty strings.
    """
    return frozenset(_bare(w) for w in function_words_ar())


def _bare(word: str) -> str:
    """The shortest clitic-free form of a folded word that keeps three letters."""
    forms = [f for f in word_forms(word) if len(f) >= 3] or [word]
    return min(forms, key=len)


def content_words(text: str) -> Counter[str]:
    """The content words of an article: stems of its non-stopwords, and its long numbers."""
    stop = stopwords()
    words: Counter[str] = Counter()
    for raw in ARABIC_WORD.findall(fold_arabic(text)):
        bare = _bare(raw)
        if len(bare) >= 3 and bare not in stop:
            words[bare[:_STEM_LETTERS]] += 1
    for number in _NUMBER.findall(text.translate(_DIGITS)):
        words[f"#{number}"] += 1
    return words


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def _vectors(texts: dict[str, str], keep: int | None = None) -> dict[str, dict[str, float]]:
    """Each article's tf-idf vector of content words (unit length), its ``keep`` heaviest words
    only when given (a cosine of such vectors is a lower bound of the whole one). The words are
    counted twice, once for their document frequencies and once per vector, so that the batch's
    bags of words are never all held at once."""
    df: Counter[str] = Counter()
    for text in texts.values():
        df.update(content_words(text).keys())
    n = len(texts)
    vectors: dict[str, dict[str, float]] = {}
    for aid, text in texts.items():
        bag = content_words(text)
        vec = {w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in bag.items() if df[w] > 1}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        heaviest = sorted(vec, key=lambda w: -vec[w])[:keep] if keep is not None else vec
        vectors[aid] = {w: vec[w] / norm for w in heaviest}
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[w] for w, v in a.items() if w in b)


def brief_items(brief: Brief) -> list[tuple[str, BriefItem]]:
    """The brief's items with their ids: ``D1`` is ``deadlines[0]``, ``F1`` figures, ``E1``
    events."""
    return [
        *((f"D{k}", d) for k, d in enumerate(brief.deadlines, 1)),
        *((f"F{k}", f) for k, f in enumerate(brief.figures, 1)),
        *((f"E{k}", e) for k, e in enumerate(brief.events, 1)),
    ]


def _cited_items(brief: Brief, ids: list[str]) -> dict[str, set[int]]:
    """The items (by index) that cite each article: two articles share the items in both sets.
    Kept per article, not per pair: an item of 2,000 articles would make 2 million pairs."""
    cited: dict[str, set[int]] = {aid: set() for aid in ids}
    for k, (_, item) in enumerate(brief_items(brief)):
        for aid in {s.article_id for s in item.sources}:
            if aid in cited:
                cited[aid].add(k)
    return cited


def _bonus(cited: dict[str, set[int]], a: str, b: str) -> float:
    """What two articles' shared items add to their similarity."""
    return min(ITEM_BONUS_MAX, ITEM_BONUS * len(cited[a] & cited[b]))


def similarities(brief: Brief, ids: list[str]) -> dict[tuple[str, str], float]:
    """Pairwise similarity of the articles: content words, plus the items they share."""
    vectors = _vectors({aid: brief.texts.get(aid, "") for aid in ids})
    cited = _cited_items(brief, ids)
    sims: dict[tuple[str, str], float] = {}
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            sims[(a, b)] = sims[(b, a)] = _cosine(vectors[a], vectors[b]) + _bonus(cited, a, b)
    return sims


def group_articles(
    brief: Brief, threshold: float = SIMILARITY, exact_up_to: int = EXACT_UP_TO
) -> list[list[str]]:
    """The ok articles with a text, grouped into stories, in input order: by average link
    over every pair up to ``exact_up_to`` articles; beyond, by strong links between
    near neighbours (:func:`_linked`), so that 10,000 articles take seconds, not hours."""
    ids = [a.id for a in brief.articles if a.status == "ok" and a.id in brief.texts]
    groups = _average_link(brief, ids, threshold) if len(ids) <= exact_up_to else _linked(
        brief, ids, threshold
    )
    order = {aid: k for k, aid in enumerate(ids)}
    return sorted((sorted(g, key=order.__getitem__) for g in groups), key=lambda g: order[g[0]])


def _linked(brief: Brief, ids: list[str], threshold: float) -> list[list[str]]:
    """Stories of a large batch: two articles are linked when their similarity passes
    ``threshold``; only the pairs that share one of their most weighted, not too common words
    are scored (a word in more than ``COMMON_SHARE`` of the batch tells no story apart), and a
    story is a set of linked articles."""
    vectors = _vectors({aid: brief.texts.get(aid, "") for aid in ids}, keep=KEPT_WORDS)
    cited = _cited_items(brief, ids)
    most = max(2, int(COMMON_SHARE * len(ids)))
    postings: dict[str, list[int]] = {}
    tops = []
    for k, aid in enumerate(ids):
        top = sorted(vectors[aid], key=lambda w: -vectors[aid][w])[:TOP_WORDS]
        tops.append(top)
        for word in top:
            postings.setdefault(word, []).append(k)
    parent = list(range(len(ids)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for k, aid in enumerate(ids):
        near = {j for w in tops[k] if len(postings[w]) <= most for j in postings[w] if j > k}
        for j in sorted(near):
            if _cosine(vectors[aid], vectors[ids[j]]) + _bonus(cited, aid, ids[j]) > threshold:
                parent[root(j)] = root(k)
    groups: dict[int, list[str]] = {}
    for k, aid in enumerate(ids):
        groups.setdefault(root(k), []).append(aid)
    return list(groups.values())


def _average_link(brief: Brief, ids: list[str], threshold: float) -> list[list[str]]:
    """Average-link clustering over every pair: the two stories most alike on average join,
    while that average passes ``threshold``."""
    sims = similarities(brief, ids)
    groups = [[aid] for aid in ids]
    while len(groups) > 1:
        best, pair = threshold, None
        for i, g in enumerate(groups):
            for j in range(i + 1, len(groups)):
                h = groups[j]
                link = sum(sims[(a, b)] for a in g for b in h) / (len(g) * len(h))
                if link > best:
                    best, pair = link, (i, j)
        if pair is None:
            break
        i, j = pair
        groups[i] = groups[i] + groups[j]
        del groups[j]
    return groups
