"""The servers every language's contract suite runs against, started once per session.

- ``contract_server``: ``metafinops serve --demo`` (a year of demo data, an enterprise key);
- ``limited_server``: a second server whose free plan allows :data:`LIMIT` requests per
  :data:`WINDOW` seconds, for the 429 scenario (each language gets its own free key);
- ``lossy_proxy()``: a proxy in front of ``contract_server`` that loses the response of the
  first ``POST /v1/budgets`` after the server committed it.

``contract_env(language)`` is what the Node and Go suites receive: the same servers, by
environment variables, with ``METAFINOPS_CONTRACT=required`` so they fail rather than skip.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import Any

import pytest

from tests._lossy_proxy import LossyProxy
from tests._server import ServerHandle, running_server

VECTORS_PATH = Path(__file__).with_name("vectors.json")
LIMIT = 3
WINDOW = 2
LOST_CREATE = "POST /v1/budgets "


def load_vectors() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(VECTORS_PATH.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def vectors() -> dict[str, Any]:
    return load_vectors()


@pytest.fixture(scope="session")
def contract_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    with running_server(tmp_path_factory.mktemp("contract_server")) as server:
        yield server


@pytest.fixture(scope="session")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerHandle]:
    env = {
        "METAFINOPS_RATE_LIMITS": f"free={LIMIT},team=600,enterprise=6000",
        "METAFINOPS_RATE_LIMIT_WINDOW": str(WINDOW),
    }
    with running_server(tmp_path_factory.mktemp("limited_server"), env=env) as server:
        yield server


@pytest.fixture(scope="session")
def lossy_proxy(contract_server: ServerHandle) -> Iterator[Callable[[], AbstractContextManager[LossyProxy]]]:
    """A factory: each proxy loses its own first create response."""

    def start() -> AbstractContextManager[LossyProxy]:
        return LossyProxy(upstream_port=contract_server.port, match=LOST_CREATE).running()

    yield start


@pytest.fixture(scope="session")
def contract_env(
    contract_server: ServerHandle,
    limited_server: ServerHandle,
    lossy_proxy: Callable[[], AbstractContextManager[LossyProxy]],
) -> Iterator[Callable[[str], dict[str, str]]]:
    """``contract_env(language)``: environment variables for that language's contract suite."""
    with ExitStack() as stack:

        def env_for(language: str) -> dict[str, str]:
            proxy = stack.enter_context(lossy_proxy())
            return {
                "METAFINOPS_CONTRACT": "required",
                "METAFINOPS_BASE_URL": contract_server.base_url,
                "METAFINOPS_API_KEY": contract_server.api_key,
                "METAFINOPS_CONTRACT_LIMITED_URL": limited_server.base_url,
                "METAFINOPS_CONTRACT_LIMITED_KEY": limited_server.create_key("free", name=f"contract-{language}"),
                "METAFINOPS_CONTRACT_LIMIT": str(LIMIT),
                "METAFINOPS_CONTRACT_WINDOW": str(WINDOW),
                "METAFINOPS_CONTRACT_LOSSY_URL": f"http://127.0.0.1:{proxy.port}/v1",
                "METAFINOPS_CONTRACT_VECTORS": str(VECTORS_PATH),
            }

        yield env_for
