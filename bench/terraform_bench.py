#!/usr/bin/env python3
"""Terraform benchmark: our provider beside Terraform's built-in ``terraform_data``.

Against a local API server (SQLite, enterprise key, no rate limiting in the way), in one
run on one machine, so the ratios hold even when the machine is noisy:

- ``terraform apply`` creating N = 1, 50, 200 ``metafinops_budget`` vs ``terraform_data``;
- ``terraform plan`` with N = 200 unchanged;
- the provider's process-start → handshake time (median of 20 starts).

Targets (issue 3, medians): handshake <= 150 ms; apply N=200 <= 2.0x terraform_data;
plan N=200 <= 3.0x terraform_data.

    .venv/bin/python bench/terraform_bench.py [--reps 3] [--sizes 1,50,200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.handshake import handshake_times  # noqa: E402
from tests._server import running_server  # noqa: E402

TARGETS = {"handshake_ms": 150.0, "apply_200": 2.0, "plan_200": 3.0}

PROVIDER_BLOCK = """
terraform {
  required_providers {
    metafinops = { source = "metafinops/metafinops", version = "~> 1.0" }
  }
}
provider "metafinops" {}
"""


def _config(kind: str, n: int, tag: str) -> str:
    if kind == "terraform_data":
        return f'resource "terraform_data" "x" {{\n  count = {n}\n  input = "bench-{tag}-${{count.index}}"\n}}\n'
    return PROVIDER_BLOCK + (
        f'resource "metafinops_budget" "x" {{\n  count  = {n}\n  name   = "bench-{tag}-${{count.index}}"\n'
        '  amount = 100\n  period = "monthly"\n}\n'
    )


def _terraform(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        ["terraform", *args, "-no-color", "-input=false"], cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 2) or "Error" in result.stderr:
        raise RuntimeError(f"terraform {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sizes", default="1,50,200")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    with tempfile.TemporaryDirectory(prefix="mfo-bench-") as tmp_name:
        tmp = Path(tmp_name)
        plugins = tmp / "plugins"
        subprocess.run(
            [sys.executable, "-m", "metafinops.cli", "provider", "install", "--plugin-dir", str(plugins)],
            check=True,
            capture_output=True,
        )
        rc = tmp / "terraformrc"
        rc.write_text(
            f'provider_installation {{\n  filesystem_mirror {{\n    path = "{plugins}"\n'
            '    include = ["registry.terraform.io/metafinops/metafinops"]\n  }\n'
            '  direct {\n    exclude = ["registry.terraform.io/metafinops/metafinops"]\n  }\n}\n'
        )
        with running_server(tmp) as server:
            key = server.create_key("enterprise")
            env = {
                **os.environ,
                "TF_CLI_CONFIG_FILE": str(rc),
                "TF_IN_AUTOMATION": "1",
                "METAFINOPS_API_KEY": key,
                "METAFINOPS_BASE_URL": server.base_url,
                "CHECKPOINT_DISABLE": "1",
            }
            env.pop("TF_LOG", None)

            print("handshake: measuring 20 provider starts …", flush=True)
            launcher = next(plugins.rglob("terraform-provider-metafinops_v*"))
            handshake_ms = statistics.median(handshake_times(launcher, runs=20)) * 1000

            apply_medians: dict[tuple[str, int], float] = {}
            plan_medians: dict[str, float] = {}
            for kind in ("terraform_data", "metafinops_budget"):
                for n in sizes:
                    work = tmp / f"{kind}-{n}"
                    work.mkdir()
                    (work / "main.tf").write_text(_config(kind, n, f"{n}"))
                    _terraform(["init"], work, env)
                    times = []
                    for rep in range(args.reps):
                        (work / "main.tf").write_text(_config(kind, n, f"{n}-{rep}"))
                        times.append(_terraform(["apply", "-auto-approve"], work, env))
                        if rep < args.reps - 1:
                            _terraform(["destroy", "-auto-approve"], work, env)
                    apply_medians[(kind, n)] = statistics.median(times)
                    print(f"apply  {kind:18} N={n:<4} median {apply_medians[(kind, n)]:.2f}s  {times}", flush=True)
                    if n == max(sizes):
                        plans = [_terraform(["plan", "-detailed-exitcode"], work, env) for _ in range(args.reps + 2)]
                        plan_medians[kind] = statistics.median(plans)
                        print(f"plan   {kind:18} N={n:<4} median {plan_medians[kind]:.2f}s", flush=True)
                    _terraform(["destroy", "-auto-approve"], work, env)
                    shutil.rmtree(work / ".terraform", ignore_errors=True)

    big = max(sizes)
    print("\n| measure | metafinops | terraform_data | ratio | target |")
    print("|---|---|---|---|---|")
    print(f"| handshake (median of 20) | {handshake_ms:.0f} ms | | | <= {TARGETS['handshake_ms']:.0f} ms |")
    for n in sizes:
        ours, base = apply_medians[("metafinops_budget", n)], apply_medians[("terraform_data", n)]
        target = f"<= {TARGETS['apply_200']}x" if n == 200 else ""
        print(f"| apply N={n} | {ours:.2f} s | {base:.2f} s | {ours / base:.2f}x | {target} |")
    ours, base = plan_medians["metafinops_budget"], plan_medians["terraform_data"]
    print(f"| plan N={big} unchanged | {ours:.2f} s | {base:.2f} s | {ours / base:.2f}x | <= {TARGETS['plan_200']}x |")


if __name__ == "__main__":
    main()
