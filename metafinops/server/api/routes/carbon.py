"""``GET /v1/carbon/footprint``: emissions estimate (the model arrives with a later issue)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from metafinops.server.api.deps import Days
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import CarbonFootprint
from metafinops.server.schemas.envelope import Envelope

router = APIRouter(tags=["analytics"])


@router.get("/carbon/footprint", response_model=Envelope[CarbonFootprint], responses=READ_ERRORS)
def carbon_footprint(days: Days) -> JSONResponse:
    """Estimated kg CO2e in a date range, by service and by region."""
    return success_response(CarbonFootprint(period=days.period, total_kgco2e=0.0, services=[], regions=[]))
