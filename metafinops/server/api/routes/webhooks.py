"""``/v1/webhooks``: subscriptions, secret rotation and the delivery log."""

from __future__ import annotations

import ipaddress
import secrets
from datetime import timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Body, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from starlette.responses import JSONResponse

from metafinops._contract import is_loopback_host
from metafinops.server.api.deps import AppSettings, DbSession, PageParams, Write, page_params
from metafinops.server.api.errors import not_found, validation_failed
from metafinops.server.api.idempotency import WriteContext, register_refresher
from metafinops.server.api.pagination import paginate
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS, WRITE_ERRORS, apply_changes
from metafinops.server.db.models import Delivery, WebhookSecret, WebhookSubscription
from metafinops.server.events.destinations import address_allowed
from metafinops.server.ids import new_id
from metafinops.server.references import detach_webhook
from metafinops.server.schemas.envelope import Deleted, Envelope, ListEnvelope
from metafinops.server.schemas.webhooks import (
    DeliveryPublic,
    RotateSecretRequest,
    WebhookCreate,
    WebhookPublic,
    WebhookUpdate,
    WebhookWithSecret,
)
from metafinops.server.timeutil import utcnow

router = APIRouter(prefix="/webhooks", tags=["webhooks"])

SECRET_PREFIX = "whsec_"


def generate_secret() -> str:
    """``whsec_`` + 32 random bytes, url-safe base64."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def url_problem(url: str, *, local_mode: bool) -> str | None:
    """Why ``url`` cannot receive deliveries, or None when it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "is not a valid URL"
    if parts.scheme not in ("https", "http") or not parts.hostname or any(c.isspace() for c in url):
        return "must be an absolute https:// URL"
    if parts.scheme == "http" and not (local_mode and is_loopback_host(parts.hostname)):
        if local_mode:
            return "must use https (http is allowed only to loopback hosts: 127.0.0.0/8, ::1, localhost)"
        return "must use https"
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return None  # a name: checked against what it resolves to before every delivery
    if not address_allowed(literal, local_mode=True):
        return "must not point at a private, link-local, reserved or multicast address"
    return None


def _checked_url(url: str, local_mode: bool) -> str:
    problem = url_problem(url, local_mode=local_mode)
    if problem is not None:
        raise validation_failed([{"field": "url", "message": problem}])
    return url


def _public(webhook: WebhookSubscription) -> WebhookPublic:
    return WebhookPublic.model_validate(webhook, from_attributes=True)


def _with_secret(webhook: WebhookSubscription, secret: str) -> WebhookWithSecret:
    return WebhookWithSecret(**_public(webhook).model_dump(), secret=secret)


def _replay_with_current_secret(session: Session, stored: Any) -> Any:
    """A replayed create or rotation: the subscription as it is now, with its newest secret.

    The stored response has no secret; a retry must still get one it can verify with, and after
    a later rotation that is the newest one (with the ``secret_version`` that goes with it).
    """
    webhook = session.get(WebhookSubscription, stored["id"], options=[selectinload(WebhookSubscription.secrets)])
    if webhook is None or not webhook.secrets:
        return stored  # deleted since: nothing left to sign with
    newest = max(webhook.secrets, key=lambda s: s.version)
    return _with_secret(webhook, newest.secret)


register_refresher("webhook_secret", _replay_with_current_secret)


def _commit_with_secret(write: WriteContext, webhook: WebhookSubscription, secret: str, status: int) -> JSONResponse:
    return write.commit(_with_secret(webhook, secret), status, stored=_public(webhook), refresh="webhook_secret")


def _get(session: Session, webhook_id: str) -> WebhookSubscription:
    webhook = session.get(WebhookSubscription, webhook_id, options=[selectinload(WebhookSubscription.secrets)])
    if webhook is None:
        raise not_found("webhook subscription", webhook_id)
    return webhook


@router.post("", status_code=201, response_model=Envelope[WebhookWithSecret], responses=WRITE_ERRORS)
def create_webhook(body: WebhookCreate, session: DbSession, settings: AppSettings, write: Write) -> JSONResponse:
    """Subscribe a URL to events. The response is the only one that shows the secret."""
    now = utcnow()
    secret = body.secret or generate_secret()
    webhook = WebhookSubscription(
        **body.model_dump(exclude={"url", "events", "secret"}),
        id=new_id("whk"),
        url=_checked_url(body.url, settings.local_mode),
        events=list(dict.fromkeys(body.events)),
        created_at=now,
        updated_at=now,
        secrets=[WebhookSecret(version=1, secret=secret, created_at=now)],
    )
    session.add(webhook)
    return _commit_with_secret(write, webhook, secret, 201)


