"""What one ingested row is: a FOCUS-style cost row, a GPU sample, a token-usage record.

These models are the single definition of a valid row. The ingestion endpoints take lists of
them as JSON, and the file readers (:mod:`.focus`) build the same models from CSV rows, so a
row is accepted or refused the same way whichever door it comes in by. Timestamps with an
offset are converted to UTC; timestamps without one are taken as UTC already. Every timestamp
must fall in :data:`EARLIEST` … :data:`LATEST` (UTC): a year-1 row once made every later
anomaly evaluation overflow, and a year-1000 one made each take seconds per series.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Self

from pydantic import AfterValidator, BeforeValidator, Field, Strict, StringConstraints, WithJsonSchema, model_validator

from metafinops.server.schemas.common import (
    EARLIEST_DATE,
    LATEST_DATE,
    WHOLE_NUMBER,
    Currency,
    Integer,
    RequestModel,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_RECORDS_PER_REQUEST",
    "CostIngest",
    "CostRecordIn",
    "GpuMetricsIngest",
    "GpuSampleIn",
    "TokenUsageIn",
    "TokenUsageIngest",
]

MAX_RECORDS_PER_REQUEST = 10_000
MAX_MONEY = 1e12  # no single row is a trillion: beyond that it is a unit mistake
MAX_TAGS = 50


EARLIEST = datetime.combine(EARLIEST_DATE, time.min)
LATEST = datetime.combine(LATEST_DATE, time.max)
_OUT_OF_RANGE = "must be between 1970-01-01T00:00:00Z and 2100-12-31T23:59:59Z"


def _naive_utc(value: datetime) -> datetime:
    # The year first: converting a year-9999 time with a negative offset would overflow.
    if not EARLIEST.year <= value.year <= LATEST.year:
        raise ValueError(_OUT_OF_RANGE)
    offset = value.utcoffset()
    if offset is None:
        return value
    naive = value.replace(tzinfo=None)
    if offset:
        naive -= offset
        if not EARLIEST <= naive <= LATEST:
            raise ValueError(_OUT_OF_RANGE)
    return naive


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


# Constraints checked by pydantic-core itself (no Python call per field): ingestion validates
# millions of rows, and a Python validator per field would triple the time it takes.
_NO_NUL = r"^[^\x00]*$"


def _not_a_number(value: object) -> object:
    # Lax pydantic reads 0 as 1970-01-01 (unix seconds); a JSON timestamp is a string.
    if isinstance(value, int | float):
        raise ValueError("must be an RFC 3339 date-time string")
    return value


UtcDateTime = Annotated[
    datetime,
    BeforeValidator(_not_a_number),
    AfterValidator(_naive_utc),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
# Numbers are strict for JSON (``true`` and ``"12"`` are not numbers); the CSV readers, whose
# values are all text, validate with ``strict=False`` so "12.5" still reads as 12.5 there.
Money = Annotated[float, Strict(), Field(ge=-MAX_MONEY, le=MAX_MONEY, allow_inf_nan=False)]
Price = Annotated[float, Strict(), Field(ge=0, le=MAX_MONEY, allow_inf_nan=False)]
Percent = Annotated[float, Strict(), Field(ge=0, le=100, allow_inf_nan=False)]
Tokens = Annotated[Integer, Field(ge=0, le=10**15), WHOLE_NUMBER]
Label64 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=_NO_NUL)]
Label128 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128, pattern=_NO_NUL)]
OptionalLabel64 = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=64, pattern=_NO_NUL)] | None,
    BeforeValidator(_blank_is_none),
]
OptionalLabel512 = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, max_length=512, pattern=_NO_NUL)] | None,
    BeforeValidator(_blank_is_none),
]
TagKey = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=_NO_NUL)]
TagValue = Annotated[str, StringConstraints(max_length=256, pattern=_NO_NUL)]


class CostRecordIn(RequestModel):
    """One FOCUS-style cost row: a charge for one resource over a charge period.

    ``effective_cost`` (after discounts and amortisation) defaults to ``billed_cost``. Costs may
    be negative (credits and refunds are negative rows in FOCUS). ``charge_period_start``
    decides which day the cost counts for.
    """

    charge_period_start: UtcDateTime
    charge_period_end: UtcDateTime
    billed_cost: Money
    effective_cost: Money | None = None
    currency: Currency = "USD"
    provider: Label64
    service: Label128
    sub_account: Label128
    region: OptionalLabel64 = None
    resource_id: OptionalLabel512 = None
    tags: Annotated[dict[TagKey, TagValue] | None, Field(max_length=MAX_TAGS)] = None

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.charge_period_end < self.charge_period_start:
            raise ValueError("charge_period_end must not be before charge_period_start")
        if self.effective_cost is None:
            self.effective_cost = self.billed_cost
        return self


class GpuSampleIn(RequestModel):
    """One utilization sample of one GPU instance, with what the instance costs per hour."""

    instance_id: Label128
    gpu_model: Label64
    account: Label128 = "default"
    timestamp: UtcDateTime
    utilization_percent: Percent
    memory_percent: Percent = 0.0
    hourly_cost: Price


class TokenUsageIn(RequestModel):
    """LLM token usage: one request, or ``requests`` requests rolled up, and what it cost (USD)."""

    timestamp: UtcDateTime
    provider: Label64
    model: Label128
    input_tokens: Tokens
    output_tokens: Tokens
    requests: Annotated[Integer, Field(ge=1, le=10**12), WHOLE_NUMBER] = 1
    cost: Price


class CostIngest(RequestModel):
    """Body of ``POST /v1/ingest/costs``."""

    records: Annotated[list[CostRecordIn], Field(min_length=1, max_length=MAX_RECORDS_PER_REQUEST)]


class GpuMetricsIngest(RequestModel):
    """Body of ``POST /v1/ingest/gpu-metrics``."""

    records: Annotated[list[GpuSampleIn], Field(min_length=1, max_length=MAX_RECORDS_PER_REQUEST)]


class TokenUsageIngest(RequestModel):
    """Body of ``POST /v1/ingest/token-usage``."""

    records: Annotated[list[TokenUsageIn], Field(min_length=1, max_length=MAX_RECORDS_PER_REQUEST)]
