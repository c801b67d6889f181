"""Signing a delivery: the headers a receiver checks.

``X-MetaFinOps-Signature`` is the lowercase hex HMAC-SHA256 of the raw request body under the
subscription's secret — exactly the seed's verification tip. While a rotated-out secret is
still inside its overlap window, the header carries both signatures, newest secret first,
separated by a comma. ``X-MetaFinOps-Event-Id`` (the same on every retry) and
``X-MetaFinOps-Timestamp`` (unix seconds of this attempt) let a receiver drop duplicates and
refuse old replays.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Protocol

__all__ = [
    "DELIVERY_ID_HEADER",
    "EVENT_ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "USER_AGENT",
    "delivery_headers",
    "signature",
    "signing_secrets",
]

SIGNATURE_HEADER = "X-MetaFinOps-Signature"
EVENT_ID_HEADER = "X-MetaFinOps-Event-Id"
TIMESTAMP_HEADER = "X-MetaFinOps-Timestamp"
DELIVERY_ID_HEADER = "X-MetaFinOps-Delivery-Id"
USER_AGENT = "MetaFinOps-Webhooks/1"


class SecretVersion(Protocol):
    """What signing needs of a stored secret (a ``webhook_secrets`` row)."""

    @property
    def version(self) -> int: ...
    @property
    def secret(self) -> str: ...
    @property
    def expires_at(self) -> datetime | None: ...


def signature(body: bytes, secret: str) -> str:
    """Lowercase hex HMAC-SHA256 of ``body`` under ``secret``."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def signing_secrets(secrets: Iterable[SecretVersion], now: datetime) -> list[str]:
    """The secrets that sign at ``now`` (naive UTC): the current one and those still overlapping, newest first."""
    live = [s for s in secrets if s.expires_at is None or s.expires_at > now]
    return [s.secret for s in sorted(live, key=lambda s: s.version, reverse=True)]


def delivery_headers(
    body: bytes, secrets: list[str], *, event_id: str, delivery_id: str, now: datetime
) -> dict[str, str]:
    """The headers of one delivery attempt of ``body``."""
    sent_at = int(now.replace(tzinfo=UTC).timestamp())
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: ",".join(signature(body, secret) for secret in secrets),
        EVENT_ID_HEADER: event_id,
        TIMESTAMP_HEADER: str(sent_at),
        DELIVERY_ID_HEADER: delivery_id,
    }
