"""Per-key fixed-window rate limiting, counted in the database.

The counters live in the ``rate_limit_windows`` table rather than in process memory, so every
server process on one database gives a key its plan's limit once (not once per process), and a
restart does not hand out a fresh window. Each request is one atomic upsert
(``INSERT … ON CONFLICT DO UPDATE SET requests = requests + 1 WHERE requests < limit
RETURNING requests``), which PostgreSQL and SQLite both run without a race: no row comes back
when the window is full, and a refused request is not counted.

Why not Redis: the database is already shared by every instance and already required; one
small upsert per request costs far less than the request itself, and a second service to run
would be a second thing to secure and keep alive for a local/self-hosted server.

Windows are aligned on the Unix epoch (``floor(time / window)``), so all processes agree on
where a window starts without talking to each other.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Table, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from metafinops.server.db.models import RateLimitWindow

__all__ = ["RateLimitStatus", "RateLimiter"]

PURGE_INTERVAL_SECONDS = 300.0


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


def _table() -> Table:
    table = RateLimitWindow.__table__
    assert isinstance(table, Table)
    return table


class RateLimiter:
    """Allows ``limits[plan]`` requests per key in each window of ``window_seconds``."""

    def __init__(
        self,
        limits: Mapping[str, int],
        window_seconds: float,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._limits = dict(limits)
        self._window = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._next_purge = 0.0

    def hit(self, session: Session, key_id: str, plan: str) -> RateLimitStatus:
        """Count one request by ``key_id`` in ``session``'s transaction (the caller commits)."""
        limit = self._limits[plan]
        now = self._clock()
        window = math.floor(now / self._window)
        table = _table()
        upsert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        insert = upsert(table).values(api_key_id=key_id, window_index=window, requests=1)
        statement = insert.on_conflict_do_update(
            index_elements=["api_key_id", "window_index"],
            set_={"requests": table.c.requests + 1},
            where=table.c.requests < limit,
        ).returning(table.c.requests)
        count = session.execute(statement).scalar_one_or_none()
        if self._purge_due(now):
            session.execute(delete(table).where(table.c.window_index < window - 1))
        reset = max(1, math.ceil((window + 1) * self._window - now))
        if count is None:
            return RateLimitStatus(limit=limit, remaining=0, reset_seconds=reset, allowed=False)
        return RateLimitStatus(limit=limit, remaining=max(0, limit - count), reset_seconds=reset, allowed=True)

    def _purge_due(self, now: float) -> bool:
        with self._lock:
            if now < self._next_purge:
                return False
            self._next_purge = now + PURGE_INTERVAL_SECONDS
            return True
