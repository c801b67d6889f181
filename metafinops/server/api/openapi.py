"""The OpenAPI document: FastAPI's, minus its default 422 entries (our errors are enveloped)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

__all__ = ["install_openapi"]

_DEFAULT_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")


def _is_default_422(response: Any) -> bool:
    return "#/components/schemas/HTTPValidationError" in str(response)


def install_openapi(app: FastAPI) -> None:
    """Serve a document whose error responses are the ones the API really sends.

    FastAPI documents a 422 ``HTTPValidationError`` on every route with parameters; ours answer
    query problems with a 400 envelope and body problems with a 422 envelope (declared per route).
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            for operations in document.get("paths", {}).values():
                for operation in operations.values():
                    responses = operation.get("responses", {})
                    if _is_default_422(responses.get("422")):
                        del responses["422"]
            schemas = document.get("components", {}).get("schemas", {})
            for name in _DEFAULT_ERROR_SCHEMAS:
                schemas.pop(name, None)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
