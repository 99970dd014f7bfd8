"""Merge time for 10,000 items (deadlines, figures, events across 1,000 articles).

Run: python bench/bench_merge.py [items]. Prints seconds and items per second; no assertion.
"""

from __future__ import annotations

import random
import sys
import time

from summarizer.merge import merge_facts
from summarizer.models import ArticleFacts, Bilingual, Deadline, Event, Figure, Source

PLACES = ["Iraq", "Syria", "Lebanon", "Yemen", "Libya", "Sudan", "Gaza", "Jordan"]
SUBJECTS = ["troops", "mission", "ceasefire", "aid", "talks", "elections", "refugees", "strikes"]


def _facts(items: int, articles: int, seed: int = 7) -> list[ArticleFacts]:
    rng = random.Random(seed)
    per_article = max(1, items // articles)
    batch = []
    for a in range(articles):
        article_id = f"a{a:05d}"
        facts = ArticleFacts(article_id=article_id)
        for i in range(per_article):
            place, subject = rng.choice(PLACES), rng.choice(SUBJECTS)
            source = [Source(article_id=article_id, quote="q", start=0, end=1)]
            text = Bilingual(en=f"{subject} in {place}", ar="نص")
            date = f"20{rng.randint(24, 27)}-{rng.randint(1, 12):02d}"
            if i % 3 == 0:
                facts.deadlines.append(
                    Deadline(date=date, subject=subject, place=place, text=text, sources=source)
                )
            elif i % 3 == 1:
                value = float(rng.choice([100, 500, 900, 2000, 2500, rng.randint(1, 10_000)]))
                facts.figures.append(
                    Figure(value=value, unit="troops", subject=subject, place=place, text=text,
                           sources=source)
                )  # fmt: skip
            else:
                facts.events.append(Event(date=date, subject=subject, text=text, sources=source))
        batch.append(facts)
    return batch


def main() -> None:
    items = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    batch = _facts(items, articles=max(1, items // 10))
    started = time.perf_counter()
    merged = merge_facts(batch)
    seconds = time.perf_counter() - started
    out = len(merged.deadlines) + len(merged.figures) + len(merged.events)
    print(f"merge: {items} items -> {out} merged, {len(merged.conflicts)} conflicts "
          f"in {seconds:.2f}s ({items / seconds:,.0f} items/s)")  # fmt: skip


if __name__ == "__main__":
    main()
