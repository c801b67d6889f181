# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""Argument types of nested objects: each as an ``*Args`` class and as a ``TypedDict``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NotRequired, TypedDict, cast

import pulumi

__all__ = ["AlertPolicyConditionsArgs", "AlertPolicyConditionsArgsDict", "BudgetFiltersArgs", "BudgetFiltersArgsDict", "BudgetThresholdArgs", "BudgetThresholdArgsDict"]


@pulumi.input_type
class AlertPolicyConditionsArgs:
    def __init__(
        self,
        *,
        accounts: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        budget_ids: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        idle_minutes: pulumi.Input[int] | None = None,
        max_daily_token_cost: pulumi.Input[float] | None = None,
        min_impact: pulumi.Input[float] | None = None,
        min_severity: pulumi.Input[str] | None = None,
        services: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        utilization_below_percent: pulumi.Input[float] | None = None,
    ) -> None:
        """Detection conditions; which ones apply depends on `type`.

        :param accounts: `cost_anomaly`, `gpu_idle`: only these accounts.
        :param budget_ids: `budget`: the budgets (`bud_…`) this policy routes.
        :param idle_minutes: `gpu_idle`: minutes a GPU must stay idle before the policy fires; a whole number >= 1.
        :param max_daily_token_cost: `token_spend`: fire when a day's LLM token cost exceeds this amount; >= 0.
        :param min_impact: `cost_anomaly`: lowest cost impact (actual - expected) that fires; >= 0.
        :param min_severity: `cost_anomaly`: lowest anomaly severity that fires (`low`, `medium`, `high` or
            `critical`).
        :param services: `cost_anomaly`, `token_spend`: only these services.
        :param utilization_below_percent: `gpu_idle`: a GPU is idle below this utilization percent (0-100).
        """
        if accounts is not None:
            pulumi.set(self, "accounts", accounts)
        if budget_ids is not None:
            pulumi.set(self, "budget_ids", budget_ids)
        if idle_minutes is not None:
            pulumi.set(self, "idle_minutes", idle_minutes)
        if max_daily_token_cost is not None:
            pulumi.set(self, "max_daily_token_cost", max_daily_token_cost)
        if min_impact is not None:
            pulumi.set(self, "min_impact", min_impact)
        if min_severity is not None:
            pulumi.set(self, "min_severity", min_severity)
        if services is not None:
            pulumi.set(self, "services", services)
        if utilization_below_percent is not None:
            pulumi.set(self, "utilization_below_percent", utilization_below_percent)

    @property
    @pulumi.getter
    def accounts(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """`cost_anomaly`, `gpu_idle`: only these accounts."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "accounts"))

    @accounts.setter
    def accounts(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "accounts", value)

    @property
    @pulumi.getter(name="budgetIds")
    def budget_ids(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """`budget`: the budgets (`bud_…`) this policy routes."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "budget_ids"))

    @budget_ids.setter
    def budget_ids(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "budget_ids", value)

    @property
    @pulumi.getter(name="idleMinutes")
    def idle_minutes(self) -> pulumi.Input[int] | None:
        """`gpu_idle`: minutes a GPU must stay idle before the policy fires; a whole number >= 1."""
        return cast("pulumi.Input[int] | None", pulumi.get(self, "idle_minutes"))

    @idle_minutes.setter
    def idle_minutes(self, value: pulumi.Input[int] | None) -> None:
        pulumi.set(self, "idle_minutes", value)

    @property
    @pulumi.getter(name="maxDailyTokenCost")
    def max_daily_token_cost(self) -> pulumi.Input[float] | None:
        """`token_spend`: fire when a day's LLM token cost exceeds this amount; >= 0."""
        return cast("pulumi.Input[float] | None", pulumi.get(self, "max_daily_token_cost"))

    @max_daily_token_cost.setter
    def max_daily_token_cost(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "max_daily_token_cost", value)

    @property
    @pulumi.getter(name="minImpact")
    def min_impact(self) -> pulumi.Input[float] | None:
        """`cost_anomaly`: lowest cost impact (actual - expected) that fires; >= 0."""
        return cast("pulumi.Input[float] | None", pulumi.get(self, "min_impact"))

    @min_impact.setter
    def min_impact(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "min_impact", value)

    @property
    @pulumi.getter(name="minSeverity")
    def min_severity(self) -> pulumi.Input[str] | None:
        """`cost_anomaly`: lowest anomaly severity that fires (`low`, `medium`, `high` or `critical`)."""
        return cast("pulumi.Input[str] | None", pulumi.get(self, "min_severity"))

    @min_severity.setter
    def min_severity(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "min_severity", value)

    @property
    @pulumi.getter
    def services(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """`cost_anomaly`, `token_spend`: only these services."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "services"))

    @services.setter
    def services(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "services", value)

    @property
    @pulumi.getter(name="utilizationBelowPercent")
    def utilization_below_percent(self) -> pulumi.Input[float] | None:
        """`gpu_idle`: a GPU is idle below this utilization percent (0-100)."""
        return cast("pulumi.Input[float] | None", pulumi.get(self, "utilization_below_percent"))

    @utilization_below_percent.setter
    def utilization_below_percent(self, value: pulumi.Input[float] | None) -> None:
        pulumi.set(self, "utilization_below_percent", value)


class AlertPolicyConditionsArgsDict(TypedDict):
    """Detection conditions; which ones apply depends on `type`."""
    accounts: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """`cost_anomaly`, `gpu_idle`: only these accounts."""
    budget_ids: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """`budget`: the budgets (`bud_…`) this policy routes."""
    idle_minutes: NotRequired[pulumi.Input[int]]
    """`gpu_idle`: minutes a GPU must stay idle before the policy fires; a whole number >= 1."""
    max_daily_token_cost: NotRequired[pulumi.Input[float]]
    """`token_spend`: fire when a day's LLM token cost exceeds this amount; >= 0."""
    min_impact: NotRequired[pulumi.Input[float]]
    """`cost_anomaly`: lowest cost impact (actual - expected) that fires; >= 0."""
    min_severity: NotRequired[pulumi.Input[str]]
    """`cost_anomaly`: lowest anomaly severity that fires (`low`, `medium`, `high` or `critical`)."""
    services: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """`cost_anomaly`, `token_spend`: only these services."""
    utilization_below_percent: NotRequired[pulumi.Input[float]]
    """`gpu_idle`: a GPU is idle below this utilization percent (0-100)."""


@pulumi.input_type
class BudgetFiltersArgs:
    def __init__(
        self,
        *,
        accounts: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        models: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        providers: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        services: pulumi.Input[Sequence[pulumi.Input[str]]] | None = None,
        tags: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None = None,
    ) -> None:
        """What spend counts towards the budget; all spend when omitted.

        :param accounts: Only spend in these accounts / sub-accounts.
        :param models: Only spend on these LLM models.
        :param providers: Only spend with these providers: FOCUS `ProviderName`s (`AWS`, `Google Cloud`…), or model
            providers (`openai`…) for token spend.
        :param services: Only spend on these services (e.g. `aws-ec2`).
        :param tags: Only spend on resources carrying all of these tags.
        """
        if accounts is not None:
            pulumi.set(self, "accounts", accounts)
        if models is not None:
            pulumi.set(self, "models", models)
        if providers is not None:
            pulumi.set(self, "providers", providers)
        if services is not None:
            pulumi.set(self, "services", services)
        if tags is not None:
            pulumi.set(self, "tags", tags)

    @property
    @pulumi.getter
    def accounts(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Only spend in these accounts / sub-accounts."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "accounts"))

    @accounts.setter
    def accounts(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "accounts", value)

    @property
    @pulumi.getter
    def models(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Only spend on these LLM models."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "models"))

    @models.setter
    def models(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "models", value)

    @property
    @pulumi.getter
    def providers(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Only spend with these providers: FOCUS `ProviderName`s (`AWS`, `Google Cloud`…), or model providers
        (`openai`…) for token spend.
        """
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "providers"))

    @providers.setter
    def providers(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "providers", value)

    @property
    @pulumi.getter
    def services(self) -> pulumi.Input[Sequence[pulumi.Input[str]]] | None:
        """Only spend on these services (e.g. `aws-ec2`)."""
        return cast("pulumi.Input[Sequence[pulumi.Input[str]]] | None", pulumi.get(self, "services"))

    @services.setter
    def services(self, value: pulumi.Input[Sequence[pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "services", value)

    @property
    @pulumi.getter
    def tags(self) -> pulumi.Input[Mapping[str, pulumi.Input[str]]] | None:
        """Only spend on resources carrying all of these tags."""
        return cast("pulumi.Input[Mapping[str, pulumi.Input[str]]] | None", pulumi.get(self, "tags"))

    @tags.setter
    def tags(self, value: pulumi.Input[Mapping[str, pulumi.Input[str]]] | None) -> None:
        pulumi.set(self, "tags", value)


class BudgetFiltersArgsDict(TypedDict):
    """What spend counts towards the budget; all spend when omitted."""
    accounts: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Only spend in these accounts / sub-accounts."""
    models: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Only spend on these LLM models."""
    providers: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Only spend with these providers: FOCUS `ProviderName`s (`AWS`, `Google Cloud`…), or model providers (`openai`…)
    for token spend.
    """
    services: NotRequired[pulumi.Input[Sequence[pulumi.Input[str]]]]
    """Only spend on these services (e.g. `aws-ec2`)."""
    tags: NotRequired[pulumi.Input[Mapping[str, pulumi.Input[str]]]]
    """Only spend on resources carrying all of these tags."""


@pulumi.input_type
class BudgetThresholdArgs:
    def __init__(
        self,
        *,
        percent: pulumi.Input[float],
        basis: pulumi.Input[str] | None = None,
    ) -> None:
        """Threshold rules; each fires once per period.

        :param percent: Percent of `amount` at which the rule fires (0 < percent <= 1000).
        :param basis: Compare the threshold with `actual` spend so far or with the `forecasted` spend for the
            period.
        """
        pulumi.set(self, "percent", percent)
        if basis is not None:
            pulumi.set(self, "basis", basis)

    @property
    @pulumi.getter
    def percent(self) -> pulumi.Input[float]:
        """Percent of `amount` at which the rule fires (0 < percent <= 1000)."""
        return cast("pulumi.Input[float]", pulumi.get(self, "percent"))

    @percent.setter
    def percent(self, value: pulumi.Input[float]) -> None:
        pulumi.set(self, "percent", value)

    @property
    @pulumi.getter
    def basis(self) -> pulumi.Input[str] | None:
        """Compare the threshold with `actual` spend so far or with the `forecasted` spend for the period."""
        return cast("pulumi.Input[str] | None", pulumi.get(self, "basis"))

    @basis.setter
    def basis(self, value: pulumi.Input[str] | None) -> None:
        pulumi.set(self, "basis", value)


class BudgetThresholdArgsDict(TypedDict):
    """Threshold rules; each fires once per period."""
    percent: pulumi.Input[float]
    """Percent of `amount` at which the rule fires (0 < percent <= 1000)."""
    basis: NotRequired[pulumi.Input[str]]
    """Compare the threshold with `actual` spend so far or with the `forecasted` spend for the period."""
