"""The resource catalog: one declaration per resource and data source.

Both providers read it: ``provider/`` (Terraform) and ``pulumi_metafinops/`` (Pulumi)
translate their wire formats to the plain values used here and call :mod:`lifecycle`.
Importing this package is cheap (no SDK, pydantic or httpx).
"""

from __future__ import annotations

from metafinops.catalog import _lifecycle as lifecycle
from metafinops.catalog._plan import (
    Plan,
    apply_defaults,
    canonical,
    contains_unknown,
    equivalent,
    plan,
    reconcile,
    validate,
)
from metafinops.catalog._schema import (
    BOOL,
    NUMBER,
    STRING,
    UNKNOWN,
    Attribute,
    DataSource,
    Diagnostic,
    Identity,
    Path,
    ProviderConfig,
    Resource,
    Type,
    Unknown,
)
from metafinops.catalog.data_sources import DATA_SOURCES
from metafinops.catalog.provider_config import PROVIDER_CONFIG, configuration_problems, make_client
from metafinops.catalog.resources.alert_policy import ALERT_POLICY
from metafinops.catalog.resources.budget import BUDGET
from metafinops.catalog.resources.webhook_subscription import WEBHOOK_SUBSCRIPTION

__all__ = [
    "BOOL",
    "DATA_SOURCES",
    "NUMBER",
    "PROVIDER_CONFIG",
    "RESOURCES",
    "STRING",
    "UNKNOWN",
    "Attribute",
    "DataSource",
    "Diagnostic",
    "Identity",
    "Path",
    "Plan",
    "ProviderConfig",
    "Resource",
    "Type",
    "Unknown",
    "apply_defaults",
    "canonical",
    "configuration_problems",
    "contains_unknown",
    "data_source",
    "equivalent",
    "lifecycle",
    "make_client",
    "plan",
    "reconcile",
    "resource",
    "validate",
]

PROVIDER_VERSION = "1.0.0"

RESOURCES: tuple[Resource, ...] = (BUDGET, ALERT_POLICY, WEBHOOK_SUBSCRIPTION)

_RESOURCES = {r.type_name: r for r in RESOURCES}
_DATA_SOURCES = {d.type_name: d for d in DATA_SOURCES}


def resource(type_name: str) -> Resource:
    """The resource declared as ``type_name`` (``metafinops_budget``); KeyError if none."""
    return _RESOURCES[type_name]


def data_source(type_name: str) -> DataSource:
    """The data source declared as ``type_name`` (``metafinops_cost_summary``); KeyError if none."""
    return _DATA_SOURCES[type_name]
