"""Field types shared by the request and response models."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    StringConstraints,
    WithJsonSchema,
)

from metafinops._contract import AMOUNT_MAX, NAME_MAX, NAME_MIN
from metafinops._iso4217 import ISO_4217_CODES
from metafinops.server.timeutil import format_timestamp

__all__ = [
    "EARLIEST_DATE",
    "LATEST_DATE",
    "WHOLE_NUMBER",
    "Amount",
    "Currency",
    "CurrencyCode",
    "Email",
    "Integer",
    "IsoDate",
    "Label",
    "LabelList",
    "Name",
    "Number",
    "RequestModel",
    "ResourceId",
    "Text",
    "Timestamp",
    "reject_null",
    "schema_not_null",
]

# Dates the API takes (and the time range of ingested rows): what analytics can compute on.
EARLIEST_DATE = date(1970, 1, 1)
LATEST_DATE = date(2100, 12, 31)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The HTML living standard's e-mail syntax, with at least one dot in the domain.
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)


class RequestModel(BaseModel):
    """Base of request bodies: unknown fields and non-finite numbers are errors."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, datetime):
        raise ValueError("must be a date in YYYY-MM-DD form")
    if isinstance(value, date):
        value = value.isoformat()
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError("must be a date in YYYY-MM-DD form")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a calendar date") from None
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}")
    return day


def _currency(value: str) -> str:
    if value not in ISO_4217_CODES:
        raise ValueError(f"{value!r} is not an ISO 4217 currency code (three upper-case letters, e.g. USD)")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not a valid e-mail address")
    return value


def schema_not_null(*names: str) -> Callable[[dict[str, Any]], None]:
    """``json_schema_extra`` for PATCH models: these fields may be left out but not null, so
    their schema is the bare type (no ``null`` branch, no ``default: null``)."""

    def drop_null(schema: dict[str, Any]) -> None:
        for name in names:
            prop = schema["properties"][name]
            options = [option for option in prop.pop("anyOf", []) if option != {"type": "null"}]
            if len(options) == 1:
                prop.update(options[0])
            elif options:
                prop["anyOf"] = options
            prop.pop("default", None)

    return drop_null


def reject_null(value: object) -> object:
    """Field validator for PATCH fields that may be left out but not set to null."""
    if value is None:
        raise ValueError("may be left out but not null")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Name = Annotated[str, StringConstraints(min_length=NAME_MIN, max_length=NAME_MAX), AfterValidator(_no_nul)]
Label = Annotated[str, StringConstraints(min_length=NAME_MIN, max_length=NAME_MAX), AfterValidator(_no_nul)]
LabelList = Annotated[list[Label], Field(max_length=500)]
ResourceId = Annotated[str, StringConstraints(min_length=1, max_length=64), AfterValidator(_no_nul)]


def _integral_number(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# Strict: lax pydantic would take true as 1 and "12" as 12; a JSON number is asked for. (Strict
# rather than a validator function keeps bounds as standard JSON Schema keywords.)
Number = Annotated[float, Strict()]
Integer = Annotated[int, Strict()]
# JSON Schema counts 2688.0 as an integer (a number whose fraction is zero), so the contract's
# "type": "integer" takes it, and so must the server: put WHOLE_NUMBER last in a bounded
# integer's Annotated[Integer, Field(ge=..., le=...), WHOLE_NUMBER]. (Before the bounds, it would
# make pydantic write them into the JSON Schema as "ge"/"le" instead of minimum/maximum.)
WHOLE_NUMBER = BeforeValidator(_integral_number)
Amount = Annotated[Number, Field(gt=0, le=AMOUNT_MAX)]
Currency = Annotated[str, AfterValidator(_currency), WithJsonSchema({"type": "string", "enum": sorted(ISO_4217_CODES)})]
CurrencyCode = Annotated[str, Field(pattern="^[A-Z]{3}$")]  # in responses: an ISO 4217 code
Email = Annotated[
    str, StringConstraints(max_length=254), AfterValidator(_email), Field(json_schema_extra={"format": "email"})
]
# The pattern says what the validator checks: years 1970-2100.
_DATE_PATTERN = "^(19[7-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
IsoDate = Annotated[
    date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_PATTERN})
]
Timestamp = Annotated[
    datetime,
    PlainSerializer(format_timestamp, return_type=str),
    WithJsonSchema({"type": "string", "format": "date-time"}),
]
