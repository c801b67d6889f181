#!/usr/bin/env python3
"""What a Terraform plugin start costs, stage by stage, against an older commit in the same run.

A plugin process goes through three stages, each paid again at every one of Terraform's 3-4
starts per command:

1. **handshake**: grpc, the gRPC handlers and the TLS identity, before the handshake line;
2. **first RPC**: the servicer (protobuf, the generated stubs, the catalog);
3. **first API call** (only the starts that call the API): the SDK client, one namespace and
   one model built and validated.

Each stage's CPU time is measured in fresh interpreters, alternating between this checkout
and ``--against REF`` (exported with ``git archive`` into a scratch directory and put first on
``sys.path``), so both columns see the same machine load. The figures are medians; the ratio
is this checkout over the other.

    .venv/bin/python bench/start_cost.py [--against 8adb81c] [--runs 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = {
    "handshake (grpc, handlers, TLS identity)": (
        "import grpc, metafinops_terraform._plugin, metafinops_terraform._log\n"
        "from metafinops_terraform._tls import generate_identity\n"
        "generate_identity()"
    ),
    "first RPC (servicer: protobuf, stubs, catalog)": "import metafinops_terraform.servicer",
    "first API call (client, namespace, one model)": (
        "from metafinops import Client\n"
        "client = Client(api_key='k', base_url='http://127.0.0.1:1')\n"
        "client.budgets\n"
        "from metafinops.types.budget import Budget\n"
        "Budget.model_validate({'id': 'bud_1', 'name': 'n', 'amount': '1', 'currency': 'USD', 'period': 'monthly',"
        " 'start_date': '2026-01-01', 'created_at': '2026-01-01T00:00:00Z'})"
    ),
}
PROBE = """
import json, os, sys, time
# what the plugin's own start sets (metafinops_terraform.__main__), for both columns alike
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
import metafinops
assert metafinops.__file__.startswith(sys.argv[1]), metafinops.__file__
spent = []
for stage in json.loads(sys.argv[2]):
    started = time.process_time()
    exec(stage, {})
    spent.append(time.process_time() - started)
print(json.dumps(spent))
"""
TIMEOUT = 60.0
MAX_RUNS = 200


def _export(ref: str, into: Path) -> None:
    archive = subprocess.run(
        ["git", "archive", ref, "metafinops", "provider"], cwd=ROOT, capture_output=True, check=True, timeout=TIMEOUT
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")


def _run(python_path: list[Path], expect_prefix: Path) -> list[float]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(map(str, python_path)))
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(expect_prefix), json.dumps(list(STAGES.values()))],
        env=env,
        cwd=tempfile.gettempdir(),  # not this checkout: '' on sys.path would shadow the other column
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return [float(x) for x in json.loads(result.stdout)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", default="8adb81c", help="git ref to compare with (default: %(default)s)")
    parser.add_argument("--runs", type=int, default=20, help="fresh processes per column (default: %(default)s)")
    args = parser.parse_args()
    runs = max(1, min(args.runs, MAX_RUNS))
    with tempfile.TemporaryDirectory(prefix="start-cost-") as scratch:
        other = Path(scratch)
        _export(args.against, other)
        ours_path = [ROOT, ROOT / "provider"]
        other_path = [other, other / "provider"]
        ours: list[list[float]] = []
        theirs: list[list[float]] = []
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for _ in range(runs):
            theirs.append(_run(other_path, other))
            ours.append(_run(ours_path, ROOT))
        print(f"load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"\nCPU ms per plugin start, medians of {runs} fresh processes each, alternating\n")
    print(f"| stage | {args.against} | this checkout | ratio |")
    print("|---|---|---|---|")
    for index, name in enumerate(STAGES):
        before = statistics.median(run[index] for run in theirs) * 1000
        after = statistics.median(run[index] for run in ours) * 1000
        print(f"| {name} | {before:.1f} | {after:.1f} | {after / before:.2f}x |")
    before = statistics.median(sum(run) for run in theirs) * 1000
    after = statistics.median(sum(run) for run in ours) * 1000
    print(f"| all three | {before:.1f} | {after:.1f} | {after / before:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
