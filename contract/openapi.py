"""The API's operations as ``/v1/openapi.json`` lists them, and which of them a list of calls misses.

Paths are taken relative to the ``/v1`` base URL whether the document writes them in full
(``/v1/budgets``) or under ``servers: [{"url": "/v1"}]`` (``/budgets``). The Node and Go
suites do the same in their languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

import httpx

HTTP_METHODS = ("get", "put", "post", "patch", "delete")


def openapi_operations(base_url: str) -> list[tuple[str, str]]:
    """``[("GET", "/budgets/{budget_id}"), …]`` from the server's OpenAPI document."""
    document = httpx.get(f"{base_url}/openapi.json", timeout=30).raise_for_status().json()
    servers = document.get("servers") or [{"url": ""}]
    prefix = urlparse(servers[0].get("url", "")).path.rstrip("/")
    operations = []
    for path, item in document["paths"].items():
        full = (prefix + path).removeprefix("/v1")
        operations += [(method.upper(), full) for method in HTTP_METHODS if method in item]
    return operations


def uncovered(operations: Iterable[tuple[str, str]], calls: Iterable[tuple[str, str]]) -> list[str]:
    """The operations no call matched (a ``{param}`` matches one path segment)."""
    made = list(calls)
    missing = []
    for method, template in operations:
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
        if not any(m == method and pattern.match(path) for m, path in made):
            missing.append(f"{method} {template}")
    return missing
