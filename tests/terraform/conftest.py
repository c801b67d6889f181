"""Fixtures for the Terraform acceptance tests: the real ``terraform`` binary, the real
plugin installed with ``metafinops provider install --plugin-dir``, and the session's real
API server (``api_server`` from ``tests/conftest.py``).

Skipped as a whole when ``terraform`` is not on PATH.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from ._tf import PROVIDER_TF, Workspace, install_env, mirror_environment

if shutil.which("terraform") is None:  # pragma: no cover - CI has terraform
    pytest.skip("terraform is not on PATH", allow_module_level=True)


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
        ["terraform", "init", "-no-color", "-input=false"],
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
