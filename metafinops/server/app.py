"""``create_app(settings)``: the FastAPI application of the local API server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from importlib import metadata

from fastapi import Depends, FastAPI, Request
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from metafinops.server.api.deps import authenticate
from metafinops.server.api.errors import install_error_handlers
from metafinops.server.api.gate import RequestGate
from metafinops.server.api.idempotency import IdempotencyGuard, IdempotentReplay, purge_expired
from metafinops.server.api.middleware import RequestContextMiddleware
from metafinops.server.api.openapi import API_PREFIX, install_openapi, operation_id
from metafinops.server.api.routes import (
    alert_policies,
    analytics,
    anomalies,
    budgets,
    carbon,
    gpu_idle,
    health,
    ingest,
    recommendations,
    reports,
    webhooks,
)
from metafinops.server.api.state import ServerState
from metafinops.server.db.engine import create_db_engine, create_session_factory
from metafinops.server.db.migrate import upgrade_to_head
from metafinops.server.events.delivery import DeliveryPolicy
from metafinops.server.events.engine import EventRuntime
from metafinops.server.metrics import METRICS_PATH, MetricsMiddleware, ServerMetrics
from metafinops.server.ratelimit import RateLimiter
from metafinops.server.settings import Settings

__all__ = ["API_PREFIX", "create_app"]

_AUTHENTICATED_ROUTERS = (
    budgets.router,
    alert_policies.router,
    webhooks.router,
    analytics.router,
    gpu_idle.router,
    anomalies.router,
    carbon.router,
    recommendations.router,
    reports.router,
    ingest.router,
)


def _version() -> str:
    try:
        return metadata.version("metafinops")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def _prepare_database(state: ServerState) -> None:
    upgrade_to_head(state.engine)
    with state.sessions() as session:
        purge_expired(session, state.idempotency.ttl)


async def _replay(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, IdempotentReplay)
    return exc.response()


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """The API app; on start-up it migrates the database to the newest revision."""
    settings = settings or Settings()
    engine = engine or create_db_engine(settings.db_url)
    state = ServerState(
        settings=settings,
        engine=engine,
        sessions=create_session_factory(engine),
        rate_limiter=RateLimiter(settings.rate_limits, settings.rate_limit_window),
        idempotency=IdempotencyGuard(timedelta(hours=settings.idempotency_ttl_hours)),
        version=_version(),
    )
    state.events = EventRuntime(
        state.sessions,
        DeliveryPolicy(
            timeout=settings.webhook_timeout,
            max_attempts=settings.webhook_max_attempts,
            backoff_base=settings.webhook_backoff_base,
            backoff_max=settings.webhook_backoff_max,
            local_mode=settings.local_mode,
            poll_interval=settings.delivery_poll_interval,
            concurrency=settings.delivery_concurrency,
        ),
        evaluation_interval=settings.evaluation_interval,
        lookback_days=settings.event_lookback_days,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(_prepare_database, state)
        assert state.events is not None
        state.events.start()
        try:
            yield
        finally:
            await run_in_threadpool(state.events.stop)
            engine.dispose()

    app = FastAPI(
        title="MetaFinOps API",
        version=state.version,
        description="Budgets, alert policies, webhook subscriptions and cost analytics.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        redirect_slashes=False,
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
    )
    app.state.server = state
    install_openapi(app)
    install_error_handlers(app)
    app.add_exception_handler(IdempotentReplay, _replay)
    app.include_router(health.router, prefix=API_PREFIX)
    public = len(app.router.routes)
    for router in _AUTHENTICATED_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(authenticate)])
    authenticated = tuple(app.router.routes[public:])
    # -- the dashboard: HTML pages at / (outside /v1, its own sign-in), see metafinops/server/dashboard/ --
    from metafinops.server.dashboard import install_dashboard

    install_dashboard(app)
    app.add_middleware(
        RequestGate,
        needs_key=lambda scope: _matches_any(authenticated, scope),
        sessions=lambda: state.sessions,
        limiter=lambda: state.rate_limiter,
    )
    app.add_middleware(RequestContextMiddleware)  # request id, rate-limit headers, 500 envelope
    metrics = ServerMetrics()
    state.events.worker.on_attempt = metrics.delivery_attempt
    app.add_route(METRICS_PATH, metrics.endpoint, methods=["GET"], include_in_schema=False)
    app.add_middleware(MetricsMiddleware, metrics=metrics)  # outermost: sees every final status
    return app


def _matches_any(routes: tuple[BaseRoute, ...], scope: Scope) -> bool:
    """Whether the request's path is one of ``routes`` (any method: a 405 needs a key too)."""
    return any(route.matches(scope)[0] is not Match.NONE for route in routes)
