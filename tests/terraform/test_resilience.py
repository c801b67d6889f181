"""Applies that meet a failing network or a rate limit lose nothing and duplicate nothing.

- A create whose response is lost (the server committed, then the connection dropped)
  is retried by the provider with the same idempotency key: one object, in state.
- 200 budgets on a ``free``-plan key, rate-limited (429 + Retry-After), all land once.
- An unreachable API fails the run in seconds; a hung one fails it at the deadline.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from tests._lossy_proxy import LossyProxy
from tests._server import running_server

from ._tf import Workspace


def _budgets_named(client: httpx.Client, prefix: str) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    cursor: str | None = None
    for _ in range(100):  # bounded: 100 pages of 100
        params: dict[str, str | int] = {"limit": 100}
        if cursor:
            params["starting_after"] = cursor
        body = client.get("/budgets", params=params).raise_for_status().json()
        found += [b for b in body["data"] if str(b["name"]).startswith(prefix)]
        cursor = body["meta"]["pagination"]["next_cursor"]
        if not body["meta"]["pagination"]["has_more"]:
            break
    return found


def test_lost_create_response_neither_duplicates_nor_orphans(
    workspace: Callable[[str], Workspace], api_server: object, api: httpx.Client, unique: str
) -> None:
    port = int(api_server.port)  # type: ignore[attr-defined]
    with LossyProxy(upstream_port=port, match="POST /v1/budgets ", drop=2).running() as proxy:
        ws = workspace("lossy")
        ws.env["TF_VAR_metafinops_base_url"] = f"http://127.0.0.1:{proxy.port}/v1"
        ws.write(
            f'resource "metafinops_budget" "b" {{\n  name   = "lossy-{unique}"\n  amount = 100\n'
            '  period = "monthly"\n}\n'
        )
        ws.apply()
        assert proxy.dropped == 2, "the proxy should have swallowed two committed responses"

        on_server = _budgets_named(api, f"lossy-{unique}")
        assert len(on_server) == 1, f"expected one budget, found {len(on_server)}"
        assert ws.state()["metafinops_budget.b"]["id"] == on_server[0]["id"]
        assert ws.plan_exit_code() == 0
        ws.destroy()
    assert _budgets_named(api, f"lossy-{unique}") == []


def test_two_hundred_budgets_on_a_rate_limited_free_key(
    workspace: Callable[[str], Workspace], tmp_path: Path, unique: str
) -> None:
    limits = {"METAFINOPS_RATE_LIMITS": "free=60,team=600,enterprise=6000", "METAFINOPS_RATE_LIMIT_WINDOW": "2"}
    with running_server(tmp_path / "limited", env=limits) as server:
        free_key = server.create_key("free")
        ws = workspace("many")
        ws.env["TF_VAR_metafinops_api_key"] = free_key
        ws.env["TF_VAR_metafinops_base_url"] = server.base_url
        ws.write(
            f'resource "metafinops_budget" "b" {{\n  count  = 200\n  name   = "many-{unique}-${{count.index}}"\n'
            '  amount = 100 + count.index\n  period = "monthly"\n}\n'
        )
        ws.apply()

        with server.client(free_key) as client:
            budgets = _budgets_named(client, f"many-{unique}-")
            limited = client.get("/budgets", params={"limit": 1})
        names = [b["name"] for b in budgets]
        assert len(names) == 200 and len(set(names)) == 200, "every budget exactly once"
        assert len(ws.state()) == 200
        assert "x-ratelimit-limit" in limited.headers and limited.headers["x-ratelimit-limit"] == "60"
        assert "metafinops_budget.b[199]" in ws.state()
        assert ws.plan_exit_code() == 0
        throttled = server.stderr_path.read_text().count(" 429")
    assert throttled > 0, "the apply should have met the rate limit (429) at least once"


DATA_SOURCE = 'data "metafinops_cost_summary" "all" {}\n'


def _plan_against(ws: Workspace, base_url: str, **env: str) -> tuple[str, float]:
    started = time.monotonic()
    result = ws.run("plan", ok_codes=(1,), env={"TF_VAR_metafinops_base_url": base_url, **env})
    return result.stdout + result.stderr, time.monotonic() - started


def test_unreachable_api_fails_in_seconds_and_says_how_often_it_tried(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("refused")
    ws.write(DATA_SOURCE)
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    output, seconds = _plan_against(ws, f"http://127.0.0.1:{port}/v1")
    assert f"Could not reach http://127.0.0.1:{port}/v1 after 4 attempts" in output, output
    assert seconds < 30, f"a refused connection took {seconds:.1f} s to fail"  # 3 short backoffs, not 35 s


def test_a_hung_api_cannot_stall_a_run_past_the_deadline(workspace: Callable[[str], Workspace]) -> None:
    """The API accepts the connection and never answers: the run fails after METAFINOPS_TIMEOUT."""
    ws = workspace("hung")
    ws.write(DATA_SOURCE)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel accepts connections; nobody ever reads or answers
        port = silent.getsockname()[1]
        output, seconds = _plan_against(ws, f"http://127.0.0.1:{port}/v1", METAFINOPS_TIMEOUT="3")
    assert f"No answer from http://127.0.0.1:{port}/v1 after" in output and "deadline 3 s" in output, output
    assert seconds < 3 + 25, f"a hung API held the run for {seconds:.1f} s"
