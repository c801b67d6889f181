"""Delivery arithmetic and rules without a network: backoff, Retry-After, destinations, signing."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from metafinops import webhooks
from metafinops.server.events.delivery import DeliveryPolicy, backoff_delay, parse_retry_after
from metafinops.server.events.destinations import BlockedDestination, resolve_destination
from metafinops.server.events.outbox import event_payload
from metafinops.server.events.signing import delivery_headers, signing_secrets


def test_backoff_doubles_with_jitter_up_to_the_cap() -> None:
    policy = DeliveryPolicy(backoff_base=30, backoff_max=3600)
    rng = random.Random(1)
    for attempt, ceiling in ((1, 30), (2, 60), (3, 120), (8, 3600), (30, 3600)):
        delays = [backoff_delay(attempt, policy, rng) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert max(delays) - min(delays) > ceiling / 4  # jittered, not constant


def test_retry_after_in_seconds_or_as_an_http_date() -> None:
    now = datetime(2026, 3, 31, 12, 0, 0)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Tue, 31 Mar 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Tue, 31 Mar 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def _resolver(*addresses: str):
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "address",
    [
        *("10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "fd00::1"),
        "::ffff:10.0.0.1",
        # IPv6 spellings of private IPv4 addresses: NAT64, 6to4, IPv4-compatible; and site-local
        *("64:ff9b::a9fe:a9fe", "64:ff9b::10.0.0.1", "2002:a9fe:a9fe::1", "::a9fe:a9fe", "::10.0.0.1"),
        *("fec0::1", "64:ff9b:1::808:808"),
    ],
)
def test_private_and_reserved_addresses_are_refused(address: str) -> None:
    with pytest.raises(BlockedDestination, match="private or reserved"):
        resolve_destination("https://hooks.corp.test/x", local_mode=True, resolver=_resolver("93.184.216.34", address))


def test_ipv6_forms_of_public_ipv4_addresses_are_judged_by_the_ipv4() -> None:
    for address in ("64:ff9b::808:808", "2002:808:808::1"):
        destination = resolve_destination("https://hooks.corp.test/x", local_mode=False, resolver=_resolver(address))
        assert destination.url == f"https://[{address}]/x"


def test_loopback_only_in_local_mode_and_http_only_to_loopback() -> None:
    loopback = resolve_destination("http://localhost:8000/hook?a=1", local_mode=True, resolver=_resolver("127.0.0.1"))
    assert loopback.url == "http://127.0.0.1:8000/hook?a=1" and loopback.host_header == "localhost:8000"
    with pytest.raises(BlockedDestination, match="loopback"):
        resolve_destination("http://127.0.0.1:8000/hook", local_mode=False)
    with pytest.raises(BlockedDestination, match="https"):
        resolve_destination("http://hooks.corp.test/x", local_mode=True, resolver=_resolver("93.184.216.34"))


def test_public_https_is_pinned_to_the_checked_address() -> None:
    destination = resolve_destination(
        "https://hooks.corp.test/finops", local_mode=False, resolver=_resolver("2606:2800:220:1::1")
    )
    assert destination.url == "https://[2606:2800:220:1::1]/finops"
    assert destination.host_header == "hooks.corp.test" and destination.extensions == {
        "sni_hostname": "hooks.corp.test"
    }


class _Secret:
    def __init__(self, version: int, secret: str, expires_at: datetime | None) -> None:
        self.version, self.secret, self.expires_at = version, secret, expires_at


def test_headers_sign_with_every_live_secret_newest_first() -> None:
    now = datetime(2026, 3, 31, 14, 22)
    secrets = [
        _Secret(1, "old-expired-secret-000000000", now - timedelta(seconds=1)),
        _Secret(2, "old-overlapping-secret-00000", now + timedelta(hours=1)),
        _Secret(3, "current-secret-0000000000000", None),
    ]
    live = signing_secrets(secrets, now)
    assert live == ["current-secret-0000000000000", "old-overlapping-secret-00000"]
    body = event_payload("cost.anomaly.detected", {"anomaly_id": "ano_8xK2mP", "expected_cost": 1240.0}, now).encode()
    assert body.startswith(b'{"event":"cost.anomaly.detected","timestamp":"2026-03-31T14:22:00Z","data":{')
    headers = delivery_headers(body, live, event_id="evt_1", delivery_id="dlv_1", now=now)
    assert headers["X-MetaFinOps-Event-Id"] == "evt_1"
    assert headers["X-MetaFinOps-Timestamp"] == "1774966920"
    assert [webhooks.sign(body, s) for s in live] == headers["X-MetaFinOps-Signature"].split(",")
