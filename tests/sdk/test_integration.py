"""The SDK against a real ``metafinops serve`` process (the ``api_server`` fixture)."""

from __future__ import annotations

import datetime
import importlib
import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from metafinops import (
    NOT_GIVEN,
    AlertPolicy,
    AuthenticationError,
    Budget,
    Client,
    CostSummary,
    NotFoundError,
    Report,
    UnprocessableEntityError,
    WebhookSubscription,
)

try:  # how tests/ is importable depends on how pytest was started (see tests/conftest.py)
    from tests._lossy_proxy import LossyProxy
except ImportError:  # pragma: no cover
    LossyProxy = importlib.import_module("_lossy_proxy").LossyProxy  # type: ignore[misc]

if TYPE_CHECKING:
    from tests._server import ServerHandle

REQUEST_ID = re.compile(r"^req_[0-9a-z]+$")

# The Python example of the API page, verbatim (the page's layout drops the indentation).
SEED_SNIPPET = """\
from metafinops import Client
client = Client(api_key="YOUR_API_KEY")
costs = client.costs.summary(
start="2026-03-01",
end="2026-03-31"
)
print(costs.total)
"""


@pytest.fixture
def client(api_server: ServerHandle) -> Iterator[Client]:
    with Client(api_server.api_key, base_url=api_server.base_url) as client:
        yield client


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def test_budget_crud(client: Client) -> None:
    name = unique("prod")
    created = client.budgets.create(
        name=name,
        amount=5000,
        period="monthly",
        start_date=datetime.date(2026, 3, 1),
        filters={"services": ["aws-ec2"], "tags": {"env": "prod"}},
        thresholds=[{"percent": 80}, {"percent": 100, "basis": "forecasted"}],
    )
    assert isinstance(created, Budget)
    assert created.id.startswith("bud_") and REQUEST_ID.match(created.request_id or "")
    assert (created.name, created.amount, created.currency, created.period) == (name, 5000.0, "USD", "monthly")
    assert created.start_date == datetime.date(2026, 3, 1)
    assert created.filters is not None and created.filters.services == ["aws-ec2"]
    assert created.filters.tags == {"env": "prod"}
    assert [(t.percent, t.basis) for t in created.thresholds or []] == [(80.0, "actual"), (100.0, "forecasted")]

    fetched = client.budgets.get(created.id)
    assert fetched.model_dump() == created.model_dump()
    assert fetched.request_id != created.request_id

    updated = client.budgets.update(created.id, name=name + "-renamed", filters=None, thresholds=NOT_GIVEN)
    assert updated.name == name + "-renamed"
    assert updated.filters is None or updated.filters.services in (None, [])  # cleared
    assert updated.thresholds == created.thresholds  # left out, so kept
    assert updated.amount == 5000.0

    assert created.id in [b.id for b in client.budgets.list()]
    assert client.budgets.delete(created.id) is None
    with pytest.raises(NotFoundError) as caught:
        client.budgets.get(created.id)
    assert (caught.value.status_code, caught.value.code) == (404, "not_found")
    assert REQUEST_ID.match(caught.value.request_id or "")
    with pytest.raises(NotFoundError):
        client.budgets.delete(created.id)


def test_webhook_crud_and_secret(client: Client) -> None:
    created = client.webhooks.create(
        url="https://hooks.corp.test/finops", events=["budget.threshold.reached"], description="pager"
    )
    assert isinstance(created, WebhookSubscription) and created.id.startswith("whk_")
    assert created.secret is not None and created.secret.startswith("whsec_")
    assert created.secret not in repr(created) and created.secret not in str(created)
    assert client.webhooks.get(created.id).secret is None  # shown once, at creation

    own_secret = "my-own-secret-of-at-least-24-chars"
    with_own = client.webhooks.create(url="http://127.0.0.1:9/hook", events=["report.generated"], secret=own_secret)
    assert with_own.secret == own_secret

    updated = client.webhooks.update(created.id, description=None, enabled=False, events=["gpu.idle.detected"])
    assert (updated.description, updated.enabled, updated.events) == (None, False, ["gpu.idle.detected"])

    rotated = client.webhooks.rotate_secret(created.id, overlap_seconds=60)
    assert rotated.secret is not None and rotated.secret != created.secret
    assert rotated.secret_version == (created.secret_version or 1) + 1
    given = client.webhooks.rotate_secret(created.id, secret="another-secret-of-24-characters!")
    assert given.secret == "another-secret-of-24-characters!"

    assert list(client.webhooks.deliveries(created.id)) == []
    assert {created.id, with_own.id} <= {w.id for w in client.webhooks.list()}
    client.webhooks.delete(created.id)
    client.webhooks.delete(with_own.id)
    with pytest.raises(NotFoundError):
        client.webhooks.get(created.id)


