"""summarizer: bilingual English/Arabic briefs from batches of news articles.

>>> from summarizer import load_articles, summarize_batch
>>> brief = summarize_batch(load_articles("seeds/"))
>>> print(brief.to_markdown(lang="both"))
"""

from summarizer.api import summarize_batch
from summarizer.load import load_articles, load_batch
from summarizer.models import SCHEMA_VERSION, Article, Brief

__all__ = ["SCHEMA_VERSION", "Article", "Brief", "load_articles", "load_batch", "summarize_batch"]
__version__ = "0.1.0"
