#!/usr/bin/env python3
"""Pulumi benchmark: our plugin's start-up, and ``pulumi up`` of N budgets beside a no-plugin baseline.

Against one local API server (SQLite, enterprise key) started here on 127.0.0.1, with the real
Pulumi CLI that ``scripts/build-pulumi`` builds (offline: a file backend, a passphrase, no
update check, no plugin downloads), in one run, so the ratios hold on a noisy machine.

- start → port: ``pulumi-resource-metafinops <engine address>`` spawned as the engine spawns
  it, timed to the port line on stdout, with the plugin's CPU by then;
- ``up`` N (default 1 and 50) creating N ``metafinops:index:Budget``, then ``preview`` and
  ``up`` of the same stack unchanged; the same for the baseline.

The baseline is the same program registering N ``ComponentResource`` objects instead of
budgets: the engine plans them, steps them and writes them into the state like any resource,
but no provider plugin is started and nothing is called. So a ratio says what our plugin and
the API server add to the engine's own cost for the same resource count.

Programs are Pulumi Automation API inline programs (the Python language host is not served by
the Go module proxy; see ``tests/pulumi/_pulumi_cli.py``), so every figure includes the
Automation API's own CLI calls (stack select) for both columns alike. CPU columns: ``CLI``
is the Pulumi CLI processes with their reaped children (for ours: the plugin), ``program`` is
this process (the inline program and the Automation API), ``server`` the API server.

    .venv/bin/python bench/pulumi_bench.py [--reps 3] [--sizes 1,50] [--starts 20]

Run it on a quiet machine (the script prints the load average before and after).
"""

from __future__ import annotations

import argparse
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "pulumi"))

from _pulumi_cli import PulumiWorkspace, pulumi_bin_dir, pulumi_workspace  # noqa: E402
from _pulumi_plugin import ENGINE_ADDRESS, PLUGIN  # noqa: E402

from bench.terraform_bench import _cpu, _load, _median  # noqa: E402
from tests._server import running_server  # noqa: E402

MODES = ("ours", "baseline")
MAX_REPS = 10
MAX_SIZE = 200
MAX_STARTS = 100
START_TIMEOUT = 20.0
POLL_SECONDS = 0.05
DEFAULT_BUDGET_MINUTES = 30.0


# --------------------------------------------------------------------------- plugin start


