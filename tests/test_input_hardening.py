"""Hostile input never costs the batch: each bad file or line is one readable line naming it.

Library cases call ``load_batch``/``summarize_batch`` against the loopback model server; CLI cases
run ``summarizer brief`` as a subprocess (exit code, one line, no traceback).
"""

from __future__ import annotations

import json
import os
import resource
import socket
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT
from fake_llm import FakeLLM
from privileges import run_python_honouring_modes

from summarizer import Article, Brief, load_articles, load_batch, summarize_batch
from summarizer.llm import RetryPolicy
from summarizer.load import MAX_ARTICLE_BYTES
from summarizer.normalize.formatting import format_date
from summarizer.normalize.timeline import iso_date, parse_published

A1 = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)
A2 = (
    "قال مسؤولون عراقيون، أمس، إن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وأضافوا أن نحو 3000 جندي أميركي ما زالوا في العراق.\n"
)
B2 = (
    "قالت وزارة الدفاع إن القوات الأميركية ستغادر سوريا بحلول نهاية 2026.\n"
    "وأضافت أن نحو 900 جندي ما زالوا في شمال شرق سوريا.\n"
)
FAST = RetryPolicy(max_attempts=3, deadline_s=20, base_wait_s=0.01, max_wait_s=0.05)
JUNK_DATES = ["2025-13-45", "2025-00-10", "<b>2025</b>", "2025-02-30", "yesterday"]
DEEP = "[" * 200_000 + "]" * 200_000


def _folder(tmp_path: Path, files: dict[str, str | bytes], name: str = "in") -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    for file, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / file).write_bytes(data)
    return folder


