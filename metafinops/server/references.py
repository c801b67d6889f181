"""Keeping alert policies consistent when what they reference is deleted.

Deleting a webhook subscription or a budget that alert policies point at does not fail with
409: the id is removed from those policies (``webhook_subscription_ids``,
``conditions.budget_ids``) in the same transaction as the delete.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from metafinops.server.db.models import AlertPolicy

__all__ = ["detach_budget", "detach_webhook"]


def _policies_mentioning(session: Session, resource_id: str) -> Iterator[AlertPolicy]:
    # The JSON text contains the id wherever it is referenced; callers check exactly.
    text = cast(AlertPolicy.webhook_subscription_ids, String) + cast(AlertPolicy.conditions, String)
    yield from session.scalars(select(AlertPolicy).where(text.contains(resource_id)))


def detach_webhook(session: Session, webhook_id: str, now: datetime) -> None:
    """Remove ``webhook_id`` from every policy's ``webhook_subscription_ids``."""
    for policy in _policies_mentioning(session, webhook_id):
        if webhook_id in policy.webhook_subscription_ids:
            policy.webhook_subscription_ids = [i for i in policy.webhook_subscription_ids if i != webhook_id]
            policy.updated_at = now


def detach_budget(session: Session, budget_id: str, now: datetime) -> None:
    """Remove ``budget_id`` from every policy's ``conditions.budget_ids``."""
    for policy in _policies_mentioning(session, budget_id):
        budget_ids = policy.conditions.get("budget_ids") or []
        if budget_id in budget_ids:
            policy.conditions = {**policy.conditions, "budget_ids": [i for i in budget_ids if i != budget_id]}
            policy.updated_at = now
