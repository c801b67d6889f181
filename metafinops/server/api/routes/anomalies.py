"""``GET /v1/anomalies``: detected cost anomalies (the detector arrives with the event engine)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from metafinops.server.api.deps import Days, Paging
from metafinops.server.api.pagination import empty_page
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import AnomalyPublic
from metafinops.server.schemas.envelope import ListEnvelope

router = APIRouter(tags=["analytics"])

Severity = Literal["low", "medium", "high", "critical"]


@router.get("/anomalies", response_model=ListEnvelope[AnomalyPublic], responses=READ_ERRORS)
def list_anomalies(
    days: Days,
    page: Paging,
    min_severity: Annotated[Severity | None, Query()] = None,
) -> JSONResponse:
    """Cost anomalies in a date range, at or above ``min_severity``."""
    del days, min_severity  # validated; used once anomalies are detected
    return success_response([], pagination=empty_page(page))
