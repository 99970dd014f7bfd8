"""How alike two items are: their content words (English subject, the article's own Arabic
words), names, places and cues; which items may be one fact at all."""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache

from summarizer.buckwalter import lexicon, transliterate
from summarizer.merge.values import Item, same_value
from summarizer.models import (
    Deadline,
    Event,
    Figure,
)
from summarizer.names import ARABIC_WORD, english_names, fold_arabic
from summarizer.normalize import find_mentions
from summarizer.normalize.named import numbered_names
from summarizer.normalize.since import since_dates
from summarizer.normalize.vocab import (
    UNIT_NOUNS,
    fold,
    has_stem_in,
    is_cardinal_word,
    is_hedge_word,
)

SAME_FACT = 0.34  # share of content words two items of different articles must share
SAME_IN_ARTICLE = 0.6  # one article restating itself
SAME_EVENT = 0.3
# Added to the subject overlap when the keys agree beyond the date or value: never enough alone.
KEY_PRIOR = 0.2  # the same place
CUE_PRIOR = 0.1  # deadlines: the same kind of cue (a completion, a continuation)

STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and", "or",
    "its", "their", "is", "are", "was", "were", "be", "been", "will", "would", "has", "have",
    "had", "that", "this", "as", "into", "it", "s", "said", "says", "about", "more", "than",
    "less", "least", "until", "before", "after", "end", "per", "cent", "percent",
    # what a plain line is called when nothing is known of its subject: no shared subject
    "deadline", "figure",
}  # fmt: skip


def prior_bound(item: Deadline | Figure | Event) -> float:
    """The most :func:`item_similarity` gives two items of different articles that share no
    content word."""
    if isinstance(item, Event):
        return 0.0
    return KEY_PRIOR + (CUE_PRIOR if isinstance(item, Deadline) else 0.0)


def score_key(item: Item) -> tuple[object, ...]:
    """What :func:`item_similarity` reads of its ``other`` item."""
    if isinstance(item, Event):
        return ("event", item_words(item))
    cue = cue_family(item.qualifier) if isinstance(item, Deadline) else None
    return (type(item).__name__, item_words(item), place_key(item.place), cue)


def compatible_key(item: Item) -> tuple[object, ...]:
    """What :func:`compatible` reads of either of its items."""
    if isinstance(item, Event):
        return ("event", event_names(item), speaker_words(item))
    if isinstance(item, Figure):
        values = (item.value, item.value_max, item.approx)
        return (place_key(item.place), names_in(item.subject_ar, item.value), values)
    return (place_key(item.place), names_in(item.subject_ar, None))


@lru_cache(maxsize=65536)
def place_key(place: str | None) -> str:
    return re.sub(r"^the\s+", "", (place or "").strip().lower())


def words_in(text: str) -> set[str]:
    tokens = re.findall(r"[a-z0-9]+", text.lower())
    return {en_stem(t) for t in tokens if t not in STOP and len(t) > 1}


def en_stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


_AR_STOP = {
    "التي", "الذي", "الذين", "حتى", "بحلول", "نهايه", "بنهايه", "موعد", "اقصاه", "بعد", "قبل",
    "خلال", "منذ", "عام", "العام", "وفي", "على", "الى", "كان", "كانت", "ذلك", "هذا", "هذه",
    "بين", "حيث", "انه", "وقال", "قال", "واضاف", "نحو", "اكثر", "اقل", "من", "في", "عن", "مع",
    "كانون", "شباط", "اذار", "نيسان", "ايار", "حزيران", "تموز", "ايلول", "تشرين", "يناير",
    "فبراير", "مارس", "ابريل", "مايو", "يونيو", "يوليو", "اغسطس", "سبتمبر", "اكتوبر",
    "نوفمبر", "ديسمبر", "الاول", "الثاني", "اليوم", "امس", "غدا", "المقبل", "الماضي", "الجاري",
    "كما", "فقد", "وقد", "بينما", "ايضا",
}  # fmt: skip
_AR_STOP = {fold_arabic(word) for word in _AR_STOP}  # «الى», «على»: as the words are folded
_AR_PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_AR_SUFFIXES = ("يات", "ات", "ون", "ين", "ها", "هم", "ية", "يه", "ه", "ي")
WRITTEN_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # a number in digits, as written


