"""Requests to the endpoint: tenacity retries, the per-request deadline, the shared limit.

:class:`Transport` is the half of :class:`~summarizer.llm.client.LLM` that sends: each request
takes a slot of the run's limiter, is bounded as a whole by ``timeout`` and what is left of the
article's deadline (:func:`_bounded`), and is retried with backoff and jitter while its fault is
transient; what outlasts the retries becomes one :class:`SummarizerError`.
"""

from __future__ import annotations

import functools
import json
import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import openai
from tenacity import RetryCallState, Retrying, retry_if_exception

from summarizer.backend import BackendChoice, Capabilities, safe_url
from summarizer.errors import (
    ConfigurationError,
    DeadlineExceeded,
    EndpointUnavailable,
    ExtractionError,
    SummarizerError,
)
from summarizer.limiter import AdaptiveLimiter, Outcome
from summarizer.llm.faults import (
    _attempts,
    _check_completion,
    _connect_problem,
    _fault,
    _is_transient,
    _Malformed,
    _outcome,
    _Overdue,
    _retry_after_seconds,
    _short,
    _unreachable,
)
from summarizer.llm.secrets import _sanitize
from summarizer.llm.usage import UsageMeter

log = logging.getLogger("summarizer.llm")  # the name its records had before the package split


@dataclass(frozen=True)
class RetryPolicy:
    """Bounds for retrying transport faults and re-asking after invalid or cut-off answers.

    ``deadline_s`` bounds one article on an endpoint (every request, retry and wait for it, see
    :meth:`LLM.article`), or one :meth:`LLM.structured` call made outside an article. A
    ``Retry-After`` is honoured as long as it fits in the deadline; otherwise the article fails.
    Time spent waiting for a slot under the run's shared limit (behind other articles) is not
    the article's: it moves the deadline back as much.
    """

    max_attempts: int = 5  # per request, for 429, 5xx, timeouts, dropped connections, bad bodies
    deadline_s: float = 300.0
    base_wait_s: float = 0.5
    max_wait_s: float = 30.0  # the backoff's cap (a longer Retry-After is still honoured)
    reasks: int = 2
    connect_attempts: int = 3  # when nothing listens at the endpoint: it is down, not busy
    length_retries: int = 1  # a cut-off answer is asked again with twice the room ...
    max_tokens_cap: int = 8000  # ... up to this many tokens


@dataclass
class _Budget:
    """The deadline of one structured call: a monotonic time, moved back by queueing."""

    at: float
    cut: bool = False  # whether the last request was given only what was left of it


_GRACE_S = 0.25  # the client's own timeout, when it fires, says more: let it fire first


