"""Events by rule: a known subject that states or does something in the perfect («أعلنت
وزارة المالية …»), dated by the date that stands with its verb.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from summarizer.attribution import (
    Statement,
    according_aside_end,
    clause_openers,
    continued_statement,
    statement,
)
from summarizer.clean import split_sentences
from summarizer.compose.lines import capital, date_as_written, leading_words, mention_words
from summarizer.faithful import faithfulness_problems, negates
from summarizer.gloss import english_stem, leading_terms
from summarizer.models import (
    Bilingual,
    CleanArticle,
    Event,
    Mention,
    Source,
)
from summarizer.names import ARABIC_LETTERS
from summarizer.normalize.named import names_in, without_names
from summarizer.normalize.since import counted_since
from summarizer.normalize.vocab import fold
from summarizer.people import people_in


def with_statements(
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
    # The sentence before's statement, the sentence, and where the statement's quote starts.
    before: tuple[Statement, str, int] | None = None
    for start, end in split_sentences(clean.text):
        sentence = clean.text[start:end]
        said, quoted = statement(sentence), start
        if said is None and before is not None and end - before[2] <= _MOST_QUOTED:
            said = continued_statement(sentence, before[1], before[0])
            # Its quote starts with the sentence that names the speaker («أعلنت الوزارة …
            # وأضافت: …»): the line's subject is in the words it cites.
            quoted = before[2] if said is not None else start
        before = (said, sentence, quoted) if said is not None else None
        if said is None:
            continue
        here = [e for e in kept if any(start < s.end and s.start < end for s in e.sources)]
        subject = (said.speaker.en or "").lower().removeprefix("the ")
        if quoted == start and any(subject in event.text.en.lower() for event in here):
            continue
        # «… لكن تم طرد اللاعب فلان»: a later clause's statement is an event of its own, and
        # the first one's words end where that clause starts.
        later = _later_statement(sentence, said) if quoted == start else None
        first_end = start + later[0] if later is not None else end
        event = _statement_event(clean, mentions, published, said, (quoted, first_end), start)
        # A model event dated otherwise keeps its date: the rule's line would lose it.
        if event is not None and all(e.date in (None, event.date) for e in here):
            kept = [e for e in kept if e not in here] + [event]
            if later is not None:
                own, done = later
                more = _statement_event(clean, mentions, published, done, (start, end), start + own)
                kept += [more] if more is not None else []
    return kept


def _later_statement(sentence: str, said: Statement) -> tuple[int, Statement] | None:
    """A statement of a later clause of ``sentence``, which opens with a word that starts a
    clause of its own subject («لكن», «بينما», «في حين»: ``clause_openers``), after the one
    ``said`` of the sentence's start: where that clause starts, and its statement."""
    openers = list(clause_openers().finditer(sentence, said.end))
    for k, match in enumerate(openers):
        ends = [m.start() for m in openers[k + 1 :]]
        stop = _CLAUSE_STOP.search(sentence, match.end())
        end = min(ends + ([stop.start()] if stop else []) + [len(sentence)])
        done = statement(sentence[match.start() : end])  # the clause's own statement only
        if done is not None:
            return match.start(), done
    return None


_CLAUSE_STOP = re.compile(r"[!?؟;؛:]|(?<!\d)\.|\.(?!\d)")


_MOST_QUOTED = 900  # characters of a continued statement's quote, from its speaker's sentence


def _statement_event(
    clean: CleanArticle,
    mentions: list[Mention],
    published: str | None,
    said: Statement,
    span: tuple[int, int],
    own: int,
) -> Event | None:
    """The event of a statement of the sentence that starts at ``own`` (the Arabic of the
    line; ``said.end`` is where its subject ends in it), whose quote is ``span`` of the
    text: from the sentence that names the speaker, for a statement continued without one."""
    start, end = span
    sentence = clean.text[start:end]
    head = f"{capital(said.speaker.en or '')} {said.verb_en}"
    dated = _statement_date(own, said, mentions, published, clean.text)
    shift = own - start  # where the subject ends (and the verb starts) in the quote
    verb_at = said.verb_at + shift if said.verb_at is not None else None
    said = replace(said, end=said.end + shift, verb_at=verb_at)
    date = dated.date if dated is not None else None
    given = f"{said.speaker.en} {said.verb_en}"
    # The head says who did what, the words up to the subject's end: a negation in what was
    # said («أعلنت الحكومة تمديد العقد دون زيادة») is not the head's to keep; names of it are
    # added only when the whole line passes against the whole sentence.
    if faithfulness_problems(head, _head_words(sentence, said), [sentence], date=date, given=given):
        return None
    dates = _other_dates(start, sentence, mentions, dated)
    about, reach = _about(_without_dates(sentence, start, mentions), said, dates)
    en = head + about
    # Its polarity is that of the words the line renders: a negation after them («… دون
    # زيادة») is what was said, not what the line claims.
    if faithfulness_problems(en, sentence[:reach], [sentence], date=date, given=given):
        en = head
    source = Source(article_id=clean.article.id, quote=sentence, start=start, end=end)
    return Event(
        date=date,
        subject=en,
        text=Bilingual(en=en, ar=leading_words(clean.text[own:end])),
        when=mention_words(dated) if dated is not None else None,
        said_by=said.speaker if said.reports else None,
        acted_by=None if said.reports or said.passive else said.speaker,
        sources=[source],
    )


