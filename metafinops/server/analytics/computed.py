"""The computed endpoints' answers: idle GPUs, carbon footprint, recommendations, reports.

Each function loads what it needs (:mod:`.queries`), runs the pure computation and returns
the response model of :mod:`metafinops.server.schemas.analytics`.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from metafinops.server.analytics import aggregates, carbon, queries
from metafinops.server.analytics.aggregates import DateRange
from metafinops.server.analytics.gpu import IdleInstance, find_idle_instances, sample_minutes
from metafinops.server.analytics.recommendations import (
    GpuFleetUsage,
    Recommendation,
    idle_gpu_recommendations,
    model_switch_recommendations,
    rightsizing_recommendations,
)
from metafinops.server.db.models import CostDaily, CostRecord
from metafinops.server.schemas.analytics import (
    CarbonFootprint,
    GpuIdle,
    IdleGpu,
    RecommendationPublic,
    RegionCarbon,
    ServiceCarbon,
)
from metafinops.server.timeutil import day_start, next_day_start

__all__ = [
    "CARBON_CURRENCY",
    "RECOMMENDATION_WINDOW",
    "carbon_footprint",
    "idle_gpus",
    "recommendations",
    "report_content",
]

CARBON_CURRENCY = "USD"  # the kWh-per-dollar figures are per US dollar: other currencies are left out
GPU_CURRENCY = "USD"
RECOMMENDATION_WINDOW = timedelta(days=30)
MOSTLY_IDLE = 0.25  # an instance idle this share of the time is to be stopped, not resized
UNKNOWN_REGION = "unknown"


def idle_instances(
    session: Session, *, threshold_percent: float, min_minutes: float, since: datetime, until: datetime
) -> list[IdleInstance]:
    """Instances idle for ``min_minutes`` below ``threshold_percent`` between ``since`` and ``until``."""
    samples = queries.gpu_samples(session, since=since, until=until)
    return find_idle_instances(samples, threshold_percent=threshold_percent, min_minutes=min_minutes)


def idle_gpus(
    session: Session, *, threshold_percent: float, min_minutes: int, since: datetime, until: datetime
) -> GpuIdle:
    """``GET /v1/gpu/idle``."""
    found = idle_instances(
        session, threshold_percent=threshold_percent, min_minutes=min_minutes, since=since, until=until
    )
    return GpuIdle(
        threshold_percent=threshold_percent,
        min_minutes=min_minutes,
        total_wasted_cost=round(sum(item.wasted_cost for item in found), 2),
        currency=GPU_CURRENCY,
        instances=[
            IdleGpu(
                instance_id=item.instance_id,
                gpu_model=item.gpu_model,
                average_utilization=round(item.average_utilization, 2),
                idle_minutes=round(item.idle_minutes),
                wasted_cost=round(item.wasted_cost, 2),
            )
            for item in found
        ],
    )


def _gpu_homes(session: Session, days: DateRange, instance_ids: list[str]) -> dict[str, tuple[str, str, str]]:
    """instance id -> (provider, service, region) from its own cost rows, when it has any."""
    if not instance_ids:
        return {}
    rows = session.execute(
        select(CostRecord.resource_id, CostRecord.provider, CostRecord.service, func.max(CostRecord.region))
        .where(
            CostRecord.charge_period_start >= day_start(days.start),
            CostRecord.charge_period_start < next_day_start(days.end),
            CostRecord.resource_id.in_(instance_ids),
        )
        .group_by(CostRecord.resource_id, CostRecord.provider, CostRecord.service)
    ).all()
    return {str(resource): (provider, service, region or "") for resource, provider, service, region in rows}


def _account_homes(session: Session) -> dict[str, tuple[str, str]]:
    """account -> (provider, region) its cost rows mostly name."""
    rows = session.execute(
        select(CostDaily.sub_account, CostDaily.provider, CostDaily.region, func.sum(CostDaily.row_count))
        .group_by(CostDaily.sub_account, CostDaily.provider, CostDaily.region)
        .order_by(func.sum(CostDaily.row_count))
    ).all()
    return {account: (provider, region) for account, provider, region, _ in rows}  # most rows last: wins


def carbon_footprint(session: Session, days: DateRange) -> CarbonFootprint:
    """``GET /v1/carbon/footprint``: kgCO2e by service and region (see :mod:`.carbon`)."""
    by_service: dict[str, float] = defaultdict(float)
    by_region: dict[str, float] = defaultdict(float)

    def add(service: str, region: str, kwh: float) -> None:
        kg = kwh * carbon.grid_intensity(region)
        by_service[service] += kg
        by_region[region or UNKNOWN_REGION] += kg

    since, until = day_start(days.start), next_day_start(days.end)
    samples = queries.gpu_samples(session, since=since, until=until)
    instances: dict[str, list[Any]] = defaultdict(list)
    for sample in samples:
        instances[sample.instance_id].append(sample)
    homes = _gpu_homes(session, days, sorted(instances))
    accounts = _account_homes(session) if set(instances) - set(homes) else {}

    for instance_id, rows in instances.items():
        rows.sort(key=lambda s: s.timestamp)
        provider, region = accounts.get(rows[-1].account, ("", ""))
        service = "gpu"
        if instance_id in homes:
            provider, service, region = homes[instance_id]
        for sample, minutes in zip(rows, sample_minutes(rows), strict=True):
            add(
                service,
                region,
                carbon.gpu_energy_kwh(sample.gpu_model, sample.utilization_percent, minutes / 60.0, provider),
            )

    # every cost row, less the rows of GPU instances already estimated from their samples
    cost: dict[tuple[str, str, str], float] = defaultdict(float)
    for provider, service, region, effective in session.execute(
        select(CostDaily.provider, CostDaily.service, CostDaily.region, func.sum(CostDaily.effective_cost))
        .where(CostDaily.day >= days.start, CostDaily.day <= days.end, CostDaily.currency == CARBON_CURRENCY)
        .group_by(CostDaily.provider, CostDaily.service, CostDaily.region)
    ):
        cost[(provider, service, region)] += float(effective or 0.0)
    if homes:
        for provider, service, raw_region, effective in session.execute(
            select(CostRecord.provider, CostRecord.service, CostRecord.region, func.sum(CostRecord.effective_cost))
            .where(
                CostRecord.charge_period_start >= since,
                CostRecord.charge_period_start < until,
                CostRecord.currency == CARBON_CURRENCY,
                CostRecord.resource_id.in_(sorted(homes)),
            )
            .group_by(CostRecord.provider, CostRecord.service, CostRecord.region)
        ):
            cost[(provider, service, raw_region or "")] -= float(effective or 0.0)
    for (provider, service, region), dollars in cost.items():
        add(service, region, carbon.cost_energy_kwh(dollars, service, provider))

    services = sorted(by_service.items(), key=lambda item: (-item[1], item[0]))
    regions = sorted(by_region.items(), key=lambda item: (-item[1], item[0]))
    return CarbonFootprint(
        period=days.period,
        total_kgco2e=round(sum(by_service.values()), 3),
        services=[ServiceCarbon(service=name, kgco2e=round(kg, 3)) for name, kg in services if kg > 0],
        regions=[RegionCarbon(region=name, kgco2e=round(kg, 3)) for name, kg in regions if kg > 0],
    )


def _fleet(samples: list[Any], since: datetime, until: datetime) -> list[GpuFleetUsage]:
    by_instance: dict[str, list[Any]] = defaultdict(list)
    for sample in samples:
        by_instance[sample.instance_id].append(sample)
    window_minutes = max((until - since).total_seconds() / 60.0, 1.0)
    fleet = []
    for instance_id, rows in sorted(by_instance.items()):
        rows.sort(key=lambda s: s.timestamp)
        minutes = sample_minutes(rows)
        fleet.append(
            GpuFleetUsage(
                instance_id=instance_id,
                gpu_model=rows[-1].gpu_model,
                average_utilization=sum(s.utilization_percent for s in rows) / len(rows),
                average_memory=sum(s.memory_percent for s in rows) / len(rows),
                hourly_cost=rows[-1].hourly_cost,
                running_fraction=min(1.0, sum(minutes) / window_minutes),
            )
        )
    return fleet


def recommendation_list(session: Session, *, now: datetime) -> list[Recommendation]:
    """Every recommendation the last :data:`RECOMMENDATION_WINDOW` of data supports, biggest saving first."""
    since = now - RECOMMENDATION_WINDOW
    samples = queries.gpu_samples(session, since=since, until=now)
    idle = find_idle_instances(samples)
    found = idle_gpu_recommendations(idle, GPU_CURRENCY)
    found += rightsizing_recommendations(
        _fleet(samples, since, now),
        skip=[item.instance_id for item in idle if item.idle_fraction >= MOSTLY_IDLE],
        currency=GPU_CURRENCY,
    )
    found += model_switch_recommendations(queries.model_usage(session, since=since, until=now), "USD")
    found.sort(key=lambda item: (-item.estimated_monthly_savings, item.id))
    return found


def recommendations(session: Session, *, now: datetime) -> list[RecommendationPublic]:
    """``GET /v1/recommendations`` (before paging)."""
    return [
        RecommendationPublic(
            id=item.id,
            type=item.type,
            resource=item.resource,
            description=item.description,
            estimated_monthly_savings=item.estimated_monthly_savings,
            currency=item.currency,
        )
        for item in recommendation_list(session, now=now)
    ]


def report_content(session: Session, days: DateRange, report_format: str, report_id: str) -> str:
    """The file of a report: cost summary and per-service breakdown of the period, JSON or CSV."""
    breakdown = aggregates.cost_by_service(session, days)
    if report_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["service", "provider", "cost", "percent", "currency"])
        for row in breakdown.services:
            writer.writerow([row.service, row.provider, row.cost, row.percent, breakdown.currency])
        return buffer.getvalue()
    summary = aggregates.cost_summary(session, days)
    tokens = aggregates.token_cost(session, days)
    document = {
        "id": report_id,
        "period": {"start": days.start.isoformat(), "end": days.end.isoformat()},
        "currency": breakdown.currency,
        "total_cost": summary.total_cost,
        "services": [row.model_dump(mode="json") for row in breakdown.services],
        "token_cost": tokens.total_cost,
        "models": [row.model_dump(mode="json") for row in tokens.models],
    }
    return json.dumps(document, indent=2)
