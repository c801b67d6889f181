"""All ten data sources read through the real terraform binary against the demo data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from ._tf import Workspace

CONFIG = """
resource "metafinops_budget" "b" {
  name   = "{name}"
  amount = 100
  period = "monthly"
}

data "metafinops_cost_summary" "all" {}
data "metafinops_cost_summary" "march" {
  start = "2026-03-01"
  end   = "2026-03-31"
}
data "metafinops_costs_by_service" "c" {}
data "metafinops_gpu_utilization" "g" {}
data "metafinops_gpu_idle" "i" {
  threshold_percent = 12.5
  min_minutes       = 30
}
data "metafinops_token_usage" "t" {}
data "metafinops_token_cost" "t" {}
data "metafinops_budget_alerts" "a" {
  budget_id = metafinops_budget.b.id
}
data "metafinops_anomalies" "a" {
  min_severity = "low"
}
data "metafinops_carbon_footprint" "c" {}
data "metafinops_recommendations" "r" {}

output "total_cost" {
  value = data.metafinops_cost_summary.all.total_cost
}
output "wasted" {
  value = data.metafinops_gpu_idle.i.total_wasted_cost
}
"""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _rows(rows: Any, **fields: Callable[[Any], bool]) -> None:
    assert isinstance(rows, list), rows
    for row in rows:
        for name, check in fields.items():
            assert check(row[name]), (name, row)


def test_data_sources_read_plausible_values(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str
) -> None:
    ws = workspace("data")
    ws.write(CONFIG.replace("{name}", f"tf-data-{unique}"))
    ws.apply()
    state = ws.state()

    summary = state["data.metafinops_cost_summary.all"]
    assert _is_number(summary["total_cost"]) and summary["currency"] == "USD"
    assert summary["start"] and summary["end"] and summary["start"] <= summary["end"]
    _rows(summary["services"], service=lambda v: isinstance(v, str), cost=_is_number)
    march = state["data.metafinops_cost_summary.march"]
    assert (march["start"], march["end"]) == ("2026-03-01", "2026-03-31")

    by_service = state["data.metafinops_costs_by_service.c"]
    _rows(by_service["services"], service=bool, provider=lambda v: isinstance(v, str), cost=_is_number)

    gpu = state["data.metafinops_gpu_utilization.g"]
    assert gpu["average_utilization"] is None or _is_number(gpu["average_utilization"])
    _rows(gpu["instances"], instance_id=bool, gpu_model=bool, hours=_is_number, cost=_is_number)

    idle = state["data.metafinops_gpu_idle.i"]
    assert idle["threshold_percent"] == 12.5 and idle["min_minutes"] == 30  # configured values kept exactly
    assert _is_number(idle["total_wasted_cost"])
    _rows(idle["instances"], instance_id=bool, idle_minutes=_is_number, wasted_cost=_is_number)

    usage = state["data.metafinops_token_usage.t"]
    assert _is_number(usage["total_input_tokens"]) and _is_number(usage["total_output_tokens"])
    _rows(usage["models"], provider=bool, model=bool, input_tokens=_is_number, requests=_is_number)

    cost = state["data.metafinops_token_cost.t"]
    assert _is_number(cost["total_cost"])
    _rows(cost["models"], model=bool, cost=_is_number)

    alerts = state["data.metafinops_budget_alerts.a"]
    assert alerts["budget_id"] == state["metafinops_budget.b"]["id"]
    assert alerts["alerts"] in (None, []) or isinstance(alerts["alerts"], list)

    anomalies = state["data.metafinops_anomalies.a"]
    _rows(anomalies["anomalies"], id=lambda v: v.startswith("ano_"), severity=bool, impact=_is_number)

    carbon = state["data.metafinops_carbon_footprint.c"]
    assert _is_number(carbon["total_kgco2e"])
    _rows(carbon["regions"], region=bool, kgco2e=_is_number)

    recommendations = state["data.metafinops_recommendations.r"]
    assert _is_number(recommendations["total_estimated_monthly_savings"])
    _rows(recommendations["recommendations"], id=bool, type=bool, estimated_monthly_savings=_is_number)

    outputs = ws.outputs_json()
    assert outputs["total_cost"] == summary["total_cost"]
    assert ws.plan_exit_code() == 0, ws.outputs[-2]  # re-reading the data sources changes nothing
    ws.destroy()
