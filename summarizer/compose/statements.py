"""Events by rule: a known subject that states or does something in the perfect («أعلنت
وزارة المالية …»), dated by the date that stands with its verb.
"""

from __future__ import annotations

import re

from summarizer.attribution import Statement, statement
from summarizer.clean import split_sentences
from summarizer.compose.lines import capital, leading_words, mention_words
from summarizer.faithful import (
    faithfulness_problems,
)
from summarizer.gloss import english_stem
from summarizer.models import (
    Bilingual,
    CleanArticle,
    Event,
    Mention,
    Source,
)
from summarizer.normalize.named import names_in


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
    head = f"{capital(said.speaker.en or '')} {said.verb_en}"
    dated = _statement_date(start, said, mentions, published, clean.text)
    date = dated.date if dated is not None else None
    given = f"{said.speaker.en} {said.verb_en}"
    # The head says who did what, the words up to the subject's end: a negation in what was
    # said («أعلنت الحكومة تمديد العقد دون زيادة») is not the head's to keep; names of it are
    # added only when the whole line passes against the whole sentence.
    if faithfulness_problems(head, sentence[: said.end], [sentence], date=date, given=given):
        return None
    en = head + _about(sentence, said)
    if faithfulness_problems(en, sentence, [sentence], date=date, given=given):
        en = head
    source = Source(article_id=clean.article.id, quote=sentence, start=start, end=end)
    return Event(
        date=date,
        subject=en,
        text=Bilingual(en=en, ar=leading_words(sentence)),
        when=mention_words(dated) if dated is not None else None,
        said_by=said.speaker if said.reports else None,
        sources=[source],
    )


_MOST_ABOUT = 4  # key words of what a statement says or a subject did


def _about(sentence: str, said: Statement) -> str:
    """Key words of what was said or done, in parentheses: the places and countries named in
    what follows the subject, besides the subject's own (names of a maintained table, so they
    are the article's; its other words are left unread: the lexicon's first sense of a word
    of what was said may be another sense, and saying less is better than a wrong word)."""
    subject = {english_stem(w) for w in (said.speaker.en or "").split()}
    rest = sentence[said.end :]
    said_from = _WHAT_WAS_SAID.search(rest)
    if said_from is not None and said_from.start() <= _STATEMENT_REACH:
        rest = rest[said_from.end() :]  # before «أن»: the speaker's name and title
    names: list[str] = []
    for named in names_in(rest):
        stems = {english_stem(w) for w in named.english.split()}
        if named.english not in names and not stems <= subject:
            names.append(named.english)
    return f" ({', '.join(names[:_MOST_ABOUT])})" if names else ""


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
