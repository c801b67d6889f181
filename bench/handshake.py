#!/usr/bin/env python3
"""Provider start-up: process start -> handshake line on stdout (target: median <= 50 ms).

Terraform starts the plugin 2-5 times per command, so this is latency every user pays.
Each run spawns the plugin with the magic cookie, times the first stdout line and stops
the process. By default it installs the package (``metafinops provider install`` as a
scratch user) and measures its ``sh`` launcher, which is what Terraform runs.

    .venv/bin/python bench/handshake.py [--runs 20] [--launcher PATH]
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAGIC_COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
TIMEOUT_SECONDS = 10.0


def _cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat", "rb") as stat:
        fields = stat.read().rsplit(b")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _one_start(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds to the handshake line, and the plugin process's CPU seconds by then."""
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
        return elapsed, _cpu_seconds(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def handshake_times(launcher: Path | str, runs: int = 20, environ: Mapping[str, str] | None = None) -> list[float]:
    """Seconds from spawn to handshake line for ``runs`` starts of ``launcher`` (env: ``environ`` or ours)."""
    return [wall for wall, _ in handshake_samples(launcher, runs, environ)]


def handshake_samples(
    launcher: Path | str, runs: int = 20, environ: Mapping[str, str] | None = None
) -> list[tuple[float, float]]:
    """(wall, CPU) seconds to the handshake line for ``runs`` starts (CPU: less sensitive to load)."""
    env = {**(os.environ if environ is None else environ), "TF_PLUGIN_MAGIC_COOKIE": MAGIC_COOKIE}
    env["PLUGIN_PROTOCOL_VERSIONS"] = "6"
    env.pop("TF_LOG", None)
    command = [str(launcher)]
    _one_start(command, env)  # warm the page cache and the bytecode cache
    return [_one_start(command, env) for _ in range(runs)]


def _report(name: str, samples: list[tuple[float, float]]) -> float:
    times = [wall for wall, _ in samples]
    median = statistics.median(times) * 1000
    cpu = statistics.median(c for _, c in samples) * 1000
    print(
        f"{name:34} median {median:6.1f} ms   min {min(times) * 1000:6.1f}   max {max(times) * 1000:6.1f}   "
        f"CPU median {cpu:5.0f} ms (10 ms ticks)   (n={len(times)})"
    )
    return median


def install_package(home: Path, plugin_dir: Path) -> Path:
    """``metafinops provider install --plugin-dir`` as the scratch user ``home``; the launcher's path.

    The scratch user keeps the recorded Python (and any warm marker) out of the real home."""
    sys.path.insert(0, str(ROOT))
    from tests.terraform._tf import install_env

    subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install", "--plugin-dir", str(plugin_dir)],
        check=True,
        capture_output=True,
        env=install_env(home),
    )
    return next(plugin_dir.rglob("terraform-provider-metafinops_v*"))


def launcher_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment Terraform would give the installed launcher of the scratch user ``home``."""
    from tests.terraform._tf import install_env

    return {**install_env(home), "METAFINOPS_PROVIDER_WARM": "0", **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--launcher", type=Path, help="plugin executable to measure (default: install one)")
    args = parser.parse_args()
    runs = max(1, min(args.runs, 200))

    if args.launcher:
        _report(str(args.launcher), handshake_samples(args.launcher, runs))
        return
    with tempfile.TemporaryDirectory(prefix="mfo-handshake-") as tmp:
        home = Path(tmp) / "home"
        launcher = install_package(home, Path(tmp) / "plugins")
        median = _report("installed package (sh launcher)", handshake_samples(launcher, runs, launcher_env(home)))
        print(f"target: median <= 50 ms -> {'met' if median <= 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
