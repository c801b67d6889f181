"""``GET /v1/gpu/idle``: GPU instances below a utilization threshold for a while, and what that wasted."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from metafinops._contract import MINUTES_MAX, UTILIZATION_PERCENT_MAX
from metafinops.server.analytics.computed import idle_gpus
from metafinops.server.api.deps import DbSession
from metafinops.server.api.errors import invalid_request
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import GpuIdle
from metafinops.server.schemas.common import IsoDate
from metafinops.server.schemas.envelope import Envelope
from metafinops.server.timeutil import day_start, next_day_start, utcnow

router = APIRouter(tags=["analytics"])

DEFAULT_WINDOW_DAYS = 7


@router.get("/gpu/idle", response_model=Envelope[GpuIdle], responses=READ_ERRORS)
def gpu_idle(
    session: DbSession,
    threshold_percent: Annotated[float, Query(ge=0, le=UTILIZATION_PERCENT_MAX, allow_inf_nan=False)] = 10.0,
    min_minutes: Annotated[int, Query(ge=1, le=MINUTES_MAX)] = 60,
    start: Annotated[IsoDate | None, Query(description="First day looked at (default: 6 days before end).")] = None,
    end: Annotated[IsoDate | None, Query(description="Last day looked at, inclusive (default: today).")] = None,
) -> JSONResponse:
    """Instances below ``threshold_percent`` utilization for ``min_minutes`` or longer, with the cost of that time."""
    last = end or utcnow().date()
    first = start or last - timedelta(days=DEFAULT_WINDOW_DAYS - 1)
    if last < first:
        raise invalid_request("end must not be before start.", field="end")
    result = idle_gpus(
        session,
        threshold_percent=threshold_percent,
        min_minutes=min_minutes,
        since=day_start(first),
        until=next_day_start(last),
    )
    return success_response(result)
