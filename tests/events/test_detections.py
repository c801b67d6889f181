"""The event engine on a real server: budget thresholds, anomalies, idle GPUs, token spend."""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ._helpers import running_receiver, wait_until

NOW = datetime.now(UTC).replace(tzinfo=None)
TODAY = datetime(NOW.year, NOW.month, NOW.day)


def _cost(service: str, cost: float, day: datetime = TODAY, account: str = "acct-events") -> dict:
    return {
        "charge_period_start": day.isoformat() + "Z",
        "charge_period_end": (day + timedelta(days=1)).isoformat() + "Z",
        "billed_cost": cost,
        "provider": "aws",
        "service": service,
        "sub_account": account,
        "region": "us-east-1",
    }


def _ingest(client, kind: str, records: list[dict]) -> dict:
    response = client.post(f"/ingest/{kind}", json={"records": records})
    assert response.status_code == 201, response.text
    return response.json()["data"]


def _events(receiver, event_type: str) -> list[dict]:
    return [r.json() for r in receiver.requests() if r.json()["event"] == event_type]


def test_a_threshold_crossed_by_two_ingestions_fires_once(fast_server, tmp_path: Path) -> None:
    service = f"svc-{uuid.uuid4().hex[:8]}"
    with running_receiver(tmp_path) as receiver, fast_server.client() as client:
        created = client.post(
            "/webhooks", json={"url": receiver.url, "events": ["budget.threshold.reached"], "secret": "s" * 32}
        )
        assert created.status_code == 201
        budget = client.post(
            "/budgets",
            json={
                "name": "events test",
                "amount": 1000,
                "period": "monthly",
                "filters": {"services": [service]},
                "thresholds": [{"percent": 50}, {"percent": 100}],
            },
        ).json()["data"]

        def alerts() -> list[tuple[float, str]]:
            data = client.get(f"/budgets/{budget['id']}/alerts").json()["data"]
            return [(a["threshold_percent"], a["basis"]) for a in data]

        _ingest(client, "costs", [_cost(service, 300.0)])
        assert alerts() == []
        _ingest(client, "costs", [_cost(service, 300.0)])  # 60 %: the 50 % rule is crossed
        assert alerts() == [(50.0, "actual")]
        _ingest(client, "costs", [_cost(service, 100.0)])  # 70 %: still over 50 %, nothing new
        assert alerts() == [(50.0, "actual")]
        _ingest(client, "costs", [_cost(service, 400.0), _cost(service, 0.5)])  # 110 %
        assert alerts() == [(50.0, "actual"), (100.0, "actual")]
        _ingest(client, "costs", [_cost(service, 10.0)])
        client.patch(f"/budgets/{budget['id']}", json={"name": "events test (renamed)"})  # evaluates again
        time.sleep(1.0)
        assert len(alerts()) == 2

        receiver.wait_for(2)
        time.sleep(0.5)  # room for a duplicate to show up, were there one
        events = _events(receiver, "budget.threshold.reached")
        assert [e["data"]["threshold_percent"] for e in events] == [50.0, 100.0]
        first = events[0]["data"]
        assert first["budget_id"] == budget["id"] and first["spend"] == 600.0 and first["amount"] == 1000.0
        assert first["period"]["start"] == budget["start_date"]
        alert_list = client.get(f"/budgets/{budget['id']}/alerts").json()["data"]
        assert alert_list[0]["id"] == first["alert_id"] and alert_list[0]["spend"] == 600.0


def test_a_budget_already_over_its_threshold_alerts_when_created(fast_server) -> None:
    service = f"svc-{uuid.uuid4().hex[:8]}"
    with fast_server.client() as client:
        _ingest(client, "costs", [_cost(service, 90.0)])
        budget = client.post(
            "/budgets",
            json={
                "name": "late budget",
                "amount": 100,
                "period": "monthly",
                "filters": {"services": [service]},
                "thresholds": [{"percent": 80}],
            },
        ).json()["data"]
        (alert,) = wait_until(lambda: client.get(f"/budgets/{budget['id']}/alerts").json()["data"], timeout=10)
        assert alert["threshold_percent"] == 80.0 and alert["spend"] == 90.0


