"""Where time and money go: the pipeline's numbers in one run.

Run: python bench/bench_pipeline.py [--no-local] [--latency 1.0] [--articles 10]

Prints, with no assertion:
- concurrency: N articles against a loopback OpenAI-compatible server that takes ``--latency``
  seconds per request, the default (adaptive limit; a rate-limited server:
  bench_concurrency.py) and ``--concurrency 1`` side by side;
- cache: the requests a second run of the same batch makes (want 0);
- cleaning: prompt tokens of the seeds raw vs cleaned (the embedded model's tokenizer);
- merge: seconds to merge 10,000 items (bench_merge.py's synthetic batch);
- the embedded model, when installed (skip with ``--no-local``): seconds for one seed article
  (the shortest once cleaned, 003) and tokens per second.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "bench")]

from bench_merge import _facts  # noqa: E402
from fake_llm import FakeLLM, Reply  # noqa: E402

from summarizer import load_articles, summarize_batch  # noqa: E402
from summarizer.batch.jobs import Job as BatchJob  # noqa: E402
from summarizer.batch.jobs import requests_of as _requests  # noqa: E402
from summarizer.clean import clean_article  # noqa: E402
from summarizer.llm import choose_backend  # noqa: E402
from summarizer.merge import merge_facts  # noqa: E402
from summarizer.models import Article, ArticleReport, CleanArticle  # noqa: E402
from summarizer.normalize import detect_metadata, find_mentions  # noqa: E402
from summarizer.settings import Settings  # noqa: E402

SEEDS = ROOT / "seeds"
LOCAL_SEED = "003"


class SlowLLM(FakeLLM):
    """The loopback server of the tests, answering every request after a fixed latency."""

    def __init__(self, latency: float) -> None:
        super().__init__()
        self.latency = latency

    def _next(self, body: dict[str, Any], headers: dict[str, str]) -> Reply:
        reply = super()._next(body, headers)
        reply.delay = self.latency
        return reply


def _articles(count: int) -> list[Article]:
    """``count`` distinct articles: the seeds, then copies told apart by their first line."""
    seeds = load_articles(SEEDS)
    out = []
    for n in range(count):
        seed = seeds[n % len(seeds)]
        copy = n // len(seeds)
        text = seed.text if copy == 0 else f"({copy}) {seed.text}"
        out.append(seed.model_copy(update={"id": f"{seed.id}-{copy}", "text": text}))
    return out


def bench_concurrency(count: int, latency: float) -> None:
    articles = _articles(count)
    server = SlowLLM(latency).start()
    try:
        # Warm up first (imports, compiled schemas and prompts), so neither side pays for it.
        summarize_batch(
            articles[:1], base_url=server.url, model="bench-model", api_key="sk-bench",
            use_cache=False,
        )  # fmt: skip
        timings = {}
        for label, concurrency in (("default", None), ("--concurrency 1", 1)):
            before = len(server.requests)
            started = time.perf_counter()
            brief = summarize_batch(
                articles, base_url=server.url, model="bench-model", api_key="sk-bench",
                concurrency=concurrency, use_cache=False,
            )  # fmt: skip
            seconds = time.perf_counter() - started
            ok = sum(a.status == "ok" for a in brief.articles)
            requests = len(server.requests) - before
            timings[label] = seconds
            print(
                f"  {label:<16} {seconds:6.2f} s  ({requests} requests, {ok}/{count} articles ok)"
            )
        ratio = timings["default"] / timings["--concurrency 1"]
        print(f"  ratio default / --concurrency 1: {ratio:.2f} (want <= 0.30)")
    finally:
        server.stop()


def bench_cache(count: int) -> None:
    articles = _articles(count)
    server = SlowLLM(0.0).start()
    try:
        with tempfile.TemporaryDirectory() as cache_dir:
            for run in ("first run", "second run"):
                before = len(server.requests)
                started = time.perf_counter()
                brief = summarize_batch(
                    articles, base_url=server.url, model="bench-model", api_key="sk-bench",
                    cache_dir=cache_dir,
                )  # fmt: skip
                seconds = time.perf_counter() - started
                cached = sum(a.cached for a in brief.articles)
                print(
                    f"  {run:<11} {len(server.requests) - before:3d} requests, "
                    f"{cached}/{count} from the cache, {seconds:.2f} s"
                )
    finally:
        server.stop()


def _tokenizer() -> Any:
    from llama_cpp import Llama

    from summarizer.local_model import model_path

    saved = os.dup(2)  # llama.cpp warns on stderr about the context of a vocab-only load
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            llama = Llama(model_path=str(model_path()), vocab_only=True, verbose=False)
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    return lambda text: len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))


def _request_text(clean: CleanArticle, published: str | None) -> str:
    """Everything the endpoint request carries that costs prompt tokens: messages and schema."""
    job = BatchJob(
        clean=clean,
        report=ArticleReport(id=clean.article.id),
        mentions=find_mentions(clean.text, published),
        published=published,
        key="0" * 64,
    )
    parts: list[str] = []
    for request in _requests(job, "bench-model"):
        parts.extend(m["content"] for m in request.body["messages"])
        parts.append(json.dumps(request.body["tools"], ensure_ascii=False))
    return "\n".join(parts)


def bench_cleaning() -> None:
    from summarizer import local_model

    ok, why = local_model.is_available()
    if not ok:
        print(f"  skipped: the embedded model's tokenizer is not installed ({why})")
        return
    tokens = _tokenizer()
    totals = [0, 0, 0, 0]
    print(f"  {'article':<22} {'text raw':>9} {'cleaned':>8} {'request raw':>12} {'cleaned':>8}")
    for article in load_articles(SEEDS):
        published = article.published or detect_metadata(article.text)[0]
        clean = clean_article(article)
        raw = CleanArticle(article=article, text=article.text)  # the same, not cleaned
        row = [
            tokens(article.text),
            tokens(clean.text),
            tokens(_request_text(raw, published)),
            tokens(_request_text(clean, published)),
        ]
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(f"  {article.id:<22} {row[0]:9d} {row[1]:8d} {row[2]:12d} {row[3]:8d}")
    print(f"  {'all seeds':<22} {totals[0]:9d} {totals[1]:8d} {totals[2]:12d} {totals[3]:8d}")
    text_saved = 1 - totals[1] / totals[0]
    request_saved = 1 - totals[3] / totals[2]
    print(
        f"  cleaning saves {totals[0] - totals[1]} article tokens ({text_saved:.0%}) and "
        f"{totals[2] - totals[3]} request prompt tokens ({request_saved:.0%}) on the seeds"
    )


def bench_merge(items: int = 10_000) -> None:
    batch = _facts(items, articles=max(1, items // 10))
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        merged = merge_facts(batch)
        runs.append(time.perf_counter() - started)
    out = len(merged.deadlines) + len(merged.figures) + len(merged.events)
    best = min(runs)
    print(
        f"  {items} items -> {out} merged, {len(merged.conflicts)} conflicts: "
        f"best {best:.2f} s, median {statistics.median(runs):.2f} s of 3 "
        f"({items / best:,.0f} items/s)"
    )


def bench_local() -> None:
    from summarizer import local_model

    ok, why = local_model.is_available()
    if not ok:
        print(f"  skipped: {why}")
        return
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY"):  # the embedded backend, whatever is set
        os.environ.pop(name, None)
    calls: list[tuple[float, int, int]] = []
    original = local_model.chat_completion

    def timed(**kwargs: Any) -> Any:
        started = time.perf_counter()
        completion = original(**kwargs)
        usage = completion.usage
        calls.append(
            (
                time.perf_counter() - started,
                usage.prompt_tokens if usage else 0,
                usage.completion_tokens if usage else 0,
            )
        )
        return completion

    local_model.chat_completion = timed
    try:
        article = next(a for a in load_articles(SEEDS) if a.id.startswith(LOCAL_SEED))
        started = time.perf_counter()
        brief = summarize_batch([article], use_cache=False)
        seconds = time.perf_counter() - started
    finally:
        local_model.chat_completion = original
    load = local_model.load_seconds() or 0.0
    model_seconds = sum(c[0] for c in calls)
    prompt = sum(c[1] for c in calls)
    completion = sum(c[2] for c in calls)
    report = brief.articles[0]
    print(f"  {choose_backend(Settings.from_env()).describe()}")
    print(
        f"  {article.id}: {report.status}, {seconds:.1f} s for the article "
        f"({load:.1f} s of it loading the model, {seconds - load:.1f} s without), "
        f"{len(calls)} requests"
    )
    if model_seconds > 0:
        print(
            f"  {prompt} prompt + {completion} completion tokens in {model_seconds - load:.1f} s "
            f"of model calls: {(prompt + completion) / max(model_seconds - load, 1e-9):.0f} "
            f"tokens/s overall, {completion / max(model_seconds - load, 1e-9):.1f} completion "
            "tokens/s (prompt prefix reuse included)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-local", action="store_true", help="skip the embedded model")
    parser.add_argument("--latency", type=float, default=1.0, help="seconds per request")
    parser.add_argument("--articles", type=int, default=10, help="articles for concurrency")
    args = parser.parse_args()
    import logging

    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("instructor").setLevel(logging.CRITICAL)

    print(f"concurrency ({args.articles} articles, {args.latency:g} s per request, no cache):")
    bench_concurrency(args.articles, args.latency)
    print("cache (the same batch twice):")
    bench_cache(args.articles)
    print("cleaning (prompt tokens, the embedded model's tokenizer):")
    bench_cleaning()
    print("merge:")
    bench_merge()
    if args.no_local:
        print("embedded model: skipped (--no-local)")
    else:
        print(f"embedded model (seed {LOCAL_SEED}, no cache):")
        bench_local()


if __name__ == "__main__":
    main()
