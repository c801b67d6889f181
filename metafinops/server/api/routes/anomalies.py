"""``GET /v1/anomalies``: detected cost anomalies (robust z-score, see :mod:`metafinops.server.analytics.anomalies`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from sqlalchemy import select
from starlette.responses import JSONResponse

from metafinops._contract import SEVERITIES, Severity
from metafinops.server.api.deps import Days, DbSession, PageParams, page_params
from metafinops.server.api.pagination import paginate
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS
from metafinops.server.db.models import Anomaly
from metafinops.server.schemas.analytics import AnomalyPublic
from metafinops.server.schemas.envelope import ListEnvelope

router = APIRouter(tags=["analytics"])


def _public(row: Anomaly) -> AnomalyPublic:
    return AnomalyPublic(
        id=row.id,
        date=row.day,
        service=row.service,
        account=row.account,
        expected_cost=row.expected_cost,
        actual_cost=row.actual_cost,
        impact=row.impact,
        severity=row.severity,
        method=row.method,
    )


@router.get("/anomalies", response_model=ListEnvelope[AnomalyPublic], responses=READ_ERRORS)
def list_anomalies(
    session: DbSession,
    days: Days,
    page: Annotated[PageParams, Depends(page_params("ano"))],
    min_severity: Annotated[Severity | None, Query(description="Only anomalies this severe or worse.")] = None,
) -> JSONResponse:
    """Days of a service in an account that cost far more than the same weekday usually does.

    Method ``robust_zscore_same_weekday``: modified z-score of the day's cost against the median
    and MAD of the same weekday over the previous eight weeks, flagged at z >= 3.5.
    """
    statement = select(Anomaly).where(Anomaly.day >= days.start, Anomaly.day <= days.end)
    if min_severity is not None:
        statement = statement.where(Anomaly.severity.in_(SEVERITIES[SEVERITIES.index(min_severity) :]))
    rows, pagination = paginate(session, statement, Anomaly.id, page, "ano")
    return success_response([_public(row) for row in rows], pagination=pagination)
