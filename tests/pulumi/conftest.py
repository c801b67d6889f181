"""Fixtures for the Pulumi tests: the real plugin process, configured for the session's real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from _pulumi_cli import pulumi_bin_dir
from _pulumi_plugin import Plugin, running_plugin


@pytest.fixture(scope="session")
def plugin(tmp_path_factory: pytest.TempPathFactory, api_server: Any) -> Iterator[Plugin]:
    """One ``pulumi-resource-metafinops`` for the session, configured like a default provider."""
    with running_plugin(tmp_path_factory.mktemp("plugin")) as running:
        running.configure(api_server.api_key, api_server.base_url)
        yield running


@pytest.fixture(scope="session")
def api(api_server: Any) -> Iterator[Any]:
    """The MetaFinOps SDK on the same server: what the tests check the plugin's work with."""
    from metafinops import Client

    with Client(api_key=api_server.api_key, base_url=api_server.base_url, max_retries=0) as client:
        yield client


@pytest.fixture(scope="session")
def pulumi_bin() -> Path:
    """The bin directory of the Pulumi CLI that ``scripts/build-pulumi`` built (cached; built if missing)."""
    return pulumi_bin_dir()
