"""The adaptive limit against a rate-limited endpoint, default vs ``--concurrency 1`` in one run.

Run: python bench/bench_concurrency.py [--articles 32] [--latency 2.0] [--admit 16]

A loopback OpenAI-compatible server (the tests' fake) answers each request after ``--latency``
seconds and holds at most ``--admit`` requests at once: beyond that it answers 429 with
``Retry-After: 1``. The same ``--articles`` distinct articles (the seeds, then copies told apart
by their first line) go through ``summarize_batch`` with the default limit (starts at 8, grows
while the server keeps up, halves on 429) and with ``concurrency=1``, no cache. Prints both times,
requests, 429s, the concurrency reached, articles ok, and the ratio (issue 13's target: <= 0.12
with no article lost). No assertion.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from fake_llm import FakeLLM  # noqa: E402

from summarizer import load_articles, summarize_batch  # noqa: E402
from summarizer.models import Article  # noqa: E402


def _articles(count: int) -> list[Article]:
    seeds = load_articles(ROOT / "seeds")
    out = []
    for n in range(count):
        seed = seeds[n % len(seeds)]
        copy = n // len(seeds)
        text = seed.text if copy == 0 else f"({copy}) {seed.text}"
        out.append(seed.model_copy(update={"id": f"{seed.id}-{copy}", "text": text}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=32)
    parser.add_argument("--latency", type=float, default=2.0, help="seconds per request")
    parser.add_argument("--admit", type=int, default=16, help="requests the server holds at once")
    args = parser.parse_args()
    articles = _articles(args.articles)
    server = FakeLLM(latency=args.latency, admit=args.admit, retry_after="1").start()
    print(
        f"{args.articles} articles, {args.latency:g} s per request, the server admits "
        f"{args.admit} at once (429 with Retry-After: 1 beyond), no cache:"
    )
    try:
        summarize_batch(  # warm up (imports, schemas, prompts) so neither side pays for it
            articles[:1], base_url=server.url, model="bench-model", api_key="sk-bench",
            use_cache=False,
        )  # fmt: skip
        seconds = {}
        for label, concurrency in (("default", None), ("--concurrency 1", 1)):
            before, refused = len(server.requests), server.rejected
            started = time.perf_counter()
            brief = summarize_batch(
                articles, base_url=server.url, model="bench-model", api_key="sk-bench",
                concurrency=concurrency, use_cache=False,
            )  # fmt: skip
            seconds[label] = time.perf_counter() - started
            ok = sum(a.status == "ok" for a in brief.articles)
            print(
                f"  {label:<16} {seconds[label]:6.2f} s  {len(server.requests) - before:3d} "
                f"requests, {server.rejected - refused:3d} answered 429, concurrency reached "
                f"{brief.meta.concurrency_reached}, {ok}/{args.articles} articles ok"
            )
        ratio = seconds["default"] / seconds["--concurrency 1"]
        print(f"  ratio default / --concurrency 1: {ratio:.3f} (target <= 0.12)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
