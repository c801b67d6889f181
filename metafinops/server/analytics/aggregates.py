"""Aggregations over the raw data tables behind the read-only analytics endpoints.

Costs are sums of FOCUS ``EffectiveCost`` (``effective_cost``: what was paid after discounts and
amortisation) for rows whose ``charge_period_start`` falls in the requested days, read from the
daily rollup ``cost_daily`` that ingestion keeps in step with the rows (one row per day and
service/account/region combination, however many cost rows it sums). Rows in
other currencies than the one reported are left out, never added up across currencies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from metafinops.server.db.models import CostDaily, GpuSample, TokenUsage
from metafinops.server.schemas.analytics import (
    CostByService,
    CostSummary,
    GpuInstanceUsage,
    GpuUtilization,
    ModelCost,
    ModelTokens,
    Period,
    ServiceCost,
    ServiceShare,
    TokenCost,
    TokenUsageSummary,
)
from metafinops.server.timeutil import day_start, next_day_start

__all__ = [
    "DEFAULT_CURRENCY",
    "DateRange",
    "cost_by_service",
    "cost_summary",
    "gpu_utilization",
    "token_cost",
    "token_usage",
]

DEFAULT_CURRENCY = "USD"
TOKEN_CURRENCY = "USD"  # token prices are list prices in US dollars
LONE_SAMPLE_HOURS = 1.0  # an instance seen once is counted as running for one hour


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of whole UTC days."""

    start: date
    end: date

    @property
    def period(self) -> Period:
        return Period(start=self.start, end=self.end)


def _money(value: float | None) -> float:
    return round(float(value or 0.0), 2)


def _cost_filter(
    days: DateRange, *, service: str | None = None, account: str | None = None, provider: str | None = None
) -> ColumnElement[bool]:
    conditions = [CostDaily.day >= days.start, CostDaily.day <= days.end]
    if service is not None:
        conditions.append(CostDaily.service == service)
    if account is not None:
        conditions.append(CostDaily.sub_account == account)
    if provider is not None:
        conditions.append(CostDaily.provider == provider)
    return and_(*conditions)


def _reporting_currency(session: Session, where: ColumnElement[bool], requested: str | None) -> str:
    """The requested currency, else the one most rows in scope use (USD when there are none)."""
    if requested is not None:
        return requested
    row = session.execute(
        select(CostDaily.currency)
        .where(where)
        .group_by(CostDaily.currency)
        .order_by(func.sum(CostDaily.row_count).desc(), CostDaily.currency)
        .limit(1)
    ).first()
    return str(row[0]) if row is not None else DEFAULT_CURRENCY


def cost_summary(
    session: Session,
    days: DateRange,
    *,
    service: str | None = None,
    account: str | None = None,
    provider: str | None = None,
    currency: str | None = None,
) -> CostSummary:
    """Total cost in range and its split by service (largest first)."""
    where = _cost_filter(days, service=service, account=account, provider=provider)
    currency = _reporting_currency(session, where, currency)
    total = func.sum(CostDaily.effective_cost)
    rows = session.execute(
        select(CostDaily.service, total)
        .where(where, CostDaily.currency == currency)
        .group_by(CostDaily.service)
        .order_by(total.desc(), CostDaily.service)
    ).all()
    services = [ServiceCost(service=name, cost=_money(cost)) for name, cost in rows]
    return CostSummary(
        total_cost=_money(sum(float(cost or 0.0) for _, cost in rows)),
        currency=currency,
        period=days.period,
        services=services,
    )


def cost_by_service(session: Session, days: DateRange, *, currency: str | None = None) -> CostByService:
    """Cost per (service, provider) with its share of the total in percent."""
    where = _cost_filter(days)
    currency = _reporting_currency(session, where, currency)
    total = func.sum(CostDaily.effective_cost)
    rows = session.execute(
        select(CostDaily.service, CostDaily.provider, total)
        .where(where, CostDaily.currency == currency)
        .group_by(CostDaily.service, CostDaily.provider)
        .order_by(total.desc(), CostDaily.service, CostDaily.provider)
    ).all()
    grand_total = sum(float(cost or 0.0) for *_, cost in rows)
    services = [
        ServiceShare(
            service=service,
            provider=provider,
            cost=_money(cost),
            percent=round(100.0 * float(cost or 0.0) / grand_total, 2) if grand_total else 0.0,
        )
        for service, provider, cost in rows
    ]
    return CostByService(currency=currency, period=days.period, services=services)


