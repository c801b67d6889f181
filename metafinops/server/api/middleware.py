"""The outermost layer: request ids, rate-limit headers, and a 500 envelope for crashes."""

from __future__ import annotations

import logging

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from metafinops.server.api.responses import error_response, request_id_var
from metafinops.server.ids import new_id
from metafinops.server.ratelimit import RateLimitStatus

__all__ = ["RATE_LIMIT_STATE_KEY", "RequestContextMiddleware"]

logger = logging.getLogger("metafinops.server")

RATE_LIMIT_STATE_KEY = "rate_limit"


class RequestContextMiddleware:
    """Gives each request an id (``X-Request-Id``, ``meta.request_id``), adds the caller's
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
        request_id = new_id("req")
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
