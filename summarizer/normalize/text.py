"""Tolerant normalization of Arabic/English text with an offset map, and tokenization.

The normalized text folds spelling variants (hamza/alef forms, ى/ي, ة/ه, Persian letters),
drops diacritics, tatweel and invisible marks, folds Arabic-Indic and Persian digits and their
separators to ASCII and lowercases Latin letters. Every normalized character remembers the
offset of the original character it came from, so spans always point into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

TokenKind = Literal["ndate", "num", "word", "punct"]

_DIACRITICS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670"}
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}
_DROP = _DIACRITICS | _INVISIBLE | {"\u0640"}

_FOLD: dict[str, str] = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ی": "ي",
    "ې": "ي",
    "ة": "ه",
    "ۀ": "ه",
    "ە": "ه",
    "ک": "ك",
    "گ": "ك",
    "٬": ",",
    "٫": ".",
    "٪": "%",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
}
for _k in range(10):
    _FOLD[chr(0x0660 + _k)] = str(_k)
    _FOLD[chr(0x06F0 + _k)] = str(_k)


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalized text and, for every normalized character, its offset in the original."""

    text: str
    offsets: tuple[int, ...]
    original: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized span to the original text (trailing diacritics included)."""
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        while o_end < len(self.original) and self.original[o_end] in _DIACRITICS:
            o_end += 1
        return o_start, o_end


def normalize(text: str) -> Normalized:
    """Return the normalized form of ``text`` with its offset map."""
    chars: list[str] = []
    offsets: list[int] = []
    for pos, ch in enumerate(text):
        if ch in _DROP:
            continue
        folded = _FOLD.get(ch)
        if folded is None:
            folded = ch.lower() if ch.isascii() else ch
        chars.append(folded)
        offsets.append(pos)
    offsets.append(len(text))
    return Normalized("".join(chars), tuple(offsets), text)


@dataclass(frozen=True, slots=True)
class Token:
    """A token of the normalized text."""

    text: str
    start: int
    end: int
    kind: TokenKind
    newline_before: bool
    glued: bool


_TOKEN_RE = re.compile(
    r"(?P<ndate>[0-9]{1,4}[/.\-][0-9]{1,2}[/.\-][0-9]{1,4}"
    r"(?:(?![0-9])|(?=[0-9]{1,2}:[0-9]{2})))"
    # 1.234.567: dots that group thousands
    r"|(?P<num>[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9]|\.[0-9])"
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+,[0-9]{1,2}(?![0-9])"
    r"|[0-9]+(?:\.[0-9]+)?)"
    r"|(?P<word>[^\W\d_]+)"
    r"|(?P<punct>\S)"
)


_KINDS: dict[str, TokenKind] = {"ndate": "ndate", "num": "num", "word": "word", "punct": "punct"}


def tokenize(text: str) -> list[Token]:
    """Split normalized text into numbers, numeric dates, words and punctuation."""
    tokens: list[Token] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        kind = _KINDS[m.lastgroup or "punct"]
        gap = text[prev_end : m.start()]
        tokens.append(
            Token(
                text=m.group(),
                start=m.start(),
                end=m.end(),
                kind=kind,
                newline_before="\n" in gap or "\r" in gap,
                glued=not gap and bool(tokens),
            )
        )
        prev_end = m.end()
    return tokens
