from __future__ import annotations

from collections.abc import Iterable

from metafinops._operation import Operation, body, path_param, query
from metafinops._resource import APIResource, ClientT, endpoint, paginated
from metafinops._types import NOT_GIVEN, DateLike, NotGiven
from metafinops.types.budget import (
    Budget,
    BudgetAlert,
    BudgetFilters,
    BudgetFiltersParam,
    BudgetPeriod,
    BudgetThreshold,
    BudgetThresholdParam,
)

__all__ = ["Budgets"]

Filters = BudgetFiltersParam | BudgetFilters
Thresholds = Iterable[BudgetThresholdParam | BudgetThreshold]


def _budget_path(budget_id: str, suffix: str = "") -> str:
    return f"/budgets/{path_param('budget_id', budget_id)}{suffix}"


class Budgets(APIResource[ClientT]):
    """Spending limits over a period, with threshold alerts (``bud_…``)."""

    @endpoint
    def create(
        self,
        *,
        name: str,
        amount: float,
        period: BudgetPeriod,
        currency: str | NotGiven = NOT_GIVEN,
        start_date: DateLike | NotGiven | None = NOT_GIVEN,
        filters: Filters | NotGiven | None = NOT_GIVEN,
        thresholds: Thresholds | NotGiven | None = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[Budget]:
        """Create a budget.

        - ``amount``: > 0, in ``currency`` (ISO 4217, default ``"USD"``, cannot change later).
        - ``period``: ``"monthly"``, ``"quarterly"`` or ``"annual"``; ``start_date`` defaults to
          the first day of the current period.
        - ``filters``: which spend counts (``services``, ``accounts``, ``providers``, ``models``, ``tags``).
        - ``thresholds``: ``[{"percent": 80}, {"percent": 100, "basis": "forecasted"}]``.
        - ``idempotency_key``: sent as ``Idempotency-Key`` (default: a new uuid4 for this call,
          reused by its retries).
        """
        fields = body(
            name=name,
            amount=amount,
            period=period,
            currency=currency,
            start_date=start_date,
            filters=filters,
            thresholds=thresholds,
        )
        return Operation("POST", "/budgets", Budget, json=fields, idempotency_key=idempotency_key)

    @endpoint
    def get(self, budget_id: str) -> Operation[Budget]:
        """The budget with this id; :class:`~metafinops.NotFoundError` if there is none."""
        return Operation("GET", _budget_path(budget_id), Budget)

    @paginated
    def list(self, *, limit: int | None = None, starting_after: str | None = None) -> Operation[Budget]:
        """All budgets, oldest first; iterate the page to walk every one."""
        return Operation("GET", "/budgets", Budget, params=query(limit=limit, starting_after=starting_after))

    @endpoint
    def update(
        self,
        budget_id: str,
        *,
        name: str | NotGiven = NOT_GIVEN,
        amount: float | NotGiven = NOT_GIVEN,
        period: BudgetPeriod | NotGiven = NOT_GIVEN,
        start_date: DateLike | NotGiven | None = NOT_GIVEN,
        filters: Filters | NotGiven | None = NOT_GIVEN,
        thresholds: Thresholds | NotGiven | None = NOT_GIVEN,
        idempotency_key: str | None = None,
    ) -> Operation[Budget]:
        """Change a budget: fields left out stay as they are; ``None`` clears an optional one.

        ``currency`` cannot change: create a new budget instead.
        """
        fields = body(
            name=name,
            amount=amount,
            period=period,
            start_date=start_date,
            filters=filters,
            thresholds=thresholds,
        )
        return Operation("PATCH", _budget_path(budget_id), Budget, json=fields, idempotency_key=idempotency_key)

    @endpoint
    def delete(self, budget_id: str, *, idempotency_key: str | None = None) -> Operation[None]:
        """Delete a budget; :class:`~metafinops.NotFoundError` if there is none."""
        return Operation("DELETE", _budget_path(budget_id), type(None), idempotency_key=idempotency_key)

    @paginated
    def alerts(
        self, budget_id: str, *, limit: int | None = None, starting_after: str | None = None
    ) -> Operation[BudgetAlert]:
        """The thresholds this budget has crossed, oldest first (one alert per rule per period)."""
        params = query(limit=limit, starting_after=starting_after)
        return Operation("GET", _budget_path(budget_id, "/alerts"), BudgetAlert, params=params)
