"""``metafinops_webhook_subscription`` through the real terraform binary, the real plugin and the real API.

Every command runs with ``TF_LOG=trace`` into one log file; at the end neither that log,
nor anything terraform printed, nor any state file written along the way contains the API
key, the write-only secrets or the generated secrets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from ._steps import (
    assert_applied,
    assert_gone,
    assert_imports,
    assert_no_changes,
    assert_recreated_after_out_of_band_delete,
)
from ._tf import Workspace

ADDRESS = "metafinops_webhook_subscription.w"


def _config(name: str, *, body: str = "", events: str = '"budget.threshold.reached"') -> str:
    return (
        'resource "metafinops_webhook_subscription" "w" {\n'
        f'  url         = "https://hooks.metafinops.invalid/{name}"\n'
        f"  events      = [{events}]\n"
        f'  description = "{name}"\n'
        f"{body}"
        "}\n"
    )


class _SecretWatch:
    """Collects the state files of a workspace as they are written, to grep them at the end."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.states: list[str] = []

    def snapshot(self) -> None:
        for path in (self.ws.state_path, self.ws.state_path.with_suffix(".tfstate.backup")):
            if path.exists():
                self.states.append(path.read_text())


def test_webhook_subscription_lifecycle(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str, api_server: Any
) -> None:
    ws = workspace("main")
    log_path = ws.directory / "trace.log"
    ws.env.update({"TF_LOG": "trace", "TF_LOG_PATH": str(log_path)})
    watch = _SecretWatch(ws)
    name = f"tf-webhook-{unique}"
    generated: list[str] = []

    # create with a generated secret: exposed once as the sensitive `secret`, kept across refresh
    ws.write(_config(name))
    output = ws.apply()
    assert_applied(output, added=1, changed=0, destroyed=0)
    watch.snapshot()
    applied = ws.state()[ADDRESS]
    webhook_id = applied["id"]
    assert webhook_id.startswith("whk_")
    assert applied["secret"].startswith("whsec_")
    assert applied["secret_wo"] is None and applied["enabled"] is True
    generated.append(applied["secret"])
    server = api.get(f"/webhooks/{webhook_id}").json()["data"]
    assert "secret" not in server or server["secret"] is None
    assert_no_changes(ws)
    ws.apply("-refresh-only")
    watch.snapshot()
    assert ws.state()[ADDRESS]["secret"] == generated[0], "a refresh must keep the generated secret"

    # import, both ways: the API never returns the secret, so it is null after an import
    assert_imports(workspace, _config(name), ADDRESS, webhook_id, applied, differs={"secret": None})

    # in-place update
    ws.write(_config(name, body="  enabled = false\n", events='"budget.threshold.reached", "report.generated"'))
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    watch.snapshot()
    assert ws.state()[ADDRESS]["id"] == webhook_id
    server = api.get(f"/webhooks/{webhook_id}").json()["data"]
    assert server["enabled"] is False and sorted(server["events"]) == ["budget.threshold.reached", "report.generated"]
    assert_no_changes(ws)

    # rotate to a write-only secret: in place, never stored
    write_only = f"wo-secret-{unique}-0123456789abcdef"
    version_before = server["secret_version"]
    ws.write(_config(name, body=f'  secret_wo = "{write_only}"\n  secret_wo_version = 1\n'))
    plan = ws.plan_output()
    assert "1 to change" in plan and "must be replaced" not in plan, plan
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    watch.snapshot()
    rotated = ws.state()[ADDRESS]
    assert rotated["id"] == webhook_id and rotated["secret"] is None and rotated["secret_wo"] is None
    assert rotated["secret_wo_version"] == 1
    assert api.get(f"/webhooks/{webhook_id}").json()["data"]["secret_version"] == version_before + 1
    assert_no_changes(ws)

    # bump the version alone: MetaFinOps generates a new secret, kept in state
    ws.write(_config(name, body="  secret_wo_version = 2\n"))
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    watch.snapshot()
    regenerated = ws.state()[ADDRESS]["secret"]
    assert regenerated.startswith("whsec_") and regenerated != generated[0]
    generated.append(regenerated)
    assert_no_changes(ws)

    recreated_id = assert_recreated_after_out_of_band_delete(ws, api, ADDRESS, "/webhooks")
    watch.snapshot()
    generated.append(ws.state()[ADDRESS]["secret"])
    assert_no_changes(ws)

    ws.destroy()
    assert ws.state() == {}
    assert_gone(api, "/webhooks", recreated_id)

    # secrets: not in anything terraform printed, not in the trace log, write-only never in state
    trace = log_path.read_text()
    assert "GRPCProvider.v6: ApplyResourceChange" in trace  # the log really is a trace log
    printed = "\n".join(ws.outputs)
    for secret in [api_server.api_key, write_only, *generated]:
        assert secret not in printed
        assert secret not in trace
    assert not any(write_only in state for state in watch.states)
