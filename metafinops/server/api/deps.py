"""Typed FastAPI dependencies: database session, settings, caller, write guard, paging."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import delete
from sqlalchemy.orm import Session

from metafinops.server.analytics import DateRange
from metafinops.server.api.errors import ApiError, invalid_request
from metafinops.server.api.gate import CALLER_STATE_KEY
from metafinops.server.api.idempotency import (
    WriteContext,
    check_record,
    find_record,
    fingerprint,
    in_progress_error,
    purge_expired,
)
from metafinops.server.api.state import server_state
from metafinops.server.apikeys import ApiKeyInfo, record_key_use
from metafinops.server.db.models import IdempotencyRecord
from metafinops.server.schemas.common import IsoDate
from metafinops.server.settings import Settings
from metafinops.server.timeutil import utcnow

__all__ = [
    "AppSettings",
    "CurrentKey",
    "Days",
    "DbSession",
    "PageParams",
    "Write",
    "authenticate",
    "page_params",
]

_bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer mfo_…`.")


def get_settings(request: Request) -> Settings:
    """The settings of the serving app."""
    return server_state(request).settings


def get_db(request: Request) -> Iterator[Session]:
    """A session for this request; uncommitted work is rolled back when it closes."""
    with server_state(request).sessions() as session:
        yield session


AppSettings = Annotated[Settings, Depends(get_settings)]
# scope="function": closed as soon as the route returns, before the response is sent.
DbSession = Annotated[Session, Depends(get_db, scope="function")]


def authenticate(
    request: Request,
    session: DbSession,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiKeyInfo:
    """The caller, identified and counted by the request gate before the body was read."""
    caller = request.scope.get("state", {}).get(CALLER_STATE_KEY)
    if not isinstance(caller, ApiKeyInfo):  # a route outside the gate: refuse rather than serve
        raise ApiError(401, "unauthorized", "Missing API key.", headers={"WWW-Authenticate": "Bearer"})
    record_key_use(session, caller)  # "last used" in the dashboard's key list (at most a write a minute)
    return caller


CurrentKey = Annotated[ApiKeyInfo, Depends(authenticate)]


async def _request_fingerprint(request: Request) -> str:
    return fingerprint(request.method, request.url.path, await request.body())


def idempotent_write(
    request: Request,
    session: DbSession,
    caller: CurrentKey,
    request_fingerprint: Annotated[str, Depends(_request_fingerprint)],
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            description="Replays the first response for a repeated write (kept 24 h).",
        ),
    ] = None,
) -> Iterator[WriteContext]:
    """Guard a write with the caller's ``Idempotency-Key``, if it sent one."""
    guard = server_state(request).idempotency
    expires_before = utcnow() - guard.ttl
    if guard.purge_due():
        purge_expired(session, guard.ttl)
    write = WriteContext(
        session=session,
        api_key_id=caller.id,
        key=idempotency_key,
        fingerprint=request_fingerprint,
        method=request.method,
        path=request.url.path,
    )
    if idempotency_key is None:
        yield write
        return
    if not guard.acquire(caller.id, idempotency_key):
        raise in_progress_error()
    try:
        record = find_record(session, caller.id, idempotency_key)
        if record is not None and record.created_at < expires_before:
            session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record.id))
            record = None
        if record is not None:
            raise check_record(session, record, request_fingerprint)
        yield write
    finally:
        guard.release(caller.id, idempotency_key)


# scope="function": the key leaves "in flight" before the response is sent, so a client that
# retries the moment it has the answer gets the replay, not a spurious 409.
Write = Annotated[WriteContext, Depends(idempotent_write, scope="function")]


@dataclass(frozen=True)
class PageParams:
    """``limit`` and ``starting_after`` of a list request."""

    limit: int
    starting_after: str | None


_Limit = Annotated[int, Query(ge=1, le=100, description="Items per page (1-100).")]


def page_params(prefix: str) -> Callable[..., PageParams]:
    """The ``limit`` / ``starting_after`` dependency of a list of ``prefix_…`` ids.

    The cursor's pattern is in the OpenAPI document, so a validator knows which values are
    valid (a cursor of another kind of id is a 400 naming ``starting_after``).
    """

    def params(limit: _Limit = 20, starting_after: str | None = None) -> PageParams:
        return PageParams(limit=limit, starting_after=starting_after)

    # Set as objects, not strings: FastAPI resolves string annotations in module globals only.
    cursor = Query(
        max_length=64,
        pattern=f"^{prefix}_[0-9a-z]{{1,60}}$",
        description=f"The previous page's `next_cursor` (a `{prefix}_…` id).",
    )
    params.__annotations__ = {
        "limit": _Limit,
        "starting_after": Annotated[str | None, cursor],
        "return": PageParams,
    }
    return params


def _date_range(
    start: Annotated[
        IsoDate | None, Query(description="First day, `YYYY-MM-DD` (default: first day of this month).")
    ] = None,
    end: Annotated[IsoDate | None, Query(description="Last day, inclusive (default: last day of this month).")] = None,
) -> DateRange:
    today = utcnow().date()
    month_start = today.replace(day=1)
    next_month = (month_start + timedelta(days=32)).replace(day=1)
    days = DateRange(start=start or month_start, end=end or next_month - timedelta(days=1))
    if days.end < days.start:
        raise invalid_request("end must not be before start.", field="end")
    return days


Days = Annotated[DateRange, Depends(_date_range)]
