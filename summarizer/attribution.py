"""Who said what, by rule: the speaker of an item's quote, and claims that another source denies.

A speaker is the subject of a reporting verb («قال مسؤول أميركي», «أعلنت المفوضية») or the words
after «بحسب» / «وفقا لـ» («بحسب وزارة الصحة»), read from the item's own quote; its English comes
from the table of ``data/attribution.json`` and is kept only when it passes the same support
checks as an item's line against the speaker's Arabic words (else the speaker is shown in
Arabic only). A claim is disputed when a quote of another article denies it (a denial verb,
«نفت السفارة ... التقارير»): either the merge joined both into one item, or the denial and the
claim are items whose quotes share most of their content words.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TypeVar

from summarizer.buckwalter import lexicon
from summarizer.gloss import word_problems
from summarizer.models import Brief, BriefItem, Deadline, Dispute, Event, Figure, SaidBy, Source
from summarizer.names import ARABIC_LETTERS
from summarizer.normalize.lexicon import place_near
from summarizer.normalize.named import country_of_adjective, names_in
from summarizer.normalize.vocab import fold, is_cardinal_word
from summarizer.people import opens_name, opens_title, people_in
from summarizer.support import unsupported_reasons

T = TypeVar("T", Deadline, Figure, Event)
MAX_SPEAKER_WORDS = 5
SAME_CLAIM = 0.3  # cosine of content words above which a denial is about a claim
_WORD = re.compile(rf"[{ARABIC_LETTERS}\u0671-\u06D3]+")
_CLITICS = ("و", "ف")
_SPACE_OR_SLASH = re.compile(r"[\s/]+")


@dataclass(frozen=True)
class AttributionWords:
    """The folded tables of ``data/attribution.json``."""

    reporting: frozenset[str]
    according: tuple[tuple[str, ...], ...]
    denial: frozenset[str]
    stops: frozenset[str]
    speakers: tuple[tuple[tuple[str, ...], str], ...]  # longest first
    verbs: dict[str, str]  # a perfect reporting or denial verb → its English, past tense
    actions: dict[str, str]  # a perfect action verb → its English, past tense
    country_heads: frozenset[str]  # «منتخب»: with a country after it, the country itself
    title_heads: dict[str, str]  # «رئيس»: a title, before the body it heads (head)
    state_heads: frozenset[str]  # «دولة», «جمهورية»: words before a country's name
    # «الهدنة», «الانتخابات»: what happens rather than who acts (an agreement, elections)
    happenings: tuple[tuple[tuple[str, ...], str], ...] = ()  # longest first
    # «دخل»: a verb whose meaning needs a phrase later in its clause («حيز التنفيذ»)
    phrase_actions: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(
        default_factory=dict
    )
    happening_verbs: dict[str, str] = field(default_factory=dict)  # «انتهت»: ended
    # «وتابعت: …»: a verb of saying with no subject, the statement before continued
    continuing: dict[str, str] = field(default_factory=dict)
    openers: frozenset[str] = frozenset()  # what may follow it: «إلى», «أن», a colon
    # «إذا», «في حال»: a verb right after one says what may happen, not what did; folded,
    # besides those that fold like «أن» (that), which are compared as written («إن»: if)
    conditionals: frozenset[str] = frozenset()
    # «فوز» → won: the verbal noun of an act, past right after one of ``after_words`` («بعد»)
    verbal_nouns: dict[str, str] = field(default_factory=dict)
    after_words: frozenset[str] = frozenset()
    # «تم طرد …»: a verbal noun after an auxiliary of the passive, and the passive's English
    passive_auxiliaries: frozenset[str] = frozenset()
    passive_nouns: dict[str, str] = field(default_factory=dict)
    # «لكن», «بينما»: words (as written) that open a later clause with a subject of its own
    clause_openers: tuple[str, ...] = ()
    written_conditionals: frozenset[str] = frozenset()
    # «شكل» (also a noun, form): a verb read only with a person after it, and its English
    person_verbs: dict[str, str] = field(default_factory=dict)
    # «تصدر» (also «تُصدر», exports): a verb read only with a masculine subject after it
    masculine_verbs: dict[str, str] = field(default_factory=dict)
    masculine: frozenset[str] = frozenset()  # «الأردن»: countries whose name is masculine


def _word_list(data: dict[str, object], key: str) -> list[str]:
    raw = data.get(key)
    if not isinstance(raw, list) or not raw or not all(isinstance(w, str) and w for w in raw):
        raise ValueError(f"data/attribution.json: '{key}' must be a list of non-empty strings")
    return list(raw)


def parse_attribution(data: object) -> AttributionWords:
    """Validate the raw JSON of ``data/attribution.json``; raise ValueError when malformed."""
    if not isinstance(data, dict):
        raise ValueError("data/attribution.json must hold an object")
    speakers = data.get("speakers")
    if (
        not isinstance(speakers, dict)
        or not speakers
        or not all(
            isinstance(k, str) and k and isinstance(v, str) and v for k, v in speakers.items()
        )
    ):
        raise ValueError("data/attribution.json: 'speakers' must map Arabic to English")
    verbs, actions = _word_map(data, "verb_english"), _word_map(data, "action_verb_english")
    table = sorted(
        ((tuple(fold(k).split()), v) for k, v in speakers.items()), key=lambda p: -len(p[0])
    )
    return AttributionWords(
        reporting=frozenset(fold(w) for w in _word_list(data, "reporting_verbs")),
        according=tuple(tuple(fold(w).split()) for w in _word_list(data, "according_to")),
        denial=frozenset(fold(w) for w in _word_list(data, "denial_verbs")),
        stops=frozenset(fold(w) for w in _word_list(data, "subject_stops")),
        speakers=tuple(table),
        verbs={fold(k): v for k, v in verbs.items()},
        actions={fold(k): v for k, v in actions.items()},
        country_heads=frozenset(fold(w) for w in _word_list(data, "country_heads")),
        title_heads={fold(k): v for k, v in _word_map(data, "title_heads").items()},
        state_heads=frozenset(fold(w) for w in _word_list(data, "state_heads")),
        happenings=tuple(
            sorted(
                ((tuple(fold(k).split()), v) for k, v in _word_map(data, "happenings").items()),
                key=lambda p: -len(p[0]),
            )
        ),
        phrase_actions=_phrase_actions(data),
        happening_verbs={fold(k): v for k, v in _word_map(data, "happening_verbs").items()},
        continuing={
            fold(k): v
            for k, v in {**verbs, **_word_map(data, "continuing_verbs")}.items()
            if not fold(k).endswith("وا")  # «قالوا»: who, of several speakers, is unknown
        },
        openers=frozenset(fold(w) for w in _word_list(data, "continuation_openers")),
        conditionals=frozenset(
            fold(w) for w in _word_list(data, "conditionals") if fold(w) != _THAT
        ),
        verbal_nouns={fold(k): v for k, v in _word_map(data, "verbal_nouns").items()},
        after_words=frozenset(fold(w) for w in _word_list(data, "after_words")),
        passive_auxiliaries=frozenset(fold(w) for w in _word_list(data, "passive_auxiliaries")),
        passive_nouns={fold(k): v for k, v in _word_map(data, "passive_nouns").items()},
        clause_openers=tuple(_word_list(data, "clause_openers")),
        written_conditionals=frozenset(
            w for w in _word_list(data, "conditionals") if fold(w) == _THAT
        ),
        person_verbs={fold(k): v for k, v in _word_map(data, "person_verbs").items()},
        masculine_verbs={fold(k): v for k, v in _word_map(data, "masculine_verbs").items()},
        masculine=frozenset(fold(w) for w in _word_list(data, "masculine_countries")),
    )


def _phrase_actions(
    data: dict[str, object],
) -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """«دخل» → ((«حيز», «التنفيذ»), "took effect"), …: ``phrase_actions`` as [verb, phrase,
    English] entries, a verb's phrases in their order."""
    raw = data.get("phrase_actions")
    if not isinstance(raw, list) or not raw or not all(
        isinstance(e, list) and len(e) == 3 and all(isinstance(w, str) and w for w in e)
        for e in raw
    ):
        raise ValueError("data/attribution.json: 'phrase_actions' must be [verb, phrase, English]")
    found: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
    for verb, phrase, english in raw:
        found[fold(verb)] = (*found.get(fold(verb), ()), (tuple(fold(phrase).split()), english))
    return found


