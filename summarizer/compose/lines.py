"""The lines of a composed fact: a pick's English and Arabic, checked against their source,
and the plain line built from what is certain when they fail (place, value, key words, dates).
"""

from __future__ import annotations

import re

from summarizer.attribution import says
from summarizer.clean import clause_around, clause_span
from summarizer.faithful import (
    PLACEHOLDER,
    arabic_in_source,
    faithfulness_problems,
    placeholders_in,
)
from summarizer.gloss import (
    each_of,
    english_stem,
    literal_terms,
    synonymous,
    terms_near,
    word_problems,
)
from summarizer.models import (
    Bilingual,
    Mention,
    Pick,
    Source,
)
from summarizer.names import ARABIC_LETTERS, QuoteWords, unsupported_names
from summarizer.normalize.formatting import (
    MONTHS_EN,
    mention_shown_en,
    shown_date,
)
from summarizer.normalize.lexicon import actions_before, outcome_before, place_near
from summarizer.normalize.named import names_in, numbered_names, without_names
from summarizer.normalize.since import counted_since
from summarizer.normalize.vocab import (
    BACK_LINKS,
    FORECAST_WORDS,
    WHEN_LINKS,
    fold,
    month_named,
)
from summarizer.people import Person, people_in

_MONTHS = "|".join(MONTHS_EN + tuple(m[:3] for m in MONTHS_EN))
# A date written by the model in English ("by the end of September 2025", "in 2026", "on 27 Sep").
_EN_DATE = re.compile(
    rf"\b(?:(?:by|until|till|before|after|on|in|from|no later than|at least until)\s+)?"
    rf"(?:the\s+end\s+of\s+)?(?:\d{{1,2}}\s+)?\b(?:{_MONTHS})\b\.?"
    rf"(?:\s*\d{{4}}\b|\s*\d{{1,2}}\b(?:,?\s*\d{{4}}\b)?)?"
    rf"|\b(?:(?:by|until|in|since|before)\s+)?(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
DIGITS = re.compile(r"(?<![\w-])[\d.,]*\d[\d.,]*(?![\w-])")
_AR_DATE_WORDS = re.compile(
    r"(?:في\s+موعد\s+أقصاه|بحلول|حتى|بنهاية|نهاية|قبل|بعد|في)?\s*"
    r"(?:\d{1,2}\s+)?(?:كانون\s+الثاني|كانون\s+الأول|تشرين\s+الأول|تشرين\s+الثاني|شباط|آذار|نيسان"
    r"|أيار|حزيران|تموز|آب|أيلول|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر"
    r"|أكتوبر|نوفمبر|ديسمبر)(?:\s*/\s*\S+)?\s*(?:عام\s*)?[\d٠-٩]{0,4}"
    r"|(?:عام\s*)?(?:19|20|١٩|٢٠)[\d٠-٩]{2}"
)


_LABELLED_VALUE = re.compile(r"\s*:\s*\[M\d+\]\s*$")  # «Price of diesel: [M4]»


class Line:
    """A pick's English and Arabic, and whether the English is a grounded translation (its
    placeholders filled with the normalizer's words) or a model-written description."""

    def __init__(
        self, en: str, ar: str, translated: bool, given: str = "", phrase: str = ""
    ) -> None:
        self.en = en
        self.ar = ar
        self.translated = translated
        self.given = given  # the normalizer's English words filled into the placeholders
        self.phrase = phrase  # a label's words for what its value is («Price of diesel»)

    @classmethod
    def of(cls, pick: Pick, by_id: dict[str, Mention]) -> Line:
        if not placeholders_in(pick.what_en):
            ar = pick.what_ar.strip()
            if not arabic_in_source(ar, pick.quote):  # a model's Arabic the quote does not hold
                ar = own_words(pick, by_id.get(pick.mention_id or ""))
            return cls(pick.what_en.strip(), ar, False)
        def fill(match: re.Match[str]) -> str:
            mention = by_id.get(match.group(1))
            return mention_shown_en(mention) if mention is not None else ""

        en = tidy(PLACEHOLDER.sub(fill, pick.what_en))
        given = " ".join(
            mention_shown_en(by_id[i])
            for i in placeholders_in(pick.what_en)
            if i in by_id and not unresolved(by_id[i])
        )
        phrase = tidy(PLACEHOLDER.sub(fill, _LABELLED_VALUE.sub("", pick.what_en)))
        return cls(en, pick.what_ar.strip(), True, given, phrase)

    def faithful(self, quote: str, value: float | None, date: str | None) -> bool:
        """True when the English passes every support check against its source: the window
        it translates (a translation), or the quoted sentence (a description)."""
        if not self.en:
            return False
        # Each number is the item's own normalized value or date, or stands in the source: a
        # date resolved for another mention of the window («غدا») is no number of the quote.
        source = self.ar if self.translated else quote
        problems = faithfulness_problems(
            self.en, source, [source], value=value, date=date, given=self.given
        )
        return not problems

    def terms_near(self, mention: Mention, source: Source) -> list[str]:
        """Words of an unfaithful English line that gloss the Arabic words next to the
        mention (:func:`summarizer.gloss.terms_near`): what the value counts, checked."""
        if self.translated and mention.text in self.ar:
            return terms_near(self.en, self.ar, mention.text, given=self.given)
        at = mention.start - source.start
        return terms_near(self.en, source.quote, mention.text, given=self.given, at=at)


def place_of(pick: Pick, mention: Mention | None) -> str | None:
    """Where the item is: the pick's place when its quote names it (a model may name a place
    the article does not), else the place the quote's own words give around the mention."""
    if pick.place_en and not unsupported_names(pick.place_en, QuoteWords.of([pick.quote])):
        return pick.place_en
    if mention is not None and pick.start <= mention.start and mention.end <= pick.end:
        return place_near(pick.quote, mention.start - pick.start, mention.end - pick.start)
    return None


_MOST_TERMS = 5  # key words of a plain line, besides its dates


def key_words(
    chosen: list[str],
    anchor: str,
    source: Source,
    place: str | None,
    dates: tuple[str, ...] = (),
    unit: str | None = None,
    at: int | None = None,
) -> str:
    """Key words after a plain line, in parentheses: "expected" when its clause makes the value
    a forecast (:func:`forecasts`), what happens by a date (:func:`action_of`), what happened
    to the people counted (:func:`outcome_of`), what the value is a rate of (:func:`each`: "for
    each prisoner"), the model's checked words (``chosen``), the places and
    countries the anchor's own clause names besides ``place`` (:func:`names_around`: who else
    the value is about, «12 نقطة» of «البرازيل»), the numbered things of the clause
    (:func:`designations`), then the lexicon's plainest English of the Arabic words next to
    the mention's words (``anchor``, :func:`summarizer.gloss.literal_terms`, the names' own
    words aside), what the value counts in the article's words; none that repeats the place or
    another key word; then the ``dates`` of its clause. ``unit`` is a figure's (None for a
    date): the words a figure's unit says already are not repeated; ``at``: where the anchor
    stands in the quote (a sentence may write its words twice)."""
    terms: list[str] = []
    known = {english_stem(word) for word in (place or "").split()}
    quote = source.quote
    at = position(quote, anchor, at)
    names, unnamed = names_around(quote, anchor, at, counted=unit is not None)
    forecast = ["expected"] if forecasts(quote, anchor, at) else []
    happens = action_of(quote, anchor, at) if unit is None else []
    said = forecast + happens + outcome_of(quote, anchor, unit, at) + each(quote, anchor, unit, at)
    said += chosen
    numbered = designations(quote, anchor, at)
    nearby = literal_terms(unnamed, anchor, counted=unit is not None, at=at)
    for term in said + names + numbered + nearby:
        stems = {english_stem(word) for word in term.split()}
        # The model's words and a numbered thing («gasoline 92» after "price of gasoline")
        # still add what they say besides words already shown.
        if not stems & known or ((term in chosen or term in numbered) and stems - known):
            terms.append(term)
            known |= stems
    in_dates = {word for date in dates for word in date.split()}
    terms = [term for term in terms if term not in in_dates]  # «مارس» of «منذ مارس 2023»
    # A month says when, as the dates do: it is listed with them, not among what is counted.
    months = [term for term in terms if term in MONTHS_EN]
    terms = [term for term in terms if term not in MONTHS_EN]
    listed = terms[:_MOST_TERMS] + months + [date for date in dates if date not in terms]
    return f" ({', '.join(listed)})" if listed else ""


def position(quote: str, anchor: str, at: int | None = None) -> int:
    """Where ``anchor`` stands in ``quote``: at ``at`` when it stands there, else its first
    occurrence (-1: nowhere)."""
    if at is not None and at >= 0 and anchor and quote[at : at + len(anchor)] == anchor:
        return at
    return quote.find(anchor) if anchor else -1


def action_of(quote: str, anchor: str, at: int | None = None) -> list[str]:
    """What the sentence says happens by a date (ends, withdraws, continues: the nearest action
    of the lexicon before it, and the one it completes when it only completes another,
    :func:`summarizer.normalize.lexicon.actions_before`), each when its English glosses a word
    of the quote."""
    at = position(quote, anchor, at)
    actions = actions_before(quote, at) if at >= 0 else []
    return [action for action in actions if not word_problems(action, [quote])]


def outcome_of(
    quote: str, anchor: str, unit: str | None = None, at: int | None = None
) -> list[str]:
    """What happened to the people a value counts, from the word right before it («مقتل 35
    عنصرا»: killed; :func:`summarizer.normalize.lexicon.outcome_before`), when its English
    glosses a word of the quote and the ``unit`` does not say it already."""
    at = position(quote, anchor, at)
    outcome = outcome_before(quote, at, adjacent=True) if at >= 0 else None
    if outcome is None or (unit and synonymous(outcome, unit)):
        return []  # «عدد الإصابات 500»: the count's own noun, what the unit says already
    return [outcome] if not word_problems(outcome, [quote]) else []


def each(quote: str, anchor: str, unit: str | None, at: int | None = None) -> list[str]:
    """What a figure's value is a rate of ("for each prisoner", :func:`summarizer.gloss.each_of`),
    when its English glosses the quote's words; none for a date (``unit`` None)."""
    if unit is None:
        return []
    rate = each_of(quote, anchor, position(quote, anchor, at))
    return [rate] if rate is not None and not word_problems(rate, [quote]) else []


def forecasts(quote: str, anchor: str, at: int | None = None) -> bool:
    """Whether a word of forecast stands before ``anchor`` in its own clause («توقعت الوزارة
    ارتفاع الصادرات إلى 500», «ومن المتوقع أن تنتهي الأشغال بنهاية العام»): the value is
    expected, not counted; the English "expected" glosses that word."""
    at = position(quote, anchor, at)
    if at < 0:
        return False
    before = quote[clause_span(quote, at, at + len(anchor))[0] : at]
    words = [fold(w) for w in re.findall(rf"[{ARABIC_LETTERS}]+", before)]
    said = [w for w in words if w in FORECAST_WORDS or w[1:] in FORECAST_WORDS]
    return bool(said) and not word_problems("expected", said)


def designations(quote: str, anchor: str, at: int | None = None) -> list[str]:
    """The numbered things of ``anchor``'s own clause («الطراز 320»: "model 320"), the value's
    own digits aside (:func:`summarizer.normalize.named.numbered_names`): which of several
    things a value is about."""
    at = position(quote, anchor, at)
    if at < 0:
        return []
    begin, end = clause_span(quote, at, at + len(anchor))
    clause = quote[begin:end]
    own = set(re.findall(r"\d+", anchor))
    found = [f"{n.english} {n.number}" for n in numbered_names(clause) if n.english]
    return [term for term in dict.fromkeys(found) if term.split()[-1] not in own]


def names_around(
    quote: str, anchor: str, at: int | None = None, *, counted: bool = False
) -> tuple[list[str], str]:
    """The English of the places, countries and persons named in ``anchor``'s own clause of
    ``quote`` (once each; for a value, ``counted``, a person named before that clause when
    none is named in it; see :func:`_about_the_value`), and the quote with every name's letters
    blanked (its words are no key words of their own: «الشمالية» of «مقدونيا الشمالية» is not
    "northern", «فهمي» of «نبيل فهمي» not "understanding")."""
    at = position(quote, anchor, at)
    if at < 0:
        return [], quote
    begin, end = clause_span(quote, at, at + len(anchor))
    names: list[str] = []
    found = names_in(quote)
    for named in found:
        inside = begin <= named.start and named.end <= end
        if inside and named.english not in names:
            names.append(named.english)
    people = people_in(quote)
    own = [p for p in people if begin <= p.start and p.end <= end]
    persons = [p for p in own if _about_the_value(quote, at, p)]
    if counted and not own:
        earlier = [p for p in people if p.end <= begin]
        persons = [earlier[-1]] if earlier and _about_the_value(quote, at, earlier[-1]) else []
    for person in persons:
        if person.latin not in names:
            names.append(person.latin)
    return names, without_names(quote, [*found, *people])


_THAT = re.compile(
    rf"(?<![{ARABIC_LETTERS}])(?:[وف]?[إأا]ن|[وف]?[بل]?[أا]ن(?:ه|ها|هم))(?![{ARABIC_LETTERS}])"
)
_SENTENCE_STOP = re.compile(r"[!?؟;؛]|(?<!\d)\.|\.(?!\d)")  # «900.000» is a number
_SPEAKER_REACH = 3  # words before a name in which a verb of saying makes it the speaker


def _about_the_value(quote: str, at: int, person: Person) -> bool:
    """Whether a value at ``at`` may be about a person named in its sentence: not the speaker
    («قال الوزير فلان إن 40 …»: the 40 are not the speaker's), and, named before it, with no
    «أن» or sentence end between (another proposition: «وتحدث الوزير فلان، أن بلاده تستضيف
    900 ألف لاجئ»); a list of values goes on about the person named first («ونال فلان، مرشح
    الحزب، 900.000 صوت، أيضا 9.5%»: the 9.5% are the candidate's)."""
    words = quote[: person.start].split()[-_SPEAKER_REACH:]
    if any(says(word) for word in words):
        return False
    between = quote[person.end : at] if person.end <= at else ""
    return not (_THAT.search(between) or _SENTENCE_STOP.search(between))


def written_with(mention: Mention, source: Source, mentions: list[Mention]) -> str:
    """The mention's words in its quote, with the same value written just before it in digits
    («بمبلغ (2,450,000,000) ألفين وأربعمائة…»): the words about the value stand before both."""
    for other in mentions:
        before = source.start <= other.start and other.end <= mention.start
        if before and other.value == mention.value and other is not mention:
            gap = source.quote[other.end - source.start : mention.start - source.start]
            if not gap.strip(" )("):
                return source.quote[other.start - source.start : mention.end - source.start]
    return mention.text


def dates_in_clause(
    mention: Mention, source: Source, mentions: list[Mention]
) -> tuple[str, ...]:
    """The dates of the value's own clause, as the article writes them («في مارس»: "March";
    a number the quote does not write is left out): when the value was counted."""
    clause = _clause_and_its_time(mention, source)
    # A clause after it that opens with «وذلك» (``back_links``) says from when all before it
    # is counted: «101 ألف و450، بينها 2515 وفاة، وذلك منذ ظهور الوباء في أغسطس 2024».
    own = source.start <= mention.start and mention.end <= source.end
    linked = _back_linked(source.quote, mention.end - source.start) if own else ""
    shown = []
    for other in mentions:
        inside = source.start <= other.start and other.end <= source.end
        if other.kind != "date" or not inside:
            continue
        at = other.start - source.start
        since = counted_since(source.quote, at)
        if other.text not in clause and not (since and other.text in linked):
            continue
        en = date_as_written(other, source.quote)
        if en:
            shown.append(("since " if since else "") + en)
    return tuple(dict.fromkeys(shown))


def date_as_written(mention: Mention, quote: str) -> str:
    """A date mention's English as the article writes it («في مارس»: "March", a month the
    normalizer could not place in a year), without a number that ``quote`` does not write;
    '' for a date it could not resolve."""
    month = month_named(mention.text) if unresolved(mention) else None
    if mention.date is None and month is None:
        return ""
    en = MONTHS_EN[month - 1] if month is not None else mention_words(mention).en
    if not all(number in quote for number in DIGITS.findall(en)):
        en = DIGITS.sub(" ", en).strip(" ,")
    return " ".join(en.split())


def _clause_and_its_time(mention: Mention, source: Source) -> str:
    """The value's own clause, and the clause before it when its own starts with «عندما» or
    «حين» (``when_links``: «مقارنة بشهر يناير 2024، عندما عاد 300»): it is about the time that
    one names."""
    clause = own_clause(mention, source)
    first = re.match(rf"[{ARABIC_LETTERS}]+", clause)
    inside = source.start <= mention.start and mention.end <= source.end
    if not inside or first is None or fold(first.group()) not in WHEN_LINKS:
        return clause
    at = clause_span(source.quote, mention.start - source.start, mention.end - source.start)[0]
    before = source.quote[:at].rstrip(" ،,")
    if not before:
        return clause
    return f"{clause_around(before, len(before) - 1, len(before))} {clause}"


def _back_linked(quote: str, after: int) -> str:
    """The first clause after ``after`` in ``quote`` that opens with a word of ``back_links``
    (its comma before it), or ''."""
    for match in re.finditer(rf"[،,]\s*([{ARABIC_LETTERS}]+)", quote[after:]):
        if fold(match.group(1)) in BACK_LINKS:
            at = after + match.start(1)
            return clause_around(quote, at, at + len(match.group(1)))
    return ""


def unresolved(mention: Mention) -> bool:
    """A date mention the normalizer could not resolve: its English ("date not stated") is no
    fact of the article, so a line that repeats it must pass the word check on its own."""
    return mention.kind == "date" and mention.date is None and mention.unit is None


def own_clause(mention: Mention, source: Source) -> str:
    """The mention's own clause in its quoted sentence (the article's words about it)."""
    if source.start <= mention.start and mention.end <= source.end:
        return clause_around(
            source.quote, mention.start - source.start, mention.end - source.start
        )
    return mention.text


def own_words(pick: Pick, mention: Mention | None) -> str:
    """The article's own clause for a pick: around its mention, or its sentence's start."""
    if mention is not None and pick.start <= mention.start and mention.end <= pick.end:
        at, to = mention.start - pick.start, mention.end - pick.start
        return clause_around(pick.quote, at, to)
    return leading_words(pick.quote)


def leading_words(sentence: str, most: int = 30) -> str:
    """A sentence's first ``most`` words (an ellipsis when it goes on)."""
    words = sentence.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


_DOUBLED = re.compile(r"\b(on|in|by|until|from|before|after|at)\s+(?=(?:on|in|by|until|from"
                      r"|before|after|at least until|no later than|the end of)\b)", re.I)


def tidy(text: str) -> str:
    """Drop a preposition the model wrote before a filled date that brings its own."""
    text = _DOUBLED.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


def mention_words(mention: Mention) -> Bilingual:
    """An event's date as precisely as its text writes it, without a cue."""
    how = {"part": mention.part, "written": mention.written, "coming": mention.coming}
    return Bilingual(
        en=shown_date(mention.date, "en", **how), ar=shown_date(mention.date, "ar", **how)
    )


def strip_en_date(text: str) -> str:
    cleaned = _EN_DATE.sub(" ", text)
    cleaned = re.sub(r"\s+([,.;:])", r"\1", cleaned)
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,;:-") or text.strip()


def strip_ar_date(text: str) -> str:
    cleaned = re.sub(r"\s{2,}", " ", _AR_DATE_WORDS.sub(" ", text)).strip(" ،,:-")
    return cleaned or text.strip()


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
