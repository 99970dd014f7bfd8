"""Growth with the batch: N articles through every step, each size in a fresh child process.

Run: python bench/bench_scale.py [--sizes 1000 10000] [--profile]

Synthetic but realistic articles are made at run time (nothing generated is committed): each one
is a run of sentences of the seeds (seeds/), from one or two of them, with every number and year
changed, month names swapped, a publication date, a source and a title of its own. They are
written to one JSONL file per size and summarized, without cache, against the tests' loopback
OpenAI-compatible server (tests/fake_llm.py) with zero latency, run in this process; the
pipeline runs in a child process so that its peak memory (``ru_maxrss``) is its own.

Prints, per size and side by side, the wall seconds of each step — load (the JSONL file),
clean, normalize (metadata and mentions), extract I/O (the model requests and their checks:
the run's time less its cleaning and normalizing), merge (and the rest of assembling the
brief), render (JSON, Markdown, HTML) — the child's peak memory, the brief's sizes, and the
ratio of each to the smallest size (≈ 10 for 1,000 → 10,000 when the work is linear). With
``--profile``, the child also prints the top functions of the merge and render steps. No
assertion.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from fake_llm import FakeLLM  # noqa: E402

if TYPE_CHECKING:
    from summarizer.models import Brief

MODEL = "bench-model"
STEPS = ("load", "clean", "normalize", "extract I/O", "merge", "render")
_NUMBER = re.compile(r"[0-9٠-٩]+(?:[.,][0-9٠-٩]+)?")
_AR_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_MONTHS = (
    "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
    "تشرين الأول", "تشرين الثاني", "كانون الأول", "يناير", "فبراير", "مارس", "أبريل", "مايو",
    "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
_MONTH = re.compile(
    r"(?<![\u0621-\u064A])(?:"
    + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
    + r")(?![\u0621-\u064A])"
)
_SOURCES = ("Al Jazeera", "Asharq Al-Awsat", "Al-Ahram", "Annahar", "Enab Baladi", "Rudaw")


class CountingLLM(FakeLLM):
    """The tests' fake server, counting requests instead of keeping every request body."""

    count = 0

    def _record(self, body: dict[str, Any], headers: dict[str, str]) -> None:
        with self._lock:
            self.count += 1


# ---------------------------------------------------------------------------------------------
# The synthetic batch
# ---------------------------------------------------------------------------------------------


def seed_sentences() -> list[list[str]]:
    """The sentences of each seed, cleaned as the pipeline cleans it."""
    from summarizer.clean import clean_article, split_sentences
    from summarizer.load import load_articles

    out = []
    for article in load_articles(ROOT / "seeds"):
        text = clean_article(article).text
        out.append([text[start:end] for start, end in split_sentences(text)])
    return out


def _new_number(match: re.Match[str], rng: random.Random) -> str:
    """Another number of the same shape: a plausible year for a year, digits for digits."""
    raw = match.group()
    arabic = raw[0] in "٠١٢٣٤٥٦٧٨٩"
    western = raw.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    digits = re.sub(r"\D", "", western)
    if len(digits) == 4 and 1990 <= int(digits) <= 2040:
        new = str(rng.randint(2018, 2028))
    elif "." in western or "," in western:
        whole = re.split(r"[.,]", western, maxsplit=1)[0]
        new = f"{rng.randint(1, 10 ** len(whole) - 1)}{western[len(whole)]}{rng.randint(1, 9)}"
    else:
        new = str(
            rng.randint(1 if len(digits) == 1 else 10 ** (len(digits) - 1), 10 ** len(digits) - 1)
        )
    return new.translate(_AR_DIGITS) if arabic else new