def test_an_anomaly_is_detected_and_routed_by_policy(fast_server, tmp_path: Path) -> None:
    service, account = f"svc-{uuid.uuid4().hex[:8]}", f"acct-{uuid.uuid4().hex[:6]}"
    history = [_cost(service, 100.0 + (day % 3), TODAY - timedelta(days=day), account) for day in range(1, 36)]
    with (
        running_receiver(tmp_path / "wanted") as wanted,
        running_receiver(tmp_path / "filtered") as filtered,
        fast_server.client() as client,
    ):
        hooks = [
            client.post(
                "/webhooks", json={"url": r.url, "events": ["cost.anomaly.detected"], "secret": "s" * 32}
            ).json()["data"]
            for r in (wanted, filtered)
        ]
        for hook, services, min_severity in ((hooks[0], [service], "medium"), (hooks[1], ["other"], "low")):
            response = client.post(
                "/alert-policies",
                json={
                    "name": "anomalies",
                    "type": "cost_anomaly",
                    "conditions": {"min_severity": min_severity, "services": services},
                    "webhook_subscription_ids": [hook["id"]],
                },
            )
            assert response.status_code == 201, response.text
        _ingest(client, "costs", history)
        _ingest(client, "costs", [_cost(service, 450.0, TODAY, account)])  # 4.4x the usual day

        (delivered,) = wanted.wait_for(1)
        data = json.loads(delivered.body)["data"]
        assert data["service"] == service and data["account"] == account
        assert data["severity"] == "high" and data["actual_cost"] == 450.0
        assert 99.0 <= data["expected_cost"] <= 103.0
        assert data["alert_policy_id"] and data["method"] == "robust_zscore_same_weekday"
        listed = client.get(
            "/anomalies", params={"start": TODAY.date().isoformat(), "end": TODAY.date().isoformat()}
        ).json()["data"]
        assert data["anomaly_id"] in [a["id"] for a in listed if a["service"] == service]
        time.sleep(0.5)
        assert filtered.requests() == []  # its policy wants another service


def test_idle_gpus_and_token_spend_raise_events(fast_server, tmp_path: Path) -> None:
    account, model = f"acct-{uuid.uuid4().hex[:6]}", f"model-{uuid.uuid4().hex[:6]}"
    start = NOW - timedelta(hours=3)
    samples = [
        {
            "instance_id": f"i-{account}",
            "gpu_model": "NVIDIA A100",
            "account": account,
            "timestamp": (start + timedelta(minutes=15 * n)).isoformat() + "Z",
            "utilization_percent": 1.5,
            "memory_percent": 3.0,
            "hourly_cost": 4.0,
        }
        for n in range(12)
    ]
    with running_receiver(tmp_path) as receiver, fast_server.client() as client:
        hook = client.post(
            "/webhooks",
            json={"url": receiver.url, "events": ["gpu.idle.detected", "cost.anomaly.detected"], "secret": "s" * 32},
        ).json()["data"]
        for policy in (
            {
                "type": "gpu_idle",
                "conditions": {"utilization_below_percent": 5, "idle_minutes": 60, "accounts": [account]},
            },
            {"type": "token_spend", "conditions": {"max_daily_token_cost": 10, "services": [model]}},
        ):
            response = client.post(
                "/alert-policies", json={"name": policy["type"], **policy, "webhook_subscription_ids": [hook["id"]]}
            )
            assert response.status_code == 201, response.text
        _ingest(client, "gpu-metrics", samples)
        _ingest(
            client,
            "token-usage",
            [
                {
                    "timestamp": NOW.isoformat() + "Z",
                    "provider": "openai",
                    "model": model,
                    "input_tokens": 1_000_000,
                    "output_tokens": 200_000,
                    "cost": 25.0,
                }
            ],
        )
        receiver.wait_for(2)
        time.sleep(0.5)
        (idle,) = _events(receiver, "gpu.idle.detected")  # only this account's instance: the policy says so
        assert idle["data"]["instance_id"] == f"i-{account}" and idle["data"]["idle_minutes"] == 180
        assert idle["data"]["wasted_cost"] == 12.0
        (tokens,) = _events(receiver, "cost.anomaly.detected")
        assert tokens["data"]["method"] == "daily_token_cost_limit"
        assert tokens["data"]["actual_cost"] == 25.0 and tokens["data"]["expected_cost"] == 10.0
        idle_now = client.get("/gpu/idle", params={"threshold_percent": 5}).json()["data"]
        assert f"i-{account}" in [item["instance_id"] for item in idle_now["instances"]]
