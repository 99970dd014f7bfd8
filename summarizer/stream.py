"""The brief's JSON written a piece at a time, so a brief of 10,000 articles is never one string.

``brief_json_chunks(brief)`` yields pieces whose concatenation is exactly
``brief.model_dump_json(indent=indent)`` (a test holds it to that): each top-level field, and
each item of a list or entry of a mapping, is serialized on its own by pydantic and indented in
place. The HTML page's data island uses the compact form of the same pieces.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, TypeAdapter

__all__ = ["brief_json_chunks"]

_ANY: TypeAdapter[Any] = TypeAdapter(Any)  # pydantic's own serializer for a value alone


def brief_json_chunks(
    model: BaseModel, *, indent: int | None = 2, exclude: frozenset[str] = frozenset()
) -> Iterator[str]:
    """Pieces of ``model.model_dump_json(indent=indent, exclude=exclude)``, in order."""
    names = [name for name in type(model).model_fields if name not in exclude]
    if not names:
        yield "{}"
        return
    newline, pad, colon = _layout(indent, 1)
    yield "{"
    for position, name in enumerate(names):
        yield ("," if position else "") + newline + pad + _json(name, None) + colon
        yield from _value_chunks(getattr(model, name), indent, 1)
    yield _closing(indent, 0) + "}"


def _value_chunks(value: Any, indent: int | None, depth: int) -> Iterator[str]:
    """A field's value at nesting ``depth``: a list or a mapping item by item, else whole."""
    if isinstance(value, list) and value:
        newline, pad, _ = _layout(indent, depth + 1)
        yield "["
        for position, item in enumerate(value):
            yield ("," if position else "") + newline + pad + _nested(item, indent, depth + 1)
        yield _closing(indent, depth) + "]"
    elif isinstance(value, dict) and value:
        newline, pad, colon = _layout(indent, depth + 1)
        yield "{"
        for position, (key, item) in enumerate(value.items()):
            head = ("," if position else "") + newline + pad + _json(str(key), None) + colon
            yield head + _nested(item, indent, depth + 1)
        yield _closing(indent, depth) + "}"
    else:
        yield _nested(value, indent, depth)


def _nested(value: Any, indent: int | None, depth: int) -> str:
    """One value serialized alone, its inner lines indented to stand at ``depth``."""
    text = _json(value, indent)
    if indent is None or "\n" not in text:
        return text
    return text.replace("\n", "\n" + " " * (indent * depth))


def _json(value: Any, indent: int | None) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json(indent=indent)
    return _ANY.dump_json(value, indent=indent).decode("utf-8")


def _closing(indent: int | None, depth: int) -> str:
    """What stands before the bracket that closes a value at ``depth``."""
    newline, pad, _ = _layout(indent, depth)
    return newline + pad


def _layout(indent: int | None, depth: int) -> tuple[str, str, str]:
    """The newline, the padding and the key separator at ``depth``."""
    if indent is None:
        return "", "", ":"
    return "\n", " " * (indent * depth), ": "
