"""Warm mode (`metafinops provider install --warm`): the launcher asks a per-user daemon for
a session instead of loading the provider in each of Terraform's plugin processes.

Every test gets its own runtime directory (``METAFINOPS_PROVIDER_RUNTIME_DIR``), so its
daemon is its own and never a user's; the fixture kills whatever daemon is left, by pid.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from metafinops_terraform._warm_protocol import DAEMON_FLAG, decode_environment, encode_environment

from ._steps import assert_applied, assert_gone
from ._tf import COMMAND_TIMEOUT, PROVIDER_TF, TERRAFORM, Workspace, install_env, mirror_environment

COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
WAIT_SECONDS = 20.0

DATA_CONFIG = 'data "metafinops_cost_summary" "all" {}\n'


def _budget(name: str) -> str:
    return f'resource "metafinops_budget" "b" {{\n  name   = "{name}"\n  amount = 100\n  period = "monthly"\n}}\n'


# ---------------------------------------------------------------------- helpers


def _daemons(runtime_dir: Path) -> list[int]:
    """Pids of live daemons serving ``runtime_dir`` (from /proc: no shared state needed)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if DAEMON_FLAG.encode() in argv and str(runtime_dir).encode() in argv and state != "Z":
            pids.append(int(entry.name))
    return pids


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_until(condition: Callable[[], bool], what: str, timeout: float = WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting until {what}")
        time.sleep(0.05)


def _one_daemon(runtime_dir: Path) -> int:
    pids = _daemons(runtime_dir)
    assert len(pids) == 1, f"expected one daemon, found {pids}"
    return pids[0]


def _plugin_pids(stderr: str) -> list[int]:
    """The plugin processes Terraform started (go-plugin logs them at debug level)."""
    return [
        int(pid) for pid in re.findall(r"plugin started: path=\S*terraform-provider-metafinops\S* pid=(\d+)", stderr)
    ]


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def warm_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("warm-home")


@pytest.fixture(scope="module")
def warm_plugin_dir(tmp_path_factory: pytest.TempPathFactory, warm_home: Path) -> Path:
    directory = tmp_path_factory.mktemp("warm-plugins")
    result = subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install", "--warm", "--plugin-dir", str(directory)],
        env=install_env(warm_home),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "mode:    warm" in result.stdout
    return directory


@pytest.fixture(scope="module")
def warm_base_env(warm_home: Path, warm_plugin_dir: Path, api_server: object) -> dict[str, str]:
    return mirror_environment(warm_home, warm_plugin_dir, api_server)


@pytest.fixture(scope="module")
def warm_template(tmp_path_factory: pytest.TempPathFactory, warm_base_env: dict[str, str]) -> Path:
    template = tmp_path_factory.mktemp("warm-template")
    (template / "provider.tf").write_text(PROVIDER_TF)
    result = subprocess.run(
        [TERRAFORM, "init", "-no-color", "-input=false"],
        cwd=template,
        env=warm_base_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return template


@pytest.fixture
def runtime_dir() -> Iterator[Path]:
    """A private runtime directory for this test's daemon (short: unix socket paths are limited)."""
    directory = Path(tempfile.mkdtemp(prefix="mfo-warm-", dir="/tmp"))
    try:
        yield directory
    finally:
        for pid in _daemons(directory):
            os.kill(pid, signal.SIGKILL)
        for pid in _daemons(directory):
            _wait_until(lambda pid=pid: not _alive(pid), f"daemon {pid} is gone")  # type: ignore[misc]
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def warm_workspace(
    tmp_path: Path, warm_template: Path, warm_base_env: dict[str, str], runtime_dir: Path
) -> Callable[..., Workspace]:
    """``warm_workspace(name, idle=30)``: an initialised directory whose plugin is the warm launcher."""

    def make(name: str = "main", idle: float = 30.0) -> Workspace:
        env = {
            **warm_base_env,
            "METAFINOPS_PROVIDER_RUNTIME_DIR": str(runtime_dir),
            "METAFINOPS_PROVIDER_IDLE_TIMEOUT": str(idle),
        }
        return Workspace.from_template(warm_template, tmp_path / name, env)

    return make


# ---------------------------------------------------------------------- tests


def test_session_request_round_trip() -> None:
    environ = {"METAFINOPS_API_KEY": "k=v", "PLUGIN_CLIENT_CERT": "-----BEGIN\nabc\n-----END\n", "TF_LOG": ""}
    assert decode_environment(encode_environment(environ)) == environ
    assert decode_environment(encode_environment({})) == {}


def test_apply_plan_destroy_through_the_daemon(
    warm_workspace: Callable[..., Workspace], runtime_dir: Path, api: httpx.Client, api_server: object, unique: str
) -> None:
    ws = warm_workspace()
    ws.write(_budget(f"tf-warm-{unique}") + DATA_CONFIG)
    assert_applied(ws.apply(), added=1, changed=0, destroyed=0)
    budget_id = ws.state()["metafinops_budget.b"]["id"]
    assert budget_id.startswith("bud_")
    daemon = _one_daemon(runtime_dir)

    # the provider's own log lines still reach Terraform (routed to this session's stderr)
    traced = ws.run("plan", "-detailed-exitcode", env={"TF_LOG": "trace"})
    assert traced.returncode == 0
    assert "rpc done" in traced.stderr
    assert ws.plan_exit_code() == 0

    ws.destroy()
    assert_gone(api, "/budgets", budget_id)
    assert _daemons(runtime_dir) == [daemon], "every command was served by the same daemon"

    key = api_server.api_key  # type: ignore[attr-defined]
    for text in [*ws.outputs, *(p.read_text() for p in runtime_dir.glob("*.log"))]:
        assert key not in text


def test_concurrent_runs_keep_their_own_api_keys(
    warm_workspace: Callable[..., Workspace], runtime_dir: Path, api_server: object
) -> None:
    good, bad, other = warm_workspace("good"), warm_workspace("bad"), warm_workspace("other")
    for ws in (good, bad, other):
        ws.write(DATA_CONFIG)
    # "good" takes its key from METAFINOPS_API_KEY (the session's environment), "other" from
    # its configuration, "bad" has an invalid one: none may see another's
    good.env.update({"TF_VAR_metafinops_api_key": "", "METAFINOPS_API_KEY": api_server.api_key})  # type: ignore[attr-defined]
    bad.env["TF_VAR_metafinops_api_key"] = "mfo_live_not_a_real_key_0000000000"
    good.run("plan")  # starts the daemon, so the runs below share it

    for _ in range(2):
        processes = [
            subprocess.Popen(
                [TERRAFORM, "plan", "-no-color", "-detailed-exitcode"],
                cwd=ws.directory,
                env=ws.env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for ws in (good, bad, other)
        ]
        outputs = [p.communicate(timeout=COMMAND_TIMEOUT) for p in processes]
        results = [(p.returncode, out, err) for p, (out, err) in zip(processes, outputs, strict=True)]
        for code, out, err in (results[0], results[2]):
            assert code == 0, out + err  # the data source is read; nothing to change
            assert "401" not in out + err
        code, out, err = results[1]
        assert code == 1, out + err
        assert "401" in err or "nvalid API key" in err or "nauthorized" in err, err
    assert len(_daemons(runtime_dir)) == 1


def test_a_killed_daemon_is_replaced_by_the_next_command(
    warm_workspace: Callable[..., Workspace], runtime_dir: Path
) -> None:
    ws = warm_workspace()
    ws.write(DATA_CONFIG)
    ws.run("plan")
    first = _one_daemon(runtime_dir)
    os.kill(first, signal.SIGKILL)
    _wait_until(lambda: not _alive(first), "the killed daemon is gone")
    assert list(runtime_dir.glob("*.sock")), "a SIGKILLed daemon leaves its socket behind"

    ws.run("plan")
    second = _one_daemon(runtime_dir)
    assert second != first


def test_the_daemon_exits_when_idle(warm_workspace: Callable[..., Workspace], runtime_dir: Path) -> None:
    ws = warm_workspace(idle=2.0)
    ws.write(DATA_CONFIG)
    ws.run("plan")
    daemon = _one_daemon(runtime_dir)
    _wait_until(lambda: not _alive(daemon), "the idle daemon exits")
    assert not list(runtime_dir.glob("*.sock")), "the daemon removed its sockets"
    ws.run("plan")  # and a new one starts on demand
    assert _one_daemon(runtime_dir) != daemon


def test_launchers_leave_no_process_behind(warm_workspace: Callable[..., Workspace], runtime_dir: Path) -> None:
    ws = warm_workspace()
    ws.write(DATA_CONFIG)
    result = ws.run("plan", env={"TF_LOG": "debug"})
    launchers = _plugin_pids(result.stderr)
    assert len(launchers) >= 2, result.stderr[-3000:]
    daemon = _one_daemon(runtime_dir)
    assert daemon not in launchers
    _wait_until(lambda: not any(_alive(pid) for pid in launchers), "every launcher has exited")


def test_an_unusable_runtime_directory_falls_back_to_serving_in_process(
    warm_plugin_dir: Path, runtime_dir: Path
) -> None:
    runtime_dir.chmod(0o755)  # not private: warm mode refuses it
    launcher = next(warm_plugin_dir.rglob("terraform-provider-metafinops_v*"))
    env = {
        **os.environ,
        "TF_PLUGIN_MAGIC_COOKIE": COOKIE,
        "PLUGIN_PROTOCOL_VERSIONS": "6",
        "METAFINOPS_PROVIDER_RUNTIME_DIR": str(runtime_dir),
        "METAFINOPS_PROVIDER_WARM": "1",
        "METAFINOPS_PROVIDER_PYTHON": sys.executable,
    }
    process = subprocess.Popen([str(launcher)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith(b"1|6|unix|"), line
        assert str(runtime_dir).encode() not in line
    finally:
        process.kill()
        _, err = process.communicate(timeout=10)
    assert b"warm mode unavailable" in err
    assert _daemons(runtime_dir) == []


def test_a_run_scoped_daemon_serves_one_terraform_and_leaves_with_it(
    warm_workspace: Callable[..., Workspace], runtime_dir: Path
) -> None:
    """``METAFINOPS_PROVIDER_WARM=run``: one daemon for all plugin starts of one Terraform
    process, gone (with its files) once that process is, long before its idle timeout."""
    ws = warm_workspace(idle=600.0)
    ws.write(DATA_CONFIG)
    seen: set[int] = set()
    done = threading.Event()

    def watch() -> None:  # bounded by the plan below (and WAIT_SECONDS after it)
        while not done.wait(0.02):
            seen.update(_daemons(runtime_dir))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        result = ws.run("plan", env={"TF_LOG": "debug", "METAFINOPS_PROVIDER_WARM": "run"})
    finally:
        done.set()
        watcher.join(timeout=WAIT_SECONDS)
    assert len(_plugin_pids(result.stderr)) >= 2, result.stderr[-3000:]
    assert "warm mode unavailable" not in result.stderr  # every start got a session from the daemon
    assert len(seen) == 1, f"one daemon for the run, saw {seen}"
    _wait_until(lambda: not _daemons(runtime_dir), "the run's daemon exits after its Terraform", timeout=5.0)
    assert list(runtime_dir.iterdir()) == [], "no socket, lock or log left behind"
