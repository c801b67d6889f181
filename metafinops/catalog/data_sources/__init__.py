"""Read-only data sources (Terraform) / functions (Pulumi ``get*``) over the analytics API: one
file each, like ``resources/``. Each declaration names its arguments (inputs), its results
(computed) and the SDK call that answers it."""

from __future__ import annotations

from metafinops.catalog._schema import DataSource
from metafinops.catalog.data_sources.anomalies import ANOMALIES
from metafinops.catalog.data_sources.budget_alerts import BUDGET_ALERTS
from metafinops.catalog.data_sources.carbon_footprint import CARBON_FOOTPRINT
from metafinops.catalog.data_sources.cost_summary import COST_SUMMARY
from metafinops.catalog.data_sources.costs_by_service import COSTS_BY_SERVICE
from metafinops.catalog.data_sources.gpu_idle import GPU_IDLE
from metafinops.catalog.data_sources.gpu_utilization import GPU_UTILIZATION
from metafinops.catalog.data_sources.recommendations import RECOMMENDATIONS
from metafinops.catalog.data_sources.token_cost import TOKEN_COST
from metafinops.catalog.data_sources.token_usage import TOKEN_USAGE

__all__ = ["DATA_SOURCES"]

DATA_SOURCES: tuple[DataSource, ...] = (
    COST_SUMMARY,
    COSTS_BY_SERVICE,
    GPU_UTILIZATION,
    GPU_IDLE,
    TOKEN_USAGE,
    TOKEN_COST,
    BUDGET_ALERTS,
    ANOMALIES,
    CARBON_FOOTPRINT,
    RECOMMENDATIONS,
)
