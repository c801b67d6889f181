"""Webhook subscription request and response models."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StringConstraints, field_validator

from metafinops._contract import DESCRIPTION_MAX, EVENT_TYPES, EVENTS_MAX, EVENTS_MIN, SECRET_MAX, SECRET_MIN, EventType
from metafinops.server.schemas.common import (
    WHOLE_NUMBER,
    Integer,
    RequestModel,
    Text,
    Timestamp,
    reject_null,
    schema_not_null,
)

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

# https, or http to a loopback host in local mode (checked by the route, which knows the mode)
Url = Annotated[
    Text,
    StringConstraints(min_length=1, max_length=2048),
    Field(json_schema_extra={"pattern": "^https?://[^/?#]"}),
]
Events = Annotated[list[EventType], Field(min_length=EVENTS_MIN, max_length=EVENTS_MAX)]
Description = Annotated[Text, StringConstraints(max_length=DESCRIPTION_MAX)]
Secret = Annotated[Text, StringConstraints(min_length=SECRET_MIN, max_length=SECRET_MAX)]


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
    model_config = ConfigDict(json_schema_extra=schema_not_null("url", "events", "enabled"))


class RotateSecretRequest(RequestModel):
    """Body of ``POST /v1/webhooks/{id}/rotate-secret``."""

    secret: Secret | None = None
    overlap_seconds: Annotated[Integer, Field(ge=0, le=604_800), WHOLE_NUMBER] = 86_400


class WebhookPublic(BaseModel):
    """A webhook subscription as GET returns it (never with its secret)."""

    id: str
    url: Annotated[str, Field(json_schema_extra={"pattern": "^https?://"})]
    events: list[EventType]
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
    event: EventType
    status: Literal["pending", "succeeded", "failed"]
    attempts: int
    response_status: int | None
    last_error: str | None
    next_attempt_at: Timestamp | None
    created_at: Timestamp
    delivered_at: Timestamp | None
    attempt_log: list[DeliveryAttemptPublic]

    @field_validator("event", mode="before")
    @classmethod
    def _event_type(cls, value: object) -> object:
        """Built from a delivery row, whose ``event`` is the event itself: its type."""
        return getattr(value, "type", value)
