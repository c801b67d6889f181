"""What happens before any request body is read: authentication, rate limit, body size cap.

FastAPI reads and parses a JSON body before it runs a route's dependencies, so checking the
API key in a dependency meant a caller without a key could make the server read (and hold) a
body of any size, and a malformed body was answered 400 before the missing key's 401. This
ASGI layer runs first, from the headers alone:

1. requests to authenticated routes need a known, active key (401) within its plan's rate
   limit (429) — one database transaction;
2. a declared ``Content-Length`` over :data:`MAX_BODY_BYTES` is a 413 at once, and a body sent
   without a length (chunked) is counted as it arrives and refused with 413 when it passes
   the cap, so no more than the cap is ever held.

An answer given before the body is read closes the connection (``Connection: close``): the
unread body is dropped with it instead of being received and thrown away.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from metafinops.server.api.errors import ApiError
from metafinops.server.api.middleware import RATE_LIMIT_STATE_KEY
from metafinops.server.api.responses import error_response
from metafinops.server.apikeys import ApiKeyInfo, find_active_key
from metafinops.server.ratelimit import RateLimiter, RateLimitStatus

__all__ = ["CALLER_STATE_KEY", "MAX_BODY_BYTES", "RequestGate", "identify_caller"]

MAX_BODY_BYTES = 10 * 1024 * 1024  # 10 MiB: 10,000 ingestion records fit with room to spare
CALLER_STATE_KEY = "caller"


def _too_large() -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        f"Request body is larger than {MAX_BODY_BYTES} bytes; send fewer records per request.",
    )


def identify_caller(
    sessions: sessionmaker[Session], limiter: RateLimiter, authorization: str | None
) -> tuple[ApiKeyInfo | None, RateLimitStatus | None, ApiError | None]:
    """The caller of ``Authorization: Bearer <key>``, counted against its plan's limit."""
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        error = ApiError(401, "unauthorized", "Missing API key.", headers={"WWW-Authenticate": "Bearer"})
        return None, None, error
    with sessions() as session:
        caller = find_active_key(session, token)
        if caller is None:
            error = ApiError(401, "unauthorized", "Unknown or revoked API key.", headers={"WWW-Authenticate": "Bearer"})
            return None, None, error
        status = limiter.hit(session, caller.id, caller.plan)
        session.commit()
    if not status.allowed:
        error = ApiError(
            429,
            "rate_limited",
            f"Rate limit of {status.limit} requests exceeded; retry in {status.reset_seconds} s.",
            headers={"Retry-After": str(status.reset_seconds)},
        )
        return caller, status, error
    return caller, status, None


class RequestGate:
    """Authenticate and rate-limit from headers, then let at most the cap of body through."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        needs_key: Callable[[Scope], bool],
        sessions: Callable[[], sessionmaker[Session]],
        limiter: Callable[[], RateLimiter],
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        self.app = app
        self._needs_key = needs_key
        self._sessions = sessions
        self._limiter = limiter
        self._max = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        has_body = "content-length" in headers or "chunked" in headers.get("transfer-encoding", "").lower()
        state: dict[str, Any] = scope.setdefault("state", {})
        if self._needs_key(scope):
            caller, status, error = await run_in_threadpool(
                identify_caller, self._sessions(), self._limiter(), headers.get("authorization")
            )
            if status is not None:
                state[RATE_LIMIT_STATE_KEY] = status
            if error is not None:
                await self._refuse(error, has_body, scope, receive, send)
                return
            state[CALLER_STATE_KEY] = caller
        declared = headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(
                    ApiError(400, "invalid_request", "Content-Length must be a number of bytes."),
                    has_body,
                    scope,
                    receive,
                    send,
                )
                return
            if int(declared) > self._max:
                await self._refuse(_too_large(), has_body, scope, receive, send)
                return
        await self.app(scope, self._capped(receive), send)

    async def _refuse(self, error: ApiError, has_body: bool, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(error.headers)
        if has_body:
            headers["Connection"] = "close"
        response = error_response(error.status_code, error.code, error.message, error.details, headers)
        await response(scope, receive, send)

    def _capped(self, receive: Receive) -> Receive:
        received = 0
        limit = self._max

        async def capped_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, _too_large().message, headers={"Connection": "close"})
            return message

        return capped_receive