def _word_map(data: dict[str, object], key: str) -> dict[str, str]:
    raw = data.get(key)
    if not isinstance(raw, dict) or not raw or not all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in raw.items()
    ):
        raise ValueError(f"data/attribution.json: '{key}' must map Arabic to English")
    return dict(raw)


@lru_cache(maxsize=1)
def attribution_words() -> AttributionWords:
    """Load ``data/attribution.json`` once."""
    raw = resources.files("summarizer").joinpath("data", "attribution.json").read_text("utf-8")
    return parse_attribution(json.loads(raw))


@dataclass(frozen=True)
class _Word:
    text: str  # as written (punctuation stripped)
    folded: str
    ends: bool  # punctuation right after it ends a phrase


def _words(quote: str) -> list[_Word]:
    words = []
    for raw in _SPACE_OR_SLASH.split(quote.strip()):  # «/رياضة/خسر»: a dateline, then the verb
        match = _WORD.search(raw)
        if match is None:
            words.append(_Word(raw, "", True))
            continue
        tail = raw[match.end() :]
        # «أوبك+» is OPEC+, another body than «أوبك»: the plus is part of the name.
        plus = "+" if tail.startswith("+") else ""
        word, tail = match.group(0) + plus, tail[len(plus) :]
        words.append(_Word(word, fold(word), bool(tail.strip("ـ"))))
    return words


def _is(word: str, table: frozenset[str]) -> bool:
    return word in table or (word[:1] in _CLITICS and word[1:] in table)


def _after_preposition(word: _Word) -> _Word:
    """«للمفوضية» → «المفوضية», «لوزارة» → «وزارة» (the ل of «وفقا لـ»)."""
    if word.folded.startswith("لل") and len(word.folded) > 3:
        return _Word("ال" + word.text[2:], "ال" + word.folded[2:], word.ends)
    if word.folded.startswith("ل") and len(word.folded) > 3:
        return _Word(word.text[1:], word.folded[1:], word.ends)
    return word


def _subject(words: list[_Word], start: int, words_table: AttributionWords) -> list[_Word]:
    """The words of the speaker or subject that starts at ``start``: a name of the speakers
    table, whatever its words («برنامج الأغذية العالمي», «منظمة أوبك»), then the
    words that continue its noun phrase."""
    subject = _table_phrase(words, start, words_table)
    if any(word.ends for word in subject):
        return subject[: next(i for i, w in enumerate(subject) if w.ends) + 1]
    for word in words[start + len(subject) : start + MAX_SPEAKER_WORDS]:
        if not word.folded or word.folded in words_table.stops:
            break
        if subject and not _continues_noun_phrase(subject, word.folded):
            break
        subject.append(word)
        if word.ends:
            break
    return subject


