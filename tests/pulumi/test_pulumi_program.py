"""``examples/pulumi`` run as a Pulumi program against the real plugin and the real server.

This test stands in for the Pulumi CLI, which cannot run here: the program runs under
``pulumi.runtime.set_mocks`` with a monitor (``_pulumi_engine.EngineStandIn``) that does
what the engine would with each registration (Check, then Create or Diff/Update/replace)
by calling the real ``pulumi-resource-metafinops`` over gRPC, and deletes what a run no
longer registers. What only the CLI does (planning order, state encryption, plugin
discovery) is not covered; see ``pulumi_metafinops/README.md``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _pulumi_engine import EngineStandIn, Resource, run_program, without_resource
from _pulumi_plugin import Plugin, running_plugin

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "pulumi" / "__main__.py"
PROJECT = "metafinops-quickstart"
RECEIVER = "http://127.0.0.1:8787/metafinops/events"


@pytest.fixture
def program_plugin(tmp_path: Path) -> Any:
    """A plugin process of its own: the engine stand-in configures it as a default provider."""
    with running_plugin(tmp_path) as plugin:
        yield plugin


def engine(plugin: Plugin, api_server: Any, state: dict[str, Resource], *, preview: bool = False) -> EngineStandIn:
    return EngineStandIn(
        plugin=plugin,
        state=state,
        config={
            "metafinops:apiKey": api_server.api_key,
            "metafinops:baseUrl": api_server.base_url,
            f"{PROJECT}:receiverUrl": RECEIVER,
        },
        secret_keys=["metafinops:apiKey"],
        preview=preview,
    )


def by_type(state: dict[str, Resource], token: str) -> Resource:
    (resource,) = [r for r in state.values() if r.token == token]
    return resource


def test_quickstart_program(program_plugin: Plugin, api_server: Any, api: Any) -> None:
    """`pulumi preview`, `pulumi up` twice, `up` without a resource, `pulumi destroy`, emulated.

    The Pulumi CLI cannot run here: ``EngineStandIn`` takes the engine's place, the plugin
    and the server are the real ones.
    """
    from metafinops import NotFoundError

    source = EXAMPLE.read_text(encoding="utf-8")
    state: dict[str, Resource] = {}
    webhooks_before = {w.id for w in api.webhooks.list(limit=100)}

    # `pulumi preview`: every resource would be created, nothing is
    preview = engine(program_plugin, api_server, state, preview=True)
    run_program(source, preview, project=PROJECT, path=EXAMPLE)
    assert sorted(op for op, _ in preview.operations) == ["create", "create", "create"]
    assert state == {}
    assert {w.id for w in api.webhooks.list(limit=100)} == webhooks_before

    # `pulumi up`: the resources exist on the server, as the program says
    first = engine(program_plugin, api_server, state)
    try:
        exports = run_program(source, first, project=PROJECT, path=EXAMPLE)
        assert sorted(op for op, _ in first.operations) == ["create", "create", "create"]
        budget = api.budgets.get(by_type(state, "metafinops:index:Budget").id)
        assert (budget.name, budget.amount, budget.period) == ("Platform (monthly)", 5000, "monthly")
        assert {(t.percent, t.basis) for t in budget.thresholds} == {(80, "actual"), (100, "forecasted")}
        assert budget.filters.tags == {"team": "platform"}
        webhook = api.webhooks.get(by_type(state, "metafinops:index:WebhookSubscription").id)
        assert webhook.url == RECEIVER
        policy = api.alert_policies.get(by_type(state, "metafinops:index:AlertPolicy").id)
        assert policy.type == "gpu_idle" and policy.webhook_subscription_ids == [webhook.id]
        assert policy.conditions.utilization_below_percent == 5 and policy.cooldown_minutes == 120

        assert exports["budget_id"] == (budget.id, False)
        assert exports["budget_start_date"][0] == str(budget.start_date)
        secret_value, secret_is_secret = exports["webhook_secret"]
        assert secret_is_secret and str(secret_value).startswith("whsec_")
        summary = api.costs.summary()
        assert exports["month_total_cost"][0] == pytest.approx(summary.total_cost)
        idle = api.gpu.idle(threshold_percent=10, min_minutes=60)
        assert exports["idle_gpu_wasted_cost"][0] == pytest.approx(idle.total_wasted_cost)
        assert exports["idle_gpu_instances"][0] == [i.instance_id for i in idle.instances]

        # a second `pulumi up` changes nothing
        updated_at = {w: api.webhooks.get(w).updated_at for w in [webhook.id]}
        second = engine(program_plugin, api_server, state)
        again = run_program(source, second, project=PROJECT, path=EXAMPLE)
        assert [op for op, _ in second.operations] == ["same", "same", "same"]
        assert again["budget_id"] == exports["budget_id"]
        assert again["webhook_secret"] == exports["webhook_secret"]  # kept in state, still secret
        assert {w: api.webhooks.get(w).updated_at for w in [webhook.id]} == updated_at

        # the program without its alert policy: `pulumi up` deletes it, and only it
        third = engine(program_plugin, api_server, state)
        run_program(without_resource(source, "AlertPolicy"), third, project=PROJECT, path=EXAMPLE)
        assert sorted(op for op, _ in third.operations) == ["delete", "same", "same"]
        with pytest.raises(NotFoundError):
            api.alert_policies.get(policy.id)
        assert api.budgets.get(budget.id).name == "Platform (monthly)"
        assert len(state) == 2
    finally:
        engine(program_plugin, api_server, state).destroy()
    assert state == {}
    with pytest.raises(NotFoundError):
        api.budgets.get(budget.id)


def test_program_errors_name_the_property(program_plugin: Plugin, api_server: Any) -> None:
    """A check failure stops the run with the engine's wording, naming the property."""
    source = (
        "import pulumi_metafinops as metafinops\nmetafinops.Budget('bad', name='bad', amount=-1, period='monthly')\n"
    )
    state: dict[str, Resource] = {}
    with pytest.raises(Exception, match=r"amount must be a number > 0") as raised:
        run_program(source, engine(program_plugin, api_server, state), project=PROJECT)
    assert "property amount" in str(raised.value)
    assert state == {}
