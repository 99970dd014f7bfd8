"""The one seam to a language model: any OpenAI-compatible endpoint, or the embedded local model.

Transport faults (429 with Retry-After, 5xx, timeouts, dropped connections) are retried here with
tenacity (exponential backoff with jitter, an attempt cap and a deadline). Answers that fail
validation are sent back to the model by instructor (reask), a bounded number of times.
"""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import instructor
import openai
from pydantic import BaseModel
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
)

from summarizer.errors import (
    ConfigurationError,
    EndpointUnavailable,
    ExtractionError,
    SummarizerError,
)
from summarizer.models import Usage

log = logging.getLogger(__name__)

T = TypeVar("T", bound=BaseModel)
BackendKind = Literal["endpoint", "local"]

DEFAULT_REMOTE_MODEL = "gpt-4o-mini"
MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds for retrying transport faults and re-asking after invalid answers."""

    max_attempts: int = 5
    deadline_s: float = 300.0
    base_wait_s: float = 0.5
    max_wait_s: float = 30.0
    reasks: int = 2


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
        where = self.base_url or ("api.openai.com" if self.kind == "endpoint" else "in-process")
        return f"{self.kind} backend, model {self.model} ({where}): {self.reason}"


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


class UsageMeter:
    """Thread-safe counter of requests and tokens for one logical call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.usage = Usage()

    def record(self, completion: Any | None) -> None:
        """Count one request and, when the completion reports it, its tokens."""
        usage = getattr(completion, "usage", None)
        extra = Usage(
            requests=1,
            prompt_tokens=int(getattr(usage, "prompt_tokens", 0) or 0),
            completion_tokens=int(getattr(usage, "completion_tokens", 0) or 0),
        )
        with self._lock:
            self.usage = self.usage.add(extra)


