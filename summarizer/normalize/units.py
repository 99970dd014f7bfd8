"""The unit after a figure («جندي», «من الضباط», «كيلومتر مربع») and digits that are no figure."""

from __future__ import annotations

from dataclasses import replace

from summarizer.normalize.context import Ctx, Hit, index_phrases
from summarizer.normalize.named import country_of_adjective
from summarizer.normalize.vocab import (
    AFTER_BLOCKERS,
    CURRENCY_ADJECTIVES,
    DISEASE_WORDS,
    EACH_WORDS,
    GLUED_UNITS,
    HIJRI_MONTHS,
    PERCENT_WORDS,
    REFERENCE_FILLERS,
    REFERENCE_WORDS,
    SQUARE_WORDS,
    TIME_UNITS,
    UNIT_NOUNS,
    fold,
    lookup,
    stems,
)

_PERCENT = index_phrases(PERCENT_WORDS)
_MIN = fold("من")
_ARTICLE = "ال"
_GLUE_PREFIXES = frozenset(("ال", "و", "ب", "ل", "ف", "ك", "وال", "بال", "لل", "فال", "كال"))
_REFERENCES = dict.fromkeys(REFERENCE_WORDS, True)
_COUNT_WORDS = {fold("عدد"): True, fold("إجمالي"): True}


def unit_after(ctx: Ctx, k: int, art: bool) -> tuple[str, int] | None:
    """The counted noun (or %) after a number at ``k``: «جندي», «عنصرا», «من الضباط»."""
    if not ctx.joins(k):
        return None
    pct = ctx.phrase(k, _PERCENT, conj=False)
    if pct is not None:
        return pct[0], pct[1]
    found = lookup(UNIT_NOUNS, ctx.word(k), conj=False, prep=False, art=art)
    if found is None and ctx.word(k) == _MIN and ctx.joins(k + 1):
        noun = lookup(UNIT_NOUNS, ctx.word(k + 1), conj=False, prep=False, art=True)
        if noun is not None and noun[0] not in TIME_UNITS and ctx.word(k + 1).startswith(_ARTICLE):
            return _refine(ctx, noun[0], k + 2)
    if found is None:
        # «2.1 مليون لبناني», «4 فرنسيين»: people of a country, counted by their nisba
        return ("people", k + 1) if country_of_adjective(ctx.word(k)) is not None else None
    return _refine(ctx, found[0], k + 1)


def _refine(ctx: Ctx, label: str, k: int) -> tuple[str, int]:
    """Square units and currency nationality: «كيلومتر مربع», «ليرة سورية»."""
    if not ctx.joins(k):
        return label, k
    nxt = ctx.word(k)
    if label in ("km", "m") and nxt in SQUARE_WORDS:
        return label + "2", k + 1
    code = CURRENCY_ADJECTIVES.get((label, nxt))
    if code is not None:
        return code, k + 1
    if label == "cases":  # «حالة وفاة», «حالات إصابة»: cases of a counted noun are that noun
        of = UNIT_NOUNS.get(nxt)
        if of is not None and of not in TIME_UNITS:
            return of, k + 1
    return label, k


def is_reference(ctx: Ctx, i: int) -> bool:
    """«القرار 1701», «قرار مجلس الأمن رقم 2254», «المادة 5», «الساعة 10»."""
    k = i - 1
    while k >= 0 and ctx.joins(k + 1) and ctx.kind(k) == "word":
        if lookup(_REFERENCES, ctx.word(k), art=True) is not None:
            return True
        if ctx.word(k) not in REFERENCE_FILLERS:
            return False
        k -= 1
    return False


def _glued_name(ctx: Ctx, i: int) -> bool:
    """Digits inside a word or code: «عربي21», «F-16», «كوفيد-19», «1.2K», «5G»."""
    if ctx.glued(i) and ctx.kind(i - 1) == "word" and ctx.word(i - 1) not in _GLUE_PREFIXES:
        return True
    dashed = ctx.word(i - 1) == "-" and ctx.glued(i - 1)
    return ctx.glued(i) and dashed and ctx.kind(i - 2) == "word"


