"""Bytes to text, decoded honestly: UTF-8 (with or without a BOM), UTF-16, a damaged UTF-8 told
apart from another encoding; HTML to its main text."""

from __future__ import annotations

import codecs
import logging

from summarizer.errors import InputError
from summarizer.load.formats import UTF8_VALID_PER_BAD

log = logging.getLogger(__name__)


def decode_text(raw: bytes, name: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 (BOM or not) or Windows-1256.

    Text that is valid UTF-8 but for a few bytes is decoded as UTF-8 with U+FFFD in their place
    (and a warning is logged); raises :class:`InputError` for binary or undecodable data.
    """
    text, warning = decode_guessing(raw, name)
    if warning is not None:
        log.warning("%s: %s", name, warning)
    return text


def decode_guessing(raw: bytes, name: str) -> tuple[str, str | None]:
    """The text and, when bytes had to be replaced, a warning saying so."""
    if raw.startswith(codecs.BOM_UTF8):
        return _utf8_with_replacement(raw[len(codecs.BOM_UTF8) :], name, bom=True)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as err:
            raise InputError(name, "cannot decode as UTF-16 (it has a UTF-16 mark)") from err
    utf16 = guess_utf16_without_bom(raw)
    if utf16 is not None:
        return utf16, None
    if b"\x00" in raw:
        raise InputError(name, "binary file, not text")
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(raw)
    if damaged is not None:
        return damaged
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError as err:
        raise InputError(name, "cannot decode as UTF-8, UTF-16 or Windows-1256") from err
    if looks_binary(text):
        raise InputError(name, "binary file, not text")
    return text, None


def _utf8_with_replacement(raw: bytes, name: str, *, bom: bool) -> tuple[str, str | None]:
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(raw, bom=bom)
    if damaged is None:
        raise InputError(name, "not valid UTF-8 although it starts with a UTF-8 mark")
    return damaged


def _mostly_utf8(raw: bytes, *, bom: bool = False) -> tuple[str, str] | None:
    """UTF-8 with replacement when the text is overwhelmingly valid UTF-8, else None."""
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - raw.count("\ufffd".encode())
    valid = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if bad <= 0 or (valid < UTF8_VALID_PER_BAD * bad and not bom) or looks_binary(text):
        return None
    first = _first_bad_byte(raw)
    warning = (
        f"not valid UTF-8 ({bad} bad byte sequence{'s' if bad != 1 else ''}, the first at byte"
        f" {first}); decoded as UTF-8 with U+FFFD in their place"
    )
    return text, warning


def _first_bad_byte(raw: bytes) -> int:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return int(err.start)
    return -1


def guess_utf16_without_bom(raw: bytes) -> str | None:
    if len(raw) < 4 or len(raw) % 2:
        return None
    even_zeros = raw[0::2].count(0) / (len(raw) / 2)
    odd_zeros = raw[1::2].count(0) / (len(raw) / 2)
    # ASCII-heavy UTF-16 has zeros in one half; Arabic UTF-16LE has 0x06 in the odd bytes.
    odd_arabic = raw[1::2].count(6) / (len(raw) / 2)
    encoding = None
    if odd_zeros + odd_arabic > 0.6 and even_zeros < 0.1:
        encoding = "utf-16-le"
    elif even_zeros + raw[0::2].count(6) / (len(raw) / 2) > 0.6 and odd_zeros < 0.1:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if looks_binary(text) else text


def looks_binary(text: str) -> bool:
    sample = text[:4096]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bool(sample) and controls / len(sample) > 0.05


def html_to_text(html: str, name: str) -> str:
    """Return the main text of an HTML page (trafilatura), falling back to all visible text."""
    import trafilatura

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text:
        text = _visible_text(html)
    if not text.strip():
        raise InputError(name, "no article text found in HTML")
    return str(text)


def _visible_text(html: str) -> str:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in {"script", "style", "nav", "header", "footer", "noscript"}:
                self._skip += 1

        def handle_endtag(self, tag: str) -> None:
            if tag in {"script", "style", "nav", "header", "footer", "noscript"} and self._skip:
                self._skip -= 1

        def handle_data(self, data: str) -> None:
            if not self._skip and data.strip():
                self.parts.append(data.strip())

    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)
