#!/usr/bin/env python3
"""Local API server: cost of a write and a read through the SDK, beside ``/v1/health``.

A fresh server (SQLite) in this run; 150 budget creates, 150 GETs through the SDK and the same
150 GETs with plain httpx (the difference is the SDK's own per-request cost), 150 health
checks, each sequential, so the figures are per-request latency on loopback. The health check is the
baseline (envelope + middleware, no auth or database), so the ratios hold on a noisy machine.

    .venv/bin/python bench/server_bench.py [--n 150]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests._server import running_server  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=150)
    n = parser.parse_args().n

    import httpx

    from metafinops import Client

    with tempfile.TemporaryDirectory(prefix="mfo-server-bench-") as tmp, running_server(Path(tmp)) as server:
        key = server.create_key("enterprise")
        with Client(api_key=key, base_url=server.base_url) as client, httpx.Client(base_url=server.base_url) as raw:
            client.budgets.create(name="warm-up", amount=1, period="monthly")
            started = time.perf_counter()
            ids = [client.budgets.create(name=f"bench-{i}", amount=10, period="monthly").id for i in range(n)]
            create = (time.perf_counter() - started) / n
            headers = {"Authorization": f"Bearer {key}"}
            sdk_times: list[float] = []
            raw_times: list[float] = []
            for budget_id in ids:  # interleaved, so both see the same server state and machine load
                started = time.perf_counter()
                client.budgets.get(budget_id)
                sdk_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                raw.get(f"/budgets/{budget_id}", headers=headers).json()
                raw_times.append(time.perf_counter() - started)
            get, raw_get = statistics.median(sdk_times), statistics.median(raw_times)
            started = time.perf_counter()
            for _ in range(n):
                raw.get("/health")
            health = (time.perf_counter() - started) / n

    print(f"| request ({n} each; means unless marked) | ms | vs /health |")
    print("|---|---|---|")
    print(f"| GET /v1/health (httpx) | {health * 1000:.1f} | 1.0x |")
    print(f"| GET /v1/budgets/{{id}} (httpx, JSON parsed; median) | {raw_get * 1000:.2f} | {raw_get / health:.1f}x |")
    print(f"| budgets.get (SDK; median) | {get * 1000:.2f} | {get / health:.1f}x |")
    print(f"| budgets.create (SDK, idempotency key, commit) | {create * 1000:.1f} | {create / health:.1f}x |")
    print(f"\nThe SDK's own cost per request (model, envelope, retries' bookkeeping): {(get - raw_get) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
