"""When to send a request again, and how long to wait first.

Pure arithmetic, shared by :class:`~metafinops.Client` and :class:`~metafinops.AsyncClient`:

- retried: HTTP 408, 429, 5xx, 409 whose code is ``idempotency_in_progress``, connection
  errors and timeouts; at most ``max_retries`` times (default :data:`DEFAULT_MAX_RETRIES`);
- the wait is the server's ``Retry-After`` (seconds or an HTTP date) capped at
  :data:`MAX_RETRY_AFTER`, else exponential backoff ``min(0.5 * 2**n, 8)`` seconds with up to
  25 % jitter taken off, ``n`` being the number of retries already taken.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Callable

__all__ = [
    "DEFAULT_MAX_RETRIES",
    "INITIAL_RETRY_DELAY",
    "MAX_RETRY_AFTER",
    "MAX_RETRY_DELAY",
    "RETRY_JITTER",
    "backoff_delay",
    "is_retryable_status",
    "parse_retry_after",
    "retry_delay",
]

DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY = 0.5  # seconds before the first retry
MAX_RETRY_DELAY = 8.0  # backoff never waits longer than this
RETRY_JITTER = 0.25  # a backoff wait is shortened by up to this fraction, at random
MAX_RETRY_AFTER = 60.0  # a server's Retry-After is honoured up to this many seconds

RETRYABLE_STATUS_CODES = frozenset({408, 429})
RETRYABLE_CONFLICT_CODE = "idempotency_in_progress"


def is_retryable_status(status_code: int, error_code: str | None) -> bool:
    """Whether an error answer is worth sending again (the same request, same idempotency key)."""
    if status_code == 409:
        return error_code == RETRYABLE_CONFLICT_CODE
    return status_code in RETRYABLE_STATUS_CODES or status_code >= 500


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP date; None if absent or bad."""
    if value is None or not value.strip():
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        seconds = when.timestamp() - (time.time() if now is None else now)
    if seconds != seconds:  # NaN
        return None
    return max(seconds, 0.0)


def backoff_delay(retries_taken: int, *, random_fraction: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter: ``min(0.5 * 2**n, 8)`` shortened by up to 25 %."""
    delay = min(INITIAL_RETRY_DELAY * 2.0**retries_taken, MAX_RETRY_DELAY)
    return delay * (1.0 - RETRY_JITTER * random_fraction())


def retry_delay(
    retries_taken: int,
    retry_after: str | None = None,
    *,
    now: float | None = None,
    random_fraction: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait before retry number ``retries_taken + 1``."""
    seconds = parse_retry_after(retry_after, now=now)
    if seconds is not None:
        return min(seconds, MAX_RETRY_AFTER)
    return backoff_delay(retries_taken, random_fraction=random_fraction)
