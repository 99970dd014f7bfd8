"""Step 5: merge the facts of all articles: each fact once, citing every source; conflicts shown.

Items are blocked by a normalized key (deadline: date; figure: value to two digits and unit, so
that a rounding of a value meets it; event: date), so the work grows with the batch, not with its
square. Within a block an item joins
the most similar cluster that has no item of its own article yet; the subject must match, not only
the number or the date.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence, Set
from functools import lru_cache
from typing import Generic, TypeVar

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
from summarizer.names import english_names, fold_arabic
from summarizer.normalize.formatting import format_approx, format_date, format_number

Item = TypeVar("Item", Deadline, Figure, Event)

SAME_FACT = 0.34  # share of content words two items of different articles must share
SAME_IN_ARTICLE = 0.6  # one article restating itself
SAME_EVENT = 0.3
# Added to the subject overlap when the keys agree beyond the date or value: never enough alone.
KEY_PRIOR = 0.2  # the same place
CUE_PRIOR = 0.1  # deadlines: the same kind of cue (a completion, a continuation)
CONFLICT_SUBJECT = 0.5
CONFLICT_CANDIDATES = 16  # items after one that are tried as its change or disagreement
CHANGE_RATIO = 20.0  # the most one count changes by between two reports of it
_CLOSE = 0.005  # an exact value this near a more precise one may be its rounding (57, 57.2)
_STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or",
    "its", "their", "is", "are", "was", "were", "be", "been", "will", "would", "has", "have",
    "had", "that", "this", "as", "into", "it", "s", "said", "says", "about", "more", "than",
    "less", "least", "until", "before", "after", "end", "per", "cent", "percent",
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
    figures = _merge(
        [x for f in facts for x in f.figures],
        key=lambda x: (_leading(x.value), _leading(x.value_max), x.unit),
        same_article=SAME_IN_ARTICLE,
        across=SAME_FACT,
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
    conflicts = _figure_conflicts(figures) + _deadline_conflicts(deadlines)
    return MergedFacts(deadlines, figures, events, conflicts)


def _merge(
    items: list[Item],
    *,
    key: Callable[[Item], tuple[object, ...]],
    same_article: float,
    across: float,
) -> list[Item]:
    """Cluster items within blocks of equal keys; a cluster cites each article at most once
    unless the two items of one article are near-identical (the same fact said twice)."""
    counts = Counter(word for item in items for word in _item_words(item))
    rank = {word: count for word, count in counts.items()}
    bound = _prior_bound(items[0]) if items else 0.0
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
    return [_combine(cluster.members) for block in blocks.values() for cluster in block.clusters]


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
        self.scorers.setdefault(_score_key(item), item)
        self.checkers.setdefault(_compatible_key(item), item)


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
        words = self.ordered(_item_words(item))
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


def _prior_bound(item: Deadline | Figure | Event) -> float:
    """The most :func:`_item_similarity` gives two items of different articles that share no
    content word."""
    if isinstance(item, Event):
        return 0.0
    return KEY_PRIOR + (CUE_PRIOR if isinstance(item, Deadline) else 0.0)


def _score_key(item: Item) -> tuple[object, ...]:
    """What :func:`_item_similarity` reads of its ``other`` item."""
    if isinstance(item, Event):
        return ("event", _item_words(item))
    cue = _cue_family(item.qualifier) if isinstance(item, Deadline) else None
    return (type(item).__name__, _item_words(item), _place(item.place), cue)


def _compatible_key(item: Item) -> tuple[object, ...]:
    """What :func:`_compatible` reads of either of its items."""
    if isinstance(item, Event):
        return ("event",)
    if isinstance(item, Figure):
        values = (item.value, item.value_max, item.approx)
        return (_place(item.place), _names_in(item.subject_ar, item.value), values)
    return (_place(item.place), _names_in(item.subject_ar, None))


def _best_cluster(
    item: Item, block: _Block[Item], same_article: float, across: float
) -> int | None:
    article = item.sources[0].article_id
    mine = _item_words(item)
    best, best_score = None, -1.0
    for index in block.candidates(item, mine):
        cluster = block.clusters[index]
        if not all(_mergeable(item, member) for member in cluster.checkers.values()):
            continue
        own = article in cluster.articles
        score = max(
            _item_similarity(item, mine, member, own) for member in cluster.scorers.values()
        )
        if score >= (same_article if own else across) and score > best_score:
            best, best_score = index, score
    return best


def _combine(cluster: list[Item]) -> Item:
    """One item for a cluster: its most precisely stated member (57.2 % over a source's «57%»),
    citing every member's sources, that member's first."""
    first: Item = max(cluster, key=_precision)
    ordered = [first] + [member for member in cluster if member is not first]
    sources = [s for member in ordered for s in _own_values(member, first)]
    return first.model_copy(update={"sources": sources})


def _own_values(member: Item, shown: Item) -> list[Source]:
    """A member's sources, each marked with the member's value where it is not the one shown
    (the source rounds it)."""
    if not isinstance(member, Figure) or not isinstance(shown, Figure):
        return member.sources
    if member.value == shown.value:
        return member.sources
    return [s.model_copy(update={"value": member.value}) for s in member.sources]


def _precision(item: Deadline | Figure | Event) -> int:
    return _significant(item.value) if isinstance(item, Figure) else 0


def _leading(value: float | None) -> float | None:
    """A value to two significant digits: the block in which one figure may be another's
    rounding (57.2 and «57%», 6,482,000 and «نحو 6.5 ملايين»)."""
    return None if value is None else float(f"{value:.2g}")


def _significant(value: float) -> int:
    """How many significant digits ``value`` is written with (84.3: 3; 8,000,000: 1)."""
    mantissa = f"{abs(value):.12e}".split("e")[0].replace(".", "").rstrip("0")
    return max(1, len(mantissa))


def _same_value(left: Figure, right: Figure) -> bool:
    """Equal values, or one the other's rounding: «نحو 6.5 ملايين» for 6,482,000 (said to be
    approximate), 57 % for 57.2 % (exact, but within half a percent). A round number stated
    exactly is no rounding («100» for 104, «23 جنيها» for 23.5)."""
    if (left.value_max is None) != (right.value_max is None):
        return False
    pairs = [(left.value, right.value), (left.value_max or 0.0, right.value_max or 0.0)]
    return all(_rounds(a, b, left, right) for a, b in pairs)


def _rounds(a: float, b: float, left: Figure, right: Figure) -> bool:
    if a == b:
        return True
    (precise, _), (rough, rough_item) = sorted(
        [(a, left), (b, right)], key=lambda pair: -_significant(pair[0])
    )
    digits = _significant(rough)
    if digits == _significant(precise) or rough == 0:
        return False
    if rough_item.approx == "exact" and (digits < 2 or abs(precise - rough) > _CLOSE * rough):
        return False  # «23 جنيها» is no rounding of 23.5: a price of two digits is exact
    quantum = 10.0 ** (math.floor(math.log10(abs(rough))) - digits + 1)
    return abs(precise - rough) <= quantum / 2 * (1 + 1e-9)


def _figure_conflicts(figures: list[Figure]) -> list[Conflict]:
    by_unit: dict[str | None, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_unit[figure.unit].append(figure)
    conflicts: list[Conflict] = []
    for group in by_unit.values():
        conflicts.extend(
            _conflict(members) for members in _disagreements(group, lambda a, b: a.value != b.value)
        )
    return conflicts


def _deadline_conflicts(deadlines: list[Deadline]) -> list[Conflict]:
    dated = [d for d in deadlines if d.date]
    return [
        _deadline_conflict(members)
        for members in _disagreements(
            dated,
            lambda a, b: a.date != b.date and _cue_family(a.qualifier) == _cue_family(b.qualifier),
        )
    ]


def _disagreements(group: list[Item], differ: Callable[[Item, Item], bool]) -> list[list[Item]]:
    """Sets of items about the same subject that differ in value or date: the most alike pairs
    first, so that an item joins the set of the item it is most about (a week's count and a
    running total of one outbreak are two subjects, each with its own change)."""
    index = _WordIndex(group)
    pairs: list[tuple[float, int, int]] = []
    for i, left in enumerate(group):
        mine = _item_words(left)
        # The nearest candidates only: the group is sorted by place and value, so an item's
        # changes stand near it, and a batch's work stays linear in its size.
        for j in index.after(i, mine, CONFLICT_SUBJECT)[:CONFLICT_CANDIDATES]:
            right = group[j]
            if (
                not _may_change(left, right)
                or _one_clause(left, right)
                or _other_names(left, right)
                or not differ(left, right)
                or not _compatible(left, right)
            ):
                continue
            score = _item_similarity(left, mine, right, own=False)
            if score >= CONFLICT_SUBJECT and _shared_subject(left, mine, right):
                pairs.append((-score, i, j))
    sets: list[list[int]] = []
    set_of: dict[int, int] = {}
    for _, i, j in sorted(pairs):
        if i in set_of and j in set_of:
            continue
        if i not in set_of and j not in set_of:
            set_of[i] = set_of[j] = len(sets)
            sets.append([i, j])
            continue
        joined, new = (i, j) if i in set_of else (j, i)
        members = sets[set_of[joined]]
        if all(differ(group[m], group[new]) and _may_change(group[m], group[new]) for m in members):
            members.append(new)
            set_of[new] = set_of[joined]
    return [[group[k] for k in sorted(members)] for members in sets]


class _WordIndex:
    """The items of a group by content word, so that an item is compared only with those that
    can be about the same subject (without a shared word, only the priors score)."""

    def __init__(self, group: Sequence[Deadline | Figure | Event]) -> None:
        self.size = len(group)
        self.bound = max((_prior_bound(item) for item in group), default=0.0)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(group):
            for word in _item_words(item):
                self.by_word[word].append(position)

    def after(self, position: int, words: frozenset[str], threshold: float) -> list[int]:
        """The positions after ``position``, in order, whose items may score ``threshold``."""
        if threshold <= self.bound:
            return list(range(position + 1, self.size))
        found: set[int] = set()
        for word in words:
            postings = self.by_word.get(word, [])
            found.update(postings[bisect_right(postings, position) :])
        return sorted(found)


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


def _deadline_conflict(members: list[Deadline]) -> Conflict:
    values = [
        ConflictValue(date=m.date, qualifier=m.qualifier, sources=list(m.sources)) for m in members
    ]
    subject = members[0].subject
    en = "; ".join(
        f"{m.qualifier} {format_date(m.date, 'en')} ({_cited(m.sources)})" for m in members
    )
    ar = "؛ ".join(f"{format_date(m.date, 'ar')} ({_cited(m.sources)})" for m in members)
    note = Bilingual(
        en=f"{subject}: sources give different dates, or the date changes: {en}.",
        ar=f"مواعيد مختلفة أو متغيّرة: {ar}.",
    )
    return Conflict(kind="deadline", subject=subject, values=values, note=note)


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


@lru_cache(maxsize=65536)
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
    "التي", "الذي", "الذين", "حتى", "بحلول", "نهايه", "بنهايه", "موعد", "اقصاه", "بعد", "قبل",
    "خلال", "منذ", "عام", "العام", "وفي", "على", "الى", "كان", "كانت", "ذلك", "هذا", "هذه",
    "بين", "حيث", "انه", "وقال", "قال", "واضاف", "نحو", "اكثر", "اقل", "من", "في", "عن", "مع",
    "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "ايلول", "تشرين", "يناير",
    "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
    "نوفمبر", "ديسمبر", "الاول", "الثاني", "اليوم", "امس", "غدا", "المقبل", "الماضي", "الجاري",
}  # fmt: skip
_AR_WORD = re.compile(r"[\u0621-\u064A]{2,}")
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIXES = ("يات", "ات", "ون", "ين", "ها", "هم", "ية", "يه", "ه", "ي")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _ar_stem(word: str) -> str:
    """A light stem of a folded Arabic word: clitics and common endings off, at least 3 letters."""
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def _words_of(subject: str, place: str, arabic_text: str) -> frozenset[str]:
    arabic = {
        f"ar:{_ar_stem(w)}"
        for w in _AR_WORD.findall(fold_arabic(arabic_text))
        if w not in _AR_STOP and len(w) >= 3
    }
    return frozenset((_words(subject) - _words(place)) | arabic)


def _item_words(item: Deadline | Figure | Event) -> frozenset[str]:
    """Content words of an item: its English subject and the article's own Arabic words about
    it (its clause; for an event, the sentences it comes from: two outlets reporting one
    statement share them)."""
    if isinstance(item, Event):
        arabic_text = item.text.ar + " " + " ".join(s.quote for s in item.sources)
    else:
        arabic_text = item.subject_ar or item.text.ar
    return _words_of(item.subject, getattr(item, "place", None) or "", arabic_text)


@lru_cache(maxsize=65536)
def _names_in(arabic_text: str, value: float | None) -> frozenset[float]:
    """Numbers that name rather than count («بنزين 95», «القرار 1701»): any number of the
    clause other than the item's own value."""
    found = set()
    for raw in _DIGITS.findall(arabic_text.translate(_AR_DIGITS)):
        try:
            number = float(raw.replace(",", ""))
        except ValueError:
            continue
        if value is None or number != value:
            found.add(number)
    return frozenset(found)


