"""Detections that become events: cost anomalies, idle GPUs, token spend over a daily limit.

Anomalies are recomputed over the whole daily rollup and kept in the ``anomalies`` table (new
ones get an id, ones no longer detected — the data changed — are removed). Only detections
from the last ``lookback_days`` emit events: loading last year's bills does not page anyone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from metafinops.server.analytics import queries
from metafinops.server.analytics.anomalies import METHOD, detect_anomalies, severity_at_least, severity_for
from metafinops.server.analytics.computed import idle_instances
from metafinops.server.analytics.gpu import DEFAULT_IDLE_MINUTES, DEFAULT_IDLE_THRESHOLD, IdleInstance
from metafinops.server.db.models import AlertPolicy, Anomaly, Event
from metafinops.server.events.outbox import emit_event
from metafinops.server.events.routing import Routing, in_cooldown
from metafinops.server.ids import new_id

__all__ = ["emit_gpu_idle_events", "emit_token_spend_events", "refresh_anomalies"]

ANOMALY_EVENT = "cost.anomaly.detected"
GPU_IDLE_EVENT = "gpu.idle.detected"


def refresh_anomalies(session: Session, routing: Routing, now: datetime, lookback_days: int) -> int:
    """Detect anomalies, store them, emit events for recent new ones; return how many are new."""
    currency = queries.dominant_currency(session)
    found = detect_anomalies(queries.daily_cost_series(session, currency=currency))
    stored = {(a.day, a.service, a.account): a for a in session.scalars(select(Anomaly))}
    seen = set()
    recent = now.date() - timedelta(days=lookback_days)
    new = 0
    for item in found:
        key = (item.day, item.service, item.account)
        seen.add(key)
        row = stored.get(key)
        if row is None:
            row = Anomaly(id=new_id("ano"), day=item.day, service=item.service, account=item.account, detected_at=now)
            session.add(row)
            new += 1
        row.expected_cost, row.actual_cost, row.impact = item.expected_cost, item.actual_cost, round(item.impact, 2)
        row.score, row.severity, row.method = item.score, item.severity, METHOD
        session.flush()
        if item.day >= recent:
            _emit_anomaly(session, routing, row, now)
    stale = [row.id for key, row in stored.items() if key not in seen]
    if stale:
        session.execute(delete(Anomaly).where(Anomaly.id.in_(stale)))
    return new


def anomaly_data(row: Anomaly) -> dict[str, Any]:
    """The seed's ``cost.anomaly.detected`` data, plus the day, impact and method."""
    return {
        "anomaly_id": row.id,
        "service": row.service,
        "expected_cost": row.expected_cost,
        "actual_cost": row.actual_cost,
        "severity": row.severity,
        "account": row.account,
        "date": row.day.isoformat(),
        "impact": row.impact,
        "method": row.method,
    }


def _anomaly_passes(policy: AlertPolicy, row: Anomaly) -> bool:
    conditions = policy.conditions or {}
    services, accounts = conditions.get("services"), conditions.get("accounts")
    return (
        severity_at_least(row.severity, conditions.get("min_severity"))
        and row.impact >= float(conditions.get("min_impact") or 0.0)
        and (not services or row.service in services)
        and (not accounts or row.account in accounts)
    )


def _emit_anomaly(session: Session, routing: Routing, row: Anomaly, now: datetime) -> None:
    data = anomaly_data(row)
    key = f"anomaly:{row.id}"
    emit_event(
        session,
        event_type=ANOMALY_EVENT,
        data=data,
        dedupe_key=key,
        recipients=routing.default_recipients(ANOMALY_EVENT),
        now=now,
    )
    subject = f"{row.service}/{row.account}"
    for policy in routing.policies_of("cost_anomaly"):
        if not _anomaly_passes(policy, row) or in_cooldown(session, policy, subject, now):
            continue
        emit_event(
            session,
            event_type=ANOMALY_EVENT,
            data={**data, "alert_policy_id": policy.id},
            dedupe_key=f"{key}:{policy.id}",
            recipients=routing.policy_recipients(policy, ANOMALY_EVENT),
            now=now,
            policy_id=policy.id,
            subject=subject,
        )


def _idle_data(item: IdleInstance, threshold: float, min_minutes: float) -> dict[str, Any]:
    episode = item.episodes[-1]
    return {
        "instance_id": item.instance_id,
        "gpu_model": item.gpu_model,
        "account": item.account,
        "idle_since": episode.start.isoformat() + "Z",
        "idle_minutes": round(episode.minutes),
        "average_utilization": round(episode.average_utilization, 2),
        "wasted_cost": round(episode.wasted_cost, 2),
        "currency": "USD",
        "threshold_percent": threshold,
        "min_minutes": min_minutes,
    }


