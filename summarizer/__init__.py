"""summarizer: bilingual English/Arabic briefs from batches of news articles.

>>> from summarizer import load_articles, summarize_batch
>>> brief = summarize_batch(load_articles("seeds/"))
>>> print(brief.to_markdown(lang="both"))

The names below are imported on first use, so ``import summarizer`` (and the CLI's ``--help``)
does not pay for openai, instructor and trafilatura.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from summarizer.api import summarize_batch
    from summarizer.load import load_articles, load_batch
    from summarizer.models import SCHEMA_VERSION, Article, Brief

_HOMES = {
    "summarize_batch": "summarizer.api",
    "load_articles": "summarizer.load",
    "load_batch": "summarizer.load",
    "SCHEMA_VERSION": "summarizer.models",
    "Article": "summarizer.models",
    "Brief": "summarizer.models",
}

__all__ = ["SCHEMA_VERSION", "Article", "Brief", "load_articles", "load_batch", "summarize_batch"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """Import a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
