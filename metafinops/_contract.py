"""The wire contract, declared once: every enum and limit the API enforces.

The catalog's validators (what ``plan`` / ``preview`` reject), the server's pydantic schemas
(what the API answers with a 422) and the SDK's ``Literal`` types all take their values from
here, so a value cannot be accepted by one tier and refused by another
(``tests/catalog/test_contract.py`` holds them together through the server's OpenAPI).

Bottom of the import graph: standard library and ``typing`` only. The Terraform plugin imports
the catalog at start-up, so this module must stay cheap to import.
"""

from __future__ import annotations

from typing import Literal, TypeAlias, get_args

__all__ = [
    "AMOUNT_MAX",
    "BUDGET_PERIODS",
    "CONDITIONS_BY_TYPE",
    "DESCRIPTION_MAX",
    "EVENTS_MAX",
    "EVENTS_MIN",
    "EVENT_TYPES",
    "MINUTES_MAX",
    "NAME_MAX",
    "NAME_MIN",
    "POLICY_TYPES",
    "RECOMMENDATION_TYPES",
    "SECRET_MAX",
    "SECRET_MIN",
    "SEVERITIES",
    "THRESHOLDS_MAX",
    "THRESHOLD_BASES",
    "THRESHOLD_PERCENT_MAX",
    "UTILIZATION_PERCENT_MAX",
    "BudgetPeriod",
    "EventType",
    "PolicyType",
    "RecommendationType",
    "Severity",
    "ThresholdBasis",
    "is_loopback_host",
]

# --- enums: the Literal is the declaration; the tuple is its runtime view -----------------------

BudgetPeriod: TypeAlias = Literal["monthly", "quarterly", "annual"]
BUDGET_PERIODS: tuple[BudgetPeriod, ...] = get_args(BudgetPeriod)

ThresholdBasis: TypeAlias = Literal["actual", "forecasted"]
THRESHOLD_BASES: tuple[ThresholdBasis, ...] = get_args(ThresholdBasis)

PolicyType: TypeAlias = Literal["cost_anomaly", "gpu_idle", "budget", "token_spend"]
POLICY_TYPES: tuple[PolicyType, ...] = get_args(PolicyType)

Severity: TypeAlias = Literal["low", "medium", "high", "critical"]
"""Anomaly severities, lowest first (``min_severity`` compares by this order)."""
SEVERITIES: tuple[Severity, ...] = get_args(Severity)

EventType: TypeAlias = Literal[
    "cost.anomaly.detected", "budget.threshold.reached", "gpu.idle.detected", "report.generated"
]
EVENT_TYPES: tuple[EventType, ...] = get_args(EventType)

RecommendationType: TypeAlias = Literal["idle_gpu", "rightsizing", "model_switch"]
RECOMMENDATION_TYPES: tuple[RecommendationType, ...] = get_args(RecommendationType)

CONDITIONS_BY_TYPE: dict[str, tuple[str, ...]] = {
    "cost_anomaly": ("min_severity", "min_impact", "services", "accounts"),
    "gpu_idle": ("utilization_below_percent", "idle_minutes", "accounts"),
    "budget": ("budget_ids",),
    "token_spend": ("max_daily_token_cost", "services"),
}
"""Which conditions each alert-policy type understands; any other condition is refused."""

# --- limits -------------------------------------------------------------------------------------

NAME_MIN = 1
NAME_MAX = 200
"""Length of a budget's or an alert policy's ``name`` (also of labels: services, accounts…)."""

AMOUNT_MAX = 1e15
"""Upper bound of every money value (a budget's ``amount``, > 0; ``min_impact`` and
``max_daily_token_cost``, >= 0): far above any real budget, low enough to stay exact in a double."""

THRESHOLD_PERCENT_MAX = 1000
"""A threshold's ``percent`` is > 0 and <= this."""
THRESHOLDS_MAX = 50
"""Threshold rules per budget."""

UTILIZATION_PERCENT_MAX = 100
"""``utilization_below_percent`` is 0..this."""
MINUTES_MAX = 525_600
"""``cooldown_minutes`` (>= 0) and ``idle_minutes`` (>= 1): at most a year."""

SECRET_MIN = 24
SECRET_MAX = 256
"""Length of a supplied webhook signing secret."""
DESCRIPTION_MAX = 500
"""Length of a webhook subscription's ``description``."""
EVENTS_MIN = 1
EVENTS_MAX = 20
"""Event types per webhook subscription."""


def is_loopback_host(host: str) -> bool:
    """``localhost`` or a loopback address (``127.0.0.0/8``, ``::1``): where ``http://`` webhook
    URLs may point in local mode. ``host`` is a URL's host without brackets."""
    if host.lower() == "localhost":
        return True
    import ipaddress  # here, not at the top: only URL checks need it, and start-up stays cheap

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
