"""A hostile or broken server, and settings no request could use: each case and its outcome.

The model is the loopback server of fake_llm.py (echoing the key, dripping its body, sending
usage blocks that are not counts); the real openai client and instructor talk to it over HTTP.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from fake_llm import NO_USAGE, FakeLLM, Reply, grounded_responder
from helpers import A1, B2

from summarizer import Brief, summarize_batch
from summarizer.cost import estimate_cost
from summarizer.errors import ConfigurationError
from summarizer.extract.prompts import system_prompt as _system_prompt
from summarizer.llm import RetryPolicy, prompt_guard, repeats_instructions
from summarizer.models import Article, Usage

KEY = "sk-CANARY-7f3a9c1e5b2d4f60"
FAST = RetryPolicy(max_attempts=3, deadline_s=20, base_wait_s=0.01, max_wait_s=0.05)


def _articles() -> list[Article]:
    return [Article(id="a1", text=A1), Article(id="b2", text=B2)]


def _marker(article_id: str) -> str:
    return f"Article id: {article_id}\n"


def _by_id(brief: Brief) -> dict[str, Any]:
    return {a.id: a for a in brief.articles}


# -- the API key never leaves the process -------------------------------------------------------


@pytest.mark.parametrize("echo", [True, "escaped"], ids=["as text", "JSON-escaped"])
def test_a_key_echoed_in_the_answer_reaches_neither_brief_nor_cache(
    echo: bool | str, tmp_path: Path
) -> None:
    fake = FakeLLM(echo_key=echo).start()  # type: ignore[arg-type]
    try:
        brief = summarize_batch(
            _articles(), base_url=fake.url, api_key=KEY, cache_dir=tmp_path / "cache",
            policy=FAST,
        )  # fmt: skip
    finally:
        fake.stop()
    assert fake.headers[0]["authorization"] == f"Bearer {KEY}"  # it was sent, and echoed
    assert all(a.status == "ok" for a in brief.articles), [a.error for a in brief.articles]
    outputs = [brief.to_json(), brief.to_markdown(lang="both"), brief.to_html()]
    for output in outputs:
        assert KEY not in output
    cache = tmp_path / "cache" / "extractions.sqlite3"
    assert cache.exists() and KEY.encode() not in cache.read_bytes()
    # The echo was kept, masked, in the answers stored (a place the quotes do not name never
    # reaches the brief).
    assert b"[API key]" in cache.read_bytes()
    again = summarize_batch(
        _articles(), base_url=fake.url, api_key=KEY, cache_dir=tmp_path / "cache", policy=FAST
    )
    assert all(a.cached for a in again.articles) and KEY not in again.to_json()


def test_logs_show_no_secret_of_the_base_url_nor_the_key(
    fake_llm: FakeLLM, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(1)  # every logger, every level: httpx logs each URL, openai too
    for name in ("httpx", "httpx2", "openai"):  # whatever an earlier CLI run set them to
        caplog.set_level(1, logger=name)
    secret = "pw-5e3c1a9b77"
    url = fake_llm.url.replace("http://", f"http://user:{secret}@") + f"?token={secret}"
    fake_llm.responder = lambda request: {"mentions": {}, "events": [], "note": KEY}
    summarize_batch(
        [Article(id="a1", text=A1)], base_url=url, api_key=KEY, use_cache=False, policy=FAST
    )
    assert "HTTP Request: POST http://127.0.0.1:" in caplog.text  # the URL was logged, masked
    for text in [caplog.text, *(r.getMessage() for r in caplog.records)]:
        assert secret not in text and KEY not in text


# -- a body dripped a byte at a time ------------------------------------------------------------

DRIP = 0.05  # seconds a byte: each read gets a byte well within the timeout, the body ~30 s


@pytest.mark.parametrize(
    ("policy", "timeout", "reason", "requests"),
    [
        (FAST, 0.5, "the request timed out (0.5 s) after 3 attempts", 3),
        (
            RetryPolicy(max_attempts=5, deadline_s=1, base_wait_s=0.01),
            0.5,
            "the request timed out (0.5 s) after 2 attempts (past the per-article deadline of 1 s)",
            2,
        ),
        (
            RetryPolicy(max_attempts=1, deadline_s=0.6),
            30,
            "the request timed out (30 s) after 1 attempt (past the per-article deadline of 0.6 s)",
            1,
        ),
    ],
    ids=["past --timeout", "past the article's deadline", "the deadline cuts the one attempt"],
)
def test_a_dripping_body_is_bounded_by_the_timeout_and_the_deadline(
    policy: RetryPolicy,
    timeout: float,
    reason: str,
    requests: int,
    fake_llm: FakeLLM,
    tmp_path: Path,
) -> None:
    fake_llm.queue_for(_marker("a1"), *[Reply(answer={}, drip=DRIP)] * 5)
    brief = summarize_batch(
        _articles(), base_url=fake_llm.url, use_cache=False, policy=policy, timeout=timeout,
        concurrency=2,
    )  # fmt: skip
    articles = _by_id(brief)
    assert articles["a1"].status == "failed"
    assert reason in (articles["a1"].error or ""), articles["a1"].error
    assert len(fake_llm.requests_for(_marker("a1"))) == requests
    assert articles["a1"].usage.requests == requests
    assert articles["b2"].status == "ok"


# -- usage blocks that are not counts -----------------------------------------------------------

BAD_USAGE = [
    ("a string", "lots of tokens"),
    ("1e400", {"prompt_tokens": "__1e400__", "completion_tokens": 20}),
    ("negative", {"prompt_tokens": -100, "completion_tokens": -20, "total_tokens": -120}),
    ("missing", NO_USAGE),
    ("null counts", {"prompt_tokens": None, "completion_tokens": None}),
    ("strings and fractions", {"prompt_tokens": "100", "completion_tokens": 2.5}),
    ("a list", [1, 2, 3]),
]


@pytest.mark.parametrize("usage", [u for _, u in BAD_USAGE], ids=[n for n, _ in BAD_USAGE])
def test_a_bad_usage_block_keeps_the_answer_and_never_a_negative_cost(
    usage: Any, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    fake_llm.usage = usage
    brief = summarize_batch(
        [Article(id="a1", text=A1)], base_url=fake_llm.url, model="gpt-4o-mini",
        api_key="sk-test-000000", use_cache=False, policy=FAST,
    )  # fmt: skip
    article = brief.articles[0]
    assert article.status == "ok", article.error
    assert len(fake_llm.requests) == 1  # the answer was kept, not asked again
    assert article.usage.requests == 1
    assert article.usage.prompt_tokens >= 0 and article.usage.completion_tokens >= 0
    cost = estimate_cost(brief.meta.model, brief.meta.usage)
    assert cost is not None and cost >= 0
    assert brief.figures  # the answer made the brief


def test_a_negative_usage_never_prices_below_zero() -> None:
    assert estimate_cost("gpt-4o-mini", Usage(requests=1, prompt_tokens=-(10**6))) == 0


# -- a paraphrased leak of the instructions -----------------------------------------------------

FILLERS = ["indeed", "really", "well", "also"]


def _paraphrased_leak(words: int = 30, every: int = 3, skip: int = 0) -> str:
    """The system prompt's prose with a filler word slipped in after every ``every`` words."""
    prose = _system_prompt().split()[skip : skip + words]
    out: list[str] = []
    for n, word in enumerate(prose, 1):
        out.append(word)
        if n % every == 0:
            out.append(FILLERS[n % len(FILLERS)])
    return " ".join(out)


