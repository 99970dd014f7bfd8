"""The settings of a run, read once at the edge (CLI flags, arguments, then the environment)
and passed down: no other module reads an environment variable.

Standard library only, so the CLI reads them before importing the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

# Each setting's environment variable (documented in the README).
ENVIRONMENT = {
    "model": "SUMMARIZER_MODEL",
    "base_url": "OPENAI_BASE_URL",
    "api_key": "OPENAI_API_KEY",
    "mode": "SUMMARIZER_MODE",
    "prices_file": "SUMMARIZER_PRICES",
    "model_dir": "SUMMARIZER_MODEL_DIR",
}


@dataclass(frozen=True)
class Settings:
    """What a run is configured with beyond its arguments; None means not set."""

    model: str | None = None  # the model name at the endpoint (or the embedded model's)
    base_url: str | None = None  # an OpenAI-compatible endpoint
    api_key: str | None = field(default=None, repr=False)
    mode: str | None = None  # instructor's mode for structured answers (tools, json_schema…)
    prices_file: str | None = None  # a JSON table of model prices that updates the built-in
    model_dir: str | None = None  # where the embedded model's file is kept

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **given: str | None) -> Settings:
        """The settings of a run: each ``given`` value (a CLI flag or an argument) when it is
        not None or empty, else its environment variable (:data:`ENVIRONMENT`) when set."""
        env = os.environ if env is None else env
        read = {name: env.get(variable) or None for name, variable in ENVIRONMENT.items()}
        return cls(**read).with_values(**given)

    def with_values(self, **given: str | None) -> Settings:
        """These settings, with each ``given`` value that is not None or empty instead."""
        names = {f.name for f in fields(self)}
        unknown = set(given) - names
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
        return replace(self, **{name: value for name, value in given.items() if value})
