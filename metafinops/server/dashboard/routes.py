"""The dashboard's pages: overview, budgets, webhooks (with the delivery log), API keys, sign-in.

Pages are rendered on the server (Jinja2, autoescaped). Reads call the same functions as the
API routes; the few writes (create / revoke a key, send a test event, rotate a secret) call the
same helpers as ``metafinops keys`` and ``/v1/webhooks``. Budgets, alert policies and webhook
subscriptions are managed as code: the pages show them and link to the provider docs.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from jinja2 import Environment, PackageLoader, select_autoescape
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse, RedirectResponse, Response

from metafinops.server.api.idempotency import WriteContext
from metafinops.server.api.routes.webhooks import _delivery_public, rotate_webhook_secret
from metafinops.server.api.routes.webhooks import _public as webhook_public
from metafinops.server.api.state import server_state
from metafinops.server.apikeys import create_api_key, list_api_keys, revoke_api_key
from metafinops.server.dashboard import charts
from metafinops.server.dashboard.auth import (
    CSRF_FIELD,
    SESSION_COOKIE,
    SIGN_IN_COOKIE,
    SIGN_IN_FORM_LIFETIME,
    DashboardSession,
    FormError,
    SessionStore,
    read_form,
    session_key,
    signed_in_key,
)
from metafinops.server.dashboard.overview import build_overview
from metafinops.server.db.models import Budget, BudgetAlert, Delivery, WebhookSubscription
from metafinops.server.events.budgets import budget_status
from metafinops.server.events.outbox import emit_event
from metafinops.server.ids import new_id
from metafinops.server.settings import PLANS
from metafinops.server.timeutil import format_timestamp, utcnow

__all__ = ["STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).with_name("static")
DOCS_BASE = "https://registry.terraform.io/providers/metafinops/metafinops/latest/docs/resources"
ALERT_HISTORY = 20  # newest alerts shown per budget
DELIVERY_LOG = 50  # newest deliveries shown per subscription
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",  # not no-referrer: with it, forms send "Origin: null"
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
}

router = APIRouter(include_in_schema=False)
_templates = Environment(
    loader=PackageLoader("metafinops.server.dashboard", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters["money"] = charts.money
_templates.filters["timestamp"] = lambda value: format_timestamp(value) if value is not None else "—"


def sessions_of(request: Request) -> SessionStore:
    """The dashboard sessions of the serving app."""
    store = request.app.state.dashboard_sessions
    assert isinstance(store, SessionStore)
    return store


@dataclass
class Visitor:
    """A signed-in browser on this request."""

    session: DashboardSession
    key_name: str


def _page(name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    html = _templates.get_template(name).render(csrf_field=CSRF_FIELD, **context)
    return HTMLResponse(html, status_code=status_code, headers=SECURITY_HEADERS)


def _redirect(path: str) -> RedirectResponse:
    return RedirectResponse(path, status_code=303, headers=SECURITY_HEADERS)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _visitor(request: Request, db: Session) -> Visitor | None:
    """The signed-in visitor, or None (also when the sign-in key was revoked meanwhile)."""
    token = request.cookies.get(SESSION_COOKIE)
    session = sessions_of(request).get(token)
    if session is None:
        return None
    key = session_key(db, session.key_id)
    if key is None:
        sessions_of(request).close(token)
        return None
    return Visitor(session=session, key_name=key.name)


def _signed_in_page(request: Request, render: Callable[[Session, Visitor], Response]) -> Response:
    with server_state(request).sessions() as db:
        visitor = _visitor(request, db)
        if visitor is None:
            return _redirect("/sign-in")
        return render(db, visitor)


def _common(visitor: Visitor, active: str) -> dict[str, Any]:
    return {
        "active": active,
        "signed_in_as": visitor.key_name,
        "csrf_token": visitor.session.csrf_token,
        "notice": visitor.session.take_notice(),
    }


# -- sign-in ---------------------------------------------------------------------------------


def _sign_in_form(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    token = secrets.token_urlsafe(32)
    response = _page("sign_in.html", status_code, csrf_token=token, error=error)
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=SIGN_IN_FORM_LIFETIME,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path="/sign-in",
    )
    return response


@router.get("/sign-in")
def sign_in_page(request: Request) -> Response:
    """The sign-in form (or the overview when already signed in)."""
    with server_state(request).sessions() as db:
        if _visitor(request, db) is not None:
            return _redirect("/")
    return _sign_in_form(request)


@router.post("/sign-in")
async def sign_in(request: Request) -> Response:
    """Open a session for an enterprise API key."""
    try:
        fields = await read_form(request, request.cookies.get(SIGN_IN_COOKIE, ""))
    except FormError as exc:
        return _sign_in_form(request, str(exc), 403)

    def check() -> str | None:
        with server_state(request).sessions() as db:
            caller = signed_in_key(db, fields.get("api_key", ""))
            return caller.id if caller is not None else None

    key_id = await run_in_threadpool(check)
    if key_id is None:
        return _sign_in_form(request, "That is not an active enterprise API key of this server.", 401)
    token, _ = sessions_of(request).open(key_id)
    response = _redirect("/")
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", secure=_secure(request), path="/")
    response.delete_cookie(SIGN_IN_COOKIE, path="/sign-in", httponly=True, samesite="strict")
    return response


async def _action(request: Request, act: Callable[[Session, DashboardSession, dict[str, str]], Response]) -> Response:
    """Run a POST of a signed-in visitor: session, then origin and CSRF, then ``act``."""
    session = sessions_of(request).get(request.cookies.get(SESSION_COOKIE))
    if session is None:
        return _redirect("/sign-in")
    try:
        fields = await read_form(request, session.csrf_token)
    except FormError as exc:
        return HTMLResponse(f"Refused: {exc}.", status_code=403, headers=SECURITY_HEADERS)

    def run() -> Response:
        with server_state(request).sessions() as db:
            if session_key(db, session.key_id) is None:
                return _redirect("/sign-in")
            return act(db, session, fields)

    return await run_in_threadpool(run)


@router.post("/sign-out")
async def sign_out(request: Request) -> Response:
    """End the session."""

    def act(_db: Session, _session: DashboardSession, _fields: dict[str, str]) -> Response:
        sessions_of(request).close(request.cookies.get(SESSION_COOKIE))
        response = _redirect("/sign-in")
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    return await _action(request, act)


# -- pages -----------------------------------------------------------------------------------


@router.get("/")
def overview_page(request: Request) -> Response:
    """Costs this month, by service and by day, anomalies, idle GPUs, carbon, recommendations."""

    def render(db: Session, visitor: Visitor) -> Response:
        overview = build_overview(db, utcnow())
        daily_chart = charts.daily_bars(
            "daily-cost", "Cost by day, last 30 days", overview.daily, overview.currency, overview.anomaly_days
        )
        service_chart = charts.ranked_bars(
            "service-cost",
            "Cost by service, this month",
            [charts.BarItem(item.service, item.cost) for item in overview.by_service.services[:10]],
            overview.currency,
        )
        return _page(
            "overview.html",
            **_common(visitor, "overview"),
            o=overview,
            daily_chart=daily_chart,
            service_chart=service_chart,
        )

    return _signed_in_page(request, render)


@router.get("/budgets")
def budgets_page(request: Request) -> Response:
    """Each budget against its amount and thresholds this period, and its alert history."""

    def render(db: Session, visitor: Visitor) -> Response:
        today = utcnow().date()
        rows = []
        for budget in db.scalars(select(Budget).order_by(Budget.id)):
            status = budget_status(db, budget, today)
            alerts = list(
                db.scalars(
                    select(BudgetAlert)
                    .where(BudgetAlert.budget_id == budget.id)
                    .order_by(BudgetAlert.triggered_at.desc(), BudgetAlert.id.desc())
                    .limit(ALERT_HISTORY)
                )
            )
            gauge = None
            if status is not None:
                marks = [
                    charts.ThresholdMark(
                        percent=float(rule["percent"]),
                        basis=str(rule.get("basis") or "actual"),
                        reached=any(
                            a.period_start == status.period_start
                            and a.threshold_percent == float(rule["percent"])
                            and a.basis == (rule.get("basis") or "actual")
                            for a in alerts
                        ),
                    )
                    for rule in budget.thresholds or []
                ]
                gauge = charts.budget_gauge(
                    f"gauge-{budget.id}",
                    f"{budget.name}: spend against budget",
                    spend=status.spend,
                    forecast=status.forecast,
                    amount=budget.amount,
                    currency=budget.currency,
                    thresholds=marks,
                )
            rows.append({"budget": budget, "status": status, "alerts": alerts, "gauge": gauge})
        return _page("budgets.html", **_common(visitor, "budgets"), rows=rows, docs=DOCS_BASE)

    return _signed_in_page(request, render)


@router.get("/webhooks")
def webhooks_page(request: Request) -> Response:
    """Webhook subscriptions with a count of their deliveries by status."""

    def render(db: Session, visitor: Visitor) -> Response:
        counts: dict[str, dict[str, int]] = {}
        for webhook_id, status, count in db.execute(
            select(Delivery.webhook_id, Delivery.status, func.count()).group_by(Delivery.webhook_id, Delivery.status)
        ):
            counts.setdefault(webhook_id, {})[status] = count
        webhooks = [
            webhook_public(row)
            for row in db.scalars(
                select(WebhookSubscription)
                .options(selectinload(WebhookSubscription.secrets))
                .order_by(WebhookSubscription.id)
            )
        ]
        return _page("webhooks.html", **_common(visitor, "webhooks"), webhooks=webhooks, counts=counts, docs=DOCS_BASE)

    return _signed_in_page(request, render)


def _webhook(db: Session, webhook_id: str) -> WebhookSubscription | None:
    return db.get(WebhookSubscription, webhook_id, options=[selectinload(WebhookSubscription.secrets)])


@router.get("/webhooks/{webhook_id}")
def webhook_page(request: Request, webhook_id: str) -> Response:
    """One subscription: its delivery log with every attempt, test event and secret rotation."""

    def render(db: Session, visitor: Visitor) -> Response:
        webhook = _webhook(db, webhook_id)
        if webhook is None:
            return _page("not_found.html", 404, **_common(visitor, "webhooks"), what=f"webhook {webhook_id}")
        rows = db.scalars(
            select(Delivery)
            .where(Delivery.webhook_id == webhook_id)
            .options(selectinload(Delivery.event), selectinload(Delivery.attempt_log))
            .order_by(Delivery.id.desc())
            .limit(DELIVERY_LOG)
        )
        return _page(
            "webhook.html",
            **_common(visitor, "webhooks"),
            webhook=webhook_public(webhook),
            deliveries=[_delivery_public(row) for row in rows],
            docs=DOCS_BASE,
        )

    return _signed_in_page(request, render)


# Test events carry data shaped like a real event of their type (placeholder ids and figures)
# plus "test": true, so a receiver's parser is exercised and it can tell them apart.
_SAMPLE_DATA: dict[str, dict[str, Any]] = {
    "cost.anomaly.detected": {
        "anomaly_id": None,
        "service": "aws-ec2",
        "expected_cost": 100.0,
        "actual_cost": 250.0,
        "severity": "medium",
        "account": "test-account",
        "impact": 150.0,
        "method": "robust_zscore_same_weekday",
    },
    "budget.threshold.reached": {
        "budget_id": None,
        "budget_name": "Test budget",
        "alert_id": None,
        "threshold_percent": 80.0,
        "basis": "actual",
        "spend": 800.0,
        "forecast": 1000.0,
        "amount": 1000.0,
        "currency": "USD",
    },
    "gpu.idle.detected": {
        "instance_id": "i-test",
        "gpu_model": "NVIDIA A100",
        "account": "test-account",
        "idle_minutes": 60,
        "average_utilization": 1.0,
        "wasted_cost": 3.0,
        "currency": "USD",
        "threshold_percent": 10.0,
        "min_minutes": 60,
    },
    "report.generated": {"report_id": None, "format": "json", "download_url": None},
}


def sample_event_data(event_type: str, now: datetime) -> dict[str, Any]:
    """The ``data`` of a dashboard test event of ``event_type``, dated ``now``."""
    today = now.date().isoformat()
    by_type: dict[str, dict[str, Any]] = {
        "cost.anomaly.detected": {"date": today},
        "budget.threshold.reached": {"period": {"start": today, "end": today}},
        "gpu.idle.detected": {"idle_since": format_timestamp(now)},
        "report.generated": {"period": {"start": today, "end": today}},
    }
    return {**_SAMPLE_DATA[event_type], **by_type[event_type], "test": True}


@router.post("/webhooks/{webhook_id}/test-event")
async def send_test_event(request: Request, webhook_id: str) -> Response:
    """Queue one test event for this subscription alone (the delivery worker sends it at once)."""

    def act(db: Session, session: DashboardSession, _fields: dict[str, str]) -> Response:
        webhook = _webhook(db, webhook_id)
        if webhook is None:
            return _redirect("/webhooks")
        event_type, now = webhook.events[0], utcnow()
        event = emit_event(
            db,
            event_type=event_type,
            data=sample_event_data(event_type, now),
            dedupe_key=f"dashboard-test:{new_id('evt')}",
            recipients=[webhook.id],
            now=now,
        )
        db.commit()
        events = server_state(request).events
        if events is not None:
            events.worker.wake()
        session.notice = {"message": f"Test event {event.id if event else ''} queued ({event_type})."}
        return _redirect(f"/webhooks/{webhook_id}")

    return await _action(request, act)


@router.post("/webhooks/{webhook_id}/rotate-secret")
async def rotate_secret(request: Request, webhook_id: str) -> Response:
    """Rotate the signing secret exactly as ``POST /v1/webhooks/{id}/rotate-secret`` does (default overlap)."""

    def act(db: Session, session: DashboardSession, _fields: dict[str, str]) -> Response:
        if _webhook(db, webhook_id) is None:
            return _redirect("/webhooks")
        write = WriteContext(
            session=db, api_key_id=session.key_id, key=None, fingerprint="", method="POST", path=request.url.path
        )
        answer = rotate_webhook_secret(webhook_id, db, write, None)
        data = json.loads(bytes(answer.body))["data"]
        session.notice = {
            "secret": data["secret"],
            "secret_label": f"New signing secret of {webhook_id} (version {data['secret_version']})",
        }
        return _redirect(f"/webhooks/{webhook_id}")

    return await _action(request, act)


@router.get("/settings/api-keys")
def api_keys_page(request: Request) -> Response:
    """Every key: prefix, plan, created, last used, revoked; create and revoke."""

    def render(db: Session, visitor: Visitor) -> Response:
        keys = list(reversed(list_api_keys(db)))
        return _page(
            "api_keys.html",
            **_common(visitor, "api-keys"),
            keys=keys,
            plans=PLANS,
            own_key_id=visitor.session.key_id,
        )

    return _signed_in_page(request, render)


@router.post("/settings/api-keys")
async def create_key(request: Request) -> Response:
    """Create a key; it is shown once, on the page this redirects to."""

    def act(db: Session, session: DashboardSession, fields: dict[str, str]) -> Response:
        name, plan = fields.get("name", "").strip(), fields.get("plan", "")
        if not 1 <= len(name) <= 200 or plan not in PLANS:
            session.notice = {"error": "A key needs a name (1-200 characters) and a plan."}
            return _redirect("/settings/api-keys")
        row, key = create_api_key(db, name=name, plan=plan)
        db.commit()
        session.notice = {"secret": key, "secret_label": f"New {plan} key {row.prefix}… ({name})", "key_id": row.id}
        return _redirect("/settings/api-keys")

    return await _action(request, act)


@router.post("/settings/api-keys/{key_id}/revoke")
async def revoke_key(request: Request, key_id: str) -> Response:
    """Revoke a key: the API answers 401 to it from now on."""

    def act(db: Session, session: DashboardSession, _fields: dict[str, str]) -> Response:
        row = revoke_api_key(db, key_id) if key_id.startswith("key_") else None
        db.commit()
        if row is None:
            session.notice = {"error": f"No key {key_id}."}
        else:
            session.notice = {"message": f"Revoked {row.id} ({row.prefix}…)."}
        if row is not None and row.id == session.key_id:
            return _redirect("/sign-in")  # the session ends with the key it was opened with
        return _redirect("/settings/api-keys")

    return await _action(request, act)
