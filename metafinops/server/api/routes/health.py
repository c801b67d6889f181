"""``GET /v1/health``: liveness and database reachability (no API key needed)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from starlette.responses import JSONResponse

from metafinops.server.api.deps import DbSession
from metafinops.server.api.errors import ApiError
from metafinops.server.api.responses import success_response
from metafinops.server.api.state import server_state
from metafinops.server.schemas.envelope import Envelope, error_responses

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """Server health."""

    status: str
    version: str
    database: str


@router.head("/health", include_in_schema=False)  # load balancers and uptime probes use HEAD
@router.get("/health", response_model=Envelope[Health], responses=error_responses(503))
def health(request: Request, session: DbSession) -> JSONResponse:
    """Is the server up and its database reachable?"""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        raise ApiError(503, "unavailable", "The database is not reachable.") from None
    return success_response(Health(status="ok", version=server_state(request).version, database="ok"))
