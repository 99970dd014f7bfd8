"""What a call cost: requests and tokens, counted from what the server reports, distrusted."""

from __future__ import annotations

import math
import threading
from typing import Any

from summarizer.models import Usage

MAX_TOKENS_REPORTED = 10_000_000  # more than any one request holds: beyond it, not a count


def token_count(value: Any) -> int:
    """A server's token count as a count: 0 (unknown) for anything but a whole number in range.

    Servers have sent strings, ``1e400`` (infinity once parsed), negative and fractional numbers.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0
    if not math.isfinite(value) or value < 0 or value > MAX_TOKENS_REPORTED:
        return 0
    return int(value)


class UsageMeter:
    """Thread-safe counter of requests and tokens for one logical call."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.usage = Usage()

    def record(self, completion: Any | None) -> None:
        """Count one request and, when the completion reports it, its tokens."""
        usage = getattr(completion, "usage", None)
        extra = Usage(
            requests=1,
            prompt_tokens=token_count(getattr(usage, "prompt_tokens", None)),
            completion_tokens=token_count(getattr(usage, "completion_tokens", None)),
        )
        with self._lock:
            self.usage = self.usage.add(extra)
