"""``chat_completion``: an OpenAI-shaped chat completion run on the embedded model."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.errors import ExtractionError
from summarizer.local_model.engine import _ENGINE, N_CTX_MAX, SEED, _context_for
from summarizer.local_model.grammar import _compile_grammar, _grammar_for
from summarizer.local_model.model_file import MODEL_NAME
from summarizer.local_model.request import _forced_tool, _messages, _schema_of

if TYPE_CHECKING:
    from openai.types.chat import ChatCompletion

log = logging.getLogger("summarizer.local_model")  # one name for the package's log lines

DEFAULT_MAX_TOKENS = 1024
"""Room reserved for the answer when the caller gives no ``max_tokens``."""


def _prompt_tokens_upper_bound(llama: Any, messages: list[dict[str, str]]) -> int:
    """Tokens of the formatted prompt, over-estimated (template markup and default system)."""
    content = sum(
        len(llama.tokenize(m["content"].encode("utf-8"), add_bos=False, special=False))
        for m in messages
    )
    return content + _template_tokens(messages)


def _template_tokens(messages: list[dict[str, str]]) -> int:
    """Upper bound of the chat template's own tokens (role markup, Qwen's default system line)."""
    return 8 * len(messages) + 48


def chat_completion(*, model_dir: Path | None = None, **kwargs: Any) -> ChatCompletion:
    """Run a chat completion on the embedded model, like ``client.chat.completions.create``.

    Accepted: ``messages``; ``response_format`` (``json_schema`` as instructor's JSON_SCHEMA
    mode sends it, ``json_object`` with or without ``schema``, or ``text``), which becomes a
    grammar that constrains decoding; ``max_tokens`` / ``max_completion_tokens``;
    ``temperature`` (0 or absent: greedy, top_k 1) and ``seed`` (default 0); ``stop``;
    ``tools`` + ``tool_choice`` naming one function (its parameters become the grammar and
    the answer comes back as a tool call). ``model``, ``timeout`` and other OpenAI options are
    ignored; ``stream=True`` and ``n > 1`` raise NotImplementedError.

    Calls are serialized (one model per process); the model is loaded on first use and
    reloaded with a larger context when a request does not fit; its file is in ``model_dir``
    (see :func:`model_path`).

    Raises:
        ConfigurationError: llama-cpp-python or the model packages are missing.
        ExtractionError: the prompt is longer than the model's context.
        ValueError: the response_format or schema cannot be honoured.
    """
    if kwargs.get("stream"):
        raise NotImplementedError("the embedded model does not stream; call with stream=False")
    if int(kwargs.get("n") or 1) != 1:
        raise NotImplementedError("the embedded model returns one choice (n=1)")
    messages = _messages(kwargs["messages"])
    tool: Mapping[str, Any] | None = None
    if kwargs.get("tools"):
        tool = _forced_tool(kwargs["tools"], kwargs.get("tool_choice"))
        constrained, schema = True, tool.get("parameters") or {"type": "object"}
    else:
        constrained, schema = _schema_of(kwargs.get("response_format"))
    grammar_text = _grammar_for(schema) if constrained else None

    max_tokens = kwargs.get("max_completion_tokens") or kwargs.get("max_tokens")
    temperature = float(kwargs.get("temperature") or 0.0)
    seed = int(kwargs["seed"]) if kwargs.get("seed") is not None else SEED
    stop = kwargs.get("stop")

    answer_tokens = int(max_tokens or DEFAULT_MAX_TOKENS)
    with _ENGINE.lock:
        # Before the model is loaded, guess the prompt's size from its characters (an upper
        # bound for Arabic and English text) so the first load usually needs no second one.
        guess = sum(len(m["content"]) for m in messages) // 2 + _template_tokens(messages)
        llama = _ENGINE.llama or _ENGINE.ensure(
            _context_for(guess + answer_tokens), model_dir
        )
        prompt_tokens = _prompt_tokens_upper_bound(llama, messages)
        needed = prompt_tokens + answer_tokens
        if needed > _ENGINE.n_ctx:
            if prompt_tokens >= N_CTX_MAX:
                raise ExtractionError(
                    f"the prompt (about {prompt_tokens} tokens) does not fit the embedded "
                    f"model's {N_CTX_MAX}-token context; shorten the article"
                )
            llama = _ENGINE.ensure(_context_for(needed), model_dir)
        grammar = _compile_grammar(llama, grammar_text) if grammar_text is not None else None
        started = time.perf_counter()
        raw = llama.create_chat_completion(
            messages=messages,
            temperature=temperature,
            top_k=1 if temperature == 0 else 40,
            top_p=1.0 if temperature == 0 else 0.95,
            min_p=0.0 if temperature == 0 else 0.05,
            repeat_penalty=float(kwargs.get("repeat_penalty") or 1.0),
            seed=seed,
            max_tokens=max_tokens,
            stop=stop,
            grammar=grammar,
            model=MODEL_NAME,
            stream=False,
        )
        seconds = time.perf_counter() - started
    result: dict[str, Any] = json.loads(json.dumps(raw))
    usage = result.get("usage") or {}
    log.debug(
        "local completion: %s prompt + %s generated tokens in %.1fs",
        usage.get("prompt_tokens"),
        usage.get("completion_tokens"),
        seconds,
    )
    return _to_openai(result, tool)


def _to_openai(result: dict[str, Any], tool: Mapping[str, Any] | None) -> ChatCompletion:
    """Fill in what the OpenAI type requires and wrap a forced tool's answer as a tool call."""
    from openai.types.chat import ChatCompletion  # not at import: doctor and cost need none

    result.setdefault("id", f"chatcmpl-{uuid.uuid4().hex}")
    result.setdefault("created", int(time.time()))
    result["object"] = "chat.completion"
    result["model"] = MODEL_NAME
    usage = result.get("usage") or {}
    prompt, completion = int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))
    result["usage"] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    for index, choice in enumerate(result.get("choices") or []):
        choice["index"] = index
        choice.setdefault("logprobs", None)
        if choice.get("finish_reason") not in ("stop", "length"):
            choice["finish_reason"] = "stop"
        message = choice.setdefault("message", {})
        message["role"] = "assistant"
        message.setdefault("content", "")
        if tool is not None:
            message["tool_calls"] = [
                {
                    "id": f"call_{uuid.uuid4().hex[:24]}",
                    "type": "function",
                    "function": {"name": tool.get("name", ""), "arguments": message["content"]},
                }
            ]
            message["content"] = None
            if choice["finish_reason"] == "stop":
                choice["finish_reason"] = "tool_calls"
    return ChatCompletion.model_validate(result)
