"""The response envelope, as models for the OpenAPI document (responses are built as dicts)."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

__all__ = ["Deleted", "Envelope", "ErrorEnvelope", "ListEnvelope", "Pagination", "error_responses"]

T = TypeVar("T")


class Meta(BaseModel):
    """Request id and server time of a response."""

    request_id: str
    timestamp: str


class Pagination(BaseModel):
    """Cursor state of a list page: pass ``next_cursor`` as ``starting_after``."""

    limit: int
    has_more: bool
    next_cursor: str | None


class ListMeta(Meta):
    """Meta of a list response."""

    pagination: Pagination


class Envelope(BaseModel, Generic[T]):
    """A successful response carrying one object."""

    status: Literal["success"]
    data: T
    meta: Meta


class ListEnvelope(BaseModel, Generic[T]):
    """A successful response carrying one page of a list."""

    status: Literal["success"]
    data: list[T]
    meta: ListMeta


class ErrorDetail(BaseModel):
    """One problem with one field (dotted path, e.g. ``thresholds.0.percent``)."""

    field: str
    message: str


class ErrorBody(BaseModel):
    """What went wrong: a stable code, a message for people, per-field details."""

    code: str
    message: str
    details: list[ErrorDetail]


class ErrorEnvelope(BaseModel):
    """An error response."""

    status: Literal["error"]
    error: ErrorBody
    meta: Meta


class Deleted(BaseModel):
    """What DELETE returns."""

    id: str
    deleted: bool


def error_responses(*status_codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI ``responses`` entries documenting the error envelope for these statuses."""
    return {code: {"model": ErrorEnvelope, "description": "Error"} for code in status_codes}
