"""``/v1/budgets``: CRUD and the alert history of a budget."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.responses import JSONResponse

from metafinops.server.api.deps import DbSession, PageParams, Write, page_params
from metafinops.server.api.errors import FieldError, not_found, validation_failed
from metafinops.server.api.pagination import paginate
from metafinops.server.api.responses import success_response
from metafinops.server.api.routes import READ_ERRORS, WRITE_ERRORS, apply_changes
from metafinops.server.api.state import server_state
from metafinops.server.db.models import Budget, BudgetAlert
from metafinops.server.ids import new_id
from metafinops.server.references import detach_budget
from metafinops.server.schemas.budgets import (
    BudgetAlertPublic,
    BudgetCreate,
    BudgetFilters,
    BudgetPublic,
    BudgetUpdate,
    Threshold,
)
from metafinops.server.schemas.envelope import Deleted, Envelope, ListEnvelope
from metafinops.server.timeutil import utcnow

router = APIRouter(prefix="/budgets", tags=["budgets"])


def period_start(period: str, today: date) -> date:
    """The first day of the monthly, quarterly or annual period containing ``today``."""
    if period == "annual":
        return today.replace(month=1, day=1)
    if period == "quarterly":
        return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    return today.replace(day=1)


def _stored_filters(filters: BudgetFilters | None) -> dict[str, Any] | None:
    if filters is None:
        return None
    lists = {
        name: list(dict.fromkeys(getattr(filters, name) or []))
        for name in ("services", "accounts", "providers", "models")
    }
    return {**lists, "tags": dict(filters.tags or {})}


def _stored_thresholds(thresholds: list[Threshold] | None) -> list[dict[str, Any]]:
    seen: dict[tuple[float, str], int] = {}
    errors: list[FieldError] = []
    for index, threshold in enumerate(thresholds or []):
        first = seen.setdefault((threshold.percent, threshold.basis), index)
        if first != index:
            errors.append(
                {"field": f"thresholds.{index}", "message": f"duplicates thresholds.{first} (same percent and basis)"}
            )
    if errors:
        raise validation_failed(errors)
    return [threshold.model_dump() for threshold in thresholds or []]


def _public(budget: Budget) -> BudgetPublic:
    return BudgetPublic.model_validate(budget, from_attributes=True)


def _get(session: Session, budget_id: str) -> Budget:
    budget = session.get(Budget, budget_id)
    if budget is None:
        raise not_found("budget", budget_id)
    return budget


def _evaluate_soon(request: Request) -> None:
    """A new or changed budget may be over a threshold already: have the event engine look now."""
    events = server_state(request).events
    if events is not None:
        events.evaluate_soon()


@router.post("", status_code=201, response_model=Envelope[BudgetPublic], responses=WRITE_ERRORS)
def create_budget(body: BudgetCreate, request: Request, session: DbSession, write: Write) -> JSONResponse:
    """Create a budget. ``start_date`` defaults to the first day of the current period (UTC)."""
    now = utcnow()
    budget = Budget(
        **body.model_dump(exclude={"start_date", "filters", "thresholds"}),
        id=new_id("bud"),
        start_date=body.start_date or period_start(body.period, now.date()),
        filters=_stored_filters(body.filters),
        thresholds=_stored_thresholds(body.thresholds),
        created_at=now,
        updated_at=now,
    )
    session.add(budget)
    response = write.commit(_public(budget), 201)
    _evaluate_soon(request)
    return response


@router.get("", response_model=ListEnvelope[BudgetPublic], responses=READ_ERRORS)
def list_budgets(session: DbSession, page: Annotated[PageParams, Depends(page_params("bud"))]) -> JSONResponse:
    """List budgets in creation order."""
    rows, pagination = paginate(session, select(Budget), Budget.id, page, "bud")
    return success_response([_public(row) for row in rows], pagination=pagination)


@router.get("/{budget_id}", response_model=Envelope[BudgetPublic], responses=READ_ERRORS)
def get_budget(budget_id: str, session: DbSession) -> JSONResponse:
    """Fetch one budget."""
    return success_response(_public(_get(session, budget_id)))


@router.patch("/{budget_id}", response_model=Envelope[BudgetPublic], responses=WRITE_ERRORS)
def update_budget(
    budget_id: str, body: BudgetUpdate, request: Request, session: DbSession, write: Write
) -> JSONResponse:
    """Change a budget: a present field replaces its value; ``currency`` cannot change."""
    budget = _get(session, budget_id)
    changes = body.model_dump(exclude_unset=True)
    if changes.pop("currency", budget.currency) != budget.currency:
        raise validation_failed(
            [{"field": "currency", "message": "currency cannot be changed; create a new budget instead"}]
        )
    if "thresholds" in changes:
        changes["thresholds"] = _stored_thresholds(body.thresholds)
    now = utcnow()
    if "start_date" in changes:
        changes["start_date"] = body.start_date or period_start(changes.get("period", budget.period), now.date())
    if "filters" in changes:
        changes["filters"] = _stored_filters(body.filters)
    apply_changes(budget, {**changes, "updated_at": now})
    response = write.commit(_public(budget))
    _evaluate_soon(request)
    return response


@router.delete("/{budget_id}", response_model=Envelope[Deleted], responses=WRITE_ERRORS)
def delete_budget(budget_id: str, session: DbSession, write: Write) -> JSONResponse:
    """Delete a budget; alert policies that named it stop naming it."""
    budget = _get(session, budget_id)
    detach_budget(session, budget.id, utcnow())
    session.delete(budget)
    return write.commit(Deleted(id=budget_id, deleted=True))


@router.get("/{budget_id}/alerts", response_model=ListEnvelope[BudgetAlertPublic], responses=READ_ERRORS)
def list_budget_alerts(
    budget_id: str, session: DbSession, page: Annotated[PageParams, Depends(page_params("alr"))]
) -> JSONResponse:
    """Threshold crossings recorded for a budget: at most one per threshold rule and period."""
    _get(session, budget_id)
    statement = select(BudgetAlert).where(BudgetAlert.budget_id == budget_id)
    rows, pagination = paginate(session, statement, BudgetAlert.id, page, "alr")
    alerts = [BudgetAlertPublic.model_validate(row, from_attributes=True) for row in rows]
    return success_response(alerts, pagination=pagination)
