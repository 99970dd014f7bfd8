"""Shared fixtures: the loopback model server and a clean environment for every test."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import platformdirs
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from fake_llm import FakeLLM

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# The embedded model is joined once into the real user cache, not into each test's folder.
MODEL_DIR = os.environ.get("SUMMARIZER_MODEL_DIR") or str(
    Path(platformdirs.user_cache_dir("summarizer")) / "models"
)


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys, endpoints or cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("SUMMARIZER_MODEL_DIR", MODEL_DIR)


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    server = FakeLLM().start()
    yield server
    server.stop()
