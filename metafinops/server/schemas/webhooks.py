"""Webhook subscription request and response models."""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import BaseModel, Field, StrictBool, StringConstraints, field_validator

from metafinops.server.schemas.common import Integer, RequestModel, Text, Timestamp, reject_null

__all__ = [
    "EVENT_TYPES",
    "DeliveryAttemptPublic",
    "DeliveryPublic",
    "RotateSecretRequest",
    "WebhookCreate",
    "WebhookPublic",
    "WebhookUpdate",
    "WebhookWithSecret",
]

EventType = Literal["cost.anomaly.detected", "budget.threshold.reached", "gpu.idle.detected", "report.generated"]
EVENT_TYPES: tuple[str, ...] = get_args(EventType)
Url = Annotated[Text, StringConstraints(min_length=1, max_length=2048)]
Events = Annotated[list[EventType], Field(min_length=1, max_length=20)]
Description = Annotated[Text, StringConstraints(max_length=500)]
Secret = Annotated[Text, StringConstraints(min_length=24, max_length=256)]


class WebhookCreate(RequestModel):
    """Body of ``POST /v1/webhooks``; ``secret`` is generated when left out."""

    url: Url
    events: Events
    description: Description | None = None
    enabled: StrictBool = True
    secret: Secret | None = None


class WebhookUpdate(RequestModel):
    """Body of ``PATCH /v1/webhooks/{id}`` (the secret changes only by rotation)."""

    url: Url | None = None
    events: Events | None = None
    description: Description | None = None
    enabled: StrictBool | None = None

    _not_null = field_validator("url", "events", "enabled")(reject_null)


class RotateSecretRequest(RequestModel):
    """Body of ``POST /v1/webhooks/{id}/rotate-secret``."""

    secret: Secret | None = None
    overlap_seconds: Annotated[Integer, Field(ge=0, le=604_800)] = 86_400


class WebhookPublic(BaseModel):
    """A webhook subscription as GET returns it (never with its secret)."""

    id: str
    url: str
    events: list[str]
    description: str | None
    enabled: bool
    secret_version: int
    created_at: Timestamp
    updated_at: Timestamp


class WebhookWithSecret(WebhookPublic):
    """Create and rotate-secret responses: the only ones that carry the secret."""

    secret: str


class DeliveryAttemptPublic(BaseModel):
    """One POST of a delivery."""

    number: int
    started_at: Timestamp
    duration_ms: int
    response_status: int | None
    error: str | None


class DeliveryPublic(BaseModel):
    """One event delivery attempt series (``GET /v1/webhooks/{id}/deliveries``)."""

    id: str
    event_id: str
    event: str
    status: Literal["pending", "succeeded", "failed"]
    attempts: int
    response_status: int | None
    last_error: str | None
    next_attempt_at: Timestamp | None
    created_at: Timestamp
    delivered_at: Timestamp | None
    attempt_log: list[DeliveryAttemptPublic]
