"""The shared adaptive limit on requests in flight: it grows while the server keeps up, backs off
on 429 (honouring Retry-After), and never passes the ceiling. Against the loopback server, which
counts the requests it holds at once; no timing asserts."""

from __future__ import annotations

import time

from fake_llm import FakeLLM

from summarizer import summarize_batch
from summarizer.limiter import DEFAULT_START, AdaptiveLimiter
from summarizer.llm import RetryPolicy
from summarizer.models import Article

A1 = (
    "أعلنت الحكومة العراقية، أمس، أن المهمة العسكرية للتحالف الدولي ستنتهي بحلول أيلول 2025.\n"
    "وقال مسؤول إن نحو 2500 جندي أميركي ما زالوا في العراق.\n"
)
PATIENT = RetryPolicy(max_attempts=30, deadline_s=120, base_wait_s=0.01, max_wait_s=0.05)


def _articles(count: int) -> list[Article]:
    """``count`` distinct articles of one request each."""
    return [Article(id=f"n{i}", text=A1.replace("2500", str(100 + i))) for i in range(count)]


def _run(fake: FakeLLM, count: int, concurrency: int | None = None) -> tuple[int, int]:
    """Summarize ``count`` articles; return (articles ok, concurrency reached)."""
    brief = summarize_batch(
        _articles(count), base_url=fake.url, use_cache=False, policy=PATIENT,
        concurrency=concurrency,
    )  # fmt: skip
    ok = sum(a.status == "ok" for a in brief.articles)
    return ok, brief.meta.concurrency_reached or 0


def test_it_grows_while_the_server_admits_more() -> None:
    fake = FakeLLM(latency=0.2).start()
    try:
        ok, reached = _run(fake, 48)
    finally:
        fake.stop()
    assert ok == 48
    assert fake.peak > DEFAULT_START  # more than it started with reached the server at once
    assert reached >= fake.peak  # the client's count: what it had out, all reached the server


def test_it_backs_off_on_429_and_honours_retry_after() -> None:
    admit = 4
    fake = FakeLLM(latency=0.3, admit=admit, retry_after="0.2", reject_delay=0.05).start()
    try:
        ok, reached = _run(fake, 24)
    finally:
        fake.stop()
    assert ok == 24  # nothing lost
    assert fake.rejected >= 1  # it did meet the limit (it starts above it)
    # Once the requests sent before the first 429 are done, the server never holds more than
    # its limit, the limiter's step and a refused request still being answered (refused
    # requests count while open); a limiter that did not back off keeps DEFAULT_START out.
    assert fake.peak_after_429 <= admit + 2 < DEFAULT_START
    assert fake.rejected < 24  # fewer refusals than articles: it slowed down, not retried on
    assert reached >= admit


def test_it_never_passes_the_ceiling() -> None:
    fake = FakeLLM(latency=0.2).start()
    try:
        ok, reached = _run(fake, 48, concurrency=10)
    finally:
        fake.stop()
    assert ok == 48
    assert fake.peak <= 10 and reached <= 10
    assert reached > DEFAULT_START  # it grew up to the ceiling, not past it


def test_concurrency_one_is_one_request_at_a_time() -> None:
    fake = FakeLLM(latency=0.05).start()
    try:
        ok, reached = _run(fake, 6, concurrency=1)
    finally:
        fake.stop()
    assert ok == 6 and fake.peak == 1 and reached == 1


def test_waiting_for_a_slot_is_not_the_articles_time() -> None:
    # 48 articles, at most 8 at once: the last ones wait five requests' time (3 s) behind the
    # others, twice their own deadline, which only their own requests and retries count
    # against (the deadline leaves a loaded machine room for the request itself).
    fake = FakeLLM(latency=0.6).start()
    try:
        brief = summarize_batch(
            _articles(48), base_url=fake.url, use_cache=False, concurrency=8,
            policy=RetryPolicy(max_attempts=1, deadline_s=1.5),
        )  # fmt: skip
    finally:
        fake.stop()
    assert [a.error for a in brief.articles if a.status != "ok"] == []
    assert len(fake.requests) == 48 and fake.peak <= 8


# -- the limiter itself ---------------------------------------------------------------------------


def test_one_burst_of_429s_halves_the_limit_once() -> None:
    limiter = AdaptiveLimiter(ceiling=64, start=8)
    slots = [limiter.acquire() for _ in range(8)]
    for slot in slots:
        assert slot is not None
        limiter.release(slot, "overloaded")
    assert limiter.limit == 4


def test_a_retry_after_holds_back_new_requests() -> None:
    limiter = AdaptiveLimiter(ceiling=4, start=2)
    slot = limiter.acquire()
    assert slot is not None
    limiter.release(slot, "overloaded", retry_after=30)
    assert limiter.acquire(until=time.monotonic() + 0.05) is None  # free slots, but paused


def test_growth_stops_at_the_ceiling_and_needs_demand() -> None:
    limiter = AdaptiveLimiter(ceiling=3, start=8)
    assert limiter.limit == 3
    for _ in range(10):
        slots = [limiter.acquire() for _ in range(3)]
        for slot in slots:
            assert slot is not None
            limiter.release(slot, "ok")
    assert limiter.limit == 3
    idle = AdaptiveLimiter(ceiling=64, start=4)
    for _ in range(20):  # one request at a time never fills the limit: no reason to grow
        slot = idle.acquire()
        assert slot is not None
        idle.release(slot, "ok")
    assert idle.limit == 4
