from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TypedDict

from metafinops._contract import PolicyType as AlertPolicyType
from metafinops._models import BaseModel
from metafinops.types.anomaly import Severity

__all__ = ["AlertPolicy", "AlertPolicyConditions", "AlertPolicyConditionsParam", "AlertPolicyType"]


class AlertPolicyConditions(BaseModel):
    """What the policy detects; which conditions apply depends on the policy's ``type``."""

    min_severity: str | None = None
    min_impact: float | None = None
    services: list[str] | None = None
    accounts: list[str] | None = None
    budget_ids: list[str] | None = None
    utilization_below_percent: float | None = None
    idle_minutes: int | None = None
    max_daily_token_cost: float | None = None


class AlertPolicy(BaseModel):
    """A detection rule (``apol_…``) and where it sends what it finds."""

    id: str
    name: str
    type: str
    enabled: bool = True
    cooldown_minutes: int
    conditions: AlertPolicyConditions | None = None
    webhook_subscription_ids: list[str] | None = None
    emails: list[str] | None = None
    created_at: datetime.datetime
    updated_at: datetime.datetime | None = None


class AlertPolicyConditionsParam(TypedDict, total=False):
    """cost_anomaly: min_severity, min_impact, services, accounts · gpu_idle:
    utilization_below_percent, idle_minutes, accounts · budget: budget_ids ·
    token_spend: max_daily_token_cost, services."""

    min_severity: Severity
    min_impact: float
    services: Sequence[str]
    accounts: Sequence[str]
    budget_ids: Sequence[str]
    utilization_below_percent: float
    idle_minutes: int
    max_daily_token_cost: float
