"""A story's title and lead, said only from verified items (their checked English) and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.faithful import faithfulness_problems
from summarizer.models import Bilingual, BriefItem, Conflict, Deadline, Figure


def story_of(article_ids: Iterable[str], story_by_article: dict[str, str]) -> str | None:
    """The story most of these cited articles belong to (the first one's on a tie)."""
    stories = [story_by_article[a] for a in article_ids if a in story_by_article]
    if not stories:
        return None
    counts = Counter(stories)
    top = max(counts.values())
    return next(s for s in stories if counts[s] == top)


def item_articles(item: BriefItem) -> list[str]:
    return list(dict.fromkeys(s.article_id for s in item.sources))


_KIND_RANK = {"E": 0, "D": 1, "F": 2}
_TITLE_MIN_WORDS = 5  # fewer words is a value with its unit, not a statement


def most_reported(items: list[tuple[str, BriefItem]]) -> tuple[str, BriefItem] | None:
    """The item cited by the most articles (a statement of a few words before a bare value, an
    event before a deadline before a figure, then the shorter text)."""
    if not items:
        return None
    return min(
        items,
        key=lambda p: (
            -len(item_articles(p[1])),
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


def item_part(item: BriefItem) -> LeadPart:
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


def plural_words(n: int, en: str) -> str:
    if n == 1:
        return f"{n} {en}"
    return f"{n} {en[:-1]}ies" if en.endswith("y") else f"{n} {en}s"


def compose_lead(
    n_articles: int,
    items: list[tuple[str, BriefItem]],
    conflicts: list[Conflict],
    n_stories: int | None = None,
) -> Bilingual:
    """A lead by rule: the counts, the most reported item with its number of articles, the
    nearest dated deadline and the first disagreement, each item clause kept only when it
    passes :func:`lead_problems` (a lead says less rather than something unsupported)."""
    head_en = plural_words(n_articles, "article")
    head_ar = f"عدد المقالات: {n_articles}"
    if n_stories is not None:
        head_en += f" in {plural_words(n_stories, 'story')}"
        head_ar += f"، في {n_stories} " + ("قصة" if n_stories == 1 else "قصص")
    en, ar = [head_en + "."], [head_ar + "."]
    top = most_reported(items)
    if top is not None and not lead_problems(item_part(top[1])):
        n = len(item_articles(top[1]))
        en.append(f"Most reported: {as_sentence(top[1].text.en)} ({plural_words(n, 'article')}).")
        ar.append(f"الأكثر تداولاً: {as_sentence(top[1].text.ar)} (عدد المقالات: {n}).")
    deadlines = [d for _, d in items if isinstance(d, Deadline) and d.date]
    dated = sorted(
        (d for d in deadlines if top is None or d is not top[1]),
        key=lambda d: (-len(item_articles(d)), d.date or ""),
    )
    for deadline in dated[:1]:
        if not lead_problems(item_part(deadline)):
            en.append(f"Deadline: {as_sentence(deadline.text.en)}.")
            ar.append(f"موعد: {as_sentence(deadline.text.ar)}.")
    for conflict in conflicts[:1]:
        if not lead_problems(_conflict_part(conflict)):
            en.append(f"Disputed: {as_sentence(conflict.note.en)}.")
            ar.append(f"موضع خلاف: {as_sentence(conflict.note.ar)}.")
    return Bilingual(en=" ".join(en), ar=" ".join(ar))


def as_sentence(text: str) -> str:
    return " ".join(text.split()).rstrip(" .。،,;")
