"""The terminal: one safe line at a time.

Everything printed passes through :func:`_plain` (no control characters, no secrets) and, for
rich, :func:`_markup_safe` (no markup from ids or paths). rich is imported on first use only.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, unquote, urlsplit

if TYPE_CHECKING:
    from rich.console import Console

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_USERINFO = re.compile(r"(?<=://)[^/?#@\s]+@")
_SECRET_NAMES = (
    r"api[-_]?key|key|token|access[-_]?token|secret|password|passwd|pwd|sig|signature|auth|code"
)
_SECRET_QUERY = re.compile(rf"(?i)([?&;](?:{_SECRET_NAMES})=)[^&#\s'\"]*")


class _Secrets:
    """Strings that must never reach the terminal: the API key, URL passwords and tokens."""

    def __init__(self) -> None:
        self.values: set[str] = set()
        self.key: str | None = None  # the settings' API key, once read

    def add(self, *values: str | None) -> None:
        self.values.update(v for v in values if v and len(v) >= 4)

    def add_url(self, url: str) -> None:
        """Remember the user, password and secret-looking query values of an endpoint URL."""
        try:
            parts = urlsplit(url)
            self.add(parts.username, parts.password)
            self.add(*(unquote(v) for v in (parts.username, parts.password) if v))
            secret = re.compile(rf"(?i)^(?:{_SECRET_NAMES})$")
            self.add(*(v for k, v in parse_qsl(parts.query) if secret.match(k)))
        except ValueError:
            return

    def redact(self, text: str) -> str:
        key = self.key
        if key and len(key) >= 4:
            text = text.replace(key, "[API key]")
        for value in sorted(self.values, key=len, reverse=True):
            text = text.replace(value, "[redacted]")
        text = _USERINFO.sub("[redacted]@", text)
        return _SECRET_QUERY.sub(r"\1[redacted]", text)


_SECRETS = _Secrets()


def _plain(text: str, keep_newlines: bool = False) -> str:
    """``text`` safe for a terminal: secrets redacted, control characters shown as ``\\xNN``."""

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\n" and keep_newlines:
            return char
        return " " if char in "\t\n\r" else f"\\x{ord(char):02x}"

    return _CONTROL.sub(visible, _SECRETS.redact(text))


def _markup_safe(text: str) -> str:
    """``text`` for a rich ``print``: :func:`_plain`, with markup brackets escaped."""
    from rich.markup import escape

    return escape(_plain(text))


def _say(line: str) -> None:
    """One plain line on stderr (no rich: usage errors stay fast and literal)."""
    sys.stderr.write(_plain(line) + "\n")
    sys.stderr.flush()


_console: list[Console] = []


def _err() -> Console:
    """The rich console on stderr, made on first use."""
    if not _console:
        from rich.console import Console

        _console.append(Console(stderr=True, soft_wrap=True))
    return _console[0]
