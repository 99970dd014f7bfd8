"""Which backend a run uses, and why: standard library only, so ``summarizer doctor`` and the
CLI's settings checks answer without importing openai, instructor or pydantic.

:mod:`summarizer.llm` re-exports every name here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from summarizer.errors import ConfigurationError
from summarizer.settings import Settings

BackendKind = Literal["endpoint", "local"]

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Capabilities:
    """What a backend does well and how it is driven: the pipeline asks these, never which
    backend it is."""

    short_requests: bool  # best asked one short plain-text question per value (a small model)
    in_process: bool  # runs in this process: no transport that fails or times out
    max_in_flight: int | None  # the most requests it serves at once (None: the limiter finds)
    structured_mode: str  # instructor's mode for structured answers, unless one is set


CAPABILITIES: dict[BackendKind, Capabilities] = {
    "endpoint": Capabilities(
        short_requests=False, in_process=False, max_in_flight=None, structured_mode="tools"
    ),
    # One in-process model already uses every core; it has a JSON grammar but no tool calls.
    "local": Capabilities(
        short_requests=True, in_process=True, max_in_flight=1, structured_mode="json_schema"
    ),
}


@dataclass(frozen=True)
class BackendChoice:
    """Which backend a run uses, and why (shown by ``summarizer doctor`` and ``--verbose``)."""

    kind: BackendKind
    model: str
    base_url: str | None
    reason: str
    api_key: str | None = field(default=None, repr=False)
    model_dir: str | None = None  # the embedded model's folder, when set
    # Declared by the caller (a small model behind an endpoint is best asked short questions).
    declared: Capabilities | None = None

    @property
    def capabilities(self) -> Capabilities:
        """What this backend does well: as declared, else its kind's (:data:`CAPABILITIES`)."""
        return self.declared or CAPABILITIES[self.kind]

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


def choose_backend(settings: Settings) -> BackendChoice:
    """Pick the backend: an explicit or configured endpoint first, otherwise the embedded model."""
    model, base_url, api_key = settings.model, settings.base_url, settings.api_key
    if base_url:
        reason = "--base-url/OPENAI_BASE_URL is set"
        return BackendChoice("endpoint", model or DEFAULT_REMOTE_MODEL, base_url, reason, api_key)
    if api_key:
        reason = "OPENAI_API_KEY is set"
        return BackendChoice("endpoint", model or DEFAULT_REMOTE_MODEL, None, reason, api_key)
    from summarizer.local_model import MODEL_NAME

    reason = "no OPENAI_BASE_URL or OPENAI_API_KEY: using the embedded model"
    return BackendChoice("local", model or MODEL_NAME, None, reason, model_dir=settings.model_dir)


def one_line(text: str, limit: int) -> str:
    """``text`` on one line (runs of whitespace as one space), cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
