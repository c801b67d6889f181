"""``/v1/webhooks``: CRUD, URL rules, secrets only on create and rotate."""

from __future__ import annotations

from .helpers import error, fields, list_all, ok

HOOK = {"url": "https://hooks.corp.test/finops", "events": ["budget.threshold.reached"]}


def test_webhook_crud_and_secret_visibility(api_server) -> None:
    with api_server.client() as client:
        created = ok(client.post("/webhooks", json={**HOOK, "description": "pager"}), 201)
        secret = created.pop("secret")
        assert secret.startswith("whsec_") and len(secret) >= 24 + len("whsec_")
        assert created == {
            "id": created["id"],
            "url": HOOK["url"],
            "events": HOOK["events"],
            "description": "pager",
            "enabled": True,
            "secret_version": 1,
            "created_at": created["created_at"],
            "updated_at": created["updated_at"],
        }
        url = f"/webhooks/{created['id']}"
        fetched = ok(client.get(url))
        assert "secret" not in fetched and fetched == created
        listed = list_all(client, "/webhooks")
        assert fetched in listed and all("secret" not in item for item in listed)

        patched = ok(
            client.patch(url, json={"enabled": False, "description": None, "events": list(HOOK["events"]) * 2})
        )
        assert (patched["enabled"], patched["description"], patched["events"]) == (False, None, HOOK["events"])
        assert "secret" not in patched
        assert fields(error(client.patch(url, json={"secret": "x" * 30}), 422, "validation_error")) == {"secret"}

        rotated = ok(client.post(f"{url}/rotate-secret"))
        assert rotated["secret_version"] == 2 and rotated["secret"].startswith("whsec_")
        assert rotated["secret"] != secret
        mine = "my-own-secret-of-at-least-24-chars"
        rotated = ok(client.post(f"{url}/rotate-secret", json={"secret": mine, "overlap_seconds": 0}))
        assert (rotated["secret_version"], rotated["secret"]) == (3, mine)
        assert "secret" not in ok(client.get(url)) and ok(client.get(url))["secret_version"] == 3

        assert ok(client.get(f"{url}/deliveries")) == []
        assert ok(client.delete(url)) == {"id": created["id"], "deleted": True}
        error(client.get(url), 404, "not_found")
        error(client.post(f"{url}/rotate-secret"), 404, "not_found")
        error(client.get(f"{url}/deliveries"), 404, "not_found")


def test_given_secret_is_used(api_server) -> None:
    with api_server.client() as client:
        secret = "s" * 24
        assert ok(client.post("/webhooks", json={**HOOK, "secret": secret}), 201)["secret"] == secret
        assert fields(error(client.post("/webhooks", json={**HOOK, "secret": "short"}), 422, "validation_error")) == {
            "secret"
        }


def test_url_and_event_rules(api_server) -> None:
    with api_server.client() as client:
        for loopback in ("http://127.0.0.1:9000/hook", "http://localhost/hook", "http://[::1]:8000/x"):
            ok(client.post("/webhooks", json={**HOOK, "url": loopback}), 201)
        for bad in (
            "http://hooks.corp.test/x",
            "ftp://hooks.corp.test/x",
            "not a url",
            "https://",
            "http://10.0.0.1/x",
        ):
            err = error(client.post("/webhooks", json={**HOOK, "url": bad}), 422, "validation_error")
            assert fields(err) == {"url"}, bad
        err = error(client.post("/webhooks", json={**HOOK, "events": []}), 422, "validation_error")
        assert fields(err) == {"events"}
        err = error(
            client.post("/webhooks", json={**HOOK, "events": ["cost.anomaly.detected", "x"]}), 422, "validation_error"
        )
        assert fields(err) == {"events.1"}
        all_events = ["cost.anomaly.detected", "budget.threshold.reached", "gpu.idle.detected", "report.generated"]
        assert ok(client.post("/webhooks", json={**HOOK, "events": all_events}), 201)["events"] == all_events


def test_http_urls_need_local_mode() -> None:
    from metafinops.server.api.routes.webhooks import url_problem

    assert url_problem("http://127.0.0.1:8000/hook", local_mode=True) is None
    assert url_problem("http://127.0.0.1:8000/hook", local_mode=False) == "must use https"
    assert url_problem("https://hooks.corp.test/x", local_mode=False) is None
    assert url_problem("https://hooks.corp.test:99999/x", local_mode=True) == "is not a valid URL"
