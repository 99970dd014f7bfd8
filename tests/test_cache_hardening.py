"""A broken cache never costs the run: corrupt files are moved aside and rebuilt, and a cache
that cannot be written leaves the finished extractions in the brief, with one warning."""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from fake_llm import FakeLLM
from privileges import run_python_honouring_modes

from summarizer import Article, Brief, summarize_batch
from summarizer.cache import DB_NAME, ExtractionCache
from summarizer.llm import RetryPolicy
from summarizer.models import Extraction

FAST = RetryPolicy(max_attempts=3, deadline_s=20, base_wait_s=0.01, max_wait_s=0.05)


def _article(number: int) -> Article:
    text = (
        f"أعلنت الحكومة العراقية أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
        f"وقال مسؤول إن نحو {2500 + number} جندي أميركي ما زالوا في العراق.\n"
    )
    return Article(id=f"a{number}", text=text)


def _summarize(fake: FakeLLM, cache: Path, count: int = 2) -> Brief:
    articles = [_article(i) for i in range(count)]
    return summarize_batch(
        articles, base_url=fake.url, model="test-model", cache_dir=cache, policy=FAST
    )


def _filled_cache(folder: Path, entries: int = 200) -> Path:
    cache = ExtractionCache(folder)
    for i in range(entries):
        cache.put(f"key{i}", Extraction(article_id="x" * 400))
    cache.close()
    return folder / DB_NAME


def _garbage(db: Path) -> None:
    db.write_bytes(b"this is not a database\n" * 500)


def _truncated(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])


def _bad_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    page = 4096
    data[3 * page : 6 * page] = bytes(range(256)) * (3 * page // 256)
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_garbage, _truncated, _bad_pages])
def test_corrupt_cache_is_moved_aside_and_rebuilt(
    fake_llm: FakeLLM,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    damage: Callable[[Path], None],
) -> None:
    folder = tmp_path / "cache"
    db = _filled_cache(folder)
    damage(db)
    brief = _summarize(fake_llm, folder)
    assert [a.status for a in brief.articles] == ["ok", "ok"]
    [aside] = folder.glob(f"{DB_NAME}.corrupt-*")
    [warning] = brief.meta.warnings
    assert f"cache {db} was corrupt" in warning and f"moved to {aside}" in warning
    assert warning in caplog.text
    # Rebuilt: a rerun is served from the new cache.
    rerun = _summarize(fake_llm, folder)
    assert all(a.cached for a in rerun.articles) and not rerun.meta.warnings
    assert len(fake_llm.requests) == 2
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA quick_check").fetchone() == ("ok",)


def test_cache_path_that_cannot_be_a_database(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    (folder / DB_NAME).mkdir(parents=True)  # a folder where the database file should be
    for run in range(2):
        brief = _summarize(fake_llm, folder)
        assert [a.status for a in brief.articles] == ["ok", "ok"]
        [warning] = brief.meta.warnings
        assert f"cannot use the cache {folder / DB_NAME}" in warning
        assert len(fake_llm.requests) == 2 * (run + 1)  # nothing was cached, nothing failed


def test_cache_folder_that_is_a_file(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.write_text("not a folder", encoding="utf-8")
    brief = _summarize(fake_llm, folder)
    assert [a.status for a in brief.articles] == ["ok", "ok"]
    assert brief.meta.warnings == [
        f"cannot use the cache folder {folder}: not a folder; the run goes on without caching"
    ]


def _fill_disk_at(limit: int) -> Callable[[], None]:
    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_file_size


def test_full_disk_keeps_finished_extractions(fake_llm: FakeLLM, tmp_path: Path) -> None:
    """The CLI with a cache whose writes fail after a few entries: every article is still in
    the brief and one warning says the run is no longer cached."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"a{i}.txt").write_text(_article(i).text, encoding="utf-8")
    cache = tmp_path / "cache"
    ExtractionCache(cache).close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", str(folder), "--format", "json",
         "--base-url", fake_llm.url, "--model", "test-model", "--cache-dir", str(cache)],
        capture_output=True, text=True, env=env, timeout=300, cwd=ROOT,
        preexec_fn=_fill_disk_at(40_000),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    brief = Brief.model_validate_json(done.stdout)
    assert [a.status for a in brief.articles] == ["ok"] * 12
    warnings = [line for line in done.stderr.splitlines() if "cannot write the cache" in line]
    assert len(warnings) == 1 and str(cache / DB_NAME) in warnings[0]


_READ_ONLY_RUN = """
import sys
from pathlib import Path
from summarizer import Article, summarize_batch
url, cache, texts = sys.argv[1], sys.argv[2], sys.argv[3:]
articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
brief = summarize_batch(articles, base_url=url, model="test-model", cache_dir=cache)
print([(a.status, a.cached) for a in brief.articles])
print(brief.meta.warnings)
"""


def test_read_only_cache_serves_what_it_has(fake_llm: FakeLLM, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _summarize(fake_llm, cache, count=1)  # a0 is cached
    assert len(fake_llm.requests) == 1
    (cache / DB_NAME).chmod(0o444)
    cache.chmod(0o555)
    texts = [_article(0).text, _article(1).text]
    try:
        done = run_python_honouring_modes(_READ_ONLY_RUN, fake_llm.url, str(cache), *texts)
    finally:
        cache.chmod(0o755)
    assert done.returncode == 0, done.stderr
    statuses, warnings = done.stdout.splitlines()
    assert statuses == "[('ok', True), ('ok', False)]"
    assert len(fake_llm.requests) == 2  # only a1 was asked for
    assert f"cache {cache / DB_NAME} cannot be written" in warnings
    assert "cached extractions are used, new ones are not cached" in warnings
    # With no logging configured the library prints nothing: the warning is in the brief.
    assert "cannot be written" not in done.stderr