def _table_phrase(words: list[_Word], start: int, table: AttributionWords) -> list[_Word]:
    """The longest speaker of the table that the words from ``start`` spell, or none."""
    folded = tuple(w.folded for w in words[start : start + MAX_SPEAKER_WORDS])
    for phrase, _ in table.speakers:  # longest first
        if len(phrase) > 1 and folded[: len(phrase)] == phrase:
            return words[start : start + len(phrase)]
    return []


_IN_NAME_OF = fold("باسم")
_SPOKESMEN = frozenset(fold(w) for w in ("متحدث", "ناطق"))


def _continues_noun_phrase(subject: list[_Word], word: str) -> bool:
    """Whether ``word`` still belongs to the speaker's noun phrase: after a definite word only
    definite ones follow («الدفاع المدني», «المفوضية العليا للانتخابات»); an indefinite head
    takes a definite complement («وزارة الصحة») or a nisba adjective («مسؤول أميركي»). An
    indefinite word after a definite one starts the object («أعلن الدفاع المدني إجلاء»)."""
    definite = word.startswith(("ال", "لل"))
    if definite:
        return True
    if word == _IN_NAME_OF and subject[-1].folded.removeprefix("ال") in _SPOKESMEN:
        return True  # «المتحدث باسم الحكومة»: the spokesman of the body named after it
    return (
        len(subject) == 1
        and not subject[0].folded.startswith(("ال", "لل"))
        and word.endswith(("ي", "يه", "يون", "يين", "يان"))
    )


def _according(words: list[_Word], i: int, table: AttributionWords) -> int | None:
    """The index after an «according to» phrase starting at word ``i``, or None."""
    for phrase in table.according:
        got = [w.folded for w in words[i : i + len(phrase)]]
        if got and (got[0][1:] if got[0][:1] in _CLITICS else got[0]) == phrase[0]:
            got[0] = phrase[0]
        if tuple(got) == phrase:
            return i + len(phrase)
    return None


def according_aside_end(text: str) -> int:
    """Where an «according to» aside that opens ``text`` ends, after its closing comma
    («، بحسب ما أوردته الصحيفة، أن …»), or 0 when ``text`` opens with none: what follows a
    subject after that aside is what was said."""
    head = text.lstrip(" ،,")
    if not head or _according(_words(head), 0, attribution_words()) is None:
        return 0
    start = len(text) - len(head)
    commas = [i for i in (text.find("،", start), text.find(",", start)) if i >= 0]
    return min(commas) + 1 if commas else 0


def _english(speaker: list[_Word], table: AttributionWords) -> str | None:
    """The speaker's English from the table, kept only when it passes the support checks
    against the speaker's own Arabic words; a country adjective after the table's words is
    kept as "of <country>" («وزارة الصحة الليبية»: the health ministry of Libya)."""
    folded = tuple(w.folded for w in speaker)
    arabic = " ".join(w.text for w in speaker)
    for phrase, english in table.speakers:
        if folded[: len(phrase)] == phrase:
            problems = unsupported_reasons(english, [arabic]) + word_problems(english, [arabic])
            if problems:
                return None
            rest = speaker[len(phrase) :]
            country = country_of_adjective(rest[-1].text) if len(rest) == 1 else None
            if country is None:
                return None if rest else english  # words after it may be the object
            return f"{english} of {'the ' if country.startswith('United ') else ''}{country}"
    return None


def find_speaker(quote: str) -> tuple[SaidBy, bool] | None:
    """The first speaker the quote names, and whether the speaker denies (a denial verb).

    >>> said, denies = find_speaker("وقال مسؤول أميركي إن القوات ستبقى")
    >>> (said.ar, denies)
    ('مسؤول أميركي', False)
    """
    table = attribution_words()
    words = _words(quote)
    for i, word in enumerate(words):
        start: int | None = None
        denies = _is(word.folded, table.denial)
        if denies or _is(word.folded, table.reporting):
            start = i + 1
        else:
            start = _according(words, i, table)
            if start is not None and start < len(words):
                words[start] = _after_preposition(words[start])
        if start is None:
            continue
        speaker = _subject(words, start, table)
        if speaker:
            known = _known_prefix(speaker, table)
            speaker, english = known if known is not None else (speaker, None)
            ar = " ".join(w.text for w in speaker)
            return SaidBy(en=english, ar=ar), denies
    return None


@dataclass(frozen=True)
class Statement:
    """A sentence's first reporting, denial or action verb in the perfect, with a subject whose
    English is known: who said (announced, denied…) or did (decided, won…) something, and
    where in the sentence the subject's words end."""

    speaker: SaidBy
    verb_en: str
    end: int  # where the subject's words end in the sentence
    reports: bool = True  # a reporting or denial verb: the subject is who said it
    # Where the verb starts, when it stands apart from its subject («حقق المنتخب إنجازا غير
    # مسبوق، حيث تأهل»): the words between are another clause's, not what the line renders.
    verb_at: int | None = None
    # «تم طرد اللاعب فلان»: the subject is what the act was done to; it did nothing itself
    passive: bool = False


