"""The plugin process: how it starts, what it imports, how Pulumi finds and stops it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest
import yaml  # type: ignore[import-untyped]
from _pulumi_plugin import ENGINE_ADDRESS, PLUGIN, empty
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

from pulumi_metafinops.plugin.__main__ import parse_arguments

PACKAGE_DIR = Path(__file__).resolve().parents[2] / "pulumi_metafinops"
TIMEOUT = 20


def modules_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=TIMEOUT, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_the_plugin_imports_only_what_it_needs() -> None:
    """Serving needs grpc, the pulumirpc stubs and the catalog: not the pulumi SDK, not httpx or pydantic."""
    loaded = modules_after("import pulumi_metafinops.plugin.__main__, pulumi_metafinops.plugin._provider")
    assert "grpc" in loaded and "metafinops.catalog" in loaded
    assert {"pulumi", "httpx", "pydantic", "metafinops._client"}.isdisjoint(loaded)


def test_the_stub_loading_is_still_worth_it_and_exact() -> None:
    """Why ``plugin/_rpc.py`` loads the stubs itself, and that they are pulumi's very classes.

    Importing ``pulumi.runtime.proto`` the ordinary way runs ``pulumi/__init__.py`` and loads
    the program-side SDK (automation API, mocks); if a future pulumi stops doing that, the
    private loading can go.
    """
    assert {"pulumi.automation", "pulumi.runtime.mocks"} <= modules_after("import pulumi.runtime.proto.provider_pb2")
    from pulumi.runtime.proto import provider_pb2 as official

    from pulumi_metafinops.plugin import _rpc

    assert _rpc.provider_pb2.CheckRequest is official.CheckRequest
    assert _rpc.provider_pb2_grpc.ResourceProviderServicer.__module__.endswith("provider_pb2_grpc")
    assert _rpc.provider_pb2.DESCRIPTOR.serialized_pb == official.DESCRIPTOR.serialized_pb, (
        "the stubs must be the pinned pulumi's"
    )


def start(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, cwd=cwd, env=env
    )


def stop(process: subprocess.Popen[str]) -> tuple[str, str]:
    process.terminate()
    try:
        return process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate(timeout=TIMEOUT)


def test_launch_contract(tmp_path: Path) -> None:
    """The port, alone, on stdout; logs on stderr; the engine's flags accepted; quick to start."""
    started = time.monotonic()
    engine_flags = ["--logtostderr", "-v=9", "--tracing", "file:/dev/null"]
    process = start([str(PLUGIN), *engine_flags, ENGINE_ADDRESS], cwd=tmp_path)
    assert process.stdout is not None
    port = int(process.stdout.readline())
    startup = time.monotonic() - started
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = provider_pb2_grpc.ResourceProviderStub(channel)
        assert stub.GetPluginInfo(empty(), timeout=TIMEOUT).version == "1.0.0"
    stdout, _ = stop(process)
    assert stdout == ""  # nothing after the port line
    assert startup < 5, f"started in {startup:.2f} s"


def test_arguments() -> None:
    parsed = parse_arguments(["--logtostderr", "-v=9", "--tracing", "file:/tmp/t", "127.0.0.1:4242", "extra"])
    assert (parsed.engine_address, parsed.verbosity) == ("127.0.0.1:4242", 9)
    assert parse_arguments([]).engine_address is None


def test_plugin_stops_when_the_engine_is_gone(tmp_path: Path) -> None:
    """Started by a process that then dies without stopping it, the plugin exits on its own."""
    launcher = (
        "import subprocess, sys\n"
        f"p = subprocess.Popen([{str(PLUGIN)!r}, {ENGINE_ADDRESS!r}], stdout=subprocess.PIPE,"
        " stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)\n"
        "p.stdout.readline()\n"
        "print(p.pid, flush=True)\n"
    )
    result = subprocess.run([sys.executable, "-c", launcher], capture_output=True, text=True, timeout=TIMEOUT)
    pid = int(result.stdout.strip())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.1)
    assert not _running(pid), "the orphaned plugin is still running"


def _running(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited


def test_plugin_manifest_runs_like_the_python_language_host(tmp_path: Path) -> None:
    """``PulumiPlugin.yaml``: Pulumi runs ``<virtualenv>/bin/python <plugin dir> <engine>`` from the program's dir."""
    manifest = yaml.safe_load((PACKAGE_DIR / "PulumiPlugin.yaml").read_text())
    assert manifest["runtime"]["name"] == "python"
    virtualenv = (PACKAGE_DIR / manifest["runtime"]["options"]["virtualenv"]).resolve()
    python = virtualenv / "bin" / "python"
    if not python.exists():  # pragma: no cover - a checkout without the documented .venv
        pytest.skip(f"no virtualenv at {virtualenv}")
    assert (PACKAGE_DIR / "__main__.py").is_file()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    process = start([str(python), str(PACKAGE_DIR), ENGINE_ADDRESS], cwd=tmp_path, env=env)
    assert process.stdout is not None
    port = int(process.stdout.readline())
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = provider_pb2_grpc.ResourceProviderStub(channel)
            schema = stub.GetSchema(provider_pb2.GetSchemaRequest(), timeout=TIMEOUT).schema
        assert schema == (PACKAGE_DIR / "schema.json").read_text(encoding="utf-8")
    finally:
        stop(process)
