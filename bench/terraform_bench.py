#!/usr/bin/env python3
"""Terraform benchmark: our provider beside Terraform's built-in ``terraform_data``.

Against a local API server (SQLite, enterprise key, no rate limiting in the way), in one
run on one machine, so the ratios hold even when the machine is noisy:

- ``terraform apply`` creating N = 1, 50, 200 ``metafinops_budget`` vs ``terraform_data``;
- ``terraform plan`` with N = 200 unchanged;
- the provider's process-start → handshake time (median of 20 starts).

Each provider measure is taken twice in the same run: the default launcher (``metafinops
provider install``) and the warm one (``--warm``: a per-user daemon keeps the provider loaded
and each plugin start is a ~20 ms launcher asking it for a session). The warm daemon runs in
a private runtime directory of this run and is stopped at the end.

Targets (issue 3, medians): handshake <= 150 ms; apply N=200 <= 2.0x terraform_data;
plan N=200 <= 3.0x terraform_data.

    .venv/bin/python bench/terraform_bench.py [--reps 3] [--sizes 1,50,200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
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
from tests.terraform._tf import mirror_cli_config  # noqa: E402

MODES = ("default", "warm", "terraform_data")

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


def _install(plugins: Path, *extra: str) -> Path:
    subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install", "--plugin-dir", str(plugins), *extra],
        check=True,
        capture_output=True,
    )
    return next(plugins.rglob("terraform-provider-metafinops_v*"))


def _cli_config(path: Path, plugins: Path) -> Path:
    path.write_text(mirror_cli_config(plugins))
    return path


def _stop_daemons(runtime_dir: Path) -> None:
    """Stop the warm daemons of this run (found by their command line, stopped by pid)."""
    from metafinops_terraform._warm_launcher import DAEMON_FLAG

    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if entry.name.isdigit() and DAEMON_FLAG.encode() in argv and str(runtime_dir).encode() in argv:
            os.kill(int(entry.name), signal.SIGTERM)


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
    apply_medians: dict[tuple[str, int], float] = {}
    plan_medians: dict[str, float] = {}

    with tempfile.TemporaryDirectory(prefix="mfo-bench-") as tmp_name:
        tmp = Path(tmp_name)
        launcher = _install(tmp / "plugins")
        warm_launcher = _install(tmp / "warm-plugins", "--warm")
        runtime_dir = tmp / "run"
        runtime_dir.mkdir(mode=0o700)
        try:
            with running_server(tmp) as server:
                key = server.create_key("enterprise")
                base_env = {
                    **os.environ,
                    "TF_IN_AUTOMATION": "1",
                    "METAFINOPS_API_KEY": key,
                    "METAFINOPS_BASE_URL": server.base_url,
                    "CHECKPOINT_DISABLE": "1",
                }
                base_env.pop("TF_LOG", None)
                envs = {
                    "terraform_data": {**base_env, "TF_CLI_CONFIG_FILE": str(_cli_config(tmp / "rc", tmp / "plugins"))},
                    "default": {**base_env, "TF_CLI_CONFIG_FILE": str(_cli_config(tmp / "rc", tmp / "plugins"))},
                    "warm": {
                        **base_env,
                        "TF_CLI_CONFIG_FILE": str(_cli_config(tmp / "warm-rc", tmp / "warm-plugins")),
                        "METAFINOPS_PROVIDER_RUNTIME_DIR": str(runtime_dir),
                    },
                }
                print("handshake: measuring 20 provider starts (default, then warm) …", flush=True)
                handshake_ms = {"default": statistics.median(handshake_times(launcher, runs=20)) * 1000}
                os.environ["METAFINOPS_PROVIDER_RUNTIME_DIR"] = str(runtime_dir)
                try:  # the first start (not timed) brings the daemon up
                    handshake_ms["warm"] = statistics.median(handshake_times(warm_launcher, runs=20)) * 1000
                finally:
                    del os.environ["METAFINOPS_PROVIDER_RUNTIME_DIR"]

                for n in sizes:
                    for mode in MODES:
                        kind = "terraform_data" if mode == "terraform_data" else "metafinops_budget"
                        env = envs[mode]
                        work = tmp / f"{mode}-{n}"
                        work.mkdir()
                        (work / "main.tf").write_text(_config(kind, n, f"{mode}-{n}"))
                        _terraform(["init"], work, env)
                        times = []
                        for rep in range(args.reps):
                            (work / "main.tf").write_text(_config(kind, n, f"{mode}-{n}-{rep}"))
                            times.append(_terraform(["apply", "-auto-approve"], work, env))
                            if rep < args.reps - 1:
                                _terraform(["destroy", "-auto-approve"], work, env)
                        apply_medians[(mode, n)] = statistics.median(times)
                        print(f"apply  {mode:15} N={n:<4} median {apply_medians[(mode, n)]:.2f}s  {times}", flush=True)
                        if n == max(sizes):
                            plans = [
                                _terraform(["plan", "-detailed-exitcode"], work, env) for _ in range(args.reps + 2)
                            ]
                            plan_medians[mode] = statistics.median(plans)
                            print(f"plan   {mode:15} N={n:<4} median {plan_medians[mode]:.2f}s  {plans}", flush=True)
                        _terraform(["destroy", "-auto-approve"], work, env)
                        shutil.rmtree(work / ".terraform", ignore_errors=True)
        finally:
            _stop_daemons(runtime_dir)

    big = max(sizes)
    print("\n| measure | default | warm | terraform_data | default ratio | warm ratio | target |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| start → handshake (median of 20) | {handshake_ms['default']:.0f} ms | {handshake_ms['warm']:.0f} ms "
        f"| | | | <= {TARGETS['handshake_ms']:.0f} ms |"
    )
    for n in sizes:
        default, warm, base = (apply_medians[(mode, n)] for mode in MODES)
        target = f"<= {TARGETS['apply_200']}x" if n == 200 else ""
        print(
            f"| apply N={n} | {default:.2f} s | {warm:.2f} s | {base:.2f} s | {default / base:.2f}x "
            f"| {warm / base:.2f}x | {target} |"
        )
    default, warm, base = (plan_medians[mode] for mode in MODES)
    print(
        f"| plan N={big} unchanged | {default:.2f} s | {warm:.2f} s | {base:.2f} s | {default / base:.2f}x "
        f"| {warm / base:.2f}x | <= {TARGETS['plan_200']}x |"
    )


if __name__ == "__main__":
    main()