def ar_stem(word: str) -> str:
    """A light stem of a folded Arabic word: clitics and common endings off, at least 3 letters."""
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def content_stem(word: str) -> str | None:
    """The stem key of one Arabic word as written, or None for a function word or a short one:
    the lexicon's stem of its likeliest analysis («اللاجئين», «لاجئاً»: one stem), else the
    light stem of :func:`ar_stem` (a word the lexicon lacks, or no lexicon installed)."""
    folded = fold_arabic(word)
    if folded in _AR_STOP or len(folded) < 3 or is_hedge_word(word):
        return None
    found = lexicon()
    stem = found.stem(word) if found is not None else None
    # The light stem is written as the lexicon's are (transliterated), so the two meet.
    return f"ar:{stem or transliterate(ar_stem(folded))}"


def _stems_of(arabic_text: str) -> set[str]:
    return {s for w in ARABIC_WORD.findall(arabic_text) if (s := content_stem(w)) is not None}


@lru_cache(maxsize=65536)
def words_of(subject: str, place: str, arabic_text: str) -> frozenset[str]:
    arabic = _stems_of(arabic_text)
    return frozenset((words_in(subject) - words_in(place)) | arabic)


def item_words(item: Deadline | Figure | Event) -> frozenset[str]:
    """Content words of an item: its English subject and the article's own Arabic words about
    it (its clause; for an event, the sentences it comes from: two outlets reporting one
    statement share them)."""
    if isinstance(item, Event):
        quotes = (_from_line(s.quote, item.text.ar) for s in item.sources)
        arabic_text = item.text.ar + " " + " ".join(quotes)
    else:
        arabic_text = item.subject_ar or item.text.ar
    return words_of(item.subject, getattr(item, "place", None) or "", arabic_text)


_LINE_HEAD = 24  # characters of an event's Arabic line that find it in its quote


def _from_line(quote: str, line_ar: str) -> str:
    """The quote from where the event's own Arabic line starts: a statement continued from the
    sentence before («… وأضافت: …») quotes that sentence for its speaker, whose words are
    not what this event says."""
    at = quote.find(line_ar[:_LINE_HEAD]) if line_ar else -1
    return quote[at:] if at > 0 else quote


def own_words(event: Event) -> frozenset[str]:
    """Content words of an event's own line: its English subject and its Arabic."""
    return words_of(event.subject, "", event.text.ar)


@lru_cache(maxsize=65536)
def numbers_in(arabic_text: str, value: float | None) -> frozenset[float]:
    """The numbers of a clause other than the item's own value."""
    found = set()
    for raw in WRITTEN_NUMBER.findall(western_digits(arabic_text)):
        number = written_number(raw)
        if number is not None and (value is None or number != value):
            found.add(number)
    return frozenset(found)


def western_digits(text: str) -> str:
    """``text`` with its Arabic-Indic digits written as 0-9."""
    return text.translate(_AR_DIGITS)


def written_number(raw: str) -> float | None:
    """The value of a number as written in digits («1,210», «94.65»), or None."""
    try:
        return float(raw.replace(",", ""))
    except ValueError:
        return None


@lru_cache(maxsize=65536)
def names_in(arabic_text: str, value: float | None) -> frozenset[float]:
    """Numbers that name rather than count (:func:`summarizer.normalize.named.numbered_names`:
    «المادة 89 من», «القرار 1701»), but the item's own value."""
    return frozenset(float(n.number) for n in numbered_names(arabic_text) if n.number != value)


