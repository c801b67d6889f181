"""The API's objects as typed models, and the shapes of nested request arguments.

Each submodule is imported on first use of one of its names (:mod:`metafinops._lazy`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from metafinops._lazy import lazy_exports

if TYPE_CHECKING:
    from metafinops.types.alert_policy import (
        AlertPolicy,
        AlertPolicyConditions,
        AlertPolicyConditionsParam,
        AlertPolicyType,
    )
    from metafinops.types.anomaly import Anomaly, Severity
    from metafinops.types.budget import (
        Budget,
        BudgetAlert,
        BudgetFilters,
        BudgetFiltersParam,
        BudgetPeriod,
        BudgetThreshold,
        BudgetThresholdParam,
        ThresholdBasis,
    )
    from metafinops.types.carbon import CarbonFootprint, RegionCarbon, ServiceCarbon
    from metafinops.types.costs import CostsByService, CostSummary, ServiceCost, ServiceCostShare
    from metafinops.types.gpu import GpuIdleReport, GpuInstanceUtilization, GpuUtilization, IdleGpuInstance
    from metafinops.types.health import Health
    from metafinops.types.ingest import IngestResult
    from metafinops.types.recommendation import Recommendation
    from metafinops.types.report import Report
    from metafinops.types.shared import DateRange
    from metafinops.types.tokens import ModelTokenCost, ModelTokenUsage, TokenCost, TokenUsage
    from metafinops.types.webhook_subscription import EventType, WebhookDelivery, WebhookSubscription

__all__ = [
    "AlertPolicy",
    "AlertPolicyConditions",
    "AlertPolicyConditionsParam",
    "AlertPolicyType",
    "Anomaly",
    "Budget",
    "BudgetAlert",
    "BudgetFilters",
    "BudgetFiltersParam",
    "BudgetPeriod",
    "BudgetThreshold",
    "BudgetThresholdParam",
    "CarbonFootprint",
    "CostSummary",
    "CostsByService",
    "DateRange",
    "EventType",
    "GpuIdleReport",
    "GpuInstanceUtilization",
    "GpuUtilization",
    "Health",
    "IdleGpuInstance",
    "IngestResult",
    "ModelTokenCost",
    "ModelTokenUsage",
    "Recommendation",
    "RegionCarbon",
    "Report",
    "ServiceCarbon",
    "ServiceCost",
    "ServiceCostShare",
    "Severity",
    "ThresholdBasis",
    "TokenCost",
    "TokenUsage",
    "WebhookDelivery",
    "WebhookSubscription",
]

_getattr, _dir = lazy_exports(
    __name__,
    {
        "alert_policy": ("AlertPolicy", "AlertPolicyConditions", "AlertPolicyConditionsParam", "AlertPolicyType"),
        "anomaly": ("Anomaly", "Severity"),
        "budget": (
            "Budget",
            "BudgetAlert",
            "BudgetFilters",
            "BudgetFiltersParam",
            "BudgetPeriod",
            "BudgetThreshold",
            "BudgetThresholdParam",
            "ThresholdBasis",
        ),
        "carbon": ("CarbonFootprint", "RegionCarbon", "ServiceCarbon"),
        "costs": ("CostsByService", "CostSummary", "ServiceCost", "ServiceCostShare"),
        "gpu": ("GpuIdleReport", "GpuInstanceUtilization", "GpuUtilization", "IdleGpuInstance"),
        "health": ("Health",),
        "ingest": ("IngestResult",),
        "recommendation": ("Recommendation",),
        "report": ("Report",),
        "shared": ("DateRange",),
        "tokens": ("ModelTokenCost", "ModelTokenUsage", "TokenCost", "TokenUsage"),
        "webhook_subscription": ("EventType", "WebhookDelivery", "WebhookSubscription"),
    },
)


def __getattr__(name: str) -> Any:
    return _getattr(name)


def __dir__() -> list[str]:
    return _dir()
