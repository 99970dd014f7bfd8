"""The embedded model's time on real articles, per batch and per article, in one run.

Run: python bench/bench_embedded.py [--dev PATH] [--no-dev]

Prints, with no assertion: for the seeds (seeds/) and, when the shared dev feed is beside the
repository (../shared/eval/dev/feed/dev.jsonl, read in place), for the dev articles: the
articles, model requests, prompt and completion tokens, the seconds of the whole batch and per
article (a fresh cache each, so every request is made; the model is loaded once, before).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEV_FEED = ROOT.parent / "shared" / "eval" / "dev" / "feed" / "dev.jsonl"


def _run(name: str, path: Path, settings: Settings) -> None:
    from summarizer import load_batch, summarize_batch

    loaded = load_batch(path)
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        brief = summarize_batch(loaded, cache_dir=cache, settings=settings)
        seconds = time.perf_counter() - started
    usage = brief.meta.usage
    articles = len(brief.articles)
    print(
        f"  {name:<6} {articles:4d} articles {usage.requests:5d} requests "
        f"{usage.prompt_tokens:7d} + {usage.completion_tokens:5d} tokens "
        f"{seconds:7.1f} s  {seconds / max(1, articles):5.1f} s/article"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEV_FEED, help="the dev feed (JSONL)")
    parser.add_argument("--no-dev", action="store_true", help="the seeds only")
    args = parser.parse_args()

    from summarizer import local_model
    from summarizer.settings import Settings

    # The embedded model whatever endpoint the environment names; its file where it says.
    folder = Settings.from_env().model_dir
    settings = Settings(model_dir=folder)
    model_dir = Path(folder).expanduser() if folder else None
    ok, why = local_model.is_available(model_dir)
    if not ok:
        sys.exit(f"the embedded model is not available: {why}")
    # Load the model once before timing (a request that fits its smallest context).
    local_model.chat_completion(
        model_dir=model_dir, messages=[{"role": "user", "content": "hi"}], max_tokens=1
    )
    print("the embedded model, fresh cache, one process:")
    _run("seeds", ROOT / "seeds", settings)
    if not args.no_dev and args.dev.is_file():
        _run("dev", args.dev, settings)
    elif not args.no_dev:
        print(f"  dev    (no feed at {args.dev})")


if __name__ == "__main__":
    main()
