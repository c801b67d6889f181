"""`metafinops provider install` into the implied local mirror: `terraform init` works offline."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ._tf import TERRAFORM, install_env, terraform_env


def test_install_into_the_implied_local_mirror_then_init_offline(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = install_env(home)
    installed = subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    launcher = home / ".terraform.d/plugins/registry.terraform.io/metafinops/metafinops/1.0.0/linux_amd64"
    launcher = launcher / "terraform-provider-metafinops_v1.0.0"
    assert str(launcher.parent) in installed.stdout and os.access(launcher, os.X_OK)
    assert launcher.read_text().startswith("#!/bin/sh\n")
    assert str(tmp_path) not in launcher.read_text() and sys.executable not in launcher.read_text()
    recorded = home / ".config" / "metafinops" / "provider-python"
    assert recorded.read_text().strip() == sys.executable

    empty_cli_config = tmp_path / "terraformrc"
    empty_cli_config.write_text("")  # no provider_installation block: the implied mirror applies
    work = tmp_path / "work"
    work.mkdir()
    (work / "main.tf").write_text(
        'terraform {\n  required_providers {\n    metafinops = {\n      source  = "metafinops/metafinops"\n'
        '      version = "~> 1.0"\n    }\n  }\n}\n'
    )
    # no network: an unreachable proxy would make any registry request fail loudly
    tf_env = terraform_env(
        empty_cli_config, home, {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    )
    init = subprocess.run(
        [TERRAFORM, "init", "-no-color", "-input=false"],
        cwd=work,
        env=tf_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stdout + init.stderr
    assert "metafinops/metafinops v1.0.0" in init.stdout, init.stdout
