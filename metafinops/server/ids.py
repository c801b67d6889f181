"""Public ids: ``<prefix>_`` + a time-ordered, random-tailed token.

The first 11 characters encode microseconds since the epoch (strictly increasing within a
process), so sorting ids as strings sorts them by creation; the 10 random characters that
follow keep ids unguessable and unique across processes.
"""

from __future__ import annotations

import secrets
import threading
import time

__all__ = ["new_id"]

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, in ASCII order
_lock = threading.Lock()
_last_micros = 0


def _encode(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, digit = divmod(number, 32)
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def new_id(prefix: str) -> str:
    """Return a new id such as ``bud_01hx3k9v2mq7c4e8r5t0wz``."""
    global _last_micros
    with _lock:
        _last_micros = max(time.time_ns() // 1000, _last_micros + 1)
        micros = _last_micros
    random_part = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{prefix}_{_encode(micros, 11)}{random_part}"
