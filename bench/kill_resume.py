"""Kill a batch half-way with Ctrl-C (SIGINT), run it again, and count the model requests.

    python bench/kill_resume.py [--articles 10] [--delay 0.3] [--kill-after 1.0]

The model is the loopback OpenAI-compatible test server (tests/fake_llm.py) answering each request
after ``--delay`` seconds. ``summarizer brief`` runs as a subprocess with ``--concurrency 2`` and
gets SIGINT ``--kill-after`` seconds after the server saw its first request (so the interpreter's
start-up does not count). The second run should ask only about the articles the first did not
finish, the output file should be absent (or complete) after the kill, and the cache sound.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = [
    "العراق",
    "سوريا",
    "لبنان",
    "الأردن",
    "اليمن",
    "ليبيا",
    "السودان",
    "تونس",
    "مصر",
    "قطر",
]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين"]


def _fake_llm() -> Any:
    spec = importlib.util.spec_from_file_location("fake_llm", ROOT / "tests" / "fake_llm.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fake_llm"] = module
    spec.loader.exec_module(module)
    return module


def _articles(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        country = COUNTRIES[i % len(COUNTRIES)]
        month = MONTHS[i % len(MONTHS)]
        text = (
            f"أعلنت حكومة {country}، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول "
            f"{month} {2025 + i % 3}.\n"
            f"وقال مسؤول إن نحو {1000 + 150 * i} جندي ما زالوا في {country}.\n"
        )
        (folder / f"article_{i:02d}.txt").write_text(text, encoding="utf-8")


def _cache_state(cache_dir: Path) -> str:
    path = cache_dir / "extractions.sqlite3"
    if not path.exists():
        return "no cache file"
    with sqlite3.connect(path) as db:
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        rows = db.execute("SELECT COUNT(*) FROM extractions").fetchone()[0]
    return f"integrity_check={check}, {rows} extractions"


def _output_state(output: Path) -> str:
    leftovers = [p.name for p in output.parent.iterdir() if p.name.endswith(".tmp")]
    if not output.exists():
        state = "absent"
    else:
        try:
            brief = json.loads(output.read_text(encoding="utf-8"))
            ok = sum(1 for a in brief["articles"] if a["status"] == "ok")
            state = f"complete JSON brief, {ok}/{len(brief['articles'])} articles ok"
        except (ValueError, KeyError) as error:
            state = f"CORRUPT ({error})"
    return state + (f"; temporary files left: {leftovers}" if leftovers else "; no temporary files")


def _run(
    fake: Any,
    folder: Path,
    output: Path,
    cache_dir: Path,
    kill_after: float | None,
) -> tuple[int, int, float, str]:
    before = len(fake.requests)
    command = [
        sys.executable, "-m", "summarizer", "brief", str(folder), "--base-url", fake.url,
        "--model", "bench-model", "--cache-dir", str(cache_dir), "--concurrency", "2",
        "--format", "json", "--output", str(output),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    if kill_after is not None:
        while len(fake.requests) == before and process.poll() is None:
            time.sleep(0.01)
        time.sleep(kill_after)
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    last = " | ".join(stderr.strip().splitlines()[-3:])
    return process.returncode, len(fake.requests) - before, time.monotonic() - started, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10)
    parser.add_argument("--delay", type=float, default=0.3, help="seconds per model request")
    parser.add_argument("--kill-after", type=float, default=1.0, help="seconds after 1st request")
    args = parser.parse_args()

    fake_llm = _fake_llm()

    def slow(request: dict[str, Any]) -> dict[str, Any]:
        time.sleep(args.delay)
        answer: dict[str, Any] = fake_llm.grounded_responder(request)
        return answer

    fake = fake_llm.FakeLLM(responder=slow).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder, output, cache_dir = (
                Path(tmp, "in"),
                Path(tmp, "out", "brief.json"),
                Path(tmp, "c"),
            )
            output.parent.mkdir()
            _articles(folder, args.articles)
            print(f"{args.articles} articles, {args.delay:g} s per request, concurrency 2")
            runs = [("run 1 (SIGINT)", args.kill_after), ("run 2 (resume)", None), ("run 3", None)]
            for name, kill in runs:
                code, requests, seconds, last = _run(fake, folder, output, cache_dir, kill)
                print(f"{name}: exit {code}, {requests} requests, {seconds:.1f} s — {last}")
                print(f"    output: {_output_state(output)}")
                print(f"    cache:  {_cache_state(cache_dir)}")
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
