"""Building enveloped responses. The middleware sets the request id for the current request."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextvars import ContextVar
from typing import Any

from pydantic import BaseModel
from starlette.responses import JSONResponse

from metafinops.server.ids import new_id
from metafinops.server.schemas.envelope import Pagination
from metafinops.server.timeutil import format_timestamp, utcnow

__all__ = ["current_request_id", "error_response", "jsonable", "request_id_var", "success_response"]

request_id_var: ContextVar[str | None] = ContextVar("metafinops_request_id", default=None)


def current_request_id() -> str:
    """The id of the request being served (``req_…``)."""
    request_id = request_id_var.get()
    if request_id is None:  # outside the middleware (should not happen): still answer with an id
        request_id = new_id("req")
        request_id_var.set(request_id)
    return request_id


def jsonable(data: Any) -> Any:
    """Models and lists of models as JSON-ready Python values."""
    if isinstance(data, BaseModel):
        return data.model_dump(mode="json")
    if isinstance(data, list | tuple):
        return [jsonable(item) for item in data]
    return data


def _meta(pagination: Pagination | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"request_id": current_request_id(), "timestamp": format_timestamp(utcnow())}
    if pagination is not None:
        meta["pagination"] = pagination.model_dump()
    return meta


def success_response(
    data: Any,
    status_code: int = 200,
    *,
    pagination: Pagination | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """``{"status": "success", "data": ..., "meta": ...}``."""
    body = {"status": "success", "data": jsonable(data), "meta": _meta(pagination)}
    return JSONResponse(body, status_code=status_code, headers=headers)


def error_response(
    status_code: int,
    code: str,
    message: str,
    details: Sequence[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """``{"status": "error", "error": {"code", "message", "details"}, "meta": ...}``."""
    body = {
        "status": "error",
        "error": {"code": code, "message": message, "details": [dict(detail) for detail in details]},
        "meta": _meta(),
    }
    return JSONResponse(body, status_code=status_code, headers=headers)
