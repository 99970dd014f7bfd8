"""JSON Schema → llama.cpp grammar (GBNF): the schema fitted first, the grammar checked once."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from typing import Any

_CLASS_REPEAT = re.compile(r"^\^(\[(?:[^\]\\]|\\.)*\]|\.)([+*])\$$")


def _fit_schema(node: Any) -> Any:
    """Copy a JSON Schema, rewriting what llama.cpp's converter would silently drop.

    The converter turns ``pattern`` into a grammar and then ignores ``maxLength``; for the
    common ``^[class]+$`` / ``^[class]*$`` shape the length bound is moved into the pattern
    (``^[class]{1,N}$``) so it is enforced while decoding.
    """
    if isinstance(node, list):
        return [_fit_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _fit_schema(value) for key, value in node.items()}
    pattern, max_len = out.get("pattern"), out.get("maxLength")
    if isinstance(pattern, str) and isinstance(max_len, int):
        match = _CLASS_REPEAT.match(pattern)
        if match:
            low = max(int(out.get("minLength", 0)), 1 if match.group(2) == "+" else 0)
            out["pattern"] = f"^{match.group(1)}{{{low},{max_len}}}$"
    return out


@functools.lru_cache(maxsize=64)
def _grammar_text(schema_json: str) -> str:
    """GBNF for a JSON Schema (given as JSON text, so it can be cached); ValueError if unsupported.

    Built here rather than through llama's ``response_format`` because llama-cpp-python falls
    back to unconstrained JSON, silently, when a schema cannot be converted.
    """
    from llama_cpp.llama_grammar import json_schema_to_gbnf

    try:
        return str(json_schema_to_gbnf(json.dumps(_fit_schema(json.loads(schema_json)))))
    except Exception as error:  # the converter raises bare AssertionErrors and KeyErrors
        raise ValueError(f"JSON Schema not supported by llama.cpp's grammar: {error!r}") from error


def _grammar_for(schema: Mapping[str, Any] | None) -> str:
    """GBNF text constraining output to ``schema``, or to any JSON value when it is None."""
    from llama_cpp.llama_grammar import JSON_GBNF

    if schema is None:
        return str(JSON_GBNF)
    return _grammar_text(json.dumps(schema))


_CHECKED_GRAMMARS: set[str] = set()


def _compile_grammar(llama: Any, text: str) -> Any:
    """A LlamaGrammar for ``text``, after checking that llama.cpp's parser accepts it.

    An invalid grammar makes llama.cpp crash the process while sampling, so it is parsed once
    here first (caller holds the engine lock).
    """
    import llama_cpp
    from llama_cpp.llama_grammar import LlamaGrammar

    if text not in _CHECKED_GRAMMARS:
        sampler = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, text.encode("utf-8"), b"root"
        )
        if not sampler:
            raise ValueError("llama.cpp rejected the grammar made from the JSON Schema")
        llama_cpp.llama_sampler_free(sampler)
        _CHECKED_GRAMMARS.add(text)
    return LlamaGrammar.from_string(text, verbose=False)
