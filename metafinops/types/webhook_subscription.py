from __future__ import annotations

import datetime

import pydantic

from metafinops._contract import EventType as EventType
from metafinops._models import BaseModel

__all__ = ["EventType", "WebhookDelivery", "WebhookSubscription"]


class WebhookSubscription(BaseModel):
    """An endpoint that receives signed event deliveries (``whk_…``).

    ``secret`` is set only on the answers to ``create`` and ``rotate_secret``; it never
    appears in ``repr()`` or ``str()``.
    """

    id: str
    url: str
    events: list[str]
    description: str | None = None
    enabled: bool = True
    secret_version: int | None = None
    secret: str | None = pydantic.Field(default=None, repr=False)
    created_at: datetime.datetime
    updated_at: datetime.datetime | None = None


class WebhookDelivery(BaseModel):
    """One event sent (or being sent) to a subscription (``dlv_…``)."""

    id: str
    event_id: str
    event: str
    status: str
    attempts: int
    response_status: int | None = None
    last_error: str | None = None
    next_attempt_at: datetime.datetime | None = None
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None = None
