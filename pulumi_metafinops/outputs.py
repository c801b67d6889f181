# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""Output types of nested objects, as resources and functions return them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, cast

import pulumi

__all__ = ["AlertPolicyConditions", "Anomaly", "BudgetAlert", "BudgetFilters", "BudgetThreshold", "CarbonByRegion", "CarbonByService", "CostSummaryService", "CostsByServiceRow", "GpuIdleInstance", "GpuUtilizationInstance", "Recommendation", "TokenCostModel", "TokenUsageModel"]


@pulumi.output_type
class AlertPolicyConditions(dict[str, Any]):
    """Detection conditions; which ones apply depends on `type`."""

    def __init__(
        self,
        *,
        accounts: Sequence[str] | None = None,
        budget_ids: Sequence[str] | None = None,
        idle_minutes: int | None = None,
        max_daily_token_cost: float | None = None,
        min_impact: float | None = None,
        min_severity: str | None = None,
        services: Sequence[str] | None = None,
        utilization_below_percent: float | None = None,
    ) -> None:
        pulumi.set(self, "accounts", accounts)
        pulumi.set(self, "budget_ids", budget_ids)
        pulumi.set(self, "idle_minutes", idle_minutes)
        pulumi.set(self, "max_daily_token_cost", max_daily_token_cost)
        pulumi.set(self, "min_impact", min_impact)
        pulumi.set(self, "min_severity", min_severity)
        pulumi.set(self, "services", services)
        pulumi.set(self, "utilization_below_percent", utilization_below_percent)

    @property
    @pulumi.getter
    def accounts(self) -> Sequence[str] | None:
        """`cost_anomaly`, `gpu_idle`: only these accounts."""
        return cast("Sequence[str] | None", pulumi.get(self, "accounts"))

    @property
    @pulumi.getter(name="budgetIds")
    def budget_ids(self) -> Sequence[str] | None:
        """`budget`: the budgets (`bud_…`) this policy routes."""
        return cast("Sequence[str] | None", pulumi.get(self, "budget_ids"))

    @property
    @pulumi.getter(name="idleMinutes")
    def idle_minutes(self) -> int | None:
        """`gpu_idle`: minutes a GPU must stay idle before the policy fires; a whole number >= 1."""
        return cast("int | None", pulumi.get(self, "idle_minutes"))

    @property
    @pulumi.getter(name="maxDailyTokenCost")
    def max_daily_token_cost(self) -> float | None:
        """`token_spend`: fire when a day's LLM token cost exceeds this amount; >= 0."""
        return cast("float | None", pulumi.get(self, "max_daily_token_cost"))

    @property
    @pulumi.getter(name="minImpact")
    def min_impact(self) -> float | None:
        """`cost_anomaly`: lowest cost impact (actual - expected) that fires; >= 0."""
        return cast("float | None", pulumi.get(self, "min_impact"))

    @property
    @pulumi.getter(name="minSeverity")
    def min_severity(self) -> str | None:
        """`cost_anomaly`: lowest anomaly severity that fires (`low`, `medium`, `high` or `critical`)."""
        return cast("str | None", pulumi.get(self, "min_severity"))

    @property
    @pulumi.getter
    def services(self) -> Sequence[str] | None:
        """`cost_anomaly`, `token_spend`: only these services."""
        return cast("Sequence[str] | None", pulumi.get(self, "services"))

    @property
    @pulumi.getter(name="utilizationBelowPercent")
    def utilization_below_percent(self) -> float | None:
        """`gpu_idle`: a GPU is idle below this utilization percent (0-100)."""
        return cast("float | None", pulumi.get(self, "utilization_below_percent"))


