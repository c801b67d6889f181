"""Prometheus metrics of one server process, served at ``GET /metrics`` (text exposition format).

- ``metafinops_http_requests_total{method, route, status}`` and
  ``metafinops_http_request_duration_seconds{method, route}``: ``route`` is the route's template
  (``/v1/budgets/{budget_id}``), never the raw path, so ids do not explode the label set;
  requests no route matched count as ``route="unmatched"``.
- ``metafinops_webhook_delivery_attempts_total{outcome}``: ``succeeded``, ``retry`` or ``failed``
  (failures are the ``failed`` ones; ``retry`` attempts failed but will be tried again).
- ``metafinops_rate_limit_rejections_total``: requests answered 429.

Each app has its own registry (several apps in one process, as in tests, do not collide); with
several server processes, Prometheus scrapes each and sums.
"""

from __future__ import annotations

import time

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["METRICS_PATH", "MetricsMiddleware", "ServerMetrics", "route_template"]

METRICS_PATH = "/metrics"


class ServerMetrics:
    """The registry and the metrics of one app."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "metafinops_http_requests",
            "HTTP requests answered, by method, route template and status.",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "metafinops_http_request_duration_seconds",
            "Time from request to the end of the response, by method and route template.",
            ["method", "route"],
            registry=self.registry,
        )
        self.delivery_attempts = Counter(
            "metafinops_webhook_delivery_attempts",
            "Webhook delivery attempts by outcome (succeeded, retry, failed).",
            ["outcome"],
            registry=self.registry,
        )
        self.rate_limited = Counter(
            "metafinops_rate_limit_rejections",
            "Requests refused with 429 because their key's window was full.",
            registry=self.registry,
        )

    def delivery_attempt(self, outcome: str) -> None:
        """Count one delivery attempt."""
        self.delivery_attempts.labels(outcome=outcome).inc()

    async def endpoint(self, _request: Request) -> Response:
        """``GET /metrics``."""
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)


def route_template(scope: Scope) -> str:
    """The matched route's path template with its mount prefix (``/v1/budgets/{budget_id}``).

    Depending on the FastAPI version the route knows its path with or without the prefix of
    the router it was included with; the prefix is what precedes the template's fixed head.
    """
    route = scope.get("route")
    template = str(getattr(route, "path", "") or "")
    if not template:
        return "unmatched"
    path = str(scope.get("path", ""))
    head = template.split("{", 1)[0]
    at = path.find(head)
    return path[:at] + template if at > 0 else template


class MetricsMiddleware:
    """Counts and times every HTTP request by its route template and final status."""

    def __init__(self, app: ASGIApp, *, metrics: ServerMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            template = route_template(scope)
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(method=method, route=template, status=str(status)).inc()
            self.metrics.latency.labels(method=method, route=template).observe(time.perf_counter() - started)
            if status == 429:
                self.metrics.rate_limited.inc()
