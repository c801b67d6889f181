"""The resource lifecycle, driven over gRPC exactly as the Pulumi engine drives it.

Each test runs against the real ``pulumi-resource-metafinops`` process (launched with an
engine address, its port read from stdout) and the real ``metafinops serve`` API, and checks
what happened on the server through the SDK.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from _pulumi_plugin import UNKNOWN, Plugin, is_secret, plain, reveal, secret, urn
from pulumi.runtime.proto import provider_pb2

BUDGET = "metafinops:index:Budget"
ALERT_POLICY = "metafinops:index:AlertPolicy"
WEBHOOK = "metafinops:index:WebhookSubscription"

Diff = provider_pb2.DiffResponse
Kind = provider_pb2.PropertyDiff


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def create(plugin: Plugin, token: str, inputs: Any, *, preview: bool = False) -> Any:
    return plugin.call(
        "Create",
        provider_pb2.CreateRequest(urn=urn(token), type=token, name="r", properties=inputs, preview=preview),
    )


def read(plugin: Plugin, token: str, object_id: str, properties: Any = None, inputs: Any = None) -> Any:
    return plugin.call(
        "Read",
        provider_pb2.ReadRequest(
            id=object_id, urn=urn(token), type=token, name="r", properties=properties, inputs=inputs
        ),
    )


def diff(plugin: Plugin, token: str, object_id: str, olds: Any, news: Any, old_inputs: Any = None) -> Any:
    return plugin.call(
        "Diff",
        provider_pb2.DiffRequest(
            id=object_id, urn=urn(token), type=token, name="r", olds=olds, news=news, old_inputs=old_inputs
        ),
    )


def update(plugin: Plugin, token: str, object_id: str, olds: Any, news: Any, *, preview: bool = False) -> Any:
    return plugin.call(
        "Update",
        provider_pb2.UpdateRequest(
            id=object_id, urn=urn(token), type=token, name="r", olds=olds, news=news, preview=preview
        ),
    )


def delete(plugin: Plugin, token: str, object_id: str, properties: Any) -> None:
    plugin.call(
        "Delete",
        provider_pb2.DeleteRequest(id=object_id, urn=urn(token), type=token, name="r", properties=properties),
    )


def budget_names(api: Any) -> set[str]:
    return {b.name for b in api.budgets.list(limit=100)}


def test_budget_lifecycle(plugin: Plugin, api: Any) -> None:
    """Check → preview → create → refresh → update → replace → import → delete → gone."""
    from metafinops import NotFoundError

    name = unique("pulumi-budget")
    program = {
        "name": name,
        "amount": 1200,
        "period": "monthly",
        "thresholds": [{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
    }

    # Check: defaults from the catalog, nested ones included
    checked = plugin.checked(BUDGET, program)
    assert plain(checked) == {
        **program,
        "currency": "USD",
        "thresholds": [{"percent": 80, "basis": "actual"}, {"percent": 100, "basis": "forecasted"}],
    }

    # preview: outputs with the computed values unknown, and nothing written
    preview = create(plugin, BUDGET, checked, preview=True)
    assert preview.id == ""
    previewed = plain(preview.properties)
    assert previewed["createdAt"] == UNKNOWN and previewed["startDate"] == UNKNOWN
    assert previewed["name"] == name and "id" not in previewed
    assert name not in budget_names(api)

    # create
    created = create(plugin, BUDGET, checked)
    assert created.id.startswith("bud_")
    state = plain(created.properties)
    assert state["startDate"] and state["createdAt"] and state["currency"] == "USD"
    on_server = api.budgets.get(created.id)
    assert (on_server.name, on_server.amount, on_server.currency) == (name, 1200, "USD")
    assert {(t.percent, t.basis) for t in on_server.thresholds} == {(80, "actual"), (100, "forecasted")}

    # refresh: same object, same state, and then no diff
    refreshed = read(plugin, BUDGET, created.id, created.properties, checked)
    assert refreshed.id == created.id
    assert plain(refreshed.properties) == state
    assert plain(refreshed.inputs) == plain(checked)
    no_change = diff(plugin, BUDGET, created.id, refreshed.properties, checked, refreshed.inputs)
    assert no_change.changes == Diff.DIFF_NONE and not no_change.replaces

    # update in place: a diff without replacement, nothing written in preview, then written
    changed_program = {**program, "amount": 1500, "filters": {"tags": {"team": "platform"}, "services": ["aws-ec2"]}}
    changed = plugin.checked(BUDGET, changed_program)
    update_diff = diff(plugin, BUDGET, created.id, refreshed.properties, changed, refreshed.inputs)
    assert update_diff.changes == Diff.DIFF_SOME
    assert set(update_diff.diffs) == {"amount", "filters"} and not update_diff.replaces
    assert update_diff.detailedDiff["amount"].kind == Kind.UPDATE
    assert update_diff.detailedDiff["filters"].kind == Kind.ADD
    assert not update_diff.deleteBeforeReplace
    previewed_update = update(plugin, BUDGET, created.id, refreshed.properties, changed, preview=True)
    assert plain(previewed_update.properties)["amount"] == 1500
    assert api.budgets.get(created.id).amount == 1200
    updated = update(plugin, BUDGET, created.id, refreshed.properties, changed)
    assert plain(updated.properties)["amount"] == 1500
    assert plain(updated.properties)["filters"]["tags"] == {"team": "platform"}
    assert api.budgets.get(created.id).amount == 1500
    assert diff(plugin, BUDGET, created.id, updated.properties, changed).changes == Diff.DIFF_NONE

    # a force-new change (currency) replaces: create the new one, then delete the old one
    replacing = plugin.checked(BUDGET, {**changed_program, "currency": "EUR"})
    replace_diff = diff(plugin, BUDGET, created.id, updated.properties, replacing)
    assert list(replace_diff.replaces) == ["currency"]
    assert replace_diff.detailedDiff["currency"].kind == Kind.UPDATE_REPLACE
    assert not replace_diff.deleteBeforeReplace
    replacement = create(plugin, BUDGET, replacing)
    delete(plugin, BUDGET, created.id, updated.properties)
    with pytest.raises(NotFoundError):
        api.budgets.get(created.id)
    assert api.budgets.get(replacement.id).currency == "EUR"

    # import by id alone: state and inputs rebuilt; the program's inputs then show no diff
    imported = read(plugin, BUDGET, replacement.id)
    assert imported.id == replacement.id
    assert plain(imported.properties) == plain(replacement.properties)
    rebuilt = plain(imported.inputs)
    assert {k: rebuilt[k] for k in ("name", "amount", "currency", "period")} == {
        "name": name,
        "amount": 1500,
        "currency": "EUR",
        "period": "monthly",
    }
    assert "createdAt" not in rebuilt
    rechecked = plugin.checked(BUDGET, rebuilt)
    assert diff(plugin, BUDGET, replacement.id, imported.properties, rechecked).changes == Diff.DIFF_NONE
    assert diff(plugin, BUDGET, replacement.id, imported.properties, replacing).changes == Diff.DIFF_NONE

    # delete, then a refresh finds nothing: an empty id
    delete(plugin, BUDGET, replacement.id, imported.properties)
    with pytest.raises(NotFoundError):
        api.budgets.get(replacement.id)
    gone = read(plugin, BUDGET, replacement.id, imported.properties, imported.inputs)
    assert gone.id == ""
    assert read(plugin, BUDGET, replacement.id).id == ""  # nor can it be imported
    delete(plugin, BUDGET, replacement.id, imported.properties)  # deleting what is gone succeeds


def test_refresh_sees_changes_made_outside_pulumi(plugin: Plugin, api: Any) -> None:
    program = {"name": unique("drift"), "amount": 300, "period": "quarterly"}
    checked = plugin.checked(BUDGET, program)
    created = create(plugin, BUDGET, checked)
    try:
        api.budgets.update(created.id, amount=999)
        refreshed = read(plugin, BUDGET, created.id, created.properties, checked)
        assert plain(refreshed.properties)["amount"] == 999
        assert plain(refreshed.inputs)["amount"] == 999
        # the program still says 300: the next update puts it back
        drift = diff(plugin, BUDGET, created.id, refreshed.properties, checked, refreshed.inputs)
        assert list(drift.diffs) == ["amount"] and not drift.replaces
        ignoring = plugin.call(
            "Diff",
            provider_pb2.DiffRequest(
                id=created.id,
                urn=urn(BUDGET),
                type=BUDGET,
                olds=refreshed.properties,
                news=checked,
                ignoreChanges=["amount"],
            ),
        )
        assert ignoring.changes == Diff.DIFF_NONE  # `ignoreChanges: ["amount"]`
    finally:
        delete(plugin, BUDGET, created.id, created.properties)


def test_alert_policy_type_change_replaces(plugin: Plugin, api: Any) -> None:
    hook = create(
        plugin,
        WEBHOOK,
        plugin.checked(WEBHOOK, {"url": "http://127.0.0.1:9/hooks", "events": ["gpu.idle.detected"]}),
    )
    program = {
        "name": unique("idle"),
        "type": "gpu_idle",
        "conditions": {"utilizationBelowPercent": 5, "idleMinutes": 30},
        "webhookSubscriptionIds": [hook.id],
        "emails": ["oncall@corp.test"],
    }
    checked = plugin.checked(ALERT_POLICY, program)
    assert plain(checked)["enabled"] is True and plain(checked)["cooldownMinutes"] == 60
    created = create(plugin, ALERT_POLICY, checked)
    try:
        policy = api.alert_policies.get(created.id)
        assert policy.conditions.utilization_below_percent == 5 and policy.conditions.idle_minutes == 30
        assert policy.webhook_subscription_ids == [hook.id]
        assert plain(created.properties)["conditions"] == {"utilizationBelowPercent": 5, "idleMinutes": 30}

        same = diff(plugin, ALERT_POLICY, created.id, created.properties, checked)
        assert same.changes == Diff.DIFF_NONE

        retyped = plugin.checked(
            ALERT_POLICY, {**program, "type": "token_spend", "conditions": {"maxDailyTokenCost": 50}}
        )
        replace = diff(plugin, ALERT_POLICY, created.id, created.properties, retyped)
        assert replace.changes == Diff.DIFF_SOME
        assert list(replace.replaces) == ["type"]
        assert replace.detailedDiff["type"].kind == Kind.UPDATE_REPLACE
        assert replace.detailedDiff["conditions"].kind == Kind.UPDATE
    finally:
        delete(plugin, ALERT_POLICY, created.id, created.properties)
        delete(plugin, WEBHOOK, hook.id, hook.properties)


def test_webhook_secret_stays_secret(plugin: Plugin, api: Any) -> None:
    """A generated secret is a Pulumi secret; refresh keeps it; import cannot recover it."""
    program = {"url": "http://127.0.0.1:9/hooks", "events": ["budget.threshold.reached"], "description": "pager"}
    checked = plugin.checked(WEBHOOK, program)
    preview = plain(create(plugin, WEBHOOK, checked, preview=True).properties)
    assert is_secret(preview["secret"]) and reveal(preview["secret"]) == UNKNOWN

    created = create(plugin, WEBHOOK, checked)
    try:
        state = plain(created.properties)
        assert is_secret(state["secret"]) and reveal(state["secret"]).startswith("whsec_")
        assert not is_secret(state["url"])

        refreshed = read(plugin, WEBHOOK, created.id, created.properties, checked)
        assert plain(refreshed.properties)["secret"] == state["secret"]
        assert diff(plugin, WEBHOOK, created.id, refreshed.properties, checked).changes == Diff.DIFF_NONE

        imported = plain(read(plugin, WEBHOOK, created.id).properties)
        assert "secret" not in imported  # the API never returns it after creation
        assert imported["url"] == program["url"]

        # a secret set by the program: accepted as a secret, returned as one, rotated on change
        chosen = "s" * 32
        with_secret = plugin.checked(WEBHOOK, {**program, "secret": secret(chosen)})
        assert is_secret(plain(with_secret)["secret"])
        rotate = diff(plugin, WEBHOOK, created.id, refreshed.properties, with_secret)
        assert list(rotate.diffs) == ["secret"] and not rotate.replaces
        rotated = plain(update(plugin, WEBHOOK, created.id, refreshed.properties, with_secret).properties)
        assert rotated["secret"] == secret(chosen)
        assert api.webhooks.get(created.id).secret_version == 2
    finally:
        delete(plugin, WEBHOOK, created.id, created.properties)


def test_secret_inputs_come_back_secret(plugin: Plugin) -> None:
    """Any input given as a secret is returned as one, by Check and by Create."""
    program = {"name": secret(unique("secret-name")), "amount": 10, "period": "annual"}
    checked = plugin.checked(BUDGET, program)
    assert is_secret(plain(checked)["name"]) and not is_secret(plain(checked)["amount"])
    created = create(plugin, BUDGET, checked)
    try:
        assert is_secret(plain(created.properties)["name"])
        refreshed = read(plugin, BUDGET, created.id, created.properties, checked)
        assert is_secret(plain(refreshed.properties)["name"]) and is_secret(plain(refreshed.inputs)["name"])
    finally:
        delete(plugin, BUDGET, created.id, created.properties)


def test_unknown_inputs_in_preview(plugin: Plugin, api: Any) -> None:
    """Values known only after apply pass Check and stay unknown through the preview."""
    program = {"name": unique("unknown"), "amount": UNKNOWN, "period": "monthly", "thresholds": UNKNOWN}
    checked = plugin.checked(BUDGET, program)
    assert plain(checked)["amount"] == UNKNOWN
    preview = plain(create(plugin, BUDGET, checked, preview=True).properties)
    assert preview["amount"] == UNKNOWN and preview["thresholds"] == UNKNOWN
    assert program["name"] not in budget_names(api)

    policy = plugin.checked(ALERT_POLICY, {"name": "p", "type": "budget", "conditions": {"budgetIds": [UNKNOWN]}})
    assert plain(policy)["conditions"] == {"budgetIds": [UNKNOWN]}


def test_api_errors_name_the_pulumi_property(plugin: Plugin) -> None:
    """What only the server can check (a referenced id exists) comes back as a gRPC error."""
    import grpc

    checked = plugin.checked(
        ALERT_POLICY,
        {"name": "dangling", "type": "gpu_idle", "webhookSubscriptionIds": ["whk_doesnotexist"]},
    )
    with pytest.raises(grpc.RpcError) as raised:
        create(plugin, ALERT_POLICY, checked)
    message = raised.value.details()
    assert "webhookSubscriptionIds" in message
    assert "request id req_" in message
