"""``metafinops_alert_policy`` through the real terraform binary, the real plugin and the real API."""

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

ADDRESS = "metafinops_alert_policy.p"

SUPPORT = """
resource "metafinops_budget" "b" {
  name   = "{name}-budget"
  amount = 500
  period = "quarterly"
}

resource "metafinops_webhook_subscription" "w" {
  url    = "https://hooks.metafinops.invalid/{name}"
  events = ["budget.threshold.reached", "gpu.idle.detected"]
}
"""


REFERENCES = ("metafinops_budget.b.id", "metafinops_webhook_subscription.w.id")


def _policy(name: str, *, policy_type: str = "budget", body: str = "", references: tuple[str, str] = REFERENCES) -> str:
    budget_id, webhook_id = references
    conditions = (
        f"  conditions = {{ budget_ids = [{budget_id}] }}\n"
        if policy_type == "budget"
        else "  conditions = { utilization_below_percent = 7.5, idle_minutes = 45 }\n"
    )
    return (
        'resource "metafinops_alert_policy" "p" {\n'
        f'  name = "{name}"\n'
        f'  type = "{policy_type}"\n'
        f"{conditions}"
        f"  webhook_subscription_ids = [{webhook_id}]\n"
        '  emails = ["finops@corp.test", "oncall@corp.test"]\n'
        f"{body}"
        "}\n"
    )


def _config(name: str, **kwargs: Any) -> str:
    return SUPPORT.replace("{name}", name) + _policy(name, **kwargs)


def test_alert_policy_lifecycle(workspace: Callable[[str], Workspace], api: httpx.Client, unique: str) -> None:
    ws = workspace("main")
    name = f"tf-policy-{unique}"

    ws.write(_config(name))
    assert_applied(ws.apply(), added=3, changed=0, destroyed=0)
    state = ws.state()
    applied = state[ADDRESS]
    policy_id = applied["id"]
    budget_id, webhook_id = state["metafinops_budget.b"]["id"], state["metafinops_webhook_subscription.w"]["id"]
    assert policy_id.startswith("apol_")
    assert applied["enabled"] is True and applied["cooldown_minutes"] == 60  # defaults planned
    assert applied["conditions"]["budget_ids"] == [budget_id]
    assert api.get(f"/alert-policies/{policy_id}").json()["data"]["webhook_subscription_ids"] == [webhook_id]
    assert_no_changes(ws)

    # import, both ways, into configurations that name the budget and webhook by id
    literal = _policy(name, references=(f'"{budget_id}"', f'"{webhook_id}"'))
    assert_imports(workspace, literal, ADDRESS, policy_id, applied)

    # in-place update: disable, change cooldown and e-mails
    ws.write(_config(name, body="  enabled = false\n  cooldown_minutes = 15\n").replace("oncall@", "pager@"))
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    updated = ws.state()[ADDRESS]
    assert updated["id"] == policy_id and updated["enabled"] is False and updated["cooldown_minutes"] == 15
    emails = api.get(f"/alert-policies/{policy_id}").json()["data"]["emails"]
    assert sorted(emails) == ["finops@corp.test", "pager@corp.test"]
    assert_no_changes(ws)

    # type is force-new: replaced
    ws.write(_config(name, policy_type="gpu_idle"))
    plan = ws.plan_output()
    assert "must be replaced" in plan and "# forces replacement" in plan, plan
    assert_applied(ws.apply(), added=1, changed=0, destroyed=1)
    replaced = ws.state()[ADDRESS]
    assert replaced["id"] != policy_id and replaced["type"] == "gpu_idle"
    assert replaced["conditions"]["utilization_below_percent"] == 7.5
    assert_gone(api, "/alert-policies", policy_id)
    assert_no_changes(ws)

    recreated_id = assert_recreated_after_out_of_band_delete(ws, api, ADDRESS, "/alert-policies")
    assert_no_changes(ws)

    ws.destroy()
    assert ws.state() == {}
    assert_gone(api, "/alert-policies", recreated_id)
    assert_gone(api, "/budgets", budget_id)
    assert_gone(api, "/webhooks", webhook_id)


def test_api_errors_name_the_attribute_and_lose_nothing(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str
) -> None:
    """A write the API rejects (an unknown webhook id) fails on the attribute; a failed create
    leaves nothing in state, a failed update leaves the prior state."""
    ws = workspace("api-errors")
    name = f"tf-policy-err-{unique}"
    unknown = '"whk_doesnotexist0000000000"'
    ws.write(_config(name, references=("metafinops_budget.b.id", unknown)))
    failed = ws.run("apply", "-auto-approve", ok_codes=(1,))
    assert "webhook_subscription_ids" in failed.stderr, failed.stderr
    assert ADDRESS not in ws.state()

    ws.write(_config(name))
    assert_applied(ws.apply(), added=1, changed=0, destroyed=0)
    before = ws.state()[ADDRESS]
    ws.write(_config(name, references=("metafinops_budget.b.id", unknown)))
    failed = ws.run("apply", "-auto-approve", ok_codes=(1,))
    assert "webhook_subscription_ids" in failed.stderr, failed.stderr
    assert ws.state()[ADDRESS] == before  # the prior state survives the failed update
    ws.write(_config(name))
    assert ws.plan_exit_code() == 0, ws.outputs[-2]
    ws.destroy()
    assert_gone(api, "/alert-policies", before["id"])