def _head_words(sentence: str, said: Statement) -> str:
    """The Arabic a statement's head renders: the sentence up to its subject's end, or its
    subject and its verb where another clause stands between them."""
    if said.verb_at is None:
        return sentence[: said.end]
    return f"{said.speaker.ar} {sentence[said.verb_at : said.end]}"


@dataclass(frozen=True)
class _Dated:
    """A date of a sentence, where it stands in it, and its English as the article writes it;
    ``since``: a count starts at it («منذ مارس»)."""

    start: int
    end: int
    english: str
    since: bool

    @property
    def shown(self) -> str:
        return f"since {self.english}" if self.since else self.english


def _other_dates(
    start: int, sentence: str, mentions: list[Mention], dated: Mention | None
) -> list[_Dated]:
    """The dates of ``sentence`` (which starts at ``start`` in the text) besides the
    statement's own (``dated``), as the article writes them (:func:`date_as_written`)."""
    found = []
    for mention in mentions:
        inside = start <= mention.start and mention.end <= start + len(sentence)
        if mention.kind != "date" or not inside or mention is dated:
            continue
        english = date_as_written(mention, sentence)
        at = mention.start - start
        if english:
            found.append(_Dated(at, mention.end - start, english, counted_since(sentence, at)))
    return found


def _dates_said(
    sentence: str, said: Statement, clause: tuple[int, int], dates: list[_Dated]
) -> list[_Dated]:
    """The dates of what was said or done («رفع الإنتاج لشهر سبتمبر»: September), in the
    ``clause`` of its key words and before any negation («دون زيادة حتى يناير»), a few at
    most: when what it says happens, not when it was said."""
    begin, end = clause
    kept = [
        d for d in dates if begin <= d.start < end and not negates(sentence[said.end : d.start])
    ]
    return kept[:_MOST_DATES]


def _without_dates(sentence: str, start: int, mentions: list[Mention]) -> str:
    """``sentence`` (which starts at ``start`` in the text) with its dates blanked, at the same
    length: the words of a date («العام الماضي») say when, not what was done ("general")."""
    chars = list(sentence)
    for mention in mentions:
        if mention.kind == "date" and start <= mention.start and mention.end <= start + len(chars):
            chars[mention.start - start : mention.end - start] = " " * (mention.end - mention.start)
    return "".join(chars)


_MOST_ABOUT = 4  # names in what a statement says or a subject did
_MOST_TERMS = 3  # the lexicon's words of what was said or done, after its names
_MOST_DATES = 2  # dates of what was said or done, after its words
_COMMA = re.compile("[،,]")


def _about(sentence: str, said: Statement, dates: list[_Dated]) -> tuple[str, int]:
    """Key words of what was said or done, in parentheses, and where the words they render
    end in ``sentence``: the places and countries named in what follows the subject, besides
    the subject's own (names of a maintained table, so they are the article's), and the
    persons it names (:func:`summarizer.people.people_in`: attested spellings), then the
    lexicon's plainest English of the first nouns of what was said or done
    (:func:`summarizer.gloss.leading_terms`: «خفضت البلدية سعر الخبز»: price, bread), which
    name what the event is about; a word read as a verb there may be a name the lexicon lacks,
    and is left out: saying less is better than a wrong word. Then the ``dates`` of what was
    said or done (:func:`_dates_said`), as the article writes them."""
    subject = {english_stem(w) for w in (said.speaker.en or "").split()}
    begin = said.end + according_aside_end(sentence[said.end :])
    said_from = _WHAT_WAS_SAID.search(sentence, begin)
    quoted = False
    if said_from is not None and said_from.start() - begin <= _STATEMENT_REACH:
        begin = said_from.end()  # before «أن»: the speaker's name and title
        quoted = said_from.group() in _QUOTE_OPENERS  # a colon or a quotation mark
    rest = sentence[begin:]
    names: list[str] = []
    found, reach = names_in(rest), said.end
    for named in found:
        stems = {english_stem(w) for w in named.english.split()}
        if named.english not in names and not stems <= subject and len(names) < _MOST_ABOUT:
            names.append(named.english)
            reach = max(reach, begin + named.end)
    people = people_in(rest)
    for person in people:
        if person.latin not in names and len(names) < _MOST_ABOUT:
            names.append(person.latin)
            reach = max(reach, begin + person.end)
    known = subject | {english_stem(w) for name in names for w in name.split()}
    terms = []
    unnamed = without_names(rest, [*found, *people])
    for term, end in leading_terms(unnamed, _MOST_TERMS, quoted=quoted):
        if negates(sentence[said.end : begin + end]):
            break  # «… دون زيادة»: what follows a negation is not the line's to name
        stems = {english_stem(w) for w in term.split()}
        if not stems <= known:
            terms.append(term)
            known |= stems
            reach = max(reach, begin + end)
    comma = _COMMA.search(sentence, max(reach, begin))
    clause = (begin, comma.start() if comma is not None else len(sentence))
    when = _dates_said(sentence, said, clause, [d for d in dates if d.english not in terms])
    reach = max([reach, *(d.end for d in when)])
    said_words = names + terms + list(dict.fromkeys(d.shown for d in when))
    return (f" ({', '.join(said_words)})" if said_words else ""), reach


