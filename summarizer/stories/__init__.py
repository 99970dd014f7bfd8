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

from datetime import date as Date

from summarizer.attribution import add_attribution, find_disputes
from summarizer.models import Bilingual, Brief, BriefItem, Story
from summarizer.stories.coming import check_as_of as check_as_of
from summarizer.stories.coming import period as period
from summarizer.stories.coming import what_comes_next as what_comes_next
from summarizer.stories.grouping import brief_items
from summarizer.stories.grouping import group_articles as group_articles
from summarizer.stories.grouping import stopwords as stopwords
from summarizer.stories.leads import LeadPart as LeadPart
from summarizer.stories.leads import (
    as_sentence,
    item_articles,
    item_part,
    most_reported,
    plural_words,
    story_of,
)
from summarizer.stories.leads import compose_lead as compose_lead
from summarizer.stories.leads import lead_problems as lead_problems


def add_stories(brief: Brief, as_of: str | None = None) -> Brief:
    """The brief with its ``stories``, batch ``lead`` and ``next`` (relative to ``as_of``, an
    ISO date; today when None). The flat lists are kept as they are."""
    day = check_as_of(as_of) or Date.today().isoformat()
    brief = add_attribution(brief)
    groups = group_articles(brief)
    story_by_article = {a: f"S{k}" for k, g in enumerate(groups, 1) for a in g}
    items = brief_items(brief)
    item_story = {
        item_id: story
        for item_id, item in items
        if (story := story_of(item_articles(item), story_by_article)) is not None
    }
    conflict_story = {
        f"C{k}": story
        for k, c in enumerate(brief.conflicts, 1)
        if (story := story_of((s.article_id for v in c.values for s in v.sources),
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


def _title(items: list[tuple[str, BriefItem]], headlines: list[str | None], n: int) -> Bilingual:
    """A story's title: its most reported verified item's text when it passes the lead checks;
    else its first article's headline in Arabic and, in English, only how many articles."""
    top = most_reported(items)
    if top is not None and not lead_problems(item_part(top[1])):
        return Bilingual(en=as_sentence(top[1].text.en), ar=as_sentence(top[1].text.ar))
    headline = next((h for h in headlines if h), None)
    return Bilingual(
        en=f"Story of {plural_words(n, 'article')}", ar=headline or f"قصة (عدد المقالات: {n})"
    )
