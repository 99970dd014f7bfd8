"""Step 4b: turn the model's picks into facts whose dates and values come from the normalizer.

The model only says what a mention is about; the date, the value, the unit and the hedge come
from the mention, and the English and Arabic lines are composed here, so a model-written month
never reaches the brief.
"""

from __future__ import annotations

import re

from summarizer.clean import clause_around
from summarizer.faithful import (
    PLACEHOLDER,
    arabic_in_source,
    faithfulness_problems,
    placeholders_in,
)
from summarizer.gloss import terms_near
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
from summarizer.normalize.formatting import (
    MONTHS_EN,
    amount_en,
    default_qualifier,
    mention_shown_en,
    mention_when,
    shown_date,
)

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
        if pick.kind == "deadline" and mention is not None and mention.date is not None:
            facts.deadlines.append(_deadline(mention, line, pick.place_en, source))
        elif pick.kind == "figure" and mention is not None and mention.value is not None:
            facts.figures.append(_figure(mention, line, pick.place_en, source, published))
        elif pick.kind == "event":
            dated = mention if mention is not None and mention.kind == "date" else None
            event = _event(dated, line, source)
            if event is not None:
                facts.events.append(event)
    return facts


class _Line:
    """A pick's English and Arabic, and whether the English is a grounded translation (its
    placeholders filled with the normalizer's words) or a model-written description."""

    def __init__(self, en: str, ar: str, translated: bool, given: str = "") -> None:
        self.en = en
        self.ar = ar
        self.translated = translated
        self.given = given  # the normalizer's English words filled into the placeholders

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
        return cls(en, pick.what_ar.strip(), True, given)

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


def _unresolved(mention: Mention) -> bool:
    """A date mention the normalizer could not resolve: its English ("date not stated") is no
    fact of the article, so a line that repeats it must pass the word check on its own."""
    return mention.kind == "date" and mention.date is None and mention.unit is None


def _listed(terms: list[str]) -> str:
    """Checked key words after a plain line, in parentheses (nothing when there are none)."""
    return f" ({', '.join(terms)})" if terms else ""


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
    words = pick.quote.split()
    return " ".join(words[:30]) + ("…" if len(words) > 30 else "")


_DOUBLED = re.compile(r"\b(on|in|by|until|from|before|after|at)\s+(?=(?:on|in|by|until|from"
                      r"|before|after|at least until|no later than|the end of)\b)", re.I)


def _tidy(text: str) -> str:
    """Drop a preposition the model wrote before a filled date that brings its own."""
    text = _DOUBLED.sub("", text)
    return re.sub(r"\s{2,}", " ", text).strip(" ,;")


def _deadline(mention: Mention, line: _Line, place: str | None, source: Source) -> Deadline:
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
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or place or "deadline"
        en = (f"{place}: {when_en}" if place else _capital(when_en)) + _listed(terms)
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
) -> Figure:
    value = mention.value if mention.value is not None else 0.0
    amount = amount_en(mention)
    if line.translated:
        en = line.en
        subject = _DIGITS.sub("", _strip_en_date(PLACEHOLDER.sub(" ", line.en))).strip(" :,-")
    else:
        subject = _DIGITS.sub("", _strip_en_date(line.en)).strip(" :,-")
        en = f"{_capital(subject)}: {amount}"
    if not subject or not line.faithful(source.quote, value, None):
        terms = line.terms_near(mention, source)
        subject = " ".join(terms) or mention.unit or "figure"
        en = (f"{place}: {amount}" if place else amount) + _listed(terms)
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
        subject_ar=line.ar if line.translated else _own_clause(mention, source),
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
