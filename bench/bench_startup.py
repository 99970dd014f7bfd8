"""Start-up time of the CLI, side by side with the bare interpreter, in one run.

Run: python bench/bench_startup.py [runs]. Each command is started ``runs`` times (default 9),
interleaved so that a busy moment of the machine hits all of them alike; prints the median
seconds of each, its excess over ``python -c pass`` and the ratio to it. No assertion.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMMARIZER = [sys.executable, "-m", "summarizer"]
COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "import summarizer": [sys.executable, "-c", "import summarizer"],
    "summarizer --help": [*SUMMARIZER, "--help"],
    "summarizer brief --bogus-flag": [*SUMMARIZER, "brief", "--bogus-flag"],
    "summarizer brief x --lang fr": [*SUMMARIZER, "brief", "x", "--lang", "fr"],
    "import summarizer.api (the pipeline)": [sys.executable, "-c", "import summarizer.api"],
}


def _seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache once
        _seconds(command)
    for _ in range(runs):
        for name, command in COMMANDS.items():
            times[name].append(_seconds(command))
    base = statistics.median(times["python -c pass"])
    width = max(map(len, COMMANDS))
    print(f"{'command':<{width}}  median s  over bare  ratio   ({runs} runs each, interleaved)")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<{width}}  {median:8.3f}  {median - base:9.3f}  {median / base:5.1f}x")


if __name__ == "__main__":
    main()
