"""The prompt templates shipped in ``prompts/`` (inside the wheel), and their version."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources

from summarizer.models import SCHEMA_VERSION

PROMPT_FILES = (
    "extract_system.md",
    "extract_example.md",
    "extract_user.md",
    "label_system.md",
    "label_examples.json",
)


@cache
def prompt_template(name: str) -> str:
    """Return a prompt template shipped in ``prompts/`` (inside the wheel)."""
    return resources.files("summarizer.prompts").joinpath(name).read_text(encoding="utf-8")


# Raised when what is asked or kept of an answer changes (which mentions are candidates, the
# checks a translation must pass, how values are found in it), so that answers cached under the
# old rules are asked again.
ANSWER_RULES = "13"


@cache
def prompt_version() -> str:
    """Return a short hash of every prompt template, the answer rules and the schema version."""
    digest = hashlib.sha256(f"{SCHEMA_VERSION}|{ANSWER_RULES}".encode())
    for name in PROMPT_FILES:
        digest.update(prompt_template(name).encode())
    return digest.hexdigest()[:12]
