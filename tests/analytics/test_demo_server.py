"""``metafinops serve --demo`` answers every endpoint of the seed page with plausible data."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from tests.events._helpers import wait_until
from tests.server.helpers import ok


def test_cost_endpoints(api_server) -> None:
    with api_server.client() as client:
        summary = ok(client.get("/costs/summary"))  # the current month
        assert set(summary) == {"total_cost", "currency", "period", "services"}
        assert summary["currency"] == "USD" and summary["total_cost"] > 1000
        assert len(summary["services"]) >= 10
        assert sum(s["cost"] for s in summary["services"]) == pytest.approx(summary["total_cost"], abs=0.1)
        assert summary["services"][0]["service"] == "aws-ec2"  # the biggest line, as in the demo's bills

        by_service = ok(client.get("/costs/by-service"))["services"]
        assert {s["provider"] for s in by_service} >= {"AWS", "Google Cloud", "Microsoft Azure"}
        assert sum(s["percent"] for s in by_service) == pytest.approx(100, abs=0.1)
        narrowed = ok(client.get("/costs/summary", params={"account": "prod-us-east-1", "provider": "AWS"}))
        assert 0 < narrowed["total_cost"] < summary["total_cost"]


def test_gpu_and_token_endpoints(api_server) -> None:
    with api_server.client() as client:
        utilization = ok(client.get("/gpu/utilization"))
        assert len(utilization["instances"]) == 7 and 5 < utilization["average_utilization"] < 90
        idle = ok(client.get("/gpu/idle", params={"threshold_percent": 10, "min_minutes": 60}))
        idle_ids = {i["instance_id"] for i in idle["instances"]}
        assert {"i-0c3d9e-dev-a100", "i-0d4e7a-notebook-h100", "i-0e5f2b-batch-v100"} <= idle_ids
        assert "i-0a1f3c-train-a100-1" not in idle_ids
        assert idle["total_wasted_cost"] > 0 and all(i["idle_minutes"] >= 60 for i in idle["instances"])

        usage = ok(client.get("/tokens/usage"))
        assert len(usage["models"]) == 6 and usage["total_input_tokens"] > usage["total_output_tokens"] > 0
        cost = ok(client.get("/tokens/cost"))
        assert cost["total_cost"] > 0
        rates = {m["model"]: m["cost_per_1k_tokens"] for m in cost["models"]}
        assert rates["gpt-4o"] > rates["gpt-4o-mini"] and rates["claude-3-5-sonnet"] > rates["claude-3-5-haiku"]


def test_anomalies_carbon_and_recommendations(api_server) -> None:
    with api_server.client() as client:
        anomalies = ok(client.get("/anomalies"))
        spike = [a for a in anomalies if (a["service"], a["account"]) == ("aws-ec2", "prod-us-east-1")]
        assert len(spike) == 1
        assert spike[0]["actual_cost"] > 2.5 * spike[0]["expected_cost"] and spike[0]["severity"] == "high"
        assert spike[0]["method"] == "robust_zscore_same_weekday" and spike[0]["id"].startswith("ano_")
        assert ok(client.get("/anomalies", params={"min_severity": "critical"})) == [
            a for a in anomalies if a["severity"] == "critical"
        ]

        carbon = ok(client.get("/carbon/footprint"))
        assert carbon["total_kgco2e"] > 0 and carbon["services"] and carbon["regions"]
        regions = {r["region"] for r in carbon["regions"]}
        assert {"us-east-1", "eu-west-1", "us-central1", "westeurope"} <= regions
        assert sum(s["kgco2e"] for s in carbon["services"]) == pytest.approx(carbon["total_kgco2e"], abs=0.05)

        recommendations = ok(client.get("/recommendations", params={"limit": 100}))
        assert {r["type"] for r in recommendations} == {"idle_gpu", "rightsizing", "model_switch"}
        assert all(r["estimated_monthly_savings"] > 0 and r["currency"] == "USD" for r in recommendations)
        savings = [r["estimated_monthly_savings"] for r in recommendations]
        assert savings == sorted(savings, reverse=True)
        first_page = client.get("/recommendations", params={"limit": 2}).json()
        cursor = first_page["meta"]["pagination"]["next_cursor"]
        rest = ok(client.get("/recommendations", params={"limit": 100, "starting_after": cursor}))
        assert [r["id"] for r in first_page["data"] + rest] == [r["id"] for r in recommendations]


def test_budgets_alerts_and_reports(api_server) -> None:
    with api_server.client() as client:
        budget = ok(
            client.post(
                "/budgets",
                json={
                    "name": f"demo {uuid.uuid4().hex[:6]}",
                    "amount": 1000,
                    "period": "monthly",
                    "filters": {"services": ["aws-ec2"]},
                    "thresholds": [{"percent": 10}, {"percent": 1000, "basis": "forecasted"}],
                },
            ),
            201,
        )
        alerts = wait_until(lambda: ok(client.get(f"/budgets/{budget['id']}/alerts")), timeout=15)
        assert alerts[0]["threshold_percent"] == 10.0 and alerts[0]["spend"] > 100
        assert alerts[0]["id"].startswith("alr_") and alerts[0]["period_start"] == budget["start_date"]

        report = ok(client.post("/reports/generate", json={"start": budget["start_date"], "end": "2099-12-31"}), 201)
        document = client.get(report["download_url"]).json()
        assert document["total_cost"] > 0 and document["services"] and document["models"]
        csv_report = ok(client.post("/reports/generate", json={**report["period"], "format": "csv"}), 201)
        download = client.get(csv_report["download_url"])
        assert download.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(download.text)))
        assert len(rows) >= 10 and {"service", "provider", "cost", "percent", "currency"} == set(rows[0])
