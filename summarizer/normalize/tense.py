"""Does a clause speak of the future? A rule of Arabic news grammar, for dates and roles."""

from __future__ import annotations

import re

# The future in Arabic news: «سـ» before an imperfect verb of the common news verbs, «سوف»,
# «من المقرر / المنتظر / المرتقب / المزمع», «يعتزم».
_FUTURE_FRAME = re.compile(
    r"(?<![\w])[وف]?(?:سوف|(?:من\s+)?(?:ال)?(?:مقرر|منتظر|مرتقب|مزمع|متوقع)|[يت]عتزم|[يت]نوي"
    r"|س[يتن](?:بدأ|تم|نتهي|جري|جرى|عقد|دخل|صل|كون|ستمر|شهد|طلق|عود|رفع|خفض|علن|نطلق|فتتح"
    r"|غلق|نسحب|صدر|قام|نظم|توقف|سري|طبق|عمل))"
)


def speaks_of_future(text: str) -> bool:
    """True when a clause speaks of what will happen (a future verb or «من المقرر»)."""
    return bool(_FUTURE_FRAME.search(text))
