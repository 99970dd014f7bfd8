"""The data files of the normalizer's tables (calendar, numbers, units, cues, lexicon) are sound:
they parse, have their shape, their words are in the script they should be, and they agree."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from typing import Any, get_args

import pytest

from summarizer.models import Approx
from summarizer.normalize import vocab
from summarizer.normalize.lexicon import action_in, event_kind
from summarizer.normalize.vocab import fold, month_named, word_list, word_table

# Arabic letters (tatweel among them) and shadda, words one space apart.
ARABIC = re.compile(r"[\u0621-\u064A\u0651]+(?: [\u0621-\u064A\u0651]+)*")
LATIN = re.compile(r"[a-z]+(?: [a-z]+)*")  # English words news text writes, lowercase as folded
ENGLISH = re.compile(r"[A-Za-z](?:[A-Za-z' -]*[A-Za-z])?")  # labels, names, qualifiers
PERCENT = re.compile(r"%")
MIXED = (ARABIC, LATIN)

# Every key of every file (but "about") and the scripts its words may be written in: the items
# of a list, the keys of an object (for counted_nouns also the forms, for currency_adjectives the
# adjectives, for the lexicon's rules their phrases).
SCRIPTS: dict[str, dict[str, tuple[re.Pattern[str], ...]]] = {
    "calendar": {
        "months": MIXED,
        "ambiguous_months": MIXED,
        "hijri_months": (ARABIC,),
        "weekdays": (ARABIC,),
        "weekday_blockers": (ARABIC,),
        "day_time_words": (ARABIC,),
        "modifiers": (ARABIC,),
        "last_words": (ARABIC,),
        "period_nouns": (ARABIC,),
        "this_words": (ARABIC,),
        "relative_days": (ARABIC,),
        "today_name_words": (ARABIC,),
        "part_words": (ARABIC,),
        "weak_part_words": (ARABIC,),
        "year_words": (ARABIC,),
        "year_preps": (ARABIC,),
        "ordinal_days": (ARABIC,),
        "event_name_words": (ARABIC,),
    },
    "numbers": {
        "unit_words": (ARABIC,),
        "teen_heads": (ARABIC,),
        "teen_tails": (ARABIC,),
        "ten_stems": (ARABIC,),
        "ten_endings": (ARABIC,),
        "hundred_word": (ARABIC,),
        "hundred_words": (ARABIC,),
        "hundred_prefixes": (ARABIC,),
        "hundred_suffixes": (ARABIC,),
        "scale_words": MIXED,
        "fractions": (ARABIC,),
        "vague_counts": (ARABIC,),
        "vague_scales": (ARABIC,),
        "few_words": (ARABIC,),
        "dual_nouns": (ARABIC,),
        "score_nouns": (ARABIC,),
        "score_tails": (ARABIC,),
        "score_words": (ARABIC,),
    },
    "units": {
        "counted_nouns": MIXED,
        "whole_units": (LATIN,),
        "time_units": (LATIN,),
        "percent_words": (*MIXED, PERCENT),
        "square_words": (ARABIC,),
        "currency_adjectives": (ARABIC,),
        "glued_units": (LATIN,),
        "disease_words": (ARABIC,),
        "subunits": (LATIN,),
    },
    "cues": {
        "date_cues": (ARABIC,),
        "at_least": (ARABIC,),
        "hedges": (ARABIC,),
        "post_hedges": (ARABIC,),
        "change_verbs": (ARABIC,),
        "range_openers": (ARABIC,),
        "duration_cues": (ARABIC,),
        "reference_words": MIXED,
        "reference_fillers": (ARABIC,),
        "after_blockers": MIXED,
        "forecast_words": (ARABIC,),
        "when_links": (ARABIC,),
        "back_links": (ARABIC,),
        "comparison_words": (ARABIC,),
        "since_words": (ARABIC,),
        "instead_words": (ARABIC,),
        "span_words": (ARABIC,),
        "each_words": (ARABIC,),
    },
    "lexicon": {
        "places": (ARABIC,),
        "territory_homographs": (ARABIC,),
        "homograph_nisbas": (ARABIC,),
        "party_heads": (ARABIC,),
        "actions": (ARABIC,),
        "completing_actions": (LATIN,),
        "outcomes": (ARABIC,),
        "event_kinds": (ARABIC,),
    },
}
FOLDED_FILES = ("calendar", "numbers", "units", "cues")  # the lexicon is matched as written
RULES = ("actions", "outcomes", "event_kinds")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    repeated = [key for key, n in Counter(key for key, _ in pairs).items() if n > 1]
    if repeated:
        raise ValueError(f"repeated keys: {repeated}")
    return dict(pairs)


def _load(name: str) -> dict[str, Any]:
    raw = resources.files("summarizer").joinpath("data", f"{name}.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw, object_pairs_hook=_unique_keys)
    return data


def _words(name: str, key: str) -> list[str]:
    """The words of an entry whose script is checked (see SCRIPTS)."""
    value = _load(name)[key]
    if key == "counted_nouns":
        return [*value, *(form for unit in value.values() for form in unit["forms"])]
    if key == "currency_adjectives":
        return [adjective for table in value.values() for adjective in table]
    if key in RULES:
        return [word for _, phrases in value for p in phrases for word in p.split() if word != "…"]
    if isinstance(value, str):
        return [value]
    return list(value)


def _lists(value: Any) -> list[list[Any]]:
    """Every list of words inside a value, however nested."""
    if isinstance(value, list):
        inner = [x for item in value for x in _lists(item)]
        return ([value] if all(isinstance(item, str) for item in value) else []) + inner
    if isinstance(value, dict):
        return [x for item in value.values() for x in _lists(item)]
    return []


ENTRIES = [(name, key) for name, keys in SCRIPTS.items() for key in keys]


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_data_file_parses_with_an_about_and_exactly_its_keys(name: str) -> None:
    data = _load(name)
    assert isinstance(data.pop("about"), str)
    assert set(data) == set(SCRIPTS[name])
    assert all(data.values()), "an empty table"


@pytest.mark.parametrize(("name", "key"), ENTRIES)
def test_word_lists_hold_distinct_non_empty_words(name: str, key: str) -> None:
    for words in _lists(_load(name)[key]):
        assert all(vocab.is_word(w) for w in words), f"{key}: {words}"
        assert len(set(words)) == len(words), f"{key}: repeated {Counter(words).most_common(1)}"


@pytest.mark.parametrize(("name", "key"), ENTRIES)
def test_words_are_written_in_the_script_of_their_table(name: str, key: str) -> None:
    scripts = SCRIPTS[name][key]
    odd = [w for w in _words(name, key) if not any(s.fullmatch(w) for s in scripts)]
    assert not odd, f"{key}: {odd}"


@pytest.mark.parametrize("name", FOLDED_FILES)
def test_spellings_that_fold_together_agree_on_their_value(name: str) -> None:
    for key, table in _load(name).items():
        if not isinstance(table, dict):
            continue
        values: dict[str, set[str]] = {}
        for word, value in table.items():
            values.setdefault(fold(word), set()).add(json.dumps(value))
        assert all(len(v) == 1 for v in values.values()), key


def _is_english(value: object) -> bool:
    return isinstance(value, str) and bool(ENGLISH.fullmatch(value))


def _is_count_in(low: int, high: int) -> Any:
    return lambda v: type(v) is int and low <= v <= high


# Each table's values (object values; a list's items are words, checked above).
VALUES: dict[tuple[str, str], Any] = {
    ("calendar", "months"): _is_count_in(1, 12),
    ("calendar", "weekdays"): _is_count_in(0, 6),
    ("calendar", "modifiers"): {"past", "next", "current"}.__contains__,
    ("calendar", "period_nouns"): {"month", "year", "week"}.__contains__,
    ("calendar", "relative_days"): _is_count_in(-2, 2),
    ("calendar", "ordinal_days"): _is_count_in(1, 31),
    ("numbers", "unit_words"): _is_count_in(1, 10),
    ("numbers", "teen_heads"): _is_count_in(11, 12),
    ("numbers", "ten_stems"): lambda v: v in range(20, 100, 10),
    ("numbers", "hundred_words"): lambda v: v in (100, 200),
    ("numbers", "hundred_prefixes"): _is_count_in(3, 9),
    ("numbers", "scale_words"): lambda v: (
        isinstance(v, list)
        and len(v) == 2
        and type(v[0]) is float
        and v[0] in (1e3, 1e6, 1e9, 1e12)
        and v[1] in (1, 2, None)
    ),
    ("numbers", "fractions"): lambda v: type(v) is float and 0 < v < 1,
    ("numbers", "vague_counts"): lambda v: (
        type(v) in (int, float) and v in (10, 100, 1e3, 1e6, 1e9)
    ),
    ("numbers", "vague_scales"): lambda v: type(v) is float and v in (1e3, 1e6, 1e9),
    ("numbers", "dual_nouns"): _is_english,
    ("numbers", "score_nouns"): lambda v: type(v) is int and 2 <= v <= 10,
    ("units", "counted_nouns"): lambda v: set(v) == {"unit", "forms"} and _is_english(v["unit"]),
    ("units", "currency_adjectives"): lambda v: all(
        isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code) for code in v.values()
    ),
    ("units", "subunits"): lambda v: isinstance(v, list) and bool(v) and all(map(_is_english, v)),
    ("cues", "date_cues"): _is_english,
    ("cues", "hedges"): set(get_args(Approx)).difference({"exact", "range"}).__contains__,
    ("cues", "post_hedges"): set(get_args(Approx)).difference({"exact", "range"}).__contains__,
    ("cues", "duration_cues"): _is_english,
    ("lexicon", "places"): _is_english,
    ("lexicon", "homograph_nisbas"): _is_english,
}


@pytest.mark.parametrize(("name", "key"), list(VALUES))
def test_table_values_have_their_type(name: str, key: str) -> None:
    table = _load(name)[key]
    assert isinstance(table, dict)
    bad = {word: value for word, value in table.items() if not VALUES[name, key](value)}
    assert not bad, f"{key}: {bad}"


def test_every_object_of_the_data_is_a_table_with_checked_values() -> None:
    objects = {(n, k) for n in SCRIPTS for k, v in _load(n).items() if isinstance(v, dict)}
    assert objects == set(VALUES)


@pytest.mark.parametrize("key", RULES)
def test_lexicon_rules_are_named_in_english_with_distinct_phrases(key: str) -> None:
    rules = _load("lexicon")[key]
    assert isinstance(rules, list) and rules
    for rule in rules:
        assert isinstance(rule, list) and len(rule) == 2, rule
        name, phrases = rule
        assert _is_english(name), name
        assert isinstance(phrases, list) and phrases, name
        for phrase in phrases:  # «…» (any text) stands only between two words
            words = phrase.split()
            assert words[0] != "…" and words[-1] != "…" and "… …" not in phrase, phrase


def test_days_and_weekdays_are_each_named() -> None:
    assert sorted(_load("calendar")["ordinal_days"].values()) == list(range(1, 32))
    assert set(_load("calendar")["weekdays"].values()) == set(range(7))
    assert set(_load("calendar")["months"].values()) == set(range(1, 13))


def test_narrower_word_lists_are_within_the_wider_ones() -> None:
    calendar, numbers, cues = _load("calendar"), _load("numbers"), _load("cues")
    assert set(calendar["ambiguous_months"]) <= set(calendar["months"])
    assert set(calendar["weak_part_words"]) <= set(calendar["part_words"])
    assert numbers["vague_scales"].items() <= numbers["vague_counts"].items()
    assert cues["at_least"] in cues["post_hedges"]


def test_units_named_by_other_tables_are_units_of_counted_nouns() -> None:
    units = {entry["unit"] for entry in _load("units")["counted_nouns"].values()}
    assert set(_load("units")["time_units"]) <= units
    assert set(_load("units")["currency_adjectives"]) <= units
    adjectives = _load("units")["currency_adjectives"].values()
    codes = {code for table in adjectives for code in table.values()}
    for subunit, currencies in _load("units")["subunits"].items():
        assert subunit in units and set(currencies) <= units | codes, subunit
    assert set(_load("numbers")["dual_nouns"].values()) <= units


def test_tables_hold_every_entry_of_their_data() -> None:
    months = _load("calendar")["months"]
    assert {tuple(fold(m).split()) for m in months} == {p for p, _ in vocab.MONTH_NAMES}
    assert len(vocab.TEN_WORDS) == 2 * len(_load("numbers")["ten_stems"])
    assert vocab.HUNDRED_WORDS[fold("ثلاثمائة")] == 300
    assert vocab.SCALE_WORDS[fold("آلاف")] == (1e3, None)
    assert vocab.CURRENCY_ADJECTIVES["lira", fold("سورية")] == "SYP"
    assert vocab.UNIT_NOUNS[fold("جنود")] == "troops"


def test_a_phrase_of_the_lexicon_spans_any_white_space_and_its_ellipsis_any_text() -> None:
    assert action_in("ويتوقع دخول الاتفاق الجديد حيز التنفيذ مطلع الشهر") == "takes effect"
    assert event_kind("وصدر بيان\nمشترك عن الجانبين") == "joint statement"


def test_malformed_data_is_refused_with_its_file_and_key(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = {"words": ["ok", ""], "table": {"كلمة": "x"}, "bad_table": {"كلمة": 1.5}}
    monkeypatch.setattr(vocab, "load_data", lambda name: fake)
    with pytest.raises(ValueError, match=r"data/fake\.json: 'words'"):
        word_list("fake", "words")
    with pytest.raises(ValueError, match=r"'missing'"):
        word_list("fake", "missing")
    assert word_table("fake", "table", vocab.is_word, "a word") == {"كلمة": "x"}
    with pytest.raises(ValueError, match=r"'bad_table': 'كلمة' must map to a count"):
        word_table("fake", "bad_table", vocab.is_count, "a count")


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("مارس", 3),
        ("وفي أيلول", 9),
        ("بشهر مايو", 5),
        ("يناير المقبل", 1),  # a month of no year still is that month
        ("يونيو/حزيران", 6),  # both of its names, as news agencies write it
        ("حزيران/يونيو", 6),
        ("يونيو/تموز", None),  # two months: no one month
        ("الأسبوع المقبل", None),
    ],
)
def test_a_month_is_named_by_either_of_its_names(text: str, month: int | None) -> None:
    assert month_named(text) == month