def gpu_utilization(session: Session, days: DateRange) -> GpuUtilization:
    """Per-instance averages, running hours and cost.

    Samples are taken at a regular interval per instance, so ``n`` samples spanning ``s`` hours
    cover ``s * n / (n - 1)`` hours; cost is that times the mean hourly cost.
    """
    in_range = and_(GpuSample.timestamp >= day_start(days.start), GpuSample.timestamp < next_day_start(days.end))
    rows = session.execute(
        select(
            GpuSample.instance_id,
            func.max(GpuSample.gpu_model),
            func.avg(GpuSample.utilization_percent),
            func.avg(GpuSample.memory_percent),
            func.avg(GpuSample.hourly_cost),
            func.count(),
            func.min(GpuSample.timestamp),
            func.max(GpuSample.timestamp),
        )
        .where(in_range)
        .group_by(GpuSample.instance_id)
        .order_by(GpuSample.instance_id)
    ).all()
    overall = session.scalar(select(func.avg(GpuSample.utilization_percent)).where(in_range))
    instances = []
    for instance_id, model, utilization, memory, hourly_cost, count, first, last in rows:
        span_hours = (last - first).total_seconds() / 3600.0
        hours = span_hours * count / (count - 1) if count > 1 and span_hours > 0 else LONE_SAMPLE_HOURS * count
        instances.append(
            GpuInstanceUsage(
                instance_id=instance_id,
                gpu_model=model,
                average_utilization=round(float(utilization), 2),
                average_memory=round(float(memory), 2),
                hours=round(hours, 2),
                cost=_money(hours * float(hourly_cost)),
            )
        )
    return GpuUtilization(
        period=days.period,
        average_utilization=round(float(overall or 0.0), 2),
        instances=instances,
    )


def _token_rows(session: Session, days: DateRange) -> list[tuple[str, str, int, int, int, float]]:
    input_tokens = func.coalesce(func.sum(TokenUsage.input_tokens), 0)
    output_tokens = func.coalesce(func.sum(TokenUsage.output_tokens), 0)
    rows = session.execute(
        select(
            TokenUsage.provider,
            TokenUsage.model,
            input_tokens,
            output_tokens,
            func.coalesce(func.sum(TokenUsage.requests), 0),
            func.coalesce(func.sum(TokenUsage.cost), 0.0),
        )
        .where(TokenUsage.timestamp >= day_start(days.start), TokenUsage.timestamp < next_day_start(days.end))
        .group_by(TokenUsage.provider, TokenUsage.model)
        .order_by(TokenUsage.provider, TokenUsage.model)
    ).all()
    return [(p, m, int(i), int(o), int(r), float(c)) for p, m, i, o, r, c in rows]


def token_usage(session: Session, days: DateRange) -> TokenUsageSummary:
    """Input and output tokens and requests per (provider, model)."""
    rows = _token_rows(session, days)
    return TokenUsageSummary(
        period=days.period,
        total_input_tokens=sum(row[2] for row in rows),
        total_output_tokens=sum(row[3] for row in rows),
        models=[
            ModelTokens(provider=p, model=m, input_tokens=i, output_tokens=o, requests=r) for p, m, i, o, r, _ in rows
        ],
    )


def token_cost(session: Session, days: DateRange) -> TokenCost:
    """Cost per (provider, model) and per 1,000 tokens (input plus output), most expensive first."""
    rows = sorted(_token_rows(session, days), key=lambda row: (-row[5], row[0], row[1]))
    models = [
        ModelCost(
            provider=p,
            model=m,
            cost=round(c, 4),
            cost_per_1k_tokens=round(1000.0 * c / (i + o), 6) if i + o else 0.0,
        )
        for p, m, i, o, _, c in rows
    ]
    return TokenCost(
        period=days.period,
        currency=TOKEN_CURRENCY,
        total_cost=round(sum(row[5] for row in rows), 4),
        models=models,
    )