def item_similarity(item: Item, words: frozenset[str], other: Item, own: bool) -> float:
    """How alike two items are: their share of content words, plus a prior when their
    normalized keys agree on more than the number (the same place; for deadlines, the same kind
    of cue). One article that restates a deadline at one date, cue and place states it once."""
    if isinstance(item, Event) and isinstance(other, Event) and own:
        # Two statements of one article share their quotes when one continues the other
        # («أعلنت الوزارة … وأضافت: …»): only their own words say whether they are one.
        return overlap(own_words(item), own_words(other))
    score = overlap(words, item_words(other))
    if isinstance(item, Event) or isinstance(other, Event):
        return score
    same_place = in_same_place(item, other)
    if isinstance(item, Deadline) and isinstance(other, Deadline):
        same_cue = cue_family(item.qualifier) == cue_family(other.qualifier)
        if own and same_cue and place_key(item.place) == place_key(other.place):
            return max(score, SAME_IN_ARTICLE)
        return score + KEY_PRIOR * same_place + CUE_PRIOR * same_cue
    return score + KEY_PRIOR * same_place


@lru_cache(maxsize=65536)
def names_key(subject: str, place: str) -> frozenset[str]:
    """What an English subject names, as one key per name: «US» and «American» are one."""
    keys = set()
    for span, arabic in english_names(subject):
        if span.lower() == place:
            continue
        keys.add(arabic[0] if arabic else span.lower()[:4])
    return frozenset(keys - {names_key_of_place(place)})


def event_names(event: Event) -> frozenset[str]:
    """What the subject of an event's line names (the words before its key words)."""
    return names_key(event.subject.split(" (")[0], "")


def speaker_words(event: Event) -> frozenset[str]:
    """The content words of who made a statement or did an act ("the health ministry of
    Sudan": health, ministry, sudan); a shorter naming of one speaker ("the ministry") has a
    subset of them."""
    who = event.said_by or event.acted_by
    return frozenset(words_in(who.en)) if who is not None and who.en else frozenset()


def names_key_of_place(place: str) -> str:
    found = english_names(place.title()) if place else []
    return found[0][1][0] if found and found[0][1] else place


def names_en(item: Deadline | Figure) -> frozenset[str]:
    return names_key(item.subject, place_key(item.place))


def other_names(left: Item, right: Item) -> bool:
    """«US troops» and «Russian troops» name different things: not one figure that changed."""
    if isinstance(left, Event) or isinstance(right, Event):
        return False
    mine, theirs = names_en(left), names_en(right)
    return bool(mine) and bool(theirs) and not mine & theirs


def shared_subject(left: Item, words: frozenset[str], right: Item) -> bool:
    """Whether two items share a subject beyond their unit: two content words besides it, or
    one and the place ("years" alone, a prisoner's age and a party's rule, is no subject)."""
    unit = {getattr(left, "unit", None), getattr(right, "unit", None)} - {None}
    shared = len((words & item_words(right)) - words_in(" ".join(map(str, unit))))
    return shared >= 2 or (shared >= 1 and in_same_place(left, right))


SMALL_COUNT = 10  # a count below this («ثلاث مراحل», «خمس سنوات») coincides across stories


def shares_more_than_count(left: Item, words: frozenset[str], right: Item) -> bool:
    """Whether two figures of different articles can be one fact on their words: a small
    count needs a place or a content word in common besides what it counts and the words of
    numbers (the three phases of a truce and of a subsidy cut share only those)."""
    if not isinstance(left, Figure) or not isinstance(right, Figure):
        return True
    if max(abs(left.value), abs(right.value)) >= SMALL_COUNT or in_same_place(left, right):
        return True
    counted = unit_words(left.subject_ar or left.text.ar, left.unit or "") | unit_words(
        right.subject_ar or right.text.ar, right.unit or ""
    )
    return bool((words & item_words(right)) - counted)


def subject_words(figure: Figure) -> frozenset[str]:
    """A figure's content words (:func:`item_words`) besides those that write its number or
    a counted noun, or its unit (:func:`unit_words`)."""
    return item_words(figure) - unit_words(figure.subject_ar or figure.text.ar, figure.unit or "")


@lru_cache(maxsize=65536)
def unit_words(arabic_text: str, unit: str) -> frozenset[str]:
    """The words of a clause that write a number or a counted noun of the units table
    («ثلاث», «مراحل», «شاحنات»), and the English words of ``unit``, as :func:`words_of`
    writes them."""
    found = {
        stem
        for w in ARABIC_WORD.findall(arabic_text)
        if (is_cardinal_word(fold(w)) or has_stem_in(UNIT_NOUNS, fold(w)))
        and (stem := content_stem(w)) is not None
    }
    return frozenset(found | words_in(unit))


