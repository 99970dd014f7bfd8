"""Step 4b: turn the model's picks into facts whose dates and values come from the normalizer.

The model only says what a mention is about; the date, the value, the unit and the hedge come
from the mention, and the English and Arabic lines are composed here, so a model-written month
never reaches the brief.
"""

from __future__ import annotations

import re

from summarizer.attribution import Statement, statement
from summarizer.clean import clause_around, split_sentences
from summarizer.faithful import (
    PLACEHOLDER,
    arabic_in_source,
    faithfulness_problems,
    placeholders_in,
)
from summarizer.gloss import english_stem, literal_terms, terms_near
from summarizer.models import (
    ArticleFacts,
    Bilingual,
    CleanArticle,
    Deadline,
    Event,
    Extraction,
    Figure,
    Mention,
    Pick,
    Source,
)
from summarizer.names import QuoteWords, unsupported_names
from summarizer.normalize.formatting import (
    MONTHS_EN,
    amount_en,
    default_qualifier,
    mention_shown_en,
    mention_when,
    shown_date,
)
from summarizer.normalize.lexicon import place_near
from summarizer.support import denial_in

_MONTHS = "|".join(MONTHS_EN + tuple(m[:3] for m in MONTHS_EN))
# A date written by the model in English ("by the end of September 2025", "in 2026", "on 27 Sep").
_EN_DATE = re.compile(
    rf"\b(?:(?:by|until|till|before|after|on|in|from|no later than|at least until)\s+)?"
    rf"(?:the\s+end\s+of\s+)?(?:\d{{1,2}}\s+)?\b(?:{_MONTHS})\b\.?"
    rf"(?:\s*\d{{4}}\b|\s*\d{{1,2}}\b(?:,?\s*\d{{4}}\b)?)?"
    rf"|\b(?:(?:by|until|in|since|before)\s+)?(?:19|20)\d{{2}}\b",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"(?<![\w-])[\d.,]*\d[\d.,]*(?![\w-])")
_AR_DATE_WORDS = re.compile(
    r"(?:في\s+موعد\s+أقصاه|بحلول|حتى|بنهاية|نهاية|قبل|بعد|في)?\s*"
    r"(?:\d{1,2}\s+)?(?:كانون\s+الثاني|كانون\s+الأول|تشرين\s+الأول|تشرين\s+الثاني|شباط|آذار|نيسان"
    r"|أيار|حزيران|تموز|آب|أيلول|يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر"
    r"|أكتوبر|نوفمبر|ديسمبر)(?:\s*/\s*\S+)?\s*(?:عام\s*)?[\d٠-٩]{0,4}"
    r"|(?:عام\s*)?(?:19|20|١٩|٢٠)[\d٠-٩]{2}"
)


def facts_from_picks(
    clean: CleanArticle,
    extraction: Extraction,
    mentions: list[Mention],
    published: str | None,
) -> ArticleFacts:
    """Compose the article's deadlines, figures and events from picks and normalizer mentions.

    Every English line is checked against its source (:mod:`summarizer.faithful`); a line that
    fails becomes a plain one built from what is certain (place, date, value, unit), and an
    event that fails is left out. The Arabic line is the article's own words.
    """
    by_id = {m.id: m for m in mentions}
    facts = ArticleFacts(article_id=clean.article.id)
    for pick in extraction.picks:
        mention = by_id.get(pick.mention_id) if pick.mention_id else None
        source = Source(
            article_id=clean.article.id, quote=pick.quote, start=pick.start, end=pick.end
        )
        line = _Line.of(pick, by_id)
        place = _place_of(pick, mention)
        if pick.kind == "deadline" and mention is not None and mention.date is not None:
            deadline = _deadline(mention, line, place, source)
            facts.deadlines.extend([deadline] if deadline is not None else [])
        elif pick.kind == "figure" and mention is not None and mention.value is not None:
            dates = _dates_in_clause(mention, source, mentions)
            anchor = _written_with(mention, source, mentions)
            figure = _figure(mention, line, place, source, published, dates, anchor)
            facts.figures.extend([figure] if figure is not None else [])
        elif pick.kind == "event":
            dated = mention if mention is not None and mention.kind == "date" else None
            event = _event(dated, line, source)
            if event is not None:
                facts.events.append(event)
    facts.events = _with_statements(clean, mentions, published, facts.events)
    return facts


