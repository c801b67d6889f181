"""The errors the SDK raises.

Our exception hierarchy::

    MetaFinOpsError                   anything this SDK raises on purpose (e.g. no API key)
    ├── APIError                      something went wrong talking to the API
    │   ├── APIStatusError            the API answered with an HTTP error status
    │   │   ├── BadRequestError           400 invalid_request
    │   │   ├── AuthenticationError       401 unauthorized
    │   │   ├── PermissionDeniedError     403 forbidden
    │   │   ├── NotFoundError             404 not_found
    │   │   ├── ConflictError             409 conflict, idempotency_in_progress
    │   │   ├── UnprocessableEntityError  422 validation_error, idempotency_key_reused
    │   │   ├── RateLimitError            429 rate_limited
    │   │   └── InternalServerError       500 and above
    │   ├── APIConnectionError        no answer: DNS, refused connection, reset, …
    │   │   └── APITimeoutError       no answer in time
    │   └── APIResponseValidationError  an answer that is not the v1 envelope we expect
    └── WebhookVerificationError      a webhook delivery whose signature or timestamp is wrong

An :class:`APIStatusError` carries what the server said: ``status_code``, ``code``
(``"validation_error"`` …), ``message``, ``details`` (``[{"field": "amount", "message": …}]``),
``request_id`` (quote it to support) and the parsed ``body``. Its text names what to fix::

    422 validation_error: Request validation failed. amount: must be greater than 0 (request_id: req_1f2e)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "MetaFinOpsError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WebhookVerificationError",
]

REDACTED = "[redacted]"
_MAX_RAW_TEXT = 200  # how much of a non-JSON error body goes into a message


class MetaFinOpsError(Exception):
    """Base class of every error this SDK raises on purpose."""


class APIError(MetaFinOpsError):
    """Talking to the MetaFinOps API failed."""

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class APIResponseValidationError(APIError):
    """The API answered, but not with the v1 envelope or the fields this SDK expects."""

    def __init__(self, message: str, *, request_id: str | None) -> None:
        super().__init__(message)
        self.request_id = request_id

    def __str__(self) -> str:
        return f"{self.message} (request_id: {self.request_id})" if self.request_id else self.message


class APIConnectionError(APIError):
    """No HTTP answer: the connection could not be made or broke."""

    def __init__(self, message: str = "Connection error.") -> None:
        super().__init__(message)


class APITimeoutError(APIConnectionError):
    """No HTTP answer within the client's ``timeout``."""

    def __init__(self, message: str = "Request timed out.") -> None:
        super().__init__(message)


class APIStatusError(APIError):
    """The API answered with an HTTP error status (4xx/5xx).

    ``message`` is the server's own message; ``str(error)`` adds the status, the code, the
    fields at fault and the request id.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        body: Any,
        code: str | None,
        details: list[dict[str, Any]],
        request_id: str | None,
    ) -> None:
        super().__init__(message)
        self.response = response
        self.status_code: int = response.status_code
        self.body = body
        self.code = code
        self.details = details
        self.request_id = request_id

    def __str__(self) -> str:
        head = f"{self.status_code} {self.code}" if self.code else f"HTTP {self.status_code}"
        text = f"{head}: {self.message}"
        described = (_describe_detail(detail) for detail in self.details)
        fields = "; ".join(d for d in described if d and d not in self.message)  # not twice
        if fields:
            text = f"{text.rstrip('.')}. {fields}"
        if self.request_id:
            text = f"{text} (request_id: {self.request_id})"
        return text


class BadRequestError(APIStatusError):
    """400: malformed JSON or a bad query parameter."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing, unknown or revoked."""


class PermissionDeniedError(APIStatusError):
    """403: the API key may not do this."""


class NotFoundError(APIStatusError):
    """404: no object with this id (or no such path)."""


class ConflictError(APIStatusError):
    """409: the object's state forbids this, or the same ``Idempotency-Key`` is still running."""


class UnprocessableEntityError(APIStatusError):
    """422: the request failed validation; ``details`` names each field at fault."""


class RateLimitError(APIStatusError):
    """429: the API key's rate limit is exhausted; ``retry_after`` says for how long (seconds)."""

    @property
    def retry_after(self) -> float | None:
        from metafinops._retry import parse_retry_after

        return parse_retry_after(self.response.headers.get("Retry-After"))


class InternalServerError(APIStatusError):
    """500 and above: the API failed; the SDK retries these."""


class WebhookVerificationError(MetaFinOpsError):
    """A webhook delivery's signature does not match, or its timestamp is too old or new."""


_ERRORS_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_from_response(response: httpx.Response, *, secrets: Iterable[str] = ()) -> APIStatusError:
    """The :class:`APIStatusError` subclass for an error ``response``.

    ``secrets`` (e.g. a webhook secret that was in the request) are replaced by
    ``[redacted]`` wherever the server echoed them, before anything reaches a message.
    """
    text = _redact(response.text, secrets)
    try:
        body: Any = json.loads(text) if text else None
    except ValueError:
        body = None
    error = body.get("error") if isinstance(body, Mapping) else None
    if isinstance(error, Mapping):
        code = error.get("code") if isinstance(error.get("code"), str) else None
        message = str(error.get("message") or response.reason_phrase or "Error")
        raw_details = error.get("details")
        details = [dict(d) for d in raw_details if isinstance(d, Mapping)] if isinstance(raw_details, list) else []
    else:
        code = None
        message = text.strip()[:_MAX_RAW_TEXT] or response.reason_phrase or "Error"
        details = []
    meta = body.get("meta") if isinstance(body, Mapping) else None
    request_id = meta.get("request_id") if isinstance(meta, Mapping) else None
    request_id = request_id or response.headers.get("X-Request-Id")
    status = response.status_code
    cls = _ERRORS_BY_STATUS.get(status, InternalServerError if status >= 500 else APIStatusError)
    return cls(message, response=response, body=body, code=code, details=details, request_id=request_id)


def _describe_detail(detail: Mapping[str, Any]) -> str:
    field, message = detail.get("field"), detail.get("message")
    if field and message:
        return f"{field}: {message}"
    return str(message or field or "")


def _redact(text: str, secrets: Iterable[str]) -> str:
    for secret in filter(None, secrets):
        # the secret as it was sent, and as JSON would escape it inside a string
        for form in {secret, json.dumps(secret)[1:-1]}:
            text = text.replace(form, REDACTED)
    return text