NORMAL = [  # short descriptions as a good answer writes them
    "the coalition's military mission in Iraq ends",
    "US troops still in Syria",
    "a statement was issued",
    "the health minister announces that the southern displacement camp will close",
    "aid organisations reject the decision and demand an alternative plan",
    "months of the phased withdrawal of coalition forces from Iraq",
    "the government says there is no fixed timetable for the withdrawal",
    "the number of people displaced by the fighting in the north of the country",
    "the date by which every displaced family is to return home",
    "parliament votes on the budget for the next fiscal year",
    "the central bank raises its main interest rate",
    "talks between the two delegations resume in Cairo next week",
    "the ministry reports new cases of cholera in the southern provinces",
    "an official says the border crossing will reopen for trucks carrying aid",
    "prices of bread and fuel rise after the subsidy cut",
]


def test_the_guard_catches_a_paraphrased_leak_and_passes_normal_answers() -> None:
    guard = prompt_guard(
        [{"role": "system", "content": _system_prompt()}, {"role": "user", "content": A1}]
    )
    for skip in range(0, 120, 10):
        for every in (2, 3):
            leak = _paraphrased_leak(words=30, every=every, skip=skip)
            assert repeats_instructions({"about_en": leak}, guard), leak
    for text in NORMAL:
        assert not repeats_instructions([text], guard), text


