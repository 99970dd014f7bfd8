"""The response model of a chunk request: one required entry per candidate mention, its ids an
enum of the real ones, English fields without Arabic letters, quotes verbatim."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, create_model, field_validator

from summarizer.extract.picks import locate
from summarizer.extract.roles import Role
from summarizer.translate import ENGLISH_ONLY

# The class excludes '"' and '\\' so a grammar built from it cannot close a string early.
NO_LATIN = r'^[^"\\A-Za-z]+$'
MAX_EVENTS = 6

# One required entry per candidate mention, in the article's order, so the model considers every
# mention and only decides and describes: ``use`` first ("skip" or what the mention is), then
# short English and Arabic words. Events that no date mention carries come in a short list.


def _verbatim_quote(value: str | None, info: ValidationInfo) -> str | None:
    if not value:
        return None
    text = (info.context or {}).get("text")
    if not isinstance(text, str):  # never pass a quote unchecked
        raise ValueError("no article to check the quote against (validate with context text)")
    if locate(value, text) is None:
        raise ValueError(
            f"quote {value[:80]!r} is not in the article: copy the article's words exactly, "
            "or leave quote empty"
        )
    return value


def _enum(values: list[str]) -> Any:
    return Literal[tuple(values)]


def _describing_fields(
    with_quotes: bool, with_arabic: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    fields: dict[str, Any] = {
        "about_en": (str, Field(min_length=2, max_length=160, pattern=ENGLISH_ONLY)),
        "place_en": (str, Field(max_length=60, pattern=ENGLISH_ONLY)),
    }
    if with_arabic:
        fields["about_ar"] = (str, Field(min_length=2, max_length=200, pattern=NO_LATIN))
    validators: dict[str, Any] = {}
    if with_quotes:  # small models copy badly: their quote is the sentence the item comes from
        fields["quote"] = (str | None, Field(default=None, max_length=400))
        validators["quote_in_article"] = field_validator("quote")(_verbatim_quote)
    return fields, validators


class Skip(BaseModel):
    """The dated happening does not matter for the brief."""

    use: Literal["skip"]


@lru_cache(maxsize=256)  # one class per distinct request: bounded for huge batches
def _response_model_cached(
    roles: tuple[tuple[str, Role], ...],
    sentence_ids: tuple[str, ...],
    with_quotes: bool,
    with_arabic: bool,
) -> type[BaseModel]:
    fields, validators = _describing_fields(with_quotes, with_arabic)
    described = create_model("Described", **fields, __validators__=validators)
    event_literal: Any = Literal["event"]
    event_use = create_model(
        "EventUse", use=(event_literal, ...), **fields, __validators__=validators
    )
    per_mention: dict[str, Any] = {
        mention_id: ((Skip | event_use) if role == "event" else described, ...)
        for mention_id, role in roles
    }
    event = create_model(
        "Event", sentence=(_enum(list(sentence_ids)), ...), **fields, __validators__=validators
    )
    return create_model(
        "ArticleFacts",
        mentions=(create_model("Mentions", **per_mention), ...),
        events=(list[event], Field(max_length=MAX_EVENTS if with_arabic else 3)),  # type: ignore[valid-type,unused-ignore]
    )


def response_model(
    roles: dict[str, Role],
    sentence_ids: list[str],
    *,
    with_quotes: bool = True,
    with_arabic: bool = True,
) -> type[BaseModel]:
    """Build the schema the model must answer in: one entry per candidate mention, in order.

    Deadline and figure candidates are only described; a dated happening may be skipped.
    """
    ordered = tuple(sorted(roles.items(), key=lambda item: int(item[0][1:])))
    return _response_model_cached(ordered, tuple(sentence_ids), with_quotes, with_arabic)
