"""Budget request and response models."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from metafinops._contract import THRESHOLD_PERCENT_MAX, THRESHOLDS_MAX
from metafinops._contract import BudgetPeriod as Period
from metafinops._contract import ThresholdBasis as Basis
from metafinops.server.schemas.common import (
    Amount,
    Currency,
    CurrencyCode,
    IsoDate,
    Label,
    LabelList,
    Name,
    Number,
    RequestModel,
    Text,
    Timestamp,
    reject_null,
    schema_not_null,
)

__all__ = ["BudgetAlertPublic", "BudgetCreate", "BudgetFilters", "BudgetPublic", "BudgetUpdate", "Threshold"]

TagValue = Annotated[Text, Field(max_length=256)]


class Threshold(RequestModel):
    """Alert when spend (actual or forecasted) reaches ``percent`` of the amount."""

    percent: Annotated[Number, Field(gt=0, le=THRESHOLD_PERCENT_MAX)]
    basis: Basis = "actual"


class BudgetFilters(RequestModel):
    """What spend counts toward the budget; an empty or missing list means "all"."""

    services: LabelList | None = None
    accounts: LabelList | None = None
    providers: LabelList | None = None
    models: LabelList | None = None
    tags: Annotated[dict[Label, TagValue], Field(max_length=100)] | None = None


class BudgetCreate(RequestModel):
    """Body of ``POST /v1/budgets``."""

    name: Name
    amount: Amount
    currency: Currency = "USD"
    period: Period
    start_date: IsoDate | None = None
    filters: BudgetFilters | None = None
    thresholds: (
        Annotated[list[Threshold], Field(max_length=THRESHOLDS_MAX, json_schema_extra={"uniqueItems": True})] | None
    ) = None


class BudgetUpdate(RequestModel):
    """Body of ``PATCH /v1/budgets/{id}``: a present field replaces the value."""

    name: Name | None = None
    amount: Amount | None = None
    currency: Currency | None = None
    period: Period | None = None
    start_date: IsoDate | None = None
    filters: BudgetFilters | None = None
    thresholds: (
        Annotated[list[Threshold], Field(max_length=THRESHOLDS_MAX, json_schema_extra={"uniqueItems": True})] | None
    ) = None

    _not_null = field_validator("name", "amount", "currency", "period")(reject_null)
    model_config = ConfigDict(json_schema_extra=schema_not_null("name", "amount", "currency", "period"))


class BudgetFiltersPublic(BaseModel):
    """Scope filters as the API returns them (every key present)."""

    services: list[str]
    accounts: list[str]
    providers: list[str]
    models: list[str]
    tags: dict[str, str]


class ThresholdPublic(BaseModel):
    """A threshold rule as the API returns it."""

    percent: float
    basis: Basis


class BudgetPublic(BaseModel):
    """A budget as the API returns it."""

    id: str
    name: str
    amount: float
    currency: CurrencyCode
    period: Period
    start_date: date
    filters: BudgetFiltersPublic | None
    thresholds: list[ThresholdPublic]
    created_at: Timestamp
    updated_at: Timestamp


class BudgetAlertPublic(BaseModel):
    """A recorded threshold crossing (``GET /v1/budgets/{id}/alerts``)."""

    id: str
    budget_id: str
    threshold_percent: float
    basis: Basis
    period_start: date
    period_end: date
    spend: float
    forecast: float | None
    amount: float
    currency: str
    triggered_at: Timestamp
