"""Does a clause speak of the future? A rule of Arabic news grammar, for dates and roles."""

from __future__ import annotations

import re

from summarizer.buckwalter import lexicon

# The future in Arabic news: «سـ» before an imperfect verb of the common news verbs, «سوف»,
# «من المقرر / المنتظر / المرتقب / المزمع», «يعتزم».
_FUTURE_FRAME = re.compile(
    r"(?<![\w])[وف]?(?:سوف|(?:من\s+)?(?:ال)?(?:مقرر|منتظر|مرتقب|مزمع|متوقع)|[يت]عتزم|[يت]نوي"
    r"|س[يتن](?:بدأ|تم|نتهي|جري|جرى|عقد|دخل|صل|كون|ستمر|شهد|طلق|عود|رفع|خفض|علن|نطلق|فتتح"
    r"|غلق|نسحب|صدر|قام|نظم|توقف|سري|طبق|عمل))"
)


_FUTURE_VERB = re.compile(r"(?<![\w])[وف]?س[يتنأ][\u0621-\u064A\u064B-\u0652]{2,}")


def speaks_of_future(text: str) -> bool:
    """True when a clause speaks of what will happen (a future verb or «من المقرر»).

    Beyond the common verbs listed, «سـ» before any word the lexicon reads as an imperfect verb
    («ستُفرج», «ستحتضن»): an imperfect begins with its person letter, so a «س» before it is
    the future's (a noun such as «سيارة» or «ستة» reads as a noun).
    """
    if _FUTURE_FRAME.search(text):
        return True
    found = lexicon()
    if found is None:
        return False
    for match in _FUTURE_VERB.finditer(text):
        word = match.group().lstrip("وف")  # the lexicon reads it without its vowel marks
        literal = found.literal(word)
        if literal is not None and literal.category.startswith("IV"):
            return True
    return False
