"""Shared fixtures: a real ``metafinops serve`` process on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import pytest

try:  # tests/ as a package, or (pytest's default rootdir-less layout) tests/ on sys.path
    from tests._server import ServerHandle, running_server
except ImportError:  # pragma: no cover - depends on how pytest was invoked
    from _server import ServerHandle, running_server  # type: ignore[no-redef]


@pytest.fixture(scope="session")
def api_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """One server for the whole session; ``api_server.api_key`` is an enterprise key.

    Its database is shared by every test that uses it: create what you need, assert only
    on what you created.
    """
    with running_server(tmp_path_factory.mktemp("api_server")) as server:
        yield server


@pytest.fixture
def start_server() -> Callable[..., AbstractContextManager[ServerHandle]]:
    """``start_server(tmp_path, env=..., db_url=...)``: a dedicated server as a context manager."""
    return running_server
