"""The brief as JSON: the contract of ``schemas/brief.schema.json``, whole or in pieces."""

from __future__ import annotations

from collections.abc import Iterator

from summarizer.models import Brief
from summarizer.stream import brief_json_chunks


def render_json(brief: Brief) -> str:
    """Serialize the brief to indented JSON (the contract of ``schemas/brief.schema.json``)."""
    return brief.model_dump_json(indent=2)


def render_json_chunks(brief: Brief) -> Iterator[str]:
    """:func:`render_json`'s text in pieces, an item at a time."""
    return brief_json_chunks(brief, indent=2)
