# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
"""MetaFinOps for Pulumi programs: budgets, alert policies, webhook subscriptions and cost data.

Resources (``Budget``, ``AlertPolicy``, ``WebhookSubscription``), the explicit ``Provider``
and functions (``get_cost_summary(...)`` and ``get_cost_summary_output(...)``, ...) are
loaded on first use, so importing the package (or its ``plugin`` sub-package) stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pulumi_metafinops import outputs as outputs
    from pulumi_metafinops._inputs import AlertPolicyConditionsArgs as AlertPolicyConditionsArgs
    from pulumi_metafinops._inputs import AlertPolicyConditionsArgsDict as AlertPolicyConditionsArgsDict
    from pulumi_metafinops._inputs import BudgetFiltersArgs as BudgetFiltersArgs
    from pulumi_metafinops._inputs import BudgetFiltersArgsDict as BudgetFiltersArgsDict
    from pulumi_metafinops._inputs import BudgetThresholdArgs as BudgetThresholdArgs
    from pulumi_metafinops._inputs import BudgetThresholdArgsDict as BudgetThresholdArgsDict
    from pulumi_metafinops.alert_policy import AlertPolicy as AlertPolicy
    from pulumi_metafinops.alert_policy import AlertPolicyArgs as AlertPolicyArgs
    from pulumi_metafinops.budget import Budget as Budget
    from pulumi_metafinops.budget import BudgetArgs as BudgetArgs
    from pulumi_metafinops.functions.get_anomalies import GetAnomaliesResult as GetAnomaliesResult
    from pulumi_metafinops.functions.get_anomalies import get_anomalies as get_anomalies
    from pulumi_metafinops.functions.get_anomalies import get_anomalies_output as get_anomalies_output
    from pulumi_metafinops.functions.get_budget_alerts import GetBudgetAlertsResult as GetBudgetAlertsResult
    from pulumi_metafinops.functions.get_budget_alerts import get_budget_alerts as get_budget_alerts
    from pulumi_metafinops.functions.get_budget_alerts import get_budget_alerts_output as get_budget_alerts_output
    from pulumi_metafinops.functions.get_carbon_footprint import GetCarbonFootprintResult as GetCarbonFootprintResult
    from pulumi_metafinops.functions.get_carbon_footprint import get_carbon_footprint as get_carbon_footprint
    from pulumi_metafinops.functions.get_carbon_footprint import (
        get_carbon_footprint_output as get_carbon_footprint_output,
    )
    from pulumi_metafinops.functions.get_cost_summary import GetCostSummaryResult as GetCostSummaryResult
    from pulumi_metafinops.functions.get_cost_summary import get_cost_summary as get_cost_summary
    from pulumi_metafinops.functions.get_cost_summary import get_cost_summary_output as get_cost_summary_output
    from pulumi_metafinops.functions.get_costs_by_service import GetCostsByServiceResult as GetCostsByServiceResult
    from pulumi_metafinops.functions.get_costs_by_service import get_costs_by_service as get_costs_by_service
    from pulumi_metafinops.functions.get_costs_by_service import (
        get_costs_by_service_output as get_costs_by_service_output,
    )
    from pulumi_metafinops.functions.get_gpu_idle import GetGpuIdleResult as GetGpuIdleResult
    from pulumi_metafinops.functions.get_gpu_idle import get_gpu_idle as get_gpu_idle
    from pulumi_metafinops.functions.get_gpu_idle import get_gpu_idle_output as get_gpu_idle_output
    from pulumi_metafinops.functions.get_gpu_utilization import GetGpuUtilizationResult as GetGpuUtilizationResult
    from pulumi_metafinops.functions.get_gpu_utilization import get_gpu_utilization as get_gpu_utilization
    from pulumi_metafinops.functions.get_gpu_utilization import get_gpu_utilization_output as get_gpu_utilization_output
    from pulumi_metafinops.functions.get_recommendations import GetRecommendationsResult as GetRecommendationsResult
    from pulumi_metafinops.functions.get_recommendations import get_recommendations as get_recommendations
    from pulumi_metafinops.functions.get_recommendations import get_recommendations_output as get_recommendations_output
    from pulumi_metafinops.functions.get_token_cost import GetTokenCostResult as GetTokenCostResult
    from pulumi_metafinops.functions.get_token_cost import get_token_cost as get_token_cost
    from pulumi_metafinops.functions.get_token_cost import get_token_cost_output as get_token_cost_output
    from pulumi_metafinops.functions.get_token_usage import GetTokenUsageResult as GetTokenUsageResult
    from pulumi_metafinops.functions.get_token_usage import get_token_usage as get_token_usage
    from pulumi_metafinops.functions.get_token_usage import get_token_usage_output as get_token_usage_output
    from pulumi_metafinops.provider import Provider as Provider
    from pulumi_metafinops.provider import ProviderArgs as ProviderArgs
    from pulumi_metafinops.webhook_subscription import WebhookSubscription as WebhookSubscription
    from pulumi_metafinops.webhook_subscription import WebhookSubscriptionArgs as WebhookSubscriptionArgs

_EXPORTS = {
    "AlertPolicy": "pulumi_metafinops.alert_policy",
    "AlertPolicyArgs": "pulumi_metafinops.alert_policy",
    "AlertPolicyConditionsArgs": "pulumi_metafinops._inputs",
    "AlertPolicyConditionsArgsDict": "pulumi_metafinops._inputs",
    "Budget": "pulumi_metafinops.budget",
    "BudgetArgs": "pulumi_metafinops.budget",
    "BudgetFiltersArgs": "pulumi_metafinops._inputs",
    "BudgetFiltersArgsDict": "pulumi_metafinops._inputs",
    "BudgetThresholdArgs": "pulumi_metafinops._inputs",
    "BudgetThresholdArgsDict": "pulumi_metafinops._inputs",
    "GetAnomaliesResult": "pulumi_metafinops.functions.get_anomalies",
    "GetBudgetAlertsResult": "pulumi_metafinops.functions.get_budget_alerts",
    "GetCarbonFootprintResult": "pulumi_metafinops.functions.get_carbon_footprint",
    "GetCostSummaryResult": "pulumi_metafinops.functions.get_cost_summary",
    "GetCostsByServiceResult": "pulumi_metafinops.functions.get_costs_by_service",
    "GetGpuIdleResult": "pulumi_metafinops.functions.get_gpu_idle",
    "GetGpuUtilizationResult": "pulumi_metafinops.functions.get_gpu_utilization",
    "GetRecommendationsResult": "pulumi_metafinops.functions.get_recommendations",
    "GetTokenCostResult": "pulumi_metafinops.functions.get_token_cost",
    "GetTokenUsageResult": "pulumi_metafinops.functions.get_token_usage",
    "Provider": "pulumi_metafinops.provider",
    "ProviderArgs": "pulumi_metafinops.provider",
    "WebhookSubscription": "pulumi_metafinops.webhook_subscription",
    "WebhookSubscriptionArgs": "pulumi_metafinops.webhook_subscription",
    "get_anomalies": "pulumi_metafinops.functions.get_anomalies",
    "get_anomalies_output": "pulumi_metafinops.functions.get_anomalies",
    "get_budget_alerts": "pulumi_metafinops.functions.get_budget_alerts",
    "get_budget_alerts_output": "pulumi_metafinops.functions.get_budget_alerts",
    "get_carbon_footprint": "pulumi_metafinops.functions.get_carbon_footprint",
    "get_carbon_footprint_output": "pulumi_metafinops.functions.get_carbon_footprint",
    "get_cost_summary": "pulumi_metafinops.functions.get_cost_summary",
    "get_cost_summary_output": "pulumi_metafinops.functions.get_cost_summary",
    "get_costs_by_service": "pulumi_metafinops.functions.get_costs_by_service",
    "get_costs_by_service_output": "pulumi_metafinops.functions.get_costs_by_service",
    "get_gpu_idle": "pulumi_metafinops.functions.get_gpu_idle",
    "get_gpu_idle_output": "pulumi_metafinops.functions.get_gpu_idle",
    "get_gpu_utilization": "pulumi_metafinops.functions.get_gpu_utilization",
    "get_gpu_utilization_output": "pulumi_metafinops.functions.get_gpu_utilization",
    "get_recommendations": "pulumi_metafinops.functions.get_recommendations",
    "get_recommendations_output": "pulumi_metafinops.functions.get_recommendations",
    "get_token_cost": "pulumi_metafinops.functions.get_token_cost",
    "get_token_cost_output": "pulumi_metafinops.functions.get_token_cost",
    "get_token_usage": "pulumi_metafinops.functions.get_token_usage",
    "get_token_usage_output": "pulumi_metafinops.functions.get_token_usage",
}

__all__ = [*sorted(_EXPORTS), "outputs"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name, f"{__name__}.outputs" if name == "outputs" else None)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    loaded = importlib.import_module(module)
    value = loaded if name == "outputs" else getattr(loaded, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
