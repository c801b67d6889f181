"""Check that a webhook delivery comes from MetaFinOps.

Each delivery is a POST whose ``X-MetaFinOps-Signature`` header is the lowercase hex
HMAC-SHA256 of the raw request body under the subscription's secret. Verify the raw bytes,
before parsing the JSON::

    from metafinops import webhooks

    webhooks.verify(
        request.body,                                     # bytes, exactly as received
        request.headers[webhooks.SIGNATURE_HEADER],
        secret,                                           # "whsec_…"
        timestamp=request.headers.get(webhooks.TIMESTAMP_HEADER),
    )
    event = json.loads(request.body)

While a secret is being rotated the header holds two signatures, comma separated (new and
old secret); :func:`verify` accepts the delivery if any of them matches. The timestamp header
(unix seconds) lets you refuse replays of old deliveries; ``X-MetaFinOps-Event-Id`` lets you
drop a delivery you already handled.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time

from metafinops._exceptions import WebhookVerificationError

__all__ = [
    "DEFAULT_TOLERANCE",
    "EVENT_ID_HEADER",
    "SIGNATURE_HEADER",
    "TIMESTAMP_HEADER",
    "sign",
    "verify",
]

SIGNATURE_HEADER = "X-MetaFinOps-Signature"
TIMESTAMP_HEADER = "X-MetaFinOps-Timestamp"
EVENT_ID_HEADER = "X-MetaFinOps-Event-Id"
DEFAULT_TOLERANCE = 300  # seconds a delivery's timestamp may differ from our clock

_SEPARATORS = re.compile(r"[,\s]+")


def sign(body: bytes | str, secret: str) -> str:
    """The signature of ``body`` under ``secret``: lowercase hex HMAC-SHA256 of the raw bytes."""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return hmac.new(secret.encode("utf-8"), raw, hashlib.sha256).hexdigest()


def verify(
    body: bytes | str,
    signature: str | None,
    secret: str,
    *,
    timestamp: str | int | None = None,
    tolerance: int = DEFAULT_TOLERANCE,
) -> None:
    """Raise :class:`~metafinops.WebhookVerificationError` unless ``body`` was signed with ``secret``.

    - ``signature``: the ``X-MetaFinOps-Signature`` header; several signatures separated by commas
      or spaces are accepted if any one matches.
    - ``timestamp``: the ``X-MetaFinOps-Timestamp`` header (unix seconds); when given, a delivery
      more than ``tolerance`` seconds before or after now is refused.

    Comparisons are constant-time. Neither the secret nor the expected signature appears in the error.
    """
    if not secret:
        raise WebhookVerificationError("No webhook secret given to verify the signature with.")
    if timestamp is not None:
        _check_timestamp(timestamp, tolerance)
    candidates = [s for s in _SEPARATORS.split(signature or "") if s]
    if not candidates:
        raise WebhookVerificationError(
            f"The delivery has no signature (header {SIGNATURE_HEADER} is missing or empty)."
        )
    expected = sign(body, secret).encode("ascii")
    # compare with every candidate, without stopping early: the time taken says nothing
    matches = [hmac.compare_digest(expected, candidate.lower().encode("utf-8")) for candidate in candidates]
    if not any(matches):
        raise WebhookVerificationError(
            "The webhook signature does not match: check the secret, and that the body is the raw "
            "request bytes, not re-serialized JSON."
        )


def _check_timestamp(timestamp: str | int, tolerance: int) -> None:
    try:
        sent_at = int(timestamp)
    except (TypeError, ValueError):
        raise WebhookVerificationError(
            f"The delivery's {TIMESTAMP_HEADER} is not unix seconds: {str(timestamp)[:40]!r}"
        ) from None
    skew = time.time() - sent_at
    if abs(skew) > tolerance:
        when = "old" if skew > 0 else "in the future"
        raise WebhookVerificationError(
            f"The delivery's timestamp is {abs(skew):.0f} s {when} (tolerance {tolerance} s): "
            "a replayed delivery, or a wrong clock."
        )
