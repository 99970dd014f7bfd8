"""Changes and disagreements between articles: items about one subject that differ in value or
date, and the conflicts the brief shows for them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence

from summarizer.merge.similarity import (
    WRITTEN_NUMBER,
    compatible,
    cue_family,
    item_similarity,
    item_words,
    one_clause,
    other_names,
    prior_bound,
    same_count,
    shared_subject,
    western_digits,
    written_number,
)
from summarizer.merge.values import Item
from summarizer.models import (
    Bilingual,
    Conflict,
    ConflictValue,
    Deadline,
    Event,
    Figure,
    Source,
)
from summarizer.normalize.formatting import format_approx, format_date, format_number
from summarizer.normalize.vocab import INSTEAD_WORDS, fold

CONFLICT_SUBJECT = 0.5
CONFLICT_CANDIDATES = 16  # items after one that are tried as its change or disagreement
CHANGE_RATIO = 20.0  # the most one count changes by between two reports of it
# Two large counts a few percent apart («45 ألفا و210» and «46 ألفا و980» cases) are more
# likely one running count reported twice than two counts: a prior towards one subject.
CLOSE_PRIOR = 0.1
CLOSE_RATIO = 0.05
CLOSE_FROM = 1000.0


def figure_conflicts(figures: list[Figure]) -> list[Conflict]:
    by_unit: dict[str | None, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_unit[figure.unit].append(figure)
    conflicts: list[Conflict] = []
    for group in by_unit.values():
        conflicts.extend(
            figure_conflict(members)
            for members in disagreements(group, lambda a, b: not rounding(a, b))
        )
    return conflicts


def deadline_conflicts(deadlines: list[Deadline]) -> list[Conflict]:
    dated = [d for d in deadlines if d.date]
    return [
        deadline_conflict(members)
        for members in disagreements(
            dated,
            lambda a, b: a.date != b.date and cue_family(a.qualifier) == cue_family(b.qualifier),
        )
    ]


def disagreements(group: list[Item], differ: Callable[[Item, Item], bool]) -> list[list[Item]]:
    """Sets of items about the same subject that differ in value or date: the most alike pairs
    first, so that an item joins the set of the item it is most about (a week's count and a
    running total of one outbreak are two subjects, each with its own change)."""
    index = WordIndex(group)
    # A value a sentence says another replaces («61.2%، بدلاً من 70.5%») is that one's change.
    pairs: list[tuple[float, int, int]] = [
        (-1.0, i, j) for i, j in stated_replacements(group) if differ(group[i], group[j])
    ]
    for i, left in enumerate(group):
        mine = item_words(left)
        # The nearest candidates only: the group is sorted by place and value, so an item's
        # changes stand near it, and a batch's work stays linear in its size.
        for j in index.after(i, mine, CONFLICT_SUBJECT)[:CONFLICT_CANDIDATES]:
            right = group[j]
            if (
                not may_change(left, right)
                or one_clause(left, right)
                or other_names(left, right)
                or not differ(left, right)
                or not compatible(left, right)
            ):
                continue
            score = item_similarity(left, mine, right, own=False) + CLOSE_PRIOR * close(left, right)
            if score >= CONFLICT_SUBJECT and shared_subject(left, mine, right):
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
        # It differs from every member and is a change of one of them at least: one article
        # may give two values of a running count that others report too (167,000, then
        # 170,478 returns), but not two of its own clause.
        if (
            all(differ(group[m], group[new]) and not one_clause(group[m], group[new])
                for m in members)
            and any(may_change(group[m], group[new]) for m in members)
        ):  # fmt: skip
            members.append(new)
            set_of[new] = set_of[joined]
    return [[group[k] for k in sorted(members)] for members in sets]


class WordIndex:
    """The items of a group by content word, so that an item is compared only with those that
    can be about the same subject (without a shared word, only the priors score)."""

    def __init__(self, group: Sequence[Deadline | Figure | Event]) -> None:
        self.size = len(group)
        self.bound = max((prior_bound(item) for item in group), default=0.0)
        self.by_word: dict[str, list[int]] = defaultdict(list)
        for position, item in enumerate(group):
            for word in item_words(item):
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


def figure_conflict(members: list[Figure]) -> Conflict:
    values = [
        ConflictValue(value=m.value, approx=m.approx, sources=list(m.sources)) for m in members
    ]
    subject = members[0].subject
    en = "; ".join(f"{value_en(m)} ({cited(m.sources)})" for m in members)
    ar = "؛ ".join(f"{value_ar(m)} ({cited(m.sources)})" for m in members)
    note = Bilingual(
        en=f"{subject}: sources give different figures, or the figure changes: {en}.",
        ar=f"أرقام مختلفة أو متغيّرة: {ar}.",
    )
    return Conflict(kind="figure", subject=subject, values=values, note=note)


def deadline_conflict(members: list[Deadline]) -> Conflict:
    values = [
        ConflictValue(date=m.date, qualifier=m.qualifier, sources=list(m.sources)) for m in members
    ]
    subject = members[0].subject
    en = "; ".join(
        f"{m.qualifier} {format_date(m.date, 'en')} ({cited(m.sources)})" for m in members
    )
    ar = "؛ ".join(f"{format_date(m.date, 'ar')} ({cited(m.sources)})" for m in members)
    note = Bilingual(
        en=f"{subject}: sources give different dates, or the date changes: {en}.",
        ar=f"مواعيد مختلفة أو متغيّرة: {ar}.",
    )
    return Conflict(kind="deadline", subject=subject, values=values, note=note)


def value_en(figure: Figure) -> str:
    hedge = format_approx(figure.approx, "en")
    when = f" as of {format_date(figure.as_of, 'en')}" if figure.as_of else ""
    amount = f"{format_number(figure.value)} {figure.unit or ''}".strip()
    return f"{hedge} {amount}{when}".strip()


def value_ar(figure: Figure) -> str:
    hedge = format_approx(figure.approx, "ar")
    return f"{hedge} {format_number(figure.value, 'ar')}".strip()


def cited(sources: list[Source]) -> str:
    return ", ".join(dict.fromkeys(s.article_id for s in sources))


def stated_replacements(group: Sequence[Item]) -> list[tuple[int, int]]:
    """Pairs (i, j) of figures of ``group`` where one sentence states the value of ``i`` in place
    of that of ``j``, written right after a word of ``instead_words`` («بما يعادل 61.2%،
    بدلاً من 70.5%»; «ليصل إلى 30 دينارا بدلا من 25»): the second is what the first
    replaced, one subject's change. The numbers are matched in the sentence as written."""
    at: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for k, item in enumerate(group):
        if isinstance(item, Figure):
            for source in item.sources:
                at[(source.article_id, source.quote)].append((k, source.value or item.value))
    found: list[tuple[int, int]] = []
    for (_, quote), values in at.items():
        folded = western_digits(fold(quote))
        for cue in INSTEAD_WORDS:
            for hit in re.finditer(re.escape(cue), folded):
                gap = folded[hit.end() : hit.end() + 1] == " "
                after = WRITTEN_NUMBER.match(folded, hit.end() + gap)
                before = WRITTEN_NUMBER.findall(folded[: hit.start()])
                old = written_number(after.group()) if after else None
                new = written_number(before[-1]) if before else None
                replaced = [k for k, v in values if old is not None and v == old]
                kept = [k for k, v in values if new is not None and v == new]
                found.extend((i, j) for i in kept[:1] for j in replaced[:1] if i != j)
    return list(dict.fromkeys(found))


def rounding(left: Figure, right: Figure) -> bool:
    """Whether two figures are one value, or one the other's rounding («12 مليارا» for 12.4
    billion), each stated as it is or as about it: they do not disagree. A bound («أقل من
    2000») is no rounding of another count («نحو 2500»)."""
    stated = {left.approx, right.approx} <= {"exact", "about"}
    # Counts from two dates («منذ يوليو 2023», «منذ أغسطس 2024») are two counts that differ.
    return left.value == right.value or (stated and same_count(left, right))


def close(left: Item, right: Item) -> bool:
    """Whether two figures are large counts within ``CLOSE_RATIO`` of each other."""
    if not isinstance(left, Figure) or not isinstance(right, Figure):
        return False
    low, high = sorted((abs(left.value), abs(right.value)))
    return low >= CLOSE_FROM and high - low <= CLOSE_RATIO * high


def may_change(left: Item, right: Item) -> bool:
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