def _glued_after(ctx: Ctx, end: int) -> bool:
    word = ctx.word(end)
    return ctx.glued(end) and word.isascii() and word.isalpha() and word not in GLUED_UNITS


def blocked_number(ctx: Ctx, i: int, end: int) -> bool:
    """True when the digits at ``i`` are a name, code, reference, counter or time."""
    if ctx.kind(i) != "num":
        return False
    if _glued_name(ctx, i) or is_reference(ctx, i) or _glued_after(ctx, i + 1):
        return True
    after = ctx.word(end) if ctx.joins(end) else ""
    return after in AFTER_BLOCKERS or after in HIJRI_MONTHS


def counted_before(ctx: Ctx, i: int) -> str | None:
    """The unit of a bare number from the «عدد» phrase before it: «عدد المصابين 340 ألفا»,
    «عدد الضحايا بنحو 75 ألفا», «ارتفع عدد الوفيات إلى 1280», «العدد الإجمالي للاجئين
    المسجلين بلغ 9,120,334» (the number of … is N). Only words may stand between: a number
    or punctuation ends the search."""
    for k in range(i - 1, max(-1, i - 6), -1):
        if ctx.kind(k) != "word":
            return None
        if k >= 1 and lookup(_COUNT_WORDS, ctx.word(k - 1), art=True) is not None:
            # «عدد اللاجئين», «العدد الإجمالي للاجئين»: the counted noun is definite
            noun = lookup(UNIT_NOUNS, ctx.word(k), conj=False, prep=True, art=True)
            definite = ctx.word(k).startswith((_ARTICLE, "لل"))
            if noun is not None and noun[0] not in TIME_UNITS and definite:
                return noun[0]
    return None


_PRICE_WORDS = {fold("سعر"): True, fold("أسعار"): True, fold("بسعر"): True}
_SENTENCE_ENDS = frozenset((".", "!", "?", "؟"))
_PRICE_REACH = 8  # words between «سعر» and the price at the end of its clause


