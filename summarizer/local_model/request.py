"""The parts of an OpenAI-shaped request turned into what llama.cpp takes: plain messages, the
schema that constrains the answer, the forced function tool."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _schema_of(response_format: Any) -> tuple[bool, Mapping[str, Any] | None]:
    """(constrained, schema) for an OpenAI-style ``response_format``."""
    if response_format is None:
        return False, None
    if hasattr(response_format, "model_dump"):
        response_format = response_format.model_dump(by_alias=True, exclude_none=True)
    if not isinstance(response_format, Mapping):
        raise ValueError(f"unsupported response_format: {response_format!r}")
    kind = response_format.get("type")
    if kind == "text":
        return False, None
    if kind == "json_object":
        return True, response_format.get("schema")
    if kind == "json_schema":
        spec = response_format.get("json_schema") or {}
        schema = spec.get("schema", spec.get("schema_"))
        if not isinstance(schema, Mapping):
            raise ValueError("response_format json_schema has no 'schema'")
        return True, schema
    raise ValueError(f"unsupported response_format type: {kind!r}")


def _text(content: Any) -> str:
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if isinstance(part, Mapping) and part.get("type") == "text":
                texts.append(str(part.get("text", "")))
            elif isinstance(part, str):
                texts.append(part)
            else:
                raise NotImplementedError("the embedded model reads text only (no images/audio)")
        return "\n".join(texts)
    return str(content)


def _messages(messages: Any) -> list[dict[str, str]]:
    """Plain ``{"role", "content"}`` dicts with string content, as the chat template expects."""
    out = []
    for message in messages:
        m = message.model_dump() if hasattr(message, "model_dump") else dict(message)
        role = str(m.get("role", "user"))
        if role == "developer":
            role = "system"
        out.append({"role": role, "content": _text(m.get("content"))})
    if not out:
        raise ValueError("messages must not be empty")
    return out


def _forced_tool(tools: Any, tool_choice: Any) -> Mapping[str, Any]:
    """The function tool the caller forces (instructor's TOOLS mode), else NotImplementedError."""
    if isinstance(tool_choice, Mapping):
        name = (tool_choice.get("function") or {}).get("name")
        for tool in tools or []:
            function = tool.get("function") or {}
            if tool.get("type", "function") == "function" and function.get("name") == name:
                return dict(function)
    elif tool_choice in (None, "required") and tools and len(tools) == 1:
        return dict(tools[0].get("function") or {})
    raise NotImplementedError(
        "the embedded model only supports one forced function tool; "
        "use instructor's JSON_SCHEMA mode (SUMMARIZER_MODE=json_schema)"
    )
