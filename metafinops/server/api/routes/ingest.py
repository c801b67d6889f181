"""``POST /v1/ingest/costs``, ``/gpu-metrics``, ``/token-usage``: add data, all or nothing.

A request's records are validated before anything is written (a bad one is a 422 naming
``records.<n>.<field>``) and committed in one transaction. The event engine then evaluates
budgets and alert policies, so alerts the new data causes exist when the response arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel
from starlette.responses import JSONResponse

from metafinops.server.analytics.ingest import (
    IngestSummary,
    insert_cost_records,
    insert_gpu_samples,
    insert_token_usage,
)
from metafinops.server.analytics.records import CostIngest, GpuMetricsIngest, TokenUsageIngest
from metafinops.server.api.deps import Write
from metafinops.server.api.routes import WRITE_ERRORS
from metafinops.server.api.state import server_state
from metafinops.server.schemas.common import Timestamp
from metafinops.server.schemas.envelope import Envelope

router = APIRouter(prefix="/ingest", tags=["ingestion"])


class IngestResult(BaseModel):
    """What an ingestion request added."""

    ingested: int
    first_timestamp: Timestamp | None
    last_timestamp: Timestamp | None


def _ingest(
    request: Request,
    write: Write,
    insert: Callable[[Any, Iterable[Any]], IngestSummary],
    records: list[Any],
) -> JSONResponse:
    summary = insert(write.session, records)
    result = IngestResult(ingested=summary.rows, first_timestamp=summary.first, last_timestamp=summary.last)
    response = write.commit(result, 201)
    events = server_state(request).events
    if events is not None and response.status_code == 201:
        events.evaluate_quietly()
    return response


@router.post("/costs", status_code=201, response_model=Envelope[IngestResult], responses=WRITE_ERRORS)
def ingest_costs(body: CostIngest, request: Request, write: Write) -> JSONResponse:
    """Add FOCUS-style cost rows (up to 10,000 per request)."""
    return _ingest(request, write, insert_cost_records, body.records)


@router.post("/gpu-metrics", status_code=201, response_model=Envelope[IngestResult], responses=WRITE_ERRORS)
def ingest_gpu_metrics(body: GpuMetricsIngest, request: Request, write: Write) -> JSONResponse:
    """Add GPU utilization samples (up to 10,000 per request)."""
    return _ingest(request, write, insert_gpu_samples, body.records)


@router.post("/token-usage", status_code=201, response_model=Envelope[IngestResult], responses=WRITE_ERRORS)
def ingest_token_usage(body: TokenUsageIngest, request: Request, write: Write) -> JSONResponse:
    """Add LLM token usage records (up to 10,000 per request)."""
    return _ingest(request, write, insert_token_usage, body.records)
