#!/usr/bin/env python3
"""Provider start-up: process start -> handshake line on stdout (target: median <= 50 ms).

Terraform starts the plugin 2-5 times per command, so this is latency every user pays.
Each run spawns the plugin with the magic cookie, times the first stdout line and stops
the process. By default it installs the package (``metafinops provider install`` as a
scratch user) and measures its ``sh`` launcher, which is what Terraform runs.

    .venv/bin/python bench/handshake.py [--runs 20] [--launcher PATH] [--against REF]

``--against REF`` also installs the package as it was at git ``REF`` (exported to a scratch
directory) and alternates starts of the two, so before/after come from one run.
"""

from __future__ import annotations

import argparse
import io
import os
import select
import signal
import statistics
import subprocess
import sys
import tarfile
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


def install_package(home: Path, plugin_dir: Path, source: Path | None = None) -> Path:
    """``metafinops provider install --plugin-dir`` as the scratch user ``home``; the launcher's path.

    The scratch user keeps the recorded Python (and any warm marker) out of the real home.
    ``source``: a directory holding another version's ``metafinops/`` and ``provider/`` to
    package instead of this checkout's."""
    sys.path.insert(0, str(ROOT))
    from tests.terraform._tf import install_env

    env = install_env(home)
    if source is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(source), str(source / "provider")])
    subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install", "--plugin-dir", str(plugin_dir)],
        check=True,
        capture_output=True,
        env=env,
        cwd=source or ROOT,
    )
    return next(plugin_dir.rglob("terraform-provider-metafinops_v*"))


def export(ref: str, into: Path) -> Path:
    """``metafinops/`` and ``provider/`` as they were at git ``ref``, under ``into``."""
    archive = subprocess.run(
        ["git", "archive", ref, "metafinops", "provider"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def launcher_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment Terraform would give the installed launcher of the scratch user ``home``."""
    from tests.terraform._tf import install_env

    return {**install_env(home), "METAFINOPS_PROVIDER_WARM": "0", **extra}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--launcher", type=Path, help="plugin executable to measure (default: install one)")
    parser.add_argument("--against", metavar="REF", help="also measure the package as of this git ref, alternating")
    args = parser.parse_args()
    runs = max(1, min(args.runs, 200))

    if args.launcher:
        _report(str(args.launcher), handshake_samples(args.launcher, runs))
        return
    with tempfile.TemporaryDirectory(prefix="mfo-handshake-") as tmp:
        home = Path(tmp) / "home"
        launcher = install_package(home, Path(tmp) / "plugins")
        if args.against:
            old_home = Path(tmp) / "old-home"
            old = install_package(old_home, Path(tmp) / "old-plugins", export(args.against, Path(tmp) / "old-src"))
            ours: list[tuple[float, float]] = []
            theirs: list[tuple[float, float]] = []
            for _ in range(runs):  # alternating, so both see the same machine load
                theirs += handshake_samples(old, 1, launcher_env(old_home))
                ours += handshake_samples(launcher, 1, launcher_env(home))
            before = _report(f"package as of {args.against}", theirs)
            median = _report("installed package (sh launcher)", ours)
            print(f"ratio this checkout / {args.against}: {median / before:.2f}x")
        else:
            median = _report("installed package (sh launcher)", handshake_samples(launcher, runs, launcher_env(home)))
        print(f"target: median <= 50 ms -> {'met' if median <= 50 else 'MISSED'}")


if __name__ == "__main__":
    main()
