"""What a run cost: token usage priced from a small, editable table of model prices.

``PRICES`` maps a model name to (USD per 1M prompt tokens, USD per 1M completion tokens): list
prices of common OpenAI models, and 0 for the embedded model. A JSON file named in the
environment variable ``SUMMARIZER_PRICES`` adds models or overrides these, e.g.
``{"my-vllm-model": [0, 0], "gpt-4o-mini": {"prompt": 0.15, "completion": 0.6}}``.
Requests sent through the OpenAI Batch API are billed at half price (``batch=True``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

from summarizer.errors import ConfigurationError
from summarizer.local_model import MODEL_NAME
from summarizer.models import Usage
from summarizer.settings import ENVIRONMENT

PRICES_ENV = ENVIRONMENT["prices_file"]
BATCH_DISCOUNT = 0.5
"""The OpenAI Batch API bills prompt and completion tokens at half the list price."""

Price = tuple[float, float]

# USD per 1M tokens (prompt, completion), standard tier, list prices of mid-2025. Edit freely, or
# override without editing the code: see SUMMARIZER_PRICES above.
PRICES: dict[str, Price] = {
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4-turbo": (10.00, 30.00),
    "gpt-3.5-turbo": (0.50, 1.50),
    "o1": (15.00, 60.00),
    "o3": (2.00, 8.00),
    "o3-mini": (1.10, 4.40),
    "o4-mini": (1.10, 4.40),
    MODEL_NAME: (0.0, 0.0),  # the embedded model runs on your own machine
}

_DATED = re.compile(r"-(?:\d{4}-\d{2}-\d{2}|\d{4})$")  # gpt-4o-mini-2024-07-18, gpt-4-0613


def load_prices(path: str | None = None) -> dict[str, Price]:
    """Return the price table: ``PRICES`` updated from the JSON file at ``path`` (the
    ``prices_file`` setting, ``$SUMMARIZER_PRICES``), if any.

    Raises:
        ConfigurationError: the file cannot be read or is not a table of prices.
    """
    table = {name.lower(): price for name, price in PRICES.items()}
    if not path:
        return table
    try:
        data = json.loads(Path(path).expanduser().read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigurationError(
            f"{PRICES_ENV}={path}: cannot read it ({error.strerror})"
        ) from None
    except ValueError as error:
        raise ConfigurationError(f"{PRICES_ENV}={path}: not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{PRICES_ENV}={path}: expected an object of model → price")
    for name, value in data.items():
        table[str(name).lower()] = _price(value, f"{PRICES_ENV}={path}: model {name!r}")
    return table


def _price(value: object, where: str) -> Price:
    if isinstance(value, Mapping):
        value = [value.get("prompt"), value.get("completion")]
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in value)
    ):
        return float(value[0]), float(value[1])
    raise ConfigurationError(
        f"{where}: a price is [USD per 1M prompt tokens, USD per 1M completion tokens] "
        'or {"prompt": ..., "completion": ...}, both numbers >= 0'
    )


def price_of(model: str, prices: Mapping[str, Price] | None = None) -> Price | None:
    """Return the model's (prompt, completion) price per 1M tokens, or None when not listed.

    Matching ignores case, a provider prefix (``openai/gpt-4o``) and a date suffix
    (``gpt-4o-mini-2024-07-18``).
    """
    table = load_prices() if prices is None else prices
    name = model.strip().lower()
    for candidate in (name, name.rsplit("/", 1)[-1]):
        if candidate in table:
            return table[candidate]
        undated = _DATED.sub("", candidate)
        if undated in table:
            return table[undated]
    return None


def estimate_cost(
    model: str,
    usage: Usage,
    *,
    batch: bool = False,
    prices: Mapping[str, Price] | None = None,
) -> float | None:
    """Return the estimated cost in USD of ``usage`` on ``model``; None when its price is unknown.

    ``batch`` applies the Batch API discount; ``prices`` is the built-in table by default.
    """
    price = price_of(model, prices)
    if price is None:
        return None
    prompt, completion = price
    # A count below zero (a server's bad usage block) is unknown, never a refund.
    tokens = max(0, usage.prompt_tokens), max(0, usage.completion_tokens)
    cost = (tokens[0] * prompt + tokens[1] * completion) / 1_000_000
    if batch:
        cost *= BATCH_DISCOUNT
    return round(cost, 8)


def format_cost(cost: float | None) -> str:
    """Return a short human form of a cost: ``$0``, ``<$0.0001``, ``$0.0123``, ``$1.25``."""
    if cost is None:
        return "cost unknown"
    if cost == 0:
        return "$0"
    if cost < 0.0001:
        return "<$0.0001"
    return f"${cost:.4f}" if cost < 1 else f"${cost:,.2f}"
