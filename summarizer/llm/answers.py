"""The Batch API's side of a structured call: the request body sent, the answer validated."""

from __future__ import annotations

from typing import Any, TypeVar, cast

import instructor
from pydantic import BaseModel

from summarizer.llm.guard import GUARD_KEY, _guarded, prompt_guard

T = TypeVar("T", bound=BaseModel)


def tool_request_body(
    model: str, messages: list[dict[str, str]], response_model: type[BaseModel], max_tokens: int
) -> dict[str, Any]:
    """The chat-completion body that instructor's TOOLS mode sends for ``response_model``
    (the schema as a forced tool): the Batch API sends the very request the interactive path
    would."""
    from instructor.v2.core.response import handle_response_model

    _, body = handle_response_model(
        response_model,
        instructor.Mode.TOOLS,
        model=model,
        messages=messages,
        max_tokens=max_tokens,
        temperature=0,
    )
    request: dict[str, Any] = body
    return request


def validate_answer(
    arguments: str,
    response_model: type[T],
    messages: list[dict[str, str]],
    context: dict[str, Any],
) -> T:
    """A model's JSON answer to ``messages``, validated as the interactive path validates it:
    strictly, with ``context`` (the article, for its quotes) and the guard against an answer
    that repeats the instructions.

    Raises:
        ValidationError: the answer is not valid.
    """
    checked = _guarded(response_model)
    full = {**context, GUARD_KEY: prompt_guard(messages)}
    return cast(T, checked.model_validate_json(arguments, context=full, strict=True))
