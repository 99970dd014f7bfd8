"""Compatibility module: the evaluation lives in ``summarizer.evaluation``."""

from summarizer.evaluation import *  # noqa: F403
from summarizer.evaluation import __all__ as __all__
