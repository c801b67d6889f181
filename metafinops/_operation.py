"""One API call described as data: method, path, query, body, and what ``data`` becomes.

Resource methods build an :class:`Operation`; :class:`~metafinops.Client` and
:class:`~metafinops.AsyncClient` carry it out. The helpers here turn Python arguments into
the wire format: ``None`` query parameters and :data:`~metafinops.NOT_GIVEN` body fields are
left out, dates become ``YYYY-MM-DD``, models and sets become JSON objects and lists.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar
from urllib.parse import quote

import pydantic

from metafinops._types import NotGiven

__all__ = ["Operation", "body", "jsonable", "path_param", "query"]

_T = TypeVar("_T")

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SECRET_FIELDS = frozenset({"secret"})  # body fields never to be shown in errors or logs


@dataclasses.dataclass(frozen=True)
class Operation(Generic[_T]):
    """An API call: ``data`` of the answer becomes a ``cast`` (for a list: each item does)."""

    method: str
    path: str
    cast: type[_T]
    params: Mapping[str, Any] | None = None
    json: Any = dataclasses.field(default=None, repr=False)  # None: no body
    idempotency_key: str | None = None
    enveloped: bool = True  # False: a file download, ``data`` is the raw body (bytes)

    @property
    def is_write(self) -> bool:
        return self.method.upper() in WRITE_METHODS

    @property
    def secrets(self) -> tuple[str, ...]:
        """Secret values in the body, to redact from anything the server echoes back."""
        fields = self.json if isinstance(self.json, Mapping) else {}
        return tuple(str(fields[name]) for name in SECRET_FIELDS if fields.get(name))

    def starting_after(self, cursor: str) -> Operation[_T]:
        """The same list call for the page after ``cursor``."""
        return dataclasses.replace(self, params={**(self.params or {}), "starting_after": cursor})


def path_param(name: str, value: str) -> str:
    """``value`` made safe for a URL path; a missing or blank id fails here, before any request."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"Expected a non-empty value for `{name}` but received {value!r}")
    return quote(value, safe="")


def query(**params: Any) -> dict[str, Any]:
    """Query parameters: ``None`` means "not given" (a query string has no null)."""
    return {name: jsonable(value) for name, value in params.items() if value is not None and not _omitted(value)}


def body(**fields: Any) -> dict[str, Any]:
    """A JSON body: NOT_GIVEN fields are left out, ``None`` is sent as ``null`` (clear it)."""
    return {name: jsonable(value) for name, value in fields.items() if not _omitted(value)}


def _omitted(value: Any) -> bool:
    return isinstance(value, NotGiven)


def jsonable(value: Any) -> Any:
    """``value`` with dates, models and sets turned into what JSON has."""
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", exclude_unset=True)
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items() if not _omitted(item)}
    if isinstance(value, set | frozenset):
        return sorted((jsonable(item) for item in value), key=str)
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):  # lists, tuples, generators
        return [jsonable(item) for item in value]
    return value
