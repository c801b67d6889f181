"""Analytics endpoints: SQL aggregations over rows written straight into the server's database."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete

from metafinops.server.analytics.ingest import rebuild_cost_rollup
from metafinops.server.db.engine import create_db_engine, create_session_factory
from metafinops.server.db.models import CostRecord, GpuSample, TokenUsage

from .helpers import error, ok

# A range no other test writes to.
START, END = "2031-03-01", "2031-03-31"
DAY = datetime(2031, 3, 10)


def _cost(
    service: str, provider: str, cost: float, *, account: str = "prod", when: datetime = DAY, currency: str = "USD"
) -> CostRecord:
    return CostRecord(
        charge_period_start=when,
        charge_period_end=when + timedelta(days=1),
        billed_cost=cost * 1.1,
        effective_cost=cost,
        currency=currency,
        provider=provider,
        service=service,
        sub_account=account,
        region="us-east-1",
    )


@pytest.fixture(scope="module")
def seeded(api_server):
    engine = create_db_engine(api_server.db_url)
    rows = [
        _cost("aws-ec2", "aws", 100.0),
        _cost("aws-ec2", "aws", 50.25, account="dev"),
        _cost("aws-s3", "aws", 25.0),
        _cost("gcp-compute", "gcp", 24.75, when=datetime(2031, 3, 31, 23, 59)),
        _cost("aws-ec2", "aws", 999.0, when=datetime(2031, 4, 1)),  # outside the range
        _cost("aws-ec2", "aws", 7.0, currency="EUR"),  # another currency: never mixed in
        GpuSample(
            instance_id="gpu-a",
            gpu_model="A100",
            account="prod",
            timestamp=DAY,
            utilization_percent=10,
            memory_percent=20,
            hourly_cost=2.0,
        ),
        GpuSample(
            instance_id="gpu-a",
            gpu_model="A100",
            account="prod",
            timestamp=DAY + timedelta(hours=1),
            utilization_percent=30,
            memory_percent=40,
            hourly_cost=2.0,
        ),
        GpuSample(
            instance_id="gpu-a",
            gpu_model="A100",
            account="prod",
            timestamp=DAY + timedelta(hours=2),
            utilization_percent=50,
            memory_percent=60,
            hourly_cost=2.0,
        ),
        GpuSample(
            instance_id="gpu-b",
            gpu_model="H100",
            account="prod",
            timestamp=DAY,
            utilization_percent=90,
            memory_percent=80,
            hourly_cost=4.0,
        ),
        TokenUsage(
            timestamp=DAY,
            provider="openai",
            model="gpt-4o",
            input_tokens=1000,
            output_tokens=500,
            requests=3,
            cost=0.75,
        ),
        TokenUsage(
            timestamp=DAY,
            provider="openai",
            model="gpt-4o",
            input_tokens=1000,
            output_tokens=500,
            requests=1,
            cost=0.75,
        ),
        TokenUsage(
            timestamp=DAY,
            provider="anthropic",
            model="claude",
            input_tokens=2000,
            output_tokens=0,
            requests=1,
            cost=0.2,
        ),
    ]
    with create_session_factory(engine)() as session:
        session.add_all(rows)
        session.commit()
        rebuild_cost_rollup(session)  # the rows went in behind ingestion's back
        session.commit()
    yield
    with create_session_factory(engine)() as session:
        for model in (CostRecord, GpuSample, TokenUsage):
            session.execute(delete(model).where(model.id.in_([r.id for r in rows if isinstance(r, model)])))
        rebuild_cost_rollup(session)
        session.commit()
    engine.dispose()


def test_cost_summary(api_server, seeded) -> None:
    with api_server.client() as client:
        data = ok(client.get("/costs/summary", params={"start": START, "end": END}))
        assert data == {
            "total_cost": 200.0,
            "currency": "USD",
            "period": {"start": START, "end": END},
            "services": [
                {"service": "aws-ec2", "cost": 150.25},
                {"service": "aws-s3", "cost": 25.0},
                {"service": "gcp-compute", "cost": 24.75},
            ],
        }
        filtered = ok(client.get("/costs/summary", params={"start": START, "end": END, "account": "dev"}))
        assert filtered["total_cost"] == 50.25
        eur = ok(client.get("/costs/summary", params={"start": START, "end": END, "currency": "EUR"}))
        assert (eur["total_cost"], eur["currency"]) == (7.0, "EUR")
        gcp = ok(client.get("/costs/summary", params={"start": START, "end": END, "provider": "gcp"}))
        assert gcp["services"] == [{"service": "gcp-compute", "cost": 24.75}]


def test_cost_by_service(api_server, seeded) -> None:
    with api_server.client() as client:
        data = ok(client.get("/costs/by-service", params={"start": START, "end": END}))
    assert data["currency"] == "USD"
    assert data["services"] == [
        {"service": "aws-ec2", "provider": "aws", "cost": 150.25, "percent": 75.12},
        {"service": "aws-s3", "provider": "aws", "cost": 25.0, "percent": 12.5},
        {"service": "gcp-compute", "provider": "gcp", "cost": 24.75, "percent": 12.38},
    ]


def test_gpu_utilization(api_server, seeded) -> None:
    with api_server.client() as client:
        data = ok(client.get("/gpu/utilization", params={"start": START, "end": END}))
    assert data["average_utilization"] == 45.0
    assert data["instances"] == [
        # three hourly samples span two hours and cover three
        {
            "instance_id": "gpu-a",
            "gpu_model": "A100",
            "average_utilization": 30.0,
            "average_memory": 40.0,
            "hours": 3.0,
            "cost": 6.0,
        },
        {
            "instance_id": "gpu-b",
            "gpu_model": "H100",
            "average_utilization": 90.0,
            "average_memory": 80.0,
            "hours": 1.0,
            "cost": 4.0,
        },
    ]


def test_tokens(api_server, seeded) -> None:
    with api_server.client() as client:
        usage = ok(client.get("/tokens/usage", params={"start": START, "end": END}))
        cost = ok(client.get("/tokens/cost", params={"start": START, "end": END}))
    assert usage == {
        "period": {"start": START, "end": END},
        "total_input_tokens": 4000,
        "total_output_tokens": 1000,
        "models": [
            {"provider": "anthropic", "model": "claude", "input_tokens": 2000, "output_tokens": 0, "requests": 1},
            {"provider": "openai", "model": "gpt-4o", "input_tokens": 2000, "output_tokens": 1000, "requests": 4},
        ],
    }
    assert cost == {
        "period": {"start": START, "end": END},
        "currency": "USD",
        "total_cost": 1.7,
        "models": [
            {"provider": "openai", "model": "gpt-4o", "cost": 1.5, "cost_per_1k_tokens": 0.5},
            {"provider": "anthropic", "model": "claude", "cost": 0.2, "cost_per_1k_tokens": 0.1},
        ],
    }


def test_empty_range_and_default_period(api_server) -> None:
    with api_server.client() as client:
        empty = ok(client.get("/costs/summary", params={"start": "1999-01-01", "end": "1999-01-31"}))
        assert (empty["total_cost"], empty["services"], empty["currency"]) == (0.0, [], "USD")
        default = ok(client.get("/tokens/usage"))
        assert default["period"]["start"].endswith("-01")


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2031-13-01"},
        {"start": "yesterday"},
        {"start": "2031-03-02", "end": "2031-03-01"},
        {"end": "2031-02-30"},
        {"start": "2031-03-01T00:00:00"},
    ],
)
def test_bad_dates_are_rejected(api_server, params) -> None:
    with api_server.client() as client:
        for path in ("/costs/summary", "/tokens/cost", "/carbon/footprint", "/anomalies"):
            err = error(client.get(path, params=params), 400, "invalid_request")
            assert err["details"][0]["field"] in {"start", "end"}


def test_computed_endpoints_answer_in_shape(api_server) -> None:
    with api_server.client() as client:
        params = {"threshold_percent": 5, "min_minutes": 30, "start": START, "end": END}
        idle = ok(client.get("/gpu/idle", params=params))
        assert idle == {
            "threshold_percent": 5.0,
            "min_minutes": 30,
            "total_wasted_cost": 0.0,
            "currency": "USD",
            "instances": [],
        }
        error(client.get("/gpu/idle", params={"threshold_percent": 101}), 400, "invalid_request")
        assert ok(client.get("/anomalies", params={"start": START, "end": END, "min_severity": "high"})) == []
        error(client.get("/anomalies", params={"min_severity": "extreme"}), 400, "invalid_request")
        carbon = ok(client.get("/carbon/footprint", params={"start": "2032-01-01", "end": "2032-01-31"}))
        assert carbon == {
            "period": {"start": "2032-01-01", "end": "2032-01-31"},
            "total_kgco2e": 0.0,
            "services": [],
            "regions": [],
        }
        for item in ok(client.get("/recommendations")):  # the demo data's
            assert set(item) == {"id", "type", "resource", "description", "estimated_monthly_savings", "currency"}


def test_report_generate_and_download(api_server, seeded) -> None:
    with api_server.client() as client:
        for fmt in ("json", "csv"):
            report = ok(client.post("/reports/generate", json={"start": START, "end": END, "format": fmt}), 201)
            assert report["id"].startswith("rep_") and report["status"] == "ready"
            assert report["period"] == {"start": START, "end": END} and report["format"] == fmt
            download = client.get(report["download_url"])
            assert download.status_code == 200
            if fmt == "json":
                assert download.json()["services"][0] == {
                    "service": "aws-ec2",
                    "provider": "aws",
                    "cost": 150.25,
                    "percent": 75.12,
                }
            else:
                assert download.text.splitlines()[:2] == [
                    "service,provider,cost,percent,currency",
                    "aws-ec2,aws,150.25,75.12,USD",
                ]
        err = error(client.post("/reports/generate", json={"start": END, "end": START}), 422, "validation_error")
        assert err["details"][0]["field"] == "end"
        error(client.get("/reports/rep_missing/download"), 404, "not_found")