def test_the_guard_passes_the_gold_descriptions_of_the_eval_sets() -> None:
    shared = next(
        (up / "shared" / "eval" for up in ROOT.parents if (up / "shared" / "eval").is_dir()), None
    )
    if shared is None:
        pytest.skip("no shared/eval above the repository")
    files = [shared / "seeds.gold.json", shared / "dev" / "dev.gold.json"]
    texts: list[str] = []

    def strings(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                strings(item)

    for path in files:
        strings(json.loads(path.read_text(encoding="utf-8")))
    guard = prompt_guard(
        [{"role": "system", "content": _system_prompt()}, {"role": "user", "content": A1}]
    )
    assert len(texts) > 100
    assert [t for t in texts if repeats_instructions(t, guard)] == []


def test_a_paraphrased_leak_never_reaches_the_brief(fake_llm: FakeLLM) -> None:
    leak = _paraphrased_leak(words=24, every=3)[:160]  # what the field holds at most

    def leaky(request: dict[str, Any]) -> dict[str, Any]:
        answer = grounded_responder(request)
        answer["events"][0]["about_en"] = leak
        return answer

    fake_llm.responder = leaky
    brief = summarize_batch(
        [Article(id="a1", text=A1)], base_url=fake_llm.url, use_cache=False, policy=FAST
    )
    article = brief.articles[0]
    assert article.status == "failed"
    assert "the answer repeats the instructions" in (article.error or "")
    assert len(fake_llm.requests) == 3  # asked again, then refused
    assert leak not in brief.to_json()


# -- settings no request could use --------------------------------------------------------------

BAD_SETTINGS: list[tuple[str, dict[str, Any], str]] = [
    ("concurrency 0", {"concurrency": 0}, "concurrency must be a whole number >= 1"),
    ("concurrency -2", {"concurrency": -2}, "concurrency must be a whole number >= 1"),
    ("concurrency 1.5", {"concurrency": 1.5}, "concurrency must be a whole number >= 1"),
    ("concurrency '4'", {"concurrency": "4"}, "concurrency must be a whole number >= 1"),
    ("concurrency True", {"concurrency": True}, "concurrency must be a whole number >= 1"),
    ("timeout 0", {"timeout": 0}, "timeout must be a number of seconds > 0"),
    ("timeout -1", {"timeout": -1}, "timeout must be a number of seconds > 0"),
    ("timeout nan", {"timeout": float("nan")}, "timeout must be a number of seconds > 0"),
    ("timeout '5'", {"timeout": "5"}, "timeout must be a number of seconds > 0"),
    ("no scheme", {"base_url": "localhost:8080/v1"}, "must start with http:// or https://"),
    ("http//x", {"base_url": "http//x"}, "must start with http:// or https://"),
    ("ftp", {"base_url": "ftp://example.com/v1"}, "must start with http:// or https://"),
    ("spaces", {"base_url": "http://exa mple.com/v1"}, "spaces or control characters"),
    ("no host", {"base_url": "http:///v1"}, "it names no host"),
    ("bad port", {"base_url": "http://localhost:port/v1"}, "malformed base URL"),
]


@pytest.mark.parametrize(
    ("settings", "message"),
    [row[1:] for row in BAD_SETTINGS],
    ids=[row[0] for row in BAD_SETTINGS],
)
def test_bad_settings_are_one_line_before_any_request(
    settings: dict[str, Any], message: str, fake_llm: FakeLLM, tmp_path: Path
) -> None:
    kwargs: dict[str, Any] = {"base_url": fake_llm.url, "use_cache": False, **settings}
    with pytest.raises(ConfigurationError) as raised:
        summarize_batch([Article(id="a1", text=A1)], **kwargs)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert fake_llm.requests == []


def test_a_malformed_openai_base_url_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http//localhost:8080/v1")
    with pytest.raises(ConfigurationError, match="malformed base URL"):
        summarize_batch([Article(id="a1", text=A1)], use_cache=False)


def test_the_batch_api_path_refuses_a_malformed_base_url_too(tmp_path: Path) -> None:
    from summarizer.batch import summarize_with_batch_api

    with pytest.raises(ConfigurationError, match="malformed base URL 'http//x'"):
        summarize_with_batch_api(
            [Article(id="a1", text=A1)], base_url="http//x", cache_dir=tmp_path / "c"
        )


@pytest.mark.parametrize(
    "url", [f"http://user:{KEY}@exa mple.com/v1?k={KEY}", f"user:{KEY}@localhost:8000/v1?k={KEY}"]
)
def test_a_secret_in_a_malformed_base_url_is_not_shown(url: str) -> None:
    with pytest.raises(ConfigurationError, match="malformed base URL") as raised:
        summarize_batch([Article(id="a1", text=A1)], base_url=url, use_cache=False)
    assert KEY not in str(raised.value)


# -- a library prints nothing of its own --------------------------------------------------------


def test_the_library_prints_nothing_when_logging_is_not_configured(fake_llm: FakeLLM) -> None:
    # Faults that make openai, instructor and us log warnings and errors: a request refused
    # (HTTP 400, a failed article), a 500 retried, an invalid answer asked again, a usage block
    # that is not one.
    fake_llm.queue_for(_marker("a1"), Reply(status=400))
    fake_llm.queue_for(_marker("b2"), Reply(status=500), Reply(answer={"mentions": 3}, usage="x"))
    script = textwrap.dedent(f"""
        from summarizer import summarize_batch
        from summarizer.llm import RetryPolicy
        from summarizer.models import Article
        brief = summarize_batch(
            [Article(id="a1", text={A1!r}), Article(id="b2", text={B2!r})],
            base_url={fake_llm.url!r}, use_cache=False, policy=RetryPolicy(base_wait_s=0.01),
        )
        assert [a.status for a in brief.articles] == ["failed", "ok"], brief.articles
    """)
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
        timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert len(fake_llm.requests) == 4  # a1's 400; b2's 500, invalid answer and good one
    assert result.stderr == "" and result.stdout == ""