def _item_similarity(item: Item, words: frozenset[str], other: Item, own: bool) -> float:
    """How alike two items are: their share of content words, plus a prior when their
    normalized keys agree on more than the number (the same place; for deadlines, the same kind
    of cue). One article that restates a deadline at one date, cue and place states it once."""
    score = _similarity(words, _item_words(other))
    if isinstance(item, Event) or isinstance(other, Event):
        return score
    same_place = _same_place(item, other)
    if isinstance(item, Deadline) and isinstance(other, Deadline):
        same_cue = _cue_family(item.qualifier) == _cue_family(other.qualifier)
        if own and same_cue and _place(item.place) == _place(other.place):
            return max(score, SAME_IN_ARTICLE)
        return score + KEY_PRIOR * same_place + CUE_PRIOR * same_cue
    return score + KEY_PRIOR * same_place


@lru_cache(maxsize=65536)
def _names_key(subject: str, place: str) -> frozenset[str]:
    """What an English subject names, as one key per name: «US» and «American» are one."""
    keys = set()
    for span, arabic in english_names(subject):
        if span.lower() == place:
            continue
        keys.add(arabic[0] if arabic else span.lower()[:4])
    return frozenset(keys - {_names_key_of_place(place)})


def _names_key_of_place(place: str) -> str:
    found = english_names(place.title()) if place else []
    return found[0][1][0] if found and found[0][1] else place


