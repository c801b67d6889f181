from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, paginated
from metafinops.types.recommendation import Recommendation

__all__ = ["Recommendations"]


class Recommendations(APIResource[ClientT]):
    """Ways to save money: idle GPUs, rightsizing, cheaper models."""

    @paginated
    def list(self, *, limit: int | None = None, starting_after: str | None = None) -> Operation[Recommendation]:
        """Every current recommendation with its estimated monthly savings."""
        params = query(limit=limit, starting_after=starting_after)
        return Operation("GET", "/recommendations", Recommendation, params=params)