def priced_in_list(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """``hits`` with a bare number that ends a price's clause given the currency of its
    sentence's other prices («وسعر كيلو الأرز 1.75 ، وسعر كيلو السكر 2 دينار»: 1.75
    dinars): a list of prices writes its currency once or twice, not at every item. Only
    when the sentence's prices all have one currency, and the number's own clause starts
    from «سعر»; a number with a word after it in its clause («البنزين 95 أوكتين») names a
    thing, not its price."""
    sentence = _sentences(ctx)
    currencies: dict[int, set[str]] = {}
    for hit in hits:
        if hit.kind == "number" and hit.unit and _is_currency(hit.unit):
            currencies.setdefault(sentence[hit.start], set()).add(hit.unit)
    priced = []
    for hit in hits:
        found = currencies.get(sentence[hit.start], set())
        if _bare_price(ctx, hit) and len(found) == 1:
            hit = replace(hit, unit=next(iter(found)))
        priced.append(hit)
    return priced


def rate_in_list(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """``hits`` with a bare number after «و» that a rate word follows given the unit of the
    rate before it in its sentence («30 أسيرا مقابل كل جندي و50 مقابل كل ضابط»: 50
    prisoners): a list of rates writes its counted noun once. Only when that one is a rate of
    ``each_words`` too."""
    sentence = _sentences(ctx)
    rated: dict[int, str] = {}  # a sentence's last rate with a unit
    out = []
    for hit in hits:
        if hit.kind == "number" and _rate_follows(ctx, hit.end):
            if hit.unit is not None:
                rated[sentence[hit.start]] = hit.unit
            elif ctx.word(hit.start - 1) == _AND and ctx.glued(hit.start):
                unit = rated.get(sentence[hit.start])
                hit = replace(hit, unit=unit) if unit is not None else hit
        out.append(hit)
    return out


def _rate_follows(ctx: Ctx, k: int) -> bool:
    """Whether a rate word of ``each_words`` stands at token ``k``, or after a word there (the
    counted noun: «أسيرا مقابل كل»)."""
    return any(
        all(ctx.joins(start + n) and ctx.word(start + n) == word for n, word in enumerate(phrase))
        for start in (k, k + 1)
        for phrase in EACH_WORDS
    )


_AND = "و"
_INJURIES, _CASES = "injuries", "cases"
_DISEASE_REACH = 2  # words between «إصابة» and «ب» + an illness («إصابة جديدة بالكوليرا»)


def infection_cases(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """``hits`` with injuries counted as cases when the text counts infections: it writes the
    noun of injuries with an illness of ``disease_words`` after «ب» a word or two later
    («1200 إصابة جديدة بالكوليرا», «الإصابات بفيروس»). Such a text's «إجمالي الإصابات» are
    cases of the illness too; a text of wounds («إصابة 30 شخصا بجروح») keeps its injuries."""
    if not any(h.unit == _INJURIES for h in hits) or not _counts_infections(ctx):
        return hits
    return [replace(h, unit=_CASES) if h.unit == _INJURIES else h for h in hits]


def _counts_infections(ctx: Ctx) -> bool:
    for i in range(ctx.n):
        if not _injury_noun(ctx.word(i)):
            continue
        for k in range(i + 1, min(ctx.n, i + 2 + _DISEASE_REACH)):
            if not ctx.joins(k):
                break
            if _illness_after_b(ctx.word(k)):
                return True
    return False


def _injury_noun(word: str) -> bool:
    found = lookup(UNIT_NOUNS, word, art=True)
    return found is not None and found[0] == _INJURIES


def _illness_after_b(word: str) -> bool:
    """Whether a word is an illness of ``disease_words`` after the preposition «ب»
    («بالكوليرا», «بوباء»)."""
    for stem, plen, had_art in stems(word, art=True):
        clitics = word[: plen - 2] if had_art else word[:plen]
        if stem in DISEASE_WORDS and clitics.endswith(_BY):
            return True
    return False


_BY = "ب"


_CURRENCY_NAMES = frozenset(label for label, _ in CURRENCY_ADJECTIVES)  # dinar, riyal, …


def _is_currency(unit: str) -> bool:
    """An ISO code (EGP) or a currency whose country an adjective names (dinar)."""
    return (len(unit) == 3 and unit.isalpha() and unit.isupper()) or unit in _CURRENCY_NAMES


def _sentences(ctx: Ctx) -> list[int]:
    """Each token's sentence number (a sentence ends at «.», «!», «?» or a new line)."""
    numbers, current = [], 0
    for i in range(ctx.n):
        if i and (not ctx.joins(i) or ctx.word(i - 1) in _SENTENCE_ENDS):
            current += 1
        numbers.append(current)
    return numbers


def _bare_price(ctx: Ctx, hit: Hit) -> bool:
    """A number with no unit that ends its clause, whose clause starts from a price word."""
    if hit.kind != "number" or hit.unit is not None or hit.value is None:
        return False
    if ctx.joins(hit.end) and ctx.kind(hit.end) != "punct":
        return False
    for k in range(hit.start - 1, max(-1, hit.start - 1 - _PRICE_REACH), -1):
        if ctx.kind(k) == "punct" or not ctx.joins(k + 1):
            return False
        if lookup(_PRICE_WORDS, ctx.word(k), conj=True, prep=True, art=True) is not None:
            return True
    return False


_BOUNDS = frozenset(("less than", "more than", "at least", "at most"))


def without_age_brackets(ctx: Ctx, hits: list[Hit]) -> list[Hit]:
    """``hits`` without the bounds on years that qualify the count right after them («نسبة
    المسجلين أقل من 40 سنة 36 بالمائة», «الشباب دون 30 عاما 2 مليون»): an age bracket of the
    people counted, not a figure of its own."""
    return [hit for hit in hits if not _age_bracket(ctx, hit)]


def _age_bracket(ctx: Ctx, hit: Hit) -> bool:
    return (
        hit.kind == "number"
        and hit.unit == "years"
        and hit.approx in _BOUNDS
        and ctx.joins(hit.end)
        and ctx.kind(hit.end) == "num"
    )
