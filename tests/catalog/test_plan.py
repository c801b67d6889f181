"""The catalog's plan, validation and equality rules (pure logic, no server needed)."""

from __future__ import annotations

from metafinops import catalog
from metafinops.catalog import UNKNOWN, equivalent, plan, reconcile, validate
from metafinops.catalog._schema import NUMBER, set_of
from metafinops.catalog.resources.alert_policy import ALERT_POLICY
from metafinops.catalog.resources.budget import BUDGET, THRESHOLD
from metafinops.catalog.resources.webhook_subscription import WEBHOOK_SUBSCRIPTION

BUDGET_CONFIG = {
    "name": "prod",
    "amount": 2000,
    "period": "monthly",
    "thresholds": [{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
}


def test_create_plan_applies_defaults_and_leaves_computed_unknown() -> None:
    result = plan(BUDGET.for_terraform(), None, BUDGET_CONFIG)
    planned = result.planned
    assert planned["currency"] == "USD"
    assert planned["id"] is UNKNOWN and planned["created_at"] is UNKNOWN
    assert planned["start_date"] is UNKNOWN  # optional + computed, not configured
    assert {"percent": 80, "basis": "actual"} in planned["thresholds"]
    assert result.requires_replace == []


def test_plan_against_equal_state_changes_nothing() -> None:
    prior = {
        "id": "bud_1",
        "name": "prod",
        "amount": 2000.0,
        "currency": "USD",
        "period": "monthly",
        "start_date": "2026-11-01",
        "filters": None,
        "thresholds": [{"percent": 100.0, "basis": "forecasted"}, {"percent": 80.0, "basis": "actual"}],
        "created_at": "2026-11-27T00:00:00Z",
    }
    result = plan(BUDGET.for_terraform(), prior, BUDGET_CONFIG)
    assert result.changed == []
    assert result.planned == prior  # prior representation kept: 2000 == 2000.0, sets in any order


def test_force_new_attribute_requires_replace() -> None:
    prior = plan(BUDGET.for_terraform(), None, BUDGET_CONFIG).planned | {"id": "bud_1", "created_at": "x"}
    result = plan(BUDGET.for_terraform(), prior, {**BUDGET_CONFIG, "currency": "EUR"})
    assert result.requires_replace == [("currency",)]
    in_place = plan(BUDGET.for_terraform(), prior, {**BUDGET_CONFIG, "amount": 3000})
    assert in_place.changed == ["amount"] and in_place.requires_replace == []


def test_validation_names_the_attribute() -> None:
    problems = validate(
        BUDGET.for_terraform(),
        {**BUDGET_CONFIG, "amount": 0, "currency": "usd", "period": "weekly", "thresholds": [{"percent": 1001}]},
    )
    paths = {p.path for p in problems}
    assert paths == {("amount",), ("currency",), ("period",), ("thresholds", 0, "percent")}


def test_unknown_values_are_not_validated() -> None:
    assert validate(BUDGET.for_terraform(), {**BUDGET_CONFIG, "amount": UNKNOWN}) == []


def test_alert_policy_condition_must_fit_type() -> None:
    config = {"name": "p", "type": "budget", "conditions": {"idle_minutes": 5}}
    problems = validate(ALERT_POLICY.for_terraform(), config)
    assert [p.path for p in problems] == [("conditions", "idle_minutes")]


def test_duplicate_set_elements_rejected() -> None:
    problems = validate(BUDGET.for_pulumi(), {**BUDGET_CONFIG, "thresholds": [{"percent": 80}, {"percent": 80.0}]})
    assert problems and problems[0].path == ("thresholds", 1)


def test_equivalence_rules() -> None:
    assert equivalent(NUMBER, 2000, 2000.0)
    assert equivalent(set_of(NUMBER), [1, 2], [2.0, 1.0])
    assert equivalent(set_of(NUMBER), None, [])
    assert not equivalent(set_of(THRESHOLD), [{"percent": 1, "basis": "actual"}], [])


def test_reconcile_keeps_prior_representation_and_null_for_empty() -> None:
    prior = {"name": "prod", "amount": 2000, "filters": None, "thresholds": None}
    fresh = {
        "name": "prod",
        "amount": 2000.0,
        "filters": {"services": [], "accounts": [], "providers": [], "models": [], "tags": {}},
        "thresholds": [],
        "extra": "ignored",
    }
    state = reconcile(BUDGET.attributes, prior, fresh)
    assert state["amount"] == 2000 and state["filters"] is None and state["thresholds"] is None
    assert "extra" not in state


def test_write_only_never_planned_or_stored_and_version_bump_recomputes_secret() -> None:
    config = {
        "url": "https://hooks.corp.test/x",
        "events": ["report.generated"],
        "secret_wo": "s" * 30,
        "secret_wo_version": 1,
    }
    terraform = WEBHOOK_SUBSCRIPTION.for_terraform()
    planned = plan(terraform, None, config).planned
    assert planned["secret_wo"] is None
    state = reconcile(terraform.attributes, planned, {**planned, "secret_wo": "s" * 30, "id": "whk_1"})
    assert state["secret_wo"] is None
    prior = {**state, "secret": None, "created_at": "x", "enabled": True}
    bumped = plan(terraform, prior, {**config, "secret_wo_version": 2})
    assert bumped.planned["secret"] is UNKNOWN and bumped.requires_replace == []


def test_pulumi_has_no_write_only_attributes() -> None:
    names = {a.name for a in WEBHOOK_SUBSCRIPTION.for_pulumi().attributes}
    assert "secret_wo" not in names and "secret" in names


def test_every_attribute_has_a_description() -> None:
    def walk(attributes: tuple[catalog.Attribute, ...]) -> None:
        for attribute in attributes:
            assert attribute.description.strip(), attribute.name
            walk(attribute.nested)

    for declaration in (*catalog.RESOURCES, *catalog.DATA_SOURCES):
        assert declaration.description
        walk(declaration.attributes)
    walk(catalog.PROVIDER_CONFIG.attributes)


def test_plan_keeps_configured_empty_collection() -> None:
    """Terraform demands planned == config for non-computed values: [] must not become null."""
    prior = plan(BUDGET.for_terraform(), None, BUDGET_CONFIG).planned | {"id": "bud_1", "created_at": "x"}
    result = plan(BUDGET.for_terraform(), prior, {**BUDGET_CONFIG, "filters": {"services": []}})
    assert result.planned["filters"]["services"] == []


def test_many_refreshes_are_answered_by_one_listing() -> None:
    """After a few single reads, one listing answers the refreshes of a type; ids it lacks are
    still fetched one by one (so a deletion is confirmed, never assumed)."""
    from metafinops.catalog import _lifecycle as lifecycle
    from metafinops.catalog._rest import RestOperations
    from metafinops.catalog._schema import Resource

    calls: list[str] = []

    class Ops(RestOperations):
        def read(self, client: object, object_id: str) -> dict[str, object] | None:  # type: ignore[override]
            calls.append(f"get {object_id}")
            return None if object_id == "bud_gone" else {"id": object_id, "name": "n"}

        def list_all(self, client: object) -> list[dict[str, object]]:  # type: ignore[override]
            calls.append("list")
            return [{"id": f"bud_{i}", "name": "n"} for i in range(50)]

    resource = Resource("metafinops_x", "X", "x", BUDGET.attributes, Ops("budgets", BUDGET.attributes))

    class FakeClient:  # stands in for metafinops.Client: only identity matters to the cache
        pass

    client = FakeClient()
    for i in range(50):
        assert lifecycle.read(resource, client, {"id": f"bud_{i}"}) is not None  # type: ignore[arg-type]
    assert lifecycle.read(resource, client, {"id": "bud_gone"}) is None  # type: ignore[arg-type]
    assert calls.count("list") == 1
    assert len([c for c in calls if c.startswith("get")]) == lifecycle.READS_BEFORE_LISTING + 1