def statement(sentence: str) -> Statement | None:
    """Who stated or did something in ``sentence`` and by which verb («أعلنت وزارة المالية»:
    the finance ministry, announced; «قررت الحكومة»: the government, decided), or None: no
    perfect verb of the tables with a subject of known English, or a negated verb («لم يعلن»).

    >>> said = statement("وأعلنت الحكومة أمس خطة جديدة")
    >>> (said.speaker.en, said.verb_en)
    ('the government', 'announced')
    """
    table = attribution_words()
    words = _words(sentence)
    labelled = _labelled_statement(sentence, words, table)
    if labelled is not None:
        return labelled
    for i, word in enumerate(words):
        verb = word.folded[1:] if word.folded[:1] in _CLITICS else word.folded
        if verb in _WAS:
            done = _pluperfect(sentence, words, i, table)
            if done is not None:
                return done
            continue
        if _is(word.folded, table.passive_auxiliaries) and not _unasserted(words, i, table):
            done = _passive(sentence, words, i, table)
            if done is not None:
                return done
        reported, english = _act((word.folded, verb), table)
        guarded = None if english else _guarded((word.folded, verb), table)
        english = guarded[0] if guarded is not None else english
        happens = table.happening_verbs.get(word.folded) or table.happening_verbs.get(verb)
        phrased = () if english else _phrased((word.folded, verb), table)
        complement, phrase_act = None, None
        for phrase, phrase_english in phrased:
            complement = _complement_end(words, i + 1, phrase)
            if complement is not None:
                happens = phrase_act = phrase_english
                break
        if english is None and happens is None:
            done = _verbal_noun_act(sentence, words, i, table)
            if done is not None:
                return done
            continue
        if i and words[i - 1].folded in _NEGATIONS:
            return None  # what follows is denied or did not happen
        if i and words[i - 1].folded in _RELATIVES:
            continue  # «السيل الذي ضرب اليمن»: the subject stands before; after it, the object
        if i and _conditional(words[i - 1], table):
            continue  # «في حال دخلت الهدنة حيز التنفيذ»: it may happen; it did not yet
        happening = _happening(words, i + 1, table) if happens and not reported else None
        if happens is not None and happening is not None:  # «ودخلت الهدنة حيز التنفيذ»
            size, said_en = happening
            start = _end_of(sentence, [w.text for w in words[: i + 1]])
            end = _end_of(sentence, [w.text for w in words[: i + 1 + size]])
            after = _end_of(sentence, [w.text for w in words[:complement]]) if complement else end
            ar = sentence[start:end].strip(" ،,")
            return Statement(SaidBy(en=said_en, ar=ar), happens, max(end, after), reports=False)
        english = english or phrase_act  # «فرض اللاعب فلان نفسه»: who acts, a phrase's act
        if english is None:
            continue  # «دخل الوفد القاعة», «انتهت اللجنة من»: no happening, no action of the table
        subject, said = _resolved_subject(words, i + 1, table)
        if guarded is not None and not _guard_holds(guarded[1], words, i + 1, subject, table):
            continue
        if said is None and i and words[i - 1].folded in _WHEREBY:
            elided = _main_subject(words, i, table)
            if elided is not None:  # «حقق المنتخب إنجازا، حيث تأهل …»: the team qualified
                end = _end_of(sentence, [word.text for word in words[: i + 1]])
                verb_at = _end_of(sentence, [word.text for word in words[:i]])
                ar = " ".join(word.text for word in elided[0])
                said_by = SaidBy(en=elided[1], ar=ar)
                return Statement(said_by, english, end, reports=False, verb_at=verb_at)
        if said is not None:
            start = _end_of(sentence, [word.text for word in words[: i + 1]])
            end = _end_of(sentence, [word.text for word in words[: i + 1] + subject])
            place = _is_place(sentence[start:end], said)
            others, end = _coordinated(sentence, end) if place else ([], end)
            if others:  # «أعلنت تونس والجزائر وليبيا»: Tunisia, Algeria and Libya
                said = ", ".join([said, *others[:-1]]) + f" and {others[-1]}"
            ar = sentence[start:end].strip(" ،,")
            return Statement(SaidBy(en=said, ar=ar), english, end, reports=reported is not None)
    return None


def _labelled_statement(
    sentence: str, words: list[_Word], table: AttributionWords
) -> Statement | None:
    """A speaker the tables know opening the sentence, a colon right after it («وزارة الصحة:
    تسجيل 1200 إصابة جديدة»): the way a headline says who says what, with no verb; the
    speaker said it. None otherwise."""
    subject, said = _resolved_subject(words, 0, table)
    if said is None or not subject:
        return None
    end = _end_of(sentence, [word.text for word in subject])
    if not sentence[end:].lstrip().startswith(":"):
        return None
    return Statement(SaidBy(en=said, ar=sentence[:end].strip()), "said", end, reports=True)


_OPENING_VERB = re.compile(rf"\s*([{ARABIC_LETTERS}]+)\s*([{ARABIC_LETTERS}]+|[:،,\"“«])")


def continued_statement(sentence: str, previous: str, before: Statement) -> Statement | None:
    """The statement ``before`` of the sentence ``previous`` continued by ``sentence``, which
    opens with a verb of saying and no subject («وأضافت: …», «وأشارت إلى أن …»: what follows
    the verb, ``continuation_openers``, cannot start one): the same speaker says more. The
    verb must agree with that speaker in gender («وأضافت» after «أعلنت الوزارة», not after
    «قال الوزير»), and that speaker must be the last one named: None when ``before`` reports
    nothing, has several speakers («أعلنت مصر والأردن»: a dual or plural verb
    would follow) or another verb of saying follows it in ``previous`` («… وأشار البيان»).
    Its ``end`` is where the verb ends in ``sentence``."""
    table = attribution_words()
    opened = _OPENING_VERB.match(sentence)
    if opened is None or not before.reports or _several(before.speaker.en or ""):
        return None
    if any(_said_with(w.folded, table) for w in _words(previous[before.end :])):
        return None
    word = fold(opened.group(1))
    verb = word[1:] if word[:1] in _CLITICS and word[1:] in table.continuing else word
    english = table.continuing.get(verb)
    if english is None or fold(opened.group(2)) not in table.openers:
        return None
    feminine_verb = verb.endswith("ت") and verb[:-1] in table.continuing
    if feminine_verb is not _feminine(before.speaker.ar or ""):
        return None
    return Statement(before.speaker, english, opened.end(1), reports=True)


