"""Assertions on the v1 envelope shared by the server tests."""

from __future__ import annotations

import re
from typing import Any

import httpx

REQUEST_ID = re.compile(r"^req_[0-9a-z]+$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def _check_meta(response: httpx.Response, body: dict[str, Any]) -> None:
    meta = body["meta"]
    assert REQUEST_ID.match(meta["request_id"]), meta
    assert TIMESTAMP.match(meta["timestamp"]), meta
    assert response.headers["X-Request-Id"] == meta["request_id"]


def ok(response: httpx.Response, status: int = 200) -> Any:
    """Assert a success envelope with ``status``; return ``data``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "data", "meta"}, body
    assert body["status"] == "success"
    _check_meta(response, body)
    return body["data"]


def error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """Assert an error envelope with ``status`` and ``code``; return ``error``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"status", "error", "meta"}, body
    assert body["status"] == "error"
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)
    _check_meta(response, body)
    return dict(body["error"])


def fields(err: dict[str, Any]) -> set[str]:
    """The ``details[].field`` names of an error."""
    return {detail["field"] for detail in err["details"]}


def budget_body(**overrides: Any) -> dict[str, Any]:
    """A valid budget create body."""
    return {"name": "Prod", "amount": 5000, "period": "monthly", **overrides}


def list_all(client: httpx.Client, path: str) -> list[dict[str, Any]]:
    """Every item of a paginated list, walking ``next_cursor`` (bounded)."""
    items: list[dict[str, Any]] = []
    params: dict[str, str | int] = {"limit": 100}
    for _ in range(200):
        response = client.get(path, params=params)
        items += ok(response)
        cursor = response.json()["meta"]["pagination"]["next_cursor"]
        if cursor is None:
            return items
        params["starting_after"] = cursor
    raise AssertionError(f"{path}: pagination did not end within 200 pages")
