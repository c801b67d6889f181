"""``Idempotency-Key``: replay, reuse with another body, concurrency, per-key scope."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import httpx

from .helpers import budget_body, error, list_all, ok


def _budget_ids(client: httpx.Client, name: str) -> list[str]:
    return [budget["id"] for budget in list_all(client, "/budgets") if budget["name"] == name]


def test_same_key_twice_creates_one_budget(api_server) -> None:
    name = f"idem-{uuid.uuid4()}"
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    with api_server.client() as client:
        first = client.post("/budgets", json=budget_body(name=name), headers=headers)
        second = client.post("/budgets", json=budget_body(name=name), headers=headers)
        assert ok(first, 201) == ok(second, 201)
        assert "Idempotent-Replayed" not in first.headers
        assert second.headers["Idempotent-Replayed"] == "true"
        assert second.json()["meta"]["request_id"] != first.json()["meta"]["request_id"]
        assert _budget_ids(client, name) == [first.json()["data"]["id"]]

        # the same key on another path or with another body is a client bug
        err = error(
            client.post("/budgets", json=budget_body(name=name, amount=1), headers=headers),
            422,
            "idempotency_key_reused",
        )
        assert err["details"][0]["field"] == "Idempotency-Key"
        error(
            client.post("/webhooks", json={"url": "https://x.test", "events": ["report.generated"]}, headers=headers),
            422,
            "idempotency_key_reused",
        )


def test_replay_of_patch_and_delete(api_server) -> None:
    with api_server.client() as client:
        budget = ok(client.post("/budgets", json=budget_body()), 201)
        url = f"/budgets/{budget['id']}"
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        first = ok(client.patch(url, json={"amount": 42}, headers=headers))
        ok(client.patch(url, json={"amount": 43}))
        replay = client.patch(url, json={"amount": 42}, headers=headers)
        assert ok(replay) == first and replay.headers["Idempotent-Replayed"] == "true"

        headers = {"Idempotency-Key": str(uuid.uuid4())}
        ok(client.delete(url, headers=headers))
        replay = client.delete(url, headers=headers)
        assert ok(replay) == {"id": budget["id"], "deleted": True}
        error(client.delete(url), 404, "not_found")


def test_keys_are_scoped_per_api_key(api_server) -> None:
    name = f"scoped-{uuid.uuid4()}"
    headers = {"Idempotency-Key": "shared-key-" + name}
    other_key = api_server.create_key("team")
    with api_server.client() as mine, api_server.client(other_key) as theirs:
        a = ok(mine.post("/budgets", json=budget_body(name=name), headers=headers), 201)
        b = ok(theirs.post("/budgets", json=budget_body(name=name), headers=headers), 201)
        assert a["id"] != b["id"]


def test_concurrent_duplicates_create_one_budget(api_server) -> None:
    name = f"race-{uuid.uuid4()}"
    headers = {"Idempotency-Key": str(uuid.uuid4())}

    def post(_: int) -> httpx.Response:
        with api_server.client() as client:
            return client.post("/budgets", json=budget_body(name=name), headers=headers)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(post, range(8)))
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    for response in responses:
        if response.status_code == 409:
            error(response, 409, "idempotency_in_progress")
    with api_server.client() as client:
        ids = _budget_ids(client, name)
    assert len(ids) == 1
    assert {r.json()["data"]["id"] for r in responses if r.status_code == 201} == set(ids)


def test_idempotency_key_header_is_validated(api_server) -> None:
    with api_server.client() as client:
        err = error(
            client.post("/budgets", json=budget_body(), headers={"Idempotency-Key": "k" * 256}), 400, "invalid_request"
        )
        assert err["details"][0]["field"] == "Idempotency-Key"


def test_records_expire_after_the_ttl(start_server, tmp_path) -> None:
    ttl_seconds = 1.5
    with start_server(tmp_path, env={"METAFINOPS_IDEMPOTENCY_TTL_HOURS": str(ttl_seconds / 3600)}) as server:
        headers = {"Idempotency-Key": "expiring"}
        with server.client() as client:
            first = ok(client.post("/budgets", json=budget_body(name="a"), headers=headers), 201)
            time.sleep(ttl_seconds + 0.5)
            # the old record is gone: the key is free again, for any body
            second = client.post("/budgets", json=budget_body(name="b"), headers=headers)
            assert ok(second, 201)["id"] != first["id"]
            assert "Idempotent-Replayed" not in second.headers
