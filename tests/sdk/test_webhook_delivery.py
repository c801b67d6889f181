"""Deliveries from the real server, checked with :mod:`metafinops.webhooks` as a receiver would."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

import pytest

from metafinops import Client, WebhookVerificationError, webhooks

if TYPE_CHECKING:
    from tests._server import ServerHandle

DELIVERY_TIMEOUT = 15.0  # seconds to wait for the server's event engine


@dataclass
class Delivery:
    headers: dict[str, str]
    body: bytes


@pytest.fixture
def receiver() -> Iterator[tuple[str, queue.Queue[Delivery]]]:
    """An HTTP endpoint on loopback that records each POST and answers 200."""
    received: queue.Queue[Delivery] = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.put(Delivery(dict(self.headers.items()), body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def next_delivery(received: queue.Queue[Delivery]) -> Delivery:
    try:
        return received.get(timeout=DELIVERY_TIMEOUT)
    except queue.Empty:
        raise AssertionError(f"no delivery within {DELIVERY_TIMEOUT} s") from None


def test_deliveries_verify_with_the_subscription_secret(
    api_server: ServerHandle, receiver: tuple[str, queue.Queue[Delivery]]
) -> None:
    url, received = receiver
    with Client(api_server.api_key, base_url=api_server.base_url) as client:
        subscription = client.webhooks.create(url=url, events=["report.generated"])
        assert subscription.secret is not None
        report = client.reports.generate(start="2026-03-01", end="2026-03-31")

        delivery = next_delivery(received)
        headers = {name.lower(): value for name, value in delivery.headers.items()}
        signature = headers[webhooks.SIGNATURE_HEADER.lower()]
        webhooks.verify(
            delivery.body, signature, subscription.secret, timestamp=headers[webhooks.TIMESTAMP_HEADER.lower()]
        )
        assert headers[webhooks.EVENT_ID_HEADER.lower()].startswith("evt_")
        event = json.loads(delivery.body)  # parsed only once verified
        assert set(event) == {"event", "timestamp", "data"}
        assert event["event"] == "report.generated"
        assert report.id in delivery.body.decode()
        with pytest.raises(WebhookVerificationError):
            webhooks.verify(delivery.body, signature, "whsec_not_the_secret_000000000000")

        # during a rotation both secrets sign: a receiver holding either one accepts the delivery
        rotated = client.webhooks.rotate_secret(subscription.id, overlap_seconds=3600)
        assert rotated.secret is not None
        client.reports.generate(start="2026-03-01", end="2026-03-31")
        delivery = next_delivery(received)
        headers = {name.lower(): value for name, value in delivery.headers.items()}
        signature = headers[webhooks.SIGNATURE_HEADER.lower()]
        webhooks.verify(delivery.body, signature, rotated.secret)
        webhooks.verify(delivery.body, signature, subscription.secret)

        assert [d.status for d in client.webhooks.deliveries(subscription.id)].count("succeeded") >= 1
        client.webhooks.delete(subscription.id)
