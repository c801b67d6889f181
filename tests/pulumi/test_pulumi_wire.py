"""Unit tests of the translation layer (``pulumi_metafinops.plugin._wire``): no process, no server."""

from __future__ import annotations

import pytest
from _pulumi_plugin import SECRET, SIG, UNKNOWN, plain, secret, struct

from metafinops import catalog
from metafinops.catalog import UNKNOWN as CATALOG_UNKNOWN
from pulumi_metafinops.plugin._naming import camel_case, pulumi_text
from pulumi_metafinops.plugin._wire import UnsupportedValue, decode, encode, property_path

BUDGET = catalog.resource("metafinops_budget").for_pulumi().attributes
WEBHOOK = catalog.resource("metafinops_webhook_subscription").for_pulumi().attributes


def test_names() -> None:
    assert camel_case("start_date") == "startDate"
    assert camel_case("cost_per_1k_tokens") == "costPer1kTokens"
    assert camel_case("kgco2e") == "kgco2e"
    names = {"cooldown_minutes", "idle_minutes"}
    text = "cooldown_minutes, idle_minutes, cost_anomaly"
    assert pulumi_text(text, names) == "cooldownMinutes, idleMinutes, cost_anomaly"


def test_decode_renames_by_type_and_leaves_map_keys_alone() -> None:
    decoded = decode(
        struct(
            {
                "startDate": "2026-01-01",
                "amount": 1500.0,
                "filters": {"tags": {"cost_center": "x"}, "services": ["aws-ec2"]},
                "thresholds": [{"percent": 80.5, "basis": "actual"}],
            }
        ),
        BUDGET,
    )
    assert decoded.values == {
        "start_date": "2026-01-01",
        "amount": 1500,
        "filters": {"tags": {"cost_center": "x"}, "services": ["aws-ec2"]},
        "thresholds": [{"percent": 80.5, "basis": "actual"}],
    }
    assert isinstance(decoded.values["amount"], int)
    assert not decoded.secrets and not decoded.unsupported


def test_decode_unknowns_secrets_and_strangers() -> None:
    decoded = decode(
        struct(
            {
                "name": secret("hidden"),
                "amount": UNKNOWN,
                "filters": {"tags": {"a": secret("b")}, "colour": "red"},
                "size": 3,
            }
        ),
        BUDGET,
    )
    assert decoded.values["name"] == "hidden"
    assert decoded.values["amount"] is CATALOG_UNKNOWN
    assert decoded.values["filters"] == {"tags": {"a": "b"}}
    assert decoded.secrets == {"name", "filters"}
    assert sorted(path for path, _ in decoded.unsupported) == ["filters.colour", "size"]


def test_decode_output_values_and_references() -> None:
    output_value = {SIG: "d0e6a833031e9bbcd3f4e8bde6ca49a4", "value": "x", "secret": True}
    unknown_output = {SIG: "d0e6a833031e9bbcd3f4e8bde6ca49a4", "dependencies": ["urn:a"]}
    reference = {SIG: "5cf8f73096256a8f31e491e813e4eb8e", "urn": "urn:b", "id": "whk_1"}
    decoded = decode(struct({"url": output_value, "description": unknown_output, "events": [reference]}), WEBHOOK)
    assert decoded.values == {"url": "x", "description": CATALOG_UNKNOWN, "events": ["whk_1"]}
    assert decoded.secrets == {"url"}
    with pytest.raises(UnsupportedValue):
        decode(struct({"url": {SIG: "c44067f5952c0a294b673a41bacd8c17", "path": "/etc/passwd"}}), WEBHOOK)


def test_encode() -> None:
    wire = plain(
        encode(
            WEBHOOK,
            {
                "url": "https://x",
                "events": ["report.generated"],
                "description": None,
                "secret": "s3",
                "created_at": CATALOG_UNKNOWN,
            },
            secrets={"url"},
        )
    )
    assert wire == {
        "url": {SIG: SECRET, "value": "https://x"},
        "events": ["report.generated"],
        "secret": {SIG: SECRET, "value": "s3"},  # sensitive: always a secret
        "createdAt": UNKNOWN,
    }
    nested = plain(encode(BUDGET, {"filters": {"tags": {"my_tag": "v"}, "services": None}, "thresholds": None}))
    assert nested == {"filters": {"tags": {"my_tag": "v"}}}


def test_property_paths() -> None:
    assert property_path(BUDGET, ("thresholds", 0, "percent")) == "thresholds[0].percent"
    assert property_path(BUDGET, ("filters", "tags", "my.tag")) == 'filters.tags["my.tag"]'
    assert property_path(BUDGET, ("start_date",)) == "startDate"
    policy = catalog.resource("metafinops_alert_policy").for_pulumi().attributes
    assert property_path(policy, ("conditions", "min_severity")) == "conditions.minSeverity"
    assert property_path(policy, ("emails", 2)) == "emails[2]"
    assert property_path(BUDGET, ()) == ""
