#!/usr/bin/env python3
"""Terraform benchmark: our provider (three ways) beside a Go provider and ``terraform_data``.

Against one local API server (SQLite, enterprise key), in one run on one machine, so the
ratios hold even when the machine is noisy. Columns:

- ``default``: the installed package (``metafinops provider install``), a fresh Python process
  per plugin start (``METAFINOPS_PROVIDER_WARM=0``);
- ``run``: ``METAFINOPS_PROVIDER_WARM=run``, a daemon per Terraform process: the first plugin
  start of a command loads the provider, the others get sessions from it, and it exits with
  Terraform (its start-up is in every command, so it has no separate handshake figure);
- ``warm``: the same package with ``METAFINOPS_PROVIDER_WARM=1`` (a per-user daemon keeps the
  provider loaded; it runs in a private runtime directory of this run and is stopped at the end);
- ``go``: ``bench/goref``, ``metafinops_budget`` on terraform-plugin-framework with net/http,
  built here (cached in ``$XDG_CACHE_HOME/metafinops/goref-<hash>``) and installed in the same
  scratch mirror as ``metafinops-bench/goref``;
- ``terraform_data``: Terraform's built-in resource, no plugin at all.

Measures: ``terraform apply`` creating N = 1, 50, 200 resources, ``terraform plan`` with N = 200
unchanged, and process start → handshake of each plugin. Every measure also prints where the
time went (medians over the reps): CPU seconds of Terraform itself, of the plugin processes
(Terraform's reaped children, plus the warm daemon's), of the API server; and, from the
plugin's own figures (``METAFINOPS_PROVIDER_STATS``), plugin starts, RPCs and the time from
process start to its first answered RPC.

    .venv/bin/python bench/terraform_bench.py [--reps 3] [--sizes 1,50,200] [--handshakes 20]

Run it on a quiet machine (the script prints the load average before and after).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.handshake import handshake_times, install_package, launcher_env  # noqa: E402
from tests._server import running_server  # noqa: E402
from tests.terraform._tf import mirror_cli_config, terraform_env  # noqa: E402

MODES = ("default", "run", "warm", "go", "terraform_data")
MAX_REPS = 10
MAX_SIZE = 500
COMMAND_TIMEOUT = 600.0
POLL_SECONDS = 0.02

GOREF_DIR = ROOT / "bench" / "goref"
GOREF_ADDRESS = "registry.terraform.io/metafinops-bench/goref"
GOREF_VERSION = "0.0.1"
OURS_ADDRESS = "registry.terraform.io/metafinops/metafinops"

GOALS = {"handshake_ms": 50.0, 1: 4.0, 50: 2.0, 200: 1.3, "plan": 1.5}
"""Issue 13's goals (ratios to terraform_data, medians); and: no slower than Go at N=200."""

SOURCES = {
    "default": "metafinops/metafinops",
    "run": "metafinops/metafinops",
    "warm": "metafinops/metafinops",
    "go": "metafinops-bench/goref",
}
HZ = os.sysconf("SC_CLK_TCK")


def _config(mode: str, n: int, tag: str) -> str:
    if mode == "terraform_data":
        return f'resource "terraform_data" "x" {{\n  count = {n}\n  input = "bench-{tag}-${{count.index}}"\n}}\n'
    version = "~> 1.0" if mode != "go" else GOREF_VERSION
    return (
        "terraform {\n  required_providers {\n"
        f'    metafinops = {{ source = "{SOURCES[mode]}", version = "{version}" }}\n'
        '  }\n}\nprovider "metafinops" {}\n'
        f'resource "metafinops_budget" "x" {{\n  count  = {n}\n  name   = "bench-{tag}-${{count.index}}"\n'
        '  amount = 100\n  period = "monthly"\n}\n'
    )


# --------------------------------------------------------------------------- the Go reference


