"""The words the rendered brief shows around its content, in English and Arabic.

They live in ``words/en.json`` and ``words/ar.json`` (one flat object of non-empty strings
each, with the same keys; ``{name}`` marks a value filled in when rendering) and are read once.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Literal

Lang = Literal["en", "ar"]


class UnknownWord(KeyError):
    """The code asked for a word that the language's file does not hold."""


class _Words(dict[str, str]):
    """A language's word table whose misses name the file to add the word to."""

    def __init__(self, lang: Lang, table: dict[str, str]) -> None:
        super().__init__(table)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        raise UnknownWord(f"no word {key!r} in summarizer/render/words/{self.lang}.json")


@cache
def words(lang: Lang) -> Mapping[str, str]:
    """The UI words of one language, read from its file on first use.

    An unknown key raises ``UnknownWord`` (a ``KeyError``) that names the file to add it to.
    """
    path = files("summarizer.render").joinpath("words", f"{lang}.json")
    return parse_words(lang, path.read_text(encoding="utf-8"))


def parse_words(lang: Lang, raw: str) -> Mapping[str, str]:
    """A language's word table from its file's text; ``ValueError`` unless the text is one JSON
    object of non-empty strings."""
    table = json.loads(raw)
    if not isinstance(table, dict):
        raise ValueError(f"words/{lang}.json must hold one JSON object")
    bad = [k for k, v in table.items() if not isinstance(v, str) or not v.strip()]
    if bad:
        raise ValueError(f"words/{lang}.json: empty or non-text words: {', '.join(bad)}")
    return _Words(lang, table)
