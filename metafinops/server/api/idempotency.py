"""``Idempotency-Key`` on writes: replay, reuse detection, in-flight detection.

A write route receives a :class:`WriteContext` and finishes with ``write.commit(data, status)``,
which adds the idempotency record to the route's own session and commits both in one
transaction: a crash leaves either the write and its record, or neither.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse

from metafinops.server.api.errors import ApiError
from metafinops.server.api.responses import jsonable, success_response
from metafinops.server.db.models import IdempotencyRecord
from metafinops.server.timeutil import utcnow

__all__ = [
    "IdempotencyGuard",
    "IdempotentReplay",
    "WriteContext",
    "fingerprint",
    "purge_expired",
    "register_refresher",
]

REPLAYED_HEADER = "Idempotent-Replayed"

# A response that carried a secret is stored without it; its replay is rebuilt by a refresher
# (stored data -> response data), registered by name by the routes that need one.
Refresher = Callable[[Session, Any], Any]
_REFRESHERS: dict[str, Refresher] = {}


def register_refresher(name: str, refresher: Refresher) -> None:
    """Let ``write.commit(..., refresh=name)`` rebuild its replays with ``refresher``."""
    _REFRESHERS[name] = refresher


class IdempotencyGuard:
    """Process-wide idempotency bookkeeping: keys in flight and the purge schedule."""

    def __init__(self, ttl: timedelta, purge_interval_seconds: float = 600.0) -> None:
        self.ttl = ttl
        self._purge_interval = purge_interval_seconds
        self._lock = threading.Lock()
        self._in_flight: set[tuple[str, str]] = set()
        self._next_purge = 0.0

    def acquire(self, api_key_id: str, key: str) -> bool:
        """Mark a key in flight; False when a request with it is running already."""
        with self._lock:
            if (api_key_id, key) in self._in_flight:
                return False
            self._in_flight.add((api_key_id, key))
            return True

    def release(self, api_key_id: str, key: str) -> None:
        """The request holding the key has finished."""
        with self._lock:
            self._in_flight.discard((api_key_id, key))

    def purge_due(self) -> bool:
        """True at most once per purge interval."""
        now = time.monotonic()
        with self._lock:
            if now < self._next_purge:
                return False
            self._next_purge = now + self._purge_interval
            return True


class IdempotentReplay(Exception):
    """Raised before a repeated write runs: answer with the stored response instead."""

    def __init__(self, status_code: int, data: Any) -> None:
        super().__init__("idempotent replay")
        self.status_code = status_code
        self.data = data

    def response(self) -> JSONResponse:
        """The first response again, marked as a replay."""
        return success_response(self.data, self.status_code, headers={REPLAYED_HEADER: "true"})


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What must match for a key to replay: method, path and the JSON body (key order aside)."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    return hashlib.sha256(f"{method} {path}\n".encode() + canonical).hexdigest()


def purge_expired(session: Session, ttl: timedelta) -> int:
    """Delete records older than ``ttl`` and commit; returns how many went."""
    result = session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < utcnow() - ttl))
    session.commit()
    return int(getattr(result, "rowcount", 0) or 0)


def find_record(session: Session, api_key_id: str, key: str) -> IdempotencyRecord | None:
    """The stored record for this caller's key, if any."""
    return session.scalar(
        select(IdempotencyRecord).where(IdempotencyRecord.api_key_id == api_key_id, IdempotencyRecord.key == key)
    )


def check_record(session: Session, record: IdempotencyRecord, request_fingerprint: str) -> IdempotentReplay:
    """The replay for a matching record; 422 ``idempotency_key_reused`` otherwise."""
    if record.fingerprint != request_fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            f"This Idempotency-Key was already used for a different request ({record.method} {record.path} "
            "or another body). Use a new key for a new request.",
            details=[{"field": "Idempotency-Key", "message": "already used with a different request"}],
        )
    data = json.loads(record.response_data)
    if record.refresh is not None:
        data = jsonable(_REFRESHERS[record.refresh](session, data))
    return IdempotentReplay(record.status_code, data)


def in_progress_error() -> ApiError:
    """409 ``idempotency_in_progress``: retry once the first request has finished."""
    return ApiError(
        409,
        "idempotency_in_progress",
        "A request with this Idempotency-Key is still in progress; retry shortly.",
        headers={"Retry-After": "1"},
    )


@dataclass
class WriteContext:
    """The write being served and the idempotency key (if any) that guards it."""

    session: Session
    api_key_id: str
    key: str | None
    fingerprint: str
    method: str
    path: str

    def commit(
        self, data: Any, status_code: int = 200, *, stored: Any = None, refresh: str | None = None
    ) -> JSONResponse:
        """Commit the route's changes together with the idempotency record; the response.

        A response with a secret passes ``stored`` (the same data without it) and ``refresh``
        (the refresher that rebuilds the replay): secrets never enter the idempotency table.
        """
        payload = jsonable(data)
        if self.key is not None:
            self.session.add(
                IdempotencyRecord(
                    api_key_id=self.api_key_id,
                    key=self.key,
                    fingerprint=self.fingerprint,
                    method=self.method,
                    path=self.path,
                    status_code=status_code,
                    response_data=json.dumps(payload if stored is None else jsonable(stored), separators=(",", ":")),
                    refresh=refresh,
                    created_at=utcnow(),
                )
            )
        try:
            self.session.commit()
        except IntegrityError:
            self.session.rollback()
            if self.key is None:
                raise
            # Another process committed the same key first: replay it, or report it running.
            record = find_record(self.session, self.api_key_id, self.key)
            if record is None:
                raise in_progress_error() from None
            return check_record(self.session, record, self.fingerprint).response()
        return success_response(payload, status_code)
