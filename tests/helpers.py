"""Helpers shared by the test files: the CLI as a subprocess, and two short sample articles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Two short articles written for the tests (no article's words): a deadline and a figure each.
A1 = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)
B2 = (
    "قالت وزارة الدفاع إن القوات الأميركية ستغادر سوريا بحلول نهاية 2026.\n"
    "وأضافت أن نحو 900 جندي ما زالوا في شمال شرق سوريا.\n"
)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``summarizer ARGS`` as a user would, without the developer's OPENAI_* settings."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, env=full_env, timeout=120, cwd=ROOT,
    )  # fmt: skip
