"""Usage mistakes at the command line: one line on stderr, exit 2, no traceback, no request.

Each case runs ``python -m summarizer`` as a subprocess, as a user would, and the endpoint is
the loopback fake, so a test also proves that no model request was sent before the refusal.
The last tests check that ``--help`` and usage errors import nothing heavy (fast start).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from fake_llm import FakeLLM
from helpers import run_cli as _cli

HEAVY = ("openai", "instructor", "trafilatura", "llama_cpp", "tenacity", "summarizer.models")


def _assert_one_usage_line(result: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: "), lines[0]
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert not result.stdout
    return lines[0]


USAGE_MISTAKES = {
    "unknown flag": (["brief", str(SEEDS), "--bogus-flag"], ["--bogus-flag"]),
    "concurrency 0": (["brief", str(SEEDS), "--concurrency", "0"], ["--concurrency"]),
    "format pdf": (["brief", str(SEEDS), "--format", "pdf"], ["--format", "pdf"]),
    "lang fr": (["brief", str(SEEDS), "--lang", "fr"], ["--lang", "fr"]),
    "timeout 0": (["brief", str(SEEDS), "--timeout", "0"], ["--timeout"]),
    "no paths": (["brief"], ["paths", "summarizer brief --help"]),
    "bare summarizer": ([], ["summarizer --help"]),
    "unknown command": (["summarise", str(SEEDS)], ["summarise"]),
    "-o brief.pdf": (["brief", str(SEEDS), "-o", "brief.pdf"], ["brief.pdf", "--format"]),
    "-o x.json --format md": (["brief", str(SEEDS), "-o", "x.json", "-f", "md"], ["x.json"]),
}


@pytest.mark.parametrize("case", USAGE_MISTAKES, ids=list(USAGE_MISTAKES))
def test_usage_mistake_is_one_line_and_exit_2(case: str, fake_llm: FakeLLM) -> None:
    args, needles = USAGE_MISTAKES[case]
    extra = ["--base-url", fake_llm.url] if args[:1] == ["brief"] and len(args) > 1 else []
    result = _cli(*args, *extra)
    _assert_one_usage_line(result, *needles)
    assert not fake_llm.requests
    assert not (ROOT / "brief.pdf").exists()


BAD_URLS = {
    "no scheme": "localhost:8000/v1",
    "missing colon": "http//x",
    "spaces": "http://exa mple.com/v1",
    "other scheme": "ftp://example.com/v1",
    "no host": "http:///v1",
    "bad port": "http://127.0.0.1:80x/v1",
}


@pytest.mark.parametrize("url", BAD_URLS.values(), ids=list(BAD_URLS))
def test_malformed_base_url_is_a_configuration_error(url: str) -> None:
    _assert_one_usage_line(_cli("brief", str(SEEDS), "--base-url", url), "--base-url")
    _assert_one_usage_line(_cli("doctor", "--base-url", url), "--base-url")


def test_malformed_base_url_from_the_environment_is_named() -> None:
    result = _cli("brief", str(SEEDS), env={"OPENAI_BASE_URL": "http//x"})
    _assert_one_usage_line(result, "OPENAI_BASE_URL")


def test_malformed_base_url_hides_its_password() -> None:
    result = _cli("brief", str(SEEDS), "--base-url", "http://me:hunter2-secret@/v1")
    line = _assert_one_usage_line(result, "--base-url")
    assert "hunter2-secret" not in line


def test_help_exits_0_with_the_commands() -> None:
    result = _cli("--help")
    assert result.returncode == 0, result.stderr
    for command in ("brief", "eval", "doctor", "schemas"):
        assert command in result.stdout
    assert _cli("brief", "--help").returncode == 0


# -- fast start: nothing heavy for help and usage errors ------------------------------------------

_PROBE = """
import json, runpy, sys
sys.argv = ["summarizer", *json.loads(sys.argv[1])]
try:
    runpy.run_module("summarizer", run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
print(json.dumps({"code": code, "loaded": sorted(
    name for name in sys.modules if any(name == h or name.startswith(h + ".") for h in HEAVY)
)}))
"""


def _modules_loaded_by(*args: str) -> tuple[int, list[str]]:
    probe = f"HEAVY = {list(HEAVY)!r}\n{_PROBE}"
    done = subprocess.run(
        [sys.executable, "-c", probe, json.dumps(list(args))],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
    )  # fmt: skip
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return report["code"], report["loaded"]


@pytest.mark.parametrize(
    "args",
    [["--help"], ["brief", "--help"], ["brief", "--bogus-flag"], ["brief", "x", "--lang", "fr"]],
    ids=["--help", "brief --help", "unknown flag", "bad --lang"],
)
def test_help_and_usage_errors_import_nothing_heavy(args: list[str]) -> None:
    code, loaded = _modules_loaded_by(*args)
    assert code in (0, 2)
    assert loaded == []


def test_a_missing_input_path_imports_nothing_heavy() -> None:
    code, loaded = _modules_loaded_by("brief", "no/such/path")
    assert code == 2
    assert loaded == []


def test_doctor_imports_no_client_library() -> None:
    """doctor names the backend without openai, instructor or tenacity, for the embedded model
    and for an endpoint alike; it reads the schema version from the models (typer's own option
    parsing imports pydantic anyway), and imports llama_cpp only to see whether it loads, when
    it is installed."""
    for args in (["doctor"], ["doctor", "--base-url", "http://127.0.0.1:9/v1"]):
        code, loaded = _modules_loaded_by(*args)
        assert code == 0
        unexpected = [
            m for m in loaded if m != "summarizer.models" and m.split(".")[0] != "llama_cpp"
        ]
        assert unexpected == [], args


def test_the_probe_sees_heavy_imports_when_a_command_runs(tmp_path: Path) -> None:
    """The import check above is not blind: running ``schemas`` does load pydantic models."""
    code, loaded = _modules_loaded_by("schemas", str(tmp_path / "schemas"))
    assert code == 0
    assert "summarizer.models" in loaded


def test_import_summarizer_is_light_and_still_exports_the_api() -> None:
    probe = (
        "import sys, summarizer; light = 'openai' not in sys.modules; "
        "from summarizer import Brief, summarize_batch, load_articles; "
        "print(light, Brief.__name__, callable(summarize_batch), 'openai' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.stdout.split() == ["True", "Brief", "True", "True"], done.stderr