def _notified_during(session: Session, policy_id: str | None, item: IdleInstance) -> bool:
    """Whether this idle episode was already reported (by this policy, or by default routing).

    An episode still running has been reported if an event about the instance was recorded
    after it began; one that began later is a new episode. (An instance idle for longer than
    the lookback window is reported again once per window.)
    """
    condition = Event.policy_id.is_(None) if policy_id is None else Event.policy_id == policy_id
    return (
        session.scalar(
            select(Event.id)
            .where(
                Event.type == GPU_IDLE_EVENT,
                condition,
                Event.subject == item.instance_id,
                Event.created_at >= item.episodes[-1].start,
            )
            .limit(1)
        )
        is not None
    )


def emit_gpu_idle_events(session: Session, routing: Routing, now: datetime, lookback_days: int) -> int:
    """Events for instances idle within the lookback window; return how many were emitted."""
    since = now - timedelta(days=lookback_days)
    emitted = 0
    if routing.default_recipients(GPU_IDLE_EVENT):
        for item in idle_instances(
            session, threshold_percent=DEFAULT_IDLE_THRESHOLD, min_minutes=DEFAULT_IDLE_MINUTES, since=since, until=now
        ):
            if _notified_during(session, None, item):
                continue
            event = emit_event(
                session,
                event_type=GPU_IDLE_EVENT,
                data=_idle_data(item, DEFAULT_IDLE_THRESHOLD, DEFAULT_IDLE_MINUTES),
                dedupe_key=f"gpu_idle:{item.instance_id}:{item.episodes[-1].start.isoformat()}",
                recipients=routing.default_recipients(GPU_IDLE_EVENT),
                now=now,
                subject=item.instance_id,
            )
            emitted += event is not None
    for policy in routing.policies_of("gpu_idle"):
        conditions = policy.conditions or {}
        threshold = float(conditions.get("utilization_below_percent") or DEFAULT_IDLE_THRESHOLD)
        minutes = float(conditions.get("idle_minutes") or DEFAULT_IDLE_MINUTES)
        accounts = conditions.get("accounts")
        for item in idle_instances(session, threshold_percent=threshold, min_minutes=minutes, since=since, until=now):
            if accounts and item.account not in accounts:
                continue
            if _notified_during(session, policy.id, item) or in_cooldown(session, policy, item.instance_id, now):
                continue
            event = emit_event(
                session,
                event_type=GPU_IDLE_EVENT,
                data={**_idle_data(item, threshold, minutes), "alert_policy_id": policy.id},
                dedupe_key=f"gpu_idle:{item.instance_id}:{item.episodes[-1].start.isoformat()}:{policy.id}",
                recipients=routing.policy_recipients(policy, GPU_IDLE_EVENT),
                now=now,
                policy_id=policy.id,
                subject=item.instance_id,
            )
            emitted += event is not None
    return emitted


def emit_token_spend_events(session: Session, routing: Routing, now: datetime, lookback_days: int) -> int:
    """``token_spend`` policies: a day whose token cost exceeds ``max_daily_token_cost``.

    Reported as ``cost.anomaly.detected`` with ``method`` ``daily_token_cost_limit`` (the four
    event types have no token-specific one); ``services`` narrows to providers or models.
    """
    emitted = 0
    today = now.date()
    for policy in routing.policies_of("token_spend"):
        conditions = policy.conditions or {}
        limit = conditions.get("max_daily_token_cost")
        if limit is None:
            continue
        names = conditions.get("services") or []
        if names:
            per_day = _token_cost_for(session, today, lookback_days, names)
        else:
            per_day = queries.daily_token_cost(session, start=today - timedelta(days=lookback_days), end=today)
        for day, cost in sorted(per_day.items()):
            if cost <= float(limit) or in_cooldown(session, policy, "tokens", now):
                continue
            event = emit_event(
                session,
                event_type=ANOMALY_EVENT,
                data={
                    "anomaly_id": None,
                    "service": "llm-tokens" if not names else ",".join(sorted(names)),
                    "expected_cost": float(limit),
                    "actual_cost": round(cost, 2),
                    "severity": severity_for(cost, float(limit)),
                    "account": "all",
                    "date": day.isoformat(),
                    "impact": round(cost - float(limit), 2),
                    "method": "daily_token_cost_limit",
                    "alert_policy_id": policy.id,
                },
                dedupe_key=f"token_spend:{policy.id}:{day.isoformat()}",
                recipients=routing.policy_recipients(policy, ANOMALY_EVENT),
                now=now,
                policy_id=policy.id,
                subject="tokens",
            )
            emitted += event is not None
    return emitted


def _token_cost_for(session: Session, today: Any, lookback_days: int, names: list[str]) -> dict[Any, float]:
    start = today - timedelta(days=lookback_days)
    by_model = queries.daily_token_cost(session, start=start, end=today, models=names)
    by_provider = queries.daily_token_cost(session, start=start, end=today, providers=names)
    return {day: by_model.get(day, 0.0) + by_provider.get(day, 0.0) for day in set(by_model) | set(by_provider)}
