"""The API's objects as typed models, and the shapes of nested request arguments."""

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
