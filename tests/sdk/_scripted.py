"""A scripted httpx transport for the few unit tests the real server cannot serve.

The real server never answers 503 or drops a connection on demand, so the retry loop's
count of attempts, its waits and its reuse of one idempotency key are checked here against
answers we script. Everything else runs against the real ``metafinops serve``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import httpx

Answer = httpx.Response | Exception


def envelope(data: Any, *, request_id: str = "req_test", pagination: dict[str, Any] | None = None) -> dict[str, Any]:
    meta: dict[str, Any] = {"request_id": request_id, "timestamp": "2026-03-31T10:15:30Z"}
    if pagination is not None:
        meta["pagination"] = pagination
    return {"status": "success", "data": data, "meta": meta}


def error(
    status: int, code: str, message: str, details: Iterable[dict[str, str]] = (), **headers: str
) -> httpx.Response:
    body = {
        "status": "error",
        "error": {"code": code, "message": message, "details": list(details)},
        "meta": {"request_id": f"req_{status}", "timestamp": "2026-03-31T10:15:30Z"},
    }
    return httpx.Response(status, json=body, headers={k.replace("_", "-"): v for k, v in headers.items()})


def ok(data: Any, status: int = 200, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=envelope(data), headers={k.replace("_", "-"): v for k, v in headers.items()})


class ScriptedTransport(httpx.MockTransport):
    """Answers each request with the next scripted answer (raising it if it is an exception)."""

    def __init__(self, *answers: Answer | Callable[[httpx.Request], httpx.Response]) -> None:
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []
        super().__init__(self._answer)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.answers:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        if isinstance(answer, httpx.Response):
            return answer
        return answer(request)

    def bodies(self) -> list[Any]:
        return [json.loads(r.content) if r.content else None for r in self.requests]
