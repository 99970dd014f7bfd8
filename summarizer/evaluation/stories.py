"""Story grouping (adjusted Rand index against the gold's stories), titles and outlets."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from math import comb

from pydantic import BaseModel, Field

from summarizer.evaluation.gold import GoldFile
from summarizer.models import Brief
from summarizer.names import sounds_alike
from summarizer.normalize.page import fold_line, has_phrase, page_words


def adjusted_rand_index(labels_a: Sequence[str], labels_b: Sequence[str]) -> float:
    """Adjusted Rand index of two labelings of the same items (1.0: the same partition).

    Computed from the contingency table (Hubert and Arabie, 1985); two partitions that are both
    trivial (one group, or all singletons) and equal score 1.0.
    """
    if len(labels_a) != len(labels_b):
        raise ValueError("both labelings must label the same items")
    n = len(labels_a)
    if n < 2:
        return 1.0
    pairs = sum(comb(c, 2) for c in Counter(zip(labels_a, labels_b, strict=True)).values())
    sum_a = sum(comb(c, 2) for c in Counter(labels_a).values())
    sum_b = sum(comb(c, 2) for c in Counter(labels_b).values())
    expected = sum_a * sum_b / comb(n, 2)
    maximum = (sum_a + sum_b) / 2
    if maximum == expected:
        return 1.0 if pairs == maximum else 0.0
    return (pairs - expected) / (maximum - expected)


class StoryGrouping(BaseModel):
    """How the brief grouped the gold's articles into stories."""

    ari: float | None = Field(description="None when the brief or the gold has no stories")
    note: str
    brief_groups: list[list[str]] = Field(default_factory=list)


def story_grouping(gold: GoldFile, brief_stories: list[list[str]] | None) -> StoryGrouping:
    """ARI of the brief's stories against the gold's, over the gold's storied articles.

    A gold article that no brief story lists counts as a story of its own.
    """
    if brief_stories is None:
        return StoryGrouping(ari=None, note="stories: not in brief")
    groups = [list(g) for g in brief_stories]
    if not gold.stories:
        return StoryGrouping(
            ari=None, note=f"gold has no stories; brief has {len(groups)}", brief_groups=groups
        )
    gold_label = {aid: s.name for s in gold.stories for aid in s.articles}
    brief_label: dict[str, str] = {}
    for k, group in enumerate(groups):
        for aid in group:
            brief_label.setdefault(aid, f"story {k}")
    ids = list(gold_label)
    ari = adjusted_rand_index(
        [gold_label[a] for a in ids], [brief_label.get(a, f"alone {a}") for a in ids]
    )
    note = f"{len(groups)} brief stories, {len(gold.stories)} gold stories"
    return StoryGrouping(ari=ari, note=note, brief_groups=groups)


# --------------------------------------------------------------------------------------------
# Titles and outlets
# --------------------------------------------------------------------------------------------

_DASHES = re.compile(r"\s[ـ–—-]\s|\s*ـ\s*")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_MENU_SEPARATORS = re.compile(r"[|/»›>•]")
_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([^/\s]+?)(?:\.[a-z]{2,6})+/?$", re.IGNORECASE)
_ARABIC = re.compile(r"[\u0600-\u06FF]")


def headline_problem(title: str | None, outlet_names: Sequence[str] = ()) -> str | None:
    """Why ``title`` does not read as a headline (None when it does), by shape alone.

    A headline has at least four words with letters; it is not a short line in quotation marks
    (a slogan), a dateline (a place and an outlet
    around a dash, «مدينة ـ الوكالة»), a menu or breadcrumb (three or more separators), the
    outlet's own name, or a line that is mostly digits (a date or counter).
    """
    raw = (title or "").strip()
    text = raw.strip('"«»“”\'')
    if not text:
        return "no title"
    words = [w for w in text.split() if _LETTERS.search(w)]
    if raw != text and len(words) <= 5:
        return "a quoted slogan"
    if any(text.lower() == name.lower() for name in outlet_names if name):
        return "the outlet's name"
    if len(_MENU_SEPARATORS.findall(text)) >= 3:
        return "a menu or breadcrumb"
    digits = sum(c.isdigit() for c in text)
    if digits > len(text) / 3:
        return "a date or counter"
    parts = [p for p in _DASHES.split(text) if p.strip()]
    if len(parts) >= 2 and len(parts[0].split()) <= 2 and len(words) <= 6:
        return "a dateline"
    if len(words) < 4:
        return "fewer than four words"
    return None


