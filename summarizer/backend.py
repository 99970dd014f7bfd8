"""Which backend a run uses, and why: standard library only, so ``summarizer doctor`` and the
CLI's settings checks answer without importing openai, instructor or pydantic.

:mod:`summarizer.llm` re-exports every name here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from summarizer.errors import ConfigurationError

BackendKind = Literal["endpoint", "local"]

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class BackendChoice:
    """Which backend a run uses, and why (shown by ``summarizer doctor`` and ``--verbose``)."""

    kind: BackendKind
    model: str
    base_url: str | None
    reason: str
    api_key: str | None = field(default=None, repr=False)

    def describe(self) -> str:
        """Return a one-line, key-free description of the choice."""
        where = (
            safe_url(self.base_url)
            if self.base_url
            else ("api.openai.com" if self.kind == "endpoint" else "in-process")
        )
        return f"{self.kind} backend, model {self.model} ({where}): {self.reason}"


def safe_url(url: str) -> str:
    """Return ``url`` without user, password, query or fragment (where secrets may hide)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return "the endpoint"
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def check_base_url(url: str) -> None:
    """Refuse a base URL that no request could use (no http/https scheme, no host, spaces).

    Raises:
        ConfigurationError: with a one-line reason that shows the URL without its secrets.
    """
    problem = _base_url_problem(url)
    if problem:
        shown = safe_url(url) if "://" in url else url.rsplit("@", 1)[-1].split("?", 1)[0]
        raise ConfigurationError(f"malformed base URL '{one_line(shown, 100)}': {problem}")


def _base_url_problem(url: str) -> str | None:
    if not url.strip() or any(c.isspace() for c in url) or any(ord(c) < 32 for c in url):
        return "it is empty or holds spaces or control characters"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as error:
        return str(error)
    if parts.scheme not in ("http", "https") or not url.lower().startswith(parts.scheme + "://"):
        return "it must start with http:// or https://, e.g. http://localhost:8000/v1"
    if not parts.hostname:
        return "it names no host"
    return None


def choose_backend(
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    env: Mapping[str, str] | None = None,
) -> BackendChoice:
    """Pick the backend: an explicit or configured endpoint first, otherwise the embedded model."""
    env = os.environ if env is None else env
    base_url = base_url or env.get("OPENAI_BASE_URL") or None
    api_key = api_key or env.get("OPENAI_API_KEY") or None
    model = model or env.get("SUMMARIZER_MODEL") or None
    if base_url:
        reason = "--base-url/OPENAI_BASE_URL is set"
        return BackendChoice("endpoint", model or DEFAULT_REMOTE_MODEL, base_url, reason, api_key)
    if api_key:
        reason = "OPENAI_API_KEY is set"
        return BackendChoice("endpoint", model or DEFAULT_REMOTE_MODEL, None, reason, api_key)
    from summarizer.local_model import MODEL_NAME

    reason = "no OPENAI_BASE_URL or OPENAI_API_KEY: using the embedded model"
    return BackendChoice("local", model or MODEL_NAME, None, reason)


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (runs of whitespace as one space), cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
