"""Cost optimization recommendations, each with an estimated monthly saving.

Three kinds, all estimated from the data itself rather than from price lists that go stale:

- ``idle_gpu``: an instance with idle episodes (see :mod:`.gpu`). Stopping it while idle saves
  its hourly cost times the share of time it was idle, over a month.
- ``rightsizing``: an instance that is busy but lightly used — average utilization under
  :data:`RIGHTSIZE_UTILIZATION` % and memory under :data:`RIGHTSIZE_MEMORY` % — while a GPU
  model that costs less per hour runs elsewhere in the fleet. The saving is the hourly
  difference over the hours it runs in a month.
- ``model_switch``: an LLM model whose blended cost per token is at least
  :data:`MODEL_SWITCH_MIN_RATIO` times that of another model of the same provider in use. The
  saving is the same token volume at the cheaper model's observed rate, over a month.

Ids are stable (derived from the kind and the resource) so a recommendation keeps its id
while it stays true.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from metafinops._contract import RecommendationType
from metafinops.server.analytics.gpu import IdleInstance

__all__ = [
    "HOURS_PER_MONTH",
    "GpuFleetUsage",
    "ModelUsage",
    "Recommendation",
    "idle_gpu_recommendations",
    "model_switch_recommendations",
    "recommendation_id",
    "rightsizing_recommendations",
]

HOURS_PER_MONTH = 730.0
DAYS_PER_MONTH = 30.4
RIGHTSIZE_UTILIZATION = 35.0
RIGHTSIZE_MEMORY = 40.0
MODEL_SWITCH_MIN_RATIO = 2.0
MIN_MONTHLY_SAVINGS = 1.0


@dataclass(frozen=True)
class Recommendation:
    """A suggested change and what it would save per month."""

    type: RecommendationType
    resource: str
    description: str
    estimated_monthly_savings: float
    currency: str

    @property
    def id(self) -> str:
        return recommendation_id(self.type, self.resource)


@dataclass(frozen=True)
class GpuFleetUsage:
    """One GPU instance over the period looked at."""

    instance_id: str
    gpu_model: str
    average_utilization: float
    average_memory: float
    hourly_cost: float
    running_fraction: float  # share of the period the instance reported samples (0-1)


@dataclass(frozen=True)
class ModelUsage:
    """Token use of one model over ``days`` days."""

    provider: str
    model: str
    input_tokens: int
    output_tokens: int
    cost: float
    days: float

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    @property
    def cost_per_token(self) -> float:
        return self.cost / self.tokens if self.tokens else 0.0


def recommendation_id(kind: str, resource: str) -> str:
    """``rec_`` + 20 hex characters of a hash of kind and resource."""
    return "rec_" + hashlib.sha256(f"{kind}\x00{resource}".encode()).hexdigest()[:20]


def idle_gpu_recommendations(idle: Iterable[IdleInstance], currency: str = "USD") -> list[Recommendation]:
    """Stop or schedule instances that sit idle."""
    found = []
    for instance in idle:
        savings = instance.hourly_cost * HOURS_PER_MONTH * instance.idle_fraction
        if savings < MIN_MONTHLY_SAVINGS:
            continue
        found.append(
            Recommendation(
                type="idle_gpu",
                resource=instance.instance_id,
                description=(
                    f"{instance.gpu_model} instance {instance.instance_id} ({instance.account}) was idle "
                    f"{instance.idle_fraction:.0%} of the time (average utilization "
                    f"{instance.average_utilization:.1f}%). Stop it when idle or schedule it."
                ),
                estimated_monthly_savings=round(savings, 2),
                currency=currency,
            )
        )
    return found


def rightsizing_recommendations(
    fleet: Sequence[GpuFleetUsage], *, skip: Iterable[str] = (), currency: str = "USD"
) -> list[Recommendation]:
    """Move lightly used instances to the cheapest GPU model the fleet already runs."""
    hourly_by_model: dict[str, float] = {}
    for usage in fleet:
        current = hourly_by_model.get(usage.gpu_model)
        hourly_by_model[usage.gpu_model] = usage.hourly_cost if current is None else min(current, usage.hourly_cost)
    skipped = set(skip)
    found = []
    for usage in fleet:
        if usage.instance_id in skipped:
            continue
        if usage.average_utilization >= RIGHTSIZE_UTILIZATION or usage.average_memory >= RIGHTSIZE_MEMORY:
            continue
        cheaper = [(hourly, model) for model, hourly in hourly_by_model.items() if hourly < usage.hourly_cost]
        if not cheaper:
            continue
        hourly, model = min(cheaper)
        savings = (usage.hourly_cost - hourly) * HOURS_PER_MONTH * usage.running_fraction
        if savings < MIN_MONTHLY_SAVINGS:
            continue
        found.append(
            Recommendation(
                type="rightsizing",
                resource=usage.instance_id,
                description=(
                    f"{usage.instance_id} ({usage.gpu_model}) averages {usage.average_utilization:.1f}% "
                    f"utilization and {usage.average_memory:.1f}% memory; a {model} "
                    f"(${hourly:.2f}/h instead of ${usage.hourly_cost:.2f}/h) should carry the load."
                ),
                estimated_monthly_savings=round(savings, 2),
                currency=currency,
            )
        )
    return found


def model_switch_recommendations(models: Sequence[ModelUsage], currency: str = "USD") -> list[Recommendation]:
    """Serve the same token volume with a cheaper model of the same provider."""
    found = []
    for usage in models:
        if not usage.tokens or usage.days <= 0:
            continue
        alternatives = [
            other
            for other in models
            if other.provider == usage.provider
            and other.model != usage.model
            and other.tokens
            and other.cost_per_token * MODEL_SWITCH_MIN_RATIO <= usage.cost_per_token
        ]
        if not alternatives:
            continue
        cheapest = min(alternatives, key=lambda other: (other.cost_per_token, other.model))
        monthly_tokens = usage.tokens * DAYS_PER_MONTH / usage.days
        savings = (usage.cost_per_token - cheapest.cost_per_token) * monthly_tokens
        if savings < MIN_MONTHLY_SAVINGS:
            continue
        found.append(
            Recommendation(
                type="model_switch",
                resource=f"{usage.provider}/{usage.model}",
                description=(
                    f"{usage.model} costs ${1000 * usage.cost_per_token:.4f} per 1k tokens, "
                    f"{usage.cost_per_token / cheapest.cost_per_token:.0f}x {cheapest.model} "
                    f"(${1000 * cheapest.cost_per_token:.4f}). Route requests that do not need "
                    f"{usage.model} to {cheapest.model}; the estimate moves all of its "
                    f"{monthly_tokens / 1e6:,.1f}M tokens a month."
                ),
                estimated_monthly_savings=round(savings, 2),
                currency=currency,
            )
        )
    return found
