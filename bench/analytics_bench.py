"""Benchmark: CLI ingestion rate, and ``GET /v1/costs/summary`` over a million cost rows.

    python bench/analytics_bench.py [--rows 1000000] [--requests 200] [--keep DIR]

1. Writes a FOCUS CSV of ``--rows`` generated cost rows (90 days, 3 providers, 15 services,
   12 accounts, 6 regions) and times ``metafinops ingest costs FILE`` on a fresh SQLite file.
2. Starts ``metafinops serve`` on that database (127.0.0.1) and times ``--requests`` calls of
   ``GET /v1/costs/summary`` for one month, beside the same aggregation as one raw SQL query
   over ``cost_records`` on the same database, in the same run. The API answers from the daily
   rollup ingestion maintains; the raw query reads the rows themselves. For the API's own
   overhead, the endpoint's two rollup queries are also timed as raw SQL.

Targets: API p50 <= 150 ms and <= 3x the raw query's p50. Every loop and wait is bounded.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import re
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx

FIRST_DAY = datetime(2026, 1, 1)
DAYS = 90
MONTH = ("2026-02-01", "2026-02-28")
PROVIDERS: dict[str, tuple[str, ...]] = {
    "AWS": ("aws-ec2", "aws-s3", "aws-rds", "aws-lambda", "aws-cloudfront", "aws-dynamodb"),
    "Google Cloud": ("gcp-compute", "gcp-bigquery", "gcp-storage", "gcp-gke", "gcp-pubsub"),
    "Microsoft Azure": ("azure-vm", "azure-sql", "azure-blob", "azure-aks"),
}
REGIONS = ("us-east-1", "us-west-2", "eu-west-1", "us-central1", "europe-west4", "westeurope")
ACCOUNTS = tuple(f"account-{n:02d}" for n in range(12))
HEADER = [
    "ChargePeriodStart",
    "ChargePeriodEnd",
    "BilledCost",
    "EffectiveCost",
    "BillingCurrency",
    "ProviderName",
    "ServiceName",
    "SubAccountId",
    "RegionId",
    "ResourceId",
    "Tags",
]
MAX_ROWS = 5_000_000
START_TIMEOUT = 60.0
CLI_TIMEOUT = 1800.0
RAW_RUNS = 15


def write_rows(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    services = [(provider, service) for provider, names in PROVIDERS.items() for service in names]
    stamps = [
        ((FIRST_DAY + timedelta(days=d)).strftime("%Y-%m-%dT00:00:00Z"),
         (FIRST_DAY + timedelta(days=d + 1)).strftime("%Y-%m-%dT00:00:00Z"))
        for d in range(DAYS)
    ]  # fmt: skip
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            start, end = stamps[n % DAYS]
            provider, service = services[rng.randrange(len(services))]
            billed = rng.uniform(0.01, 250.0)
            writer.writerow(
                [start, end, f"{billed:.4f}", f"{billed * 0.9:.4f}", "USD", provider, service,
                 ACCOUNTS[rng.randrange(len(ACCOUNTS))], REGIONS[rng.randrange(len(REGIONS))],
                 f"res-{rng.randrange(50_000)}", ""]
            )  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "metafinops.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=True,
    )


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


RAW_QUERY = (
    "SELECT service, SUM(effective_cost) AS cost FROM cost_records"
    " WHERE charge_period_start >= ? AND charge_period_start < ? AND currency = 'USD'"
    " GROUP BY service ORDER BY cost DESC"
)
RAW_PARAMS = (f"{MONTH[0]} 00:00:00.000000", "2026-03-01 00:00:00.000000")
# what the endpoint itself runs: the currency to report in, then the sums, on the rollup
ROLLUP_QUERIES = (
    "SELECT currency FROM cost_daily WHERE day >= ? AND day <= ?"
    " GROUP BY currency ORDER BY SUM(row_count) DESC, currency LIMIT 1",
    "SELECT service, SUM(effective_cost) AS cost FROM cost_daily"
    " WHERE day >= ? AND day <= ? AND currency = 'USD' GROUP BY service ORDER BY cost DESC, service",
)


def time_sql(db: Path, queries: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[list[float], float]:
    """Times of running ``queries`` in a row (``RAW_RUNS`` times), and the last query's total cost."""
    timings, total = [], 0.0
    with sqlite3.connect(db) as connection:
        for _ in range(RAW_RUNS):
            started = time.perf_counter()
            for query, params in queries:
                rows = connection.execute(query, params).fetchall()
            timings.append(time.perf_counter() - started)
            total = sum(row[-1] for row in rows)
    return timings, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="Work in this directory and keep it (default: a temporary one).")
    args = parser.parse_args()
    rows, requests = min(max(args.rows, 1000), MAX_ROWS), min(max(args.requests, 10), 5000)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="mfo-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db, data = workdir / "bench.db", workdir / "costs.csv"
    for stale in (db, db.with_name("bench.db-wal"), db.with_name("bench.db-shm")):
        stale.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
    env |= {"METAFINOPS_DB_URL": f"sqlite:///{db}", "METAFINOPS_RATE_LIMITS": "enterprise=1000000"}

    started = time.perf_counter()
    write_rows(data, rows)
    print(
        f"generated {rows:,} FOCUS rows ({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    ingest = cli(env, "ingest", "costs", str(data), "--no-progress")
    wall = time.perf_counter() - started
    reported = re.search(r"in ([\d.]+) s \(([\d,]+) rows/s\)", ingest.stderr)
    print(ingest.stderr.strip())
    if reported:
        print(f"CLI ingestion: {reported.group(2)} rows/s (parse + validate + insert + rollup, one transaction)")
    print(f"CLI wall clock incl. start-up, migrations and the event engine: {wall:.1f} s = {rows / wall:,.0f} rows/s")

    api_key = cli(env, "keys", "create", "--name", "bench", "--plan", "enterprise").stdout.strip()
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "metafinops.cli",
            "serve",
            "--port",
            str(port),
            "--no-access-log",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.1)
        timings = []
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {api_key}"}, timeout=30) as client:
            params = {"start": MONTH[0], "end": MONTH[1]}
            for _ in range(5):  # warm-up: connection, caches
                client.get("/costs/summary", params=params).raise_for_status()
            for _ in range(requests):
                begun = time.perf_counter()
                response = client.get("/costs/summary", params=params)
                timings.append(time.perf_counter() - begun)
                response.raise_for_status()
            api_total = response.json()["data"]["total_cost"]
        raw_timings, raw_total = time_sql(db, ((RAW_QUERY, RAW_PARAMS),))
        rollup_timings, _ = time_sql(db, tuple((query, MONTH) for query in ROLLUP_QUERIES))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()

    api_p50, raw_p50 = statistics.median(timings) * 1000, statistics.median(raw_timings) * 1000
    print(f"\nGET /v1/costs/summary {MONTH[0]}..{MONTH[1]} over {rows:,} rows, {requests} requests:")
    print(f"  API  p50 {api_p50:7.1f} ms   p95 {percentile(timings, 0.95) * 1000:7.1f} ms   total {api_total:,.2f}")
    print(f"  raw SQL p50 {raw_p50:7.1f} ms ({RAW_RUNS} runs, sqlite3 on the same file)   total {raw_total:,.2f}")
    print(f"  API / raw = {api_p50 / raw_p50:.2f}x")
    rollup_p50 = statistics.median(rollup_timings) * 1000
    print(f"  (the endpoint's own two queries on the daily rollup, as raw SQL: p50 {rollup_p50:.1f} ms)")
    print(f"  same total (to the cent): {abs(api_total - raw_total) < 0.01}")
    print(f"  target p50 <= 150 ms: {'met' if api_p50 <= 150 else 'MISSED'}; "
          f"<= 3x raw: {'met' if api_p50 <= 3 * raw_p50 else 'MISSED'}")  # fmt: skip
    if args.keep is None:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
