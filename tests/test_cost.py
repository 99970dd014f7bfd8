"""The price table, its override file, and the cost in the brief and on the CLI's summary line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from fake_llm import FakeLLM

from summarizer import Brief, load_articles, summarize_batch
from summarizer.cost import (
    PRICES,
    PRICES_ENV,
    estimate_cost,
    format_cost,
    load_prices,
    price_of,
)
from summarizer.errors import ConfigurationError
from summarizer.local_model import MODEL_NAME
from summarizer.models import Usage
from summarizer.settings import Settings

MILLION = Usage(requests=3, prompt_tokens=1_000_000, completion_tokens=1_000_000)
ARTICLE = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)


def test_known_model_is_priced_per_million_tokens() -> None:
    assert estimate_cost("gpt-4o-mini", MILLION) == pytest.approx(0.15 + 0.60)
    usage = Usage(requests=1, prompt_tokens=2000, completion_tokens=500)
    assert estimate_cost("gpt-4o", usage) == pytest.approx((2000 * 2.5 + 500 * 10) / 1e6)


def test_batch_api_is_half_price() -> None:
    assert estimate_cost("gpt-4o-mini", MILLION, batch=True) == pytest.approx(0.375)


def test_names_match_without_case_date_or_provider() -> None:
    for name in ("GPT-4o-mini", "gpt-4o-mini-2024-07-18", "openai/gpt-4o-mini", "gpt-4o-mini-0125"):
        assert price_of(name) == PRICES["gpt-4o-mini"], name
    assert price_of("gpt-4o-2024-08-06") == PRICES["gpt-4o"]


def test_unknown_model_has_no_estimate() -> None:
    assert estimate_cost("my-own-vllm-model", MILLION) is None
    assert estimate_cost("gpt-4o-mini-audio-preview", MILLION) is None  # not a dated gpt-4o-mini


def test_embedded_model_is_free() -> None:
    assert estimate_cost(MODEL_NAME, MILLION) == 0.0


def test_no_tokens_cost_nothing() -> None:
    assert estimate_cost("gpt-4o", Usage()) == 0.0


def test_price_file_adds_and_overrides(tmp_path: Path) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text(
        json.dumps({"My-Model": [1, 2], "gpt-4o-mini": {"prompt": 10, "completion": 20}})
    )
    table = load_prices(Settings.from_env({PRICES_ENV: str(prices)}).prices_file)
    assert estimate_cost("my-model", MILLION, prices=table) == pytest.approx(3.0)
    assert estimate_cost("gpt-4o-mini", MILLION, prices=table) == pytest.approx(30.0)
    assert estimate_cost("gpt-4o", MILLION, prices=table) == pytest.approx(12.5)  # the rest stays
    assert PRICES["gpt-4o-mini"] == (0.15, 0.60)  # the table itself is not changed


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "expected an object"),
        ('{"m": [1]}', "a price is"),
        ('{"m": [-1, 2]}', "a price is"),
        ('{"m": {"prompt": 1}}', "a price is"),
        ('{"m": ["1", "2"]}', "a price is"),
    ],
)
def test_bad_price_file_is_a_configuration_error(
    content: str, message: str, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text(content)
    with pytest.raises(ConfigurationError, match=message):
        load_prices(str(prices))


def test_missing_price_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="cannot read it"):
        load_prices(str(tmp_path / "nope.json"))


def test_format_cost() -> None:
    assert format_cost(None) == "cost unknown"
    assert format_cost(0.0) == "$0"
    assert format_cost(0.00004) == "<$0.0001"
    assert format_cost(0.01234) == "$0.0123"
    assert format_cost(1234.5) == "$1,234.50"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "summarizer", *args],
        capture_output=True, text=True, env=full_env, timeout=120, cwd=ROOT,
    )  # fmt: skip


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a1.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_cli_shows_the_cost_and_writes_it_in_meta(fake_llm: FakeLLM, tmp_path: Path) -> None:
    out = tmp_path / "brief.json"
    result = _cli(
        "brief", str(_folder(tmp_path)), "-o", str(out), "--base-url", fake_llm.url,
        "--model", "gpt-4o", "--no-cache", "--stats",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The loopback server reports 100 prompt + 20 completion tokens per request.
    assert "1 requests, 100 prompt + 20 completion tokens, $0.0004, " in result.stderr
    assert "cost" in result.stderr and "$0.0004" in result.stderr.split("1/1 articles")[0]
    brief = Brief.model_validate_json(out.read_text(encoding="utf-8"))
    assert brief.meta.estimated_cost_usd == pytest.approx((100 * 2.5 + 20 * 10) / 1e6)


def test_cli_price_file_names_a_price(fake_llm: FakeLLM, tmp_path: Path) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text('{"test-model": [1000, 1000]}')
    result = _cli(
        "brief", str(_folder(tmp_path)), "--base-url", fake_llm.url, "--model", "test-model",
        "--no-cache", env={PRICES_ENV: str(prices)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "$0.1200" in result.stderr  # 120 tokens at $1000 per 1M


def test_cli_unknown_price_says_so(fake_llm: FakeLLM, tmp_path: Path) -> None:
    result = _cli(
        "brief", str(_folder(tmp_path)), "--base-url", fake_llm.url, "--model", "test-model",
        "--no-cache",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "cost unknown" in result.stderr


def test_cli_bad_price_file_stops_before_any_request(fake_llm: FakeLLM, tmp_path: Path) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text("{broken")
    result = _cli(
        "brief", str(_folder(tmp_path)), "--base-url", fake_llm.url, "--no-cache",
        env={PRICES_ENV: str(prices)},
    )  # fmt: skip
    assert result.returncode == 2
    assert "SUMMARIZER_PRICES" in result.stderr and "Traceback" not in result.stderr
    assert not fake_llm.requests


def test_a_library_caller_gets_the_estimated_cost(fake_llm: FakeLLM, tmp_path: Path) -> None:
    articles = load_articles(_folder(tmp_path))
    brief = summarize_batch(articles, base_url=fake_llm.url, model="gpt-4o", use_cache=False)
    # The loopback server reports 100 prompt + 20 completion tokens per request.
    requests = len(fake_llm.requests)
    assert requests >= 1
    expected = requests * (100 * 2.5 + 20 * 10) / 1e6
    assert brief.meta.estimated_cost_usd == pytest.approx(expected)


def test_a_library_callers_price_file_comes_from_its_settings(
    fake_llm: FakeLLM, tmp_path: Path
) -> None:
    prices = tmp_path / "prices.json"
    prices.write_text('{"test-model": [1000, 1000]}')
    settings = Settings(prices_file=str(prices))
    brief = summarize_batch(
        load_articles(_folder(tmp_path)), base_url=fake_llm.url, model="test-model",
        use_cache=False, settings=settings,
    )  # fmt: skip
    assert brief.meta.estimated_cost_usd == pytest.approx(len(fake_llm.requests) * 0.12)
