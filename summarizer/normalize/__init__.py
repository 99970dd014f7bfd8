"""Deterministic Arabic/English date and number normalizer (stdlib only, no model).

``find_mentions`` finds every date and number expression of an article with its offsets and a
normalized value; ``detect_metadata`` reads the publication date and the source from the text.
The formatting helpers render normalized values back into English or Arabic words.

Rules for the ambiguous cases:

* Mentions never overlap: a left-to-right scan tries a date first, then a number, at each token.
* Durations («خلال الـ18 شهراً المقبلة», «الأشهر الـ18 المقبلة», «لعامين») are *number*
  mentions (value 12, unit "months"), never dates. With a forward cue (خلال / في غضون, not
  followed by الماضية/الأخيرة) the cue is part of the span and ``qualifier`` is "within".
* "Ago" expressions («قبل ٧ سنوات», «منذ ثلاثة أيام», «قبل عامين») are *date* mentions resolved
  from the publication date at the unit's precision (years → YYYY, months → YYYY-MM,
  days → YYYY-MM-DD, weeks → YYYY-MM only when the whole week lies in one month); the count is
  kept in ``value``/``unit``. Hedged ones («منذ أكثر من 9 أعوام») and ones tied to an event
  («قبل 10 أيام من الانتخابات») are numbers.
* A bare weekday («الجمعة», «اليوم الجمعة») is the most recent such day on or before
  publication; «الماضي» strictly before, «المقبل» strictly after; after a deadline cue
  («حتى الخميس») the next one on or after publication. «الاثنين» (also "the two") needs
  punctuation or a cue word (يوم, صباح, ...) around it.
* Month (and day) without a year: «الماضي» → the latest one before publication, «المقبل» →
  the next one, «الجاري/الحالي» → the publication year, none → the occurrence nearest to the
  publication date. «الأسبوع الماضي/المقبل» gives YYYY-MM only when unambiguous.
* Without a publication date every relative expression is still returned, with
  ``date=None`` and ``relative=False``; ``relative`` is True only when the publication date
  was used.
* A day span («1 إلى 15 أكتوبر 2024») keeps month precision; a bare four-digit year is a date
  after a cue or preposition, in a year range, or when it is a plausible year (1945–2040) not
  followed by a counted noun.
"""

from summarizer.normalize.formatting import (
    format_approx,
    format_date,
    format_number,
    format_qualifier,
)
from summarizer.normalize.mentions import find_mentions
from summarizer.normalize.metadata import (
    detect_metadata,
    detect_title,
    infer_published,
    outlet_from_url,
)

__all__ = [
    "detect_metadata",
    "detect_title",
    "find_mentions",
    "format_approx",
    "format_date",
    "format_number",
    "format_qualifier",
    "infer_published",
    "outlet_from_url",
]