def _verbal_noun_act(
    sentence: str, words: list[_Word], i: int, table: AttributionWords
) -> Statement | None:
    """The act a verbal noun names right after «بعد» or another of ``after_words``, with its
    subject after it («بعد فوز المنتخب الأردني على عمان»: Jordan won), or None."""
    english = table.verbal_nouns.get(words[i].folded)
    after_word = i > 0 and _is(words[i - 1].folded, table.after_words)
    if english is None or not after_word or words[i - 1].ends:
        return None
    subject, said = _resolved_subject(words, i + 1, table)
    if said is None or words[i].ends:
        return None
    return _act_on(sentence, words, (i, i + 1), subject, said, english)


@lru_cache(maxsize=1)
def clause_openers() -> re.Pattern[str]:
    """The words of ``clause_openers`` (with a clitic «و»), as whole words: each starts a
    clause with a subject of its own («… لكن تم طرد اللاعب فلان»)."""
    words = sorted(attribution_words().clause_openers, key=len, reverse=True)
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![{ARABIC_LETTERS}])و?(?:{alternatives})(?![{ARABIC_LETTERS}])")


def _unasserted(words: list[_Word], i: int, table: AttributionWords) -> bool:
    """Whether the verb at ``i`` is negated («لم»), in a relative clause («الذي») or a
    condition («إذا»): it does not say that something happened."""
    if i == 0:
        return False
    before = words[i - 1]
    return before.folded in _NEGATIONS or before.folded in _RELATIVES or _conditional(before, table)


def _passive(
    sentence: str, words: list[_Word], i: int, table: AttributionWords
) -> Statement | None:
    """The act of a verbal noun after an auxiliary of the passive at ``i`` («تم طرد اللاعب
    فلان»: the player was expelled), whose object the tables know, or None."""
    noun = words[i + 1] if i + 1 < len(words) and not words[i].ends else None
    english = table.passive_nouns.get(noun.folded) if noun is not None else None
    if noun is None or english is None or noun.ends:
        return None
    subject, said = _resolved_subject(words, i + 2, table)
    happening = _happening(words, i + 2, table) if said is None else None
    if happening is not None:  # «تم تأجيل الاجتماع»: the meeting was postponed
        subject, said = words[i + 2 : i + 2 + happening[0]], happening[1]
        if said.endswith("s"):  # the elections, the talks
            english = english.replace("was ", "were ", 1)
    if said is None:
        return None
    return _act_on(sentence, words, (i, i + 2), subject, said, english, passive=True)


def _act_on(
    sentence: str,
    words: list[_Word],
    span: tuple[int, int],
    subject: list[_Word],
    said: str,
    english: str,
    *,
    passive: bool = False,
) -> Statement:
    """The statement of an act named by the words of ``span`` (a verbal noun, with the
    auxiliary of a passive), whose ``subject`` (of English ``said``) follows them."""
    first, after = span
    start = _end_of(sentence, [word.text for word in words[:after]])
    end = _end_of(sentence, [word.text for word in words[:after] + subject])
    verb_at = _end_of(sentence, [word.text for word in words[:first]])
    said_by = SaidBy(en=said, ar=sentence[start:end].strip(" ،,"))
    return Statement(said_by, english, end, reports=False, verb_at=verb_at, passive=passive)


def _conditional(word: _Word, table: AttributionWords) -> bool:
    """Whether ``word`` opens a condition («إذا», «وإذا», «حال» of «في حال», «إن»)."""
    written = _MARKS.sub("", word.text)
    return _is(word.folded, table.conditionals) or _is(written, table.written_conditionals)


_THAT = fold("أن")
_MARKS = re.compile("[\u064B-\u0652\u0640]")  # vowel marks and tatweel


def _several(speaker_en: str) -> bool:
    return " and " in speaker_en or "," in speaker_en


def says(word: str) -> bool:
    """Whether ``word`` is a verb of saying or denying of the tables, with or without its
    clitic («وقال», «أكدت», «نفى»): its subject is a speaker."""
    table = attribution_words()
    folded = fold(word.strip(" ،,.:"))
    return _said_with(folded, table) or _is(folded, table.denial)


def _said_with(folded: str, table: AttributionWords) -> bool:
    """Whether a folded word is a verb of saying, with or without its clitic."""
    bare = folded[1:] if folded[:1] in _CLITICS else folded
    return any(w in table.continuing or w in table.reporting for w in (folded, bare))


def _feminine(subject_ar: str) -> bool:
    """Whether a subject's head word is feminine by its ending («الوزارة», «المفوضية»: ة):
    a feminine name without it («مصر») reads as masculine, and no verb is matched to it."""
    head = _WORD.search(subject_ar)
    return head is not None and fold(head.group()).endswith("ه")


_MOST_NAME_WORDS = 4  # words of a person's name before the title that says who it is
_WAS = frozenset(fold(w) for w in ("كان", "كانت"))
_MOST_SUBJECT_ADJECTIVES = 2  # words of a subject the tables lack before «قد» («المؤقتة»)
_ALREADY = fold("قد")


