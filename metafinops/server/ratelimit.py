"""Per-key fixed-window rate limiting, in memory (one server process)."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["RateLimitStatus", "RateLimiter"]


@dataclass(frozen=True)
class RateLimitStatus:
    """The outcome of counting one request against its key's window."""

    limit: int
    remaining: int
    reset_seconds: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        """The ``X-RateLimit-*`` headers every authenticated response carries."""
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_seconds),
        }


class RateLimiter:
    """Allows ``limits[plan]`` requests per key in each window of ``window_seconds``.

    A key's window opens with its first request; requests over the limit are refused and
    not counted. Thread-safe.
    """

    def __init__(
        self,
        limits: Mapping[str, int],
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limits = dict(limits)
        self._window = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[str, tuple[float, int]] = {}  # key id -> (window start, count)

    def hit(self, key_id: str, plan: str) -> RateLimitStatus:
        """Count one request by ``key_id`` and say whether it may proceed."""
        limit = self._limits[plan]
        now = self._clock()
        with self._lock:
            start, count = self._windows.get(key_id, (now, 0))
            if now - start >= self._window:
                start, count = now, 0
            allowed = count < limit
            if allowed:
                count += 1
            self._windows[key_id] = (start, count)
        reset = max(1, math.ceil(start + self._window - now))
        return RateLimitStatus(limit=limit, remaining=limit - count, reset_seconds=reset, allowed=allowed)
