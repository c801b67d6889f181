from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, paginated
from metafinops._types import DateLike
from metafinops.types.anomaly import Anomaly, Severity

__all__ = ["Anomalies"]


class Anomalies(APIResource[ClientT]):
    """Days on which a service cost markedly more than expected."""

    @paginated
    def list(
        self,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        min_severity: Severity | None = None,
        limit: int | None = None,
        starting_after: str | None = None,
    ) -> Operation[Anomaly]:
        """Anomalies over a period (default: this month) of at least ``min_severity``."""
        params = query(start=start, end=end, min_severity=min_severity, limit=limit, starting_after=starting_after)
        return Operation("GET", "/anomalies", Anomaly, params=params)
