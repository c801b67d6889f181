from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops._types import DateLike
from metafinops.types.costs import CostsByService, CostSummary

__all__ = ["Costs"]


class Costs(APIResource[ClientT]):
    """Spend from ingested cost data. ``start``/``end`` are inclusive days; both default to the current month."""

    @endpoint
    def summary(
        self,
        *,
        start: DateLike | None = None,
        end: DateLike | None = None,
        service: str | None = None,
        account: str | None = None,
        provider: str | None = None,
    ) -> Operation[CostSummary]:
        """Total cost over a period, by service; narrowed to one service, account or provider if given."""
        params = query(start=start, end=end, service=service, account=account, provider=provider)
        return Operation("GET", "/costs/summary", CostSummary, params=params)

    @endpoint
    def by_service(self, *, start: DateLike | None = None, end: DateLike | None = None) -> Operation[CostsByService]:
        """Each service's cost and share of the total over a period."""
        return Operation("GET", "/costs/by-service", CostsByService, params=query(start=start, end=end))
