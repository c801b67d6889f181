"""Signed webhook deliveries from a real server to a real receiver process on loopback."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import signal
from pathlib import Path

import pytest

from metafinops import webhooks

from ._helpers import deliveries, running_receiver, wait_until

SECRET = "whsec_test_secret_0123456789abcdef"
NEW_SECRET = "whsec_rotated_secret_9876543210fedcba"
REPORT = {"start": "2026-03-01", "end": "2026-03-31", "format": "csv"}


def _subscribe(client, url: str, events: list[str], secret: str = SECRET) -> dict:
    response = client.post("/webhooks", json={"url": url, "events": events, "secret": secret})
    assert response.status_code == 201, response.text
    return response.json()["data"]


def _done(client, webhook_id: str, count: int = 1) -> list[dict]:
    """Wait until ``count`` deliveries of the subscription are no longer pending."""

    def finished() -> list[dict]:
        items = deliveries(client, webhook_id)
        return items if len(items) >= count and all(d["status"] != "pending" for d in items) else []

    return wait_until(finished)


def test_delivery_is_signed_as_the_seed_page_says(fast_server, tmp_path: Path) -> None:
    with running_receiver(tmp_path) as receiver, fast_server.client() as client:
        hook = _subscribe(client, receiver.url, ["report.generated"])
        report = client.post("/reports/generate", json=REPORT).json()["data"]
        (delivered,) = receiver.wait_for(1)

        # the seed's tip, by hand: HMAC-SHA256 of the raw body, lowercase hex, in the header
        signature = delivered.header("X-MetaFinOps-Signature")
        assert signature == hmac.new(SECRET.encode(), delivered.body, hashlib.sha256).hexdigest()
        # and with the SDK, replay window included
        webhooks.verify(
            delivered.body, signature, SECRET, timestamp=delivered.header(webhooks.TIMESTAMP_HEADER), tolerance=60
        )
        payload = json.loads(delivered.body)
        assert list(payload) == ["event", "timestamp", "data"]
        assert payload["event"] == "report.generated"
        assert payload["data"]["report_id"] == report["id"]
        assert payload["data"]["download_url"] == report["download_url"]
        assert delivered.header("Content-Type") == "application/json"

        (logged,) = _done(client, hook["id"])
        assert logged["status"] == "succeeded" and logged["attempts"] == 1 and logged["response_status"] == 200
        assert delivered.header(webhooks.EVENT_ID_HEADER) == logged["event_id"]
        assert logged["event"] == "report.generated" and logged["delivered_at"] is not None
        assert [a["response_status"] for a in logged["attempt_log"]] == [200]


def test_rotation_signs_with_both_secrets_during_the_overlap(fast_server, tmp_path: Path) -> None:
    with running_receiver(tmp_path) as receiver, fast_server.client() as client:
        hook = _subscribe(client, receiver.url, ["report.generated"])
        rotated = client.post(
            f"/webhooks/{hook['id']}/rotate-secret", json={"secret": NEW_SECRET, "overlap_seconds": 600}
        )
        assert rotated.status_code == 200 and rotated.json()["data"]["secret_version"] == 2
        client.post("/reports/generate", json=REPORT)
        (delivered,) = receiver.wait_for(1)

        header = delivered.header("X-MetaFinOps-Signature")
        expected = [hmac.new(key.encode(), delivered.body, hashlib.sha256).hexdigest() for key in (NEW_SECRET, SECRET)]
        assert header.split(",") == expected  # newest first
        for key in (NEW_SECRET, SECRET):  # a receiver with either secret accepts it
            webhooks.verify(delivered.body, header, key)

        client.post(f"/webhooks/{hook['id']}/rotate-secret", json={"secret": SECRET + "x", "overlap_seconds": 0})
        client.post("/reports/generate", json=REPORT)
        second = receiver.wait_for(2)[1]
        assert (
            second.header("X-MetaFinOps-Signature")
            == hmac.new((SECRET + "x").encode(), second.body, hashlib.sha256).hexdigest()
        )  # no overlap: one signature


def test_failing_twice_then_succeeding_is_one_success_after_three_attempts(fast_server, tmp_path: Path) -> None:
    with running_receiver(tmp_path, script="500,502,200") as receiver, fast_server.client() as client:
        hook = _subscribe(client, receiver.url, ["report.generated"])
        client.post("/reports/generate", json=REPORT)
        (logged,) = _done(client, hook["id"])

        assert logged["status"] == "succeeded"
        assert logged["attempts"] == 3
        assert [a["number"] for a in logged["attempt_log"]] == [1, 2, 3]
        assert [a["response_status"] for a in logged["attempt_log"]] == [500, 502, 200]
        received = receiver.requests()
        assert len(received) == 3
        assert len({r.header(webhooks.EVENT_ID_HEADER) for r in received}) == 1  # the same event each time
        assert len({r.body for r in received}) == 1  # byte for byte
        gaps = [b.at - a.at for a, b in itertools.pairwise(received)]
        assert all(gap >= 0.09 for gap in gaps), gaps  # backoff 0.2 s, 0.4 s with jitter down to half


def test_retry_after_is_honoured(fast_server, tmp_path: Path) -> None:
    with running_receiver(tmp_path, script="503@retry-after=1") as receiver, fast_server.client() as client:
        hook = _subscribe(client, receiver.url, ["report.generated"])
        client.post("/reports/generate", json=REPORT)
        (logged,) = _done(client, hook["id"])
        first, second = receiver.requests()
        assert logged["status"] == "succeeded" and logged["attempts"] == 2
        assert second.at - first.at >= 0.95  # the backoff alone would have waited 0.1-0.2 s


def test_gone_disables_the_subscription(fast_server, tmp_path: Path) -> None:
    with running_receiver(tmp_path, script="410") as receiver, fast_server.client() as client:
        hook = _subscribe(client, receiver.url, ["report.generated"])
        client.post("/reports/generate", json=REPORT)
        (logged,) = _done(client, hook["id"])
        assert logged["status"] == "failed" and logged["attempts"] == 1 and logged["response_status"] == 410
        assert client.get(f"/webhooks/{hook['id']}").json()["data"]["enabled"] is False
        client.post("/reports/generate", json=REPORT)  # a disabled subscription gets nothing more
        assert len(receiver.requests()) == 1
        assert len(deliveries(client, hook["id"])) == 1


@pytest.mark.parametrize(
    "host",
    ["10.20.30.40", "[::ffff:10.0.0.1]", "[64:ff9b::a9fe:a9fe]", "[2002:a9fe:a9fe::1]", "[::a9fe:a9fe]", "[fec0::1]"],
)
def test_private_address_literals_are_refused_at_create(fast_server, host: str) -> None:
    # Names are checked before each attempt (test_delivery_rules.py); literals can be refused at once.
    with fast_server.client() as client:
        response = client.post("/webhooks", json={"url": f"https://{host}/hook", "events": ["report.generated"]})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["details"][0]["field"] == "url"


def test_a_killed_server_delivers_after_restart(start_server, tmp_path: Path) -> None:
    from ._helpers import FAST_ENV

    # the first POST hangs: the server is killed while it waits for the answer
    with (
        running_receiver(tmp_path / "receiver", script="hang=30") as receiver,
        start_server(tmp_path / "server", env=FAST_ENV) as server,
    ):
        with server.client() as client:
            hook = _subscribe(client, receiver.url, ["report.generated"])
            client.post("/reports/generate", json=REPORT)
        receiver.wait_for(1)
        assert server.process is not None
        server.process.send_signal(signal.SIGKILL)
        server.process.wait(timeout=10)
        server.process = None
        server.start()  # same database; the lease of the lost attempt runs out, then it is sent again

        with server.client() as client:
            (logged,) = _done(client, hook["id"])
        received = receiver.requests()
        assert logged["status"] == "succeeded"
        assert len(received) == 2
        assert received[0].header(webhooks.EVENT_ID_HEADER) == received[1].header(webhooks.EVENT_ID_HEADER)
        assert received[0].body == received[1].body
