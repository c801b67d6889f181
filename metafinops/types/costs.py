from __future__ import annotations

from metafinops._models import BaseModel
from metafinops.types.shared import DateRange

__all__ = ["CostSummary", "CostsByService", "ServiceCost", "ServiceCostShare"]


class ServiceCost(BaseModel):
    service: str
    cost: float


class CostSummary(BaseModel):
    """``GET /v1/costs/summary``: total spend over a period, by service."""

    total_cost: float
    currency: str
    period: DateRange
    services: list[ServiceCost] = []

    @property
    def total(self) -> float:
        """Alias of :attr:`total_cost`."""
        return self.total_cost


class ServiceCostShare(BaseModel):
    service: str
    provider: str | None = None
    cost: float
    percent: float


class CostsByService(BaseModel):
    """``GET /v1/costs/by-service``: each service's cost and share of the total."""

    currency: str
    period: DateRange
    services: list[ServiceCostShare] = []
