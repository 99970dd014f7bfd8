"""The client: structured and plain-text calls, the article's deadline, abort.

Its requests go out through :class:`~summarizer.llm.transport.Transport`, which it extends.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

import instructor
import openai
from instructor.core import IncompleteOutputException, InstructorRetryException
from pydantic import BaseModel

from summarizer.backend import BackendChoice, Capabilities
from summarizer.errors import AnswerTruncated, ConfigurationError, ExtractionError, SummarizerError
from summarizer.limiter import AdaptiveLimiter
from summarizer.llm.faults import _retry_reason, _short, _times
from summarizer.llm.guard import GUARD_KEY, _guarded, prompt_guard, repeats_instructions
from summarizer.llm.secrets import _KEYS, _KEYS_LOCK, mask_key, without_key
from summarizer.llm.transport import RetryPolicy, Transport
from summarizer.llm.usage import UsageMeter
from summarizer.models import Usage

log = logging.getLogger("summarizer.llm")  # the name its records had before the package split

T = TypeVar("T", bound=BaseModel)

MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


def _mode(name: str) -> instructor.Mode:
    if name not in MODES:
        raise ConfigurationError(f"unknown mode '{name}'; choose one of {', '.join(MODES)}")
    return MODES[name]


class LLM(Transport):
    """A structured-output client: messages and a Pydantic model in, a validated object out."""

    def __init__(
        self,
        choice: BackendChoice,
        *,
        timeout: float = 120.0,
        policy: RetryPolicy | None = None,
        mode: str | None = None,
        limiter: AdaptiveLimiter | None = None,
    ) -> None:
        """``limiter`` bounds the requests in flight (shared by every thread that uses this
        client); by default an adaptive one, and one request at a time for the embedded model."""
        self.choice = choice
        self.timeout = timeout
        self.policy = policy or RetryPolicy()
        if choice.api_key and len(choice.api_key) >= 6:
            with _KEYS_LOCK:
                _KEYS.add(choice.api_key)
        most = choice.capabilities.max_in_flight
        if limiter is None and most is not None:
            limiter = AdaptiveLimiter(ceiling=most, start=most)
        self.limiter = limiter or AdaptiveLimiter()
        self.mode = _mode(mode or choice.capabilities.structured_mode)
        self._local_state = threading.local()
        self._abort_lock = threading.Lock()
        self._aborted: tuple[type[SummarizerError], str] | None = None
        self._create = (
            self._local_create() if choice.capabilities.in_process else self._endpoint_create()
        )
        self._patched = instructor.patch(create=self._instructor_create, mode=self.mode)

    @property
    def name(self) -> str:
        """The model name as reported in the brief."""
        return self.choice.model

    @property
    def capabilities(self) -> Capabilities:
        """What the backend does well (how the pipeline asks it)."""
        return self.choice.capabilities

    @contextmanager
    def article(self, deadline: float | None = None) -> Iterator[None]:
        """Bound every request made inside (in this thread) by one per-article deadline.

        ``deadline`` (a ``time.monotonic()`` value, see :meth:`current_deadline`) carries an
        article's deadline into the threads that extract its chunks. The embedded model has no
        transport to fail and is slow on long articles: no deadline.
        """
        previous = getattr(self._local_state, "deadline", None)
        if not self.capabilities.in_process:
            self._local_state.deadline = deadline or time.monotonic() + self.policy.deadline_s
        try:
            yield
        finally:
            self._local_state.deadline = previous

    def current_deadline(self) -> float | None:
        """The deadline of the article being extracted in this thread, if any."""
        return getattr(self._local_state, "deadline", None)

    def abort(self, error: SummarizerError) -> None:
        """Fail every later request of this client at once with ``error``'s kind and message.

        Used when the endpoint cannot be reached or refuses the key, and on Ctrl-C: requests in
        flight finish, retries and requests not yet sent do not happen.
        """
        with self._abort_lock:
            if self._aborted is None:
                self._aborted = (type(error), str(error))
        self.limiter.wake()  # requests waiting for a slot are not sent

    def redact(self, text: str) -> str:
        """Return ``text`` with the API key (should a server echo it) masked."""
        return mask_key(text, self.choice.api_key)

    def structured(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        *,
        context: dict[str, Any] | None = None,
        max_tokens: int = 1500,
    ) -> tuple[T, Usage]:
        """Return the model's answer validated against ``response_model``, and what it cost.

        Raises a :class:`SummarizerError` with a one-line reason: :class:`ModelRefused`,
        :class:`AnswerTruncated`, :class:`DeadlineExceeded`, :class:`ExtractionError` (faults
        that outlasted their retries, answers invalid every time), :class:`EndpointUnavailable`
        or :class:`ConfigurationError`. Its ``usage`` says what the failed attempts cost.
        """
        meter = UsageMeter()
        deadline = self._deadline()
        budgets = [max_tokens]
        while True:
            try:
                answer = self._ask(messages, response_model, context, budgets[-1], meter, deadline)
                return answer, meter.usage
            except AnswerTruncated:
                bigger = min(self.policy.max_tokens_cap, budgets[-1] * 2)
                if len(budgets) > self.policy.length_retries or bigger <= budgets[-1]:
                    tried = " then ".join(str(b) for b in budgets)
                    error = AnswerTruncated(
                        f"the answer was cut off at the token limit {_times(len(budgets))} "
                        f"(finish_reason=length, max_tokens {tried})"
                    )
                    error.usage = meter.usage
                    raise error from None
                log.info(
                    "answer cut off at max_tokens=%d: asking again with %d", budgets[-1], bigger
                )
                budgets.append(bigger)
            except SummarizerError as err:
                err.usage = meter.usage  # what the failed attempts cost is still reported
                raise

    def text(
        self, messages: list[dict[str, str]], *, max_tokens: int, stop: list[str] | None = None
    ) -> tuple[str, Usage]:
        """Return the model's plain-text answer (no schema, no JSON), and what it cost.

        For answers of a few words, where a JSON wrapper and its grammar would cost more
        generated tokens than the answer itself. The caller checks the text; this only refuses
        an answer that repeats the instructions. Raises the errors of :meth:`structured`.
        """
        meter = UsageMeter()
        call: dict[str, Any] = {
            "model": self.choice.model,
            "messages": messages,
            "max_tokens": max_tokens,
            "temperature": 0,
        }
        if stop:
            call["stop"] = stop
        try:
            completion = self._with_transport_retries(call, meter, self._deadline())
            content = str(completion.choices[0].message.content or "")
            answer = without_key(content, self.choice.api_key)
            if repeats_instructions(answer, prompt_guard(messages)):
                raise ExtractionError("the answer repeats the instructions")
        except SummarizerError as err:
            err.usage = meter.usage
            raise
        return cast(str, answer), meter.usage

    def _ask(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        context: dict[str, Any] | None,
        max_tokens: int,
        meter: UsageMeter,
        deadline: float,
    ) -> T:
        state = _Call(meter, deadline)
        try:
            result = self._patched(
                model=self.choice.model,
                # Given a context, instructor renders the messages as Jinja templates: the
                # article's «{{» or «{%» must reach the model as written.
                messages=[_as_template(message) for message in messages],
                response_model=_guarded(response_model),
                context={**(context or {}), GUARD_KEY: prompt_guard(messages)},
                max_retries=self.policy.reasks,
                max_tokens=max_tokens,
                temperature=0,
                **{_CALL_KEY: state},
            )
        except SummarizerError:
            raise
        except IncompleteOutputException:
            raise AnswerTruncated("the answer was cut off at the token limit") from None
        except InstructorRetryException as err:
            if state.fatal:
                raise state.fatal[-1] from None
            raise ExtractionError(self.redact(_retry_reason(err, meter.usage))) from None
        except openai.APIError as err:
            raise ExtractionError(f"model endpoint error: {_short(err)}") from None
        # The raw text was masked; the key may still have come JSON-escaped ("\u0073k-...").
        return cast(T, without_key(result, self.choice.api_key))

    def _instructor_create(self, **kwargs: Any) -> Any:
        """The create function instructor is patched with, once: each call's meter, deadline
        and errors come in its own keyword, never sent."""
        state: _Call = kwargs[_CALL_KEY]
        call = {name: value for name, value in kwargs.items() if name != _CALL_KEY}
        try:
            return self._with_transport_retries(call, state.meter, state.deadline)
        except SummarizerError as error:
            state.fatal.append(error)  # instructor wraps errors; keep ours to re-raise as they are
            raise

    def _deadline(self) -> float:
        if self.capabilities.in_process:
            return math.inf  # no transport to fail, and a slow CPU is no fault
        own = time.monotonic() + self.policy.deadline_s
        article = getattr(self._local_state, "deadline", None)
        return own if article is None else min(own, article)


_CALL_KEY = "summarizer_call"  # the keyword that carries a call's state through instructor


@dataclass
class _Call:
    """One structured call's state, across instructor's attempts."""

    meter: UsageMeter
    deadline: float
    fatal: list[SummarizerError] = field(default_factory=list)


_RAW_END = re.compile(r"\{%[-+]?\s*endraw\s*[-+]?%\}")


def _as_template(message: dict[str, str]) -> dict[str, str]:
    """The message as a Jinja template that renders to its own text."""
    content = message.get("content")
    if not isinstance(content, str):
        return message
    escaped = _RAW_END.sub(lambda m: "{% endraw %}{{ " + repr(m.group()) + " }}{% raw %}", content)
    return {**message, "content": "{% raw %}" + escaped + "{% endraw %}"}
