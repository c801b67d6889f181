"""Schemathesis hooks (``SCHEMATHESIS_HOOKS``): requests as a correct client would send them.

Each change keeps a rule that JSON Schema cannot express from being reported as "schema-valid
data rejected"; none touches what the server answers:

- every write gets its own ``Idempotency-Key`` (a fuzzer reusing one key for different bodies
  gets the documented 422 ``idempotency_key_reused``: the contract, not a bug);
- a date range keeps ``end >= start`` (a rule across two parameters: 400 otherwise, by contract);
- ``PATCH /budgets/{id}`` leaves out ``currency`` (immutable: only the budget's own is accepted).

``before_call`` runs in every phase (coverage, fuzzing, stateful), just before the request.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Any

import schemathesis

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _this_month() -> tuple[str, str]:
    first = date.today().replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first.isoformat(), last.isoformat()


def _ordered_range(values: dict[str, Any]) -> None:
    start, end = values.get("start"), values.get("end")
    if not any(isinstance(v, str) and _DATE.match(v) for v in (start, end)):
        return
    first, last = _this_month()
    start = start if isinstance(start, str) and _DATE.match(start) else first
    end = end if isinstance(end, str) and _DATE.match(end) else last
    if end < start:
        values["start"], values["end"] = end, start


def _drops_a_parameter(case: Any) -> bool:
    """A coverage case that leaves a required parameter out on purpose: send it as it is."""
    data = getattr(getattr(getattr(case, "meta", None), "phase", None), "data", None)
    return "MISSING" in str(getattr(data, "scenario", ""))


@schemathesis.hook
def before_call(_ctx: Any, case: Any, _kwargs: dict[str, Any]) -> None:
    if _drops_a_parameter(case):
        return
    if case.headers and "Idempotency-Key" in case.headers:
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
    if isinstance(case.query, dict):
        _ordered_range(case.query)
    if isinstance(case.body, dict):
        if "start" in case.body and "end" in case.body:
            _ordered_range(case.body)
        if case.operation.method.upper() == "PATCH" and case.operation.path == "/budgets/{budget_id}":
            case.body.pop("currency", None)
