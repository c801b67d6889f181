"""Check and the provider configuration RPCs: failures name the Pulumi property, secrets stay secret."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import grpc
import pytest
from _pulumi_plugin import (
    UNKNOWN,
    Plugin,
    empty,
    is_secret,
    plain,
    provider_urn,
    running_plugin,
    secret,
    struct,
    urn,
)
from pulumi.runtime.proto import provider_pb2

BUDGET = "metafinops:index:Budget"
ALERT_POLICY = "metafinops:index:AlertPolicy"
WEBHOOK = "metafinops:index:WebhookSubscription"
SCHEMA = Path(__file__).resolve().parents[2] / "pulumi_metafinops" / "schema.json"

VALID_BUDGET = {"name": "b", "amount": 10, "period": "monthly"}
VALID_POLICY = {"name": "p", "type": "gpu_idle"}
VALID_WEBHOOK = {"url": "https://hooks.corp.test/finops", "events": ["report.generated"]}


def failures(plugin: Plugin, token: str, news: dict[str, Any]) -> dict[str, str]:
    response = plugin.check(token, news)
    return {f.property: f.reason for f in response.failures}


@pytest.mark.parametrize(
    ("token", "news", "prop", "words"),
    [
        (BUDGET, {**VALID_BUDGET, "amount": -5}, "amount", "> 0"),
        (BUDGET, {**VALID_BUDGET, "currency": "usd"}, "currency", "ISO 4217"),
        (BUDGET, {**VALID_BUDGET, "period": "weekly"}, "period", "monthly"),
        (BUDGET, {**VALID_BUDGET, "startDate": "1st of May"}, "startDate", "YYYY-MM-DD"),
        (BUDGET, {**VALID_BUDGET, "thresholds": [{"percent": 80}, {"percent": 0}]}, "thresholds[1].percent", "> 0"),
        (BUDGET, {**VALID_BUDGET, "thresholds": [{"basis": "actual"}]}, "thresholds[0].percent", "must be set"),
        (BUDGET, {**VALID_BUDGET, "filters": {"tags": {"env": 1}}}, 'filters.tags["env"]', "string"),
        (BUDGET, {"amount": 10, "period": "monthly"}, "name", "must be set"),
        (BUDGET, {**VALID_BUDGET, "colour": "red"}, "colour", "startDate"),
        (BUDGET, {**VALID_BUDGET, "filters": {"team": "x"}}, "filters.team", "services"),
        (ALERT_POLICY, {**VALID_POLICY, "type": "sunspots"}, "type", "gpu_idle"),
        (ALERT_POLICY, {**VALID_POLICY, "cooldownMinutes": 1.5}, "cooldownMinutes", "whole number"),
        (ALERT_POLICY, {**VALID_POLICY, "conditions": {"minSeverity": "low"}}, "conditions.minSeverity", "idleMinutes"),
        (ALERT_POLICY, {**VALID_POLICY, "conditions": {"idleMinutes": 0}}, "conditions.idleMinutes", ">= 1"),
        (ALERT_POLICY, {**VALID_POLICY, "emails": ["ops@corp.test", "nobody"]}, "emails[1]", "e-mail"),
        (WEBHOOK, {**VALID_WEBHOOK, "url": "http://hooks.corp.test/"}, "url", "https://"),
        (WEBHOOK, {**VALID_WEBHOOK, "events": []}, "events", "1 to 20"),
        (WEBHOOK, {**VALID_WEBHOOK, "events": ["budget.exceeded"]}, "events[0]", "budget.threshold.reached"),
        (WEBHOOK, {**VALID_WEBHOOK, "secret": secret("short")}, "secret", "24"),
        (WEBHOOK, {**VALID_WEBHOOK, "secretWo": "x" * 30}, "secretWo", "secret"),
    ],
)
def test_invalid_inputs_fail_check_on_the_property(
    plugin: Plugin, token: str, news: dict[str, Any], prop: str, words: str
) -> None:
    found = failures(plugin, token, news)
    assert prop in found, found
    assert words in found[prop]


def test_failure_reasons_use_pulumi_names(plugin: Plugin) -> None:
    found = failures(plugin, ALERT_POLICY, {**VALID_POLICY, "conditions": {"budgetIds": ["bud_x"]}})
    reason = found["conditions.budgetIds"]
    assert "utilizationBelowPercent" in reason and "utilization_below_percent" not in reason
    assert "budgetIds" in reason


def test_every_problem_is_reported_at_once(plugin: Plugin) -> None:
    found = failures(plugin, BUDGET, {"amount": 0, "period": "daily", "currency": "usd"})
    assert {"name", "amount", "period", "currency"} <= set(found)


def test_check_fills_defaults_and_keeps_what_was_given(plugin: Plugin) -> None:
    assert plain(plugin.checked(WEBHOOK, VALID_WEBHOOK)) == {**VALID_WEBHOOK, "enabled": True}
    assert plain(plugin.checked(WEBHOOK, {**VALID_WEBHOOK, "enabled": False}))["enabled"] is False
    policy = plain(plugin.checked(ALERT_POLICY, {**VALID_POLICY, "cooldownMinutes": 0}))
    assert policy == {**VALID_POLICY, "enabled": True, "cooldownMinutes": 0}


def test_check_config(plugin: Plugin) -> None:
    """Stack configuration arrives as strings; apiKey comes back secret; the engine's keys pass through."""
    news = {"apiKey": "k", "baseUrl": "http://127.0.0.1:1/v1", "maxRetries": "3", "timeout": "2.5", "version": "1.0.0"}
    response = plugin.call("CheckConfig", provider_pb2.CheckRequest(urn=provider_urn(), news=struct(news)))
    assert not response.failures
    checked = plain(response.inputs)
    assert is_secret(checked["apiKey"]) and checked["apiKey"]["value"] == "k"
    assert checked["maxRetries"] == 3 and checked["timeout"] == 2.5
    assert checked["version"] == "1.0.0"


