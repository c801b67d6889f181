"""Response (and report request) models of the read-only analytics endpoints."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from metafinops._contract import RecommendationType, Severity
from metafinops.server.schemas.common import IsoDate, RequestModel, Timestamp

__all__ = [
    "AnomalyPublic",
    "CarbonFootprint",
    "CostByService",
    "CostSummary",
    "GpuIdle",
    "GpuUtilization",
    "Period",
    "RecommendationPublic",
    "ReportCreate",
    "ReportPublic",
    "TokenCost",
    "TokenUsageSummary",
]


class Period(BaseModel):
    """An inclusive date range."""

    start: date
    end: date


class ServiceCost(BaseModel):
    service: str
    cost: float


class CostSummary(BaseModel):
    """``GET /v1/costs/summary``."""

    total_cost: float
    currency: str
    period: Period
    services: list[ServiceCost]


class ServiceShare(BaseModel):
    service: str
    provider: str
    cost: float
    percent: float


class CostByService(BaseModel):
    """``GET /v1/costs/by-service``."""

    currency: str
    period: Period
    services: list[ServiceShare]


class GpuInstanceUsage(BaseModel):
    instance_id: str
    gpu_model: str
    average_utilization: float
    average_memory: float
    hours: float
    cost: float


class GpuUtilization(BaseModel):
    """``GET /v1/gpu/utilization``."""

    period: Period
    average_utilization: float
    instances: list[GpuInstanceUsage]


class IdleGpu(BaseModel):
    instance_id: str
    gpu_model: str
    average_utilization: float
    idle_minutes: int
    wasted_cost: float


class GpuIdle(BaseModel):
    """``GET /v1/gpu/idle``."""

    threshold_percent: float
    min_minutes: int
    total_wasted_cost: float
    currency: str
    instances: list[IdleGpu]


class ModelTokens(BaseModel):
    provider: str
    model: str
    input_tokens: int
    output_tokens: int
    requests: int


class TokenUsageSummary(BaseModel):
    """``GET /v1/tokens/usage``."""

    period: Period
    total_input_tokens: int
    total_output_tokens: int
    models: list[ModelTokens]


class ModelCost(BaseModel):
    provider: str
    model: str
    cost: float
    cost_per_1k_tokens: float


class TokenCost(BaseModel):
    """``GET /v1/tokens/cost``."""

    period: Period
    currency: str
    total_cost: float
    models: list[ModelCost]


class AnomalyPublic(BaseModel):
    """One item of ``GET /v1/anomalies``."""

    id: str
    date: date
    service: str
    account: str
    expected_cost: float
    actual_cost: float
    impact: float
    severity: Severity
    method: str


class ServiceCarbon(BaseModel):
    service: str
    kgco2e: float


class RegionCarbon(BaseModel):
    region: str
    kgco2e: float


class CarbonFootprint(BaseModel):
    """``GET /v1/carbon/footprint``."""

    period: Period
    total_kgco2e: float
    services: list[ServiceCarbon]
    regions: list[RegionCarbon]


class RecommendationPublic(BaseModel):
    """One item of ``GET /v1/recommendations``."""

    id: str
    type: RecommendationType
    resource: str
    description: str
    estimated_monthly_savings: float
    currency: str


class ReportCreate(RequestModel):
    """Body of ``POST /v1/reports/generate``."""

    start: IsoDate
    end: IsoDate
    format: Literal["json", "csv"] = "json"


class ReportPublic(BaseModel):
    """A generated report."""

    id: str
    status: Literal["ready"]
    format: str
    period: Period
    download_url: str
    created_at: Timestamp
