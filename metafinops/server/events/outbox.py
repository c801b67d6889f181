"""Recording events and the deliveries they owe, in the caller's transaction.

An event is written once — its ``dedupe_key`` is unique, so a second evaluation that sees the
same budget crossing or anomaly adds nothing — together with one pending delivery per
recipient subscription. The delivery worker sends them after the transaction commits; a crash
before then leaves nothing half-done, a crash after leaves pending deliveries to send.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from metafinops._contract import EVENT_TYPES
from metafinops.server.db.models import Delivery, Event
from metafinops.server.ids import new_id
from metafinops.server.timeutil import format_timestamp

__all__ = ["EVENT_TYPES", "emit_event", "event_payload"]


def event_payload(event_type: str, data: dict[str, Any], moment: datetime) -> str:
    """The delivery body: ``{"event", "timestamp", "data"}`` in that order, as on the seed page."""
    return json.dumps(
        {"event": event_type, "timestamp": format_timestamp(moment), "data": data},
        separators=(",", ":"),
        ensure_ascii=False,
    )


def emit_event(
    session: Session,
    *,
    event_type: str,
    data: dict[str, Any],
    dedupe_key: str,
    recipients: Iterable[str],
    now: datetime,
    policy_id: str | None = None,
    subject: str | None = None,
) -> Event | None:
    """Record an event and a pending delivery to each recipient; None if it was recorded before."""
    if event_type not in EVENT_TYPES:
        raise ValueError(f"unknown event type {event_type!r}")
    if session.scalar(select(Event.id).where(Event.dedupe_key == dedupe_key)) is not None:
        return None
    event = Event(
        id=new_id("evt"),
        type=event_type,
        dedupe_key=dedupe_key,
        policy_id=policy_id,
        subject=subject,
        payload=event_payload(event_type, data, now),
        created_at=now,
    )
    try:
        with session.begin_nested():
            session.add(event)
            session.flush()
    except IntegrityError:  # another process recorded it a moment ago
        return None
    for webhook_id in dict.fromkeys(recipients):
        session.add(
            Delivery(
                id=new_id("dlv"),
                event_id=event.id,
                webhook_id=webhook_id,
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    session.flush()
    return event
