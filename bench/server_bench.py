#!/usr/bin/env python3
"""Local API server: cost of a write and a read through the SDK, beside ``/v1/health``.

A fresh server (SQLite) in this run; 150 budget creates, 150 GETs, 150 health checks, each
sequential, so the figures are per-request latency on loopback. The health check is the
baseline (envelope + middleware, no auth or database), so the ratios hold on a noisy machine.

    .venv/bin/python bench/server_bench.py [--n 150]
"""

from __future__ import annotations

import argparse
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
            started = time.perf_counter()
            for budget_id in ids:
                client.budgets.get(budget_id)
            get = (time.perf_counter() - started) / n
            started = time.perf_counter()
            for _ in range(n):
                raw.get("/health")
            health = (time.perf_counter() - started) / n

    print(f"| request (mean of {n}) | ms | vs /health |")
    print("|---|---|---|")
    print(f"| GET /v1/health (httpx) | {health * 1000:.1f} | 1.0x |")
    print(f"| budgets.get (SDK) | {get * 1000:.1f} | {get / health:.1f}x |")
    print(f"| budgets.create (SDK, idempotency key, commit) | {create * 1000:.1f} | {create / health:.1f}x |")


if __name__ == "__main__":
    main()
