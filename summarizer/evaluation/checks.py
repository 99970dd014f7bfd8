"""Checks beyond recall: boilerplate leaks, quotes, languages, unsupported text, duplicates
merged, changes shown as conflicts."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from pydantic import BaseModel, Field

from summarizer.evaluation.gold import (
    GoldArticle,
    GoldChange,
    GoldDated,
    GoldDuplicate,
    GoldFigure,
    GoldFile,
    GoldItem,
    non_figure_values,
)
from summarizer.evaluation.match import (
    Matches,
    all_items,
    cites,
    date_eq,
    describe,
    golds_of,
    items_of,
    num_eq,
    value_match,
)
from summarizer.models import Brief, BriefItem, Deadline, Event, Figure, Source
from summarizer.support import unsupported_reasons

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = frozenset(
    {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is"}
    | {"it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with"}
    | {"within", "after", "before", "over"}
)


class Leak(BaseModel):
    """A brief figure that comes from boilerplate, or is a number the gold says is no figure."""

    article_id: str
    value: float
    text_en: str
    quote: str
    reason: str


class Unsupported(BaseModel):
    """A brief item whose English names or numbers no cited quote supports."""

    kind: str
    item: str
    articles: list[str]
    reasons: list[str]


class MergeCheck(BaseModel):
    """One batch-level expectation (duplicate or change) and what the brief has for it."""

    fact: str
    kind: str
    articles: list[str]
    satisfied: bool
    found: list[str] = Field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------------


def _split_tail(brief: Brief, art: GoldArticle, raw: str | None) -> tuple[str, str] | None:
    """(body, tail) of the article, from the brief's text or else the raw text."""
    marker = art.boilerplate_tail_starts_with
    if not marker:
        return None
    for text in (brief.texts.get(art.id), raw):
        if text and marker in text:
            at = text.index(marker)
            return text[:at], text[at:]
    return None


def _inline_blocks(art: GoldArticle) -> list[str]:
    """The Arabic opening of each inline boilerplate block the gold describes."""
    blocks = []
    for note in art.boilerplate_inline:
        head = re.split(r"\.\.\.|…|\(", note)[0].strip()
        if _ARABIC.search(head) and len(head) >= 8:
            blocks.append(head)
    return blocks


def _figure_leaks(
    fig: Figure, art: GoldArticle, split: tuple[str, str] | None, matched: bool
) -> Iterator[Leak]:
    quotes = [s.quote for s in fig.sources if s.article_id == art.id]

    def leak(quote: str, reason: str) -> Leak:
        return Leak(
            article_id=art.id, value=fig.value, text_en=fig.text.en, quote=quote, reason=reason
        )

    first = quotes[0] if quotes else ""
    if any(num_eq(fig.value, v) for v in art.not_in_article):
        yield leak(first, "value is listed in not_in_article")
        return
    if not matched and any(num_eq(fig.value, v) for v in non_figure_values(art)):
        yield leak(first, "value is listed in non_figures")
        return
    for quote in quotes:
        if quote and any(block in quote or quote in block for block in _inline_blocks(art)):
            yield leak(quote, "quote is in an inline boilerplate block")
            return
    if split is None:
        return
    body, tail = split
    for quote in quotes:
        if quote and quote in tail and quote not in body:
            yield leak(quote, "quote is in the boilerplate tail")
            return


def leaks(brief: Brief, gold: GoldFile, raw: dict[str, str], ms: Matches) -> list[Leak]:
    """Figures from boilerplate tails or inline blocks, or of values the gold says are none."""
    by_id = {a.id: a for a in gold.articles}
    splits = {a.id: _split_tail(brief, a, raw.get(a.id)) for a in gold.articles}
    found: list[Leak] = []
    for i, fig in enumerate(brief.figures):
        for aid in cites(fig):
            if aid in by_id:
                matched = ms.figure[aid].gold_of(i) is not None
                found.extend(_figure_leaks(fig, by_id[aid], splits[aid], matched))
    return found


# --------------------------------------------------------------------------------------------
# Quotes, languages, support
# --------------------------------------------------------------------------------------------


def _all_sources(brief: Brief) -> Iterator[Source]:
    for item in all_items(brief):
        yield from item.sources
    for conflict in brief.conflicts:
        for cv in conflict.values:
            yield from cv.sources


def quote_checks(brief: Brief) -> tuple[int, int, int]:
    """(sources, quotes found verbatim in the article text, sources whose offsets hold them)."""
    sources = list(_all_sources(brief))
    verbatim = offsets = 0
    for s in sources:
        text = brief.texts.get(s.article_id)
        if text is None or not s.quote:
            continue
        verbatim += s.quote in text
        offsets += text[s.start : s.end] == s.quote
    return len(sources), verbatim, offsets


def is_bilingual(item: BriefItem) -> bool:
    """English text without Arabic letters, and an Arabic text."""
    en, ar = item.text.en.strip(), item.text.ar.strip()
    return bool(en and ar) and not _ARABIC.search(en) and bool(_ARABIC.search(ar))


