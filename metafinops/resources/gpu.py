from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops._types import DateLike
from metafinops.types.gpu import GpuIdleReport, GpuUtilization

__all__ = ["Gpu"]


class Gpu(APIResource[ClientT]):
    """GPU metrics from ingested samples."""

    @endpoint
    def utilization(self, *, start: DateLike | None = None, end: DateLike | None = None) -> Operation[GpuUtilization]:
        """Average utilization, memory, hours and cost per GPU instance over a period (default: this month)."""
        return Operation("GET", "/gpu/utilization", GpuUtilization, params=query(start=start, end=end))

    @endpoint
    def idle(
        self,
        *,
        threshold_percent: float | None = None,
        min_minutes: int | None = None,
        start: DateLike | None = None,
        end: DateLike | None = None,
    ) -> Operation[GpuIdleReport]:
        """Instances below ``threshold_percent`` utilization (server default 10) for at least
        ``min_minutes`` (server default 60), and what they cost; period default: the last 7 days."""
        params = query(threshold_percent=threshold_percent, min_minutes=min_minutes, start=start, end=end)
        return Operation("GET", "/gpu/idle", GpuIdleReport, params=params)
