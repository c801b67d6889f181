"""`pip install 'metafinops[pulumi]'` as a Pulumi user does it, in a fresh venv from PyPI:
the SDK and its plugin without the server's or Terraform's dependencies, beside another Pulumi
provider SDK (`pulumi-random`), with the lowest `pulumi` our range admits. (The newest is the
one `scripts/bootstrap` installs: the rest of the suite runs on it.)"""

from __future__ import annotations

import json
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PIP_TIMEOUT = 600.0
LOWEST_PULUMI = "3.269.0"  # the floor of the `pulumi` extra in pyproject.toml

CHECK = r"""
import importlib.util, json, subprocess, sys
from importlib import metadata, resources

import pulumi, pulumi_metafinops, pulumi_random  # the program side of both SDKs imports

plugin = json.loads((resources.files("pulumi_metafinops") / "pulumi-plugin.json").read_text())
absent = [m for m in ("fastapi", "sqlalchemy", "uvicorn", "alembic", "msgpack", "cryptography")
          if importlib.util.find_spec(m) is not None]
print(json.dumps({"pulumi": metadata.version("pulumi"), "plugin": plugin, "unwanted": absent,
                  "budget": pulumi_metafinops.Budget.__name__}))
"""


def make_venv(path: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / "bin" / "python"


def pip(python: Path, *args: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args],
        check=True,
        timeout=PIP_TIMEOUT,
        capture_output=True,
        text=True,
    )


@pytest.mark.slow
def test_sdk_alone_beside_pulumi_random_with_the_lowest_pulumi(tmp_path: Path) -> None:
    python = make_venv(tmp_path / "venv")
    pip(python, f"{ROOT}[pulumi]", "pulumi-random", f"pulumi=={LOWEST_PULUMI}")
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr

    found = json.loads(subprocess.run([str(python), "-c", CHECK], capture_output=True, text=True, check=True).stdout)
    assert found["pulumi"] == LOWEST_PULUMI
    assert found["plugin"] == {"resource": True, "name": "metafinops", "version": "1.0.0"}
    assert found["unwanted"] == [], "the Pulumi SDK pulled in server or Terraform dependencies"

    # The plugin the SDK announces starts from this venv and prints its port, as the engine expects.
    plugin = subprocess.Popen(
        [str(python.with_name("pulumi-resource-metafinops")), "127.0.0.1:1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert plugin.stdout is not None
        port = plugin.stdout.readline().strip()
        assert port.isdigit(), plugin.stderr.read() if plugin.stderr else port
    finally:
        plugin.terminate()
        plugin.wait(timeout=10)