def unsupported(brief: Brief) -> list[Unsupported]:
    """Items whose English states a name or a number that none of their quotes supports."""
    found: list[Unsupported] = []
    for item in all_items(brief):
        quotes = [s.quote for s in item.sources]
        if isinstance(item, Figure):
            reasons = unsupported_reasons(
                item.text.en, quotes, item.value, item.as_of, value_max=item.value_max
            )
        else:
            reasons = unsupported_reasons(item.text.en, quotes, None, item.date)
        if reasons:
            found.append(
                Unsupported(
                    kind=_kind(item), item=describe(item), articles=cites(item), reasons=reasons
                )
            )
    return found


def _kind(item: BriefItem) -> str:
    if isinstance(item, Deadline):
        return "deadline"
    return "figure" if isinstance(item, Figure) else "event"


# --------------------------------------------------------------------------------------------
# Batch-level expectations: duplicates and changes
# --------------------------------------------------------------------------------------------


def _stems(text: str) -> set[str]:
    words = _WORD.findall(text.lower().replace("'s", ""))
    return {w[:5] for w in words if w not in _STOPWORDS}


def _overlap(a: str, b: str) -> int:
    return len(_stems(a) & _stems(b))


def _loosely_about(fact: str, text: str) -> bool:
    wanted = _stems(fact)
    return bool(wanted) and len(wanted & _stems(text)) >= max(1, math.ceil(len(wanted) / 2))


def _item_has_key(dup: GoldDuplicate, item: BriefItem) -> bool:
    """Deadline by date, figure by value, event by date (else the fact's words, loosely)."""
    if isinstance(item, Figure) and dup.value is not None:
        return value_match(item, dup.value)
    if isinstance(item, Deadline | Event) and dup.date is not None:
        return date_eq(item.date, dup.date)
    return _loosely_about(dup.fact, item.text.en)


def _gold_has_key(dup: GoldDuplicate, gold: GoldItem) -> bool:
    if isinstance(gold, GoldFigure):
        return dup.value is not None and (
            num_eq(gold.value, dup.value) or _printed_rounded(gold.value, dup.value)
        )
    if isinstance(gold, GoldDated):
        dates = (gold.date, gold.date_if_published_inferred)
        return dup.date is not None and any(date_eq(d, dup.date) for d in dates if d)
    return False


def _printed_rounded(printed: float, value: float) -> bool:
    """Whether an article prints ``value`` rounded to two significant digits or more («55%»
    for 55.30 %; «3 ملايين» for 2,976,000 is not: one digit): the fact, as that article
    states it."""
    if printed == 0 or value == 0:
        return False
    digits = len(Decimal(repr(abs(printed))).normalize().as_tuple().digits)
    if digits < 2:
        return False
    scale = 10 ** (math.floor(math.log10(abs(printed))) - digits + 1)
    return abs(printed - value) <= scale / 2 + 1e-9 and printed != value


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
    dup: GoldDuplicate, brief: Brief, gold: GoldFile, ms: Matches
) -> list[int]:
    """Brief items that give the duplicated fact for any of its articles."""
    by_id = {a.id: a for a in gold.articles}
    listed = [a for a in dup.articles if a in by_id]
    matches = ms.of(dup.kind)
    fact_of = {a: _fact_gold(dup, golds_of(by_id[a], dup.kind)) for a in listed}
    found: list[int] = []
    for i, item in enumerate(items_of(brief, dup.kind)):
        cited = [a for a in cites(item) if a in fact_of]
        paired = {a: matches[a].gold_of(i) for a in cited}
        is_fact = any(
            fact_of[a] is not None and matches[a].strict.get(i) == fact_of[a] for a in cited
        )
        other_fact = any(r is not None and r != fact_of[a] for a, r in paired.items())
        if is_fact or (cited and _item_has_key(dup, item) and not other_fact):
            found.append(i)
    return found


def check_duplicate(dup: GoldDuplicate, brief: Brief, gold: GoldFile, ms: Matches) -> MergeCheck:
    """Satisfied when exactly one brief item gives the fact and it cites every listed article."""
    items = items_of(brief, dup.kind)
    found = _duplicate_candidates(dup, brief, gold, ms)
    satisfied = len(found) == 1 and set(dup.articles) <= set(cites(items[found[0]]))
    return MergeCheck(
        fact=dup.fact,
        kind=dup.kind,
        articles=dup.articles,
        satisfied=satisfied,
        found=[f"{describe(items[i])}  [cites {', '.join(cites(items[i]))}]" for i in found],
    )


def check_change(change: GoldChange, brief: Brief) -> MergeCheck:
    """Satisfied when one conflict shows every value, citing every listed article."""
    listed = set(change.articles)
    satisfied, found = False, []
    for conflict in brief.conflicts:
        per_value = [
            {
                s.article_id
                for cv in conflict.values
                if cv.value is not None and num_eq(cv.value, value)
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
        fact=change.fact, kind="change", articles=change.articles, satisfied=satisfied, found=found
    )
