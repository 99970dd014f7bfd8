"""The compose step: the model's picks become facts whose dates and values come from the
normalizer.

The model only says what a mention is about; the date, the value, the unit and the hedge come
from the mention, and the English and Arabic lines are composed here, so a model-written month
never reaches the brief.
"""

from __future__ import annotations

from summarizer.compose.lines import (
    DIGITS,
    Line,
    capital,
    dates_in_clause,
    key_words,
    mention_words,
    own_clause,
    place_of,
    strip_ar_date,
    strip_en_date,
    written_with,
)
from summarizer.compose.statements import with_statements
from summarizer.faithful import (
    PLACEHOLDER,
)
from summarizer.models import (
    ArticleFacts,
    Bilingual,
    CleanArticle,
    Deadline,
    Event,
    Extraction,
    Figure,
    Mention,
    Source,
)
from summarizer.normalize.formatting import (
    amount_en,
    default_qualifier,
    mention_when,
)
from summarizer.support import denial_in


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
        line = Line.of(pick, by_id)
        place = place_of(pick, mention)
        if pick.kind == "deadline" and mention is not None and mention.date is not None:
            deadline = _deadline(mention, line, place, source)
            facts.deadlines.extend([deadline] if deadline is not None else [])
        elif pick.kind == "figure" and mention is not None and mention.value is not None:
            dates = dates_in_clause(mention, source, mentions)
            anchor = written_with(mention, source, mentions)
            figure = _figure(mention, line, place, source, published, dates, anchor)
            facts.figures.extend([figure] if figure is not None else [])
        elif pick.kind == "event":
            dated = mention if mention is not None and mention.kind == "date" else None
            event = _event(dated, line, source)
            if event is not None:
                facts.events.append(event)
    facts.events = with_statements(clean, mentions, published, facts.events)
    return facts


def _deadline(
    mention: Mention, line: Line, place: str | None, source: Source
) -> Deadline | None:
    qualifier = mention.qualifier or default_qualifier(mention.date, mention.part, mention.coming)
    when_en = mention_when(mention, "en", qualifier)
    when_ar = mention_when(mention, "ar", qualifier)
    if line.translated:
        en = line.en
        subject = strip_en_date(PLACEHOLDER.sub(" ", line.en))
    else:
        subject = strip_en_date(line.en)
        en = f"{capital(subject)} {when_en}"
    if not line.faithful(source.quote, None, mention.date):
        if denial_in(own_clause(mention, source)):
            return None  # a plain line cannot say that its clause denies it: say nothing
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or place or "deadline"
        said = key_words(terms, mention.text, source, place, at=mention.start - source.start)
        if not said and place is None:
            return None  # a bare date ("In 2030") says nothing of what falls on it
        en = (f"{place}: {when_en}" if place else capital(when_en)) + said
    # The article's own clause already says the date in its words; otherwise compose it.
    ar = line.ar if mention.text in line.ar else f"{strip_ar_date(line.ar)} {when_ar}"
    return Deadline(
        date=mention.date,
        qualifier=qualifier,
        subject=subject,
        subject_ar=line.ar if line.translated else own_clause(mention, source),
        place=place,
        text=Bilingual(en=capital(en), ar=ar),
        when=Bilingual(en=when_en, ar=when_ar),
        sources=[source.model_copy(update={"qualifier": qualifier})],
    )


def _figure(
    mention: Mention,
    line: Line,
    place: str | None,
    source: Source,
    published: str | None,
    dates: tuple[str, ...] = (),
    anchor: str | None = None,
) -> Figure | None:
    value = mention.value if mention.value is not None else 0.0
    amount = amount_en(mention)
    words = anchor or mention.text  # they end where the mention ends
    at = mention.end - source.start - len(words)
    if line.translated:  # the model's checked label leads the key words of the plain line
        subject = DIGITS.sub("", strip_en_date(line.phrase)).strip(" :,-")
        en = (f"{place}: {amount}" if place else amount) + key_words(
            [line.phrase], words, source, place, dates, mention.unit, at
        )
    else:
        subject = DIGITS.sub("", strip_en_date(line.en)).strip(" :,-")
        en = f"{capital(subject)}: {amount}"
    if not subject or not line.faithful(source.quote, value, None):
        if denial_in(own_clause(mention, source)):
            return None  # «نفت الوزارة مقتل 5»: a plain "5 people" would state what is denied
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or mention.unit or "figure"
        en = (f"{place}: {amount}" if place else amount) + key_words(
            terms, words, source, place, dates, mention.unit, at
        )
    ar = (
        line.ar
        if mention.text in line.ar
        else f"{strip_ar_date(line.ar).rstrip(' :،')}: {mention.text}"
    )
    return Figure(
        value=value,
        value_max=mention.value_max,
        unit=mention.unit,
        approx=mention.approx,
        as_of=published,
        subject=subject,
        subject_ar=own_clause(mention, source),  # a label translates no clause
        place=place,
        text=Bilingual(en=capital(en), ar=ar),
        sources=[source.model_copy(update={"approx": mention.approx})],
    )


def _event(mention: Mention | None, line: Line, source: Source) -> Event | None:
    date = mention.date if mention is not None else None
    if not line.faithful(source.quote, None, date):
        return None  # an event is only its words: with no faithful English, say nothing
    subject = strip_en_date(PLACEHOLDER.sub(" ", line.en))
    return Event(
        date=date,
        subject=subject,
        text=Bilingual(en=capital(line.en), ar=line.ar),
        when=mention_words(mention) if mention is not None and date is not None else None,
        sources=[source],
    )
