"""Cost, token and GPU-utilization analytics: SQL aggregations over the ingested data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from starlette.responses import JSONResponse

from metafinops.server import analytics
from metafinops.server.api.deps import Days, DbSession
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.schemas.analytics import (
    CostByService,
    CostSummary,
    GpuUtilization,
    TokenCost,
    TokenUsageSummary,
)
from metafinops.server.schemas.common import Currency
from metafinops.server.schemas.envelope import Envelope

router = APIRouter(tags=["analytics"])

Filter = Annotated[str | None, Query(max_length=200)]
CurrencyParam = Annotated[
    Currency | None, Query(description="Report in this currency (default: the one most rows use).")
]


@router.get("/costs/summary", response_model=Envelope[CostSummary], responses=READ_ERRORS)
def costs_summary(
    session: DbSession,
    days: Days,
    service: Filter = None,
    account: Filter = None,
    provider: Filter = None,
    currency: CurrencyParam = None,
) -> JSONResponse:
    """Total cost over a date range, split by service."""
    summary = analytics.cost_summary(
        session, days, service=service, account=account, provider=provider, currency=currency
    )
    return success_response(summary)


@router.get("/costs/by-service", response_model=Envelope[CostByService], responses=READ_ERRORS)
def costs_by_service(session: DbSession, days: Days, currency: CurrencyParam = None) -> JSONResponse:
    """Cost per cloud service and provider, with each one's share of the total."""
    return success_response(analytics.cost_by_service(session, days, currency=currency))


@router.get("/gpu/utilization", response_model=Envelope[GpuUtilization], responses=READ_ERRORS)
def gpu_utilization(session: DbSession, days: Days) -> JSONResponse:
    """GPU utilization, memory, hours and cost per instance."""
    return success_response(analytics.gpu_utilization(session, days))


@router.get("/tokens/usage", response_model=Envelope[TokenUsageSummary], responses=READ_ERRORS)
def tokens_usage(session: DbSession, days: Days) -> JSONResponse:
    """Token consumption per model and provider."""
    return success_response(analytics.token_usage(session, days))


@router.get("/tokens/cost", response_model=Envelope[TokenCost], responses=READ_ERRORS)
def tokens_cost(session: DbSession, days: Days) -> JSONResponse:
    """Token cost per model and provider."""
    return success_response(analytics.token_cost(session, days))