def _statement_date(
    start: int, said: Statement, mentions: list[Mention], published: str | None, text: str
) -> Mention | None:
    """When the statement of the sentence at ``start`` was made: a resolved date, not after
    the publication date, that stands with its verb and speaker — the date that opens the
    sentence right before its verb («وفي 27 أيلول الماضي، أعلنت الحكومة …»), or one within a
    few words after the speaker («أعلنت الوزارة، اليوم الثلاثاء، …») and before what was said
    («أن», «إن», a colon or a quotation mark): a date inside what was said («… أن المهمة
    تنتهي في أيلول») dates that, not the statement."""
    limit = start + said.end
    tail = text[limit:]
    said_from = _WHAT_WAS_SAID.search(tail)
    reach = limit + min(said_from.start() if said_from else len(tail), _STATEMENT_REACH)
    verb = start + _verb_start(text[start:limit], said)
    for mention in mentions:
        if mention.kind != "date" or not mention.date:
            continue
        opening = mention.end <= verb and _opens_before(text, start, mention, verb)
        if not (opening or verb < mention.start < reach):
            continue
        if len(mention.date) == len("YYYY") and not _dates_the_clause(text, limit, mention):
            continue  # «ميزانية عام 2026»: the year of a noun of what was done, not of the act
        if counted_since(text, mention.start):
            continue  # «عودة 500 أسرة منذ مارس»: when a count starts, not when it was said
        if published is None or mention.date <= published[: len(mention.date)]:
            return mention
    return None


def _verb_start(head: str, said: Statement) -> int:
    """Where the statement's verb starts in ``head``, the sentence up to its subject's end:
    the word before the subject (or ``verb_at``, where another clause stands between)."""
    if said.verb_at is not None:
        return said.verb_at
    subject = head.rfind(said.speaker.ar or "\0")
    before = head[:subject].rstrip(" ،,") if subject > 0 else ""
    words = list(_ARABIC_WORD.finditer(before))
    return words[-1].start() if words else 0


def _opens_before(text: str, start: int, mention: Mention, verb: int) -> bool:
    """Whether a date opens the sentence at ``start`` right before its verb at ``verb``: only
    «و»/«في» before it («وفي 6 أغسطس،»), only a comma between it and the verb."""
    before = fold(text[start : mention.start].strip())
    return before in _OPENERS and not text[mention.end : verb].strip(" ،,")


_OPENERS = frozenset(fold(w) for w in ("", "و", "في", "وفي"))
_ARABIC_WORD = re.compile(rf"[{ARABIC_LETTERS}]+")


def _dates_the_clause(text: str, limit: int, mention: Mention) -> bool:
    """Whether a year stands where it dates the verb's clause: right after the subject
    («أعلنت الحكومة عام 2023 …») or after «في»/«خلال» («… في عام 2023»); after a noun it
    is that noun's year («ميزانية عام 2026», «الدعم هذا العام»)."""
    before = text[limit : mention.start]
    if not before.strip(" ،,"):
        return True
    return before.split()[-1].removeprefix("و") in _YEAR_PREPOSITIONS


_YEAR_PREPOSITIONS = frozenset(("في", "خلال"))


# What a speaker says starts at «أن»/«إن» (with a clitic), a colon or a quotation mark; a
# statement's date stands before it.
_LETTER = rf"[{ARABIC_LETTERS}]"  # a letter or a vowel mark of an Arabic word
_WHAT_WAS_SAID = re.compile(rf"(?<!{_LETTER})[وف]?[بل]?[أإا]ن(?!{_LETTER})|[:“«\"]")
_QUOTE_OPENERS = frozenset(':“«"')
_STATEMENT_REACH = 40  # characters after the speaker in which its date may stand