def _names_en(item: Deadline | Figure) -> frozenset[str]:
    return _names_key(item.subject, _place(item.place))


def _other_names(left: Item, right: Item) -> bool:
    """«US troops» and «Russian troops» name different things: not one figure that changed."""
    if isinstance(left, Event) or isinstance(right, Event):
        return False
    mine, theirs = _names_en(left), _names_en(right)
    return bool(mine) and bool(theirs) and not mine & theirs


def _shared_subject(left: Item, words: frozenset[str], right: Item) -> bool:
    """Whether two items share a subject beyond their unit: two content words besides it, or
    one and the place ("years" alone, a prisoner's age and a party's rule, is no subject)."""
    unit = {getattr(left, "unit", None), getattr(right, "unit", None)} - {None}
    shared = len((words & _item_words(right)) - _words(" ".join(map(str, unit))))
    return shared >= 2 or (shared >= 1 and _same_place(left, right))


def _same_place(left: Item, right: Item) -> bool:
    """Whether two items name the same place (an event names none)."""
    place = _place(getattr(left, "place", None))
    return bool(place) and place == _place(getattr(right, "place", None))


def _may_change(left: Item, right: Item) -> bool:
    """Whether two values can be one subject's change or disagreement between articles: not
    stated by exactly the same articles (values that the same sources all give are things they
    list; a change one states itself, «ارتفع من 12 إلى 15», is its own line), and within a factor
    of ``CHANGE_RATIO`` (a week's 1,240 cases and a running 96,300 are two counts)."""
    if {s.article_id for s in left.sources} == {s.article_id for s in right.sources}:
        return False
    if isinstance(left, Figure) and isinstance(right, Figure):
        low, high = sorted((abs(left.value), abs(right.value)))
        return high <= CHANGE_RATIO * low
    return True


