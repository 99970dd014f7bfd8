"""The API key kept out of logs and answers: masking, a log filter, completions cleaned.

Every client registers its key here; the filter masks it, and the user, password, query and
fragment of every URL, in the records of the HTTP and client libraries.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Any

import openai
from pydantic import BaseModel

from summarizer.llm.usage import token_count

log = logging.getLogger("summarizer.llm")  # the name its records had before the package split

# With no logging configured, a library prints nothing: without a handler of their own, the
# warnings of these loggers would reach stderr through logging's last resort. A NullHandler
# does not stop propagation, so an application that configures logging still sees them.
_QUIET = ("summarizer", "instructor", "openai", "httpx", "httpx2", "httpcore", "httpcore2")
for _name in _QUIET:
    logging.getLogger(_name).addHandler(logging.NullHandler())

_URL_SECRETS = re.compile(r"\b(https?://)(?:[^\s/@\"']+@)?([^\s?#\"']*)(?:[?#][^\s\"']*)?")
_KEYS: set[str] = set()  # the API keys of the clients made in this process
_KEYS_LOCK = threading.Lock()


class _NoSecrets(logging.Filter):
    """Mask user, password, query and fragment of every URL, and the API keys, in the records
    of the HTTP and client libraries (httpx logs each request's URL at INFO, openai at DEBUG)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = _URL_SECRETS.sub(r"\1\2", message)
        with _KEYS_LOCK:
            keys = list(_KEYS)
        for key in keys:
            clean = mask_key(clean, key)
        if clean != message:
            record.msg, record.args = clean, None
        return True


_NO_SECRETS = _NoSecrets()
# A logger's filters see only the records made by that very logger, not its children's.
for _name in (*_QUIET, "openai._base_client", "instructor.v2.retry", "httpcore.http11"):
    logging.getLogger(_name).addFilter(_NO_SECRETS)


KEY_MASK = "[API key]"


def mask_key(text: str, key: str | None) -> str:
    """Return ``text`` with ``key`` (an API key a server may echo) masked."""
    if key and len(key) >= 6 and key in text:
        text = text.replace(key, KEY_MASK)
    return text


def without_key(value: Any, key: str | None) -> Any:
    """``value`` with ``key`` masked in every string: nested models, lists and dicts too.
    Models are changed in place; other containers are copied only when they change."""
    if not key:
        return value
    if isinstance(value, str):
        return mask_key(value, key)
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = without_key(old, key)
            if new is not old:
                object.__setattr__(value, name, new)
        return value
    if isinstance(value, list):
        items = [without_key(v, key) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    if isinstance(value, dict):
        pairs = {k: without_key(v, key) for k, v in value.items()}
        return value if all(pairs[k] is v for k, v in value.items()) else pairs
    return value


def _sanitize(completion: Any, redact: Callable[[str], str]) -> None:
    """Mask the API key in the text the model wrote (content, tool-call arguments, refusal)
    before instructor parses it, and replace a ``usage`` that is not counts of tokens."""
    for choice in getattr(completion, "choices", None) or []:
        message = getattr(choice, "message", None)
        if message is None:
            continue
        for name in ("content", "refusal"):
            value = getattr(message, name, None)
            if isinstance(value, str):
                setattr(message, name, redact(value))
        for call in getattr(message, "tool_calls", None) or []:
            function = getattr(call, "function", None)
            arguments = getattr(function, "arguments", None)
            if function is not None and isinstance(arguments, str):
                function.arguments = redact(arguments)
    usage = getattr(completion, "usage", None)
    if usage is None:
        return
    sent = (getattr(usage, "prompt_tokens", None), getattr(usage, "completion_tokens", None))
    prompt, done = token_count(sent[0]), token_count(sent[1])
    if (prompt, done) == sent:
        return
    log.info("the endpoint's usage block is not token counts: its tokens are counted as unknown")
    try:
        completion.usage = openai.types.CompletionUsage(
            prompt_tokens=prompt, completion_tokens=done, total_tokens=prompt + done
        )
    except (AttributeError, TypeError, ValueError):
        completion.usage = None
