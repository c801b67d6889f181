"""Budget thresholds: the current period, spend in scope, the forecast, and the alerts they raise.

- Periods are anchored on the budget's ``start_date`` and last one, three or twelve months
  (a start on the 31st falls on the last day of shorter months). Only the period containing
  today is evaluated; before ``start_date`` nothing is.
- Spend in scope is the effective cost of cost rows in the budget's currency whose charge
  period starts in the period, narrowed by ``filters`` (services, accounts, providers, tags).
  A budget whose ``filters.models`` is not empty is a token budget: its spend is the LLM token
  cost of those models (narrowed by providers).
- Forecast (linear): spend so far plus the mean daily spend of the last seven complete days
  (fewer at the start of a period) times the days left after today.
- A rule (``percent``, ``basis``) is crossed when spend (``actual``) or forecast
  (``forecasted``) reaches ``amount * percent / 100``. The alert row is unique per rule and
  period, so a crossing is recorded — and its event emitted — once, however many ingestions
  or ticks see it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from metafinops.server.analytics import queries
from metafinops.server.db.models import Budget, BudgetAlert
from metafinops.server.events.outbox import emit_event
from metafinops.server.events.routing import Routing, in_cooldown
from metafinops.server.ids import new_id

__all__ = ["FORECAST_DAYS", "BudgetStatus", "budget_status", "current_period", "evaluate_budgets"]

PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}
FORECAST_DAYS = 7
EVENT_TYPE = "budget.threshold.reached"


def add_months(day: date, months: int, anchor_day: int) -> date:
    """``day`` moved by ``months``, on ``anchor_day`` or the month's last day if it is shorter."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(anchor_day, calendar.monthrange(year, month + 1)[1]))


def current_period(period: str, start_date: date, today: date) -> tuple[date, date] | None:
    """The budget period (first and last day) containing ``today``, or None before ``start_date``."""
    if today < start_date:
        return None
    months = PERIOD_MONTHS[period]
    elapsed = (today.year - start_date.year) * 12 + today.month - start_date.month
    index = max(0, elapsed // months - 1)
    while True:
        first = add_months(start_date, index * months, start_date.day)
        following = add_months(start_date, (index + 1) * months, start_date.day)
        if first <= today < following:
            return first, following - timedelta(days=1)
        index += 1


@dataclass(frozen=True)
class BudgetStatus:
    """Where a budget stands in its current period."""

    period_start: date
    period_end: date
    spend: float
    forecast: float


def _spend_by_day(session: Session, budget: Budget, first: date, last: date) -> dict[date, float]:
    filters: dict[str, Any] = budget.filters or {}
    services, accounts = filters.get("services") or [], filters.get("accounts") or []
    providers, models = filters.get("providers") or [], filters.get("models") or []
    tags: dict[str, str] = filters.get("tags") or {}
    if models:
        return queries.daily_token_cost(session, start=first, end=last, models=models, providers=providers)
    if tags:
        return queries.tagged_cost(
            session,
            start=first,
            end=last,
            currency=budget.currency,
            tags=tags,
            services=services,
            accounts=accounts,
            providers=providers,
        )
    return queries.rollup_cost(
        session,
        start=first,
        end=last,
        currency=budget.currency,
        services=services,
        accounts=accounts,
        providers=providers,
    )


def budget_status(session: Session, budget: Budget, today: date) -> BudgetStatus | None:
    """Spend and forecast of ``budget`` in the period containing ``today``."""
    period = current_period(budget.period, budget.start_date, today)
    if period is None:
        return None
    first, last = period
    per_day = _spend_by_day(session, budget, first, last)
    spend = sum(per_day.values())
    complete_days = min(FORECAST_DAYS, (today - first).days)
    if complete_days > 0:
        recent = [per_day.get(today - timedelta(days=n), 0.0) for n in range(1, complete_days + 1)]
        daily = sum(recent) / complete_days
    else:
        daily = per_day.get(today, 0.0)
    forecast = spend + max(daily, 0.0) * (last - today).days
    return BudgetStatus(period_start=first, period_end=last, spend=round(spend, 2), forecast=round(forecast, 2))


def _policies_passing(routing: Routing, budget_id: str) -> list[Any]:
    return [
        policy
        for policy in routing.policies_of("budget")
        if not (policy.conditions or {}).get("budget_ids") or budget_id in policy.conditions["budget_ids"]
    ]


def evaluate_budgets(session: Session, routing: Routing, now: datetime) -> int:
    """Record the alerts of every newly crossed rule and emit their events; return how many."""
    today = now.date()
    created = 0
    for budget in session.scalars(select(Budget).order_by(Budget.id)):
        rules = budget.thresholds or []
        if not rules:
            continue
        status = budget_status(session, budget, today)
        if status is None:
            continue
        existing = {
            (alert.threshold_percent, alert.basis)
            for alert in session.scalars(
                select(BudgetAlert).where(
                    BudgetAlert.budget_id == budget.id, BudgetAlert.period_start == status.period_start
                )
            )
        }
        for rule in rules:
            percent, basis = float(rule["percent"]), str(rule.get("basis") or "actual")
            value = status.spend if basis == "actual" else status.forecast
            if (percent, basis) in existing or value < budget.amount * percent / 100.0:
                continue
            alert = BudgetAlert(
                id=new_id("alr"),
                budget_id=budget.id,
                threshold_percent=percent,
                basis=basis,
                period_start=status.period_start,
                period_end=status.period_end,
                spend=status.spend,
                forecast=status.forecast,
                amount=budget.amount,
                currency=budget.currency,
                triggered_at=now,
            )
            try:
                with session.begin_nested():
                    session.add(alert)
                    session.flush()
            except IntegrityError:  # recorded by a concurrent evaluation
                continue
            created += 1
            _emit(session, routing, budget, alert, now)
    return created


def _emit(session: Session, routing: Routing, budget: Budget, alert: BudgetAlert, now: datetime) -> None:
    data: dict[str, Any] = {
        "budget_id": budget.id,
        "budget_name": budget.name,
        "alert_id": alert.id,
        "threshold_percent": alert.threshold_percent,
        "basis": alert.basis,
        "period": {"start": alert.period_start.isoformat(), "end": alert.period_end.isoformat()},
        "spend": alert.spend,
        "forecast": alert.forecast,
        "amount": alert.amount,
        "currency": alert.currency,
    }
    key = f"budget:{alert.id}"
    emit_event(
        session,
        event_type=EVENT_TYPE,
        data=data,
        dedupe_key=key,
        recipients=routing.default_recipients(EVENT_TYPE),
        now=now,
    )
    for policy in _policies_passing(routing, budget.id):
        if in_cooldown(session, policy, budget.id, now):
            continue
        emit_event(
            session,
            event_type=EVENT_TYPE,
            data={**data, "alert_policy_id": policy.id},
            dedupe_key=f"{key}:{policy.id}",
            recipients=routing.policy_recipients(policy, EVENT_TYPE),
            now=now,
            policy_id=policy.id,
            subject=budget.id,
        )