@pulumi.output_type
class Anomaly(dict[str, Any]):
    """Anomalies, oldest first."""

    def __init__(
        self,
        *,
        account: str | None = None,
        actual_cost: float | None = None,
        date: str | None = None,
        expected_cost: float | None = None,
        id: str | None = None,
        impact: float | None = None,
        service: str | None = None,
        severity: str | None = None,
    ) -> None:
        pulumi.set(self, "account", account)
        pulumi.set(self, "actual_cost", actual_cost)
        pulumi.set(self, "date", date)
        pulumi.set(self, "expected_cost", expected_cost)
        pulumi.set(self, "id", id)
        pulumi.set(self, "impact", impact)
        pulumi.set(self, "service", service)
        pulumi.set(self, "severity", severity)

    @property
    @pulumi.getter
    def account(self) -> str | None:
        """Account."""
        return cast("str | None", pulumi.get(self, "account"))

    @property
    @pulumi.getter(name="actualCost")
    def actual_cost(self) -> float | None:
        """Actual cost that day."""
        return cast("float | None", pulumi.get(self, "actual_cost"))

    @property
    @pulumi.getter
    def date(self) -> str | None:
        """Day of the anomaly."""
        return cast("str | None", pulumi.get(self, "date"))

    @property
    @pulumi.getter(name="expectedCost")
    def expected_cost(self) -> float | None:
        """Expected cost that day."""
        return cast("float | None", pulumi.get(self, "expected_cost"))

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """Anomaly id (`ano_…`)."""
        return cast("str | None", pulumi.get(self, "id"))

    @property
    @pulumi.getter
    def impact(self) -> float | None:
        """actual - expected."""
        return cast("float | None", pulumi.get(self, "impact"))

    @property
    @pulumi.getter
    def service(self) -> str | None:
        """Service."""
        return cast("str | None", pulumi.get(self, "service"))

    @property
    @pulumi.getter
    def severity(self) -> str | None:
        """`low`, `medium`, `high` or `critical`."""
        return cast("str | None", pulumi.get(self, "severity"))


@pulumi.output_type
class BudgetAlert(dict[str, Any]):
    """Alerts, oldest first."""

    def __init__(
        self,
        *,
        amount: float | None = None,
        basis: str | None = None,
        currency: str | None = None,
        id: str | None = None,
        period_start: str | None = None,
        spend: float | None = None,
        threshold_percent: float | None = None,
        triggered_at: str | None = None,
    ) -> None:
        pulumi.set(self, "amount", amount)
        pulumi.set(self, "basis", basis)
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "id", id)
        pulumi.set(self, "period_start", period_start)
        pulumi.set(self, "spend", spend)
        pulumi.set(self, "threshold_percent", threshold_percent)
        pulumi.set(self, "triggered_at", triggered_at)

    @property
    @pulumi.getter
    def amount(self) -> float | None:
        """The budget amount then."""
        return cast("float | None", pulumi.get(self, "amount"))

    @property
    @pulumi.getter
    def basis(self) -> str | None:
        """`actual` or `forecasted`."""
        return cast("str | None", pulumi.get(self, "basis"))

    @property
    @pulumi.getter
    def currency(self) -> str | None:
        """Currency of spend and amount."""
        return cast("str | None", pulumi.get(self, "currency"))

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """Alert id (`alr_…`)."""
        return cast("str | None", pulumi.get(self, "id"))

    @property
    @pulumi.getter(name="periodStart")
    def period_start(self) -> str | None:
        """First day of the budget period."""
        return cast("str | None", pulumi.get(self, "period_start"))

    @property
    @pulumi.getter
    def spend(self) -> float | None:
        """Spend (or forecast) when the rule fired."""
        return cast("float | None", pulumi.get(self, "spend"))

    @property
    @pulumi.getter(name="thresholdPercent")
    def threshold_percent(self) -> float | None:
        """The rule's percent."""
        return cast("float | None", pulumi.get(self, "threshold_percent"))

    @property
    @pulumi.getter(name="triggeredAt")
    def triggered_at(self) -> str | None:
        """When the rule fired (RFC 3339)."""
        return cast("str | None", pulumi.get(self, "triggered_at"))


