from __future__ import annotations

from metafinops._models import BaseModel
from metafinops.types.shared import DateRange

__all__ = ["GpuIdleReport", "GpuInstanceUtilization", "GpuUtilization", "IdleGpuInstance"]


class GpuInstanceUtilization(BaseModel):
    instance_id: str
    gpu_model: str | None = None
    average_utilization: float
    average_memory: float | None = None
    hours: float
    cost: float


class GpuUtilization(BaseModel):
    """``GET /v1/gpu/utilization``: average utilization per GPU instance over a period."""

    period: DateRange
    average_utilization: float
    instances: list[GpuInstanceUtilization] = []


class IdleGpuInstance(BaseModel):
    instance_id: str
    gpu_model: str | None = None
    average_utilization: float
    idle_minutes: float
    wasted_cost: float


class GpuIdleReport(BaseModel):
    """``GET /v1/gpu/idle``: instances below ``threshold_percent`` for at least ``min_minutes``."""

    threshold_percent: float
    min_minutes: float
    total_wasted_cost: float
    currency: str
    instances: list[IdleGpuInstance] = []
