"""Helpers of the event engine tests: receiver processes, bounded waits, fast retry settings."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

RECEIVER = Path(__file__).with_name("_receiver.py")
START_TIMEOUT = 10.0
WAIT_TIMEOUT = 20.0

# Retries within a second, leases of seconds: the tests wait for real retries.
FAST_ENV = {
    "METAFINOPS_WEBHOOK_TIMEOUT": "2",
    "METAFINOPS_WEBHOOK_BACKOFF_BASE": "0.2",
    "METAFINOPS_WEBHOOK_BACKOFF_MAX": "2",
    "METAFINOPS_WEBHOOK_MAX_ATTEMPTS": "5",
    "METAFINOPS_DELIVERY_POLL_INTERVAL": "0.1",
    "METAFINOPS_EVALUATION_INTERVAL": "3600",
}


@dataclass
class Received:
    """One request the receiver got."""

    number: int
    at: float
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str:
        return {key.lower(): value for key, value in self.headers.items()}[name.lower()]

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A receiver process and what it has recorded."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def requests(self) -> list[Received]:
        if not self.log.exists():
            return []
        items = []
        for line in self.log.read_text().splitlines():
            record = json.loads(line)
            items.append(Received(record["n"], record["at"], record["headers"], base64.b64decode(record["body_b64"])))
        return items

    def wait_for(self, count: int, timeout: float = WAIT_TIMEOUT) -> list[Received]:
        """The first ``count`` requests, waiting for them (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            items = self.requests()
            if len(items) >= count:
                return items
            time.sleep(0.05)
        raise AssertionError(f"receiver got {len(self.requests())} request(s), expected {count} within {timeout} s")


@contextmanager
def running_receiver(tmp_path: Path, script: str = "") -> Iterator[Receiver]:
    """A receiver process on 127.0.0.1 answering from ``script`` (see ``_receiver.py``)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    log, ready = tmp_path / "received.jsonl", tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, str(RECEIVER), "--log", str(log), "--ready", str(ready), "--script", script],
        stdin=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while not (ready.exists() and ready.read_text()):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("the receiver did not start")
            time.sleep(0.05)
        yield Receiver(f"http://127.0.0.1:{ready.read_text()}/hook", log, process)
    finally:
        process.kill()
        process.wait(timeout=10)


def wait_until(check: Callable[[], Any], timeout: float = WAIT_TIMEOUT, interval: float = 0.1) -> Any:
    """Poll ``check`` until it returns something truthy (bounded); return that."""
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s (last: {result!r})")
        time.sleep(interval)


def deliveries(client: httpx.Client, webhook_id: str) -> list[dict[str, Any]]:
    """The delivery log of a subscription (first page of 100)."""
    response = client.get(f"/webhooks/{webhook_id}/deliveries", params={"limit": 100})
    assert response.status_code == 200, response.text
    return list(response.json()["data"])
