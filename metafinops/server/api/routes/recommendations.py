"""``GET /v1/recommendations``: savings suggestions (the engine arrives with a later issue)."""

from __future__ import annotations

from fastapi import APIRouter
from starlette.responses import JSONResponse

from metafinops.server.api.deps import Paging
from metafinops.server.api.pagination import empty_page
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import RecommendationPublic
from metafinops.server.schemas.envelope import ListEnvelope

router = APIRouter(tags=["analytics"])


@router.get("/recommendations", response_model=ListEnvelope[RecommendationPublic], responses=READ_ERRORS)
def list_recommendations(page: Paging) -> JSONResponse:
    """Cost optimization recommendations."""
    return success_response([], pagination=empty_page(page))
