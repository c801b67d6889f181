"""API keys: ``mfo_`` + 43 url-safe random characters, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from metafinops.server.db.models import ApiKey
from metafinops.server.ids import new_id
from metafinops.server.settings import PLANS
from metafinops.server.timeutil import utcnow

__all__ = [
    "KEY_PREFIX",
    "ApiKeyInfo",
    "create_api_key",
    "find_active_key",
    "hash_key",
    "list_api_keys",
    "record_key_use",
    "revoke_api_key",
]

KEY_PREFIX = "mfo_"
_SHOWN_PREFIX_LENGTH = 12  # "mfo_" + 8 characters: enough to tell keys apart in a list
LAST_USED_RESOLUTION = timedelta(minutes=1)
"""``last_used_at`` is written at most this often per key: a busy key costs one write a minute,
not one per request."""


@dataclass(frozen=True)
class ApiKeyInfo:
    """The authenticated caller."""

    id: str
    name: str
    plan: str
    last_used_at: datetime | None = None


def hash_key(key: str) -> str:
    """The stored form of a key."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(session: Session, *, name: str, plan: str) -> tuple[ApiKey, str]:
    """Add a new key (caller commits); returns the row and the key, which is shown only now."""
    if plan not in PLANS:
        raise ValueError(f"plan must be one of {', '.join(PLANS)}")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey(
        id=new_id("key"),
        name=name,
        plan=plan,
        key_hash=hash_key(key),
        prefix=key[:_SHOWN_PREFIX_LENGTH],
        created_at=utcnow(),
    )
    session.add(row)
    return row, key


def find_active_key(session: Session, key: str) -> ApiKeyInfo | None:
    """The caller owning ``key``, or None when it is unknown or revoked."""
    if not key.startswith(KEY_PREFIX):
        return None
    row = session.scalar(select(ApiKey).where(ApiKey.key_hash == hash_key(key)))
    if row is None or row.revoked_at is not None:
        return None
    return ApiKeyInfo(id=row.id, name=row.name, plan=row.plan, last_used_at=row.last_used_at)


def record_key_use(session: Session, caller: ApiKeyInfo) -> None:
    """Note that ``caller`` was just used (committing at once), unless that was noted a moment ago."""
    now = utcnow()
    if caller.last_used_at is not None and now - caller.last_used_at < LAST_USED_RESOLUTION:
        return
    try:
        session.execute(update(ApiKey).where(ApiKey.id == caller.id).values(last_used_at=now))
        session.commit()
    except OperationalError:  # a busy database: "last used" is not worth failing the request for
        session.rollback()


def list_api_keys(session: Session) -> list[ApiKey]:
    """All keys, oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_api_key(session: Session, id_or_prefix: str) -> ApiKey | None:
    """Revoke the key with this id or shown prefix (caller commits); None when not found."""
    rows = list(session.scalars(select(ApiKey).where(or_(ApiKey.id == id_or_prefix, ApiKey.prefix == id_or_prefix))))
    if len(rows) != 1:
        return None
    if rows[0].revoked_at is None:
        rows[0].revoked_at = utcnow()
    return rows[0]
