"""Who gets in, and what a page may do: sign-in, session cookie, CSRF, origin, revocation.

Plain HTTP (httpx) against the same ``serve --demo`` the browser tests use: these check the
raw headers and refusals a browser would hide.
"""

from __future__ import annotations

import re

import httpx

from ._helpers import ServerHandle

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def _dashboard(server: ServerHandle) -> httpx.Client:
    return httpx.Client(base_url=server.base_url.removesuffix("/v1"), follow_redirects=False, timeout=30.0)


def _sign_in(client: httpx.Client, key: str) -> httpx.Response:
    form = client.get("/sign-in")
    token = CSRF.search(form.text)
    assert token is not None
    return client.post("/sign-in", data={"csrf_token": token.group(1), "api_key": key})


def _csrf_of(client: httpx.Client, path: str) -> str:
    match = CSRF.search(client.get(path).text)
    assert match is not None
    return match.group(1)


def test_pages_need_a_session(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        for path in ("/", "/budgets", "/webhooks", "/settings/api-keys"):
            response = client.get(path)
            assert (response.status_code, response.headers["location"]) == (303, "/sign-in"), path
        refused = client.post("/settings/api-keys", data={"name": "x", "plan": "free"})
        assert (refused.status_code, refused.headers["location"]) == (303, "/sign-in")


def test_only_an_active_enterprise_key_signs_in(dashboard_server: ServerHandle) -> None:
    team_key = dashboard_server.create_key("team")
    with _dashboard(dashboard_server) as client:
        for key in (team_key, "mfo_" + "x" * 43, ""):
            response = _sign_in(client, key)
            assert response.status_code == 401
            assert "set-cookie" not in response.headers or "mfo_dashboard_session" not in response.headers["set-cookie"]
            if key:
                assert key not in response.text, "a key typed in is never rendered back"


def test_session_cookie_is_httponly_and_samesite(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        response = _sign_in(client, dashboard_server.api_key)
        assert response.status_code == 303
        cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith("mfo_dashboard_session="))
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        page = client.get("/")
        assert page.status_code == 200
        assert dashboard_server.api_key not in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"


def test_sign_in_form_itself_needs_its_token(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        client.get("/sign-in")
        forged = client.post("/sign-in", data={"csrf_token": "guess", "api_key": dashboard_server.api_key})
        assert forged.status_code == 403
    with _dashboard(dashboard_server) as fresh:  # no pre-session cookie at all (a cross-site form)
        forged = fresh.post("/sign-in", data={"csrf_token": "", "api_key": dashboard_server.api_key})
        assert forged.status_code == 403


def test_every_action_needs_the_csrf_token_and_this_origin(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        _sign_in(client, dashboard_server.api_key)
        token = _csrf_of(client, "/settings/api-keys")
        before = client.get("/settings/api-keys").text.count("<tr id=")
        assert client.post("/settings/api-keys", data={"name": "forged", "plan": "enterprise"}).status_code == 403
        bad = {"name": "forged", "plan": "enterprise", "csrf_token": token[:-1] + ("A" if token[-1] != "A" else "B")}
        assert client.post("/settings/api-keys", data=bad).status_code == 403
        cross_site = client.post(
            "/settings/api-keys",
            data={"name": "forged", "plan": "enterprise", "csrf_token": token},
            headers={"Origin": "http://evil.test"},
        )
        assert cross_site.status_code == 403
        assert client.post("/sign-out", data={}).status_code == 403
        page = client.get("/settings/api-keys").text
        assert "forged" not in page and page.count("<tr id=") == before


def test_sign_out_ends_the_session(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        _sign_in(client, dashboard_server.api_key)
        cookie = client.cookies.get("mfo_dashboard_session")
        assert cookie
        response = client.post("/sign-out", data={"csrf_token": _csrf_of(client, "/")})
        assert (response.status_code, response.headers["location"]) == (303, "/sign-in")
    with _dashboard(dashboard_server) as replay:
        replay.cookies.set("mfo_dashboard_session", cookie)
        assert replay.get("/").status_code == 303, "the old cookie opens nothing"


def test_revoking_the_sign_in_key_ends_its_sessions(dashboard_server: ServerHandle) -> None:
    key = dashboard_server.create_key("enterprise", name="short-lived")
    with _dashboard(dashboard_server) as client:
        assert _sign_in(client, key).status_code == 303
        assert client.get("/").status_code == 200
        dashboard_server.cli("keys", "revoke", key[:12], "--db", dashboard_server.db_url)
        assert client.get("/").status_code == 303


def test_api_stays_under_v1_and_answers_json(dashboard_server: ServerHandle) -> None:
    with _dashboard(dashboard_server) as client:
        assert client.get("/v1/health").json()["status"] == "success"
        missing = client.get("/v1/nothing-here")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
        assert client.get("/assets/dashboard.css").status_code == 200
