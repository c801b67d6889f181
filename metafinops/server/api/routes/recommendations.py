"""``GET /v1/recommendations``: idle GPUs, rightsizing and cheaper models, with monthly savings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.responses import JSONResponse

from metafinops.server.analytics.computed import recommendations
from metafinops.server.api.deps import DbSession, PageParams, page_params
from metafinops.server.api.errors import not_found
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import RecommendationPublic
from metafinops.server.schemas.envelope import ListEnvelope, Pagination
from metafinops.server.timeutil import utcnow

router = APIRouter(tags=["analytics"])


@router.get("/recommendations", response_model=ListEnvelope[RecommendationPublic], responses=READ_ERRORS)
def list_recommendations(session: DbSession, page: Annotated[PageParams, Depends(page_params("rec"))]) -> JSONResponse:
    """Cost optimization recommendations from the last 30 days of data, largest saving first.

    Ids are stable while a recommendation stays true, so ``starting_after`` pages through them.
    """
    items = recommendations(session, now=utcnow())
    start = 0
    if page.starting_after is not None:
        ids = [item.id for item in items]
        if page.starting_after not in ids:
            # like an unknown id anywhere: the recommendation stopped being true since that page
            raise not_found("current recommendation", page.starting_after)
        start = ids.index(page.starting_after) + 1
    chosen = items[start : start + page.limit]
    has_more = start + page.limit < len(items)
    pagination = Pagination(limit=page.limit, has_more=has_more, next_cursor=chosen[-1].id if has_more else None)
    return success_response(chosen, pagination=pagination)