@pytest.mark.parametrize(
    ("news", "prop"),
    [
        ({"apiKey": "k", "maxRetries": "-1"}, "maxRetries"),
        ({"apiKey": "k", "timeout": "soon"}, "timeout"),
        ({"apiKey": "k", "region": "eu"}, "region"),
        ({"baseUrl": "http://127.0.0.1:1/v1"}, "apiKey"),
    ],
)
def test_check_config_failures(plugin: Plugin, news: dict[str, Any], prop: str) -> None:
    response = plugin.call("CheckConfig", provider_pb2.CheckRequest(urn=provider_urn(), news=struct(news)))
    found = {f.property: f.reason for f in response.failures}
    assert prop in found, found


def test_api_key_may_come_from_the_environment(tmp_path: Path, api_server: Any) -> None:
    with running_plugin(tmp_path, env={"METAFINOPS_API_KEY": api_server.api_key}) as plugin:
        config = struct({"baseUrl": api_server.base_url})
        assert not plugin.call("CheckConfig", provider_pb2.CheckRequest(urn=provider_urn(), news=config)).failures
        plugin.call("Configure", provider_pb2.ConfigureRequest(args=config, acceptSecrets=True))
        token = "metafinops:index:getCostSummary"
        result = plugin.call("Invoke", provider_pb2.InvokeRequest(tok=token, args=struct({})))
        assert not result.failures


def test_the_api_key_never_reaches_the_logs(tmp_path: Path, api_server: Any) -> None:
    """Even at the engine's most verbose (-v=9), stderr never shows the key."""
    with running_plugin(tmp_path, flags=("--logtostderr", "-v=9")) as plugin:
        plugin.configure(api_server.api_key, api_server.base_url)
        token = "metafinops:index:getCostSummary"
        plugin.call("Invoke", provider_pb2.InvokeRequest(tok=token, args=struct({})))
        alerts = provider_pb2.InvokeRequest(tok="metafinops:index:getBudgetAlerts", args=struct({"budgetId": "bud_0"}))
        with pytest.raises(grpc.RpcError):  # an API error (404) on the way
            plugin.call("Invoke", alerts)
        log = plugin.stderr()
    assert log, "-v=9 logs something"
    assert api_server.api_key not in log


def test_without_a_key_api_calls_say_what_to_set(tmp_path: Path) -> None:
    with running_plugin(tmp_path) as plugin:
        plugin.call("Configure", provider_pb2.ConfigureRequest(args=struct({}), acceptSecrets=True))
        checked = plugin.checked(BUDGET, VALID_BUDGET)
        preview = plugin.call(  # a preview needs no key: it calls nothing
            "Create", provider_pb2.CreateRequest(urn=urn(BUDGET), type=BUDGET, properties=checked, preview=True)
        )
        assert plain(preview.properties)["createdAt"] == UNKNOWN
        with pytest.raises(grpc.RpcError) as raised:
            plugin.call("Create", provider_pb2.CreateRequest(urn=urn(BUDGET), type=BUDGET, properties=checked))
        assert raised.value.code() == grpc.StatusCode.FAILED_PRECONDITION
        assert "apiKey" in raised.value.details() and "METAFINOPS_API_KEY" in raised.value.details()


def test_diff_config_never_replaces(plugin: Plugin) -> None:
    olds = struct({"apiKey": secret("a"), "baseUrl": "http://127.0.0.1:1/v1", "version": "1.0.0"})
    same = plugin.call("DiffConfig", provider_pb2.DiffRequest(urn=provider_urn(), olds=olds, news=olds))
    assert same.changes == provider_pb2.DiffResponse.DIFF_NONE
    news = struct({"apiKey": secret("b"), "baseUrl": "http://127.0.0.1:2/v1", "maxRetries": "2"})
    changed = plugin.call("DiffConfig", provider_pb2.DiffRequest(urn=provider_urn(), olds=olds, news=news))
    assert changed.changes == provider_pb2.DiffResponse.DIFF_SOME
    assert set(changed.diffs) == {"apiKey", "baseUrl", "maxRetries"}
    assert not changed.replaces
    assert changed.detailedDiff["maxRetries"].kind == provider_pb2.PropertyDiff.ADD


def test_plugin_info_and_schema(plugin: Plugin) -> None:
    assert plugin.call("GetPluginInfo", empty()).version == "1.0.0"
    served = plugin.call("GetSchema", provider_pb2.GetSchemaRequest(version=0)).schema
    assert served == SCHEMA.read_text(encoding="utf-8")
    assert json.loads(served)["name"] == "metafinops"


def test_configure_and_cancel(tmp_path: Path, api_server: Any) -> None:
    """Configure announces secrets and previews; after Cancel no new API operation starts."""
    with running_plugin(tmp_path) as plugin:
        configured = plugin.configure(api_server.api_key, api_server.base_url)
        assert configured.acceptSecrets and configured.supportsPreview and not configured.acceptResources
        handshake = plugin.call("Handshake", provider_pb2.ProviderHandshakeRequest(engine_address="127.0.0.1:1"))
        assert handshake.accept_secrets
        plugin.call("Cancel", empty())
        with pytest.raises(grpc.RpcError) as raised:
            plugin.call("Invoke", provider_pb2.InvokeRequest(tok="metafinops:index:getCostSummary", args=struct({})))
        assert raised.value.code() == grpc.StatusCode.CANCELLED


def test_unknown_types_are_refused(plugin: Plugin) -> None:
    with pytest.raises(grpc.RpcError) as raised:
        plugin.check("metafinops:index:Dashboard", {})
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
