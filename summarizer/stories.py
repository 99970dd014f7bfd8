"""Stories: the batch's articles grouped by what they report, each with a title and a lead.

Articles are grouped by their content words (folded Arabic words without clitics, cut to a
five-letter stem, and long numbers), weighted by how few articles of the batch share them, plus
the facts the merge already joined across articles; groups are joined by average link while
their similarity stays above a threshold. No topic list is used. An article that fits no group is
a story of one.

Titles and leads say only what verified items say: a story's title is its most reported item's
text (or, with no item, the article's own headline); the lead is composed by rule from items
whose English passes the same checks as the items
(:func:`summarizer.faithful.faithfulness_problems`) and the counts of the brief.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date as Date
from functools import lru_cache
from importlib import resources

from summarizer.attribution import add_attribution, find_disputes
from summarizer.faithful import faithfulness_problems
from summarizer.models import Bilingual, Brief, Conflict, Deadline, Event, Figure, NextItem, Story
from summarizer.names import ARABIC_WORD, fold_arabic, word_forms

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
Item = Deadline | Figure | Event


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The folded words of ``data/stopwords.json``, loaded once.

    Raises:
        ValueError: ``words`` is not a list of non-empty strings.
    """
    raw = resources.files("summarizer").joinpath("data", "stopwords.json").read_text("utf-8")
    words = json.loads(raw).get("words")
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError("data/stopwords.json: 'words' must be a list of non-empty strings")
    return frozenset(_bare(fold_arabic(w)) for w in words)


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


def _items(brief: Brief) -> list[tuple[str, Item]]:
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
    for k, (_, item) in enumerate(_items(brief)):
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


# -- items, titles and leads ------------------------------------------------------------------


def _story_of(article_ids: Iterable[str], story_by_article: dict[str, str]) -> str | None:
    """The story most of these cited articles belong to (the first one's on a tie)."""
    stories = [story_by_article[a] for a in article_ids if a in story_by_article]
    if not stories:
        return None
    counts = Counter(stories)
    top = max(counts.values())
    return next(s for s in stories if counts[s] == top)


def _articles(item: Item) -> list[str]:
    return list(dict.fromkeys(s.article_id for s in item.sources))


_KIND_RANK = {"E": 0, "D": 1, "F": 2}
_TITLE_MIN_WORDS = 5  # fewer words is a value with its unit, not a statement


def most_reported(items: list[tuple[str, Item]]) -> tuple[str, Item] | None:
    """The item cited by the most articles (a statement of a few words before a bare value, an
    event before a deadline before a figure, then the shorter text)."""
    if not items:
        return None
    return min(
        items,
        key=lambda p: (
            -len(_articles(p[1])),
            len(p[1].text.en.split()) < _TITLE_MIN_WORDS,
            _KIND_RANK[p[0][0]],
            len(p[1].text.en),
        ),
    )


@dataclass(frozen=True)
class LeadPart:
    """One clause of a lead that repeats an item: its English and Arabic, the verbatim quotes
    that must hold its names and numbers, and the item's own value and date."""

    en: str
    ar: str
    quotes: tuple[str, ...]
    value: float | None = None
    date: str | None = None


def lead_problems(part: LeadPart) -> list[str]:
    """Why a lead clause may not be printed: the checks every item passes (names and numbers in a
    cited quote, a kept negation, no filler)."""
    return faithfulness_problems(
        part.en, part.ar, list(part.quotes), value=part.value, date=part.date
    )


def _part(item: Item) -> LeadPart:
    value = item.value if isinstance(item, Figure) else None
    return LeadPart(
        en=item.text.en,
        ar=item.text.ar,
        quotes=tuple(s.quote for s in item.sources),
        value=value,
        date=getattr(item, "date", None),
    )


def _conflict_part(conflict: Conflict) -> LeadPart:
    return LeadPart(
        en=conflict.note.en,
        ar=conflict.note.ar,
        quotes=tuple(s.quote for v in conflict.values for s in v.sources),
    )


def _plural(n: int, en: str) -> str:
    if n == 1:
        return f"{n} {en}"
    return f"{n} {en[:-1]}ies" if en.endswith("y") else f"{n} {en}s"