def _bounded(create: Callable[..., Any], call: dict[str, Any], seconds: float) -> Any:
    """``create(**call)`` given at most ``seconds`` in all.

    httpx's timeouts bound each read, not the request: a body sent a byte a second never trips
    them. The request runs in a daemon thread; past its time it is abandoned (the thread ends
    when the server does, or with the process) and :class:`_Overdue` is raised here.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = create(**call)
        except BaseException as error:  # handed to the caller's thread as it is
            box["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="summarizer-request", daemon=True).start()
    if not done.wait(seconds + _GRACE_S):
        raise _Overdue(f"no complete answer in {seconds:g} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def _log_retry(state: RetryCallState) -> None:
    error = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info(
        "retrying after %s (attempt %d, waiting %.2fs)", _short(error), state.attempt_number, wait
    )


class Transport:
    """Sending, retrying and bounding the requests of one client (:class:`LLM` is one).

    The client sets the attributes below; the methods under ``TYPE_CHECKING`` are its own.
    """

    choice: BackendChoice
    timeout: float
    policy: RetryPolicy
    limiter: AdaptiveLimiter
    _create: Callable[..., Any]
    _aborted: tuple[type[SummarizerError], str] | None

    if TYPE_CHECKING:

        @property
        def capabilities(self) -> Capabilities: ...

        def abort(self, error: SummarizerError) -> None: ...

        def redact(self, text: str) -> str: ...

    def _check_abort(self) -> None:
        if self._aborted is not None:
            kind, message = self._aborted
            raise kind(message)

    def _with_transport_retries(
        self, kwargs: dict[str, Any], meter: UsageMeter, deadline: float
    ) -> Any:
        budget = _Budget(deadline)
        retrying = Retrying(
            stop=self._stop(budget),
            wait=self._wait,
            retry=retry_if_exception(self._retryable),
            before_sleep=_log_retry,
            reraise=True,
        )
        attempts = 0
        try:
            for attempt in retrying:
                with attempt:
                    self._check_abort()
                    if budget.at - time.monotonic() <= 0:
                        raise DeadlineExceeded(
                            f"the per-article deadline ({self.policy.deadline_s:g} s) passed "
                            f"after {_attempts(meter.usage.requests, 'request')}"
                        )
                    attempts += 1
                    return self._one_request(kwargs, meter, budget)
        except (openai.APIError, _Malformed, _Overdue, json.JSONDecodeError) as err:
            error = self._transport_error(err, attempts, budget.cut)
            if isinstance(error, EndpointUnavailable | ConfigurationError):
                self.abort(error)  # every other request would meet the same fate
            raise error from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _one_request(self, kwargs: dict[str, Any], meter: UsageMeter, budget: _Budget) -> Any:
        slot = self._take_slot(budget)
        outcome: Outcome = "other"
        retry_after: float | None = None
        try:
            call = dict(kwargs)
            if self.capabilities.in_process:
                completion = self._create(**call)
            else:  # a request never outlives the article's deadline, body included
                left = budget.at - time.monotonic()
                budget.cut = left < self.timeout
                seconds = max(0.001, min(self.timeout, left))
                call["timeout"] = seconds
                completion = _bounded(self._create, call, seconds)
            outcome = "ok"
        except Exception as error:
            meter.record(None)
            outcome, retry_after = _outcome(error)
            raise
        finally:
            self.limiter.release(slot, outcome, retry_after)
        _sanitize(completion, self.redact)
        meter.record(completion)
        _check_completion(completion, self.redact)
        return completion

    def _take_slot(self, budget: _Budget) -> Any:
        """A slot under the run's shared limit. Waiting for it is not the article's time (the
        other articles hold the slots): the wait moves this call's deadline back as much."""
        waited = time.monotonic()
        slot = self.limiter.acquire(stop=lambda: self._aborted is not None)
        budget.at += time.monotonic() - waited
        if slot is None:
            self._check_abort()
            raise AssertionError("unreachable")  # pragma: no cover
        return slot

    def _retryable(self, error: BaseException) -> bool:
        return self._aborted is None and _is_transient(error)

    def _stop(self, budget: _Budget) -> Callable[[RetryCallState], bool]:
        def stop(state: RetryCallState) -> bool:
            error = state.outcome.exception() if state.outcome else None
            if state.attempt_number >= self._attempt_limit(error):
                return True
            return time.monotonic() + state.upcoming_sleep >= budget.at  # no sleeping past it

        return stop

    def _attempt_limit(self, error: BaseException | None) -> int:
        if _unreachable(error):
            return min(self.policy.connect_attempts, self.policy.max_attempts)
        return self.policy.max_attempts

    def _wait(self, state: RetryCallState) -> float:
        exp = self.policy.base_wait_s * 2.0 ** (state.attempt_number - 1)
        wait: float = min(self.policy.max_wait_s, exp) * (0.5 + random.random() / 2)  # jitter
        error = state.outcome.exception() if state.outcome else None
        retry_after = _retry_after_seconds(error)
        if retry_after is not None:
            wait = max(wait, retry_after)  # never earlier than the server asked
        return wait

    def _transport_error(
        self, error: BaseException, attempts: int, cut: bool = False
    ) -> SummarizerError:
        """The one-line reason for a fault that outlasted its retries (or is not retried).
        ``cut``: the last request was given less than ``timeout``, what was left of the deadline."""
        where = safe_url(self.choice.base_url) if self.choice.base_url else "the OpenAI API"
        if isinstance(error, openai.AuthenticationError):
            return ConfigurationError(
                f"the endpoint refused the API key (HTTP {error.status_code}); check OPENAI_API_KEY"
            )
        if isinstance(error, openai.PermissionDeniedError):
            return ConfigurationError(f"the endpoint denied access (HTTP {error.status_code})")
        if isinstance(error, openai.NotFoundError):
            return ConfigurationError(
                f"model '{self.choice.model}' or the chat endpoint was not found at {where}; "
                "check --model and --base-url"
            )
        if _unreachable(error):
            return EndpointUnavailable(
                f"cannot reach the model endpoint {where} ({_connect_problem(error)}) "
                f"after {_attempts(attempts)}"
            )
        if not _is_transient(error):
            if isinstance(error, openai.APIStatusError):
                return ExtractionError(
                    f"the endpoint rejected the request (HTTP {error.status_code})"
                )
            return ExtractionError(f"model endpoint error: {_short(error)}")
        what = _fault(error, self.timeout)
        reason = f"{what} after {_attempts(attempts)}"
        timed_out = isinstance(error, openai.APITimeoutError | _Overdue)
        if attempts < self._attempt_limit(error) or (cut and timed_out):  # the deadline stopped it
            retry_after = _retry_after_seconds(error)
            asked = f"it asked to wait {retry_after:g} s, " if retry_after else ""
            reason += f" ({asked}past the per-article deadline of {self.policy.deadline_s:g} s)"
            return DeadlineExceeded(reason)
        return ExtractionError(reason)

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

        model_dir = Path(self.choice.model_dir).expanduser() if self.choice.model_dir else None
        ok, why = local_model.is_available(model_dir)
        if not ok:
            raise ConfigurationError(why)
        return functools.partial(local_model.chat_completion, model_dir=model_dir)
