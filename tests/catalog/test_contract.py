"""The tiers agree on the wire contract (issue 12): what ``plan`` accepts, the API accepts.

The catalog's validators are read from the declarations, the server's limits from its OpenAPI
document (standard JSON Schema keywords), the SDK's enums from its ``Literal`` types; all must
equal each other and ``metafinops._contract``. An attribute with a range, length or one-of
validator that has no counterpart here fails the test rather than being skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from typing import Any, get_args

import pytest

from metafinops import _contract, types
from metafinops.catalog import DATA_SOURCES, RESOURCES, validate
from metafinops.catalog._schema import Attribute, Resource
from metafinops.catalog.resources.budget import BUDGET
from metafinops.catalog.resources.webhook_subscription import WEBHOOK_SUBSCRIPTION
from metafinops.catalog.validators import Length, OneOf, Range
from metafinops.server.app import create_app

# Where each catalog declaration is sent: a request-body schema, or a GET's query parameters.
_BODY = {
    "metafinops_budget": "BudgetCreate",
    "metafinops_alert_policy": "AlertPolicyCreate",
    "metafinops_webhook_subscription": "WebhookCreate",
}
_QUERY = {"metafinops_anomalies": "/anomalies", "metafinops_gpu_idle": "/gpu/idle"}
# Filters the API does not take as a parameter (the catalog filters the rows): their choices
# must equal the values the API returns.
_RESPONSE = {("metafinops_recommendations", "type"): ("RecommendationPublic", "type")}
_WIRE_NAME = {"secret_wo": "secret"}  # both kinds of webhook secret are sent as `secret`
# Never sent to the API: a provider-side counter whose change triggers a rotation.
_CATALOG_ONLY = {"metafinops_webhook_subscription.secret_wo_version"}


@cache
def _openapi() -> dict[str, Any]:
    document: dict[str, Any] = create_app().openapi()
    return document


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` and drop the ``null`` branch of an optional value."""
    if "$ref" in schema:
        return _resolve(_openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]])
    options = [option for option in schema.get("anyOf", []) if option != {"type": "null"}]
    if len(options) == 1:
        return _resolve({**{k: v for k, v in schema.items() if k != "anyOf"}, **options[0]})
    return schema


def _component(name: str) -> dict[str, Any]:
    return _resolve({"$ref": f"#/components/schemas/{name}"})


def _query_parameter(path: str, name: str) -> dict[str, Any]:
    for parameter in _openapi()["paths"][path]["get"]["parameters"]:
        if parameter["name"] == name:
            return _resolve(parameter["schema"])
    raise AssertionError(f"GET {path} has no parameter {name}")


def _walk(
    attributes: tuple[Attribute, ...], schema: dict[str, Any], where: str
) -> Iterator[tuple[str, Attribute, dict[str, Any]]]:
    """Each validated catalog attribute with the server schema of the same field, recursively."""
    for attribute in attributes:
        checked = attribute.validators or attribute.element_validators
        nested = attribute.nested
        if (not checked and not nested) or f"{where}.{attribute.name}" in _CATALOG_ONLY:
            continue
        name = _WIRE_NAME.get(attribute.name, attribute.name)
        assert name in schema.get("properties", {}), f"{where}.{attribute.name}: the API has no field {name}"
        server = _resolve(schema["properties"][name])
        if checked:
            yield f"{where}.{attribute.name}", attribute, server
        if nested:
            inner = _resolve(server["items"]) if server.get("type") == "array" else server
            yield from _walk(nested, inner, f"{where}.{attribute.name}")


def _pairs() -> list[tuple[str, Attribute, dict[str, Any]]]:
    pairs = []
    for resource in RESOURCES:
        body = _component(_BODY[resource.type_name])
        walked: dict[str, tuple[str, Attribute, dict[str, Any]]] = {}
        for projected in (resource.for_terraform(), resource.for_pulumi()):  # `secret_wo` and `secret`
            for pair in _walk(projected.attributes, body, resource.type_name):
                walked.setdefault(pair[0], pair)
        pairs += walked.values()
    for source in DATA_SOURCES:
        for attribute in source.attributes:
            if not any(isinstance(v, (Range, Length, OneOf)) for v in attribute.validators):
                continue
            where = f"{source.type_name}.{attribute.name}"
            if (source.type_name, attribute.name) in _RESPONSE:
                component, field = _RESPONSE[(source.type_name, attribute.name)]
                pairs.append((where, attribute, _resolve(_component(component)["properties"][field])))
            else:
                assert source.type_name in _QUERY, f"{where}: say where the API checks this value"
                pairs.append((where, attribute, _query_parameter(_QUERY[source.type_name], attribute.name)))
    return pairs


def _expected(validator: object, server: dict[str, Any], *, of_items: bool) -> tuple[object, object]:
    """(what the catalog says, what the API says) for one validator, in the same shape."""
    if isinstance(validator, Range):
        low = "exclusiveMinimum" if validator.exclusive_minimum else "minimum"
        catalog = {low: validator.minimum, "maximum": validator.maximum}
        return catalog, {low: server.get(low), "maximum": server.get("maximum")}
    if isinstance(validator, Length):
        low, high = (
            ("minItems", "maxItems") if server.get("type") == "array" and not of_items else ("minLength", "maxLength")
        )
        return (validator.minimum, validator.maximum), (server.get(low, 0), server.get(high))
    if isinstance(validator, OneOf):
        return sorted(validator.choices), sorted(server.get("enum", []))
    return None, None  # Integer, DateString, Currency, Email, WebhookUrl: checked by other tests


