"""Where the CLI writes and what it prints: output checks, fallback, permissions, hostile ids.

The CLI runs as a subprocess against the loopback fake endpoint (tests/fake_llm.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from fake_llm import FakeLLM, Reply, grounded_responder
from helpers import run_cli as _cli

from summarizer import Brief
from summarizer.errors import BadArgument

ARTICLE = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)


def _articles(tmp_path: Path, count: int = 1) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for i in range(count):
        text = ARTICLE.replace("2500", str(2500 + i))
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


# -- output checked before any model request ----------------------------------------------------


def _unwritable_folder(tmp_path: Path) -> Path:
    """A folder nobody may create files in: chmod 0555, or /proc/self for root (chmod won't do)."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if not Path("/proc/self").is_dir():
        pytest.skip("running as root without /proc: no folder is unwritable here")
    return Path("/proc/self")


@pytest.mark.parametrize("where", ["a folder", "under a file", "unwritable folder"])
def test_bad_output_is_refused_before_any_request(
    where: str, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    a_file = tmp_path / "plain.txt"
    a_file.write_text("x", encoding="utf-8")
    output = {
        "a folder": tmp_path,
        "under a file": a_file / "sub" / "brief.md",
        "unwritable folder": _unwritable_folder(tmp_path) / "brief.md",
    }[where]
    result = _cli(
        "brief", str(_articles(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
        "-o", str(output),
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = _error_lines(result.stderr)
    assert len(errors) == 1 and str(output) in errors[0], result.stderr
    assert not fake_llm.requests


def test_a_write_that_fails_late_saves_the_brief_elsewhere(tmp_path: Path) -> None:
    """The output folder turns into a file while the model works: the brief is not lost."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()

    def sabotage(request: dict[str, Any]) -> dict[str, Any]:
        if out_dir.is_dir():
            shutil.rmtree(out_dir)
            out_dir.write_text("not a folder any more", encoding="utf-8")
        return grounded_responder(request)

    fake = FakeLLM(responder=sabotage).start()
    try:
        result = _cli(
            "brief", str(_articles(tmp_path)), "--base-url", fake.url, "--no-cache",
            "-o", str(out_dir / "brief.json"),
        )  # fmt: skip
    finally:
        fake.stop()
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    [error] = _error_lines(result.stderr)
    assert f"could not write {out_dir / 'brief.json'}" in error
    saved = Path(error.split("it was saved to ")[1].strip())
    brief = Brief.model_validate_json(saved.read_text(encoding="utf-8"))
    assert [a.status for a in brief.articles] == ["ok"]
    assert "1/1 articles" in result.stderr  # the summary line is still printed


def test_output_files_get_normal_permissions(fake_llm: FakeLLM, tmp_path: Path) -> None:
    folder = _articles(tmp_path)
    new, kept = tmp_path / "new.md", tmp_path / "kept.md"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    for out in (new, kept):
        result = _cli(
            "brief", str(folder), "--base-url", fake_llm.url, "--no-cache", "-o", str(out)
        )
        assert result.returncode == 0, result.stderr
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert "September 2025" in kept.read_text(encoding="utf-8")


@pytest.mark.parametrize(("suffix", "marker"), [(".json", '"articles"'), (".html", "<html")])
def test_format_follows_the_suffix(
    suffix: str, marker: str, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    out = tmp_path / f"brief{suffix}"
    result = _cli(
        "brief", str(_articles(tmp_path)), "--base-url", fake_llm.url, "--no-cache", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert marker in out.read_text(encoding="utf-8")


# -- hostile ids and paths ------------------------------------------------------------------------

INJECTED_ID = "evil`\n# Injected heading\n<script>alert(1)</script>"
TERMINAL_ID = "term\x1b[2J\x1b]0;pwned\x07\x9b31m"
MARKUP_IDS = ("good[/x]", "[b]bold[/b]")


def _hostile_batch(tmp_path: Path) -> Path:
    lines = [
        {"id": INJECTED_ID, "title": "t`\n## also injected <img src=x onerror=alert(1)>",
         "text": ARTICLE},
        {"id": TERMINAL_ID, "text": ARTICLE.replace("2500", "2600")},
        *({"id": name, "text": ARTICLE.replace("2500", str(2700 + i))}
          for i, name in enumerate(MARKUP_IDS)),
    ]  # fmt: skip
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n")
    return path


def test_hostile_ids_cannot_inject_markdown_or_terminal_escapes(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.queue_for("2600", Reply(status=400))  # the terminal-escape article fails: its id
    out = tmp_path / "rich [b]x[/b].md"  # and error are printed on the "failed" line
    result = _cli(
        "brief", str(_hostile_batch(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
        "--stats", "-o", str(out), env={"COLUMNS": "200"},
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    stderr = result.stderr
    assert "Traceback" not in stderr and "MarkupError" not in stderr
    for raw in ("\x1b", "\x07", "\x9b"):
        assert raw not in stderr
    assert f"wrote {out}" in stderr  # the path as given, markup and all
    assert "failed term\\x1b[2J" in stderr
    for name in MARKUP_IDS:
        assert name in stderr  # in the --stats table, not eaten as markup
    markdown = out.read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img)", markdown)  # no raw tag (an escaped \<b\> is text)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert not [h for h in headings if "injected" in h.lower()], headings
    assert "\x1b" not in markdown


def test_to_markdown_refuses_an_unknown_language(fake_llm: FakeLLM, tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    result = _cli("brief", str(_articles(tmp_path)), "--base-url", fake_llm.url, "-o", str(out))
    assert result.returncode == 0, result.stderr
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    with pytest.raises(BadArgument, match="'fr'"):
        brief.to_markdown(lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        brief.to_markdown(lang="EN")  # type: ignore[arg-type]


# -- secrets in -v logging ------------------------------------------------------------------------


def test_verbose_logging_hides_url_userinfo_query_secrets_and_key(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    key = "sk-LOGCANARY-0123456789"
    host = fake_llm.url.removeprefix("http://")
    url = f"http://robot:pw-CANARY-42@{host}?token=tok-CANARY-77"
    result = _cli(
        "brief", str(_articles(tmp_path)), "--base-url", url, "-v", "--no-cache",
        "-o", str(tmp_path / "b.md"),
        env={"OPENAI_API_KEY": key, "OPENAI_LOG": "debug"},  # openai's own debug logging too
    )  # fmt: skip
    logged = result.stderr + result.stdout
    assert "INFO" in logged or "DEBUG" in logged, logged  # -v did log
    for secret in (key, "pw-CANARY-42", "tok-CANARY-77"):
        assert secret not in logged
    assert "Traceback" not in logged