def _jsonl(*records: dict[str, object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def _summarize(fake: FakeLLM, loaded: object, tmp_path: Path) -> Brief:
    return summarize_batch(
        loaded,  # type: ignore[arg-type]
        base_url=fake.url, model="test-model", cache_dir=tmp_path / "cache", policy=FAST,
    )  # fmt: skip


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    return subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", *args],
        capture_output=True, text=True, env=env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def _brief_cli(fake: FakeLLM, folder: Path, tmp_path: Path) -> tuple[int, str, Brief | None]:
    out = tmp_path / "brief.json"
    done = _cli(str(folder), "-o", str(out), "--base-url", fake.url, "--model", "test-model",
                "--cache-dir", str(tmp_path / "cache"))  # fmt: skip
    assert "Traceback" not in done.stderr, done.stderr
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8")) if out.exists() else None
    return done.returncode, done.stderr, brief


def _problems(folder: Path) -> dict[str, tuple[str, str]]:
    """file name (and line) → (severity, reason) of every load problem."""
    result = load_batch(folder)
    return {
        Path(p.path).name + (f":{p.line}" if p.line else ""): (p.severity, p.reason)
        for p in result.problems
    }


# -- published that is not a date -----------------------------------------------------------------


@pytest.mark.parametrize("junk", [*JUNK_DATES, "", " ", "-", "2025-1-1", "١٠-١٠-٢٠٢٥"])
def test_date_helpers_are_total(junk: str) -> None:
    for lang in ("en", "ar"):
        words = format_date(junk, lang)  # type: ignore[arg-type]
        assert words and "<" not in words
    assert parse_published(junk) is None


def test_dates_keep_only_their_valid_part() -> None:
    assert format_date("2025-13-45", "en") == "2025"
    assert format_date("2025-02-30", "en") == "February 2025"
    assert format_date("<b>2025</b>", "en") == "date not stated"
    assert format_date("2025-10-01T08:30:00+03:00", "en") == "1 October 2025"
    assert iso_date("2025-10-01T08:30:00Z") == "2025-10-01"
    assert iso_date("2025-10") == "2025-10" and iso_date("2025-13") is None
    assert parse_published("2025-10-01 08:30") is not None


def test_published_junk_is_reported_and_dropped_at_load(tmp_path: Path) -> None:
    records = [{"id": f"p{i}", "text": A1, "published": junk} for i, junk in enumerate(JUNK_DATES)]
    records.append({"id": "ok", "text": A1, "published": "2025-10-01T08:30:00Z"})
    folder = _folder(tmp_path, {"feed.jsonl": _jsonl(*records)})
    result = load_batch(folder)
    published = {a.id: a.published for a in result.articles}
    assert published == {**{f"p{i}": None for i in range(len(JUNK_DATES))}, "ok": "2025-10-01"}
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert [p.line for p in warnings] == list(range(1, len(JUNK_DATES) + 1))
    assert all("'published'" in p.reason and "not a date" in p.reason for p in warnings)


def test_published_junk_does_not_cost_the_batch_or_its_reruns(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    # Two articles that give different figures: the conflict note formats the date of each.
    articles = [
        Article(id="a1", text=A1, published="2025-13-45"),
        Article(id="a2", text=A2, published="2025-00-10"),
        Article(id="b2", text=B2, published="<b>2025</b>"),
    ]
    for _ in range(2):  # the second run is served from the cache
        brief = _summarize(fake_llm, articles, tmp_path)
        assert [a.status for a in brief.articles] == ["ok", "ok", "ok"]
        assert all(a.published is None for a in brief.articles)
        assert all(f.as_of is None for f in brief.figures)
        assert len(brief.meta.warnings) == 3 and "a1: 'published'" in brief.meta.warnings[0]
        assert brief.to_markdown() and brief.to_html()
    assert len(fake_llm.requests) == 3


def test_published_junk_in_the_cli_is_one_warning_line(fake_llm: FakeLLM, tmp_path: Path) -> None:
    feed = _jsonl({"id": "a1", "text": A1, "published": "2025-13-45"},
                  {"id": "a2", "text": A2, "published": "<b>2025</b>"})  # fmt: skip
    code, stderr, brief = _brief_cli(fake_llm, _folder(tmp_path, {"feed.jsonl": feed}), tmp_path)
    assert code == 0, stderr
    assert brief is not None and [a.status for a in brief.articles] == ["ok", "ok"]
    lines = [line for line in stderr.splitlines() if "not a date" in line]
    assert len(lines) == 2 and all("feed.jsonl:" in line for line in lines)


# -- deeply nested JSON ---------------------------------------------------------------------------


def test_deeply_nested_json_is_reported_and_the_rest_loads(tmp_path: Path) -> None:
    feed = _jsonl({"id": "j1", "text": A1}) + DEEP + "\n" + _jsonl({"id": "j3", "text": B2})
    nested = '{"text": "x", "extra": ' + DEEP + "}"
    folder = _folder(tmp_path, {"feed.jsonl": feed, "deep.json": nested, "a.txt": A2})
    result = load_batch(folder)
    assert sorted(a.id for a in result.articles) == ["a", "j1", "j3"]
    problems = _problems(folder)
    assert problems["feed.jsonl:2"] == ("error", "invalid JSON line: nested too deeply")
    assert problems["deep.json"] == ("error", "invalid JSON: nested too deeply")


def test_deeply_nested_json_in_the_cli_is_a_failed_line(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1, "deep.jsonl": DEEP + "\n"})
    code, stderr, brief = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 3, stderr
    assert brief is not None
    assert {a.id: a.status for a in brief.articles} == {"a1": "ok", "deep-1": "failed"}
    assert "deep.jsonl:1: invalid JSON line: nested too deeply" in stderr


# -- files that are not regular files, or cannot be read ------------------------------------------


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path (a Unix socket path has a limit of about 100 bytes)."""
    with tempfile.TemporaryDirectory(prefix="sock") as folder:
        yield Path(folder)


def test_fifo_socket_and_failing_read_are_reported(short_dir: Path) -> None:
    (short_dir / "a.txt").write_text(A1, encoding="utf-8")
    os.mkfifo(short_dir / "fifo.txt")  # opening it for reading would wait for a writer forever
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(short_dir / "sock.json"))
    # A link named like an article to a file whose every read fails (EIO), even for root.
    (short_dir / "mem.txt").symlink_to("/proc/self/mem")
    (short_dir / "gone.txt").symlink_to(short_dir / "missing.txt")
    try:
        result = load_batch(short_dir)
    finally:
        listener.close()
    assert [a.id for a in result.articles] == ["a"]
    problems = _problems(short_dir)
    assert problems["fifo.txt"] == ("skipped", "not a regular file (a FIFO), skipped")
    assert problems["sock.json"] == ("skipped", "not a regular file (a socket), skipped")
    assert problems["mem.txt"][0] == "error"
    assert problems["gone.txt"] == ("error", "cannot read: a broken symbolic link")
    assert problems["mem.txt"][1].startswith("cannot read: ")


def test_fifo_in_the_cli_is_skipped_not_waited_for(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1})
    os.mkfifo(folder / "pipe.txt")
    code, stderr, brief = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 0, stderr
    assert brief is not None
    assert {a.id: a.status for a in brief.articles} == {"a1": "ok", "pipe": "skipped"}
    assert "pipe.txt: not a regular file (a FIFO), skipped" in stderr


_LOAD_AND_PRINT = (
    "import sys\nfrom summarizer import load_batch\nr = load_batch(sys.argv[1])\n"
    "print([a.id for a in r.articles])\n"
    "print([(p.severity, p.describe()) for p in r.problems])\n"
)


def test_unreadable_file_is_a_failed_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.txt": A1, "locked.txt": A2})
    (folder / "locked.txt").chmod(0)
    done = run_python_honouring_modes(_LOAD_AND_PRINT, str(folder))
    assert done.returncode == 0, done.stderr
    ids, problems = done.stdout.splitlines()
    assert ids == "['a']"
    assert f"('error', '{folder / 'locked.txt'}: cannot read: Permission denied')" in problems


def test_unreadable_subfolder_is_reported(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.txt": A1})
    locked = _folder(folder, {"b.txt": B2}, "locked")
    locked.chmod(0)
    try:
        done = run_python_honouring_modes(_LOAD_AND_PRINT, str(folder))
    finally:
        locked.chmod(0o700)
    assert done.returncode == 0, done.stderr
    ids, problems = done.stdout.splitlines()
    assert ids == "['a']"
    assert f"('error', '{locked}: cannot read folder: Permission denied')" in problems


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    """A 2 GB (sparse) file is refused from its size: the child has far less memory than that."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(A1, encoding="utf-8")
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(2 * 1024**3)
    limit = 1024**3

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    done = subprocess.run(
        [sys.executable, "-c", _LOAD_AND_PRINT, str(folder)], capture_output=True, text=True,
        timeout=120, cwd=ROOT, preexec_fn=cap_memory,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    ids, problems = done.stdout.splitlines()
    assert ids == "['a']"
    too_large = f"huge.txt: file too large ({2 * 1024**3} bytes; the limit is {MAX_ARTICLE_BYTES})"
    assert too_large in problems


# -- encodings ------------------------------------------------------------------------------------


def test_one_bad_byte_in_utf8_is_replaced_not_mojibake(tmp_path: Path) -> None:
    raw = A1.encode("utf-8")
    cut = raw.index(b"2500")
    folder = _folder(tmp_path, {"a1.txt": raw[:cut] + b"\xff" + raw[cut:], "b2.txt": B2})
    result = load_batch(folder)
    texts = {a.id: a.text for a in result.articles}
    assert texts["a1"] == (A1[: A1.index("2500")] + "\ufffd" + A1[A1.index("2500") :]).strip()
    [problem] = result.problems
    assert (Path(problem.path).name, problem.severity) == ("a1.txt", "warning")
    assert f"the first at byte {cut}" in problem.reason and "U+FFFD" in problem.reason


def test_windows_1256_is_still_windows_1256(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1.encode("cp1256")})
    result = load_batch(folder)
    assert [a.text for a in result.articles] == [A1.strip()] and not result.problems


def test_damaged_utf8_is_still_summarized(fake_llm: FakeLLM, tmp_path: Path) -> None:
    raw = A1.encode("utf-8")
    folder = _folder(tmp_path, {"a1.txt": raw[:10] + b"\xc0" + raw[10:]})
    brief = _summarize(fake_llm, load_batch(folder), tmp_path)
    assert [a.status for a in brief.articles] == ["ok"] and brief.figures
    assert len(brief.meta.warnings) == 1 and "a1.txt: not valid UTF-8" in brief.meta.warnings[0]


def test_utf8_mark_with_a_bad_byte_and_broken_utf16_do_not_cost_the_batch(tmp_path: Path) -> None:
    raw = A1.encode("utf-8")
    folder = _folder(tmp_path, {
        "bom.txt": b"\xef\xbb\xbf" + raw[:20] + b"\xff" + raw[20:],
        "odd.txt": b"\xff\xfe" + "abc".encode("utf-16-le") + b"\x00",  # a UTF-16 mark, odd size
        "b2.txt": B2,
    })  # fmt: skip
    result = load_batch(folder)
    assert sorted(a.id for a in result.articles) == ["b2", "bom"]
    problems = _problems(folder)
    assert problems["bom.txt"][0] == "warning" and "U+FFFD" in problems["bom.txt"][1]
    assert problems["odd.txt"] == ("error", "cannot decode as UTF-16 (it has a UTF-16 mark)")


def test_lone_surrogate_escapes_are_replaced(fake_llm: FakeLLM, tmp_path: Path) -> None:
    """JSON can spell \\ud800, which no UTF-8 write accepts: the brief would be lost at the end."""
    line = json.dumps({"id": "s1", "text": A1.replace("2500", "\ud800 2500"), "title": "t\udfff"})
    folder = _folder(tmp_path, {"feed.jsonl": line + "\n", "b2.txt": B2})
    result = load_batch(folder)
    s1 = next(a for a in result.articles if a.id == "s1")
    assert "\ufffd 2500" in s1.text and s1.title == "t\ufffd"
    assert {p.reason for p in result.problems} == {
        "'text' has unpaired surrogate escapes (\\ud800-\\udfff); replaced",
        "'title' has unpaired surrogate escapes; replaced",
    }
    code, stderr, brief = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 0, stderr
    assert brief is not None and [a.status for a in brief.articles] == ["ok", "ok"]


def test_file_names_that_are_not_utf8_are_shown_escaped(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1})
    os.close(os.open(os.fsencode(folder) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY))
    with open(os.fsencode(folder) + b"/img\xfe.png", "wb") as handle:
        handle.write(b"\x89PNG")
    with open(os.fsencode(folder) + b"/b2\xfd.txt", "wb") as handle:
        handle.write(B2.encode("utf-8"))
    result = load_batch(folder)
    assert sorted(a.id for a in result.articles) == ["a1", "b2\\xfd"]
    assert {Path(p.path).name for p in result.problems} == {"bad\\xff.txt", "img\\xfe.png"}
    code, stderr, brief = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 3, stderr  # the empty file is a failed article
    assert brief is not None and brief.to_markdown().encode("utf-8")
    assert {a.id: a.status for a in brief.articles} == {
        "a1": "ok", "b2\\xfd": "ok", "bad\\xff": "failed", "img\\xfe": "skipped",
    }  # fmt: skip


def test_lone_surrogates_given_to_the_library_are_replaced(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    brief = _summarize(fake_llm, [Article(id="x\ud800", text=A1 + "\udc00")], tmp_path)
    [report] = brief.articles
    assert report.id == "x\ufffd" and report.status == "ok"
    assert brief.to_json().encode("utf-8") and brief.to_markdown().encode("utf-8")
    assert brief.meta.warnings == ["x\ufffd: unpaired surrogates in id, text; replaced with U+FFFD"]


# -- an article that cleans down to nothing -------------------------------------------------------


def test_article_that_cleans_to_nothing_is_one_clear_failure(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    furniture = "تابعونا على فيسبوك\n"
    folder = _folder(tmp_path, {"a1.txt": A1, "nav.txt": furniture, "nav2.txt": furniture + " "})
    brief = _summarize(fake_llm, load_batch(folder), tmp_path)
    reports = {a.id: a for a in brief.articles}
    assert reports["a1"].status == "ok"
    for name in ("nav", "nav2"):  # two empty articles are not twins of each other
        assert reports[name].status == "failed" and not reports[name].duplicate_of
        assert reports[name].error == f"{folder / name}.txt: no article text left after cleaning"
    assert len(fake_llm.requests) == 1  # nothing left is not sent


def test_article_that_cleans_to_nothing_in_the_cli(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1, "nav.txt": "تابعونا على فيسبوك\n"})
    code, stderr, _ = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 3, stderr
    assert "nav.txt: no article text left after cleaning" in stderr
    assert "internal error" not in stderr


# -- duplicate ids --------------------------------------------------------------------------------


def test_duplicate_ids_from_two_folders_are_made_unique(fake_llm: FakeLLM, tmp_path: Path) -> None:
    first = _folder(tmp_path, {"x.txt": A1}, "one")
    second = _folder(tmp_path, {"x.txt": B2}, "two")
    result = load_batch(first, second)
    assert [a.id for a in result.articles] == ["x", "x-2"]
    [problem] = result.problems
    assert problem.severity == "warning" and problem.path == str(second / "x.txt")
    assert f"id 'x' is already used by {first / 'x.txt'}; renamed to 'x-2'" == problem.reason
    brief = _summarize(fake_llm, result, tmp_path)
    assert brief.texts == {"x": A1.strip(), "x-2": B2.strip()}
    assert [a.status for a in brief.articles] == ["ok", "ok"]
    assert brief.meta.warnings == [problem.describe()]


def test_duplicate_ids_given_to_the_library_are_made_unique(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    articles = [Article(id="x", text=A1), Article(id="x", text=B2), Article(id="x-2", text=A2)]
    brief = _summarize(fake_llm, articles, tmp_path)
    assert [a.id for a in brief.articles] == ["x", "x-3", "x-2"]
    assert set(brief.texts) == {"x", "x-2", "x-3"}
    renamed = "x: id 'x' is already used by an earlier article; renamed to 'x-3'"
    assert brief.meta.warnings == [renamed]


def test_the_same_file_named_twice_is_loaded_once(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a.txt": A1})
    result = load_batch(folder, folder / "a.txt")
    assert [a.id for a in result.articles] == ["a"] and not result.problems


# -- metadata that is not a string ----------------------------------------------------------------


def test_non_string_metadata_is_never_a_python_repr(tmp_path: Path) -> None:
    feed = _jsonl(
        {"id": 7, "text": A1, "title": 5, "published": ["x"], "source": {"name": "S"}},
        {"id": ["a"], "text": A1, "title": 2.5, "url": True, "published": 2025, "source": 1.0},
    )
    folder = _folder(tmp_path, {"feed.jsonl": feed})
    result = load_batch(folder)
    first, second = result.articles
    assert (first.id, first.title, first.published, first.source) == ("7", "5", None, None)
    assert (second.id, second.title, second.url, second.published, second.source) == (
        "feed-2", "2.5", None, "2025", "1",
    )  # fmt: skip
    reasons = {(p.line, p.reason) for p in result.problems}
    assert reasons == {
        (1, "'published' is a list, not a string; ignored"),
        (1, "'source' is an object, not a string; ignored"),
        (2, "'url' is true/false, not a string; ignored"),
        (2, "'id' is a list, not a string; ignored"),
    }
    assert all(p.severity == "warning" for p in result.problems)
    for article in result.articles:
        for value in (article.id, article.title, article.source, article.published, article.url):
            assert value is None or not value.startswith(("[", "{", "True", "False"))


# -- unsupported files ----------------------------------------------------------------------------


def test_unsupported_file_is_skipped_not_failed(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1, "image.png": b"\x89PNG\r\n\x1a\n"})
    assert _problems(folder) == {"image.png": ("skipped", "unsupported file type '.png', skipped")}
    brief = _summarize(fake_llm, load_batch(folder), tmp_path)
    statuses = {a.id: a.status for a in brief.articles}
    assert statuses == {"a1": "ok", "image": "skipped"}
    assert brief.summary.en.startswith("1 article summarized.") and "failed" not in brief.summary.en
    code, stderr, cli_brief = _brief_cli(fake_llm, folder, tmp_path)
    assert code == 0, stderr
    assert cli_brief is not None and {a.id: a.status for a in cli_brief.articles} == statuses
    assert "image.png: unsupported file type '.png', skipped" in stderr


def test_problem_lines_do_not_take_an_article_id(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"x.txt": A1, "x.png": b"\x89PNG"})
    brief = _summarize(fake_llm, load_batch(folder), tmp_path)
    assert {a.id: a.status for a in brief.articles} == {"x": "ok", "x-2": "skipped"}


# -- twins: once per group ------------------------------------------------------------------------


def test_twins_are_listed_once_per_group(fake_llm: FakeLLM, tmp_path: Path) -> None:
    texts = [A1, A2, B2]
    feed = _jsonl(*({"id": f"n{i}", "text": texts[i % 3]} for i in range(30)))
    brief = _summarize(fake_llm, load_batch(_folder(tmp_path, {"feed.jsonl": feed})), tmp_path)
    reports = {a.id: a for a in brief.articles}
    assert len(fake_llm.requests) == 3
    assert set(brief.texts) == {"n0", "n1", "n2"}  # one text per distinct article
    for first in ("n0", "n1", "n2"):
        group = [f"n{i}" for i in range(int(first[1:]), 30, 3)]
        assert reports[first].duplicate_ids == group[1:] and reports[first].duplicate_of is None
        for twin in group[1:]:
            assert reports[twin].duplicate_of == first and reports[twin].duplicate_ids == []
            assert reports[twin].status == "ok" and reports[twin].cached
    # Linear, not quadratic: every twin is named once in all.
    assert sum(len(a.duplicate_ids) for a in brief.articles) == 27
    assert brief.to_markdown() and brief.to_html()


# -- a path instead of articles -------------------------------------------------------------------


@pytest.mark.parametrize("wrong", ["seeds/", Path("seeds"), b"seeds", ["seeds/a.txt"], 5])
def test_a_path_instead_of_articles_is_a_helpful_type_error(
    fake_llm: FakeLLM, tmp_path: Path, wrong: object
) -> None:
    with pytest.raises(TypeError) as raised:
        _summarize(fake_llm, wrong, tmp_path)
    assert "load_articles" in str(raised.value) or "not int" in str(raised.value)
    assert not fake_llm.requests
    assert not (tmp_path / "cache").exists()  # refused before anything else


def test_load_articles_still_feeds_summarize_batch(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"a1.txt": A1})
    brief = _summarize(fake_llm, load_articles(folder), tmp_path)
    assert [a.status for a in brief.articles] == ["ok"]


def test_stat_is_used_for_the_file_kind(tmp_path: Path) -> None:
    """A folder named like an article is walked into, never read as a file."""
    folder = _folder(tmp_path, {"a.txt": A1})
    (folder / "b.txt").mkdir()
    (folder / "b.txt" / "c.md").write_text(B2, encoding="utf-8")
    assert stat.S_ISDIR((folder / "b.txt").stat().st_mode)
    assert sorted(a.id for a in load_articles(folder)) == ["a", "c"]
