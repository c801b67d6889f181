"""API errors and the handlers that turn every failure into an enveloped error response."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match

from metafinops.server.api.responses import error_response

__all__ = [
    "ApiError",
    "FieldError",
    "install_error_handlers",
    "invalid_request",
    "not_found",
    "validation_failed",
]

FieldError = dict[str, str]  # {"field": "thresholds.0.percent", "message": "..."}

_CODE_BY_STATUS = {
    400: "invalid_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
}


class ApiError(Exception):
    """An error the API reports on purpose, with its HTTP status and ``error.code``."""

    def __init__(
        self,
        status_code: int,
        code: str,
        message: str,
        *,
        details: Sequence[FieldError] = (),
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = list(details)
        self.headers = dict(headers or {})


def not_found(kind: str, resource_id: str) -> ApiError:
    """404 for an unknown id."""
    return ApiError(404, "not_found", f"No {kind} with id {resource_id!r}.")


def validation_failed(details: Sequence[FieldError], message: str | None = None) -> ApiError:
    """422 ``validation_error`` naming the offending fields."""
    if message is None:
        message = "; ".join(f"{d['field']}: {d['message']}" for d in details) or "Invalid request body."
    return ApiError(422, "validation_error", message, details=details)


def invalid_request(message: str, field: str | None = None) -> ApiError:
    """400 ``invalid_request`` (a malformed body or a bad query parameter)."""
    details = [{"field": field, "message": message}] if field else []
    return ApiError(400, "invalid_request", message, details=details)


def _clean_message(message: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def _translate_validation(errors: Sequence[Any]) -> ApiError:
    """FastAPI's error list → 400 for bad JSON / query / headers, 422 for a bad body."""
    details: list[FieldError] = []
    body_only = True
    for error in errors:
        loc = tuple(error.get("loc", ()))
        source = str(loc[0]) if loc else "body"
        if error.get("type") == "json_invalid":
            reason = (error.get("ctx") or {}).get("error", "malformed JSON")
            return invalid_request(f"Request body is not valid JSON: {reason}.", field="body")
        if source != "body":
            body_only = False
        field = ".".join(str(part) for part in loc[1:]) or source
        details.append({"field": field, "message": _clean_message(str(error.get("msg", "invalid")))})
    if body_only:
        return validation_failed(details)
    message = "; ".join(f"{d['field']}: {d['message']}" for d in details)
    return ApiError(400, "invalid_request", message, details=details)


async def _api_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    return error_response(exc.status_code, exc.code, exc.message, exc.details, exc.headers)


async def _request_validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return await _api_error(request, _translate_validation(exc.errors()))


_METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route serves on this request's path (Starlette names only the first route's)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _CODE_BY_STATUS.get(exc.status_code, "internal_error" if exc.status_code >= 500 else "error")
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        message = "Not found."
    elif exc.status_code == 405:
        message = "Method not allowed on this path."
        headers["Allow"] = ", ".join(allowed_methods(request))
    else:
        message = str(exc.detail)
    return error_response(exc.status_code, code, message, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Envelope FastAPI's own errors (404, 405, 422) and ours."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_exception)
