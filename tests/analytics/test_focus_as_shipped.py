"""Real FOCUS exports (issue 11): NULL tokens, quoted JSON tags, x_ columns, FOCUS 1.0 and 1.2
column names, .csv.gz and Parquet; the fast (pyarrow) path and the row path agree."""

from __future__ import annotations

import csv
import gzip
import io
import json
import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.server.helpers import ok

# FOCUS 1.0 names (ProviderName) in one file, 1.2 (ServiceProviderName) in the other; custom x_ columns.
FOCUS_10 = [
    *("BilledCost", "BillingCurrency", "ChargePeriodEnd", "ChargePeriodStart", "EffectiveCost", "ProviderName"),
    *("RegionId", "ResourceId", "ServiceName", "SubAccountId", "Tags", "x_ServiceCode", "x_Discounts"),
]
FOCUS_12 = [name if name != "ProviderName" else "ServiceProviderName" for name in FOCUS_10]
DAY = "2026-09-{:02d}T00:00:00Z"


def _rows(service: str) -> list[dict[str, str]]:
    rows = []
    for n in range(1, 11):
        rows.append(
            {
                "BilledCost": f"{10 * n:.2f}",
                "BillingCurrency": "USD",
                "ChargePeriodStart": DAY.format(n),
                "ChargePeriodEnd": DAY.format(n + 1),
                "EffectiveCost": f"{9 * n:.2f}" if n % 3 else "NULL",  # NULL: defaults to BilledCost
                "RegionId": "NULL" if n % 2 else "us-east-1",
                "ResourceId": "NULL",
                "ServiceName": service,
                "SubAccountId": "focus-acct",
                "Tags": "NULL" if n % 4 == 0 else json.dumps({"env": "prod", "team": f"t{n}"}),
                "x_ServiceCode": "AmazonEC2",
                "x_Discounts": '{"not": "ours"}',
            }
        )
    return rows


def _expected(rows: list[dict[str, str]]) -> float:
    return round(sum(float(r["EffectiveCost"] if r["EffectiveCost"] != "NULL" else r["BilledCost"]) for r in rows), 2)


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]], provider_column: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # quotes the JSON tags: "{""env"": ""prod"", ...}"
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "AWS" if name == provider_column else "") for name in header])
    data = buffer.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def _write_parquet(path: Path, rows: list[dict[str, str]]) -> None:
    def value(text: str) -> str | None:
        return None if text == "NULL" else text

    table = pa.table(
        {
            "ChargePeriodStart": pa.array([r["ChargePeriodStart"] for r in rows]).cast(pa.timestamp("s", tz="UTC")),
            "ChargePeriodEnd": pa.array([r["ChargePeriodEnd"] for r in rows]).cast(pa.timestamp("s", tz="UTC")),
            "BilledCost": pa.array([float(r["BilledCost"]) for r in rows]),
            "EffectiveCost": pa.array(
                [None if r["EffectiveCost"] == "NULL" else float(r["EffectiveCost"]) for r in rows]
            ),
            "BillingCurrency": [r["BillingCurrency"] for r in rows],
            "ServiceProviderName": ["AWS"] * len(rows),
            "ServiceName": [r["ServiceName"] for r in rows],
            "SubAccountId": [r["SubAccountId"] for r in rows],
            "RegionId": [value(r["RegionId"]) for r in rows],
            "Tags": [value(r["Tags"]) for r in rows],
            "x_ServiceCode": [r["x_ServiceCode"] for r in rows],
        }
    )
    pq.write_table(table, path)


@pytest.mark.parametrize("name", ["focus10.csv", "focus12.csv.gz", "focus12.parquet", "slow-path.csv"])
def test_focus_exports_ingest_and_the_summary_is_the_sum_of_effective_cost(
    api_server, tmp_path: Path, name: str
) -> None:
    service = f"focus-{name.replace('.', '-')}"
    rows = _rows(service)
    path = tmp_path / name
    if name.endswith(".parquet"):
        _write_parquet(path, rows)
    elif name.startswith("focus10"):
        _write_csv(path, FOCUS_10, rows, "ProviderName")
    elif name.startswith("slow-path"):
        rows[0]["BilledCost"] = " 10.00"  # padded: the fast path hands the file to the row path
        _write_csv(path, FOCUS_10, rows, "ProviderName")
    else:
        _write_csv(path, FOCUS_12, rows, "ServiceProviderName")
    result = api_server.cli("ingest", "costs", str(path), "--db", api_server.db_url, "--no-progress", check=False)
    assert result.returncode == 0, result.stderr
    assert "Ingested 10 cost rows" in result.stderr
    with api_server.client() as client:
        summary = ok(
            client.get("/costs/summary", params={"start": "2026-09-01", "end": "2026-09-30", "service": service})
        )
    assert summary["total_cost"] == pytest.approx(_expected(rows), abs=0.01)
    with sqlite3.connect(api_server.db_url.removeprefix("sqlite:///")) as db:
        tags = [json.loads(t) if t else None for (t,) in db.execute(
            "SELECT tags FROM cost_records WHERE service = ? ORDER BY charge_period_start", (service,))]  # fmt: skip
        regions = {r for (r,) in db.execute("SELECT region FROM cost_records WHERE service = ?", (service,))}
    assert tags[0] == {"env": "prod", "team": "t1"} and tags[3] is None
    assert regions == {None, "us-east-1"}  # NULL is a missing value, not the region "NULL"


def test_a_bad_row_in_a_parquet_file_names_its_row(api_server, tmp_path: Path) -> None:
    rows = _rows("focus-bad-parquet")
    rows[4]["BillingCurrency"] = "XXX1"
    path = tmp_path / "bad.parquet"
    _write_parquet(path, rows)
    result = api_server.cli("ingest", "costs", str(path), "--db", api_server.db_url, "--no-progress", check=False)
    assert result.returncode == 1
    assert "bad.parquet: line 6: BillingCurrency" in result.stderr and "Traceback" not in result.stderr