def _with_statements(
    clean: CleanArticle, mentions: list[Mention], published: str | None, events: list[Event]
) -> list[Event]:
    """The events, with events by rule for the sentences in which a known subject states or
    does something in the perfect («أعلنت وزارة المالية …», «قررت الحكومة …»,
    :func:`summarizer.attribution.statement`): the plain line of an event, what is certain —
    who, the verb (from tables) and the date that stands with them — beside the article's own
    clause; what was said is not guessed (its words may be names the lexicon reads as common
    words). A sentence's model-written event that does not name that subject ("Schools", for
    «قررت الحكومة إغلاق المدارس») gives way to the rule's line, which does."""
    kept = list(events)
    for start, end in split_sentences(clean.text):
        sentence = clean.text[start:end]
        said = statement(sentence)
        if said is None:
            continue
        here = [e for e in kept if any(start < s.end and s.start < end for s in e.sources)]
        subject = (said.speaker.en or "").lower().removeprefix("the ")
        if any(subject in event.text.en.lower() for event in here):
            continue
        event = _statement_event(clean, mentions, published, said, (start, end))
        # A model event dated otherwise keeps its date: the rule's line would lose it.
        if event is not None and all(e.date in (None, event.date) for e in here):
            kept = [e for e in kept if e not in here] + [event]
    return kept


def _statement_event(
    clean: CleanArticle,
    mentions: list[Mention],
    published: str | None,
    said: Statement,
    span: tuple[int, int],
) -> Event | None:
    start, end = span
    sentence = clean.text[start:end]
    en = f"{_capital(said.speaker.en or '')} {said.verb_en}"
    dated = _statement_date(start, said, mentions, published, clean.text)
    date = dated.date if dated is not None else None
    given = f"{said.speaker.en} {said.verb_en}"
    if faithfulness_problems(en, sentence, [sentence], date=date, given=given):
        return None
    source = Source(article_id=clean.article.id, quote=sentence, start=start, end=end)
    return Event(
        date=date,
        subject=en,
        text=Bilingual(en=en, ar=_leading_words(sentence)),
        when=_shown(dated) if dated is not None else None,
        said_by=said.speaker if said.reports else None,
        sources=[source],
    )


def _statement_date(
    start: int, said: Statement, mentions: list[Mention], published: str | None, text: str
) -> Mention | None:
    """When the statement was made: a resolved date, not after the publication date, that
    stands with its verb and speaker («أعلنت الوزارة، اليوم الثلاثاء، …») — within a few words
    after the speaker and before what was said («أن», «إن»): a date inside what was said
    («… أن المهمة تنتهي في أيلول») dates that, not the statement."""
    limit = start + said.end
    tail = text[limit:]
    said_from = _WHAT_WAS_SAID.search(tail)
    reach = limit + min(said_from.start() if said_from else len(tail), _STATEMENT_REACH)
    for mention in mentions:
        if not start <= mention.start < reach or mention.kind != "date" or not mention.date:
            continue
        if published is None or mention.date <= published[: len(mention.date)]:
            return mention
    return None


# What a speaker says starts at «أن»/«إن» (with a clitic); a statement's date stands before it.
_WHAT_WAS_SAID = re.compile(r"(?<![\u0621-\u064A])[وف]?[بل]?[أإا]ن(?![\u0621-\u064A])")
_STATEMENT_REACH = 40  # characters after the speaker in which its date may stand


_LABELLED_VALUE = re.compile(r"\s*:\s*\[M\d+\]\s*$")  # «Price of diesel: [M4]»


class _Line:
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
    def of(cls, pick: Pick, by_id: dict[str, Mention]) -> _Line:
        if not placeholders_in(pick.what_en):
            ar = pick.what_ar.strip()
            if not arabic_in_source(ar, pick.quote):  # a model's Arabic the quote does not hold
                ar = _own_words(pick, by_id.get(pick.mention_id or ""))
            return cls(pick.what_en.strip(), ar, False)
        def fill(match: re.Match[str]) -> str:
            mention = by_id.get(match.group(1))
            return mention_shown_en(mention) if mention is not None else ""

        en = _tidy(PLACEHOLDER.sub(fill, pick.what_en))
        given = " ".join(
            mention_shown_en(by_id[i])
            for i in placeholders_in(pick.what_en)
            if i in by_id and not _unresolved(by_id[i])
        )
        phrase = _tidy(PLACEHOLDER.sub(fill, _LABELLED_VALUE.sub("", pick.what_en)))
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
        arabic = self.ar if self.translated and mention.text in self.ar else source.quote
        return terms_near(self.en, arabic, mention.text, given=self.given)


