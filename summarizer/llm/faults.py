"""What went wrong with a request: which faults are retried, and the one-line reasons.

Classifies the errors of the openai client (and the completions that are no answer), reads a
server's ``Retry-After``, and words every fault in one line that holds no secret.
"""

from __future__ import annotations

import email.utils
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import openai
from instructor.core import InstructorRetryException

from summarizer.backend import one_line as _one_line
from summarizer.errors import AnswerTruncated, ModelRefused
from summarizer.limiter import Outcome
from summarizer.models import Usage


class _Malformed(Exception):
    """The endpoint answered 200 with something that is not a chat completion (retried)."""


class _Overdue(Exception):
    """The request as a whole (headers and body) outlasted its time: a server dripping bytes
    slowly enough that no single read times out. Reported as a timeout, and retried as one."""


def _outcome(error: BaseException) -> tuple[Outcome, float | None]:
    """How a failed request speaks to the shared limit: overloaded (429/503), timed out or
    neither, and the server's Retry-After."""
    if isinstance(error, openai.APIStatusError) and error.status_code in (429, 503):
        return "overloaded", _retry_after_seconds(error)
    if isinstance(error, openai.APITimeoutError | _Overdue):
        return "timeout", None
    return "other", None


def _check_completion(completion: Any, redact: Callable[[str], str]) -> None:
    """Refuse what is not a usable completion before instructor parses it."""
    choices = getattr(completion, "choices", None)
    if not isinstance(choices, list) or not choices:
        raise _Malformed("no choices")
    choice = choices[0]
    message = getattr(choice, "message", None)
    if message is None:
        raise _Malformed("no message")
    refusal = getattr(message, "refusal", None)
    if refusal:
        raise ModelRefused(f"the model refused: {redact(_one_line(str(refusal), 200))}")
    finish = getattr(choice, "finish_reason", None)
    if finish == "content_filter":
        raise ModelRefused("the model refused: the endpoint's content filter stopped the answer")
    if finish == "length":
        raise AnswerTruncated("the answer was cut off at the token limit")


def _is_transient(error: BaseException | None) -> bool:
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 425, 429) or error.status_code >= 500
    return isinstance(
        error,
        openai.APIConnectionError
        | openai.APIResponseValidationError
        | _Malformed
        | _Overdue
        | json.JSONDecodeError,
    )


def _unreachable(error: BaseException | None) -> bool:
    """Whether nothing could even connect (refused, no such host), as opposed to a dropped or
    slow connection: the endpoint is down, and the other articles need not try."""
    if not isinstance(error, openai.APIConnectionError) or isinstance(
        error, openai.APITimeoutError
    ):
        return False
    cause = error.__cause__
    while cause is not None:
        if any(kind.__name__ == "ConnectError" for kind in type(cause).__mro__):
            return True
        cause = cause.__cause__
    return False


def _connect_problem(error: BaseException) -> str:
    cause = str(error.__cause__ or "").lower()
    if "refused" in cause:
        return "connection refused"
    if "name" in cause or "resolve" in cause or "nodename" in cause:
        return "unknown host"
    return "cannot connect"


def _fault(error: BaseException, timeout: float) -> str:
    if isinstance(error, openai.APITimeoutError | _Overdue):
        return f"the request timed out ({timeout:g} s)"
    if isinstance(error, openai.APIConnectionError):
        return "the endpoint dropped the connection"
    if isinstance(error, openai.RateLimitError):
        return "rate limited by the endpoint (HTTP 429)"
    if isinstance(error, openai.APIStatusError):
        return f"the endpoint answered HTTP {error.status_code}"
    if isinstance(error, json.JSONDecodeError):
        return "malformed response from the endpoint (not JSON)"
    if isinstance(error, _Malformed):
        return f"malformed response from the endpoint ({error})"
    return "malformed response from the endpoint (not a chat completion)"


def _attempts(count: int, noun: str = "attempt") -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _retry_after_seconds(error: BaseException | None) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(0.0, float(value) / 1000)
        except ValueError:
            return None
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:  # an HTTP date
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _short(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, openai.APITimeoutError | _Overdue):
        return "request timed out"
    if isinstance(error, openai.APIConnectionError):
        return "connection failed"
    if isinstance(error, json.JSONDecodeError | _Malformed | openai.APIResponseValidationError):
        return "malformed response"
    return type(error).__name__


def _retry_reason(error: InstructorRetryException, usage: Usage) -> str:
    lines = [line.strip() for line in str(error).splitlines()]
    detail = next(
        (line for line in lines if line and not line.startswith(("<", "For further"))),
        "invalid answer",
    )
    detail = next((line for line in lines if line.startswith("Value error")), detail)
    attempts = getattr(error, "n_attempts", None) or usage.requests
    return f"the model's answer failed validation {_times(attempts)}: {_one_line(detail, 200)}"
