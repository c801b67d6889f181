"""The client without a server: configuration, what goes on the wire, the retry loop.

The wire checks use a scripted transport (see ``_scripted.py``): the real server cannot
show which bytes the SDK sent, nor fail on demand. Behaviour against the real server is in
``test_integration.py``.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
from typing import Any

import httpx
import pytest

from metafinops import (
    NOT_GIVEN,
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncClient,
    BudgetFilters,
    Client,
    ConflictError,
    InternalServerError,
    MetaFinOpsError,
    NotGiven,
    RateLimit,
    UnprocessableEntityError,
    WebhookSubscription,
)

from ._scripted import ScriptedTransport, error, ok

BUDGET: dict[str, Any] = {
    "id": "bud_1",
    "name": "Prod",
    "amount": 5000.0,
    "currency": "USD",
    "period": "monthly",
    "start_date": "2026-03-01",
    "filters": None,
    "thresholds": [{"percent": 80.0, "basis": "actual"}],
    "created_at": "2026-03-01T00:00:00Z",
    "updated_at": "2026-03-01T00:00:00Z",
}
WEBHOOK: dict[str, Any] = {
    "id": "whk_1",
    "url": "https://hooks.corp.test/finops",
    "events": ["budget.threshold.reached"],
    "description": None,
    "enabled": True,
    "secret_version": 1,
    "secret": "whsec_abcdefghijklmnopqrstuvwxyz012345",
    "created_at": "2026-03-01T00:00:00Z",
}
POLICY: dict[str, Any] = {
    "id": "apol_1",
    "name": "p",
    "type": "budget",
    "enabled": True,
    "cooldown_minutes": 60,
    "conditions": None,
    "webhook_subscription_ids": [],
    "emails": ["a@corp.test"],
    "created_at": "2026-03-01T00:00:00Z",
}
API_KEY = "mfo_unit_test_key_0123456789"


def make_client(transport: httpx.BaseTransport, **options: Any) -> tuple[Client, list[float]]:
    client = Client(API_KEY, base_url="http://api.test/v1", http_client=httpx.Client(transport=transport), **options)
    sleeps: list[float] = []
    client._sleep = sleeps.append  # type: ignore[method-assign, assignment]
    return client, sleeps


# --- configuration ----------------------------------------------------------------------------


def test_api_key_and_base_url_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("METAFINOPS_API_KEY", "mfo_from_env")
    monkeypatch.setenv("METAFINOPS_BASE_URL", "http://127.0.0.1:9999/v1/")
    client = Client()
    assert (client.api_key, client.base_url) == ("mfo_from_env", "http://127.0.0.1:9999/v1")
    assert Client("mfo_explicit", base_url="https://eu.example.test/v1").base_url == "https://eu.example.test/v1"


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("METAFINOPS_BASE_URL", raising=False)
    client = Client("mfo_x")
    assert client.base_url == "https://api.metafinops.com/v1"
    assert (client.timeout, client.max_retries, client.rate_limit) == (30.0, 2, None)


def test_missing_api_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("METAFINOPS_API_KEY", raising=False)
    with pytest.raises(MetaFinOpsError, match="METAFINOPS_API_KEY"):
        Client()
    with pytest.raises(MetaFinOpsError, match="METAFINOPS_API_KEY"):
        AsyncClient(api_key="  ")


def test_bad_base_url_and_retries() -> None:
    with pytest.raises(MetaFinOpsError, match="base_url"):
        Client("mfo_x", base_url="api.metafinops.com/v1")
    with pytest.raises(ValueError, match="max_retries"):
        Client("mfo_x", max_retries=-1)


def test_http_client_must_match_the_client() -> None:
    with pytest.raises(TypeError, match=r"httpx\.AsyncClient"):
        AsyncClient("mfo_x", http_client=httpx.Client())  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"httpx\.Client"):
        Client("mfo_x", http_client=httpx.AsyncClient())  # type: ignore[arg-type]


def test_repr_hides_the_key() -> None:
    assert API_KEY not in repr(Client(API_KEY))


def test_not_given() -> None:
    assert NotGiven() is NOT_GIVEN
    assert not NOT_GIVEN
    assert repr(NOT_GIVEN) == "NOT_GIVEN"


# --- what goes on the wire ---------------------------------------------------------------------


def test_path_params_are_checked_before_any_request() -> None:
    transport = ScriptedTransport()  # no answers: any request fails the test
    client, _ = make_client(transport)
    for call in (
        lambda: client.budgets.get(""),
        lambda: client.budgets.update("  ", name="x"),
        lambda: client.budgets.delete(""),
        lambda: client.budgets.alerts(""),
        lambda: client.alert_policies.get(""),
        lambda: client.webhooks.rotate_secret(""),
        lambda: client.webhooks.deliveries(""),
        lambda: client.budgets.get(None),  # type: ignore[arg-type]
    ):
        with pytest.raises(ValueError, match="non-empty"):
            call()
    async_client = AsyncClient(API_KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(transport._answer)))
    with pytest.raises(ValueError, match="webhook_id"):
        async_client.webhooks.get("")  # type: ignore[unused-coroutine]  # raises before any coroutine
    assert transport.requests == []


def test_ids_are_escaped_in_the_path() -> None:
    transport = ScriptedTransport(ok(BUDGET))
    client, _ = make_client(transport)
    client.budgets.get("bud_1/../x")
    assert transport.requests[0].url.raw_path == b"/v1/budgets/bud_1%2F..%2Fx"


def test_update_sends_given_fields_and_null_for_none() -> None:
    transport = ScriptedTransport(ok(BUDGET))
    client, _ = make_client(transport)
    client.budgets.update("bud_1", name="Renamed", filters=None, thresholds=NOT_GIVEN)
    request = transport.requests[0]
    assert (request.method, request.url.path) == ("PATCH", "/v1/budgets/bud_1")
    assert json.loads(request.content) == {"name": "Renamed", "filters": None}


def test_create_turns_dates_sets_and_models_into_json() -> None:
    transport = ScriptedTransport(ok(BUDGET, 201), ok(WEBHOOK, 201), ok(POLICY, 201))
    client, _ = make_client(transport)
    client.budgets.create(
        name="Prod",
        amount=5000,
        period="monthly",
        start_date=datetime.date(2026, 3, 1),
        filters=BudgetFilters(services=["aws-ec2"], tags={"env": "prod"}),
        thresholds=[{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
    )
    client.webhooks.create(url="https://hooks.corp.test/finops", events={"report.generated", "gpu.idle.detected"})
    client.alert_policies.create(name="p", type="budget", emails=(e for e in ["a@corp.test"]))
    assert transport.bodies() == [
        {
            "name": "Prod",
            "amount": 5000,
            "period": "monthly",
            "start_date": "2026-03-01",
            "filters": {"services": ["aws-ec2"], "tags": {"env": "prod"}},
            "thresholds": [{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
        },
        {"url": "https://hooks.corp.test/finops", "events": ["gpu.idle.detected", "report.generated"]},
        {"name": "p", "type": "budget", "emails": ["a@corp.test"]},
    ]


def test_query_leaves_out_none_and_formats_dates() -> None:
    summary = {"total_cost": 1.5, "currency": "USD", "period": {"start": "2026-03-01", "end": "2026-03-31"}}
    transport = ScriptedTransport(ok(summary), ok({**summary, "services": []}))
    client, _ = make_client(transport)
    client.costs.summary(start=datetime.date(2026, 3, 1), end="2026-03-31", provider="aws")
    client.costs.summary()
    assert dict(transport.requests[0].url.params) == {"start": "2026-03-01", "end": "2026-03-31", "provider": "aws"}
    assert dict(transport.requests[1].url.params) == {}


def test_headers_and_one_idempotency_key_per_write() -> None:
    transport = ScriptedTransport(ok([]), ok(BUDGET), ok(BUDGET), ok({"id": "bud_1", "deleted": True}), ok(BUDGET))
    client, _ = make_client(transport, default_headers={"X-Team": "platform"})
    client.request("GET", "budgets")
    client.budgets.create(name="a", amount=1, period="monthly")
    client.budgets.create(name="a", amount=1, period="monthly")
    client.budgets.delete("bud_1")
    client.budgets.update("bud_1", name="b", idempotency_key="mine-123")
    get, create1, create2, delete, update = transport.requests
    assert get.headers["Authorization"] == f"Bearer {API_KEY}"
    assert get.headers["X-Team"] == "platform"
    assert get.headers["User-Agent"].startswith("metafinops-python/")
    assert "Idempotency-Key" not in get.headers
    keys = [r.headers["Idempotency-Key"] for r in (create1, create2, delete)]
    assert len(set(keys)) == 3  # a new key for each logical write
    assert update.headers["Idempotency-Key"] == "mine-123"


def test_result_carries_request_id_and_rate_limit_is_kept() -> None:
    headers = {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "59", "X-RateLimit-Reset": "42"}
    transport = ScriptedTransport(httpx.Response(200, json={**ok(BUDGET).json()}, headers=headers))
    client, _ = make_client(transport)
    budget = client.budgets.get("bud_1")
    assert budget.request_id == "req_test"
    assert budget.start_date == datetime.date(2026, 3, 1)
    assert budget.created_at == datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC)
    assert budget.model_dump(mode="json")["created_at"] == "2026-03-01T00:00:00Z"
    assert client.rate_limit == RateLimit(limit=60, remaining=59, reset=42)


def test_unknown_fields_are_kept() -> None:
    transport = ScriptedTransport(ok({**BUDGET, "owner": "finops-team"}))
    client, _ = make_client(transport)
    assert client.budgets.get("bud_1").model_dump()["owner"] == "finops-team"


def test_delete_returns_none_and_request_returns_data() -> None:
    transport = ScriptedTransport(ok({"id": "bud_1", "deleted": True}), ok({"id": "bud_1", "deleted": True}))
    client, _ = make_client(transport)
    assert client.budgets.delete("bud_1") is None
    assert client.request("DELETE", "/budgets/bud_1") == {"id": "bud_1", "deleted": True}


def test_an_answer_that_is_not_the_envelope() -> None:
    transport = ScriptedTransport(httpx.Response(200, json={"total_cost": 1}), httpx.Response(200, text="<html>"))
    client, _ = make_client(transport)
    with pytest.raises(APIResponseValidationError, match="envelope"):
        client.costs.summary()
    with pytest.raises(APIResponseValidationError, match="not JSON"):
        client.costs.summary()


def test_a_model_the_answer_does_not_fit_names_the_field_not_the_values() -> None:
    transport = ScriptedTransport(ok({**WEBHOOK, "created_at": "yesterday"}))
    client, _ = make_client(transport)
    with pytest.raises(APIResponseValidationError, match="created_at") as caught:
        client.webhooks.create(url="https://x.test", events=["report.generated"])
    assert WEBHOOK["secret"] not in str(caught.value)


def test_secret_is_not_in_repr_or_str() -> None:
    subscription = WebhookSubscription.model_validate(WEBHOOK)
    assert subscription.secret == WEBHOOK["secret"]
    assert WEBHOOK["secret"] not in repr(subscription)
    assert WEBHOOK["secret"] not in str(subscription)


# --- the retry loop ----------------------------------------------------------------------------


def test_retries_5xx_with_the_same_idempotency_key_then_succeeds() -> None:
    transport = ScriptedTransport(error(503, "unavailable", "Down."), error(502, "bad_gateway", "Down."), ok(BUDGET))
    client, sleeps = make_client(transport)
    budget = client.budgets.create(name="Prod", amount=5000, period="monthly")
    assert budget.id == "bud_1"
    assert len(transport.requests) == 3
    assert len({r.headers["Idempotency-Key"] for r in transport.requests}) == 1
    assert len({r.content for r in transport.requests}) == 1
    assert 0.375 <= sleeps[0] <= 0.5 and 0.75 <= sleeps[1] <= 1.0


def test_gives_up_after_max_retries() -> None:
    transport = ScriptedTransport(*(error(500, "internal_error", "Boom.") for _ in range(3)))
    client, sleeps = make_client(transport)
    with pytest.raises(InternalServerError, match="Boom"):
        client.budgets.list()
    assert (len(transport.requests), len(sleeps)) == (3, 2)


@pytest.mark.parametrize("max_retries", [0, 1, 4])
def test_number_of_retries_follows_max_retries(max_retries: int) -> None:
    transport = ScriptedTransport(*(error(503, "unavailable", "Down.") for _ in range(max_retries + 1)))
    client, sleeps = make_client(transport, max_retries=max_retries)
    with pytest.raises(InternalServerError):
        client.costs.summary()
    assert len(transport.requests) == max_retries + 1
    assert len(sleeps) == max_retries


def test_429_waits_for_retry_after() -> None:
    transport = ScriptedTransport(error(429, "rate_limited", "Slow down.", Retry_After="3"), ok(BUDGET))
    client, sleeps = make_client(transport)
    client.budgets.get("bud_1")
    assert sleeps == [3.0]


def test_409_is_retried_only_while_the_same_key_is_in_progress() -> None:
    transport = ScriptedTransport(
        error(409, "idempotency_in_progress", "Still running.", Retry_After="1"),
        ok(BUDGET),
        error(409, "conflict", "Budget is referenced by apol_1."),
    )
    client, sleeps = make_client(transport)
    client.budgets.create(name="a", amount=1, period="monthly", idempotency_key="k1")
    with pytest.raises(ConflictError, match="referenced"):
        client.budgets.delete("bud_1")
    assert sleeps == [1.0]
    assert [r.headers["Idempotency-Key"] for r in transport.requests[:2]] == ["k1", "k1"]


def test_client_errors_are_not_retried() -> None:
    transport = ScriptedTransport(
        error(422, "validation_error", "Invalid.", [{"field": "amount", "message": "must be greater than 0"}])
    )
    client, sleeps = make_client(transport)
    with pytest.raises(UnprocessableEntityError, match="amount: must be greater than 0"):
        client.budgets.create(name="a", amount=0, period="monthly")
    assert (len(transport.requests), sleeps) == (1, [])


def test_connection_errors_are_retried() -> None:
    transport = ScriptedTransport(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ok(BUDGET))
    client, sleeps = make_client(transport)
    assert client.budgets.get("bud_1").id == "bud_1"
    assert len(sleeps) == 2


def test_connection_errors_in_the_end() -> None:
    client, _ = make_client(ScriptedTransport(*(httpx.ConnectError("refused") for _ in range(3))))
    with pytest.raises(
        APIConnectionError, match=r"Could not reach http://api.test/v1 after 3 attempts in [0-9.]+ s: refused"
    ) as caught:
        client.budgets.get("bud_1")
    assert not isinstance(caught.value, APITimeoutError)
    client, _ = make_client(ScriptedTransport(httpx.ReadTimeout("slow")), max_retries=0)
    with pytest.raises(APITimeoutError, match=r"after 1 attempt in [0-9.]+ s \(timeout"):
        client.budgets.get("bud_1")


def test_a_refused_connection_is_retried_only_a_few_times_whatever_max_retries() -> None:
    transport = ScriptedTransport(*(httpx.ConnectError("refused") for _ in range(10)))
    client, sleeps = make_client(transport, max_retries=8)
    with pytest.raises(APIConnectionError, match="after 4 attempts"):
        client.budgets.get("bud_1")
    assert len(transport.requests) == 4 and sum(sleeps) <= 0.5 + 1 + 2


def test_no_retry_waits_past_the_deadline() -> None:
    busy = error(503, "unavailable", "Down.")
    busy.headers["Retry-After"] = "5"
    transport = ScriptedTransport(busy, ok(BUDGET))
    client, sleeps = make_client(transport, max_retries=8, deadline=2.0)
    with pytest.raises(InternalServerError):
        client.budgets.get("bud_1")
    assert (len(transport.requests), sleeps) == (1, [])
    # a wait that fits is taken, and the next attempt's timeout is what is left of the deadline
    soon = error(503, "unavailable", "Down.")
    soon.headers["Retry-After"] = "0.5"
    transport = ScriptedTransport(soon, ok(BUDGET))
    client, sleeps = make_client(transport, max_retries=8, deadline=2.0, timeout=30.0)
    assert client.budgets.get("bud_1").id == BUDGET["id"]
    assert sleeps == [0.5]
    assert transport.requests[1].extensions["timeout"]["read"] <= 1.5


def test_logs_never_show_the_key_or_a_secret(caplog: pytest.LogCaptureFixture) -> None:
    secret = "whsec_my_own_secret_value_0123456789"
    transport = ScriptedTransport(error(503, "unavailable", "Down."), ok(WEBHOOK))
    client, _ = make_client(transport)
    with caplog.at_level(logging.DEBUG):
        client.webhooks.create(url="https://x.test", events=["report.generated"], secret=secret)
    text = "\n".join(record.getMessage() for record in caplog.records)
    assert "Retrying POST /v1/webhooks" in text
    assert API_KEY not in text and secret not in text and WEBHOOK["secret"] not in text


def test_async_client_retries_and_returns_the_same_models() -> None:
    transport = ScriptedTransport(error(429, "rate_limited", "Slow down.", Retry_After="2"), ok(BUDGET))
    sleeps: list[float] = []

    async def main() -> None:
        async with AsyncClient(
            API_KEY, base_url="http://api.test/v1", http_client=httpx.AsyncClient(transport=transport)
        ) as client:

            async def no_sleep(seconds: float) -> None:
                sleeps.append(seconds)

            client._sleep = no_sleep  # type: ignore[method-assign]
            budget = await client.budgets.create(name="Prod", amount=5000, period="monthly")
            assert budget.id == "bud_1" and budget.request_id == "req_test"

    asyncio.run(main())
    assert sleeps == [2.0]
    assert len({r.headers["Idempotency-Key"] for r in transport.requests}) == 1
