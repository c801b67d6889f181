"""What the Python SDK shares with the npm and Go SDKs beyond the contract scenarios
(``contract/``): the debug log, per-request options, ``async for`` without ``await``, raw
responses, and the endpoints added for OpenAPI coverage — against a real server."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import uuid
from typing import TYPE_CHECKING

import httpx

from metafinops import AsyncClient, Client, Health

if TYPE_CHECKING:
    from tests._server import ServerHandle

LOGGED_SCRIPT = """
from metafinops import Client
client = Client()
client.costs.summary(start="2026-03-01", end="2026-03-31")
client.budgets.create(name="logged", amount=1, period="monthly")
"""


def test_debug_log_names_each_request_and_never_the_key(api_server: ServerHandle) -> None:
    env = {
        **api_server.env,
        "METAFINOPS_API_KEY": api_server.api_key,
        "METAFINOPS_BASE_URL": api_server.base_url,
        "METAFINOPS_LOG": "debug",
    }
    result = subprocess.run(
        [sys.executable, "-c", LOGGED_SCRIPT], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    log = result.stderr
    assert "GET /v1/costs/summary -> 200 (request_id=req_" in log
    assert "POST /v1/budgets (Idempotency-Key " in log and "POST /v1/budgets -> 201" in log
    assert api_server.api_key not in log and api_server.api_key not in result.stdout
    quiet = subprocess.run(
        [sys.executable, "-c", LOGGED_SCRIPT],
        env={**env, "METAFINOPS_LOG": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "metafinops" not in quiet.stderr


def test_per_request_options_and_raw_response(api_server: ServerHandle) -> None:
    sent: list[httpx.Request] = []
    http = httpx.Client(event_hooks={"request": [sent.append]})
    with http, Client(api_server.api_key, base_url=api_server.base_url, http_client=http) as client:
        tuned = client.with_options(timeout=7, headers={"X-Trace": "t-1"}, max_retries=0)
        budget = tuned.budgets.create(
            name=f"opts-{uuid.uuid4().hex[:8]}", amount=3, period="monthly", idempotency_key="k-1" + uuid.uuid4().hex
        )
        assert sent[-1].headers["X-Trace"] == "t-1" and sent[-1].headers["Idempotency-Key"].startswith("k-1")
        assert sent[-1].extensions["timeout"]["read"] == 7
        assert tuned.max_retries == 0 and client.max_retries == 2 and client.timeout != 7
        raw = budget.raw_response
        assert raw is not None and raw.status_code == 201 and raw.headers["X-Request-Id"] == budget.request_id
        assert int(raw.headers["X-RateLimit-Limit"]) > 0
        assert client.budgets.list(limit=1).raw_response.status_code == 200
        assert isinstance(client.health.check(), Health)
        report = client.reports.generate(start="2026-03-01", end="2026-03-31", format="csv")
        assert client.reports.download(report.id).startswith(b"service,provider,cost,percent,currency")


def test_async_for_over_a_list_call_needs_no_await(api_server: ServerHandle) -> None:
    async def main() -> list[str]:
        async with AsyncClient(api_server.api_key, base_url=api_server.base_url) as client:
            prefix = f"aiter-{uuid.uuid4().hex[:8]}"
            ids = [(await client.budgets.create(name=f"{prefix}-{n}", amount=1, period="monthly")).id for n in range(3)]
            walked = [b.id async for b in client.budgets.list(limit=1) if b.name.startswith(prefix)]
            assert walked == ids
            first = await client.budgets.list(limit=1)  # awaiting still gives the first page
            assert len(first.data) == 1
            return walked

    assert len(asyncio.run(main())) == 3