class LLM:
    """A structured-output client: messages and a Pydantic model in, a validated object out."""

    def __init__(
        self,
        choice: BackendChoice,
        *,
        timeout: float = 120.0,
        policy: RetryPolicy | None = None,
        mode: str | None = None,
    ) -> None:
        self.choice = choice
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        self.mode = _mode(mode, choice.kind)
        self._create = self._local_create() if choice.kind == "local" else self._endpoint_create()

    @property
    def name(self) -> str:
        """The model name as reported in the brief."""
        return self.choice.model

    @property
    def is_local(self) -> bool:
        """Whether this is the embedded in-process model."""
        return self.choice.kind == "local"

    def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_tokens: int = 1500,
    ) -> tuple[T, Usage]:
        """Return the model's answer validated against ``response_model``, and what it cost."""
        meter = UsageMeter()
        started = time.monotonic()
        fatal: list[Exception] = []

        def create(**kwargs: Any) -> Any:
            try:
                return self._with_transport_retries(kwargs, meter, started)
            except (EndpointUnavailable, ConfigurationError, openai.APIError) as error:
                fatal.append(error)  # instructor wraps errors; keep ours to re-raise as they are
                raise

        patched = instructor.patch(create=create, mode=self.mode)
        try:
            result = patched(
                model=self.choice.model,
                messages=messages,
                response_model=response_model,
                context=context,
                max_retries=self.policy.reasks,
                max_tokens=max_tokens,
                temperature=0,
            )
        except SummarizerError as err:
            err.usage = meter.usage  # what the failed attempts cost is still reported
            raise
        except instructor.core.InstructorRetryException as err:
            error = _as_summarizer_error(fatal[-1] if fatal else err, meter.usage)
            error.usage = meter.usage
            raise error from None
        except openai.APIError as err:
            error = _as_summarizer_error(err, meter.usage)
            error.usage = meter.usage
            raise error from None
        return result, meter.usage

    # -- transport ------------------------------------------------------------------------------

    def _with_transport_retries(
        self, kwargs: dict[str, Any], meter: UsageMeter, started: float
    ) -> Any:
        remaining = max(1.0, self.policy.deadline_s - (time.monotonic() - started))
        retrying = Retrying(
            stop=stop_after_attempt(self.policy.max_attempts) | stop_after_delay(remaining),
            wait=self._wait,
            retry=retry_if_exception(_is_transient),
            before_sleep=_log_retry,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._one_request(kwargs, meter)
        except openai.AuthenticationError as err:
            raise ConfigurationError(
                f"the endpoint refused the API key (HTTP {err.status_code}); check OPENAI_API_KEY"
            ) from None
        except openai.PermissionDeniedError as err:
            raise ConfigurationError(
                f"the endpoint denied access (HTTP {err.status_code})"
            ) from None
        except openai.NotFoundError:
            raise ConfigurationError(
                f"model '{self.choice.model}' or the chat endpoint was not found at "
                f"{self.choice.base_url or 'the OpenAI API'}; check --model and --base-url"
            ) from None
        except openai.APIConnectionError as err:
            raise EndpointUnavailable(
                f"cannot reach the model endpoint {self.choice.base_url or ''} "
                f"({_short(err)}) after {meter.usage.requests} attempts"
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _one_request(self, kwargs: dict[str, Any], meter: UsageMeter) -> Any:
        try:
            completion = self._create(**kwargs)
        except openai.APIStatusError as err:
            meter.record(None)
            raise err
        except Exception:
            meter.record(None)
            raise
        meter.record(completion)
        return completion

    def _wait(self, state: RetryCallState) -> float:
        exp = self.policy.base_wait_s * 2.0 ** (state.attempt_number - 1)
        wait: float = min(self.policy.max_wait_s, exp) * (0.5 + random.random() / 2)  # jitter
        error = state.outcome.exception() if state.outcome else None
        retry_after = _retry_after_seconds(error)
        if retry_after is not None:
            wait = min(self.policy.max_wait_s, max(wait, retry_after))
        return wait

    def _endpoint_create(self) -> Callable[..., Any]:
        client = openai.OpenAI(
            api_key=self.choice.api_key or "not-needed",
            base_url=self.choice.base_url,
            timeout=self.timeout,
            max_retries=0,  # retries are ours (tenacity), so they are bounded and logged
        )
        return client.chat.completions.create

    def _local_create(self) -> Callable[..., Any]:
        from summarizer import local_model

        ok, why = local_model.is_available()
        if not ok:
            raise ConfigurationError(why)
        return local_model.chat_completion


def _mode(mode: str | None, kind: BackendKind) -> instructor.Mode:
    name = (
        mode or os.environ.get("SUMMARIZER_MODE") or ("json_schema" if kind == "local" else "tools")
    )
    if name not in MODES:
        raise ConfigurationError(f"unknown mode '{name}'; choose one of {', '.join(MODES)}")
    return MODES[name]


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 425, 429) or error.status_code >= 500
    return isinstance(error, openai.APITimeoutError | openai.APIConnectionError)


def _retry_after_seconds(error: BaseException | None) -> float | None:
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if not headers:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return float(value) / 1000
        except ValueError:
            return None
    value = headers.get("retry-after")
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info(
        "retrying after %s (attempt %d, waiting %.1fs)", _short(error), state.attempt_number, wait
    )


def _short(error: BaseException | None) -> str:
    if error is None:
        return "unknown error"
    if isinstance(error, openai.APIStatusError):
        return f"HTTP {error.status_code}"
    if isinstance(error, openai.APITimeoutError):
        return "request timed out"
    if isinstance(error, openai.APIConnectionError):
        return "connection failed"
    return type(error).__name__


def _as_summarizer_error(error: Exception, usage: Usage) -> SummarizerError:
    if isinstance(error, SummarizerError):
        return error
    if isinstance(error, instructor.core.InstructorRetryException):
        return ExtractionError(_retry_reason(error, usage))
    return ExtractionError(f"model endpoint error: {_short(error)}")


def _retry_reason(error: instructor.core.InstructorRetryException, usage: Usage) -> str:
    lines = [line.strip() for line in str(error).splitlines()]
    detail = next(
        (line for line in lines if line and not line.startswith(("<", "For further"))),
        "invalid answer",
    )
    detail = next((line for line in lines if line.startswith("Value error")), detail)
    return f"the model's answer failed validation {usage.requests} times: {detail[:200]}"
