"""The client's resource namespaces: ``client.budgets``, ``client.costs`` …"""

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
