"""Hostile and careless requests (issue 11): each test here failed before its fix."""

from __future__ import annotations

import gzip
import json
import socket
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from .helpers import error, fields, ok

MAX_BODY = 10 * 1024 * 1024


def _cost(**overrides: Any) -> dict[str, Any]:
    row = {
        "charge_period_start": "2026-11-01T00:00:00Z",
        "charge_period_end": "2026-11-02T00:00:00Z",
        "billed_cost": 10.0,
        "provider": "aws",
        "service": "hardening-ec2",
        "sub_account": "hardening",
    }
    return {**row, **overrides}


def _gpu(**overrides: Any) -> dict[str, Any]:
    row = {
        "instance_id": "i-hardening",
        "gpu_model": "A100",
        "timestamp": "2026-11-01T00:00:00Z",
        "utilization_percent": 50.0,
        "hourly_cost": 3.0,
    }
    return {**row, **overrides}


@pytest.mark.parametrize(
    ("moment", "field"),
    [
        ("0001-01-01T00:00:00Z", "records.0.charge_period_start"),
        ("1000-01-01T00:00:00Z", "records.0.charge_period_start"),
        ("1969-12-31T23:59:59Z", "records.0.charge_period_start"),
        ("9999-12-31T23:00:00-05:00", "records.0.charge_period_start"),  # was a 500 (overflow)
        ("2100-12-31T23:00:00-05:00", "records.0.charge_period_start"),  # 2101 in UTC
    ],
)
def test_dates_outside_1970_to_2100_are_refused_naming_the_field(api_server, moment: str, field: str) -> None:
    with api_server.client() as client:
        end = {"charge_period_end": "2101-01-02T00:00:00Z"} if moment.startswith(("9999", "2100")) else {}
        response = client.post("/ingest/costs", json={"records": [_cost(charge_period_start=moment, **end)]})
        err = error(response, 422, "validation_error")
        assert field in fields(err), err
        assert "1970" in response.text


def test_budget_start_date_and_query_dates_are_bounded_too(api_server) -> None:
    with api_server.client() as client:
        err = error(client.post("/budgets", json={"name": "x", "amount": 1, "period": "monthly",
                                                  "start_date": "0001-01-01"}), 422, "validation_error")  # fmt: skip
        assert fields(err) == {"start_date"}
        err = error(client.get("/costs/summary", params={"start": "0001-01-01", "end": "2026-01-01"}), 400,
                    "invalid_request")  # fmt: skip
        assert fields(err) == {"start"}


def test_booleans_are_not_numbers(api_server) -> None:
    with api_server.client() as client:
        err = error(client.post("/ingest/gpu-metrics", json={"records": [_gpu(hourly_cost=True)]}), 422,
                    "validation_error")  # fmt: skip
        assert fields(err) == {"records.0.hourly_cost"}
        err = error(client.post("/ingest/costs", json={"records": [_cost(billed_cost=False)]}), 422,
                    "validation_error")  # fmt: skip
        assert fields(err) == {"records.0.billed_cost"}
        # an int is a number; dated long ago so the shared demo server's current figures stay the demo's
        ok(
            client.post(
                "/ingest/gpu-metrics", json={"records": [_gpu(hourly_cost=3, timestamp="1990-01-01T00:00:00Z")]}
            ),
            201,
        )


def test_integral_numbers_are_integers_as_json_schema_says(api_server) -> None:
    """JSON Schema's "integer" is any number whose fraction is zero: 2688.0 is one (schemathesis
    found it refused). Booleans, strings and fractions stay refused."""
    with api_server.client() as client:
        spec = client.get("/openapi.json").raise_for_status().json()  # not enveloped
        integers = [prop for schema in spec["components"]["schemas"].values()
                    for prop in schema.get("properties", {}).values() if prop.get("type") == "integer"]  # fmt: skip
        assert integers and all("ge" not in prop and "le" not in prop for prop in integers)  # standard keywords

        usage = {"timestamp": "1990-01-01T00:00:00Z", "provider": "hardening", "model": "m", "output_tokens": 1,
                 "cost": 0.5}  # fmt: skip
        ok(
            client.post("/ingest/token-usage", json={"records": [{**usage, "input_tokens": 2688.0, "requests": 2.0}]}),
            201,
        )
        for bad in (True, "2688", 2688.5):
            err = error(client.post("/ingest/token-usage", json={"records": [{**usage, "input_tokens": bad}]}), 422,
                        "validation_error")  # fmt: skip
            assert fields(err) == {"records.0.input_tokens"}

        policy = {"name": "whole minutes", "type": "gpu_idle", "cooldown_minutes": 30.0,
                  "conditions": {"utilization_below_percent": 5.0, "idle_minutes": 60.0}}  # fmt: skip
        created = ok(client.post("/alert-policies", json=policy), 201)
        assert created["cooldown_minutes"] == 30 and created["conditions"]["idle_minutes"] == 60
        assert isinstance(created["cooldown_minutes"], int)
        err = error(client.patch(f"/alert-policies/{created['id']}", json={"cooldown_minutes": 30.5}), 422,
                    "validation_error")  # fmt: skip
        assert fields(err) == {"cooldown_minutes"}
        client.delete(f"/alert-policies/{created['id']}").raise_for_status()


