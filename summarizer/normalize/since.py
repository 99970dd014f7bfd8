"""Where a count starts: a date after «منذ» («بينها 40 وفاة منذ ظهور المرض في مارس 2023»)."""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.names import ARABIC_LETTERS
from summarizer.normalize.mentions import find_mentions
from summarizer.normalize.vocab import SINCE_WORDS, fold

SINCE_REACH = 6  # words between «منذ» and its date («منذ الإعلان عن ظهور المرض في مارس»)
_WORDS_BACK = re.compile(rf"[{ARABIC_LETTERS}\u0671]+|[\d٠-٩]+|[،,.؛;:()«»\"!?؟]")


def counted_since(quote: str, at: int) -> bool:
    """Whether a date at ``at`` in ``quote`` is where a count starts: a word of ``since_words``
    («منذ») stands a few words before it in its clause, with no number or other date between
    («بينها 40 وفاة منذ ظهور المرض في مارس 2023»: since March 2023)."""
    before = _WORDS_BACK.findall(quote[:at])[-SINCE_REACH:]
    for token in reversed(before):
        if not token[0].isalpha():
            return False
        if fold(token) in SINCE_WORDS:
            return True
    return False


@lru_cache(maxsize=65536)
def since_dates(quote: str) -> frozenset[str]:
    """The dates that the counts of a quote start from, as the normalizer gives them (a date it
    cannot place in time, «منذ مارس الماضي» without a publication date, is left out)."""
    return frozenset(
        m.date
        for m in find_mentions(quote)
        if m.kind == "date" and m.date is not None and counted_since(quote, m.start)
    )
