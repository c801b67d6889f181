"""Functions (data sources) over Invoke: ``metafinops:index:getCostSummary`` and the rest."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grpc
import pytest
from _pulumi_plugin import UNKNOWN, Plugin, plain, struct
from pulumi.runtime.proto import provider_pb2

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "pulumi_metafinops" / "schema.json").read_text())


def invoke(plugin: Plugin, token: str, args: dict[str, Any]) -> Any:
    return plugin.call("Invoke", provider_pb2.InvokeRequest(tok=token, args=struct(args)))


def test_cost_summary_matches_the_api(plugin: Plugin, api: Any) -> None:
    response = invoke(plugin, "metafinops:index:getCostSummary", {"start": "2026-10-01", "end": "2026-10-31"})
    assert not response.failures
    result = plain(getattr(response, "return"))
    expected = api.costs.summary(start="2026-10-01", end="2026-10-31")
    assert result["totalCost"] == pytest.approx(expected.total_cost)
    assert result["currency"] == expected.currency
    assert (result["start"], result["end"]) == ("2026-10-01", "2026-10-31")
    assert [(s["service"], s["cost"]) for s in result.get("services", [])] == [
        (s.service, pytest.approx(s.cost)) for s in expected.services
    ]


def test_gpu_idle(plugin: Plugin) -> None:
    response = invoke(plugin, "metafinops:index:getGpuIdle", {"thresholdPercent": 10, "minMinutes": 60})
    assert not response.failures
    result = plain(getattr(response, "return"))
    assert result["thresholdPercent"] == 10 and result["minMinutes"] == 60
    assert "totalWastedCost" in result
    for instance in result.get("instances", []):
        assert set(instance) <= {"instanceId", "gpuModel", "averageUtilization", "idleMinutes", "wastedCost"}


@pytest.mark.parametrize("token", sorted(SCHEMA["functions"]))
def test_every_function_answers_with_its_schema_outputs(plugin: Plugin, api: Any, token: str) -> None:
    spec = SCHEMA["functions"][token]
    args: dict[str, Any] = {}
    budget = None
    if "budgetId" in spec["inputs"]["properties"]:
        budget = api.budgets.create(name="alerts", amount=1, period="monthly")
        args = {"budgetId": budget.id}
    try:
        response = invoke(plugin, token, args)
    finally:
        if budget is not None:
            api.budgets.delete(budget.id)
    assert not response.failures, response.failures
    result = plain(getattr(response, "return"))
    outputs = spec["outputs"]
    assert set(outputs["required"]) <= set(result) <= set(outputs["properties"])


def test_invalid_arguments_are_failures(plugin: Plugin) -> None:
    response = invoke(plugin, "metafinops:index:getCostSummary", {"start": "last month", "colour": "red"})
    found = {f.property: f.reason for f in response.failures}
    assert "start" in found and "YYYY-MM-DD" in found["start"]
    assert "colour" in found
    missing = invoke(plugin, "metafinops:index:getBudgetAlerts", {})
    assert {f.property for f in missing.failures} == {"budgetId"}


def test_unknown_arguments_give_unknown_results(plugin: Plugin) -> None:
    response = invoke(plugin, "metafinops:index:getBudgetAlerts", {"budgetId": UNKNOWN})
    assert not response.failures
    assert plain(getattr(response, "return")) == {"budgetId": UNKNOWN, "alerts": UNKNOWN}


def test_unknown_function(plugin: Plugin) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        invoke(plugin, "metafinops:index:getWeather", {})
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
