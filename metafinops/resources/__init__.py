"""The client's resource namespaces: ``client.budgets``, ``client.costs`` …

Each module is imported on first use (:mod:`metafinops._lazy`): a client that only ever
touches ``client.budgets`` never loads the other namespaces' models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from metafinops._lazy import lazy_exports

if TYPE_CHECKING:
    from metafinops.resources.alert_policies import AlertPolicies
    from metafinops.resources.anomalies import Anomalies
    from metafinops.resources.budgets import Budgets
    from metafinops.resources.carbon import Carbon
    from metafinops.resources.costs import Costs
    from metafinops.resources.gpu import Gpu
    from metafinops.resources.health import HealthCheck
    from metafinops.resources.ingest import Ingest
    from metafinops.resources.recommendations import Recommendations
    from metafinops.resources.reports import Reports
    from metafinops.resources.tokens import Tokens
    from metafinops.resources.webhooks import Webhooks

__all__ = [
    "AlertPolicies",
    "Anomalies",
    "Budgets",
    "Carbon",
    "Costs",
    "Gpu",
    "HealthCheck",
    "Ingest",
    "Recommendations",
    "Reports",
    "Tokens",
    "Webhooks",
]

_getattr, _dir = lazy_exports(
    __name__,
    {
        "alert_policies": ("AlertPolicies",),
        "anomalies": ("Anomalies",),
        "budgets": ("Budgets",),
        "carbon": ("Carbon",),
        "costs": ("Costs",),
        "gpu": ("Gpu",),
        "health": ("HealthCheck",),
        "ingest": ("Ingest",),
        "recommendations": ("Recommendations",),
        "reports": ("Reports",),
        "tokens": ("Tokens",),
        "webhooks": ("Webhooks",),
    },
)


def __getattr__(name: str) -> Any:
    return _getattr(name)


def __dir__() -> list[str]:
    return _dir()
