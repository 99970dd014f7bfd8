"""One adaptive limit on the requests a run has in flight at an endpoint (AIMD).

Every request of a run, for every article and chunk, takes a slot first. The limit starts at
``start``; while the server keeps up it grows (slow start: +1 per success until the first sign
of overload, then +1 per ``limit`` successes), up to ``ceiling``. A 429 or 503 halves it and
holds new requests back for the server's ``Retry-After``; a timeout halves it too. Only
requests sent at the current limit count as a sign of overload or of room, so one burst of 429s
halves the limit once; a success grows it only while requests wait for a slot (or it filled the
limit), so a run with few requests in flight does not inflate it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Outcome = Literal["ok", "overloaded", "timeout", "other"]

DEFAULT_START = 8
DEFAULT_CEILING = 64
MAX_PAUSE_S = 30.0  # the longest a Retry-After holds back every new request


@dataclass
class Slot:
    """One request's place under the limit; give it back with :meth:`AdaptiveLimiter.release`."""

    epoch: int  # how many decreases had happened when it was taken
    at_limit: bool  # whether it filled the limit (only then does a success show there is room)
    released: bool = False


class AdaptiveLimiter:
    """A thread-safe AIMD limit on requests in flight, shared by every thread of a run."""

    def __init__(self, ceiling: int = DEFAULT_CEILING, start: int = DEFAULT_START) -> None:
        if ceiling < 1 or start < 1:
            raise ValueError("the limiter's ceiling and start must be at least 1")
        self.ceiling = ceiling
        self._limit = min(start, ceiling)
        self._in_flight = 0
        self._peak = 0
        self._waiting = 0
        self._successes = 0
        self._epoch = 0
        self._slow_start = True
        self._paused_until = 0.0
        self._changed = threading.Condition()

    @property
    def limit(self) -> int:
        """The number of requests allowed in flight now."""
        return self._limit

    @property
    def peak(self) -> int:
        """The most requests that were in flight at once."""
        return self._peak

    def acquire(
        self, until: float | None = None, *, stop: Callable[[], bool] | None = None
    ) -> Slot | None:
        """Wait for a slot; return it, or None when ``until`` (a monotonic time) passes first
        or ``stop()`` becomes true (checked on :meth:`wake`, and at least every second)."""
        with self._changed:
            while True:
                if stop is not None and stop():
                    return None
                now = time.monotonic()
                if until is not None and now >= until:
                    return None
                if self._in_flight < self._limit and now >= self._paused_until:
                    self._in_flight += 1
                    self._peak = max(self._peak, self._in_flight)
                    return Slot(epoch=self._epoch, at_limit=self._in_flight >= self._limit)
                wake = [1.0] if stop is not None else []
                if self._paused_until > now:
                    wake.append(self._paused_until - now)
                if until is not None:
                    wake.append(until - now)
                self._waiting += 1
                try:
                    self._changed.wait(min(wake) if wake else None)
                finally:
                    self._waiting -= 1

    def wake(self) -> None:
        """Wake every waiting thread to look at its ``stop`` again (the run was aborted)."""
        with self._changed:
            self._changed.notify_all()

    def release(self, slot: Slot, outcome: Outcome, retry_after: float | None = None) -> None:
        """Give the slot back, learning from how its request ended."""
        with self._changed:
            if slot.released:
                return
            slot.released = True
            self._in_flight -= 1
            if outcome == "ok":
                self._grow(slot)
            elif outcome in ("overloaded", "timeout"):
                self._shrink(slot, retry_after if outcome == "overloaded" else None)
            self._changed.notify_all()

    def _grow(self, slot: Slot) -> None:
        if not (slot.at_limit or self._waiting) or self._limit >= self.ceiling:
            return
        self._successes += 1
        if self._slow_start or self._successes >= self._limit:
            self._limit += 1
            self._successes = 0

    def _shrink(self, slot: Slot, retry_after: float | None) -> None:
        if retry_after:
            pause = time.monotonic() + min(retry_after, MAX_PAUSE_S)
            self._paused_until = max(self._paused_until, pause)
        if slot.epoch != self._epoch:
            return  # sent before the last decrease: that overload is already answered
        self._epoch += 1
        self._slow_start = False
        self._successes = 0
        self._limit = max(1, self._limit // 2)
