"""Who hears about an event: webhook subscriptions, narrowed by alert policies.

- A subscription receives every event of the types it lists …
- … unless an enabled alert policy of the matching kind routes to it: then it receives what
  those policies let through (their conditions and cooldown) and nothing else of that type.
  Kinds: ``cost_anomaly`` and ``token_spend`` → ``cost.anomaly.detected``; ``gpu_idle`` →
  ``gpu.idle.detected``; ``budget`` → ``budget.threshold.reached``. ``report.generated``
  goes to every subscription that lists it.
- Each policy that lets a detection through emits its own event (``data.alert_policy_id``
  says which), delivered to its subscriptions that list the event type.
- Cooldown: a policy notifies about one subject (a service in an account, a GPU instance, a
  budget, token spend) at most once per ``cooldown_minutes``. A detection held back is sent
  when the cooldown ends if it is still recent.
- Disabled subscriptions and policies take no part. E-mail addresses of policies are kept but
  no mail is sent by the local server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from metafinops.server.db.models import AlertPolicy, Event, WebhookSubscription

__all__ = ["POLICY_KINDS", "Routing", "in_cooldown", "load_routing"]

POLICY_KINDS: dict[str, tuple[str, ...]] = {
    "cost.anomaly.detected": ("cost_anomaly", "token_spend"),
    "gpu.idle.detected": ("gpu_idle",),
    "budget.threshold.reached": ("budget",),
    "report.generated": (),
}


@dataclass(frozen=True)
class Routing:
    """Enabled subscriptions and policies, loaded once per evaluation."""

    subscriptions: tuple[WebhookSubscription, ...]
    policies: tuple[AlertPolicy, ...]

    def subscribers(self, event_type: str) -> list[str]:
        """Ids of enabled subscriptions that list ``event_type``."""
        return [s.id for s in self.subscriptions if event_type in (s.events or [])]

    def claimed(self, event_type: str) -> set[str]:
        """Subscriptions an enabled policy of ``event_type``'s kind routes to."""
        kinds = POLICY_KINDS[event_type]
        return {wid for p in self.policies if p.type in kinds for wid in (p.webhook_subscription_ids or [])}

    def default_recipients(self, event_type: str) -> list[str]:
        """Subscribers of ``event_type`` that no policy narrows."""
        claimed = self.claimed(event_type)
        return [wid for wid in self.subscribers(event_type) if wid not in claimed]

    def policy_recipients(self, policy: AlertPolicy, event_type: str) -> list[str]:
        """Subscriptions of ``policy`` that are enabled and list ``event_type``."""
        subscribers = set(self.subscribers(event_type))
        return [wid for wid in (policy.webhook_subscription_ids or []) if wid in subscribers]

    def policies_of(self, kind: str) -> list[AlertPolicy]:
        return [p for p in self.policies if p.type == kind]


def load_routing(session: Session) -> Routing:
    """The enabled subscriptions and policies, in creation order."""
    subscriptions = session.scalars(
        select(WebhookSubscription).where(WebhookSubscription.enabled.is_(True)).order_by(WebhookSubscription.id)
    ).all()
    policies = session.scalars(select(AlertPolicy).where(AlertPolicy.enabled.is_(True)).order_by(AlertPolicy.id)).all()
    return Routing(subscriptions=tuple(subscriptions), policies=tuple(policies))


def in_cooldown(session: Session, policy: AlertPolicy, subject: str, now: datetime) -> bool:
    """Whether ``policy`` notified about ``subject`` less than its cooldown ago."""
    if policy.cooldown_minutes <= 0:
        return False
    since = now - timedelta(minutes=policy.cooldown_minutes)
    last = session.scalar(
        select(Event.created_at)
        .where(Event.policy_id == policy.id, Event.subject == subject, Event.created_at > since)
        .limit(1)
    )
    return last is not None
