"""OpenTofu, built from its Go module (pinned release, ``scripts/opentofu``), runs the
quickstart, import and drift steps with the same plugin and the real API.

OpenTofu resolves ``metafinops/metafinops`` in its own registry, ``registry.opentofu.org``:
the mirror here holds the plugin under that host, and the CLI config's ``include`` names it
(``_tf.mirror_cli_config``). Skipped, with the reason, where Go is not installed.
``METAFINOPS_TOFU`` names a ``tofu`` binary to use instead of building one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from ._steps import assert_applied, assert_gone
from ._tf import PROVIDER_TF, Workspace, mirror_environment, terraform_version

ROOT = Path(__file__).resolve().parents[2]
QUICKSTART = ROOT / "examples" / "quickstart"
BUILD_TIMEOUT = 3600.0
"""A cold build of OpenTofu takes tens of minutes on two cores."""


@pytest.fixture(scope="module")
def tofu() -> str:
    chosen = os.environ.get("METAFINOPS_TOFU")
    if chosen:
        return chosen
    if shutil.which("go") is None:
        pytest.skip("go is not on PATH: OpenTofu cannot be built here (scripts/opentofu)")
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "opentofu")],
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode == 3:
        pytest.skip(result.stderr.strip())
    assert result.returncode == 0, result.stderr[-4000:]
    return result.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def tofu_env(tmp_path_factory: pytest.TempPathFactory, plugin_dir: Path, api_server: object) -> dict[str, str]:
    """A mirror with the plugin under OpenTofu's registry host, and the environment using it."""
    mirror = tmp_path_factory.mktemp("tofu-plugins")
    shutil.copytree(plugin_dir / "registry.terraform.io", mirror / "registry.opentofu.org", symlinks=True)
    return mirror_environment(tmp_path_factory.mktemp("tofu-home"), mirror, api_server)


def _workspace(directory: Path, tofu: str, env: dict[str, str], files: dict[str, str]) -> Workspace:
    """A directory holding ``files`` (name → text), after ``tofu init``."""
    directory.mkdir(parents=True)
    ws = Workspace(directory=directory, env=dict(env), binary=tofu)
    for name, text in files.items():
        ws.write(text, name)
    ws.run("init", "-input=false")
    return ws


def test_opentofu_is_the_pinned_release(tofu: str, tofu_env: dict[str, str]) -> None:
    assert terraform_version(tofu, tofu_env) == (1, 12, 6)  # a release build: no "-dev"


def test_opentofu_quickstart_import_and_drift(
    tofu: str, tofu_env: dict[str, str], tmp_path: Path, api: httpx.Client, unique: str
) -> None:
    # quickstart: apply, then plan and refresh-only plan find nothing
    quickstart = {source.name: source.read_text() for source in QUICKSTART.glob("*.tf")}
    ws = _workspace(tmp_path / "quickstart", tofu, tofu_env, quickstart)
    lock = (ws.directory / ".terraform.lock.hcl").read_text()
    assert 'provider "registry.opentofu.org/metafinops/metafinops"' in lock, lock
    assert_applied(ws.apply(), added=3, changed=0, destroyed=0)
    budget_id = ws.outputs_json()["budget_id"]
    assert api.get(f"/budgets/{budget_id}").status_code == 200
    assert ws.plan_exit_code() == 0, ws.outputs[-2]
    unchanged = ws.run("plan", "-refresh-only", "-detailed-exitcode", ok_codes=(0, 2))
    assert unchanged.returncode == 0 and "No changes." in unchanged.stdout, unchanged.stdout

    # drift: a change made outside OpenTofu is reported, with exit code 2
    assert api.patch(f"/budgets/{budget_id}", json={"amount": 12345}).status_code == 200
    drifted = ws.run("plan", "-refresh-only", "-detailed-exitcode", ok_codes=(0, 2))
    assert drifted.returncode == 2, drifted.stdout
    assert "changed outside of OpenTofu" in drifted.stdout and "12345" in drifted.stdout, drifted.stdout

    # import: an object created through the API, by `tofu import` and by an import block
    name = f"tofu-import-{unique}"
    created: dict[str, Any] = api.post("/budgets", json={"name": name, "amount": 300, "period": "monthly"}).json()
    imported_id = created["data"]["id"]
    config = f'resource "metafinops_budget" "b" {{\n  name   = "{name}"\n  amount = 300\n  period = "monthly"\n}}\n'
    by_command = _workspace(
        tmp_path / "import-command", tofu, tofu_env, {"provider.tf": PROVIDER_TF, "main.tf": config}
    )
    by_command.run("import", "metafinops_budget.b", imported_id)
    assert by_command.state()["metafinops_budget.b"]["name"] == name
    assert by_command.plan_exit_code() == 0, by_command.outputs[-2]

    by_block = _workspace(tmp_path / "import-block", tofu, tofu_env, {"provider.tf": PROVIDER_TF, "main.tf": config})
    by_block.write(f'import {{\n  to = metafinops_budget.b\n  id = "{imported_id}"\n}}\n', "import.tf")
    assert_applied(by_block.apply(), imported=1, added=0, changed=0, destroyed=0)
    assert by_block.plan_exit_code() == 0, by_block.outputs[-2]
    by_block.destroy()
    assert_gone(api, "/budgets", imported_id)

    # the quickstart's drift is put back by apply, and destroy removes everything
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    ws.destroy()
    assert ws.state() == {}
    assert_gone(api, "/budgets", budget_id)