@pulumi.output_type
class BudgetFilters(dict[str, Any]):
    """What spend counts towards the budget; all spend when omitted."""

    def __init__(
        self,
        *,
        accounts: Sequence[str] | None = None,
        models: Sequence[str] | None = None,
        providers: Sequence[str] | None = None,
        services: Sequence[str] | None = None,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        pulumi.set(self, "accounts", accounts)
        pulumi.set(self, "models", models)
        pulumi.set(self, "providers", providers)
        pulumi.set(self, "services", services)
        pulumi.set(self, "tags", tags)

    @property
    @pulumi.getter
    def accounts(self) -> Sequence[str] | None:
        """Only spend in these accounts / sub-accounts."""
        return cast("Sequence[str] | None", pulumi.get(self, "accounts"))

    @property
    @pulumi.getter
    def models(self) -> Sequence[str] | None:
        """Only spend on these LLM models."""
        return cast("Sequence[str] | None", pulumi.get(self, "models"))

    @property
    @pulumi.getter
    def providers(self) -> Sequence[str] | None:
        """Only spend with these providers: FOCUS `ProviderName`s (`AWS`, `Google Cloud`…), or model providers
        (`openai`…) for token spend.
        """
        return cast("Sequence[str] | None", pulumi.get(self, "providers"))

    @property
    @pulumi.getter
    def services(self) -> Sequence[str] | None:
        """Only spend on these services (e.g. `aws-ec2`)."""
        return cast("Sequence[str] | None", pulumi.get(self, "services"))

    @property
    @pulumi.getter
    def tags(self) -> Mapping[str, str] | None:
        """Only spend on resources carrying all of these tags."""
        return cast("Mapping[str, str] | None", pulumi.get(self, "tags"))


@pulumi.output_type
class BudgetThreshold(dict[str, Any]):
    """Threshold rules; each fires once per period."""

    def __init__(
        self,
        *,
        percent: float,
        basis: str | None = None,
    ) -> None:
        pulumi.set(self, "percent", percent)
        pulumi.set(self, "basis", basis)

    @property
    @pulumi.getter
    def percent(self) -> float:
        """Percent of `amount` at which the rule fires (0 < percent <= 1000)."""
        return cast("float", pulumi.get(self, "percent"))

    @property
    @pulumi.getter
    def basis(self) -> str | None:
        """Compare the threshold with `actual` spend so far or with the `forecasted` spend for the period."""
        return cast("str | None", pulumi.get(self, "basis"))


@pulumi.output_type
class CarbonByRegion(dict[str, Any]):
    """Emissions per region."""

    def __init__(
        self,
        *,
        kgco2e: float | None = None,
        region: str | None = None,
    ) -> None:
        pulumi.set(self, "kgco2e", kgco2e)
        pulumi.set(self, "region", region)

    @property
    @pulumi.getter
    def kgco2e(self) -> float | None:
        """kgCO2e."""
        return cast("float | None", pulumi.get(self, "kgco2e"))

    @property
    @pulumi.getter
    def region(self) -> str | None:
        """Region."""
        return cast("str | None", pulumi.get(self, "region"))


@pulumi.output_type
class CarbonByService(dict[str, Any]):
    """Emissions per service."""

    def __init__(
        self,
        *,
        kgco2e: float | None = None,
        service: str | None = None,
    ) -> None:
        pulumi.set(self, "kgco2e", kgco2e)
        pulumi.set(self, "service", service)

    @property
    @pulumi.getter
    def kgco2e(self) -> float | None:
        """kgCO2e."""
        return cast("float | None", pulumi.get(self, "kgco2e"))

    @property
    @pulumi.getter
    def service(self) -> str | None:
        """Service."""
        return cast("str | None", pulumi.get(self, "service"))


@pulumi.output_type
class CostSummaryService(dict[str, Any]):
    """Cost per service, highest first."""

    def __init__(
        self,
        *,
        cost: float | None = None,
        service: str | None = None,
    ) -> None:
        pulumi.set(self, "cost", cost)
        pulumi.set(self, "service", service)

    @property
    @pulumi.getter
    def cost(self) -> float | None:
        """Cost of the service in the range."""
        return cast("float | None", pulumi.get(self, "cost"))

    @property
    @pulumi.getter
    def service(self) -> str | None:
        """Service name."""
        return cast("str | None", pulumi.get(self, "service"))


@pulumi.output_type
class CostsByServiceRow(dict[str, Any]):
    """One row per service, highest cost first."""

    def __init__(
        self,
        *,
        cost: float | None = None,
        percent: float | None = None,
        provider: str | None = None,
        service: str | None = None,
    ) -> None:
        pulumi.set(self, "cost", cost)
        pulumi.set(self, "percent", percent)
        pulumi.set(self, "provider", provider)
        pulumi.set(self, "service", service)

    @property
    @pulumi.getter
    def cost(self) -> float | None:
        """Cost in the range."""
        return cast("float | None", pulumi.get(self, "cost"))

    @property
    @pulumi.getter
    def percent(self) -> float | None:
        """Share of the total, in percent."""
        return cast("float | None", pulumi.get(self, "percent"))

    @property
    @pulumi.getter
    def provider(self) -> str | None:
        """Provider of the service."""
        return cast("str | None", pulumi.get(self, "provider"))

    @property
    @pulumi.getter
    def service(self) -> str | None:
        """Service name."""
        return cast("str | None", pulumi.get(self, "service"))


@pulumi.output_type
class GpuIdleInstance(dict[str, Any]):
    """Idle instances, most wasteful first."""

    def __init__(
        self,
        *,
        average_utilization: float | None = None,
        gpu_model: str | None = None,
        idle_minutes: float | None = None,
        instance_id: str | None = None,
        wasted_cost: float | None = None,
    ) -> None:
        pulumi.set(self, "average_utilization", average_utilization)
        pulumi.set(self, "gpu_model", gpu_model)
        pulumi.set(self, "idle_minutes", idle_minutes)
        pulumi.set(self, "instance_id", instance_id)
        pulumi.set(self, "wasted_cost", wasted_cost)

    @property
    @pulumi.getter(name="averageUtilization")
    def average_utilization(self) -> float | None:
        """Average utilization percent while idle."""
        return cast("float | None", pulumi.get(self, "average_utilization"))

    @property
    @pulumi.getter(name="gpuModel")
    def gpu_model(self) -> str | None:
        """GPU model."""
        return cast("str | None", pulumi.get(self, "gpu_model"))

    @property
    @pulumi.getter(name="idleMinutes")
    def idle_minutes(self) -> float | None:
        """Minutes idle."""
        return cast("float | None", pulumi.get(self, "idle_minutes"))

    @property
    @pulumi.getter(name="instanceId")
    def instance_id(self) -> str | None:
        """Instance id."""
        return cast("str | None", pulumi.get(self, "instance_id"))

    @property
    @pulumi.getter(name="wastedCost")
    def wasted_cost(self) -> float | None:
        """Cost of the idle time."""
        return cast("float | None", pulumi.get(self, "wasted_cost"))


@pulumi.output_type
class GpuUtilizationInstance(dict[str, Any]):
    """One row per GPU instance."""

    def __init__(
        self,
        *,
        average_memory: float | None = None,
        average_utilization: float | None = None,
        cost: float | None = None,
        gpu_model: str | None = None,
        hours: float | None = None,
        instance_id: str | None = None,
    ) -> None:
        pulumi.set(self, "average_memory", average_memory)
        pulumi.set(self, "average_utilization", average_utilization)
        pulumi.set(self, "cost", cost)
        pulumi.set(self, "gpu_model", gpu_model)
        pulumi.set(self, "hours", hours)
        pulumi.set(self, "instance_id", instance_id)

    @property
    @pulumi.getter(name="averageMemory")
    def average_memory(self) -> float | None:
        """Average memory use percent."""
        return cast("float | None", pulumi.get(self, "average_memory"))

    @property
    @pulumi.getter(name="averageUtilization")
    def average_utilization(self) -> float | None:
        """Average utilization percent."""
        return cast("float | None", pulumi.get(self, "average_utilization"))

    @property
    @pulumi.getter
    def cost(self) -> float | None:
        """Cost in the range."""
        return cast("float | None", pulumi.get(self, "cost"))

    @property
    @pulumi.getter(name="gpuModel")
    def gpu_model(self) -> str | None:
        """GPU model."""
        return cast("str | None", pulumi.get(self, "gpu_model"))

    @property
    @pulumi.getter
    def hours(self) -> float | None:
        """Hours sampled."""
        return cast("float | None", pulumi.get(self, "hours"))

    @property
    @pulumi.getter(name="instanceId")
    def instance_id(self) -> str | None:
        """Instance id."""
        return cast("str | None", pulumi.get(self, "instance_id"))


@pulumi.output_type
class Recommendation(dict[str, Any]):
    """Recommendations, largest saving first."""

    def __init__(
        self,
        *,
        currency: str | None = None,
        description: str | None = None,
        estimated_monthly_savings: float | None = None,
        id: str | None = None,
        resource: str | None = None,
        type: str | None = None,
    ) -> None:
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "description", description)
        pulumi.set(self, "estimated_monthly_savings", estimated_monthly_savings)
        pulumi.set(self, "id", id)
        pulumi.set(self, "resource", resource)
        pulumi.set(self, "type", type)

    @property
    @pulumi.getter
    def currency(self) -> str | None:
        """Currency of the savings."""
        return cast("str | None", pulumi.get(self, "currency"))

    @property
    @pulumi.getter
    def description(self) -> str | None:
        """What to do."""
        return cast("str | None", pulumi.get(self, "description"))

    @property
    @pulumi.getter(name="estimatedMonthlySavings")
    def estimated_monthly_savings(self) -> float | None:
        """Estimated savings per month."""
        return cast("float | None", pulumi.get(self, "estimated_monthly_savings"))

    @property
    @pulumi.getter
    def id(self) -> str | None:
        """Recommendation id (`rec_…`)."""
        return cast("str | None", pulumi.get(self, "id"))

    @property
    @pulumi.getter
    def resource(self) -> str | None:
        """What the recommendation is about."""
        return cast("str | None", pulumi.get(self, "resource"))

    @property
    @pulumi.getter
    def type(self) -> str | None:
        """`idle_gpu`, `rightsizing` or `model_switch`."""
        return cast("str | None", pulumi.get(self, "type"))