def _resolved_subject(
    words: list[_Word], start: int, table: AttributionWords
) -> tuple[list[_Word], str | None]:
    """The words of the subject that starts at ``start`` and its English, or None: the longest
    run of its words that the tables know (the words after it are the object: «أقرت الحكومة
    الموازنة»: the government), a country after the word for it («منتخب تونس», «دولة
    الكويت»), or a person's name and the title after its comma."""
    if start < len(words) and words[start].folded and is_cardinal_word(words[start].text):
        start += 1  # «ثلاثة مصادر»: the number is the normalizer's; who spoke follows it
    subject = _subject(words, start, table)
    if len(subject) == 1 and subject[0].folded in table.country_heads:
        subject = words[start : start + 2]  # «منتخب تونس»: an indefinite head, then the name
    known = _known_prefix(subject, table) if subject else None
    if known is None and subject and subject[0].folded in table.state_heads:
        known = _known_prefix(_state_words(words, start), table)  # «دولة الكويت»
    if known is not None:
        # «وزير الخارجية نبيل فهمي»: a title of the tables, then the name of who holds it
        holder = _person(words, start, name_at=len(known[0]))
        return holder if holder is not None else known
    titled = _titled(words, start, table) or _person(words, start)
    return titled if titled is not None else (subject, None)


_PERSON_REACH = 10  # words of a role, its adjective and a name («اللاعب العراقي فلان …»)
_ROLE_WORDS = 3  # words before a name: a role, its complement and its adjective
_TITLE_WORDS = 5  # words of a title after a name, before its comma


def _person(
    words: list[_Word], start: int, *, name_at: int | None = None
) -> tuple[list[_Word], str] | None:
    """A person named at ``start`` (after a role, «اللاعب محمد صلاح»), in the attested spelling
    of :func:`summarizer.people.people_in`: the words through the name, and the name. The
    words before the name open with a role (``opens_name``), or are ``name_at`` words (a
    title the tables know) when given."""
    phrase: list[_Word] = []
    for word in words[start : start + _PERSON_REACH]:
        phrase.append(word)
        if word.ends:
            break
    text = " ".join(word.text for word in phrase)
    found = people_in(text)
    if not found:
        return None
    before = len(text[: found[0].start].split())
    if name_at is not None and before != name_at:
        return None
    if name_at is None and (before > _ROLE_WORDS or (before and not opens_name(phrase[0].text))):
        return None  # «المحكمة فوز فلان»: the words before a name are no role of it
    size = before + len(found[0].arabic.split())
    if size < len(phrase) and not phrase[size - 1].ends and opens_title(phrase[size].text):
        # «اللواء فلان محافظ البحر الأحمر، لجنة …»: the title after the name, to its comma,
        # says who the person is; what was done follows it.
        title = next((k for k in range(size, len(phrase)) if phrase[k].ends), None)
        size = title + 1 if title is not None and title - size < _TITLE_WORDS else size
    return phrase[:size], found[0].latin


def _main_subject(
    words: list[_Word], before: int, table: AttributionWords
) -> tuple[list[_Word], str] | None:
    """The subject of the sentence's opening verb, for a verb of the tables after «حيث» or
    «إذ» with none of its own (``before``: where it stands): the same subject did it. None
    when the sentence does not open with a perfect verb and a subject the tables know."""
    found = lexicon()
    opening = found.literal(words[0].text) if found is not None and words else None
    if opening is None or not opening.category.startswith("PV") or before < 2:
        return None
    subject, said = _resolved_subject(words, 1, table)
    return (subject, said) if said is not None and 1 + len(subject) < before else None


_WHEREBY = frozenset(fold(w) for w in ("حيث", "إذ"))


def _known_prefix(
    subject: list[_Word], table: AttributionWords
) -> tuple[list[_Word], str] | None:
    """The longest run of words that opens ``subject`` and has an English, with it."""
    for size in range(len(subject), 0, -1):
        english = _subject_english(subject[:size], table)
        if english is not None:
            return subject[:size], english
    return None


def _pluperfect(
    sentence: str, words: list[_Word], i: int, table: AttributionWords
) -> Statement | None:
    """«وكانت الحكومة (قد) قررت …»: the subject stands between «كان» and its verb (what had
    been done or said before); the statement of that subject and verb, or None."""
    subject, said = _resolved_subject(words, i + 1, table)
    j = i + 1 + len(subject)
    # «وكانت الحكومة الليبية المؤقتة قد قررت»: definite words before «قد» are the subject's (an
    # adjective the tables lack), since «قد» stands right before the verb; a verb before it
    # is the statement's own («وكانت الحكومة أعلنت أنها قد …»).
    ahead = words[j : j + _MOST_SUBJECT_ADJECTIVES + 1]
    already = next((k for k, word in enumerate(ahead) if word.folded == _ALREADY), None)
    if already is not None and all(w.folded.startswith("ال") for w in ahead[:already]):
        j += already + 1
    if said is None or j >= len(words):
        return None
    reported, english = _act((words[j].folded,), table)
    if english is None:
        return None
    end = _end_of(sentence, [word.text for word in words[: j + 1]])
    ar = " ".join(word.text for word in subject)
    return Statement(SaidBy(en=said, ar=ar), english, end, reports=reported is not None)


def _guarded(forms: tuple[str, ...], table: AttributionWords) -> tuple[str, str] | None:
    """The English of a verb read only with a subject of some kind (``person_verbs``,
    ``masculine_verbs``), and that kind ("person" or "masculine"), for the first of its folded
    ``forms`` that is one; None otherwise."""
    for form in forms:
        if form in table.person_verbs:
            return table.person_verbs[form], _PERSON
        if form in table.masculine_verbs:
            return table.masculine_verbs[form], _MASCULINE
    return None


_PERSON, _MASCULINE = "person", "masculine"


def _guard_holds(
    kind: str, words: list[_Word], start: int, subject: list[_Word], table: AttributionWords
) -> bool:
    """Whether the subject at ``start`` is of the ``kind`` a guarded verb needs: a person
    named there (:func:`_person`), or for "masculine" also a team («المنتخب الأردني»,
    «منتخب الأردن») or a country of ``masculine_countries`` («الأردن»)."""
    if _person(words, start) is not None:
        return True
    if kind != _MASCULINE or not subject or _feminine(subject[0].text):
        return False
    head = subject[0].folded
    return head in table.country_heads or " ".join(w.folded for w in subject) in table.masculine