def plugin_start(env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from spawning the plugin to its port line, and its CPU seconds by then."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(PLUGIN), ENGINE_ADDRESS],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=env,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=START_TIMEOUT):
                raise RuntimeError(f"{PLUGIN.name} printed no port within {START_TIMEOUT:.0f} s")
        line = process.stdout.readline()
        elapsed = time.perf_counter() - started
        int(line.strip())  # the port: anything else is a failed start
        return elapsed, _cpu(process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=START_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


# --------------------------------------------------------------------------- programs


def budgets_program(n: int, tag: str) -> Callable[[], None]:
    def program() -> None:
        import pulumi_metafinops as metafinops

        for i in range(n):
            metafinops.Budget(f"b{i}", name=f"bench-{tag}-{i}", amount=100, period="monthly")

    return program


def baseline_program(n: int, tag: str) -> Callable[[], None]:
    def program() -> None:
        import pulumi

        for i in range(n):
            pulumi.ComponentResource("bench:index:Noop", f"b{i}", None, None)
        pulumi.export("tag", tag)

    return program


PROGRAMS = {"ours": budgets_program, "baseline": baseline_program}


# --------------------------------------------------------------------------- measuring


@dataclass
class Sample:
    wall: float
    cli_cpu: float
    plugin_cpu: float
    program_cpu: float
    server_cpu: float
    plugin_starts: int


def _usage(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return int(stat.read().rsplit(b")", 1)[1].split()[1])
    except OSError:
        return 0


def plugin_pids() -> list[int]:
    """Running ``pulumi-resource-metafinops`` processes below this one (those the engine started
    for this run; not another user's on a shared machine)."""
    me = os.getpid()
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0", 2)[:2]
            except OSError:
                continue
            if any(arg.endswith(PLUGIN.name.encode()) for arg in argv):  # the script, or python + the script
                ancestor = int(entry.name)
                for _ in range(5):
                    ancestor = _parent(ancestor)
                    if ancestor in (me, 0, 1):
                        break
                if ancestor == me:
                    pids.append(int(entry.name))
    return pids


def timed(server_pid: int, operation: Callable[..., Any], *args: Any) -> Sample:
    """Run one Automation API operation; its wall time and where the CPU went.

    The plugin's CPU is sampled from ``/proc`` every 50 ms while it runs (so it may miss up to
    one interval per plugin process); the CLI's is what the CLI processes and their reaped
    children used, minus that."""
    cli, own, server = _usage(resource.RUSAGE_CHILDREN), _usage(resource.RUSAGE_SELF), _cpu(server_pid, children=True)
    plugins: dict[int, float] = {}
    done = threading.Event()

    def poll() -> None:
        while not done.wait(POLL_SECONDS):
            for pid in plugin_pids():
                plugins[pid] = _cpu(pid) or plugins.get(pid, 0.0)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    started = time.perf_counter()
    try:
        operation(*args)
    finally:
        wall = time.perf_counter() - started
        done.set()
        poller.join()
    plugin_cpu = sum(plugins.values())
    return Sample(
        wall,
        max(0.0, _usage(resource.RUSAGE_CHILDREN) - cli - plugin_cpu),
        plugin_cpu,
        _usage(resource.RUSAGE_SELF) - own,
        _cpu(server_pid, children=True) - server,
        len(plugins),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3, help=f"repetitions per measure (1..{MAX_REPS})")
    parser.add_argument("--sizes", default="1,50", help=f"resource counts, comma-separated (each <= {MAX_SIZE})")
    parser.add_argument("--starts", type=int, default=20, help=f"plugin starts timed (1..{MAX_STARTS})")
    parser.add_argument(
        "--max-minutes", type=float, default=DEFAULT_BUDGET_MINUTES, help="stop starting new measures after this"
    )
    args = parser.parse_args()
    reps = max(1, min(args.reps, MAX_REPS))
    sizes = [max(1, min(int(s), MAX_SIZE)) for s in args.sizes.split(",")]
    starts = max(1, min(args.starts, MAX_STARTS))
    deadline = time.monotonic() + 60 * args.max_minutes

    def check_time() -> None:
        if time.monotonic() > deadline:
            raise SystemExit(f"stopped: over --max-minutes {args.max_minutes}")

    print(f"load average before: {_load()} on {os.cpu_count()} CPUs", flush=True)
    bin_dir = pulumi_bin_dir()
    results: dict[str, dict[str, list[Sample]]] = {}
    from pulumi import automation as auto

    with tempfile.TemporaryDirectory(prefix="mfo-pulumi-bench-") as tmp_name:
        tmp = Path(tmp_name)
        plugin_env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
        plugin_start(plugin_env)  # warm the page cache and the bytecode cache
        print(f"start → port: {starts} starts of {PLUGIN.name} …", flush=True)
        start_samples = [plugin_start(plugin_env) for _ in range(starts)]

        with running_server(tmp / "server") as server:
            assert server.process is not None
            server_pid = server.process.pid
            key = server.create_key("enterprise")
            with ExitStack() as workspaces:
                spaces = {}
                for mode in MODES:
                    (tmp / mode).mkdir()
                    spaces[mode] = workspaces.enter_context(pulumi_workspace(bin_dir, tmp / mode))
                for n in sizes:  # the modes alternate, so a change in the machine's load hits both
                    for mode in MODES:
                        run_mode(
                            spaces[mode], mode, [n], reps, key, server.base_url, server_pid, results, check_time, auto
                        )

    print(f"\nload average after: {_load()}; reps {reps}; medians")
    walls = [w for w, _ in start_samples]
    print(
        f"\n{PLUGIN.name} start → port (median of {starts}): {_median(walls) * 1000:.0f} ms "
        f"(min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}); "
        f"plugin CPU by then {_median([c for _, c in start_samples]) * 1000:.0f} ms (10 ms ticks)"
    )
    print("\n| measure | ours | baseline (N ComponentResources, no plugin) | ratio |")
    print("|---|---|---|---|")
    for name, by_mode in results.items():
        ours, base = (_median([s.wall for s in by_mode[m]]) for m in MODES)
        print(f"| {name} | {ours:.2f} s | {base:.2f} s | {ours / base:.2f}x |")
    print("\nWhere the time went (medians, CPU seconds; program = this process, the inline program):\n")
    print("| measure | mode | wall s | Pulumi CLI CPU | plugin CPU | program CPU | server CPU | plugin processes |")
    print("|---|---|---|---|---|---|---|---|")
    for name, by_mode in results.items():
        for mode in MODES:
            samples = by_mode[mode]
            print(
                f"| {name} | {mode} | {_median([s.wall for s in samples]):.2f} "
                f"| {_median([s.cli_cpu for s in samples]):.2f} | {_median([s.plugin_cpu for s in samples]):.2f} "
                f"| {_median([s.program_cpu for s in samples]):.2f} "
                f"| {_median([s.server_cpu for s in samples]):.2f} "
                f"| {_median([float(s.plugin_starts) for s in samples]):.0f} |"
            )


def run_mode(
    ws: PulumiWorkspace,
    mode: str,
    sizes: list[int],
    reps: int,
    key: str,
    base_url: str,
    server_pid: int,
    results: dict[str, dict[str, list[Sample]]],
    check_time: Callable[[], None],
    auto: Any,
) -> None:
    """The measures of one mode at each of ``sizes``, a fresh stack per size."""
    for n in sizes:
        check_time()
        stack = ws.stack(f"{mode}-{n}", PROGRAMS[mode](n, f"{mode}-{n}-0"))
        if mode == "ours":
            stack.set_config("metafinops:apiKey", auto.ConfigValue(key, secret=True))
            stack.set_config("metafinops:baseUrl", auto.ConfigValue(base_url))
        ups = []
        for rep in range(reps):
            check_time()
            stack.workspace.program = PROGRAMS[mode](n, f"{mode}-{n}-{rep}")
            ups.append(timed(server_pid, _up, stack, "create", n))
            if rep < reps - 1:
                stack.destroy()
        print(f"up       {mode:9} N={n:<4} {[round(s.wall, 2) for s in ups]}", flush=True)
        previews = [timed(server_pid, _preview, stack) for _ in range(reps)]
        print(f"preview  {mode:9} N={n:<4} {[round(s.wall, 2) for s in previews]}", flush=True)
        unchanged = [timed(server_pid, _up, stack, "same", n) for _ in range(reps)]
        print(f"up same  {mode:9} N={n:<4} {[round(s.wall, 2) for s in unchanged]}", flush=True)
        results.setdefault(f"up N={n}", {})[mode] = ups
        results.setdefault(f"preview N={n} unchanged", {})[mode] = previews
        results.setdefault(f"up N={n} unchanged", {})[mode] = unchanged
        stack.destroy()


def _preview(stack: Any) -> None:
    stack.preview(expect_no_changes=True)


def _up(stack: Any, kind: str, n: int) -> None:
    """``up``, which must do what the measure says (N created, or N unchanged): else it is not comparable."""
    result = stack.up()
    changes = result.summary.resource_changes or {}
    got = changes.get(kind, 0)
    # The stack resource itself is counted too; ours also has its default provider.
    if got < n or (kind == "create" and changes.get("same", 0) > 1):
        raise RuntimeError(f"pulumi up: expected {n} {kind}, got {changes}")


if __name__ == "__main__":
    main()