@pulumi.output_type
class TokenCostModel(dict[str, Any]):
    """One row per provider and model, highest cost first."""

    def __init__(
        self,
        *,
        cost: float | None = None,
        cost_per1k_tokens: float | None = None,
        model: str | None = None,
        provider: str | None = None,
    ) -> None:
        pulumi.set(self, "cost", cost)
        pulumi.set(self, "cost_per1k_tokens", cost_per1k_tokens)
        pulumi.set(self, "model", model)
        pulumi.set(self, "provider", provider)

    @property
    @pulumi.getter
    def cost(self) -> float | None:
        """Cost in the range."""
        return cast("float | None", pulumi.get(self, "cost"))

    @property
    @pulumi.getter(name="costPer1kTokens")
    def cost_per1k_tokens(self) -> float | None:
        """Blended cost per 1,000 tokens."""
        return cast("float | None", pulumi.get(self, "cost_per1k_tokens"))

    @property
    @pulumi.getter
    def model(self) -> str | None:
        """Model name."""
        return cast("str | None", pulumi.get(self, "model"))

    @property
    @pulumi.getter
    def provider(self) -> str | None:
        """LLM provider."""
        return cast("str | None", pulumi.get(self, "provider"))


@pulumi.output_type
class TokenUsageModel(dict[str, Any]):
    """One row per provider and model."""

    def __init__(
        self,
        *,
        input_tokens: float | None = None,
        model: str | None = None,
        output_tokens: float | None = None,
        provider: str | None = None,
        requests: float | None = None,
    ) -> None:
        pulumi.set(self, "input_tokens", input_tokens)
        pulumi.set(self, "model", model)
        pulumi.set(self, "output_tokens", output_tokens)
        pulumi.set(self, "provider", provider)
        pulumi.set(self, "requests", requests)

    @property
    @pulumi.getter(name="inputTokens")
    def input_tokens(self) -> float | None:
        """Input tokens."""
        return cast("float | None", pulumi.get(self, "input_tokens"))

    @property
    @pulumi.getter
    def model(self) -> str | None:
        """Model name."""
        return cast("str | None", pulumi.get(self, "model"))

    @property
    @pulumi.getter(name="outputTokens")
    def output_tokens(self) -> float | None:
        """Output tokens."""
        return cast("float | None", pulumi.get(self, "output_tokens"))

    @property
    @pulumi.getter
    def provider(self) -> str | None:
        """LLM provider."""
        return cast("str | None", pulumi.get(self, "provider"))

    @property
    @pulumi.getter
    def requests(self) -> float | None:
        """Requests recorded."""
        return cast("float | None", pulumi.get(self, "requests"))
