"""``GET /v1/carbon/footprint``: estimated emissions, from Cloud Carbon Footprint's published factors."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from metafinops.server.analytics.computed import carbon_footprint as estimate_footprint
from metafinops.server.api.deps import Days, DbSession
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import CarbonFootprint
from metafinops.server.schemas.envelope import Envelope

router = APIRouter(tags=["analytics"])


@router.get("/carbon/footprint", response_model=Envelope[CarbonFootprint], responses=READ_ERRORS)
def carbon_footprint(session: DbSession, days: Days) -> JSONResponse:
    """Estimated kg CO2e in a date range, by service and by region.

    Energy is estimated from spend per service category and from GPU utilization samples, and
    multiplied by the region's grid intensity (Cloud Carbon Footprint coefficients; US regions
    from EPA eGRID). Location-based, operational emissions only; cost rows in other currencies
    than USD are left out.
    """
    return success_response(estimate_footprint(session, days))
