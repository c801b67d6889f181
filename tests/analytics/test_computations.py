"""The pure computations: anomalies, idle GPUs, carbon, recommendations, demo data, file reading."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pytest

from metafinops.server.analytics import anomalies, carbon, demo, gpu, recommendations
from metafinops.server.analytics.columns import RowError
from metafinops.server.analytics.focus import read_cost_rows, read_gpu_rows
from metafinops.server.events.budgets import current_period

MONDAY = date(2026, 3, 2)


def _weekly_series(days: int, spike: dict[int, float] | None = None) -> dict[date, float]:
    """Weekdays ~1000, weekends ~600, with small deterministic wobble."""
    series = {}
    for n in range(days):
        day = MONDAY + timedelta(days=n)
        level = 600.0 if day.weekday() >= 5 else 1000.0
        series[day] = level * (1 + 0.02 * ((n * 7) % 5 - 2) / 2) * (spike or {}).get(n, 1.0)
    return series


def test_weekly_seasonality_is_not_an_anomaly() -> None:
    found = anomalies.detect_anomalies({("aws-ec2", "prod"): _weekly_series(70)})
    assert found == []


def test_a_spike_is_found_with_expected_actual_and_severity() -> None:
    (found,) = anomalies.detect_anomalies({("aws-ec2", "prod"): _weekly_series(70, spike={63: 3.1})})
    assert found.day == MONDAY + timedelta(days=63)
    assert (found.service, found.account, found.severity) == ("aws-ec2", "prod", "high")
    assert 990 <= found.expected_cost <= 1010 and found.actual_cost > 3000
    assert found.score >= anomalies.Z_THRESHOLD and found.impact == pytest.approx(
        found.actual_cost - found.expected_cost
    )


def test_a_weekend_spike_is_judged_against_weekends() -> None:
    # 1.6x a Saturday is still below a weekday: only same-weekday history reveals it
    (found,) = anomalies.detect_anomalies({("s", "a"): _weekly_series(70, spike={68: 1.6})})
    assert found.day.weekday() == 5 and found.severity == "medium"


def test_drops_and_short_histories_are_not_reported() -> None:
    assert anomalies.detect_anomalies({("s", "a"): _weekly_series(70, spike={63: 0.1})}) == []
    assert anomalies.detect_anomalies({("s", "a"): _weekly_series(20, spike={19: 5.0})}) == []  # < 3 weeks


def test_severity_weighs_money_and_surprise_not_only_the_ratio() -> None:
    # a dollar against nothing used to be "critical"
    assert anomalies.severity_for(1.0, 0.0) == "low"
    assert anomalies.severity_for(50.0, 0.0) == "medium"
    assert anomalies.severity_for(450.0, 100.0, score=40.0) == "high"
    assert anomalies.severity_for(50_000.0, 10_000.0, score=80.0) == "critical"
    assert anomalies.severity_for(50_000.0, 10_000.0, score=5.0) == "medium"  # barely unusual for its series
    flat = {MONDAY + timedelta(days=n): 0.0 for n in range(70)}
    flat[MONDAY + timedelta(days=63)] = 1.5
    (found,) = anomalies.detect_anomalies({("s", "a"): flat})
    assert found.severity == "low"


def test_detection_is_bounded_per_series_and_one_broken_series_does_not_stop_the_others() -> None:
    spiky = _weekly_series(70, spike={63: 3.1})
    # one more day far later: only the last MAX_JUDGED_DAYS of the series are judged
    stretched = {**spiky, MONDAY + timedelta(days=70 + anomalies.MAX_JUDGED_DAYS): 0.5}
    assert anomalies.detect_anomalies({("s", "a"): stretched}) == []

    class Broken(dict[date, float]):
        def get(self, *_args: object, **_kwargs: object) -> float:
            raise OverflowError("date value out of range")

    found = anomalies.detect_anomalies({("broken", "a"): Broken(spiky), ("ok", "a"): spiky})
    assert [(a.service, a.day) for a in found] == [("ok", MONDAY + timedelta(days=63))]


def test_severity_ladder() -> None:
    assert [anomalies.severity_for_ratio(x, 100) for x in (120, 200, 300, 600)] == ["low", "medium", "high", "critical"]
    assert anomalies.severity_at_least("high", "medium") and not anomalies.severity_at_least("low", "medium")


def _samples(
    utilizations: list[float], start: datetime, step_minutes: int = 30, cost: float = 2.0
) -> list[gpu.GpuSample]:
    return [
        gpu.GpuSample("i-1", "NVIDIA A100", "prod", start + timedelta(minutes=step_minutes * n), u, 10.0, cost)
        for n, u in enumerate(utilizations)
    ]


def test_idle_episodes_need_the_minimum_duration() -> None:
    start = datetime(2026, 3, 1)
    busy, idle = [80.0] * 4, [2.0] * 4
    (found,) = gpu.find_idle_instances(_samples(busy + idle + busy + [1.0] + busy, start), min_minutes=60)
    (episode,) = found.episodes  # the lone low sample (30 min) is not an episode
    assert episode.start == start + timedelta(hours=2) and episode.minutes == 120
    assert found.idle_minutes == 120 and found.wasted_cost == pytest.approx(4.0)  # 2 h at $2/h
    assert gpu.find_idle_instances(_samples(busy * 3, start)) == []


def test_a_gap_in_the_samples_is_not_idle_time() -> None:
    start = datetime(2026, 3, 1)
    rows = _samples([1.0] * 3, start) + _samples([1.0] * 3, start + timedelta(hours=10))
    (found,) = gpu.find_idle_instances(rows, min_minutes=60)
    assert [e.minutes for e in found.episodes] == [90, 90]  # two runs, not one of 11 hours


def test_carbon_factors_come_from_the_published_tables() -> None:
    assert carbon.grid_intensity("us-east-1") == pytest.approx(0.379069)  # CCF, EPA eGRID SERC
    assert carbon.grid_intensity("europe-north1") == pytest.approx(0.133)
    assert carbon.grid_intensity("West Europe") == pytest.approx(0.39)
    assert carbon.grid_intensity("mars-1") == carbon.UNKNOWN_REGION_KGCO2E_PER_KWH
    assert carbon.service_category("aws-s3") == "storage" and carbon.service_category("aws-ec2") == "compute"
    # an A100 at 100 % for 10 h: 407 W x 10 h x PUE 1.135
    assert carbon.gpu_energy_kwh("NVIDIA A100 80GB", 100, 10, "AWS") == pytest.approx(4.07 * 1.135)
    assert carbon.cost_energy_kwh(-50, "aws-ec2", "aws") == 0.0


def test_model_switch_saves_the_price_difference_on_the_same_volume() -> None:
    usage = [
        recommendations.ModelUsage("openai", "big", 9_000_000, 1_000_000, 50.0, days=10),
        recommendations.ModelUsage("openai", "small", 9_000_000, 1_000_000, 5.0, days=10),
        recommendations.ModelUsage("other", "cheapest", 9_000_000, 1_000_000, 0.5, days=10),
    ]
    (rec,) = recommendations.model_switch_recommendations(usage)
    assert rec.resource == "openai/big" and "small" in rec.description
    assert rec.estimated_monthly_savings == pytest.approx(45.0 * 30.4 / 10)  # same tokens, the small model's rate
    assert rec.id == recommendations.recommendation_id("model_switch", "openai/big")


def test_rightsizing_moves_light_instances_to_a_cheaper_model() -> None:
    fleet = [
        recommendations.GpuFleetUsage("i-big", "H100", 12.0, 20.0, 9.8, 1.0),
        recommendations.GpuFleetUsage("i-small", "L4", 70.0, 60.0, 0.85, 1.0),
        recommendations.GpuFleetUsage("i-busy", "H100", 90.0, 80.0, 9.8, 1.0),
    ]
    (rec,) = recommendations.rightsizing_recommendations(fleet)
    assert rec.resource == "i-big" and rec.estimated_monthly_savings == pytest.approx((9.8 - 0.85) * 730)


def test_demo_data_is_deterministic_and_has_what_it_promises() -> None:
    end = date(2026, 3, 31)
    first, again = demo.generate_demo_data(seed=7, end=end), demo.generate_demo_data(seed=7, end=end)
    assert first == again
    assert demo.generate_demo_data(seed=8, end=end).costs != first.costs
    assert {row["provider"] for row in first.costs} == {"AWS", "Google Cloud", "Microsoft Azure"}
    assert len({row["service"] for row in first.costs}) >= 10 and len({row["sub_account"] for row in first.costs}) == 5
    assert {row["charge_period_start"].date() for row in first.costs} == {
        end - timedelta(days=n) for n in range(demo.DEFAULT_DAYS)
    }
    assert len({row["model"] for row in first.token_usage}) == 6
    series: dict[tuple[str, str], dict[date, float]] = {}
    for row in first.costs:
        key = (row["service"], row["sub_account"])
        day = row["charge_period_start"].date()
        series.setdefault(key, {})[day] = series.get(key, {}).get(day, 0.0) + row["effective_cost"]
    (spike,) = anomalies.detect_anomalies(series)  # one spike, nothing else
    assert (spike.day, spike.service, spike.account) == (demo.spike_date(end), "aws-ec2", "prod-us-east-1")
    samples = [gpu.GpuSample(**row) for row in first.gpu_samples if row["timestamp"].date() > end - timedelta(days=7)]
    idle = {item.instance_id for item in gpu.find_idle_instances(samples)}
    assert {"i-0c3d9e-dev-a100", "i-0d4e7a-notebook-h100", "i-0e5f2b-batch-v100"} <= idle


def test_the_spike_is_always_in_the_current_month() -> None:
    assert demo.spike_date(date(2026, 3, 31)) == date(2026, 3, 22)
    assert demo.spike_date(date(2026, 4, 3)) == date(2026, 4, 1)


FOCUS_HEADER = "BilledCost,ChargePeriodStart,ChargePeriodEnd,ProviderName,ServiceName,SubAccountId,Tags,x_Custom\n"


def test_focus_rows_are_read_with_their_line_numbers() -> None:
    text = (
        FOCUS_HEADER
        + '12.5,2026-03-01T00:00:00Z,2026-03-02T00:00:00Z,AWS,aws-ec2,prod,"{""env"": ""prod""}",x\n'
        + '1,2026-03-01,2026-03-02,AWS,aws-s3,prod,,"two\nlines"\n'
        + "\n"
        + "oops,2026-03-01,2026-03-02,AWS,aws-s3,prod,,\n"
    )
    rows = list(read_cost_rows(io.StringIO(text)))
    assert [line for line, _ in rows] == [2, 3, 6]
    assert rows[0][1].tags == {"env": "prod"} and rows[0][1].effective_cost == 12.5  # defaults to billed
    error = rows[2][1]
    assert isinstance(error, RowError) and error.line == 6 and error.field == "BilledCost"
    assert str(error).startswith("line 6: BilledCost:")


def test_snake_case_columns_and_a_missing_column() -> None:
    rows = list(
        read_gpu_rows(
            io.StringIO(
                "instance_id,gpu_model,timestamp,utilization_percent,hourly_cost\ni-1,T4,2026-03-01T10:00:00+02:00,5,0.35\n"
            )
        )
    )
    assert rows[0][1].timestamp == datetime(2026, 3, 1, 8, 0)  # converted to UTC
    with pytest.raises(RowError, match="missing column"):
        list(read_cost_rows(io.StringIO("BilledCost,ServiceName\n1,x\n")))


@pytest.mark.parametrize(
    ("period", "start", "today", "expected"),
    [
        ("monthly", date(2026, 1, 1), date(2026, 3, 15), (date(2026, 3, 1), date(2026, 3, 31))),
        ("monthly", date(2026, 1, 31), date(2026, 2, 28), (date(2026, 2, 28), date(2026, 3, 30))),
        ("quarterly", date(2026, 1, 1), date(2026, 6, 30), (date(2026, 4, 1), date(2026, 6, 30))),
        ("annual", date(2025, 7, 1), date(2026, 6, 30), (date(2025, 7, 1), date(2026, 6, 30))),
    ],
)
def test_budget_periods_are_anchored_on_the_start_date(period, start, today, expected) -> None:
    assert current_period(period, start, today) == expected
    assert current_period(period, start, start - timedelta(days=1)) is None
