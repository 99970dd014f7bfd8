"""Start-up time of the CLI, side by side with the bare interpreter, in one run.

Run: python bench/bench_startup.py [--runs 9] [--against OTHER_CHECKOUT]

Each command (``--help``, ``doctor``, usage errors: an unknown flag, a bad ``--lang``, a path that
does not exist) is started ``--runs`` times, interleaved so that a busy moment of the machine
hits all of them alike; prints the median seconds of each, its excess over ``python -c pass``
and the ratio to it. With ``--against``, every command is also run from that checkout (e.g. the
main branch's worktree: ``python -m`` imports the package of the folder it starts in) and both
medians are printed side by side. No assertion.
"""

from __future__ import annotations

import argparse
import os
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
    "summarizer doctor": [*SUMMARIZER, "doctor"],
    "summarizer brief --bogus-flag": [*SUMMARIZER, "brief", "--bogus-flag"],
    "summarizer brief x --lang fr": [*SUMMARIZER, "brief", "x", "--lang", "fr"],
    "summarizer brief no/such/path": [*SUMMARIZER, "brief", "no/such/path"],
    "import summarizer.api (the pipeline)": [sys.executable, "-c", "import summarizer.api"],
}
# doctor picks the embedded model unless told otherwise: keep any endpoint settings out of it.
ENV_DROPPED = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_MODEL")


def _seconds(command: list[str], cwd: Path) -> float:
    """Wall seconds of one run of ``command`` started in ``cwd``."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    """Time every command in every checkout, interleaved, and print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs_positional", nargs="?", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", type=Path, help="another checkout, timed side by side")
    args = parser.parse_args()
    runs = args.runs_positional or args.runs
    roots = {"this": ROOT}
    if args.against is not None:
        roots["against"] = args.against.resolve()
    times: dict[tuple[str, str], list[float]] = {(r, n): [] for r in roots for n in COMMANDS}
    for folder in roots.values():  # warm the file cache once
        for command in COMMANDS.values():
            _seconds(command, folder)
    for _ in range(runs):
        for name, command in COMMANDS.items():
            for root, folder in roots.items():
                times[root, name].append(_seconds(command, folder))
    width = max(map(len, COMMANDS))
    print(f"{runs} runs each, interleaved; median seconds, excess over bare python, ratio to it")
    for root, folder in roots.items():
        print(f"  {root}: {folder}")
    header = "".join(f"  {root + ' s':>10}  {'over':>6}  {'x':>5}" for root in roots)
    print(f"{'command':<{width}}{header}")
    for name in COMMANDS:
        cells = []
        for root in roots:
            base = statistics.median(times[root, "python -c pass"])
            median = statistics.median(times[root, name])
            cells.append(f"  {median:10.3f}  {median - base:6.3f}  {median / base:4.1f}x")
        print(f"{name:<{width}}{''.join(cells)}")


if __name__ == "__main__":
    main()
