from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Required, TypedDict

from metafinops._contract import BudgetPeriod as BudgetPeriod
from metafinops._contract import ThresholdBasis as ThresholdBasis
from metafinops._models import BaseModel

__all__ = [
    "Budget",
    "BudgetAlert",
    "BudgetFilters",
    "BudgetFiltersParam",
    "BudgetPeriod",
    "BudgetThreshold",
    "BudgetThresholdParam",
    "ThresholdBasis",
]


class BudgetFilters(BaseModel):
    """Which spend counts against the budget; an empty list means "any"."""

    services: list[str] | None = None
    accounts: list[str] | None = None
    providers: list[str] | None = None
    models: list[str] | None = None
    tags: dict[str, str] | None = None


class BudgetThreshold(BaseModel):
    """Alert when spend (``actual``) or the period's forecast (``forecasted``) reaches ``percent``."""

    percent: float
    basis: str = "actual"


class Budget(BaseModel):
    """A spending limit over a period (``bud_…``)."""

    id: str
    name: str
    amount: float
    currency: str
    period: str
    start_date: datetime.date | None = None
    filters: BudgetFilters | None = None
    thresholds: list[BudgetThreshold] | None = None
    created_at: datetime.datetime
    updated_at: datetime.datetime | None = None


class BudgetAlert(BaseModel):
    """A threshold a budget crossed (``alr_…``), recorded once per rule per period."""

    id: str
    budget_id: str
    threshold_percent: float
    basis: str
    period_start: datetime.date
    spend: float
    amount: float
    currency: str
    triggered_at: datetime.datetime


class BudgetFiltersParam(TypedDict, total=False):
    services: Sequence[str]
    accounts: Sequence[str]
    providers: Sequence[str]
    models: Sequence[str]
    tags: Mapping[str, str]


class BudgetThresholdParam(TypedDict, total=False):
    percent: Required[float]
    basis: ThresholdBasis
