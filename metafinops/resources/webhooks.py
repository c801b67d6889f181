from __future__ import annotations

from collections.abc import Iterable

from metafinops._operation import Operation, body, path_param, query
from metafinops._resource import APIResource, ClientT, endpoint, paginated
from metafinops._types import NOT_GIVEN, NotGiven
from metafinops.types.webhook_subscription import EventType, WebhookDelivery, WebhookSubscription

__all__ = ["Webhooks"]


def _webhook_path(webhook_id: str, suffix: str = "") -> str:
    return f"/webhooks/{path_param('webhook_id', webhook_id)}{suffix}"


class Webhooks(APIResource[ClientT]):
    """Webhook subscriptions (``whk_…``): endpoints that receive signed event deliveries.

    To check a delivery's signature, see :mod:`metafinops.webhooks`.
    """

    @endpoint
    def create(
        self,
        *,
        url: str,
        events: Iterable[EventType],
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        secret: str | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[WebhookSubscription]:
        """Subscribe ``url`` (https; http only to loopback) to ``events``.

        The answer alone carries the signing ``secret`` (yours, at least 24 characters, or a
        generated ``whsec_…``): store it now, the API never shows it again.
        """
        fields = body(url=url, events=events, description=description, enabled=enabled, secret=secret)
        return Operation("POST", "/webhooks", WebhookSubscription, json=fields, idempotency_key=idempotency_key)

    @endpoint
    def get(self, webhook_id: str) -> Operation[WebhookSubscription]:
        """The subscription with this id (without its secret)."""
        return Operation("GET", _webhook_path(webhook_id), WebhookSubscription)

    @paginated
    def list(self, *, limit: int | None = None, starting_after: str | None = None) -> Operation[WebhookSubscription]:
        """All subscriptions, oldest first; iterate the page to walk every one."""
        params = query(limit=limit, starting_after=starting_after)
        return Operation("GET", "/webhooks", WebhookSubscription, params=params)

    @endpoint
    def update(
        self,
        webhook_id: str,
        *,
        url: str | NotGiven = NOT_GIVEN,
        events: Iterable[EventType] | NotGiven = NOT_GIVEN,
        description: str | NotGiven | None = NOT_GIVEN,
        enabled: bool | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[WebhookSubscription]:
        """Change a subscription: fields left out stay as they are. To change the secret, :meth:`rotate_secret`."""
        fields = body(url=url, events=events, description=description, enabled=enabled)
        return Operation(
            "PATCH", _webhook_path(webhook_id), WebhookSubscription, json=fields, idempotency_key=idempotency_key
        )

    @endpoint
    def delete(self, webhook_id: str, *, idempotency_key: str | None = None) -> Operation[None]:
        """Delete a subscription; :class:`~metafinops.NotFoundError` if there is none."""
        return Operation("DELETE", _webhook_path(webhook_id), type(None), idempotency_key=idempotency_key)

    @endpoint
    def rotate_secret(
        self,
        webhook_id: str,
        *,
        secret: str | NotGiven = NOT_GIVEN,
        overlap_seconds: int | NotGiven = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[WebhookSubscription]:
        """Switch to a new signing secret (yours, or a generated one), returned as ``.secret``.

        For ``overlap_seconds`` (server default 86400) deliveries carry a second signature made
        with the old secret, so receivers can switch over without dropping events.
        """
        fields = body(secret=secret, overlap_seconds=overlap_seconds)
        path = _webhook_path(webhook_id, "/rotate-secret")
        return Operation("POST", path, WebhookSubscription, json=fields, idempotency_key=idempotency_key)

    @paginated
    def deliveries(
        self, webhook_id: str, *, limit: int | None = None, starting_after: str | None = None
    ) -> Operation[WebhookDelivery]:
        """This subscription's deliveries, oldest first, with their status and attempts."""
        params = query(limit=limit, starting_after=starting_after)
        return Operation("GET", _webhook_path(webhook_id, "/deliveries"), WebhookDelivery, params=params)
