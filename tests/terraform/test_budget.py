"""``metafinops_budget`` through the real terraform binary, the real plugin and the real API."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from ._steps import (
    assert_applied,
    assert_gone,
    assert_imports,
    assert_no_changes,
    assert_recreated_after_out_of_band_delete,
)
from ._tf import Workspace

ADDRESS = "metafinops_budget.b"


def _config(name: str, *, amount: str = "1000.5", currency: str | None = None, extra: str = "") -> str:
    currency_line = f'  currency = "{currency}"\n' if currency else ""
    return (
        'resource "metafinops_budget" "b" {\n'
        f'  name   = "{name}"\n'
        f"  amount = {amount}\n"
        '  period = "monthly"\n'
        f"{currency_line}"
        "  thresholds = [\n"
        "    { percent = 80 },\n"
        '    { percent = 100.1, basis = "forecasted" },\n'
        "  ]\n"
        '  filters = {\n    services = ["aws-ec2", "gcp-compute"]\n    tags     = { env = "prod" }\n  }\n'
        f"{extra}"
        "}\n"
    )


def test_budget_lifecycle(workspace: Callable[[str], Workspace], api: httpx.Client, unique: str) -> None:
    ws = workspace("main")
    name = f"tf-budget-{unique}"

    # create: defaults planned, the server's start date kept
    ws.write(_config(name))
    assert_applied(ws.apply(), added=1, changed=0, destroyed=0)
    applied = ws.state()[ADDRESS]
    budget_id = applied["id"]
    assert budget_id.startswith("bud_")
    assert applied["currency"] == "USD"
    assert applied["amount"] == 1000.5
    assert applied["start_date"]
    assert sorted(t["basis"] for t in applied["thresholds"]) == ["actual", "forecasted"]
    server = api.get(f"/budgets/{budget_id}").json()["data"]
    assert server["name"] == name and server["amount"] == 1000.5
    assert_no_changes(ws)

    # import, both ways
    assert_imports(workspace, _config(name), ADDRESS, budget_id, applied)

    # in-place update keeps the id
    ws.write(_config(f"{name}-renamed", amount="2000"))
    assert_applied(ws.apply(), added=0, changed=1, destroyed=0)
    assert ws.state()[ADDRESS]["id"] == budget_id
    assert api.get(f"/budgets/{budget_id}").json()["data"]["amount"] == 2000
    assert_no_changes(ws)

    # currency is force-new: replaced
    ws.write(_config(f"{name}-renamed", amount="2000", currency="EUR"))
    plan = ws.plan_output()
    assert "must be replaced" in plan and "# forces replacement" in plan, plan
    assert_applied(ws.apply(), added=1, changed=0, destroyed=1)
    replaced_id = ws.state()[ADDRESS]["id"]
    assert replaced_id != budget_id
    assert_gone(api, "/budgets", budget_id)
    assert api.get(f"/budgets/{replaced_id}").json()["data"]["currency"] == "EUR"
    assert_no_changes(ws)

    # deleted out of band: the next plan creates it again
    recreated_id = assert_recreated_after_out_of_band_delete(ws, api, ADDRESS, "/budgets")
    assert_no_changes(ws)

    # destroy: gone on the server
    ws.destroy()
    assert ws.state().get(ADDRESS) is None
    assert_gone(api, "/budgets", recreated_id)