def in_same_place(left: Item, right: Item) -> bool:
    """Whether two items name the same place (an event names none)."""
    place = place_key(getattr(left, "place", None))
    return bool(place) and place == place_key(getattr(right, "place", None))


def one_clause(left: Item, right: Item) -> bool:
    """Values listed in one clause («الأول بـ40 دينارا، والثاني بـ35») are a list, not sources
    that disagree (a change one clause states, «من 300 إلى أقل من 250», is that line's own)."""
    if isinstance(left, Event) or isinstance(right, Event):
        return False
    shared = bool(left.subject_ar) and left.subject_ar == right.subject_ar
    return shared and len(numbers_in(left.subject_ar, None)) > 2


def mergeable(left: Item, right: Item) -> bool:
    """Whether two items may be one fact: compatible, and figures of the same value (or one the
    other's rounding: a block holds values alike to two digits)."""
    if isinstance(left, Figure) and isinstance(right, Figure) and not same_count(left, right):
        return False
    return compatible(left, right)


def same_count(left: Figure, right: Figure) -> bool:
    """One value (or its rounding) counted from the same date, if both say from when."""
    return same_value(left, right) and not counted_from_other_dates(left, right)


def counted_from_other_dates(left: Figure, right: Figure) -> bool:
    """Whether two counts start from different dates («نحو 100 ألف حالة منذ يوليو 2023» and
    «101 ألف و450 منذ أغسطس 2024»): two counts, though one rounds to the other; they may
    still be one subject's change."""
    mine, theirs = _since(left), _since(right)
    return bool(mine) and bool(theirs) and not mine & theirs


def _since(figure: Figure) -> frozenset[str]:
    return frozenset(date for s in figure.sources for date in since_dates(s.quote))


def stated_values(event: Event) -> frozenset[float]:
    """The values (not the dates) the normalizer finds in an event's quotes."""
    return frozenset(value for source in event.sources for value in _values_of(source.quote))


@lru_cache(maxsize=65536)
def _values_of(quote: str) -> frozenset[float]:
    return frozenset(
        m.value for m in find_mentions(quote, None) if m.kind == "number" and m.value is not None
    )


def compatible(left: Item, right: Item) -> bool:
    """Items about two named places, or two numbered things («بنزين 95», «بنزين 92»), are
    never about the same thing; nor are events whose subjects name two others ("Iraq lost",
    "South Korea won"), or statements or acts of two speakers or actors, neither a shorter
    naming of the other (:func:`speaker_words`): "Jordan hosted" is not "the commission
    said"; nor are events whose quotes state values and share none (:func:`stated_values`)."""
    if isinstance(left, Event) and isinstance(right, Event):
        mine, theirs = event_names(left), event_names(right)
        speakers = speaker_words(left), speaker_words(right)
        if all(speakers) and not (speakers[0] <= speakers[1] or speakers[1] <= speakers[0]):
            return False  # the defence ministry's statement is not the foreign ministry's
        counts = stated_values(left), stated_values(right)
        if all(counts) and not counts[0] & counts[1]:
            return False  # a rise of 548,000 barrels is not the one of 547,000: two decisions
        return not mine or not theirs or bool(mine & theirs)
    if isinstance(left, Event) or isinstance(right, Event):
        return True
    places = {place_key(left.place), place_key(right.place)} - {""}
    if len(places) > 1:
        return False
    lv = left.value if isinstance(left, Figure) else None
    rv = right.value if isinstance(right, Figure) else None
    ln, rn = names_in(left.subject_ar, lv), names_in(right.subject_ar, rv)
    return not ln or not rn or bool(ln & rn)


_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_CUE_FAMILY = {  # cues that set the same kind of deadline: a continuation, or a completion
    "at least until": "until",
    "by the end of": "by",
    "no later than": "by",
    "no later than the end of": "by",
    "before": "by",
    "in": "on",
}


def cue_family(qualifier: str) -> str:
    return _CUE_FAMILY.get(qualifier, qualifier)


def overlap(left: Set[str], right: Set[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))