PAIRS = _pairs()


@pytest.mark.parametrize(("where", "attribute", "server"), PAIRS, ids=[p[0] for p in PAIRS])
def test_catalog_bounds_and_choices_equal_the_servers(where: str, attribute: Attribute, server: dict[str, Any]) -> None:
    for validator in attribute.validators:
        catalog, api = _expected(validator, server, of_items=False)
        assert catalog == api, f"{where}: catalog {catalog} != API {api}"
    items = _resolve(server.get("items", {}))
    for validator in attribute.element_validators:
        catalog, api = _expected(validator, items, of_items=True)
        assert catalog == api, f"{where}[]: catalog {catalog} != API {api}"


def test_every_limited_attribute_is_compared() -> None:
    """The comparison covers the attributes that carry the contract's limits (no silent skip)."""
    compared = {where for where, _, _ in PAIRS}
    for where in (
        "metafinops_budget.amount",
        "metafinops_budget.thresholds.percent",
        "metafinops_budget.thresholds.basis",
        "metafinops_budget.period",
        "metafinops_alert_policy.type",
        "metafinops_alert_policy.conditions.min_severity",
        "metafinops_webhook_subscription.events",
        "metafinops_webhook_subscription.secret_wo",
        "metafinops_webhook_subscription.secret",
        "metafinops_anomalies.min_severity",
        "metafinops_recommendations.type",
    ):
        assert where in compared


@pytest.mark.parametrize(
    ("sdk", "contract"),
    [
        (types.BudgetPeriod, _contract.BUDGET_PERIODS),
        (types.ThresholdBasis, _contract.THRESHOLD_BASES),
        (types.AlertPolicyType, _contract.POLICY_TYPES),
        (types.Severity, _contract.SEVERITIES),
        (types.EventType, _contract.EVENT_TYPES),
    ],
    ids=["BudgetPeriod", "ThresholdBasis", "AlertPolicyType", "Severity", "EventType"],
)
def test_sdk_literals_equal_the_contract(sdk: object, contract: tuple[str, ...]) -> None:
    assert get_args(sdk) == contract


def test_conditions_by_type_name_real_condition_fields() -> None:
    """Every condition the table allows is a field of the API's conditions object, and each
    field belongs to some type."""
    fields = set(_component("AlertConditions")["properties"])
    allowed = {name for names in _contract.CONDITIONS_BY_TYPE.values() for name in names}
    assert allowed == fields
    assert set(_contract.CONDITIONS_BY_TYPE) == set(_contract.POLICY_TYPES)


# --- the two drifts issue 12 found: plan accepted what apply then refused with a 422 ----------

BUDGET_CONFIG = {"name": "prod", "amount": 2000, "period": "monthly"}
WEBHOOK_CONFIG = {"url": "https://hooks.example.com/finops", "events": ["report.generated"]}


def test_an_amount_above_the_servers_cap_fails_validation() -> None:
    assert validate(BUDGET.for_terraform(), {**BUDGET_CONFIG, "amount": _contract.AMOUNT_MAX}) == []
    problems = validate(BUDGET.for_terraform(), {**BUDGET_CONFIG, "amount": 2e15})
    assert [p.path for p in problems] == [("amount",)]


@pytest.mark.parametrize(
    ("projected", "attribute"),
    [(WEBHOOK_SUBSCRIPTION.for_terraform(), "secret_wo"), (WEBHOOK_SUBSCRIPTION.for_pulumi(), "secret")],
    ids=["terraform", "pulumi"],
)
def test_a_secret_longer_than_the_server_takes_fails_validation(projected: Resource, attribute: str) -> None:
    fits = validate(projected, {**WEBHOOK_CONFIG, attribute: "s" * _contract.SECRET_MAX})
    assert fits == []
    problems = validate(projected, {**WEBHOOK_CONFIG, attribute: "s" * 300})
    assert [p.path for p in problems] == [(attribute,)]


def test_the_servers_per_value_tables_cover_the_contracts_values() -> None:
    """Tables keyed by an enum (not copies of it, but they must name every value and no other)."""
    from metafinops.server.dashboard.routes import _SAMPLE_DATA, sample_event_data
    from metafinops.server.events.budgets import PERIOD_MONTHS
    from metafinops.server.events.routing import POLICY_KINDS

    assert set(POLICY_KINDS) == set(_contract.EVENT_TYPES)
    assert sorted(kind for kinds in POLICY_KINDS.values() for kind in kinds) == sorted(_contract.POLICY_TYPES)
    assert set(_SAMPLE_DATA) == set(_contract.EVENT_TYPES)
    for event_type in _contract.EVENT_TYPES:
        assert sample_event_data(event_type, datetime.now(UTC))["test"] is True
    assert set(PERIOD_MONTHS) == set(_contract.BUDGET_PERIODS)
