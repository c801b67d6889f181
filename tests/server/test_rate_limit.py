"""Per-key fixed-window rate limits by plan."""

from __future__ import annotations

import time

from .helpers import error, ok

FREE_LIMIT = 5
WINDOW_SECONDS = 2


def test_burst_past_free_limit_then_recover(start_server, tmp_path) -> None:
    env = {
        "METAFINOPS_RATE_LIMITS": f"free={FREE_LIMIT},team=600,enterprise=6000",
        "METAFINOPS_RATE_LIMIT_WINDOW": str(WINDOW_SECONDS),
    }
    with start_server(tmp_path, env=env) as server:
        free_key = server.create_key("free")
        with server.client(free_key) as client:
            responses = [client.get("/budgets") for _ in range(FREE_LIMIT + 1)]
            for index, response in enumerate(responses[:FREE_LIMIT]):
                ok(response)
                assert response.headers["X-RateLimit-Limit"] == str(FREE_LIMIT)
                assert response.headers["X-RateLimit-Remaining"] == str(FREE_LIMIT - index - 1)
            limited = responses[-1]
            error(limited, 429, "rate_limited")
            retry_after = int(limited.headers["Retry-After"])
            assert 1 <= retry_after <= WINDOW_SECONDS
            assert limited.headers["X-RateLimit-Remaining"] == "0"
            assert 1 <= int(limited.headers["X-RateLimit-Reset"]) <= WINDOW_SECONDS

            # another key has its own window
            with server.client() as enterprise:
                assert enterprise.get("/budgets").headers["X-RateLimit-Limit"] == "6000"

            time.sleep(retry_after + 0.2)
            recovered = client.get("/budgets")
            ok(recovered)
            assert recovered.headers["X-RateLimit-Remaining"] == str(FREE_LIMIT - 1)
