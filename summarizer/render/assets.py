"""The page's static parts, ``static/page.html``, ``brief.css`` and ``brief.js``, read once.

Everything is inlined into one self-contained page: no CDN, no web font, no network. The page's
Content-Security-Policy admits only this exact stylesheet and script (by hash), so nothing
injected through article text could run.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.resources import files


@cache
def _asset(name: str) -> str:
    # Read with universal newlines, as the strings were when they were Python literals: a
    # checkout with CRLF line ends renders the same page, with the same hashes.
    return files("summarizer.render").joinpath("static", name).read_text(encoding="utf-8")


def stylesheet() -> str:
    """The page's stylesheet (``static/brief.css``)."""
    return _asset("brief.css")


def script() -> str:
    """The page's script (``static/brief.js``): the article panel and keyboard navigation."""
    return _asset("brief.js")


@cache
def page_parts() -> tuple[tuple[str, str], ...]:
    """The page template (``static/page.html``, ``$name`` placeholders) cut at its
    placeholders: (the text before one, its name); the last part's name is empty."""
    template = _asset("page.html")
    parts, at = [], 0
    for match in re.finditer(r"\$(\w+)", template):
        parts.append((template[at : match.start()], match.group(1)))
        at = match.end()
    parts.append((template[at:], ""))
    return tuple(parts)


def _digest(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@cache
def csp() -> str:
    """The page's Content-Security-Policy: nothing but the inline stylesheet and script."""
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{_digest(stylesheet())}'; script-src 'sha256-{_digest(script())}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