def test_alert_policy_crud(client: Client) -> None:
    hook = client.webhooks.create(url="https://hooks.corp.test/gpu", events=["gpu.idle.detected"])
    budget = client.budgets.create(name=unique("for-policy"), amount=100, period="annual")
    created = client.alert_policies.create(
        name="GPU idle",
        type="gpu_idle",
        conditions={"utilization_below_percent": 5, "idle_minutes": 60},
        webhook_subscription_ids=[hook.id],
        emails=["oncall@corp.test"],
    )
    assert isinstance(created, AlertPolicy) and created.id.startswith("apol_")
    assert (created.type, created.enabled, created.cooldown_minutes) == ("gpu_idle", True, 60)
    assert created.conditions is not None and created.conditions.idle_minutes == 60
    assert created.webhook_subscription_ids == [hook.id] and created.emails == ["oncall@corp.test"]
    assert client.alert_policies.get(created.id).model_dump() == created.model_dump()

    updated = client.alert_policies.update(created.id, enabled=False, cooldown_minutes=0, emails=None)
    assert (updated.enabled, updated.cooldown_minutes) == (False, 0)
    assert not updated.emails
    assert updated.webhook_subscription_ids == [hook.id]

    on_budget = client.alert_policies.create(name="Budget", type="budget", conditions={"budget_ids": [budget.id]})
    assert on_budget.conditions is not None and on_budget.conditions.budget_ids == [budget.id]
    with pytest.raises(UnprocessableEntityError) as caught:  # a condition that does not fit the type
        client.alert_policies.create(name="Bad", type="budget", conditions={"idle_minutes": 5})
    assert "conditions.idle_minutes" in {d.get("field") for d in caught.value.details}

    assert {created.id, on_budget.id} <= {p.id for p in client.alert_policies.list()}
    for policy_id in (created.id, on_budget.id):
        client.alert_policies.delete(policy_id)
    client.webhooks.delete(hook.id)
    client.budgets.delete(budget.id)
    with pytest.raises(NotFoundError):
        client.alert_policies.get(created.id)


def test_validation_error_names_the_fields(client: Client) -> None:
    with pytest.raises(UnprocessableEntityError) as caught:
        client.budgets.create(name="x", amount=0, period="monthly", thresholds=[{"percent": 2000}])
    error = caught.value
    assert (error.status_code, error.code) == (422, "validation_error")
    fields = {detail["field"] for detail in error.details}
    assert {"amount", "thresholds.0.percent"} <= fields
    assert "amount: " in str(error) and "thresholds.0.percent: " in str(error)
    assert REQUEST_ID.match(error.request_id or "")


def test_a_wrong_key_is_an_authentication_error(api_server: ServerHandle) -> None:
    with (
        Client("mfo_not_a_real_key", base_url=api_server.base_url) as client,
        pytest.raises(AuthenticationError) as caught,
    ):
        client.budgets.list()
    assert (caught.value.status_code, caught.value.code) == (401, "unauthorized")
    assert "mfo_not_a_real_key" not in str(caught.value)


