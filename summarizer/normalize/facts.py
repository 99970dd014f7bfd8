"""Step 4b: turn the model's picks into facts whose dates and values come from the normalizer.

The model only says what a mention is about; the date, the value, the unit and the hedge come
from the mention, and the English and Arabic lines are composed here, so a model-written month
never reaches the brief.
"""

from __future__ import annotations

import re

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
    MONTHS_EN,
    format_approx,
    format_date,
    format_number,
    format_qualifier,
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
    """Compose the article's deadlines, figures and events from picks and normalizer mentions."""
    by_id = {m.id: m for m in mentions}
    facts = ArticleFacts(article_id=clean.article.id)
    for pick in extraction.picks:
        mention = by_id.get(pick.mention_id) if pick.mention_id else None
        source = Source(
            article_id=clean.article.id, quote=pick.quote, start=pick.start, end=pick.end
        )
        what_en, what_ar, place = pick.what_en, pick.what_ar, pick.place_en
        if pick.kind == "deadline" and mention is not None and mention.kind == "date":
            facts.deadlines.append(_deadline(mention, what_en, what_ar, place, source))
        elif pick.kind == "figure" and mention is not None and mention.value is not None:
            facts.figures.append(_figure(mention, what_en, what_ar, place, source, published))
        elif pick.kind == "event":
            date = mention.date if mention is not None and mention.kind == "date" else None
            facts.events.append(_event(date, what_en, what_ar, source))
    return facts


def _deadline(
    mention: Mention, what_en: str, what_ar: str, place: str | None, source: Source
) -> Deadline:
    qualifier = mention.qualifier or ("in" if mention.date and len(mention.date) < 10 else "on")
    subject = _strip_en_date(what_en)
    when_en = f"{format_qualifier(qualifier, 'en')} {format_date(mention.date, 'en')}"
    when_ar = f"{format_qualifier(qualifier, 'ar')} {format_date(mention.date, 'ar')}"
    en = f"{_capital(subject)} {when_en}"
    # The article's own clause already says the date in its words; otherwise compose it.
    ar = what_ar if mention.text in what_ar else f"{_strip_ar_date(what_ar)} {when_ar}"
    return Deadline(
        date=mention.date,
        qualifier=qualifier,
        subject=subject,
        place=place,
        text=Bilingual(en=en, ar=ar),
        sources=[source.model_copy(update={"qualifier": qualifier})],
    )


def _figure(
    mention: Mention,
    what_en: str,
    what_ar: str,
    place: str | None,
    source: Source,
    published: str | None,
) -> Figure:
    value = mention.value if mention.value is not None else 0.0
    subject = _DIGITS.sub("", _strip_en_date(what_en)).strip(" :,-") or (mention.unit or "figure")
    amount = _amount_en(mention)
    en = f"{_capital(subject)}: {amount}"
    ar = (
        what_ar
        if mention.text in what_ar
        else f"{_strip_ar_date(what_ar).rstrip(' :،')}: {mention.text}"
    )
    return Figure(
        value=value,
        value_max=mention.value_max,
        unit=mention.unit,
        approx=mention.approx,
        as_of=published,
        subject=subject,
        place=place,
        text=Bilingual(en=en, ar=ar),
        sources=[source.model_copy(update={"approx": mention.approx})],
    )


def _amount_en(mention: Mention) -> str:
    value = format_number(mention.value or 0.0, "en")
    if mention.value_max is not None:
        value = f"{value}–{format_number(mention.value_max, 'en')}"
    parts = [format_approx(mention.approx, "en"), value, mention.unit or ""]
    return " ".join(p for p in parts if p)


def _event(date: str | None, what_en: str, what_ar: str, source: Source) -> Event:
    subject = _strip_en_date(what_en)
    return Event(
        date=date,
        subject=subject,
        text=Bilingual(en=_capital(subject), ar=what_ar.strip()),
        sources=[source],
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