def synthetic_article(number: int, sentences: list[list[str]]) -> dict[str, Any]:
    """One JSONL record: a run of a seed's sentences (and maybe another's), values changed."""
    rng = random.Random(number)
    picked: list[str] = []
    for _ in range(rng.choice((1, 1, 2))):
        seed = rng.choice(sentences)
        length = rng.randint(6, min(18, len(seed)))
        start = rng.randint(0, len(seed) - length)
        picked.extend(seed[start : start + length])
    text = "\n".join(picked)
    text = _NUMBER.sub(lambda m: _new_number(m, rng), text)
    text = _MONTH.sub(lambda m: rng.choice(_MONTHS), text)
    published = f"{rng.randint(2023, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return {
        "id": f"synthetic-{number:05d}",
        "title": picked[0][:120],
        "published": published,
        "source": rng.choice(_SOURCES),
        "text": text,
    }


def write_batch(path: Path, size: int) -> int:
    """Write ``size`` synthetic articles as JSONL; return the file's size in bytes."""
    sentences = seed_sentences()
    with path.open("w", encoding="utf-8") as handle:
        for number in range(size):
            handle.write(json.dumps(synthetic_article(number, sentences), ensure_ascii=False))
            handle.write("\n")
    return path.stat().st_size


# ---------------------------------------------------------------------------------------------
# The child: one size, every step timed
# ---------------------------------------------------------------------------------------------


def run_child(batch: Path, url: str, profile: bool) -> dict[str, Any]:
    """Summarize ``batch`` step by step; return the seconds, peak memory and brief sizes."""
    from summarizer.api import CleanBatch, _run, assemble_brief, checked_articles
    from summarizer.limiter import DEFAULT_CEILING, DEFAULT_START, AdaptiveLimiter
    from summarizer.llm import LLM, choose_backend
    from summarizer.load import load_batch
    from summarizer.normalize import detect_metadata, find_mentions
    from summarizer.render import render_html_chunks, render_json_chunks, render_markdown
    from summarizer.settings import Settings

    seconds: dict[str, float] = {}
    peaks: dict[str, float] = {}
    started = time.perf_counter()
    loaded = load_batch(batch)
    articles = checked_articles(loaded.articles, list(loaded.problems))
    seconds["load"] = time.perf_counter() - started
    peaks["load"] = _peak_mib()

    started = time.perf_counter()
    unique = CleanBatch.of(articles).unique
    seconds["clean"] = time.perf_counter() - started

    started = time.perf_counter()
    for clean in unique.values():
        published, _ = detect_metadata(clean.article.text)
        find_mentions(clean.text, clean.article.published or published)
    seconds["normalize"] = time.perf_counter() - started
    del unique

    choice = choose_backend(Settings(model=MODEL, base_url=url, api_key="sk-bench"))
    limiter = AdaptiveLimiter(ceiling=DEFAULT_CEILING, start=DEFAULT_START)
    llm = LLM(choice, timeout=120.0, limiter=limiter)
    started = time.perf_counter()
    outcomes = _run(articles, llm, None, DEFAULT_CEILING, None)
    run_seconds = time.perf_counter() - started
    seconds["extract I/O"] = max(0.0, run_seconds - seconds["clean"] - seconds["normalize"])
    peaks["extract I/O"] = _peak_mib()

    profiler = _profiler(profile)
    started = time.perf_counter()
    brief = assemble_brief(outcomes, list(loaded.problems), model=MODEL, backend="endpoint",
                           seconds=run_seconds)  # fmt: skip
    seconds["merge"] = time.perf_counter() - started
    peaks["merge"] = _peak_mib()
    del outcomes

    renders: dict[str, Callable[[Brief], Iterable[str]]] = {
        "json": render_json_chunks,
        "md": lambda b: (render_markdown(b, lang="both"),),
        "html": render_html_chunks,
    }
    brief_mib, seconds["render"] = {}, 0.0
    for fmt, render in renders.items():  # one at a time, written in pieces as the CLI does
        out = batch.with_suffix(f".{fmt}")
        started = time.perf_counter()
        with out.open("w", encoding="utf-8") as handle:
            handle.writelines(render(brief))
        seconds["render"] += time.perf_counter() - started
        brief_mib[fmt] = out.stat().st_size / 2**20
        out.unlink()
    peaks["render"] = _peak_mib()
    if profiler is not None:
        profiler.disable()
        _print_profile(profiler)
    ok = sum(a.status == "ok" for a in brief.articles)
    return {
        "articles": len(brief.articles),
        "ok": ok,
        "seconds": seconds,
        "peak_mib": peaks,
        "brief_mib": brief_mib,
        "items": {
            "deadlines": len(brief.deadlines),
            "figures": len(brief.figures),
            "events": len(brief.events),
            "conflicts": len(brief.conflicts),
        },
    }


