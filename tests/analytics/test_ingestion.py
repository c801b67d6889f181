"""Ingestion through the CLI (real processes, SQLite files) and through the API: all or nothing."""

from __future__ import annotations

import gzip
import sqlite3
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from tests.server.helpers import error, ok

CLI_TIMEOUT = 120.0

GOOD_ROWS = [
    "2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,100.0,80.0,USD,AWS,aws-ec2,prod,us-east-1,i-1,",
    "2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,50.0,50.0,USD,AWS,aws-s3,prod,us-east-1,b-1,",
    '2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,25.5,,USD,AWS,aws-ec2,dev,us-west-2,i-2,"{""env"": ""dev""}"',
]
HEADER = (
    "ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,BillingCurrency,ProviderName,"
    "ServiceName,SubAccountId,RegionId,ResourceId,Tags"
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "metafinops.cli", *args],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as connection:
        return int(connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_bad_focus_row_commits_nothing(tmp_path: Path) -> None:
    db = tmp_path / "ingest.db"
    bad = "2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,lots,,USD,AWS,aws-ec2,dev,us-west-2,i-2,"
    csv_file = tmp_path / "focus.csv"
    csv_file.write_text("\n".join([HEADER, *GOOD_ROWS, bad, GOOD_ROWS[0]]) + "\n")

    result = _cli("ingest", "costs", str(csv_file), "--db", f"sqlite:///{db}")
    assert result.returncode == 1
    assert "focus.csv: line 5: BilledCost: Input should be a valid number" in result.stderr
    assert "Nothing was ingested" in result.stderr
    assert _count(db, "cost_records") == 0 and _count(db, "cost_daily") == 0

    csv_file.write_text("\n".join([HEADER, *GOOD_ROWS]) + "\n")
    result = _cli("ingest", "costs", str(csv_file), "--db", f"sqlite:///{db}")
    assert result.returncode == 0, result.stderr
    assert "Ingested 3 cost rows (2026-03-01 … 2026-03-02)" in result.stderr
    with sqlite3.connect(db) as connection:
        rollup = connection.execute(
            "SELECT day, service, sub_account, region, billed_cost, effective_cost, row_count"
            " FROM cost_daily ORDER BY day, service"
        ).fetchall()
    assert rollup == [
        ("2026-03-01", "aws-ec2", "prod", "us-east-1", 100.0, 80.0, 1),
        ("2026-03-01", "aws-s3", "prod", "us-east-1", 50.0, 50.0, 1),
        ("2026-03-02", "aws-ec2", "dev", "us-west-2", 25.5, 25.5, 1),  # effective defaults to billed
    ]


def test_every_bad_row_is_listed_and_a_bad_header_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "ingest.db"
    rows = tmp_path / "gpu.csv"
    rows.write_text(
        "instance_id,gpu_model,timestamp,utilization_percent,hourly_cost\n"
        "i-1,T4,2026-03-01T00:00:00Z,5,0.35\n"
        "i-1,T4,2026-03-01T00:30:00Z,105,0.35\n"
        "i-1,T4,not a time,5,0.35\n"
    )
    result = _cli("ingest", "gpu-metrics", str(rows), "--db", f"sqlite:///{db}")
    assert result.returncode == 1
    assert "line 3: utilization_percent: Input should be less than or equal to 100" in result.stderr
    assert "line 4: timestamp:" in result.stderr
    assert _count(db, "gpu_samples") == 0

    tokens = tmp_path / "tokens.csv"
    tokens.write_text("timestamp,model,cost\n2026-03-01T00:00:00Z,gpt-4o,1\n")
    result = _cli("ingest", "token-usage", str(tokens), "--db", f"sqlite:///{db}")
    assert result.returncode == 1 and "line 1: missing column(s) Provider, InputTokens, OutputTokens" in result.stderr


def test_demo_csv_files_round_trip_through_ingestion(tmp_path: Path) -> None:
    out, direct, via_files = tmp_path / "demo", tmp_path / "direct.db", tmp_path / "files.db"
    args = ("--days", "40", "--seed", "3", "--end", "2026-03-31")
    assert _cli("demo-data", *args, "--out", str(out)).returncode == 0
    assert _cli("demo-data", *args, "--db", f"sqlite:///{direct}").returncode == 0
    compressed = out / "costs.csv.gz"
    compressed.write_bytes(gzip.compress((out / "costs.csv").read_bytes()))
    for kind, name in (
        ("costs", "costs.csv.gz"),
        ("gpu-metrics", "gpu-metrics.csv"),
        ("token-usage", "token-usage.csv"),
    ):
        result = _cli("ingest", kind, str(out / name), "--db", f"sqlite:///{via_files}")
        assert result.returncode == 0, result.stderr

    query = "SELECT service, sub_account, ROUND(SUM(effective_cost), 4), SUM(row_count) FROM cost_daily GROUP BY 1, 2"
    with sqlite3.connect(direct) as a, sqlite3.connect(via_files) as b:
        assert sorted(a.execute(query).fetchall()) == sorted(b.execute(query).fetchall())
        for table in ("gpu_samples", "token_usage", "anomalies"):
            count = a.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            assert count > 0 and count == b.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_api_ingestion_is_all_or_nothing(api_server) -> None:
    service = f"svc-{uuid.uuid4().hex[:8]}"
    record = {
        "charge_period_start": "2031-06-01T00:00:00Z",
        "charge_period_end": "2031-06-02T00:00:00Z",
        "billed_cost": 10,
        "provider": "aws",
        "service": service,
        "sub_account": "prod",
    }
    params = {"start": "2031-06-01", "end": "2031-06-30", "service": service}
    with api_server.client() as client:
        bad = [record, {**record, "billed_cost": "NaN"}, {**record, "charge_period_end": "2031-05-01T00:00:00Z"}]
        err = error(client.post("/ingest/costs", json={"records": bad}), 422, "validation_error")
        assert {d["field"] for d in err["details"]} == {"records.1.billed_cost", "records.2"}
        assert ok(client.get("/costs/summary", params=params))["total_cost"] == 0.0

        added = ok(client.post("/ingest/costs", json={"records": [record, record]}), 201)
        assert added == {
            "ingested": 2,
            "first_timestamp": "2031-06-01T00:00:00Z",
            "last_timestamp": "2031-06-01T00:00:00Z",
        }
        assert ok(client.get("/costs/summary", params=params))["total_cost"] == 20.0
        error(client.post("/ingest/costs", json={"records": []}), 422, "validation_error")
        error(client.post("/ingest/gpu-metrics", json={"records": [{"instance_id": "x"}]}), 422, "validation_error")


def test_the_sdk_ingests_and_reads_back(api_server) -> None:
    from metafinops import Client

    service = f"svc-{uuid.uuid4().hex[:8]}"
    with Client(api_server.api_key, base_url=api_server.base_url) as client:
        result = client.ingest.costs(
            [
                {
                    "charge_period_start": datetime(2031, 7, 1),
                    "charge_period_end": datetime(2031, 7, 2),
                    "billed_cost": 12.5,
                    "provider": "aws",
                    "service": service,
                    "sub_account": "prod",
                }
            ]
        )
        assert result.ingested == 1 and result.first_timestamp == datetime(2031, 7, 1, tzinfo=UTC)
        summary = client.costs.summary(start="2031-07-01", end="2031-07-31", service=service)
        assert summary.total_cost == 12.5
        tokens = client.ingest.token_usage(
            [{"timestamp": "2031-07-01T10:00:00Z", "provider": "p", "model": service, "input_tokens": 10,
              "output_tokens": 5, "cost": 0.01}]
        )  # fmt: skip
        assert tokens.ingested == 1
