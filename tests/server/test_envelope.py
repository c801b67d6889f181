"""The envelope, request ids, authentication and FastAPI's own errors."""

from __future__ import annotations

import httpx
import pytest

from .helpers import error, ok


def test_health_is_public_and_enveloped(api_server) -> None:
    data = ok(httpx.get(f"{api_server.base_url}/health"))
    assert data["status"] == "ok" and data["database"] == "ok"


def test_openapi_is_public(api_server) -> None:
    response = httpx.get(f"{api_server.base_url}/openapi.json")
    assert response.status_code == 200
    paths = {"/v1" + path for path in response.json()["paths"]}  # relative to servers[0] = /v1
    for path in (
        "/v1/budgets",
        "/v1/budgets/{budget_id}/alerts",
        "/v1/alert-policies/{policy_id}",
        "/v1/webhooks/{webhook_id}/rotate-secret",
        "/v1/webhooks/{webhook_id}/deliveries",
        "/v1/costs/summary",
        "/v1/costs/by-service",
        "/v1/gpu/utilization",
        "/v1/gpu/idle",
        "/v1/tokens/usage",
        "/v1/tokens/cost",
        "/v1/anomalies",
        "/v1/carbon/footprint",
        "/v1/recommendations",
        "/v1/reports/generate",
        "/v1/reports/{report_id}/download",
    ):
        assert path in paths, path


def test_success_list_envelope_has_pagination(api_server) -> None:
    with api_server.client() as client:
        response = client.get("/budgets")
    ok(response)
    assert set(response.json()["meta"]["pagination"]) == {"limit", "has_more", "next_cursor"}


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({}, "Missing"),
        ({"Authorization": "Bearer mfo_not-a-real-key"}, "Unknown"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "Missing"),
    ],
)
def test_unauthorized(api_server, headers: dict[str, str], message: str) -> None:
    err = error(httpx.get(f"{api_server.base_url}/budgets", headers=headers), 401, "unauthorized")
    assert message in err["message"]


def test_revoked_key_is_unauthorized(api_server) -> None:
    key = api_server.create_key("team")
    with api_server.client(key) as client:
        ok(client.get("/budgets"))
        key_id = next(
            line.split()[0]
            for line in api_server.cli("keys", "list", "--db", api_server.db_url).stdout.splitlines()
            if key[:12] in line
        )
        api_server.cli("keys", "revoke", key_id, "--db", api_server.db_url)
        error(client.get("/budgets"), 401, "unauthorized")


def test_unknown_path_and_method(api_server) -> None:
    with api_server.client() as client:
        error(client.get("/no-such-thing"), 404, "not_found")
        error(client.get("/budgets/bud_doesnotexist"), 404, "not_found")
        response = client.put("/budgets")
        error(response, 405, "method_not_allowed")
        assert response.headers["Allow"]
        assert "X-RateLimit-Limit" in client.get("/budgets").headers


def test_malformed_json_is_400(api_server) -> None:
    with api_server.client() as client:
        response = client.post("/budgets", content=b'{"name": ', headers={"Content-Type": "application/json"})
    err = error(response, 400, "invalid_request")
    assert err["details"][0]["field"] == "body"


def test_rate_limit_headers_on_authenticated_responses(api_server) -> None:
    with api_server.client() as client:
        for response in (client.get("/budgets"), client.get("/budgets/bud_missing")):
            assert int(response.headers["X-RateLimit-Limit"]) == 6000
            assert 0 <= int(response.headers["X-RateLimit-Remaining"]) < 6000
            assert 1 <= int(response.headers["X-RateLimit-Reset"]) <= 60


def test_unhandled_exception_is_a_bare_500_envelope(tmp_path) -> None:
    """In-process (a crash cannot be provoked through the real routes on purpose)."""
    import asyncio

    from metafinops.server.app import create_app
    from metafinops.server.settings import Settings

    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'crash.db'}"))

    @app.get("/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret-token-xyz in a stack trace")

    async def call() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/v1/boom")

    response = asyncio.run(call())
    err = error(response, 500, "internal_error")
    assert "secret-token-xyz" not in response.text and "Traceback" not in response.text
    assert err["details"] == []
