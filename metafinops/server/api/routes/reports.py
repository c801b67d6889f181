"""``POST /v1/reports/generate`` and ``GET /v1/reports/{id}/download``.

A report is the cost-by-service breakdown of its period, rendered when downloaded.
"""

from __future__ import annotations

import csv
import io
import json

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse, Response

from metafinops.server import analytics
from metafinops.server.api.deps import DbSession, Write
from metafinops.server.api.errors import not_found, validation_failed
from metafinops.server.api.routes import READ_ERRORS, WRITE_ERRORS
from metafinops.server.db.models import Report
from metafinops.server.ids import new_id
from metafinops.server.schemas.analytics import Period, ReportCreate, ReportPublic
from metafinops.server.schemas.envelope import Envelope
from metafinops.server.timeutil import utcnow

router = APIRouter(prefix="/reports", tags=["reports"])


def _public(report: Report, request: Request) -> ReportPublic:
    return ReportPublic(
        id=report.id,
        status="ready",
        format=report.format,
        period=Period(start=report.period_start, end=report.period_end),
        download_url=str(request.url_for("download_report", report_id=report.id)),
        created_at=report.created_at,
    )


@router.post("/generate", status_code=201, response_model=Envelope[ReportPublic], responses=WRITE_ERRORS)
def generate_report(body: ReportCreate, request: Request, session: DbSession, write: Write) -> JSONResponse:
    """Generate a cost report for a date range, as JSON or CSV."""
    if body.end < body.start:
        raise validation_failed([{"field": "end", "message": "must not be before start"}])
    report = Report(
        id=new_id("rep"), format=body.format, period_start=body.start, period_end=body.end, created_at=utcnow()
    )
    session.add(report)
    return write.commit(_public(report, request), 201)


def _render(session: Session, report: Report) -> tuple[bytes, str]:
    days = analytics.DateRange(start=report.period_start, end=report.period_end)
    breakdown = analytics.cost_by_service(session, days)
    if report.format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["service", "provider", "cost", "percent", "currency"])
        for row in breakdown.services:
            writer.writerow([row.service, row.provider, row.cost, row.percent, breakdown.currency])
        return buffer.getvalue().encode(), "text/csv; charset=utf-8"
    document = {"id": report.id, **breakdown.model_dump(mode="json")}
    return json.dumps(document, indent=2).encode(), "application/json"


@router.get(
    "/{report_id}/download",
    name="download_report",
    responses={200: {"content": {"application/json": {}, "text/csv": {}}}, **READ_ERRORS},
)
def download_report(report_id: str, session: DbSession) -> Response:
    """The report file itself (not enveloped)."""
    report = session.get(Report, report_id)
    if report is None:
        raise not_found("report", report_id)
    content, media_type = _render(session, report)
    filename = f"{report.id}.{report.format}"
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )
