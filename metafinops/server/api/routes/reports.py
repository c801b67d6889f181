"""``POST /v1/reports/generate`` and ``GET /v1/reports/{id}/download``.

A report is rendered once, when generated, and stored: downloading it later gives the same
file even after more data arrives. Generating one emits ``report.generated`` with its
download URL to the subscriptions that list that event.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse, Response

from metafinops.server.analytics import DateRange
from metafinops.server.analytics.computed import report_content
from metafinops.server.api.deps import DbSession, Write
from metafinops.server.api.errors import not_found, validation_failed
from metafinops.server.api.routes import READ_ERRORS, WRITE_ERRORS
from metafinops.server.api.state import server_state
from metafinops.server.db.models import Report
from metafinops.server.events.engine import emit_report_generated
from metafinops.server.ids import new_id
from metafinops.server.schemas.analytics import Period, ReportCreate, ReportPublic
from metafinops.server.schemas.envelope import Envelope
from metafinops.server.timeutil import utcnow

router = APIRouter(prefix="/reports", tags=["reports"])

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json"}


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
    now = utcnow()
    report_id = new_id("rep")
    days = DateRange(start=body.start, end=body.end)
    report = Report(
        id=report_id,
        format=body.format,
        period_start=body.start,
        period_end=body.end,
        created_at=now,
        content=report_content(session, days, body.format, report_id),
    )
    session.add(report)
    public = _public(report, request)
    emit_report_generated(
        session,
        report_id=report.id,
        data={
            "report_id": report.id,
            "format": report.format,
            "period": {"start": body.start.isoformat(), "end": body.end.isoformat()},
            "download_url": public.download_url,
        },
        now=now,
    )
    response = write.commit(public, 201)
    events = server_state(request).events
    if events is not None:
        events.worker.wake()
    return response


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
    content = report.content
    if content is None:  # generated before reports were stored
        days = DateRange(start=report.period_start, end=report.period_end)
        content = report_content(session, days, report.format, report.id)
    filename = f"{report.id}.{report.format}"
    return Response(
        content.encode("utf-8"),
        media_type=MEDIA_TYPES.get(report.format, "application/octet-stream"),
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