def test_envelope_request_id_and_rate_limit_headers(client: Client) -> None:
    summary = client.costs.summary(start="2026-03-01", end="2026-03-31")
    assert isinstance(summary, CostSummary)
    assert isinstance(summary.total, float) and summary.total == summary.total_cost
    assert summary.period.start == datetime.date(2026, 3, 1)
    assert REQUEST_ID.match(summary.request_id or "")
    assert client.rate_limit is not None and client.rate_limit.limit > 0
    assert 0 <= client.rate_limit.remaining < client.rate_limit.limit
    assert isinstance(client.request("GET", "/budgets", params={"limit": 1}), list)  # unwrapped data


def test_every_read_endpoint_fits_its_model(client: Client) -> None:
    """Each analytics answer validates against its model: the SDK and the server agree on shapes."""
    start, end = "2026-03-01", "2026-03-31"
    client.costs.by_service(start=start, end=end)
    client.gpu.utilization(start=start, end=end)
    idle = client.gpu.idle(threshold_percent=15, min_minutes=30)
    assert (idle.threshold_percent, idle.min_minutes) == (15.0, 30.0)
    client.tokens.usage(start=start, end=end)
    client.tokens.cost(start=start, end=end)
    client.carbon.footprint(start=start, end=end)
    list(client.anomalies.list(start=start, end=end, min_severity="high"))
    list(client.recommendations.list())
    report = client.reports.generate(start=start, end=end, format="csv")
    assert isinstance(report, Report) and report.id.startswith("rep_") and report.format == "csv"


def test_same_idempotency_key_creates_one_budget(client: Client) -> None:
    name, key = unique("idem"), str(uuid.uuid4())
    first = client.budgets.create(name=name, amount=10, period="monthly", idempotency_key=key)
    second = client.budgets.create(name=name, amount=10, period="monthly", idempotency_key=key)
    assert first.id == second.id
    assert [b.id for b in client.budgets.list(limit=100) if b.name == name] == [first.id]
    with pytest.raises(UnprocessableEntityError) as caught:  # same key, another body
        client.budgets.create(name=name, amount=11, period="monthly", idempotency_key=key)
    assert caught.value.code == "idempotency_key_reused"


def test_a_lost_response_is_retried_and_replayed_once(api_server: ServerHandle) -> None:
    """The proxy lets the create reach the server, then drops the answer: the SDK sends it again
    with the same Idempotency-Key, and the server replays the first result."""
    name = unique("lossy")
    proxy = LossyProxy(upstream_port=api_server.port, match="POST /v1/budgets ")
    with proxy.running(), Client(api_server.api_key, base_url=f"http://127.0.0.1:{proxy.port}/v1") as client:
        budget = client.budgets.create(name=name, amount=42, period="monthly")
        assert proxy.dropped == 1
        assert [b.id for b in client.budgets.list(limit=100) if b.name == name] == [budget.id]


def test_pagination_walks_every_page(client: Client) -> None:
    prefix = unique("page")
    ids = [client.budgets.create(name=f"{prefix}-{i}", amount=1 + i, period="monthly").id for i in range(5)]

    first = client.budgets.list(limit=2)
    assert len(first.data) == 2 and first.has_more and first.next_cursor == first.data[-1].id
    pages = list(first.iter_pages())
    assert len(pages) >= 3 and not pages[-1].has_more
    walked = [b.id for b in first]
    assert len(walked) == len(set(walked)) == sum(len(page.data) for page in pages)
    assert [i for i in walked if i in ids] == ids  # creation order
    for budget_id in ids:
        client.budgets.delete(budget_id)


def test_the_seed_snippet_prints_a_number(api_server: ServerHandle, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
    env |= {"METAFINOPS_BASE_URL": api_server.base_url}
    snippets = {
        "verbatim, the key filled in": SEED_SNIPPET.replace("YOUR_API_KEY", api_server.api_key),
        "the key from METAFINOPS_API_KEY": SEED_SNIPPET.replace('api_key="YOUR_API_KEY"', ""),
    }
    for what, code in snippets.items():
        run_env = env if "verbatim" in what else env | {"METAFINOPS_API_KEY": api_server.api_key}
        result = subprocess.run(
            [sys.executable, "-c", code], env=run_env, cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"{what}: {result.stderr}"
        float(result.stdout.strip())  # a number, e.g. 48520.75
