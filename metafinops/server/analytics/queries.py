"""Loading the inputs of detection and estimation from the tables, as plain values.

The computations (:mod:`.anomalies`, :mod:`.gpu`, :mod:`.carbon`, :mod:`.recommendations`)
never see a session; these functions are the only bridge.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from metafinops.server.analytics.gpu import GpuSample as GpuSampleRow
from metafinops.server.analytics.recommendations import ModelUsage
from metafinops.server.db.models import CostDaily, CostRecord, GpuSample, TokenUsage
from metafinops.server.timeutil import day_start, next_day_start

__all__ = [
    "daily_cost_series",
    "daily_token_cost",
    "dominant_currency",
    "gpu_samples",
    "model_usage",
    "rollup_cost",
    "tagged_cost",
]

DEFAULT_CURRENCY = "USD"


def dominant_currency(session: Session) -> str:
    """The currency most cost rows are in (USD when there are none)."""
    row = session.execute(
        select(CostDaily.currency)
        .group_by(CostDaily.currency)
        .order_by(func.sum(CostDaily.row_count).desc(), CostDaily.currency)
        .limit(1)
    ).first()
    return str(row[0]) if row is not None else DEFAULT_CURRENCY


def daily_cost_series(
    session: Session, *, currency: str, start: date | None = None, end: date | None = None
) -> dict[tuple[str, str], dict[date, float]]:
    """Effective cost per (service, account) per day, from the daily rollup."""
    conditions: list[ColumnElement[bool]] = [CostDaily.currency == currency]
    if start is not None:
        conditions.append(CostDaily.day >= start)
    if end is not None:
        conditions.append(CostDaily.day <= end)
    rows = session.execute(
        select(CostDaily.service, CostDaily.sub_account, CostDaily.day, func.sum(CostDaily.effective_cost))
        .where(*conditions)
        .group_by(CostDaily.service, CostDaily.sub_account, CostDaily.day)
    ).all()
    series: dict[tuple[str, str], dict[date, float]] = defaultdict(dict)
    for service, account, day, cost in rows:
        series[(service, account)][day] = float(cost or 0.0)
    return dict(series)


def rollup_cost(
    session: Session,
    *,
    start: date,
    end: date,
    currency: str,
    services: Iterable[str] = (),
    accounts: Iterable[str] = (),
    providers: Iterable[str] = (),
) -> dict[date, float]:
    """Effective cost per day in ``[start, end]``, narrowed by service, account and provider sets."""
    conditions: list[ColumnElement[bool]] = [
        CostDaily.day >= start,
        CostDaily.day <= end,
        CostDaily.currency == currency,
    ]
    for column, values in (
        (CostDaily.service, services),
        (CostDaily.sub_account, accounts),
        (CostDaily.provider, providers),
    ):
        wanted = sorted(set(values))
        if wanted:
            conditions.append(column.in_(wanted))
    rows = session.execute(
        select(CostDaily.day, func.sum(CostDaily.effective_cost)).where(*conditions).group_by(CostDaily.day)
    ).all()
    return {day: float(cost or 0.0) for day, cost in rows}


def tagged_cost(
    session: Session,
    *,
    start: date,
    end: date,
    currency: str,
    tags: dict[str, str],
    services: Iterable[str] = (),
    accounts: Iterable[str] = (),
    providers: Iterable[str] = (),
) -> dict[date, float]:
    """Like :func:`rollup_cost` for rows carrying all of ``tags`` (read from the raw rows)."""
    conditions: list[ColumnElement[bool]] = [
        CostRecord.charge_period_start >= day_start(start),
        CostRecord.charge_period_start < next_day_start(end),
        CostRecord.currency == currency,
    ]
    for column, values in (
        (CostRecord.service, services),
        (CostRecord.sub_account, accounts),
        (CostRecord.provider, providers),
    ):
        wanted = sorted(set(values))
        if wanted:
            conditions.append(column.in_(wanted))
    per_day: dict[date, float] = defaultdict(float)
    rows = session.execute(
        select(CostRecord.charge_period_start, CostRecord.effective_cost, CostRecord.tags).where(*conditions)
    )
    for moment, cost, row_tags in rows:
        if row_tags and all(row_tags.get(key) == value for key, value in tags.items()):
            per_day[moment.date()] += float(cost)
    return dict(per_day)


def daily_token_cost(
    session: Session, *, start: date, end: date, models: Iterable[str] = (), providers: Iterable[str] = ()
) -> dict[date, float]:
    """Token cost per day, narrowed to models and providers when given (USD)."""
    conditions: list[ColumnElement[bool]] = [
        TokenUsage.timestamp >= day_start(start),
        TokenUsage.timestamp < next_day_start(end),
    ]
    wanted_models, wanted_providers = sorted(set(models)), sorted(set(providers))
    if wanted_models:
        conditions.append(TokenUsage.model.in_(wanted_models))
    if wanted_providers:
        conditions.append(TokenUsage.provider.in_(wanted_providers))
    per_day: dict[date, float] = defaultdict(float)
    for moment, cost in session.execute(select(TokenUsage.timestamp, TokenUsage.cost).where(and_(*conditions))):
        per_day[moment.date()] += float(cost)
    return dict(per_day)


def gpu_samples(session: Session, *, since: datetime, until: datetime) -> list[GpuSampleRow]:
    """GPU samples with ``since <= timestamp < until``."""
    rows = session.execute(
        select(
            GpuSample.instance_id,
            GpuSample.gpu_model,
            GpuSample.account,
            GpuSample.timestamp,
            GpuSample.utilization_percent,
            GpuSample.memory_percent,
            GpuSample.hourly_cost,
        ).where(GpuSample.timestamp >= since, GpuSample.timestamp < until)
    ).all()
    return [GpuSampleRow(*row) for row in rows]


def model_usage(session: Session, *, since: datetime, until: datetime) -> list[ModelUsage]:
    """Tokens and cost per (provider, model) with ``since <= timestamp < until``."""
    rows = session.execute(
        select(
            TokenUsage.provider,
            TokenUsage.model,
            func.sum(TokenUsage.input_tokens),
            func.sum(TokenUsage.output_tokens),
            func.sum(TokenUsage.cost),
            func.min(TokenUsage.timestamp),
            func.max(TokenUsage.timestamp),
        )
        .where(TokenUsage.timestamp >= since, TokenUsage.timestamp < until)
        .group_by(TokenUsage.provider, TokenUsage.model)
    ).all()
    span_days = max((until - since).total_seconds() / 86_400.0, 1.0)
    return [
        ModelUsage(
            provider=provider,
            model=model,
            input_tokens=int(input_tokens or 0),
            output_tokens=int(output_tokens or 0),
            cost=float(cost or 0.0),
            days=min(span_days, max((last - first).total_seconds() / 86_400.0, 1.0)),
        )
        for provider, model, input_tokens, output_tokens, cost, first, last in rows
    ]
