"""The scanning context shared by the date and number parsers: tokens, masks and lookups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar

from summarizer.models import Approx
from summarizer.normalize.text import Normalized, Token, tokenize
from summarizer.normalize.vocab import Phrase, stems

T = TypeVar("T")
PhraseIndex = dict[str, tuple[tuple[Phrase, T], ...]]

# Spans that never hold a date or a figure: links, handles, hashtags, e-mails, phone
# numbers, clock times and long digit runs.
_BLOCK_RE = re.compile(
    r"https?://\S+|www\.\S+|pic\.twitter\.com/\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+|#\w+"
    r"|\b[\w-]+\.(?:com|net|org|gov|edu|info|io|co|tv|me|news|ly|gl|sy|iq|eg|lb|ma)\b(?:/\S*)?"
    r"|(?<![\d,.])(?:\+|00)\d[\d \-]{7,}\d"
    r"|(?<![\d,.])0\d{8,}(?!\d)"
    r"|(?<![:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
    r"|(?<![\d/.-])\d{1,2}/\d{1,2}(?![\d/])"
    r"|(?<![\d,.])\d{9,}(?!\d)"
)


# «13,1 في المائة»: a comma before one or two digits is a decimal comma (Maghreb usage).
_DECIMAL_COMMA = re.compile(r"[0-9]+,[0-9]{1,2}")


def index_phrases(table: tuple[tuple[Phrase, T], ...]) -> PhraseIndex[T]:
    """Index a phrase table by its first word, keeping longest phrases first."""
    index: dict[str, list[tuple[Phrase, T]]] = {}
    for words, value in table:
        index.setdefault(words[0], []).append((words, value))
    return {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in index.items()}


@dataclass(frozen=True, slots=True)
class Hit:
    """A parsed expression over tokens ``start`` .. ``end - 1`` (``lead`` clitic chars skipped)."""

    kind: Literal["date", "number", "skip"]
    start: int
    end: int
    lead: int = 0
    date: str | None = None
    qualifier: str | None = None
    relative: bool = False
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    approx: Approx = "exact"
    part: str | None = None
    coming: str | None = None
    written: str | None = None


class Ctx:
    """Tokens of one text with the helpers the parsers need."""

    def __init__(self, norm: Normalized, published: date | None) -> None:
        self.norm = norm
        self.toks: list[Token] = tokenize(norm.text)
        self.n = len(self.toks)
        self.published = published
        self.blocked = self._blocked_tokens()

    def _blocked_tokens(self) -> list[bool]:
        mask = bytearray(len(self.norm.text) + 1)
        for m in _BLOCK_RE.finditer(self.norm.text):
            mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
        return [any(mask[t.start : t.end]) for t in self.toks]

    def word(self, i: int) -> str:
        """Token text at ``i`` ('' outside the text)."""
        return self.toks[i].text if 0 <= i < self.n else ""

    def kind(self, i: int) -> str:
        """Token kind at ``i`` ('' outside the text)."""
        return self.toks[i].kind if 0 <= i < self.n else ""

    def joins(self, i: int) -> bool:
        """True when token ``i`` exists and continues the previous one on the same line."""
        return 0 <= i < self.n and not self.toks[i].newline_before

    def glued(self, i: int) -> bool:
        """True when token ``i`` touches the previous token (no space between)."""
        return 0 <= i < self.n and self.toks[i].glued

    def any_blocked(self, start: int, end: int) -> bool:
        """True when a token of the range is inside a link, hashtag, phone number, ..."""
        return any(self.blocked[start:end])

    def phrase(
        self, i: int, index: PhraseIndex[T], conj: bool = True, prep: bool = False
    ) -> tuple[T, int, int] | None:
        """Match a phrase table at ``i``; return (value, end token, clitic prefix length)."""
        if not 0 <= i < self.n:
            return None
        for stem, plen, _ in stems(self.word(i), conj, prep):
            for words, value in index.get(stem, ()):
                size = len(words)
                if all(self.joins(i + k) and self.word(i + k) == words[k] for k in range(1, size)):
                    return value, i + size, plen
        return None

    def integer(self, i: int) -> int | None:
        """The value of a plain digit token (no separators), else None."""
        text = self.word(i)
        return int(text) if self.kind(i) == "num" and text.isdigit() else None

    def number(self, i: int) -> float | None:
        """The value of a digit token (thousands separators and decimals allowed)."""
        if self.kind(i) != "num":
            return None
        text = self.word(i)
        if _DECIMAL_COMMA.fullmatch(text):
            return float(text.replace(",", "."))
        if text.count(".") > 1:  # 1.234.567: the dots group thousands
            return float(text.replace(".", ""))
        return float(text.replace(",", ""))
