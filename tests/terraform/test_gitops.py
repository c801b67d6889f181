"""``examples/gitops``: the CI recipe's stages, run exactly as the workflow files run them.

A clean runner (empty HOME: no implied mirror, no recorded Python, no Terraform config), the
committed lock file, the provider from a mirror written on the runner, the local API: check,
a pull request's plan, apply on main, an empty plan, and the nightly drift job telling the
truth (0 when nothing changed, 2 after a change made outside Terraform).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from metafinops_terraform import package

from ._tf import TERRAFORM, home_env

GITOPS = Path(__file__).resolve().parents[2] / "examples" / "gitops"


def test_the_committed_lock_file_is_this_release() -> None:
    files = package.build_files()
    expected = package.lock_file_text([package.h1_hash(files), package.zh_hash(package.zip_bytes(files))])
    assert (GITOPS / ".terraform.lock.hcl").read_text() == expected, (
        "the provider's code changed: run `metafinops provider lock examples/gitops` and commit the lock file"
    )


def test_workflow_files_run_the_pipeline_stages() -> None:
    for workflow in ("github-actions.yml", "gitlab-ci.yml"):
        text = (GITOPS / workflow).read_text()
        for stage in ("check", "plan", "apply", "drift"):
            assert f"./pipeline.sh {stage}" in text, (workflow, stage)
        assert "metafinops[terraform]==1.0.0" in text


def test_pipeline_stages_on_a_clean_runner(tmp_path: Path, api_server: Any, api: httpx.Client, unique: str) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GITOPS, repo / "finops")
    home = tmp_path / "runner-home"
    home.mkdir()
    tools = tmp_path / "tools"  # what the workflow's setup steps put on PATH: terraform, metafinops
    tools.mkdir()
    (tools / "terraform").symlink_to(TERRAFORM)
    (tools / "metafinops").symlink_to(Path(sys.executable).parent / "metafinops")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "METAFINOPS_", "XDG_", "CHECKPOINT_"))}
    env = {
        **base,
        **home_env(home),
        "PATH": f"{tools}:{Path(sys.executable).parent}:/usr/bin:/bin",
        "METAFINOPS_API_KEY": api_server.api_key,
        "METAFINOPS_BASE_URL": api_server.base_url,
        "METAFINOPS_TIMEOUT": "60",
        "TF_VAR_team": f"gitops-{unique}",
        "TF_VAR_pager_url": "http://127.0.0.1:9/pager",  # loopback, nothing listens: deliveries fail harmlessly
        "TF_VAR_pager_secret": "pager-secret-0123456789abcdef",
    }

    printed: list[str] = []

    def stage(name: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            ["./pipeline.sh", name], cwd=repo / "finops", env=env, capture_output=True, text=True, timeout=600
        )
        printed.extend((result.stdout, result.stderr))
        return result

    def code(name: str) -> int:
        result = stage(name)
        assert result.returncode in (0, 2), f"{name}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
        return result.returncode

    try:
        assert code("check") == 0
        assert code("plan") == 2  # a pull request that adds everything
        assert code("apply") == 0
        assert code("plan") == 0  # main after apply: nothing to do
        quiet = stage("drift")  # the nightly job on an untouched stack
        assert quiet.returncode == 0, quiet.stdout + quiet.stderr

        state = (repo / "finops" / "terraform.tfstate").read_text()
        assert api_server.api_key not in state and "pager-secret-0123456789abcdef" not in state
        budget_id = next(
            r["instances"][0]["attributes"]["id"] for r in json.loads(state)["resources"] if r["name"] == "team"
        )
        assert api.patch(f"/budgets/{budget_id}", json={"amount": 30000}).status_code == 200
        drift = stage("drift")
        assert drift.returncode == 2, drift.stdout + drift.stderr
        assert "changed outside of Terraform" in drift.stdout
        assert code("apply") == 0  # main puts it back
        assert api.get(f"/budgets/{budget_id}").json()["data"]["amount"] == 25000
        after = stage("drift")
        assert after.returncode == 0, after.stdout + after.stderr
        everything = "".join(printed)
        assert api_server.api_key not in everything and "pager-secret-0123456789abcdef" not in everything
    finally:
        subprocess.run(
            [TERRAFORM, "destroy", "-auto-approve", "-input=false", "-no-color"],
            cwd=repo / "finops",
            env={**env, "TF_CLI_CONFIG_FILE": str(repo / "finops" / ".terraformrc.ci")},
            capture_output=True,
            timeout=600,
        )