def _phrased(
    forms: tuple[str, ...], table: AttributionWords
) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The phrases (and their English) of the first of a verb's folded ``forms`` that is a
    phrase action's verb, or none."""
    return next((table.phrase_actions[f] for f in forms if f in table.phrase_actions), ())


def _act(forms: tuple[str, ...], table: AttributionWords) -> tuple[str | None, str | None]:
    """The English of the first of a verb's folded ``forms`` that the tables give as a
    reporting verb, and that of a reporting verb or else an action (both None: neither)."""
    reported = next((table.verbs[f] for f in forms if f in table.verbs), None)
    action = next((table.actions[f] for f in forms if f in table.actions), None)
    return reported, reported or action


_COMPLEMENT_REACH = 16  # words after a phrase action's verb in which its phrase may stand


def _happening(
    words: list[_Word], start: int, table: AttributionWords
) -> tuple[int, str] | None:
    """A happening of the table that the words at ``start`` name («اتفاق الهدنة»,
    «الانتخابات»): how many words, and its English; None otherwise."""
    folded = tuple(w.folded for w in words[start : start + 6])
    for phrase, english in table.happenings:
        if folded[: len(phrase)] == phrase:
            return len(phrase), english  # the table's own translation of a fixed phrase
    return None


def _complement_end(words: list[_Word], start: int, phrase: tuple[str, ...]) -> int | None:
    """The index after ``phrase`` when it stands within a few words after ``start`` in the
    verb's clause («دخل الاتفاق حيز التنفيذ»), else None."""
    for k in range(start, min(start + _COMPLEMENT_REACH, len(words))):
        if tuple(w.folded for w in words[k : k + len(phrase)]) == phrase:
            return k + len(phrase)
        if words[k].ends and k > start:
            return None
    return None


def _end_of(sentence: str, texts: list[str]) -> int:
    """Where the last of ``texts`` ends, finding each after the one before it."""
    end = 0
    for text in texts:
        at = sentence.find(text, end)
        end = at + len(text) if at >= 0 else end
    return end


def _state_words(words: list[_Word], start: int) -> list[_Word]:
    """The word for a state and the country's name after it («دولة الكويت», «جمهورية العراق»)."""
    named = names_in(" ".join(w.text for w in words[start + 1 : start + 1 + _MOST_NAME_WORDS]))
    if not named or named[0].start != 0:
        return words[start : start + 1]
    size = len(" ".join(w.text for w in words[start + 1 :])[: named[0].end].split())
    return words[start : start + 1 + size]


def _titled(
    words: list[_Word], start: int, table: AttributionWords
) -> tuple[list[_Word], str] | None:
    """A person's name and the title after it, with or without a comma («سامي خليل، رئيس
    المحكمة العليا», «وقال سامي خليل المدير العام لهيئة الموانئ»): the words through the
    title, and the title's English (the name is not romanized). Without a comma, the name's
    words are indefinite (a definite word there may begin the object) and the title is one
    of ``title_heads``, before the body it heads."""
    for k in range(start, min(start + _MOST_NAME_WORDS, len(words))):
        if not words[k].folded or words[k].folded in table.stops:
            return None
        if words[k].ends:
            known = _known_prefix(_subject(words, k + 1, table), table)
            if known is None:
                known = _title_of_body(words, k + 1, table)
            return (words[start : k + 1] + known[0], known[1]) if known is not None else None
        if k > start and words[k].folded in table.title_heads:  # «سامي خليل رئيس المحكمة»
            titled = _known_prefix(_subject(words, k, table), table)
            return (words[start:k] + titled[0], titled[1]) if titled is not None else None
        if k > start and words[k].folded.startswith("ال"):
            found = _title_of_body(words, k, table)
            return (words[start:k] + found[0], found[1]) if found is not None else None
    return None


_GENERAL = fold("العام")  # «المدير العام», «الأمين العام»: director-general, secretary-general


def _title_of_body(
    words: list[_Word], k: int, table: AttributionWords
) -> tuple[list[_Word], str] | None:
    """A title with the article and the body it heads, after a clitic «ل» («المدير العام
    لمنظمة الصحة العالمية»: the director-general of the World Health Organization), from
    word ``k``: its words and English, or None unless the body is a speaker of the tables."""
    head = table.title_heads.get(words[k].folded.removeprefix("ال")) if k < len(words) else None
    if head is None or not words[k].folded.startswith("ال"):
        return None
    j = k + 1
    if j < len(words) and words[j].folded == _GENERAL:
        head, j = f"{head}-general", j + 1
    if j >= len(words) or words[k].ends:
        return None
    body = [_after_preposition(words[j]), *words[j + 1 :]]
    known = _known_prefix(_subject(body, 0, table), table)
    if known is None or not known[1].startswith("the "):
        return None
    english = f"the {head} of {known[1]}"
    arabic = " ".join(w.text for w in words[k : j + len(known[0])])
    if word_problems(english, [arabic]):
        return None
    return words[k : j + len(known[0])], english


def _coordinated(sentence: str, end: int) -> tuple[list[str], int]:
    """The places joined by «و» right after a subject that ends at ``end`` («وليبيا», «ودولة
    الكويت», «والمملكة المتحدة»), and where they end."""
    heads = attribution_words().state_heads
    rest, pos, others = sentence[end:], 0, []
    for named in names_in(rest):
        gap = rest[pos : named.start].split()
        written = rest[named.start : named.end]
        joined = not gap and written.startswith("و")
        headed = len(gap) == 1 and gap[0][:1] == "و" and fold(gap[0][1:]) in heads
        if not (joined or headed):
            break
        others.append(named.english)
        pos = named.end
    return others, end + pos