def _place_of(pick: Pick, mention: Mention | None) -> str | None:
    """Where the item is: the pick's place when its quote names it (a model may name a place
    the article does not), else the place the quote's own words give around the mention."""
    if pick.place_en and not unsupported_names(pick.place_en, QuoteWords.of([pick.quote])):
        return pick.place_en
    if mention is not None and pick.start <= mention.start and mention.end <= pick.end:
        return place_near(pick.quote, mention.start - pick.start, mention.end - pick.start)
    return None


_MOST_TERMS = 5  # key words of a plain line, besides its dates


def _key_words(
    chosen: list[str],
    anchor: str,
    source: Source,
    place: str | None,
    dates: tuple[str, ...] = (),
) -> str:
    """Key words after a plain line, in parentheses: the model's checked words (``chosen``),
    then the lexicon's plainest English of the Arabic words next to the mention's words
    (``anchor``, :func:`summarizer.gloss.literal_terms`), what the value counts in the article's
    words, none that repeats the place or another key word; then the ``dates`` of its clause."""
    terms: list[str] = []
    known = {english_stem(word) for word in (place or "").split()}
    for term in chosen + literal_terms(source.quote, anchor):
        stems = {english_stem(word) for word in term.split()}
        if not stems & known or (term in chosen and stems - known):
            terms.append(term)
            known |= stems
    listed = terms[:_MOST_TERMS] + [date for date in dates if date not in terms]
    return f" ({', '.join(listed)})" if listed else ""


def _written_with(mention: Mention, source: Source, mentions: list[Mention]) -> str:
    """The mention's words in its quote, with the same value written just before it in digits
    («بمبلغ (2,450,000,000) ألفين وأربعمائة…»): the words about the value stand before both."""
    for other in mentions:
        before = source.start <= other.start and other.end <= mention.start
        if before and other.value == mention.value and other is not mention:
            gap = source.quote[other.end - source.start : mention.start - source.start]
            if not gap.strip(" )("):
                return source.quote[other.start - source.start : mention.end - source.start]
    return mention.text


def _dates_in_clause(
    mention: Mention, source: Source, mentions: list[Mention]
) -> tuple[str, ...]:
    """The dates of the value's own clause, as the article writes them («في مارس»: "March";
    a number the quote does not write is left out): when the value was counted."""
    clause = _own_clause(mention, source)
    shown = []
    for other in mentions:
        inside = source.start <= other.start and other.end <= source.end
        if other.kind != "date" or other.date is None or not inside or other.text not in clause:
            continue
        en = _shown(other).en
        if not all(number in source.quote for number in _DIGITS.findall(en)):
            en = _DIGITS.sub(" ", en).strip(" ,")
        if en:
            shown.append(" ".join(en.split()))
    return tuple(dict.fromkeys(shown))


def _unresolved(mention: Mention) -> bool:
    """A date mention the normalizer could not resolve: its English ("date not stated") is no
    fact of the article, so a line that repeats it must pass the word check on its own."""
    return mention.kind == "date" and mention.date is None and mention.unit is None


def _own_clause(mention: Mention, source: Source) -> str:
    """The mention's own clause in its quoted sentence (the article's words about it)."""
    if source.start <= mention.start and mention.end <= source.end:
        return clause_around(
            source.quote, mention.start - source.start, mention.end - source.start
        )
    return mention.text


def _own_words(pick: Pick, mention: Mention | None) -> str:
    """The article's own clause for a pick: around its mention, or its sentence's start."""
    if mention is not None and pick.start <= mention.start and mention.end <= pick.end:
        at, to = mention.start - pick.start, mention.end - pick.start
        return clause_around(pick.quote, at, to)
    return _leading_words(pick.quote)


def _leading_words(sentence: str, most: int = 30) -> str:
    """A sentence's first ``most`` words (an ellipsis when it goes on)."""
    words = sentence.split()
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


_DOUBLED = re.compile(r"\b(on|in|by|until|from|before|after|at)\s+(?=(?:on|in|by|until|from"
                      r"|before|after|at least until|no later than|the end of)\b)", re.I)


def _tidy(text: str) -> str:
    """Drop a preposition the model wrote before a filled date that brings its own."""
    text = _DOUBLED.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


