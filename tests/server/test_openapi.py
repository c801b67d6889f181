"""The OpenAPI document is one generators and validators can trust (issue 10, item 5)."""

from __future__ import annotations

from typing import Any

import httpx

from metafinops.server.api.openapi import STANDARD_SCHEMA_KEYWORDS

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "dependentSchemas")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
_SCHEMA_VALUES = ("items", "not", "if", "then", "else", "additionalProperties", "contains", "propertyNames")


def _nonstandard(schema: Any, where: str) -> list[str]:
    """Keywords of ``schema`` (and its subschemas) that JSON Schema 2020-12 / OpenAPI 3.1 do not define."""
    if not isinstance(schema, dict):
        return []
    found = [f"{where}: {key}" for key in schema if key not in STANDARD_SCHEMA_KEYWORDS and not key.startswith("x-")]
    for key in _SCHEMA_MAPS:
        for name, sub in (schema.get(key) or {}).items():
            found += _nonstandard(sub, f"{where}.{key}.{name}")
    for key in _SCHEMA_LISTS:
        for index, sub in enumerate(schema.get(key) or []):
            found += _nonstandard(sub, f"{where}.{key}[{index}]")
    for key in _SCHEMA_VALUES:
        found += _nonstandard(schema.get(key), f"{where}.{key}")
    return found


def _all_schemas(document: dict[str, Any]) -> list[tuple[str, Any]]:
    schemas = [(f"components.schemas.{n}", s) for n, s in document["components"]["schemas"].items()]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                schemas.append((f"{method} {path} {parameter['name']}", parameter["schema"]))
    for name, header in document["components"]["headers"].items():
        schemas.append((f"headers.{name}", header["schema"]))
    return schemas


def test_only_standard_json_schema_keywords(api_server) -> None:
    document = httpx.get(f"{api_server.base_url}/openapi.json", timeout=10).json()
    problems = [problem for where, schema in _all_schemas(document) for problem in _nonstandard(schema, where)]
    assert problems == []
    amount = document["components"]["schemas"]["BudgetCreate"]["properties"]["amount"]
    assert amount["exclusiveMinimum"] == 0  # `amount: 0` is visibly invalid


def test_the_keyword_check_catches_pydantic_leftovers() -> None:
    assert _nonstandard({"type": "object", "properties": {"a": {"type": "number", "gt": 0}}}, "x") == [
        "x.properties.a: gt"
    ]


def test_servers_paths_ids_and_names(api_server) -> None:
    document = httpx.get(f"{api_server.base_url}/openapi.json", timeout=10).json()
    assert document["servers"][0]["url"] == "/v1"
    assert all(not path.startswith("/v1") for path in document["paths"])
    operation_ids = [op["operationId"] for ops in document["paths"].values() for op in ops.values()]
    assert len(set(operation_ids)) == len(operation_ids)
    assert "createBudget" in operation_ids and all("_" not in op_id for op_id in operation_ids)
    assert not [name for name in document["components"]["schemas"] if "_" in name]
    create = document["paths"]["/budgets"]["post"]["responses"]
    assert {"201", "400", "401", "403", "405", "409", "413", "422", "429", "500"} <= set(create)
    assert {"X-Request-Id", "X-RateLimit-Limit", "Idempotent-Replayed"} <= set(create["201"]["headers"])
    assert "Retry-After" in create["429"]["headers"]
    update = document["components"]["schemas"]["BudgetUpdate"]["properties"]
    assert ("anyOf" not in update["name"] and update["period"].get("enum")) or "$ref" in update["period"]
    public = document["components"]["schemas"]["BudgetPublic"]["properties"]
    assert public["period"].get("enum") == ["monthly", "quarterly", "annual"] or "$ref" in public["period"]
    cursor = {p["name"]: p for p in document["paths"]["/budgets"]["get"]["parameters"]}["starting_after"]
    assert "^bud_" in str(cursor["schema"])
    assert document["components"]["schemas"]["BudgetCreate"]["properties"]["currency"]["enum"]


def test_routes_stay_under_v1(api_server) -> None:
    with api_server.client() as client:
        assert client.get("/budgets").status_code == 200  # base_url ends in /v1