def _peak_mib() -> float:
    """The child's peak resident memory so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _profiler(profile: bool) -> Any:
    if not profile:
        return None
    import cProfile

    profiler = cProfile.Profile()
    profiler.enable()
    return profiler


def _print_profile(profiler: Any) -> None:
    import io
    import pstats

    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    sys.stderr.write(out.getvalue())


# ---------------------------------------------------------------------------------------------
# The parent: the server, the batches, the table
# ---------------------------------------------------------------------------------------------


def _measure(size: int, folder: Path, url: str, profile: bool) -> dict[str, Any]:
    batch = folder / f"batch-{size}.jsonl"
    input_mib = write_batch(batch, size) / 2**20
    command = [sys.executable, __file__, "--child", str(batch), "--url", url]
    started = time.perf_counter()
    done = subprocess.run(
        [*command, *(["--profile"] if profile else [])],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"the child for {size} articles failed:\n{done.stderr[-4000:]}")
    if profile:
        sys.stderr.write(done.stderr)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    result["input_mib"] = input_mib
    batch.unlink()
    return result


def _table(sizes: list[int], results: dict[int, dict[str, Any]]) -> None:
    first = sizes[0]
    head = "".join(f"{n:>12,}" for n in sizes)
    ratios = "".join(f"{f'{n:,}/{first:,}':>14}" for n in sizes[1:])
    print(f"{'step (wall s)':<28}{head}{ratios}")

    def row(label: str, values: list[float], fmt: str = "{:12.2f}") -> None:
        cells = "".join(fmt.format(v) for v in values)
        growth = "".join(
            f"{v / values[0]:14.1f}" if values[0] else f"{'-':>14}" for v in values[1:]
        )
        print(f"{label:<28}{cells}{growth}")

    for step in STEPS:
        row(step, [results[n]["seconds"][step] for n in sizes])
    row("all steps", [sum(results[n]["seconds"].values()) for n in sizes])
    row("child wall (with start)", [results[n]["wall"] for n in sizes])
    for step in ("load", "extract I/O", "merge", "render"):
        label = f"peak MiB after {step}"
        row(label, [results[n]["peak_mib"][step] for n in sizes], "{:12.0f}")
    row("input JSONL MiB", [results[n]["input_mib"] for n in sizes], "{:12.1f}")
    for fmt in ("json", "md", "html"):
        row(f"brief {fmt} MiB", [results[n]["brief_mib"][fmt] for n in sizes], "{:12.1f}")
    for kind in ("deadlines", "figures", "events", "conflicts"):
        row(f"brief {kind}", [results[n]["items"][kind] for n in sizes], "{:12.0f}")
    row("requests", [results[n]["requests"] for n in sizes], "{:12.0f}")
    oks = ", ".join(f"{results[n]['ok']}/{n}" for n in sizes)
    print(f"articles ok: {oks}")


def main() -> None:
    """Parse the options; run the child, or every size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--profile", action="store_true", help="profile merge and render")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(run_child(args.child, args.url, args.profile)))
        return
    sizes = sorted(args.sizes)
    server = CountingLLM().start()
    results: dict[int, dict[str, Any]] = {}
    print("synthetic articles from the seeds' sentences, zero-latency loopback server, no cache")
    try:
        with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
            for size in sizes:
                before = server.count
                results[size] = _measure(size, Path(folder), server.url, args.profile)
                results[size]["requests"] = server.count - before
                print(f"  {size:,} articles: {results[size]['wall']:.1f} s", flush=True)
    finally:
        server.stop()
    _table(sizes, results)


if __name__ == "__main__":
    main()