def _plain(name: str) -> str:
    low = name.lower().strip()
    domain = _DOMAIN.match(low)
    if domain and " " not in low:
        low = domain.group(1)
    low = re.sub(r"^(?:the|al|el)[\s-]+", "", low)
    return re.sub(r"[\W_]+", "", low)


def outlet_matches(gold_outlet: str, source: str | None) -> bool:
    """The brief's source names the gold's outlet: same letters and digits, or one contains
    the other (a domain, «Sada El Balad» / «elbalad»), or, for an Arabic source, its romanized
    consonants (and its digits) match the English name."""
    if not source or not source.strip():
        return False
    names = dict.fromkeys((gold_outlet, gold_outlet.split(",")[0]))
    return any(_outlet_is(name, source) for name in names)


def _outlet_is(name: str, source: str) -> bool:
    if _ARABIC.search(source):
        digits = re.sub(r"\D", "", name) == re.sub(r"\D", "", source.translate(_AR_DIGITS))
        english = re.sub(r"\d", " ", name)
        arabic = re.sub(r"[\d٠-٩]", " ", source)
        return digits and (sounds_alike(english, arabic) or _alike_but_kind(english, arabic))
    a, b = _plain(name), _plain(source)
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 5 and short in long)


def _alike_but_kind(english: str, arabic: str) -> bool:
    """«الوكيل الإخباري» names 'Al-Wakeel News': the outlet's kind (News, Agency, TV) is
    translated, not romanized; the rest of the name must sound alike."""
    words = page_words()
    if not has_phrase(fold_line(arabic), words.outlet_words):
        return False
    kept = [w for w in english.split() if fold_line(w) not in words.outlet_words_en]
    if not kept or len(kept) == len(english.split()):
        return False
    rest = " ".join(w for w in arabic.split() if fold_line(w) not in words.outlet_words)
    return bool(rest.strip()) and sounds_alike(" ".join(kept), rest)


_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


class TitleCheck(BaseModel):
    """One gold article's title and outlet in the brief."""

    article_id: str
    title: str | None
    headline: bool
    title_problem: str | None = None
    outlet_gold: str | None = None
    source: str | None = None
    outlet_ok: bool | None = None


class TitlesReport(BaseModel):
    """How many titles read as headlines and how many outlets match the gold's."""

    headlines: int
    outlets: int
    outlet_total: int
    total: int
    checks: list[TitleCheck]


def titles_and_outlets(brief: Brief, gold: GoldFile) -> TitlesReport:
    """Check each gold article the brief reports: its title's shape and its outlet's name."""
    reports = {a.id: a for a in brief.articles}
    checks: list[TitleCheck] = []
    for art in gold.articles:
        rep = reports.get(art.id)
        if rep is None:
            continue
        names = [n for n in (art.outlet, rep.source) if n]
        problem = headline_problem(rep.title, names)
        checks.append(
            TitleCheck(
                article_id=art.id,
                title=rep.title,
                headline=problem is None,
                title_problem=problem,
                outlet_gold=art.outlet,
                source=rep.source,
                outlet_ok=outlet_matches(art.outlet, rep.source) if art.outlet else None,
            )
        )
    return TitlesReport(
        headlines=sum(c.headline for c in checks),
        outlets=sum(bool(c.outlet_ok) for c in checks),
        outlet_total=sum(c.outlet_ok is not None for c in checks),
        total=len(checks),
        checks=checks,
    )
