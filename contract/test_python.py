"""The contract scenarios, in Python: the same names as in ``typescript/test/contract.test.mjs``
and ``go/contract_test.go`` (the list is ``scenarios`` in ``vectors.json``)."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from metafinops import (
    APIStatusError,
    Client,
    NotFoundError,
    RateLimitError,
    UnprocessableEntityError,
    WebhookVerificationError,
    webhooks,
)
from metafinops._exceptions import status_error_from_response
from metafinops._retry import is_retryable_status, retry_delay

SCENARIOS: dict[str, Callable[..., None]] = {}


@pytest.fixture(scope="module")
def env(contract_env: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return contract_env("python")


@pytest.fixture
def client(env: dict[str, str]) -> Iterator[Client]:
    with Client(env["METAFINOPS_API_KEY"], base_url=env["METAFINOPS_BASE_URL"]) as sdk:
        yield sdk


def unique(prefix: str) -> str:
    return f"contract-python-{prefix}-{uuid.uuid4().hex[:10]}"


def test_budget_crud(client: Client) -> None:
    created = client.budgets.create(
        name=unique("crud"),
        amount=5000,
        period="monthly",
        filters={"services": ["aws-ec2"], "tags": {"env": "prod"}},
        thresholds=[{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
    )
    assert created.id.startswith("bud_") and created.currency == "USD"
    assert [(t.percent, t.basis) for t in created.thresholds or []] == [(80, "actual"), (100, "forecasted")]
    assert client.budgets.get(created.id).model_dump() == created.model_dump()
    updated = client.budgets.update(created.id, amount=6500.5)
    assert updated.amount == 6500.5 and client.budgets.get(created.id).amount == 6500.5
    client.budgets.delete(created.id)
    with pytest.raises(NotFoundError):
        client.budgets.get(created.id)


def test_budget_pagination(client: Client) -> None:
    prefix = unique("page")
    ids = [client.budgets.create(name=f"{prefix}-{n}", amount=10 + n, period="monthly").id for n in range(5)]
    first = client.budgets.list(limit=2)
    pages = list(first.iter_pages())
    assert len(pages) > 1 and all(len(page.data) <= 2 for page in pages)
    walked = [budget.id for budget in client.budgets.list(limit=2) if budget.name.startswith(prefix)]
    assert walked == ids  # every page, in creation order, each budget once


def test_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError) as caught:
        client.budgets.get("bud_doesnotexist000000000000")
    error = caught.value
    assert (error.status_code, error.code) == (404, "not_found")
    assert re.match(r"^req_", error.request_id or "")


def test_validation_error_details(client: Client) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        client.budgets.create(name=unique("bad"), amount=0, period="monthly", thresholds=[{"percent": 2000}])
    error = caught.value
    assert (error.status_code, error.code) == (422, "validation_error")
    fields = {detail["field"] for detail in error.details}
    assert {"amount", "thresholds.0.percent"} <= fields
    assert re.match(r"^req_", error.request_id or "")


def test_rate_limit_retry_after(env: dict[str, str]) -> None:
    url, key, limit = (
        env["METAFINOPS_CONTRACT_LIMITED_URL"],
        env["METAFINOPS_CONTRACT_LIMITED_KEY"],
        int(env["METAFINOPS_CONTRACT_LIMIT"]),
    )
    with Client(key, base_url=url, max_retries=0) as impatient, pytest.raises(RateLimitError) as caught:
        for _ in range(limit + 2):
            impatient.budgets.list(limit=1)
    error = caught.value
    assert (error.status_code, error.code) == (429, "rate_limited")
    assert error.retry_after is not None and 0 < error.retry_after <= int(env["METAFINOPS_CONTRACT_WINDOW"])
    statuses: list[int] = []
    http = httpx.Client(event_hooks={"response": [lambda response: statuses.append(response.status_code)]})
    with http, Client(key, base_url=url, http_client=http) as patient:
        for _ in range(limit + 1):  # more than a window allows: the SDK waits Retry-After and goes on
            patient.budgets.list(limit=1)
        assert patient.rate_limit is not None and patient.rate_limit.limit == limit
    assert 429 in statuses and statuses.count(200) == limit + 1


def test_idempotent_create_lost_response(env: dict[str, str], client: Client) -> None:
    name = unique("idem")
    with Client(env["METAFINOPS_API_KEY"], base_url=env["METAFINOPS_CONTRACT_LOSSY_URL"]) as through_proxy:
        created = through_proxy.budgets.create(name=name, amount=42, period="monthly")
    assert created.raw_response is not None and created.raw_response.headers.get("Idempotent-Replayed") == "true"
    same_name = [budget.id for budget in client.budgets.list(limit=100) if budget.name == name]
    assert same_name == [created.id]


def test_cost_summary(client: Client, vectors: dict[str, Any]) -> None:
    period = vectors["cost_summary"]
    costs = client.costs.summary(start=period["start"], end=period["end"])
    assert costs.total > 0 and costs.currency == "USD"
    assert (str(costs.period.start), str(costs.period.end)) == (period["start"], period["end"])
    assert abs(sum(service.cost for service in costs.services) - costs.total) < 0.05


def test_webhook_vectors(vectors: dict[str, Any]) -> None:
    for vector in vectors["webhooks"]:
        timestamp = None if "timestamp_offset" not in vector else str(int(time.time()) + vector["timestamp_offset"])
        try:
            webhooks.verify(
                vector["body"].encode("utf-8"),
                vector["header"],
                vector["secret"],
                timestamp=timestamp,
                tolerance=vector.get("tolerance", webhooks.DEFAULT_TOLERANCE),
            )
            valid = True
        except WebhookVerificationError:
            valid = False
        assert valid == vector["valid"], vector["name"]
        if vector["valid"] and "," not in vector["header"] and vector["header"].islower():
            assert webhooks.sign(vector["body"], vector["secret"]) == vector["header"], vector["name"]


def test_error_envelopes(vectors: dict[str, Any]) -> None:
    for vector in vectors["errors"]:
        response = httpx.Response(vector["status"], headers=vector["headers"], text=vector["body"])
        error = status_error_from_response(response)
        assert isinstance(error, APIStatusError) and type(error).__name__ == vector["kind"], vector["name"]
        assert (error.status_code, error.code, error.request_id) == (
            vector["status"],
            vector["code"],
            vector["request_id"],
        )
        assert [detail["field"] for detail in error.details] == vector["fields"], vector["name"]
        assert is_retryable_status(error.status_code, error.code) == vector["retryable"], vector["name"]
        if "retry_after" in vector:
            assert isinstance(error, RateLimitError) and error.retry_after == vector["retry_after"]
    for case in vectors["retry_after"]:
        assert retry_delay(case["retries_taken"], case["header"]) == case["seconds"], case


def test_openapi_coverage(env: dict[str, str]) -> None:
    from contract.openapi import openapi_operations, uncovered

    operations = openapi_operations(env["METAFINOPS_BASE_URL"])
    seen: list[tuple[str, str]] = []

    class Recorded(Exception):
        pass

    def record(request: httpx.Request) -> httpx.Response:
        seen.append((request.method, request.url.path.removeprefix("/v1")))
        raise Recorded

    http = httpx.Client(transport=httpx.MockTransport(record))
    sdk = Client("key", base_url="http://sdk.test/v1", http_client=http, max_retries=0)
    calls: list[Callable[[], Any]] = [
        sdk.health.check,
        sdk.costs.summary,
        sdk.costs.by_service,
        sdk.gpu.utilization,
        sdk.gpu.idle,
        sdk.tokens.usage,
        sdk.tokens.cost,
        lambda: sdk.budgets.create(name="n", amount=1, period="monthly"),
        sdk.budgets.list,
        lambda: sdk.budgets.get("bud_x"),
        lambda: sdk.budgets.update("bud_x", name="n"),
        lambda: sdk.budgets.delete("bud_x"),
        lambda: sdk.budgets.alerts("bud_x"),
        lambda: sdk.alert_policies.create(name="n", type="budget"),
        sdk.alert_policies.list,
        lambda: sdk.alert_policies.get("apol_x"),
        lambda: sdk.alert_policies.update("apol_x", name="n"),
        lambda: sdk.alert_policies.delete("apol_x"),
        lambda: sdk.webhooks.create(url="https://hooks.test/x", events=["report.generated"]),
        sdk.webhooks.list,
        lambda: sdk.webhooks.get("whk_x"),
        lambda: sdk.webhooks.update("whk_x", enabled=False),
        lambda: sdk.webhooks.delete("whk_x"),
        lambda: sdk.webhooks.rotate_secret("whk_x"),
        lambda: sdk.webhooks.deliveries("whk_x"),
        sdk.anomalies.list,
        sdk.carbon.footprint,
        sdk.recommendations.list,
        lambda: sdk.reports.generate(start="2026-03-01", end="2026-03-31"),
        lambda: sdk.reports.download("rep_x"),
        lambda: sdk.ingest.costs([]),
        lambda: sdk.ingest.gpu_metrics([]),
        lambda: sdk.ingest.token_usage([]),
    ]
    for call in calls:
        with pytest.raises(Recorded):
            call()
    missing = uncovered(operations, seen)
    assert not missing, f"operations in /v1/openapi.json that the Python SDK does not call: {missing}"
