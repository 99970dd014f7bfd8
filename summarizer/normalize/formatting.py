"""Human-readable dates and numbers in English and Arabic, from normalized values."""

from __future__ import annotations

from typing import Literal

from summarizer.models import Mention
from summarizer.normalize.timeline import iso_date
from summarizer.normalize.written import written_words

Lang = Literal["en", "ar"]

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# Levantine name / Egyptian-Gulf name: the doubled form is understood everywhere.
MONTHS_AR = (
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
)


def format_date(iso: str | None, lang: Lang) -> str:
    """Return an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in words, no more precise than given.

    Never raises: a time part is ignored, and a value that is not a real date (``2025-13-45``,
    markup) keeps only its valid part (``2025``) or reads "date not stated".
    """
    value = _valid_prefix(iso)
    if value is None:
        return "date not stated" if lang == "en" else "تاريخ غير محدد"
    parts = value.split("-")
    year = parts[0]
    if len(parts) == 1:
        return year
    month = int(parts[1])
    name = MONTHS_EN[month - 1] if lang == "en" else MONTHS_AR[month - 1]
    if len(parts) == 2:
        return f"{name} {year}"
    day = int(parts[2])
    return f"{day} {name} {year}"


def _valid_prefix(iso: str | None) -> str | None:
    """The longest real date among YYYY-MM-DD, YYYY-MM and YYYY at the start of ``iso``."""
    if not isinstance(iso, str):
        return None
    head = iso.strip()[:10]
    for size in (10, 7, 4):
        value = iso_date(head[:size])
        if value is not None and len(value) == size:
            return value
    return None


def format_number(value: float, lang: Lang = "en") -> str:
    """Return a number with thousands separators and no spurious decimals."""
    text = (
        f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")
    )
    return text if lang == "en" else text.replace(",", "٬").replace(".", "٫")


APPROX_EN = {
    "exact": "",
    "about": "about",
    "more than": "more than",
    "less than": "less than",
    "at least": "at least",
    "at most": "at most",
    "range": "",
}
APPROX_AR = {
    "exact": "",
    "about": "نحو",
    "more than": "أكثر من",
    "less than": "أقل من",
    "at least": "ما لا يقل عن",
    "at most": "ما لا يزيد عن",
    "range": "",
}
QUALIFIER_AR = {
    "by": "بحلول",
    "by the end of": "بنهاية",
    "until": "حتى",
    "at least until": "حتى (على الأقل)",
    "no later than": "في موعد أقصاه",
    "no later than the end of": "في موعد أقصاه نهاية",
    "before": "قبل",
    "after": "بعد",
    "from": "اعتباراً من",
    "within": "خلال",
    "on": "في",
    "in": "في",
    "at": "في",
}


def format_approx(approx: str | None, lang: Lang) -> str:
    """Return the hedge word for an approximation kind ('' for exact)."""
    table = APPROX_EN if lang == "en" else APPROX_AR
    return table.get(approx or "exact", approx or "")


def format_qualifier(qualifier: str | None, lang: Lang) -> str:
    """Return a deadline cue ('by', 'until', ...) in the requested language."""
    q = qualifier or "by"
    return q if lang == "en" else QUALIFIER_AR.get(q, "بحلول")


def amount_en(mention: Mention) -> str:
    """A number mention in English words: its hedge, value (or range) and unit."""
    value = format_number(mention.value or 0.0, "en")
    if mention.value_max is not None:
        value = f"{value}–{format_number(mention.value_max, 'en')}"
    parts = [format_approx(mention.approx, "en"), value, mention.unit or ""]
    return " ".join(p for p in parts if p)


def mention_en(mention: Mention) -> str:
    """A mention in English words, from the normalizer: «بحلول آذار 2031» → by March 2031."""
    if mention.kind == "date":
        if mention.value is not None and mention.unit:
            return f"{format_number(mention.value, 'en')} {mention.unit} ago"
        when = format_date(mention.date, "en")
        return f"{mention.qualifier} {when}" if mention.qualifier else when
    return amount_en(mention)


def shown_date(
    iso: str | None,
    lang: Lang,
    *,
    part: str | None = None,
    written: str | None = None,
    coming: str | None = None,
) -> str:
    """A date in words as precisely as its article writes it, without a cue.

    ``written`` replaces the ISO value when the text says less («بنهاية 2026» is normalized to
    2026-12 but written as 2026); ``part`` names a part of the period (mid-September 2025,
    early 2026, the end of September 2026); ``coming`` the coming days, weeks or months.
    """
    words = written_words()
    if coming is not None and coming in words.coming_en:
        return words.coming_en[coming] if lang == "en" else words.coming_ar[coming]
    when = format_date(written or iso, lang)
    if part is None or part not in words.part_en or _valid_prefix(written or iso) is None:
        return when
    if lang == "en":
        return words.part_en[part].format(when=when)
    return f"{words.part_ar[part]} {when}"


def default_qualifier(iso: str | None, part: str | None, coming: str | None) -> str:
    """The cue a date takes when its text gives none: on a day, at the end of a period,
    in anything else (a month, a year, a part of one, the coming weeks)."""
    if part == "end":
        return "at"
    if coming is None and iso is not None and len(iso) >= 10:
        return "on"
    return "in"


def shown_when(
    iso: str | None,
    qualifier: str | None,
    lang: Lang,
    *,
    part: str | None = None,
    written: str | None = None,
    coming: str | None = None,
) -> str:
    """A deadline's cue and date as precisely as written: "by the end of 2026" (not "by the end
    of December 2026"), "by mid-September 2025", "in the coming weeks", «بنهاية 2026»."""
    cue = qualifier or default_qualifier(iso, part, coming)
    when = shown_date(iso, lang, part=part, written=written, coming=coming)
    if cue.endswith("the end of") and part == "end":
        when = shown_date(iso, lang, written=written, coming=coming)
    return f"{format_qualifier(cue, lang)} {when}"


def mention_when(mention: Mention, lang: Lang, qualifier: str | None = None) -> str:
    """A date mention's cue and date as precisely as its text writes them."""
    return shown_when(
        mention.date,
        qualifier or mention.qualifier,
        lang,
        part=mention.part,
        written=mention.written,
        coming=mention.coming,
    )


def mention_shown_en(mention: Mention) -> str:
    """Like :func:`mention_en`, but dates as precisely as written («بحلول منتصف أيلول 2025» →
    by mid-September 2025): the words the brief shows, where ``mention_en`` gives the model
    the normalized value."""
    if mention.kind != "date" or (mention.value is not None and mention.unit):
        return mention_en(mention)
    if mention.qualifier is None:
        return shown_date(
            mention.date, "en", part=mention.part, written=mention.written, coming=mention.coming
        )
    return mention_when(mention, "en")
