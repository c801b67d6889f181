from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops._types import DateLike
from metafinops.types.carbon import CarbonFootprint

__all__ = ["Carbon"]


class Carbon(APIResource[ClientT]):
    """Estimated emissions of the spend."""

    @endpoint
    def footprint(self, *, start: DateLike | None = None, end: DateLike | None = None) -> Operation[CarbonFootprint]:
        """kg CO2e in total, by service and by region, over a period (default: this month)."""
        return Operation("GET", "/carbon/footprint", CarbonFootprint, params=query(start=start, end=end))
