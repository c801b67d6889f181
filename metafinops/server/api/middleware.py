"""The outermost layer: request ids, rate-limit headers, and a 500 envelope for crashes."""

from __future__ import annotations

import logging
import re

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from metafinops.server.api.responses import error_response, request_id_var
from metafinops.server.ids import new_id
from metafinops.server.ratelimit import RateLimitStatus

__all__ = ["RATE_LIMIT_STATE_KEY", "REQUEST_ID_PATTERN", "RequestContextMiddleware", "incoming_request_id"]

logger = logging.getLogger("metafinops.server")

RATE_LIMIT_STATE_KEY = "rate_limit"


# What a caller's own X-Request-Id may look like to be reused (a proxy's or a client's trace id):
# short, printable, nothing a log line or header could be broken with.
REQUEST_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


def incoming_request_id(scope: Scope) -> str | None:
    """The request's own ``X-Request-Id`` when it is well-formed (else a new one is made)."""
    for name, value in scope.get("headers", ()):
        if name == b"x-request-id":
            text = value.decode("latin-1")
            return text if REQUEST_ID_PATTERN.fullmatch(text) else None
    return None


class RequestContextMiddleware:
    """Gives each request an id (``X-Request-Id``, ``meta.request_id``; a well-formed incoming
    ``X-Request-Id`` is kept), adds the caller's
    ``X-RateLimit-*`` headers once authentication has counted the request, and answers an
    unhandled exception with a bare ``internal_error`` envelope (the traceback goes to the log).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = scope.setdefault("state", {})
        request_id = incoming_request_id(scope) or new_id("req")
        token = request_id_var.set(request_id)
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                headers = MutableHeaders(scope=message)
                headers["X-Request-Id"] = request_id
                rate_limit = state.get(RATE_LIMIT_STATE_KEY)
                if isinstance(rate_limit, RateLimitStatus):
                    headers.update(rate_limit.headers())
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            logger.exception("unhandled error in %s %s (%s)", scope.get("method"), scope.get("path"), request_id)
            if response_started:
                raise
            response = error_response(500, "internal_error", "Internal server error.")
            await response(scope, receive, send_with_headers)
        finally:
            request_id_var.reset(token)
