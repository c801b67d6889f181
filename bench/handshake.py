#!/usr/bin/env python3
"""Provider start-up: process start -> handshake line on stdout (target: median <= 150 ms).

Terraform starts the plugin 2-5 times per command, so this is latency every user pays.
Each run spawns the plugin with the magic cookie, times the first stdout line and stops
the process. By default it measures the launcher that ``metafinops provider install`` writes
(what Terraform runs) and, for comparison, the pip console script.

    .venv/bin/python bench/handshake.py [--runs 20] [--launcher PATH]
"""

from __future__ import annotations

import argparse
import os
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
TIMEOUT_SECONDS = 10.0


def _one_start(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], TIMEOUT_SECONDS)
        if not ready:
            raise RuntimeError(f"no handshake within {TIMEOUT_SECONDS:.0f} s from {command}")
        line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        if not line.startswith(b"1|6|unix|"):
            raise RuntimeError(f"unexpected handshake line {line[:80]!r}")
        return elapsed
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def handshake_times(launcher: Path | str, runs: int = 20) -> list[float]:
    """Seconds from spawn to handshake line for ``runs`` starts of ``launcher``."""
    env = {**os.environ, "TF_PLUGIN_MAGIC_COOKIE": MAGIC_COOKIE, "PLUGIN_PROTOCOL_VERSIONS": "6"}
    env.pop("TF_LOG", None)
    command = [str(launcher)]
    _one_start(command, env)  # warm the page cache and the bytecode cache
    return [_one_start(command, env) for _ in range(runs)]


def _report(name: str, times: list[float]) -> float:
    median = statistics.median(times) * 1000
    print(
        f"{name:34} median {median:6.1f} ms   min {min(times) * 1000:6.1f}   max {max(times) * 1000:6.1f}   "
        f"(n={len(times)})"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--launcher", type=Path, help="plugin executable to measure (default: install one)")
    args = parser.parse_args()

    if args.launcher:
        _report(str(args.launcher), handshake_times(args.launcher, args.runs))
        return
    with tempfile.TemporaryDirectory(prefix="mfo-handshake-") as tmp:
        sys.path.insert(0, str(ROOT))
        from metafinops_terraform.install import install_plugin

        launcher = install_plugin(Path(tmp))
        median = _report("installed launcher (python -SI)", handshake_times(launcher, args.runs))
        console_script = shutil.which("terraform-provider-metafinops") or str(
            Path(sys.executable).with_name("terraform-provider-metafinops")
        )
        if Path(console_script).exists():
            _report("pip console script", handshake_times(console_script, args.runs))
        print(f"target: median <= 150 ms -> {'met' if median <= 150 else 'MISSED'}")


if __name__ == "__main__":
    main()
