"""Fixtures of the event engine tests: a server that retries deliveries within a second."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._helpers import FAST_ENV

try:
    from tests._server import ServerHandle, running_server
except ImportError:  # pragma: no cover - tests/ itself on sys.path
    from _server import ServerHandle, running_server  # type: ignore[no-redef]


@pytest.fixture(scope="module")
def fast_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    """A server (with demo data) that retries deliveries within a second."""
    with running_server(tmp_path_factory.mktemp("events_server"), env=FAST_ENV) as server:
        yield server