def _raw_request(port: int, head: str, body: bytes = b"", wait: float = 10.0) -> bytes:
    """Send a request head (and part of a body) on a raw socket; what the server answers (bounded)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(head.encode() + body)
        answer = b""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except TimeoutError:
                break
            if not chunk:
                break  # the server closed the connection
            answer += chunk
        return answer


def test_an_unauthenticated_huge_body_is_refused_before_it_is_read(api_server) -> None:
    # 500 MB announced, 64 KiB sent: the 401 must come without waiting for (or reading) the rest.
    head = (
        "POST /v1/ingest/costs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {500 * 1024 * 1024}\r\n\r\n"
    )
    answer = _raw_request(api_server.port, head, b"[" * 65536)
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.startswith(b"HTTP/1.1 401"), answer[:500]
    assert b"connection: close" in rest.lower()


def test_bodies_over_the_cap_are_413(api_server) -> None:
    with api_server.client() as client:
        declared = client.post("/budgets", content=b" " * (MAX_BODY + 1), headers={"Content-Type": "application/json"})
        err = error(declared, 413, "payload_too_large")
        assert str(MAX_BODY) in err["message"]
        assert declared.headers["X-RateLimit-Limit"]

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(12):
                yield b" " * (1024 * 1024)

        streamed = client.post("/ingest/costs", content=chunks(), headers={"Content-Type": "application/json"})
        error(streamed, 413, "payload_too_large")


def test_malformed_json_is_401_without_a_key_and_400_with_rate_limit_headers_with_one(api_server) -> None:
    with httpx.Client(base_url=api_server.base_url, timeout=30) as anonymous:
        response = anonymous.post("/budgets", content=b"{not json", headers={"Content-Type": "application/json"})
        error(response, 401, "unauthorized")
    with api_server.client() as client:
        response = client.post("/budgets", content=b"{not json", headers={"Content-Type": "application/json"})
        error(response, 400, "invalid_request")
        assert int(response.headers["X-RateLimit-Remaining"]) >= 0 and response.headers["X-RateLimit-Limit"]


def test_405_allow_lists_every_method_of_the_path(api_server) -> None:
    with api_server.client() as client:
        response = client.put("/budgets")
        error(response, 405, "method_not_allowed")
        assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}
        response = client.post("/budgets/bud_x")
        error(response, 405, "method_not_allowed")
        assert {"GET", "PATCH", "DELETE"} <= {m.strip() for m in response.headers["Allow"].split(",")}


def test_head_health(api_server) -> None:
    response = httpx.head(f"{api_server.base_url}/health", timeout=10)
    assert response.status_code == 200 and response.content == b""
    assert response.headers["X-Request-Id"].startswith("req_")


def test_ingest_timestamps_are_zero_padded_rfc3339() -> None:
    from datetime import datetime

    from metafinops.server.timeutil import format_timestamp

    assert format_timestamp(datetime(1970, 1, 1, 0, 0, 0, 999)) == "1970-01-01T00:00:00Z"
    assert format_timestamp(datetime(243, 10, 19, 7, 33, 36)) == "0243-10-19T07:33:36Z"


def _sqlite_path(db_url: str) -> str:
    return db_url.removeprefix("sqlite:///")


def test_webhook_secrets_never_enter_stored_replays_and_replays_follow_rotation(api_server) -> None:
    body = {"url": "https://hooks.corp.test/hardening", "events": ["report.generated"]}
    with api_server.client() as client:
        first = ok(client.post("/webhooks", json=body, headers={"Idempotency-Key": "hardening-create"}), 201)
        rotated = ok(client.post(f"/webhooks/{first['id']}/rotate-secret", json={},
                                 headers={"Idempotency-Key": "hardening-rotate"}))  # fmt: skip
        assert rotated["secret_version"] == 2 and rotated["secret"] != first["secret"]
        replay = client.post("/webhooks", json=body, headers={"Idempotency-Key": "hardening-create"})
        assert replay.headers["Idempotent-Replayed"] == "true"
        replayed = ok(replay, 201)
        assert replayed["id"] == first["id"]
        assert (replayed["secret_version"], replayed["secret"]) == (2, rotated["secret"])
    with sqlite3.connect(_sqlite_path(api_server.db_url)) as db:
        stored = [row[0] for row in db.execute("SELECT response_data FROM idempotency_records")]
    assert stored and not any(first["secret"] in data or rotated["secret"] in data for data in stored)
    assert not any('"secret":' in data for data in stored)


def test_query_strings_are_redacted_in_the_access_log(api_server) -> None:
    leaked = "mfo_leakedKeyInTheQueryString0123456789"
    httpx.get(f"{api_server.base_url}/budgets", params={"api_key": leaked}, timeout=10)
    time.sleep(0.2)
    log = api_server.stderr_path.read_text(errors="replace")
    assert "api_key=[redacted]" in log
    assert leaked not in log


def test_an_incoming_request_id_is_kept_when_well_formed(api_server) -> None:
    with api_server.client() as client:
        response = client.get("/budgets", headers={"X-Request-Id": "trace-4bf92f3577b34da6"})
        assert response.headers["X-Request-Id"] == "trace-4bf92f3577b34da6"
        assert response.json()["meta"]["request_id"] == "trace-4bf92f3577b34da6"
        response = client.get("/budgets", headers={"X-Request-Id": "bad id\twith spaces"})
        assert response.headers["X-Request-Id"].startswith("req_")


def test_metrics_endpoint_counts_requests_by_route_and_status(api_server) -> None:
    with api_server.client() as client:
        client.get("/budgets/bud_missing")
    text = httpx.get(f"http://127.0.0.1:{api_server.port}/metrics", timeout=10).text
    assert 'metafinops_http_requests_total{method="GET",route="/v1/budgets/{budget_id}",status="404"}' in text
    assert "metafinops_http_request_duration_seconds_bucket" in text
    assert "metafinops_rate_limit_rejections_total" in text
    assert "metafinops_webhook_delivery_attempts" in text


def test_json_logs_carry_the_request_id(start_server, tmp_path: Path) -> None:
    with start_server(tmp_path, extra_args=["--log-format", "json"]) as server, server.client() as client:
        request_id = client.get("/budgets").headers["X-Request-Id"]
        time.sleep(0.2)
        lines = [json.loads(line) for line in server.stderr_path.read_text().splitlines() if line.startswith("{")]
    access = [entry for entry in lines if entry["logger"] == "uvicorn.access"]
    assert any(entry["request_id"] == request_id and entry["status"] == 200 for entry in access), access[-5:]
    assert all({"time", "level", "message", "request_id"} <= set(entry) for entry in lines)


def _cli_ingest(server: Any, path: Path) -> Any:
    return server.cli("ingest", "costs", str(path), "--db", server.db_url, "--no-progress", check=False)


def test_cli_reports_bad_files_as_file_and_line_without_tracebacks(api_server, tmp_path: Path) -> None:
    header = "ChargePeriodStart,ChargePeriodEnd,BilledCost,ProviderName,ServiceName,SubAccountId\n"
    good = "2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,1.5,aws,cli-ec2,cli\n"
    cases = {
        "old.csv": (header + good + "0001-01-01T00:00:00Z,0001-01-02T00:00:00Z,1,aws,ec2,a\n").encode(),
        "overflow.csv": (header + "9999-12-31T23:00:00-05:00,9999-12-31T23:30:00-05:00,1,aws,ec2,a\n").encode(),
        "latin1.csv": header.encode() + "2026-11-01T00:00:00Z,2026-11-02T00:00:00Z,1,aws,caf\xe9,a\n".encode("latin-1"),
        "broken.csv.gz": gzip.compress((header + good * 50).encode())[:60],
        "notgzip.csv.gz": (header + good).encode(),
    }
    expected_line = {"old.csv": 3, "overflow.csv": 2, "latin1.csv": None, "broken.csv.gz": None, "notgzip.csv.gz": 1}
    for name, content in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        result = _cli_ingest(api_server, path)
        assert result.returncode == 1, (name, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        line = expected_line[name]
        assert f"{name}: line {line if line is not None else ''}" in result.stderr, result.stderr
        assert "Nothing was ingested" in result.stderr