def build_goref() -> Path:
    """``go build`` bench/goref once per source and Go version; the binary lives in the user's cache."""
    go = shutil.which("go")
    if go is None:
        raise SystemExit("bench/terraform_bench.py needs Go (1.26) on PATH to build bench/goref")
    version = subprocess.run([go, "env", "GOVERSION"], check=True, capture_output=True, text=True).stdout.strip()
    digest = hashlib.sha256(version.encode())
    for path in sorted(GOREF_DIR.iterdir()):
        if path.suffix == ".go" or path.name in ("go.mod", "go.sum"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "metafinops"
    binary = cache / f"goref-{digest.hexdigest()[:16]}"
    if not binary.exists():
        cache.mkdir(parents=True, exist_ok=True)
        print(f"building bench/goref with {version} -> {binary} …", flush=True)
        partial = binary.with_name(binary.name + f".{os.getpid()}.tmp")
        subprocess.run([go, "build", "-trimpath", "-o", str(partial), "."], cwd=GOREF_DIR, check=True, timeout=900)
        os.replace(partial, binary)
    return binary


def install_goref(binary: Path, plugin_dir: Path) -> Path:
    host, namespace, type_ = GOREF_ADDRESS.split("/")
    name = f"terraform-provider-{type_}_v{GOREF_VERSION}"
    target = plugin_dir / host / namespace / type_ / GOREF_VERSION / "linux_amd64" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(binary, target)
    return target


# --------------------------------------------------------------------------- CPU accounting


def _cpu(pid: int, *, children: bool = False) -> float:
    """CPU seconds of ``pid`` (user + system; with ``children``, also its reaped children)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15)
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / HZ


def daemon_pids(runtime_dir: Path) -> list[int]:
    """The warm daemons of this run: their command line names the daemon flag and our runtime dir."""
    from metafinops_terraform._warm_protocol import DAEMON_FLAG

    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if DAEMON_FLAG.encode() in argv and any(str(runtime_dir).encode() in a for a in argv):
            pids.append(int(entry.name))
    return pids


@dataclass
class Sample:
    wall: float
    terraform_cpu: float
    plugin_cpu: float
    server_cpu: float
    plugins: list[dict[str, Any]] = field(default_factory=list)
    exit_code: int = 0


def run_terraform(
    args: list[str],
    cwd: Path,
    env: Mapping[str, str],
    server_pid: int,
    extra_plugin_pids: Callable[[], list[int]] = list,
    stats_file: Path | None = None,
) -> Sample:
    """Run one terraform command; its wall time and where the CPU went.

    Terraform's own CPU is its last ``/proc`` sample (taken every 20 ms, so it may miss up to one
    interval); the plugins' is what ``wait4`` reports for Terraform and the children it reaped,
    minus that; the warm daemons' (``extra_plugin_pids``: found every 100 ms, sampled every
    20 ms, a run-scoped one until it exits) and the server's are differences of their ``/proc``
    counters before and after.
    """
    if stats_file is not None and stats_file.exists():
        stats_file.unlink()
    extra_before = {pid: _cpu(pid) for pid in extra_plugin_pids()}
    extra_last = dict(extra_before)
    server_before = _cpu(server_pid, children=True)
    out = cwd / ".bench-out"
    with open(out, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            ["terraform", *args, "-no-color", "-input=false"], cwd=cwd, env=dict(env), stdout=output, stderr=output
        )
        own = [0.0]
        done = threading.Event()

        def poll() -> None:
            deadline = time.monotonic() + COMMAND_TIMEOUT
            ticks = 0
            while not done.wait(POLL_SECONDS):
                value = _cpu(process.pid)
                if value:
                    own[0] = value
                ticks += 1
                if ticks % 5 == 1:
                    for pid in extra_plugin_pids():
                        extra_last.setdefault(pid, 0.0)
                for pid in list(extra_last):
                    extra_last[pid] = _cpu(pid) or extra_last[pid]
                if time.monotonic() > deadline:
                    process.kill()

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        done.set()
        poller.join()
        process.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = _cpu(server_pid, children=True) - server_before
    for pid in extra_last:  # a run-scoped daemon exits within ~0.25 s of Terraform: take its last figure
        extra_last[pid] = _cpu(pid) or extra_last[pid]
    extra = sum(value - extra_before.get(pid, 0.0) for pid, value in extra_last.items())
    text = out.read_text(errors="replace")
    if process.returncode not in (0, 2) or "Error" in text:
        raise RuntimeError(f"terraform {' '.join(args)} failed ({process.returncode}):\n{text[-3000:]}")
    total = usage.ru_utime + usage.ru_stime
    plugins = []
    if stats_file is not None and stats_file.exists():
        plugins = [json.loads(line) for line in stats_file.read_text().splitlines() if line.strip()]
    return Sample(wall, own[0], max(0.0, total - own[0]) + extra, server_cpu, plugins, process.returncode)


# --------------------------------------------------------------------------- reporting


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Measure:
    samples: dict[str, list[Sample]] = field(default_factory=dict)

    def wall(self, mode: str) -> float:
        return _median([s.wall for s in self.samples[mode]])


def _breakdown(name: str, measure: Measure) -> list[str]:
    rows = []
    for mode in MODES:
        samples = measure.samples[mode]
        plugins = [p for s in samples for p in s.plugins]
        starts = _median([float(len(s.plugins)) for s in samples]) if plugins else None
        rpcs = _median([float(sum(sum(p["calls"].values()) for p in s.plugins)) for s in samples]) if plugins else None
        first = [float(p["first_rpc_s"]) for p in plugins if p.get("first_rpc_s") is not None]
        shake = [float(p["handshake_s"]) for p in plugins if p.get("handshake_s") is not None]
        calls: dict[str, int] = {}
        if plugins:
            for p in samples[len(samples) // 2].plugins:
                for method, count in p["calls"].items():
                    calls[method] = calls.get(method, 0) + int(count)
        rows.append(
            f"| {name} | {mode} | {_median([s.wall for s in samples]):.2f} "
            f"| {_median([s.terraform_cpu for s in samples]):.2f} | {_median([s.plugin_cpu for s in samples]):.2f} "
            f"| {_median([s.server_cpu for s in samples]):.2f} "
            f"| {'' if starts is None else f'{starts:.0f}'} | {'' if rpcs is None else f'{rpcs:.0f}'} "
            f"| {f'{_median(shake) * 1000:.0f}' if shake else ''} | {f'{_median(first) * 1000:.0f}' if first else ''} "
            f"| {' '.join(f'{k}={v}' for k, v in sorted(calls.items()))} |"
        )
    return rows


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3, help=f"repetitions per measure (1..{MAX_REPS})")
    parser.add_argument("--sizes", default="1,50,200", help=f"resource counts, comma-separated (each <= {MAX_SIZE})")
    parser.add_argument("--handshakes", type=int, default=20, help="plugin starts timed per provider (1..100)")
    args = parser.parse_args()
    reps = max(1, min(args.reps, MAX_REPS))
    sizes = [max(1, min(int(s), MAX_SIZE)) for s in args.sizes.split(",")]
    handshakes = max(1, min(args.handshakes, 100))
    big = max(sizes)
    print(f"load average before: {_load()} on {os.cpu_count()} CPUs", flush=True)

    goref = build_goref()
    measures: dict[str, Measure] = {}
    handshake_ms: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="mfo-bench-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        plugins = tmp / "plugins"
        launcher = install_package(home, plugins)
        go_plugin = install_goref(goref, plugins)
        runtime_dir = tmp / "run"
        runtime_dir.mkdir(mode=0o700)
        stats_file = tmp / "plugin-stats.jsonl"
        cli_config = tmp / "terraformrc"
        cli_config.write_text(mirror_cli_config(plugins, (OURS_ADDRESS, GOREF_ADDRESS)))
        try:
            with running_server(tmp / "server") as server:
                assert server.process is not None
                server_pid = server.process.pid
                key = server.create_key("enterprise")
                api = {"METAFINOPS_API_KEY": key, "METAFINOPS_BASE_URL": server.base_url}
                envs = {
                    "default": terraform_env(
                        cli_config,
                        home,
                        {**api, "METAFINOPS_PROVIDER_WARM": "0", "METAFINOPS_PROVIDER_STATS": str(stats_file)},
                    ),
                    "run": terraform_env(
                        cli_config,
                        home,
                        {**api, "METAFINOPS_PROVIDER_WARM": "run", "METAFINOPS_PROVIDER_RUNTIME_DIR": str(runtime_dir)},
                    ),
                    "warm": terraform_env(
                        cli_config,
                        home,
                        {**api, "METAFINOPS_PROVIDER_WARM": "1", "METAFINOPS_PROVIDER_RUNTIME_DIR": str(runtime_dir)},
                    ),
                    "go": terraform_env(cli_config, home, api),
                    "terraform_data": terraform_env(cli_config, home, api),
                }
                print(f"handshake: {handshakes} starts of each plugin …", flush=True)
                handshake_ms["default"] = 1000 * _median(handshake_times(launcher, handshakes, launcher_env(home)))
                warm_env = launcher_env(
                    home, METAFINOPS_PROVIDER_WARM="1", METAFINOPS_PROVIDER_RUNTIME_DIR=str(runtime_dir)
                )
                handshake_ms["warm"] = 1000 * _median(handshake_times(launcher, handshakes, warm_env))
                handshake_ms["go"] = 1000 * _median(handshake_times(go_plugin, handshakes, launcher_env(home)))

                def run(mode: str, command: list[str], work: Path) -> Sample:
                    return run_terraform(
                        command,
                        work,
                        envs[mode],
                        server_pid,
                        (lambda: daemon_pids(runtime_dir)) if mode in ("run", "warm") else list,
                        stats_file if mode == "default" else None,
                    )

                for n in sizes:
                    for mode in MODES:
                        work = tmp / f"{mode}-{n}"
                        work.mkdir()
                        (work / "main.tf").write_text(_config(mode, n, f"{mode}-{n}"))
                        run(mode, ["init"], work)
                        applies = []
                        for rep in range(reps):
                            (work / "main.tf").write_text(_config(mode, n, f"{mode}-{n}-{rep}"))
                            applies.append(run(mode, ["apply", "-auto-approve"], work))
                            if rep < reps - 1:
                                run(mode, ["destroy", "-auto-approve"], work)
                        measures.setdefault(f"apply N={n}", Measure()).samples[mode] = applies
                        print(f"apply  {mode:15} N={n:<4} {[round(s.wall, 2) for s in applies]}", flush=True)
                        if n == big:
                            plans = [run(mode, ["plan", "-detailed-exitcode"], work) for _ in range(reps + 2)]
                            measures.setdefault(f"plan N={n} unchanged", Measure()).samples[mode] = plans
                            print(f"plan   {mode:15} N={n:<4} {[round(s.wall, 2) for s in plans]}", flush=True)
                            if any(s.exit_code != 0 for s in plans):  # -detailed-exitcode 2: not "unchanged"
                                print(f"WARNING: plan of {mode} reported changes on an unchanged stack", flush=True)
                        run(mode, ["destroy", "-auto-approve"], work)
                        shutil.rmtree(work / ".terraform", ignore_errors=True)
        finally:
            for pid in daemon_pids(runtime_dir):
                os.kill(pid, signal.SIGTERM)

    print(f"\nload average after: {_load()}; reps {reps}; medians")
    ours = ("default", "run", "warm")
    print(
        "\n| measure | default | run | warm | go | terraform_data | ratios to terraform_data "
        "(default / run / warm / go) | ratios to go (default / run / warm) | goal |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    shake = {mode: f"{handshake_ms[mode]:.0f} ms" if mode in handshake_ms else "n/a" for mode in (*ours, "go")}
    to_go = " / ".join(f"{handshake_ms[m] / handshake_ms['go']:.1f}x" if m in handshake_ms else "n/a" for m in ours)
    print(
        f"| start → handshake (median of {handshakes}) | {shake['default']} | {shake['run']} | {shake['warm']} "
        f"| {shake['go']} | | | {to_go} | default <= {GOALS['handshake_ms']:.0f} ms |"
    )
    for name, measure in measures.items():
        wall = {mode: measure.wall(mode) for mode in MODES}
        n = int(name.split("N=")[1].split()[0])
        goal_ratio = GOALS["plan"] if name.startswith("plan") else GOALS.get(n)
        goal = f"<= {goal_ratio}x tf_data" if goal_ratio else ""
        if n == 200 and name.startswith("apply"):
            goal += ", <= go"
        base, go = wall["terraform_data"], wall["go"]
        print(
            f"| {name} | "
            + " | ".join(f"{wall[mode]:.2f} s" for mode in MODES)
            + " | "
            + " / ".join(f"{wall[mode] / base:.2f}x" for mode in (*ours, "go"))
            + " | "
            + " / ".join(f"{wall[mode] / go:.2f}x" for mode in ours)
            + f" | {goal} |"
        )
    print(
        "\nWhere the time went (medians; CPU seconds; plugin CPU = Terraform's reaped children, "
        "plus the warm daemons; starts/RPCs/first RPC from the default plugin's own figures):\n"
    )
    print(
        "| measure | mode | wall s | terraform CPU | plugin CPU | server CPU | plugin starts | RPCs "
        "| start→handshake ms | start→first RPC ms | RPCs by method (one rep) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, measure in measures.items():
        for row in _breakdown(name, measure):
            print(row)


if __name__ == "__main__":
    main()
