"""``GET /v1/gpu/idle``: idle GPU detection (the detector arrives with the event engine)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import GpuIdle
from metafinops.server.schemas.envelope import Envelope

router = APIRouter(tags=["analytics"])


@router.get("/gpu/idle", response_model=Envelope[GpuIdle], responses=READ_ERRORS)
def gpu_idle(
    threshold_percent: Annotated[float, Query(ge=0, le=100, allow_inf_nan=False)] = 10.0,
    min_minutes: Annotated[int, Query(ge=1, le=525_600)] = 60,
) -> JSONResponse:
    """GPU instances below ``threshold_percent`` utilization for at least ``min_minutes``."""
    result = GpuIdle(
        threshold_percent=threshold_percent,
        min_minutes=min_minutes,
        total_wasted_cost=0.0,
        currency="USD",
        instances=[],
    )
    return success_response(result)
