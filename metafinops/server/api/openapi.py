"""The OpenAPI document, shaped for client generators and validators.

FastAPI's document is adjusted once, when first asked for:

- ``servers`` carries the ``/v1`` base (relative, so it works on any host and port; and the
  hosted API), and paths are relative to it: ``/budgets``, not ``/v1/budgets`` — a generated
  client whose base URL ends in ``/v1`` would otherwise call ``/v1/v1/budgets``. The routes
  themselves stay at ``/v1/...``.
- operationIds are the route names in camelCase (``createBudget``), not FastAPI's
  ``create_budget_v1_budgets_post``; envelope schemas are ``BudgetPublicEnvelope`` and
  ``BudgetPublicListEnvelope``, not ``Envelope_BudgetPublic_``.
- Every response declares the headers the server really sends (``X-Request-Id``; the
  ``X-RateLimit-*`` trio on authenticated operations; ``Retry-After`` on 429 and 409;
  ``Idempotent-Replayed`` on successful writes; ``Allow`` on 405), and every operation declares
  the 403, 405, 413 and 500 error envelopes it can answer with.
- FastAPI's default 422 ``HTTPValidationError`` entries go: query problems are a 400 envelope and
  body problems a 422 envelope, declared per route.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

__all__ = ["API_PREFIX", "STANDARD_SCHEMA_KEYWORDS", "install_openapi", "operation_id"]

API_PREFIX = "/v1"
HOSTED_BASE_URL = "https://api.metafinops.com/v1"
_DEFAULT_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")
_WRITE_METHODS = ("post", "put", "patch", "delete")
_ERROR_REF = {"$ref": "#/components/schemas/ErrorEnvelope"}
_ALWAYS_POSSIBLE = {
    "403": "The key may not do this.",
    "405": "The path does not support this method (see `Allow`).",
    "413": "The request body is over the size cap (10 MiB).",
    "500": "An unexpected server error (never on purpose).",
}

# The JSON Schema 2020-12 keywords (and OpenAPI 3.1's additions) a schema may use; anything else
# (such as pydantic's "gt"/"le") is invisible to validators and generators. Tests check against it.
STANDARD_SCHEMA_KEYWORDS = frozenset(
    {
        "$ref", "$defs", "$schema", "$id", "$anchor", "$comment", "$dynamicRef", "$dynamicAnchor", "$vocabulary",
        "type", "enum", "const", "title", "description", "default", "examples", "deprecated", "readOnly",
        "writeOnly", "format", "multipleOf", "maximum", "exclusiveMaximum", "minimum", "exclusiveMinimum",
        "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxContains", "minContains",
        "maxProperties", "minProperties", "required", "dependentRequired", "items", "prefixItems", "contains",
        "properties", "patternProperties", "additionalProperties", "propertyNames", "unevaluatedItems",
        "unevaluatedProperties", "dependentSchemas", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
        "contentEncoding", "contentMediaType", "contentSchema",
        "discriminator", "xml", "externalDocs", "example",
    }
)  # fmt: skip

_HEADERS: dict[str, dict[str, Any]] = {
    "X-Request-Id": {
        "description": "The request's id (`meta.request_id`); a well-formed incoming `X-Request-Id` is kept.",
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"},
    },
    "X-RateLimit-Limit": {
        "description": "Requests allowed per window for the key's plan.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "X-RateLimit-Remaining": {
        "description": "Requests left in the current window.",
        "schema": {"type": "integer", "minimum": 0},
    },
    "X-RateLimit-Reset": {
        "description": "Whole seconds until the window resets.",
        "schema": {"type": "integer", "minimum": 1},
    },
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer", "minimum": 0}},
    "Idempotent-Replayed": {
        "description": "`true` when this is the stored response of an earlier request with the same Idempotency-Key.",
        "schema": {"type": "string", "enum": ["true"]},
    },
    "Allow": {"description": "The methods the path supports.", "schema": {"type": "string"}},
    "WWW-Authenticate": {"description": "`Bearer`.", "schema": {"type": "string"}},
}


def operation_id(route: APIRoute) -> str:
    """``create_budget`` → ``createBudget``."""
    first, *rest = route.name.split("_")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def _header_ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/headers/{name}"}


def _rename_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """``Envelope_BudgetPublic_`` → ``BudgetPublicEnvelope``, ``ListEnvelope_X_`` → ``XListEnvelope``."""
    text = json.dumps(document)
    text = re.sub(r"\bListEnvelope_(\w+?)_\b", r"\1ListEnvelope", text)
    text = re.sub(r"\bEnvelope_(\w+?)_\b", r"\1Envelope", text)
    renamed: dict[str, Any] = json.loads(text)
    return renamed


def _declare(operation: dict[str, Any], method: str) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    for status, description in _ALWAYS_POSSIBLE.items():
        responses.setdefault(
            status, {"description": description, "content": {"application/json": {"schema": _ERROR_REF}}}
        )
    authenticated = bool(operation.get("security"))
    for status, response in responses.items():
        headers = response.setdefault("headers", {})
        headers["X-Request-Id"] = _header_ref("X-Request-Id")
        if authenticated and status != "401":
            for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
                headers[name] = _header_ref(name)
        if status == "401":
            headers["WWW-Authenticate"] = _header_ref("WWW-Authenticate")
        if status in ("409", "429"):
            headers["Retry-After"] = _header_ref("Retry-After")
        if status == "405":
            headers["Allow"] = _header_ref("Allow")
        if method in _WRITE_METHODS and status.startswith("2"):
            headers["Idempotent-Replayed"] = _header_ref("Idempotent-Replayed")


def shape_document(document: dict[str, Any]) -> dict[str, Any]:
    """FastAPI's document → the published one (see the module docstring)."""
    paths: dict[str, Any] = {}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.get("responses", {})
            if "#/components/schemas/HTTPValidationError" in str(responses.get("422")):
                del responses["422"]
            _declare(operation, method)
        paths[path.removeprefix(API_PREFIX) or "/"] = operations
    document["paths"] = paths
    document["servers"] = [
        {"url": API_PREFIX, "description": "This server (relative to the document's own address)."},
        {"url": HOSTED_BASE_URL, "description": "The hosted MetaFinOps API."},
    ]
    components = document.setdefault("components", {})
    for name in _DEFAULT_ERROR_SCHEMAS:
        components.get("schemas", {}).pop(name, None)
    components["headers"] = _HEADERS
    return _rename_schemas(document)


def install_openapi(app: FastAPI) -> None:
    """Serve the shaped document at ``app.openapi_url``."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = shape_document(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