def compose_lead(
    n_articles: int,
    items: list[tuple[str, Item]],
    conflicts: list[Conflict],
    n_stories: int | None = None,
) -> Bilingual:
    """A lead by rule: the counts, the most reported item with its number of articles, the
    nearest dated deadline and the first disagreement, each item clause kept only when it
    passes :func:`lead_problems` (a lead says less rather than something unsupported)."""
    head_en = _plural(n_articles, "article")
    head_ar = f"عدد المقالات: {n_articles}"
    if n_stories is not None:
        head_en += f" in {_plural(n_stories, 'story')}"
        head_ar += f"، في {n_stories} " + ("قصة" if n_stories == 1 else "قصص")
    en, ar = [head_en + "."], [head_ar + "."]
    top = most_reported(items)
    if top is not None and not lead_problems(_part(top[1])):
        n = len(_articles(top[1]))
        en.append(f"Most reported: {_sentence(top[1].text.en)} ({_plural(n, 'article')}).")
        ar.append(f"الأكثر تداولاً: {_sentence(top[1].text.ar)} (عدد المقالات: {n}).")
    deadlines = [d for _, d in items if isinstance(d, Deadline) and d.date]
    dated = sorted(
        (d for d in deadlines if top is None or d is not top[1]),
        key=lambda d: (-len(_articles(d)), d.date or ""),
    )
    for deadline in dated[:1]:
        if not lead_problems(_part(deadline)):
            en.append(f"Deadline: {_sentence(deadline.text.en)}.")
            ar.append(f"موعد: {_sentence(deadline.text.ar)}.")
    for conflict in conflicts[:1]:
        if not lead_problems(_conflict_part(conflict)):
            en.append(f"Disputed: {_sentence(conflict.note.en)}.")
            ar.append(f"موضع خلاف: {_sentence(conflict.note.ar)}.")
    return Bilingual(en=" ".join(en), ar=" ".join(ar))


def _sentence(text: str) -> str:
    return " ".join(text.split()).rstrip(" .。،,;")


# -- what comes next --------------------------------------------------------------------------


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
    items: list[tuple[str, Item]], as_of: str, story_of: dict[str, str]
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


# -- the brief's stories ----------------------------------------------------------------------


def add_stories(brief: Brief, as_of: str | None = None) -> Brief:
    """The brief with its ``stories``, batch ``lead`` and ``next`` (relative to ``as_of``, an
    ISO date; today when None). The flat lists are kept as they are."""
    day = check_as_of(as_of) or Date.today().isoformat()
    brief = add_attribution(brief)
    groups = group_articles(brief)
    story_by_article = {a: f"S{k}" for k, g in enumerate(groups, 1) for a in g}
    items = _items(brief)
    item_story = {
        item_id: story
        for item_id, item in items
        if (story := _story_of(_articles(item), story_by_article)) is not None
    }
    conflict_story = {
        f"C{k}": story
        for k, c in enumerate(brief.conflicts, 1)
        if (story := _story_of((s.article_id for v in c.values for s in v.sources),
                               story_by_article)) is not None
    }  # fmt: skip
    reports = {a.id: a for a in brief.articles}
    stories: list[Story] = []
    for k, group in enumerate(groups, 1):
        sid = f"S{k}"
        own = [(i, it) for i, it in items if item_story.get(i) == sid]
        own_conflicts = [
            c for n, c in enumerate(brief.conflicts, 1) if conflict_story.get(f"C{n}") == sid
        ]
        stories.append(
            Story(
                id=sid,
                title=_title(own, [reports[a].title for a in group], len(group)),
                article_ids=group,
                lead=compose_lead(len(group), own, own_conflicts),
                item_ids=[i for i, _ in own] + [c for c, s in conflict_story.items() if s == sid],
            )
        )
    ok = sum(1 for a in brief.articles if a.status == "ok")
    return brief.model_copy(
        update={
            "stories": stories,
            "lead": compose_lead(ok, items, brief.conflicts, n_stories=len(stories)),
            "as_of": day,
            "next": what_comes_next(items, day, item_story),
            "disputes": find_disputes(items),
        }
    )


def _title(items: list[tuple[str, Item]], headlines: list[str | None], n: int) -> Bilingual:
    """A story's title: its most reported verified item's text when it passes the lead checks;
    else its first article's headline in Arabic and, in English, only how many articles."""
    top = most_reported(items)
    if top is not None and not lead_problems(_part(top[1])):
        return Bilingual(en=_sentence(top[1].text.en), ar=_sentence(top[1].text.ar))
    headline = next((h for h in headlines if h), None)
    return Bilingual(
        en=f"Story of {_plural(n, 'article')}", ar=headline or f"قصة (عدد المقالات: {n})"
    )
