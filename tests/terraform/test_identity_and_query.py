"""Terraform 1.12+ features: resource identity (import by identity, identity in state) and
list resources (``terraform query``, 1.14+), through the real binary, plugin and API.

They run in ``scripts/test``'s Terraform 1.15 pass (``METAFINOPS_TERRAFORM``); on an older
Terraform they are skipped with the version that ran. The same resources keep working on
Terraform 1.11, which never sends or reads identities: the rest of ``tests/terraform``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from ._steps import assert_applied
from ._tf import TerraformError, Workspace, terraform_version

IDENTITY_VERSION = (1, 12)
QUERY_VERSION = (1, 14)

COLLECTIONS = {
    "metafinops_budget": "/budgets",
    "metafinops_alert_policy": "/alert-policies",
    "metafinops_webhook_subscription": "/webhooks",
}


def _needs(version: tuple[int, int], what: str) -> None:
    running = terraform_version()
    if running[:2] < version:
        wanted, ran = ".".join(map(str, version)), ".".join(map(str, running))
        pytest.skip(f"{what} needs Terraform >= {wanted}; this run uses {ran} (scripts/test's second run uses 1.15)")


def _create(api: httpx.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = api.post(path, json=body)
    assert response.status_code in (200, 201), response.text
    data: dict[str, Any] = response.json()["data"]
    return data


def _all_ids(api: httpx.Client, path: str) -> set[str]:
    """Every id the API lists under ``path``, following the cursor."""
    ids: set[str] = set()
    params: dict[str, Any] = {"limit": 100}
    for _ in range(100):
        body = api.get(path, params=params).json()
        ids |= {item["id"] for item in body["data"]}
        cursor = body["meta"]["pagination"]["next_cursor"]
        if not cursor:
            return ids
        params["starting_after"] = cursor
    raise AssertionError(f"{path}: more than 100 pages")


def _show(ws: Workspace) -> dict[str, dict[str, Any]]:
    """``terraform show -json``: root module resources by address."""
    shown = json.loads(ws.run("show", "-json").stdout)
    resources = shown.get("values", {}).get("root_module", {}).get("resources", [])
    return {r["address"]: r for r in resources}


def _query_results(output: str) -> Iterator[dict[str, Any]]:
    """The ``list_resource_found`` messages of ``terraform query -json``."""
    for line in output.splitlines():
        if line.strip().startswith("{"):
            message = json.loads(line)
            if message.get("type") == "list_resource_found":
                yield message["list_resource_found"]


def _budget_config(name: str) -> str:
    return f'resource "metafinops_budget" "b" {{\n  name   = "{name}"\n  amount = 250\n  period = "monthly"\n}}\n'


def test_import_by_identity_and_identity_in_state(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str
) -> None:
    _needs(IDENTITY_VERSION, "resource identity")
    name = f"tf-identity-{unique}"
    created = _create(api, "/budgets", {"name": name, "amount": 250, "period": "monthly"})
    budget_id = created["id"]

    ws = workspace("by-identity")
    ws.write(_budget_config(name))
    ws.write(
        f'import {{\n  to       = metafinops_budget.b\n  identity = {{ id = "{budget_id}" }}\n}}\n',
        "import.tf",
    )
    plan = ws.plan_output()
    assert "will be imported" in plan, plan
    assert_applied(ws.apply(), imported=1, added=0, changed=0, destroyed=0)

    state = ws.state()["metafinops_budget.b"]
    assert state["id"] == budget_id and state["name"] == name and state["amount"] == 250
    shown = _show(ws)["metafinops_budget.b"]
    assert shown["identity"] == {"id": budget_id}, shown
    assert shown["identity_schema_version"] == 0, shown
    assert ws.plan_exit_code() == 0, ws.outputs[-2]
    refresh = ws.run("plan", "-refresh-only", "-detailed-exitcode", ok_codes=(0, 2))
    assert "No changes." in refresh.stdout, refresh.stdout

    # an object Terraform creates has its identity in state too, and keeps it across updates
    created_ws = workspace("created")
    created_ws.write(_budget_config(f"{name}-tf"))
    assert_applied(created_ws.apply(), added=1, changed=0, destroyed=0)
    new_id = created_ws.state()["metafinops_budget.b"]["id"]
    assert _show(created_ws)["metafinops_budget.b"]["identity"] == {"id": new_id}
    created_ws.write(_budget_config(f"{name}-tf-renamed"))
    assert_applied(created_ws.apply(), added=0, changed=1, destroyed=0)
    assert _show(created_ws)["metafinops_budget.b"]["identity"] == {"id": new_id}
    created_ws.destroy()
    ws.destroy()


def test_import_by_identity_of_a_missing_object_fails_clearly(
    workspace: Callable[[str], Workspace], unique: str
) -> None:
    _needs(IDENTITY_VERSION, "resource identity")
    ws = workspace("missing")
    ws.write(_budget_config(f"tf-missing-{unique}"))
    ws.write('import {\n  to       = metafinops_budget.b\n  identity = { id = "bud_doesnotexist" }\n}\n', "import.tf")
    with pytest.raises(TerraformError) as failure:
        ws.plan_output()
    assert "Cannot import: no metafinops_budget with id bud_doesnotexist" in str(failure.value)
    assert not ws.state()


def test_terraform_query_lists_every_object_by_identity(
    workspace: Callable[[str], Workspace], api: httpx.Client, unique: str
) -> None:
    _needs(QUERY_VERSION, "terraform query")
    budget, *_ = [
        _create(api, "/budgets", {"name": f"tf-query-{unique}{suffix}", "amount": 10, "period": "monthly"})
        for suffix in ("", "-2", "-3")
    ]
    webhook = _create(
        api,
        "/webhooks",
        {"url": "https://hooks.test/q", "events": ["budget.threshold.reached"], "description": f"tf-query-{unique}"},
    )
    policy = _create(
        api,
        "/alert-policies",
        {"name": f"tf-query-{unique}", "type": "budget", "webhook_subscription_ids": [webhook["id"]]},
    )

    ws = workspace("query")
    ws.write(
        "".join(
            f'list "{type_name}" "all" {{\n  provider = metafinops\n  limit    = 1000\n}}\n'
            for type_name in COLLECTIONS
        ),
        "main.tfquery.hcl",
    )
    found = list(_query_results(ws.run("query", "-json").stdout))
    by_type: dict[str, dict[str, dict[str, Any]]] = {t: {} for t in COLLECTIONS}
    for result in found:
        by_type[result["resource_type"]][result["identity"]["id"]] = result

    # exactly what the API lists, each under its identity and label
    for type_name, path in COLLECTIONS.items():
        assert set(by_type[type_name]) == _all_ids(api, path), type_name
    assert by_type["metafinops_budget"][budget["id"]]["display_name"] == f"tf-query-{unique}"
    assert by_type["metafinops_alert_policy"][policy["id"]]["display_name"] == f"tf-query-{unique}"
    assert by_type["metafinops_webhook_subscription"][webhook["id"]]["display_name"] == f"tf-query-{unique}"

    # include_resource: the full state of each object, as an import would rebuild it
    ws.write(
        'list "metafinops_budget" "full" {\n  provider         = metafinops\n  include_resource = true\n'
        "  limit            = 1000\n}\n",
        "main.tfquery.hcl",
    )
    full = {r["identity"]["id"]: r for r in _query_results(ws.run("query", "-json").stdout)}
    state = full[budget["id"]]["resource_object"]
    assert state["name"] == f"tf-query-{unique}" and state["amount"] == 10 and state["currency"] == "USD", state

    # limit stops the stream (there are at least 3 budgets)
    ws.write('list "metafinops_budget" "two" {\n  provider = metafinops\n  limit    = 2\n}\n', "main.tfquery.hcl")
    assert len(list(_query_results(ws.run("query", "-json").stdout))) == 2
