"""``/v1/alert-policies``: CRUD of detection-and-routing rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse

from metafinops.server.api.deps import DbSession, PageParams, Write, page_params
from metafinops.server.api.errors import FieldError, not_found, validation_failed
from metafinops.server.api.pagination import paginate
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS, WRITE_ERRORS, apply_changes
from metafinops.server.db.models import AlertPolicy, Budget, WebhookSubscription
from metafinops.server.ids import new_id
from metafinops.server.schemas.alert_policies import (
    CONDITIONS_BY_TYPE,
    AlertConditions,
    AlertPolicyCreate,
    AlertPolicyPublic,
    AlertPolicyUpdate,
)
from metafinops.server.schemas.envelope import Deleted, Envelope, ListEnvelope
from metafinops.server.timeutil import utcnow

router = APIRouter(prefix="/alert-policies", tags=["alert policies"])


def _missing_ids(
    session: Session, model: type[Budget] | type[WebhookSubscription], ids: Sequence[str], field: str
) -> list[FieldError]:
    found = set(session.scalars(select(model.id).where(model.id.in_(ids)))) if ids else set()
    kind = "budget" if model is Budget else "webhook subscription"
    return [
        {"field": f"{field}.{index}", "message": f"no {kind} with id {value!r}"}
        for index, value in enumerate(ids)
        if value not in found
    ]


def _stored_conditions(session: Session, policy_type: str, conditions: AlertConditions | None) -> dict[str, Any]:
    values = conditions.model_dump(exclude_none=True) if conditions is not None else {}
    allowed = CONDITIONS_BY_TYPE[policy_type]
    errors: list[FieldError] = [
        {
            "field": f"conditions.{name}",
            "message": f"does not apply to {policy_type} policies (they take: {', '.join(sorted(allowed))})",
        }
        for name in values
        if name not in allowed
    ]
    for name in ("services", "accounts", "budget_ids"):
        if name in values:
            values[name] = list(dict.fromkeys(values[name]))
    if not errors and "budget_ids" in values:
        errors = _missing_ids(session, Budget, values["budget_ids"], "conditions.budget_ids")
    if errors:
        raise validation_failed(errors)
    return values


def _stored_webhook_ids(session: Session, ids: list[str] | None) -> list[str]:
    unique = list(dict.fromkeys(ids or []))
    errors = _missing_ids(session, WebhookSubscription, unique, "webhook_subscription_ids")
    if errors:
        raise validation_failed(errors)
    return unique


def _public(policy: AlertPolicy) -> AlertPolicyPublic:
    return AlertPolicyPublic.model_validate(policy, from_attributes=True)


def _get(session: Session, policy_id: str) -> AlertPolicy:
    policy = session.get(AlertPolicy, policy_id)
    if policy is None:
        raise not_found("alert policy", policy_id)
    return policy


@router.post("", status_code=201, response_model=Envelope[AlertPolicyPublic], responses=WRITE_ERRORS)
def create_alert_policy(body: AlertPolicyCreate, session: DbSession, write: Write) -> JSONResponse:
    """Create an alert policy; conditions must fit its type, referenced ids must exist."""
    now = utcnow()
    policy = AlertPolicy(
        **body.model_dump(exclude={"conditions", "webhook_subscription_ids", "emails"}),
        id=new_id("apol"),
        conditions=_stored_conditions(session, body.type, body.conditions),
        webhook_subscription_ids=_stored_webhook_ids(session, body.webhook_subscription_ids),
        emails=list(dict.fromkeys(body.emails or [])),
        created_at=now,
        updated_at=now,
    )
    session.add(policy)
    return write.commit(_public(policy), 201)


@router.get("", response_model=ListEnvelope[AlertPolicyPublic], responses=READ_ERRORS)
def list_alert_policies(session: DbSession, page: Annotated[PageParams, Depends(page_params("apol"))]) -> JSONResponse:
    """List alert policies in creation order."""
    rows, pagination = paginate(session, select(AlertPolicy), AlertPolicy.id, page, "apol")
    return success_response([_public(row) for row in rows], pagination=pagination)


@router.get("/{policy_id}", response_model=Envelope[AlertPolicyPublic], responses=READ_ERRORS)
def get_alert_policy(policy_id: str, session: DbSession) -> JSONResponse:
    """Fetch one alert policy."""
    return success_response(_public(_get(session, policy_id)))


@router.patch("/{policy_id}", response_model=Envelope[AlertPolicyPublic], responses=WRITE_ERRORS)
def update_alert_policy(policy_id: str, body: AlertPolicyUpdate, session: DbSession, write: Write) -> JSONResponse:
    """Change an alert policy: a present field replaces its value; ``type`` cannot change."""
    policy = _get(session, policy_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.pop("type", policy.type) != policy.type:
        raise validation_failed(
            [{"field": "type", "message": "type cannot be changed; create a new alert policy instead"}]
        )
    if "conditions" in changes:
        changes["conditions"] = _stored_conditions(session, policy.type, body.conditions)
    if "webhook_subscription_ids" in changes:
        changes["webhook_subscription_ids"] = _stored_webhook_ids(session, body.webhook_subscription_ids)
    if "emails" in changes:
        changes["emails"] = list(dict.fromkeys(body.emails or []))
    apply_changes(policy, {**changes, "updated_at": utcnow()})
    return write.commit(_public(policy))


@router.delete("/{policy_id}", response_model=Envelope[Deleted], responses=WRITE_ERRORS)
def delete_alert_policy(policy_id: str, session: DbSession, write: Write) -> JSONResponse:
    """Delete an alert policy."""
    session.delete(_get(session, policy_id))
    return write.commit(Deleted(id=policy_id, deleted=True))
