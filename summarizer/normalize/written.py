"""Dates as precisely as the text writes them: the words of ``data/written_dates.json``.

The parser keeps a normalized ISO value for every date (``Mention.date``); this module holds
what that value cannot say — the part of a period («منتصف أيلول» is mid-September, not
September), and the coming days, weeks or months («في الأسابيع المقبلة») — so the brief can
show a date no more and no less precise than its article.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from summarizer.normalize.vocab import fold


@dataclass(frozen=True)
class WrittenWords:
    """The validated, folded tables of ``data/written_dates.json``."""

    parts: dict[str, str]  # folded Arabic part word -> part ("mid", "end", ...)
    part_en: dict[str, str]  # part -> English pattern with {when}
    part_ar: dict[str, str]  # part -> Arabic word written before the period
    coming_nouns: dict[str, str]  # folded plural noun with article -> unit
    coming_few: frozenset[str]
    coming_en: dict[str, str]  # unit -> English words
    coming_ar: dict[str, str]  # unit -> Arabic words


def _strings(raw: object, where: str) -> dict[str, str]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"data/written_dates.json: '{where}' must be a non-empty object")
    for key, value in raw.items():
        if not (isinstance(key, str) and key and isinstance(value, str) and value):
            raise ValueError(f"data/written_dates.json: '{where}' must map strings to strings")
    return dict(raw)


def _bilingual(raw: object, where: str, keys: set[str]) -> tuple[dict[str, str], dict[str, str]]:
    if not isinstance(raw, dict) or set(raw) != keys:
        raise ValueError(f"data/written_dates.json: '{where}' must list exactly {sorted(keys)}")
    en, ar = {}, {}
    for key, words in raw.items():
        pair = _strings(words, f"{where}.{key}")
        if set(pair) != {"en", "ar"}:
            raise ValueError(f"data/written_dates.json: '{where}.{key}' needs en and ar")
        en[key], ar[key] = pair["en"], pair["ar"]
    return en, ar


def parse_written(data: object) -> WrittenWords:
    """Validate the raw JSON of ``data/written_dates.json``; raise ValueError when malformed."""
    if not isinstance(data, dict):
        raise ValueError("data/written_dates.json must hold an object")
    parts = _strings(data.get("parts"), "parts")
    part_en, part_ar = _bilingual(data.get("part_words"), "part_words", set(parts.values()))
    if any("{when}" not in pattern for pattern in part_en.values()):
        raise ValueError("data/written_dates.json: every part_words.en needs '{when}'")
    nouns = _strings(data.get("coming_nouns"), "coming_nouns")
    coming_en, coming_ar = _bilingual(data.get("coming_words"), "coming_words", set(nouns.values()))
    few = data.get("coming_few")
    if not isinstance(few, list) or not all(isinstance(w, str) and w for w in few):
        raise ValueError("data/written_dates.json: 'coming_few' must be a list of strings")
    return WrittenWords(
        parts={fold(k): v for k, v in parts.items()},
        part_en=part_en,
        part_ar=part_ar,
        coming_nouns={fold(k): v for k, v in nouns.items()},
        coming_few=frozenset(fold(w) for w in few),
        coming_en=coming_en,
        coming_ar=coming_ar,
    )


@lru_cache(maxsize=1)
def written_words() -> WrittenWords:
    """Load ``data/written_dates.json`` once."""
    raw = (
        resources.files("summarizer")
        .joinpath("data", "written_dates.json")
        .read_text(encoding="utf-8")
    )
    return parse_written(json.loads(raw))
