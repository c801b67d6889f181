"""The catalog states each attribute once and projects it per provider; request bodies follow
from the attributes (issue 12, items 3 and 4)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from metafinops import catalog
from metafinops.catalog import UNKNOWN, plan, validate
from metafinops.catalog._projections import WriteOnlyInTerraform
from metafinops.catalog._rest import RestOperations
from metafinops.catalog.resources.alert_policy import ALERT_POLICY
from metafinops.catalog.resources.budget import BUDGET
from metafinops.catalog.resources.webhook_subscription import SECRET, WEBHOOK_SUBSCRIPTION

CATALOG = Path(catalog.__file__).parent

# --- item 3: per-provider projection instead of branches --------------------------------------


def test_no_shared_catalog_code_asks_which_provider_it_serves() -> None:
    branches = [
        f"{path.relative_to(CATALOG)}:{number}: {line.strip()}"
        for path in sorted(CATALOG.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"provider\s*==|==\s*\"(terraform|pulumi)\"|\bonly=|pulumi_input", line)
    ]
    assert branches == []


def test_terraform_takes_the_secret_write_only_with_a_version() -> None:
    attributes = {a.name: a for a in WEBHOOK_SUBSCRIPTION.for_terraform().attributes}
    written, version, secret = attributes["secret_wo"], attributes["secret_wo_version"], attributes["secret"]
    assert written.optional and written.write_only and not written.sensitive  # see test_drift.py
    assert written.validators == SECRET.validators
    assert version.optional and version.type.kind == "number" and not version.write_only
    assert secret.computed and not secret.is_input and secret.sensitive and secret.shown_once
    assert secret.recompute_when == ("secret_wo_version",)
    assert all(a.projection is None for a in attributes.values())


def test_pulumi_takes_the_secret_as_a_secret_input_and_output() -> None:
    attributes = {a.name: a for a in WEBHOOK_SUBSCRIPTION.for_pulumi().attributes}
    assert "secret_wo" not in attributes and "secret_wo_version" not in attributes
    secret = attributes["secret"]
    assert secret.optional and secret.computed and secret.sensitive and not secret.write_only
    assert secret.projection is None and secret.recompute_when == ()


@pytest.mark.parametrize("resource", [BUDGET, ALERT_POLICY], ids=lambda r: r.type_name)
def test_a_resource_without_projections_is_the_same_for_both(resource: catalog.Resource) -> None:
    assert resource.for_terraform().attributes == resource.attributes == resource.for_pulumi().attributes
    assert resource.for_terraform() is resource.for_terraform()  # projected once


def test_a_configured_secret_is_an_error_in_terraform_and_an_input_in_pulumi() -> None:
    config = {"url": "https://hooks.example.com/x", "events": ["report.generated"], "secret": "s" * 30}
    problems = validate(WEBHOOK_SUBSCRIPTION.for_terraform(), config)
    assert [(p.summary, p.path) for p in problems] == [("secret is read-only", ("secret",))]
    assert validate(WEBHOOK_SUBSCRIPTION.for_pulumi(), config) == []
    planned = plan(WEBHOOK_SUBSCRIPTION.for_pulumi(), None, config).planned
    assert planned["secret"] == "s" * 30
    assert plan(WEBHOOK_SUBSCRIPTION.for_pulumi(), None, {**config, "secret": None}).planned["secret"] is UNKNOWN


PROJECTION = WriteOnlyInTerraform(write_only_description="w", version_description="v")


@pytest.mark.parametrize(
    ("prior", "planned", "expected"),
    [
        ({}, {}, (False, None)),
        ({"secret_wo_version": 1}, {"secret_wo_version": 1, "secret_wo": "a" * 24}, (False, None)),
        ({"secret_wo_version": 1}, {"secret_wo_version": 2}, (True, None)),  # generate a new one
        ({"secret_wo_version": 1}, {"secret_wo_version": 2, "secret_wo": "b" * 24}, (True, "b" * 24)),
        ({"secret_wo_version": 1}, {"secret_wo_version": None}, (False, None)),  # version dropped
        ({"secret": "a" * 24}, {"secret": "a" * 24}, (False, None)),
        ({"secret": "a" * 24}, {"secret": "c" * 24}, (True, "c" * 24)),  # Pulumi: a new value
        ({"secret": "a" * 24}, {"secret": None}, (False, None)),  # Pulumi: unset keeps the secret
    ],
)
def test_when_a_secret_is_rotated(prior: dict[str, Any], planned: dict[str, Any], expected: tuple[bool, Any]) -> None:
    assert PROJECTION.rotation(SECRET, prior, planned) == expected


def test_a_write_only_secret_never_reaches_state() -> None:
    assert PROJECTION.supplied(SECRET, {"secret_wo": "w" * 24}) == "w" * 24
    assert PROJECTION.supplied(SECRET, {"secret": "p" * 24}) == "p" * 24
    assert PROJECTION.stored(SECRET, {"secret_wo": "w" * 24}, "w" * 24) is None
    assert PROJECTION.stored(SECRET, {"secret": "p" * 24}, "p" * 24) == "p" * 24


# --- item 4: request bodies derived from the attributes ---------------------------------------


@pytest.mark.parametrize(
    ("resource", "create", "update"),
    [
        (
            BUDGET,
            ("name", "amount", "currency", "period", "start_date", "filters", "thresholds"),
            ("name", "amount", "period", "start_date", "filters", "thresholds"),  # currency forces a new one
        ),
        (
            ALERT_POLICY,
            ("name", "type", "enabled", "cooldown_minutes", "conditions", "webhook_subscription_ids", "emails"),
            ("name", "enabled", "cooldown_minutes", "conditions", "webhook_subscription_ids", "emails"),
        ),
        # the secret goes its own way (create body or rotation), through its projection
        (
            WEBHOOK_SUBSCRIPTION,
            ("url", "events", "description", "enabled"),
            ("url", "events", "description", "enabled"),
        ),
    ],
    ids=lambda value: getattr(value, "type_name", ""),
)
def test_request_fields_follow_from_the_attributes(
    resource: catalog.Resource, create: tuple[str, ...], update: tuple[str, ...]
) -> None:
    operations = resource.operations
    assert isinstance(operations, RestOperations)
    assert operations.attributes == resource.attributes
    assert operations.create_fields == create
    assert operations.update_fields == update


def test_a_read_leaves_out_what_the_api_shows_only_once() -> None:
    operations = WEBHOOK_SUBSCRIPTION.operations
    assert isinstance(operations, RestOperations)
    assert "secret" not in operations._as_read({"id": "whk_1", "secret": None})
    assert operations._as_read({"id": "whk_1", "secret": "whsec_x"})["secret"] == "whsec_x"
