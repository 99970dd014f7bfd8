"""The main job with the real embedded model on one short seed article (slow: -m local_model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SEEDS

from summarizer import load_articles, summarize_batch
from summarizer.clean import clean_article
from summarizer.local_model import is_available
from summarizer.normalize import detect_metadata, find_mentions

pytestmark = pytest.mark.local_model
ARABIC = re.compile(r"[\u0600-\u06FF]")


def test_embedded_model_briefs_a_seed_article(tmp_path: Path) -> None:
    ok, why = is_available()
    if not ok:
        pytest.skip(why)
    [path] = sorted(SEEDS.glob("004_*.txt"))
    [article] = load_articles(path)
    brief = summarize_batch([article], cache_dir=tmp_path / "cache")
    assert brief.meta.backend == "local"
    assert [a.status for a in brief.articles] == ["ok"], brief.articles[0].error
    assert brief.figures or brief.deadlines or brief.events

    clean = clean_article(article)
    published, _ = detect_metadata(article.text)
    mentions = find_mentions(clean.text, published)
    normalizer_dates = {m.date for m in mentions if m.kind == "date"}
    normalizer_values = {m.value for m in mentions if m.kind == "number"}
    assert all(d.date in normalizer_dates for d in brief.deadlines)
    assert all(e.date is None or e.date in normalizer_dates for e in brief.events)
    assert all(f.value in normalizer_values for f in brief.figures)
    for item in [*brief.deadlines, *brief.figures, *brief.events]:
        assert not ARABIC.search(item.text.en), item.text.en
        assert ARABIC.search(item.text.ar), item.text.ar
        for source in item.sources:
            assert clean.text[source.start : source.end] == source.quote
