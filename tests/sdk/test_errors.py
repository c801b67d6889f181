"""From an error answer to the exception raised: class, fields, message, redaction."""

from __future__ import annotations

import httpx
import pytest

from metafinops import (
    APIConnectionError,
    APIError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MetaFinOpsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from metafinops._exceptions import status_error_from_response

from ._scripted import error


@pytest.mark.parametrize(
    ("status", "code", "cls"),
    [
        (400, "invalid_request", BadRequestError),
        (401, "unauthorized", AuthenticationError),
        (403, "forbidden", PermissionDeniedError),
        (404, "not_found", NotFoundError),
        (409, "conflict", ConflictError),
        (409, "idempotency_in_progress", ConflictError),
        (422, "validation_error", UnprocessableEntityError),
        (422, "idempotency_key_reused", UnprocessableEntityError),
        (429, "rate_limited", RateLimitError),
        (500, "internal_error", InternalServerError),
        (503, "unavailable", InternalServerError),
        (418, "teapot", APIStatusError),
    ],
)
def test_status_maps_to_its_class(status: int, code: str, cls: type[APIStatusError]) -> None:
    exc = status_error_from_response(error(status, code, "Nope."))
    assert type(exc) is cls
    assert (exc.status_code, exc.code, exc.message, exc.request_id) == (status, code, "Nope.", f"req_{status}")
    assert isinstance(exc, APIError) and isinstance(exc, MetaFinOpsError)


def test_hierarchy() -> None:
    assert issubclass(APITimeoutError, APIConnectionError)
    assert issubclass(APIConnectionError, APIError)
    assert issubclass(APIStatusError, APIError)
    assert issubclass(WebhookVerificationError, MetaFinOpsError)
    assert not issubclass(WebhookVerificationError, APIError)


def test_validation_message_names_each_field() -> None:
    response = error(
        422,
        "validation_error",
        "Request validation failed",
        [
            {"field": "amount", "message": "must be greater than 0"},
            {"field": "thresholds.0.percent", "message": "must be at most 1000"},
        ],
    )
    exc = status_error_from_response(response)
    assert exc.details == [
        {"field": "amount", "message": "must be greater than 0"},
        {"field": "thresholds.0.percent", "message": "must be at most 1000"},
    ]
    assert str(exc) == (
        "422 validation_error: Request validation failed. amount: must be greater than 0; "
        "thresholds.0.percent: must be at most 1000 (request_id: req_422)"
    )
    assert exc.body["error"]["code"] == "validation_error"


def test_request_id_falls_back_to_the_header() -> None:
    response = httpx.Response(502, text="<html>Bad gateway</html>", headers={"X-Request-Id": "req_from_header"})
    exc = status_error_from_response(response)
    assert type(exc) is InternalServerError
    assert exc.request_id == "req_from_header"
    assert exc.code is None and exc.body is None
    assert str(exc) == "HTTP 502: <html>Bad gateway</html> (request_id: req_from_header)"


def test_empty_error_body_uses_the_reason_phrase() -> None:
    exc = status_error_from_response(httpx.Response(404))
    assert type(exc) is NotFoundError
    assert str(exc) == "HTTP 404: Not Found"


def test_rate_limit_error_says_when_to_come_back() -> None:
    exc = status_error_from_response(error(429, "rate_limited", "Slow down.", Retry_After="7"))
    assert isinstance(exc, RateLimitError)
    assert exc.retry_after == 7.0


def test_an_echoed_secret_is_redacted() -> None:
    secret = 'whsec_"quoted"_0123456789abcdefghij'
    response = error(422, "validation_error", f"secret {secret} is weak", [{"field": "secret", "message": secret}])
    exc = status_error_from_response(response, secrets=[secret])
    assert secret not in str(exc)
    assert secret not in repr(exc.body)
    assert "[redacted]" in exc.message
    assert exc.details == [{"field": "secret", "message": "[redacted]"}]


def test_details_the_message_already_names_are_not_repeated() -> None:
    message = "amount: Input should be greater than 0"
    exc = status_error_from_response(
        error(422, "validation_error", message, [{"field": "amount", "message": "Input should be greater than 0"}])
    )
    assert str(exc) == "422 validation_error: amount: Input should be greater than 0 (request_id: req_422)"