@router.get("", response_model=ListEnvelope[WebhookPublic], responses=READ_ERRORS)
def list_webhooks(session: DbSession, page: Annotated[PageParams, Depends(page_params("whk"))]) -> JSONResponse:
    """List webhook subscriptions in creation order (without secrets)."""
    statement = select(WebhookSubscription).options(selectinload(WebhookSubscription.secrets))
    rows, pagination = paginate(session, statement, WebhookSubscription.id, page, "whk")
    return success_response([_public(row) for row in rows], pagination=pagination)


@router.get("/{webhook_id}", response_model=Envelope[WebhookPublic], responses=READ_ERRORS)
def get_webhook(webhook_id: str, session: DbSession) -> JSONResponse:
    """Fetch one webhook subscription (without its secret)."""
    return success_response(_public(_get(session, webhook_id)))


@router.patch("/{webhook_id}", response_model=Envelope[WebhookPublic], responses=WRITE_ERRORS)
def update_webhook(
    webhook_id: str, body: WebhookUpdate, session: DbSession, settings: AppSettings, write: Write
) -> JSONResponse:
    """Change url, events, description or enabled; the secret changes only by rotation."""
    webhook = _get(session, webhook_id)
    changes = body.model_dump(exclude_unset=True)
    if "url" in changes:
        changes["url"] = _checked_url(changes["url"], settings.local_mode)
    if "events" in changes:
        changes["events"] = list(dict.fromkeys(changes["events"]))
    apply_changes(webhook, {**changes, "updated_at": utcnow()})
    return write.commit(_public(webhook))


@router.delete("/{webhook_id}", response_model=Envelope[Deleted], responses=WRITE_ERRORS)
def delete_webhook(webhook_id: str, session: DbSession, write: Write) -> JSONResponse:
    """Delete a subscription; alert policies that routed to it stop doing so."""
    webhook = _get(session, webhook_id)
    detach_webhook(session, webhook.id, utcnow())
    session.delete(webhook)
    return write.commit(Deleted(id=webhook_id, deleted=True))


@router.post("/{webhook_id}/rotate-secret", response_model=Envelope[WebhookWithSecret], responses=WRITE_ERRORS)
def rotate_webhook_secret(
    webhook_id: str,
    session: DbSession,
    write: Write,
    body: Annotated[RotateSecretRequest | None, Body()] = None,
) -> JSONResponse:
    """Start signing with a new secret; older ones also sign until ``overlap_seconds`` pass."""
    request = body or RotateSecretRequest()
    webhook = _get(session, webhook_id)
    now = utcnow()
    overlap_end = now + timedelta(seconds=request.overlap_seconds)
    for old in list(webhook.secrets):
        if old.expires_at is not None and old.expires_at <= now:
            webhook.secrets.remove(old)  # long expired: forget it
        elif old.expires_at is None or old.expires_at > overlap_end:
            old.expires_at = overlap_end
    version = max((s.version for s in webhook.secrets), default=0) + 1
    secret = request.secret or generate_secret()
    webhook.secrets.append(WebhookSecret(version=version, secret=secret, created_at=now))
    webhook.updated_at = now
    return _commit_with_secret(write, webhook, secret, 200)


@router.get("/{webhook_id}/deliveries", response_model=ListEnvelope[DeliveryPublic], responses=READ_ERRORS)
def list_webhook_deliveries(
    webhook_id: str, session: DbSession, page: Annotated[PageParams, Depends(page_params("dlv"))]
) -> JSONResponse:
    """The delivery log of a subscription: one item per event, with each attempt."""
    _get(session, webhook_id)
    statement = (
        select(Delivery)
        .where(Delivery.webhook_id == webhook_id)
        .options(selectinload(Delivery.event), selectinload(Delivery.attempt_log))
    )
    rows, pagination = paginate(session, statement, Delivery.id, page, "dlv")
    return success_response([_delivery_public(row) for row in rows], pagination=pagination)


def _delivery_public(row: Delivery) -> DeliveryPublic:
    return DeliveryPublic.model_validate(row, from_attributes=True)
