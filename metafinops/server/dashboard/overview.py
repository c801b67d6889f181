"""What the overview page shows, computed by the same functions that answer the API.

- month to date: ``cost_summary`` (``GET /v1/costs/summary``) from the 1st to today;
- forecast: the budgets' linear forecast (:func:`~metafinops.server.events.budgets.budget_status`)
  of an unfiltered monthly budget in the reporting currency — what a budget over everything
  would forecast;
- cost by service: ``cost_by_service`` (``GET /v1/costs/by-service``) for this month;
- cost by day: the daily rollup the budgets read (:func:`~metafinops.server.analytics.queries.rollup_cost`);
- anomalies: the rows ``GET /v1/anomalies`` lists, largest impact first;
- idle GPUs, carbon, recommendations: ``idle_gpus``, ``carbon_footprint``, ``recommendations``
  (``GET /v1/gpu/idle`` with its defaults, ``/v1/carbon/footprint``, ``/v1/recommendations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from metafinops.server.analytics import DateRange, cost_by_service, cost_summary, queries
from metafinops.server.analytics.computed import carbon_footprint, idle_gpus, recommendations
from metafinops.server.api.routes.gpu_idle import DEFAULT_WINDOW_DAYS
from metafinops.server.db.models import Anomaly, Budget
from metafinops.server.events.budgets import budget_status
from metafinops.server.schemas.analytics import CarbonFootprint, CostByService, GpuIdle, RecommendationPublic
from metafinops.server.timeutil import day_start, next_day_start

__all__ = ["DAILY_CHART_DAYS", "Overview", "build_overview"]

DAILY_CHART_DAYS = 30
TOP_ITEMS = 5
# GET /v1/gpu/idle's defaults (threshold_percent, min_minutes): the overview shows what the API
# answers when asked without parameters.
IDLE_THRESHOLD_PERCENT = 10.0
IDLE_MIN_MINUTES = 60


@dataclass(frozen=True)
class Overview:
    """Everything on the overview page."""

    today: date
    currency: str
    month_to_date: float
    forecast: float
    month_end: date
    by_service: CostByService
    daily: list[tuple[date, float]]
    anomaly_days: set[date]
    anomalies: list[Anomaly]
    idle: GpuIdle
    carbon: CarbonFootprint
    recommendations: list[RecommendationPublic]


def _month_forecast(session: Session, today: date, currency: str) -> tuple[float, date]:
    everything = Budget(period="monthly", start_date=today.replace(day=1), currency=currency, filters=None)
    status = budget_status(session, everything, today)
    assert status is not None  # the period starts on the 1st of this month
    return status.forecast, status.period_end


def build_overview(session: Session, now: datetime) -> Overview:
    """Compute the overview as of ``now`` (UTC)."""
    today = now.date()
    month = DateRange(start=today.replace(day=1), end=today)
    summary = cost_summary(session, month)
    forecast, month_end = _month_forecast(session, today, summary.currency)
    first_day = today - timedelta(days=DAILY_CHART_DAYS - 1)
    per_day = queries.rollup_cost(session, start=first_day, end=today, currency=summary.currency)
    daily = [
        (first_day + timedelta(days=n), round(per_day.get(first_day + timedelta(days=n), 0.0), 2))
        for n in range(DAILY_CHART_DAYS)
    ]
    anomalies = list(
        session.scalars(
            select(Anomaly).where(Anomaly.day >= first_day, Anomaly.day <= today).order_by(Anomaly.impact.desc())
        )
    )
    idle = idle_gpus(
        session,
        threshold_percent=IDLE_THRESHOLD_PERCENT,
        min_minutes=IDLE_MIN_MINUTES,
        since=day_start(today - timedelta(days=DEFAULT_WINDOW_DAYS - 1)),
        until=next_day_start(today),
    )
    return Overview(
        today=today,
        currency=summary.currency,
        month_to_date=summary.total_cost,
        forecast=forecast,
        month_end=month_end,
        by_service=cost_by_service(session, month, currency=summary.currency),
        daily=daily,
        anomaly_days={row.day for row in anomalies},
        anomalies=anomalies[:TOP_ITEMS],
        idle=idle,
        carbon=carbon_footprint(session, month),
        recommendations=recommendations(session, now=now)[:TOP_ITEMS],
    )