def _one_clause(left: Item, right: Item) -> bool:
    """Values listed in one clause («الأول بـ40 دينارا، والثاني بـ35») are a list, not sources
    that disagree (a change one clause states, «من 300 إلى أقل من 250», is that line's own)."""
    if isinstance(left, Event) or isinstance(right, Event):
        return False
    shared = bool(left.subject_ar) and left.subject_ar == right.subject_ar
    return shared and len(_names_in(left.subject_ar, None)) > 2


def _mergeable(left: Item, right: Item) -> bool:
    """Whether two items may be one fact: compatible, and figures of the same value (or one the
    other's rounding: a block holds values alike to two digits)."""
    if isinstance(left, Figure) and isinstance(right, Figure) and not _same_value(left, right):
        return False
    return _compatible(left, right)


def _compatible(left: Item, right: Item) -> bool:
    """Items about two named places, or two numbered things («بنزين 95», «بنزين 92»), are
    never about the same thing."""
    if isinstance(left, Event) or isinstance(right, Event):
        return True
    places = {_place(left.place), _place(right.place)} - {""}
    if len(places) > 1:
        return False
    lv = left.value if isinstance(left, Figure) else None
    rv = right.value if isinstance(right, Figure) else None
    ln, rn = _names_in(left.subject_ar, lv), _names_in(right.subject_ar, rv)
    return not ln or not rn or bool(ln & rn)


_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CUE_FAMILY = {  # cues that set the same kind of deadline: a continuation, or a completion
    "at least until": "until",
    "by the end of": "by",
    "no later than": "by",
    "no later than the end of": "by",
    "before": "by",
    "in": "on",
}


def _cue_family(qualifier: str) -> str:
    return _CUE_FAMILY.get(qualifier, qualifier)


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
