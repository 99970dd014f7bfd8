"""Score a brief against a hand-made gold annotation (``summarizer eval``).

Nothing here knows the seeds or the dev set: any gold file of their form can be scored.
Modules: ``gold`` (annotation types and date rules), ``inputs`` (feeds, folders, the brief),
``match`` (strict one-to-one matching), ``checks`` (leaks, quotes, support, merging),
``stories`` (story grouping, titles, outlets), ``report`` (types and text), ``score``.
"""

from summarizer.evaluation.checks import Leak, MergeCheck, Unsupported
from summarizer.evaluation.gold import GoldFile, load_gold, parse_gold
from summarizer.evaluation.inputs import BriefFile, Inputs, load_brief, read_articles_dir, read_feed
from summarizer.evaluation.report import (
    COMBINED,
    ArticleScore,
    EvalReport,
    KindResult,
    KindScore,
    Ratio,
    StoryScore,
    format_report,
)
from summarizer.evaluation.score import TARGET_PRECISION, TARGET_RECALL, score_brief
from summarizer.evaluation.stories import (
    StoryGrouping,
    TitlesReport,
    adjusted_rand_index,
    headline_problem,
    outlet_matches,
)

__all__ = [
    "COMBINED",
    "TARGET_PRECISION",
    "TARGET_RECALL",
    "ArticleScore",
    "BriefFile",
    "EvalReport",
    "GoldFile",
    "Inputs",
    "KindResult",
    "KindScore",
    "Leak",
    "MergeCheck",
    "Ratio",
    "StoryGrouping",
    "StoryScore",
    "TitlesReport",
    "Unsupported",
    "adjusted_rand_index",
    "format_report",
    "headline_problem",
    "load_brief",
    "load_gold",
    "outlet_matches",
    "parse_gold",
    "read_articles_dir",
    "read_feed",
    "score_brief",
]