def _is_place(arabic: str, english: str) -> bool:
    """Whether a subject is the place it names («العراق», «جمهورية العراق»)."""
    return any(named.english == english for named in names_in(arabic))


def _subject_english(subject: list[_Word], table: AttributionWords) -> str | None:
    """A subject's English: a speaker of the table, a place («أعلنت مصر», «جمهورية
    العراق»), a country after one of the words that stand for it («منتخب الأردن», «المنتخب
    العراقي»: Jordan, Iraq), or a title before a body of the table («رئيس المحكمة العليا»:
    the head of the court)."""
    ar = " ".join(w.text for w in subject)
    found = _english(subject, table) or _country(ar) or _state(subject, table)
    if found is not None or len(subject) < 2:
        return found
    if subject[0].folded in table.country_heads:
        return _country(subject[-1].text) or country_of_adjective(subject[-1].text)
    head = table.title_heads.get(subject[0].folded)
    body = _english(subject[1:], table) if head else None
    if head is None or body is None or not body.startswith("the "):
        return None
    english = f"the {head} of {body}"
    return None if word_problems(english, [ar]) else english


def _state(subject: list[_Word], table: AttributionWords) -> str | None:
    """A country named after the word for a state («جمهورية العراق», «دولة الكويت»)."""
    if len(subject) < 2 or subject[0].folded not in table.state_heads:
        return None
    named = names_in(" ".join(w.text for w in subject[1:]))
    return named[0].english if named and named[0].start == 0 else None  # the first name only


def _country(arabic: str) -> str | None:
    """A speaker that is one place's name («أعلنت مصر», «كوريا الجنوبية»): its English."""
    named = names_in(arabic)
    whole = len(named) == 1 and named[0].start == 0 and named[0].end == len(arabic.strip())
    place = named[0].english if whole else None
    if place is None and len(arabic.split()) == 1:
        place = place_near(arabic, 0, len(arabic))
    return place if place and not unsupported_reasons(place, [arabic]) else None


_NEGATIONS = frozenset(fold(w) for w in ("لم", "لا", "لن", "ما", "ولم", "ولا"))
_RELATIVES = frozenset(fold(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللواتي"))


def denies(quote: str) -> bool:
    """True when the quote holds a denial verb («نفى», «نفت», «ينفي»)."""
    table = attribution_words()
    return any(_is(w.folded, table.denial) for w in _words(quote))


def _said_by(item: BriefItem) -> SaidBy | None:
    for source in item.sources:
        found = find_speaker(source.quote)
        if found is not None:
            return found[0]
    return None


def _vector(quotes: list[str]) -> Counter[str]:
    table = attribution_words()
    return Counter(
        w.folded
        for q in quotes
        for w in _words(q)
        if len(w.folded) > 2 and w.folded not in table.stops and not _is(w.folded, table.denial)
    )


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(a[k] * b[k] for k in a.keys() & b.keys())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _dispute(
    ids: list[str],
    claim: list[Source],
    denial: list[Source],
    claim_text: BriefItem,
    denial_text: BriefItem,
) -> Dispute:
    found = next((f for s in denial if (f := find_speaker(s.quote)) is not None and f[1]), None)
    return Dispute(
        item_ids=ids,
        claim=claim_text.text,
        denial=denial_text.text,
        claim_sources=claim,
        denial_sources=denial,
        denied_by=found[0] if found else None,
    )


def find_disputes(items: list[tuple[str, BriefItem]]) -> list[Dispute]:
    """Claims reported by one article and denied by another: an item whose sources hold both
    (the merge joined them by subject), or a denying item and a claiming item of other articles
    whose quotes share their content words (cosine ≥ ``SAME_CLAIM``)."""
    disputes: list[Dispute] = []
    denials: list[tuple[str, BriefItem]] = []
    claims: list[tuple[str, BriefItem]] = []
    for item_id, item in items:
        deny = [s for s in item.sources if denies(s.quote)]
        told = [s for s in item.sources if not denies(s.quote)]
        if deny and told and {s.article_id for s in deny} - {s.article_id for s in told}:
            disputes.append(_dispute([item_id], told, deny, item, item))
        elif deny:
            denials.append((item_id, item))
        else:
            claims.append((item_id, item))
    for denial_id, denial in denials:
        own = {s.article_id for s in denial.sources}
        vector = _vector([s.quote for s in denial.sources])
        scored = [
            (_cosine(vector, _vector([s.quote for s in claim.sources])), claim_id, claim)
            for claim_id, claim in claims
            if not own & {s.article_id for s in claim.sources}
        ]
        best = max(scored, key=lambda p: p[0], default=None)
        if best is not None and best[0] >= SAME_CLAIM:
            _, claim_id, claimed = best
            disputes.append(
                _dispute([claim_id, denial_id], claimed.sources, denial.sources, claimed, denial)
            )
    return disputes


def with_speakers(items: list[T]) -> list[T]:
    """The items with ``said_by`` set from their quotes (None when no quote names a speaker)."""
    return [item.model_copy(update={"said_by": _said_by(item)}) for item in items]


def add_attribution(brief: Brief) -> Brief:
    """The brief with every item's speaker (``said_by``); disputes are found after stories."""
    return brief.model_copy(
        update={
            "deadlines": with_speakers(brief.deadlines),
            "figures": with_speakers(brief.figures),
            "events": with_speakers(brief.events),
        }
    )
