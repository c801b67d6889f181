"""MetaFinOps: FinOps for cloud, GPU and LLM spend. The Python SDK.

Usage::

    from metafinops import Client

    client = Client(api_key="YOUR_API_KEY")  # or set METAFINOPS_API_KEY
    costs = client.costs.summary(start="2026-03-01", end="2026-03-31")
    print(costs.total)

``import metafinops`` is cheap: the clients, models and pages (which need httpx and pydantic)
load on first use, so a process that only needs the errors, :data:`NOT_GIVEN` or
:mod:`metafinops.webhooks` never pays for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from metafinops import webhooks
from metafinops._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    MetaFinOpsError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from metafinops._types import NOT_GIVEN, NotGiven
from metafinops._version import __version__

if TYPE_CHECKING:
    from metafinops._base_client import RateLimit
    from metafinops._client import AsyncClient, Client
    from metafinops._models import RawResponse
    from metafinops._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage
    from metafinops.types import (
        AlertPolicy,
        AlertPolicyConditions,
        AlertPolicyConditionsParam,
        AlertPolicyType,
        Anomaly,
        Budget,
        BudgetAlert,
        BudgetFilters,
        BudgetFiltersParam,
        BudgetPeriod,
        BudgetThreshold,
        BudgetThresholdParam,
        CarbonFootprint,
        CostsByService,
        CostSummary,
        DateRange,
        EventType,
        GpuIdleReport,
        GpuInstanceUtilization,
        GpuUtilization,
        Health,
        IdleGpuInstance,
        ModelTokenCost,
        ModelTokenUsage,
        Recommendation,
        RegionCarbon,
        Report,
        ServiceCarbon,
        ServiceCost,
        ServiceCostShare,
        Severity,
        ThresholdBasis,
        TokenCost,
        TokenUsage,
        WebhookDelivery,
        WebhookSubscription,
    )

__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AlertPolicy",
    "AlertPolicyConditions",
    "AlertPolicyConditionsParam",
    "AlertPolicyType",
    "Anomaly",
    "AsyncClient",
    "AsyncCursorPage",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "Budget",
    "BudgetAlert",
    "BudgetFilters",
    "BudgetFiltersParam",
    "BudgetPeriod",
    "BudgetThreshold",
    "BudgetThresholdParam",
    "CarbonFootprint",
    "Client",
    "ConflictError",
    "CostSummary",
    "CostsByService",
    "DateRange",
    "EventType",
    "GpuIdleReport",
    "GpuInstanceUtilization",
    "GpuUtilization",
    "Health",
    "IdleGpuInstance",
    "InternalServerError",
    "MetaFinOpsError",
    "ModelTokenCost",
    "ModelTokenUsage",
    "NotFoundError",
    "NotGiven",
    "PermissionDeniedError",
    "RateLimit",
    "RateLimitError",
    "RawResponse",
    "Recommendation",
    "RegionCarbon",
    "Report",
    "ServiceCarbon",
    "ServiceCost",
    "ServiceCostShare",
    "Severity",
    "SyncCursorPage",
    "ThresholdBasis",
    "TokenCost",
    "TokenUsage",
    "UnprocessableEntityError",
    "WebhookDelivery",
    "WebhookSubscription",
    "WebhookVerificationError",
    "__version__",
    "webhooks",
]

# where the names that need httpx and pydantic live, imported on first access
_LAZY_MODULES = (
    "metafinops._client",
    "metafinops._base_client",
    "metafinops._models",
    "metafinops._pagination",
    "metafinops.types",
)


def __getattr__(name: str) -> Any:
    if name in __all__:
        for module_name in _LAZY_MODULES:
            module = importlib.import_module(module_name)
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value  # later lookups do not come here
                return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
