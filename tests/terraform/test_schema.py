"""``terraform providers schema -json`` lists every resource and data source, fully described."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from metafinops import catalog

from ._tf import Workspace


def _attributes(block: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for name, attribute in block.get("attributes", {}).items():
        yield prefix + name, attribute
        nested = attribute.get("nested_type")
        if nested:
            yield from _attributes(nested, f"{prefix}{name}.")


def test_schema_lists_everything_with_descriptions(workspace: Callable[[str], Workspace]) -> None:
    ws = workspace("schema")
    raw = ws.run("providers", "schema", "-json").stdout
    schema = json.loads(raw)["provider_schemas"]["registry.terraform.io/metafinops/metafinops"]

    assert set(schema["resource_schemas"]) == {r.type_name for r in catalog.RESOURCES}
    assert set(schema["data_source_schemas"]) == {d.type_name for d in catalog.DATA_SOURCES}
    assert len(schema["data_source_schemas"]) == 10

    blocks = {"provider": schema["provider"], **schema["resource_schemas"], **schema["data_source_schemas"]}
    for type_name, block_schema in blocks.items():
        block = block_schema["block"]
        assert block["description"] and block["description_kind"] == "markdown", type_name
        for name, attribute in _attributes(block):
            assert attribute.get("description"), f"{type_name}.{name} has no description"
            assert attribute["description_kind"] == "markdown"

    provider = dict(_attributes(schema["provider"]["block"]))
    assert provider["api_key"]["sensitive"] is True and provider["api_key"]["optional"] is True

    budget = dict(_attributes(schema["resource_schemas"]["metafinops_budget"]["block"]))
    assert budget["id"]["computed"] is True and not budget["id"].get("optional")
    assert budget["currency"]["optional"] and budget["currency"]["computed"]  # has a default
    assert budget["thresholds"]["nested_type"]["nesting_mode"] == "set"
    assert budget["filters"]["nested_type"]["nesting_mode"] == "single"
    assert budget["thresholds.basis"]["optional"] and budget["thresholds.basis"]["computed"]

    webhook = dict(_attributes(schema["resource_schemas"]["metafinops_webhook_subscription"]["block"]))
    assert webhook["secret_wo"]["write_only"] is True  # never stored or shown; see test_drift.py
    assert webhook["secret"]["sensitive"] is True and webhook["secret"]["computed"] is True
    assert not webhook["secret"].get("optional")

    data = dict(_attributes(schema["data_source_schemas"]["metafinops_cost_summary"]["block"]))
    assert data["services"]["nested_type"]["nesting_mode"] == "list"
    assert data["services.cost"]["computed"] is True
