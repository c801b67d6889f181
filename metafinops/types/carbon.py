from __future__ import annotations

from metafinops._models import BaseModel
from metafinops.types.shared import DateRange

__all__ = ["CarbonFootprint", "RegionCarbon", "ServiceCarbon"]


class ServiceCarbon(BaseModel):
    service: str
    kgco2e: float


class RegionCarbon(BaseModel):
    region: str
    kgco2e: float


class CarbonFootprint(BaseModel):
    """``GET /v1/carbon/footprint``: estimated emissions (kg CO2e) by service and region."""

    period: DateRange
    total_kgco2e: float
    services: list[ServiceCarbon] = []
    regions: list[RegionCarbon] = []