def _deadline(
    mention: Mention, line: _Line, place: str | None, source: Source
) -> Deadline | None:
    qualifier = mention.qualifier or default_qualifier(mention.date, mention.part, mention.coming)
    when_en = mention_when(mention, "en", qualifier)
    when_ar = mention_when(mention, "ar", qualifier)
    if line.translated:
        en = line.en
        subject = _strip_en_date(PLACEHOLDER.sub(" ", line.en))
    else:
        subject = _strip_en_date(line.en)
        en = f"{_capital(subject)} {when_en}"
    if not line.faithful(source.quote, None, mention.date):
        if denial_in(_own_clause(mention, source)):
            return None  # a plain line cannot say that its clause denies it: say nothing
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or place or "deadline"
        en = (f"{place}: {when_en}" if place else _capital(when_en)) + _key_words(
            terms, mention.text, source, place
        )
    # The article's own clause already says the date in its words; otherwise compose it.
    ar = line.ar if mention.text in line.ar else f"{_strip_ar_date(line.ar)} {when_ar}"
    return Deadline(
        date=mention.date,
        qualifier=qualifier,
        subject=subject,
        subject_ar=line.ar if line.translated else _own_clause(mention, source),
        place=place,
        text=Bilingual(en=_capital(en), ar=ar),
        when=Bilingual(en=when_en, ar=when_ar),
        sources=[source.model_copy(update={"qualifier": qualifier})],
    )


def _figure(
    mention: Mention,
    line: _Line,
    place: str | None,
    source: Source,
    published: str | None,
    dates: tuple[str, ...] = (),
    anchor: str | None = None,
) -> Figure | None:
    value = mention.value if mention.value is not None else 0.0
    amount = amount_en(mention)
    if line.translated:  # the model's checked label leads the key words of the plain line
        subject = _DIGITS.sub("", _strip_en_date(line.phrase)).strip(" :,-")
        en = (f"{place}: {amount}" if place else amount) + _key_words(
            [line.phrase], anchor or mention.text, source, place, dates
        )
    else:
        subject = _DIGITS.sub("", _strip_en_date(line.en)).strip(" :,-")
        en = f"{_capital(subject)}: {amount}"
    if not subject or not line.faithful(source.quote, value, None):
        if denial_in(_own_clause(mention, source)):
            return None  # «نفت الوزارة مقتل 5»: a plain "5 people" would state what is denied
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or mention.unit or "figure"
        en = (f"{place}: {amount}" if place else amount) + _key_words(
            terms, anchor or mention.text, source, place, dates
        )
    ar = (
        line.ar
        if mention.text in line.ar
        else f"{_strip_ar_date(line.ar).rstrip(' :،')}: {mention.text}"
    )
    return Figure(
        value=value,
        value_max=mention.value_max,
        unit=mention.unit,
        approx=mention.approx,
        as_of=published,
        subject=subject,
        subject_ar=_own_clause(mention, source),  # a label translates no clause
        place=place,
        text=Bilingual(en=_capital(en), ar=ar),
        sources=[source.model_copy(update={"approx": mention.approx})],
    )


def _event(mention: Mention | None, line: _Line, source: Source) -> Event | None:
    date = mention.date if mention is not None else None
    if not line.faithful(source.quote, None, date):
        return None  # an event is only its words: with no faithful English, say nothing
    subject = _strip_en_date(PLACEHOLDER.sub(" ", line.en))
    return Event(
        date=date,
        subject=subject,
        text=Bilingual(en=_capital(line.en), ar=line.ar),
        when=_shown(mention) if mention is not None and date is not None else None,
        sources=[source],
    )


def _shown(mention: Mention) -> Bilingual:
    """An event's date as precisely as its text writes it, without a cue."""
    how = {"part": mention.part, "written": mention.written, "coming": mention.coming}
    return Bilingual(
        en=shown_date(mention.date, "en", **how), ar=shown_date(mention.date, "ar", **how)
    )


def _strip_en_date(text: str) -> str:
    cleaned = _EN_DATE.sub(" ", text)
    cleaned = re.sub(r"\s+([,.;:])", r"\1", cleaned)
    return re.sub(r"\s{2,}", " ", cleaned).strip(" ,;:-") or text.strip()


def _strip_ar_date(text: str) -> str:
    cleaned = re.sub(r"\s{2,}", " ", _AR_DATE_WORDS.sub(" ", text)).strip(" ،,:-")
    return cleaned or text.strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
