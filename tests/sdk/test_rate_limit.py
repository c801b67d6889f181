"""Rate limiting against a real server started with a tiny free plan (5 requests per 2 s)."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from metafinops import Client, RateLimitError

if TYPE_CHECKING:
    from tests._server import ServerHandle

SMALL_LIMITS = {"METAFINOPS_RATE_LIMITS": "free=5,team=600,enterprise=6000", "METAFINOPS_RATE_LIMIT_WINDOW": "2"}


def test_429_is_retried_after_retry_after_and_then_succeeds(
    start_server: Callable[..., AbstractContextManager[ServerHandle]], tmp_path: Path
) -> None:
    with start_server(tmp_path, env=SMALL_LIMITS) as server:
        free_key = server.create_key("free")
        statuses: list[int] = []
        http = httpx.Client(event_hooks={"response": [lambda response: statuses.append(response.status_code)]})
        with http, Client(free_key, base_url=server.base_url, http_client=http) as client:
            for _ in range(8):  # more than the 5 allowed per window: the SDK waits and goes on
                assert isinstance(client.budgets.list().data, list)
            assert client.rate_limit is not None and client.rate_limit.limit == 5
        assert 429 in statuses
        assert statuses.count(200) == 8

        impatient = Client(free_key, base_url=server.base_url, max_retries=0)
        with impatient, pytest.raises(RateLimitError) as caught:
            for _ in range(10):
                impatient.budgets.list()
        error = caught.value
        assert (error.status_code, error.code) == (429, "rate_limited")
        assert error.retry_after is not None and 0 < error.retry_after <= 2
        assert re.match(r"^req_", error.request_id or "")
        assert impatient.rate_limit is not None and impatient.rate_limit.remaining == 0
