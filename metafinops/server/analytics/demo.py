"""Deterministic demo data: what ``metafinops demo-data`` and ``serve --demo`` load.

``days`` days (default 365, so a date range like March of this year or last has data) ending
on ``end`` (default: today, UTC) of:

- daily FOCUS cost rows for three providers (AWS, Google Cloud, Azure), five accounts and
  fourteen services, several resources each, with weekly seasonality (quieter weekends), a
  slow upward trend, a committed-use discount on production compute, and **one spend spike**:
  ``aws-ec2`` in ``prod-us-east-1`` runs at about 3x nine days before ``end`` (or on the
  1st of ``end``'s month, if that is later);
- GPU samples every 30 minutes (the last :data:`GPU_SAMPLE_DAYS` days at most) for seven
  instances, among them an A100 that is always idle, an
  H100 that went idle for the last month, a nightly-batch V100 idle most of the day, and a
  lightly used L4 (a rightsizing candidate); their running cost is also in the cost rows;
- token usage of six LLM models from three providers in six-hour buckets.

The same ``seed``, ``days`` and ``end`` always give the same rows. Random day-to-day noise could
look like an anomaly somewhere in a year of data; such days are brought back to their expected
cost, so the spike stays the only anomaly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

__all__ = ["DEFAULT_DAYS", "DEFAULT_SEED", "GPU_SAMPLE_DAYS", "DemoData", "generate_demo_data", "spike_date"]

DEFAULT_DAYS = 365
GPU_SAMPLE_DAYS = 90  # GPU samples are many (48 a day per instance): only the recent ones
DEFAULT_SEED = 42
SPIKE_DAYS_BEFORE_END = 9
SPIKE_FACTOR = 3.1
GPU_SAMPLE_MINUTES = 30
TOKEN_BUCKET_HOURS = 6

Row = dict[str, Any]


@dataclass(frozen=True)
class _Account:
    name: str
    provider: str
    region: str
    env: str


_ACCOUNTS = (
    _Account("prod-us-east-1", "aws", "us-east-1", "prod"),
    _Account("staging-us-west-2", "aws", "us-west-2", "staging"),
    _Account("prod-eu-west-1", "aws", "eu-west-1", "prod"),
    _Account("gcp-analytics-prod", "gcp", "us-central1", "prod"),
    _Account("azure-corp-prod", "azure", "westeurope", "prod"),
)
_PROVIDER_NAMES = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Microsoft Azure"}

# (service, account, base daily cost in USD, resources, team, weekend factor)
_SERVICES: tuple[tuple[str, str, float, int, str, float], ...] = (
    ("aws-ec2", "prod-us-east-1", 1240.0, 4, "platform", 0.70),
    ("aws-ec2", "staging-us-west-2", 310.0, 2, "platform", 0.45),
    ("aws-ec2", "prod-eu-west-1", 520.0, 3, "platform", 0.75),
    ("aws-s3", "prod-us-east-1", 180.0, 3, "data", 0.97),
    ("aws-s3", "staging-us-west-2", 38.0, 1, "data", 0.97),
    ("aws-s3", "prod-eu-west-1", 92.0, 2, "data", 0.97),
    ("aws-rds", "prod-us-east-1", 415.0, 2, "web", 0.85),
    ("aws-rds", "staging-us-west-2", 76.0, 1, "web", 0.85),
    ("aws-lambda", "prod-us-east-1", 64.0, 3, "web", 0.60),
    ("aws-lambda", "prod-eu-west-1", 27.0, 2, "web", 0.60),
    ("aws-cloudfront", "prod-us-east-1", 96.0, 1, "web", 0.80),
    ("gcp-bigquery", "gcp-analytics-prod", 350.0, 2, "data", 0.40),
    ("gcp-compute", "gcp-analytics-prod", 280.0, 3, "data", 0.75),
    ("gcp-storage", "gcp-analytics-prod", 71.0, 2, "data", 0.98),
    ("azure-vm", "azure-corp-prod", 262.0, 3, "corp-it", 0.65),
    ("azure-sql", "azure-corp-prod", 148.0, 1, "corp-it", 0.80),
    ("azure-blob", "azure-corp-prod", 44.0, 1, "corp-it", 0.98),
)
_DISCOUNTED = {"aws-ec2", "aws-rds", "gcp-compute", "azure-vm"}  # committed-use discounts in prod
_DISCOUNT = 0.82


@dataclass(frozen=True)
class _Gpu:
    instance_id: str
    gpu_model: str
    account: str
    service: str
    hourly_cost: float
    pattern: str  # busy | idle | idle_last_month | nightly_batch | light


_GPUS = (
    _Gpu("i-0a1f3c-train-a100-1", "NVIDIA A100", "prod-us-east-1", "aws-ec2", 4.10, "busy"),
    _Gpu("i-0a1f3c-train-a100-2", "NVIDIA A100", "prod-us-east-1", "aws-ec2", 4.10, "busy"),
    _Gpu("i-0c3d9e-dev-a100", "NVIDIA A100", "staging-us-west-2", "aws-ec2", 4.10, "idle"),
    _Gpu("i-0d4e7a-notebook-h100", "NVIDIA H100", "prod-eu-west-1", "aws-ec2", 9.80, "idle_last_month"),
    _Gpu("i-0e5f2b-batch-v100", "NVIDIA V100", "prod-us-east-1", "aws-ec2", 3.06, "nightly_batch"),
    _Gpu("i-0b2e8d-infer-l4", "NVIDIA L4", "prod-us-east-1", "aws-ec2", 0.85, "light"),
    _Gpu("gke-ml-pool-t4-1", "NVIDIA T4", "gcp-analytics-prod", "gcp-compute", 0.35, "busy"),
)

# (provider, model, USD per 1M input tokens, per 1M output tokens, daily input tokens, output share)
_MODELS = (
    ("openai", "gpt-4o", 2.50, 10.00, 42e6, 0.22),
    ("openai", "gpt-4o-mini", 0.15, 0.60, 95e6, 0.25),
    ("anthropic", "claude-3-5-sonnet", 3.00, 15.00, 26e6, 0.20),
    ("anthropic", "claude-3-5-haiku", 0.80, 4.00, 38e6, 0.24),
    ("google", "gemini-1.5-pro", 1.25, 5.00, 12e6, 0.18),
    ("google", "gemini-1.5-flash", 0.075, 0.30, 60e6, 0.20),
)


@dataclass
class DemoData:
    """Rows keyed by the ingestion record fields (:mod:`.records`)."""

    costs: list[Row] = field(default_factory=list)
    gpu_samples: list[Row] = field(default_factory=list)
    token_usage: list[Row] = field(default_factory=list)


def spike_date(end: date) -> date:
    """The day of the spend spike: nine days before ``end``, but never before the 1st of ``end``'s month
    (so the current month always shows it)."""
    return end - timedelta(days=min(SPIKE_DAYS_BEFORE_END, end.day - 1))


def _days(end: date, days: int) -> Iterator[tuple[int, date]]:
    start = end - timedelta(days=days - 1)
    for offset in range(days):
        yield offset, start + timedelta(days=offset)


def _cost_rows(rng: random.Random, end: date, days: int) -> Iterator[Row]:
    accounts = {account.name: account for account in _ACCOUNTS}
    spike_day = spike_date(end)
    for offset, day in _days(end, days):
        weekend = day.weekday() >= 5
        trend = 1.0 + 0.0015 * offset
        for service, account_name, base, resources, team, weekend_factor in _SERVICES:
            account = accounts[account_name]
            level = base * trend * (weekend_factor if weekend else 1.0)
            if day == spike_day and service == "aws-ec2" and account_name == "prod-us-east-1":
                level *= SPIKE_FACTOR
            shares = [1.0 + 0.5 * index for index in range(resources)]
            for index, share in enumerate(shares):
                billed = level * share / sum(shares) * rng.lognormvariate(0.0, 0.04)
                discount = _DISCOUNT if service in _DISCOUNTED and account.env == "prod" else 1.0
                yield _cost_row(
                    day, account, service, f"{service}-{account_name}-{index + 1:02d}", billed, discount, team
                )
        for gpu in _GPUS:
            account = accounts[gpu.account]
            yield _cost_row(day, account, gpu.service, gpu.instance_id, gpu.hourly_cost * 24, 1.0, "ml")


def _cost_row(
    day: date, account: _Account, service: str, resource: str, billed: float, discount: float, team: str
) -> Row:
    start = datetime.combine(day, time.min)
    return {
        "charge_period_start": start,
        "charge_period_end": start + timedelta(days=1),
        "billed_cost": round(billed, 4),
        "effective_cost": round(billed * discount, 4),
        "currency": "USD",
        "provider": _PROVIDER_NAMES[account.provider],
        "service": service,
        "sub_account": account.name,
        "region": account.region,
        "resource_id": resource,
        "tags": {"env": account.env, "team": team},
    }


def _utilization(rng: random.Random, gpu: _Gpu, moment: datetime, offset: int, days: int) -> tuple[float, float]:
    hour = moment.hour + moment.minute / 60.0
    if gpu.pattern == "idle" or (gpu.pattern == "idle_last_month" and offset >= days - 30):
        return rng.uniform(0.0, 3.0), rng.uniform(2.0, 6.0)
    if gpu.pattern == "nightly_batch":
        if 1.0 <= hour < 5.0:
            return rng.uniform(80.0, 98.0), rng.uniform(60.0, 85.0)
        return rng.uniform(0.0, 2.0), rng.uniform(1.0, 4.0)
    if gpu.pattern == "light":
        return rng.uniform(12.0, 24.0), rng.uniform(10.0, 25.0)
    daytime = 0.5 + 0.5 * math.sin((hour - 8.0) / 24.0 * 2 * math.pi)
    return min(100.0, 45.0 + 45.0 * daytime + rng.uniform(-5.0, 5.0)), rng.uniform(50.0, 80.0)


def _gpu_rows(rng: random.Random, end: date, days: int) -> Iterator[Row]:
    per_day = 24 * 60 // GPU_SAMPLE_MINUTES
    for gpu in _GPUS:
        for offset, day in _days(end, days):
            start = datetime.combine(day, time.min)
            for step in range(per_day):
                moment = start + timedelta(minutes=step * GPU_SAMPLE_MINUTES)
                utilization, memory = _utilization(rng, gpu, moment, offset, days)
                yield {
                    "instance_id": gpu.instance_id,
                    "gpu_model": gpu.gpu_model,
                    "account": gpu.account,
                    "timestamp": moment,
                    "utilization_percent": round(max(0.0, utilization), 2),
                    "memory_percent": round(memory, 2),
                    "hourly_cost": gpu.hourly_cost,
                }


def _token_rows(rng: random.Random, end: date, days: int) -> Iterator[Row]:
    buckets = 24 // TOKEN_BUCKET_HOURS
    for offset, day in _days(end, days):
        weekend = day.weekday() >= 5
        growth = 1.0 + 0.004 * offset
        for provider, model, price_in, price_out, daily_input, output_share in _MODELS:
            for bucket in range(buckets):
                business = 1.4 if bucket in (1, 2) else 0.6
                input_tokens = int(
                    daily_input / buckets * business * growth * (0.55 if weekend else 1.0) * rng.uniform(0.9, 1.1)
                )
                output_tokens = int(input_tokens * output_share * rng.uniform(0.9, 1.1))
                yield {
                    "timestamp": datetime.combine(day, time(hour=bucket * TOKEN_BUCKET_HOURS)),
                    "provider": provider,
                    "model": model,
                    "input_tokens": input_tokens,
                    "output_tokens": output_tokens,
                    "requests": max(1, input_tokens // 1800),
                    "cost": round(input_tokens * price_in / 1e6 + output_tokens * price_out / 1e6, 6),
                }


def generate_demo_data(*, days: int = DEFAULT_DAYS, seed: int = DEFAULT_SEED, end: date) -> DemoData:
    """The demo rows for ``days`` days ending on ``end`` (inclusive)."""
    if days < 1:
        raise ValueError("days must be at least 1")
    rng = random.Random(seed)
    return DemoData(
        costs=_without_chance_anomalies(list(_cost_rows(rng, end, days)), spike_date(end)),
        gpu_samples=list(_gpu_rows(rng, end, min(days, GPU_SAMPLE_DAYS))),
        token_usage=list(_token_rows(rng, end, days)),
    )


def _without_chance_anomalies(rows: list[Row], spike_day: date) -> list[Row]:
    """``rows`` with every anomaly but the planted spike scaled back to its expected cost."""
    from metafinops.server.analytics.anomalies import detect_anomalies

    for _ in range(5):  # scaling one day back can, rarely, expose another; bounded
        series: dict[tuple[str, str], dict[date, float]] = {}
        for row in rows:
            days = series.setdefault((row["service"], row["sub_account"]), {})
            day = row["charge_period_start"].date()
            days[day] = days.get(day, 0.0) + row["effective_cost"]
        chance = {
            (found.day, found.service, found.account): found.expected_cost / found.actual_cost
            for found in detect_anomalies(series)
            if found.day != spike_day and found.actual_cost > 0
        }
        if not chance:
            break
        for row in rows:
            factor = chance.get((row["charge_period_start"].date(), row["service"], row["sub_account"]))
            if factor is not None:
                row["billed_cost"] = round(row["billed_cost"] * factor, 4)
                row["effective_cost"] = round(row["effective_cost"] * factor, 4)
    return rows
