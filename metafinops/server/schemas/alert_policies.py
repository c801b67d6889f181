"""Alert policy request and response models, and which conditions fit which type."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from metafinops._contract import AMOUNT_MAX, CONDITIONS_BY_TYPE, MINUTES_MAX, UTILIZATION_PERCENT_MAX
from metafinops._contract import PolicyType as PolicyType
from metafinops._contract import Severity as Severity
from metafinops.server.schemas.common import (
    WHOLE_NUMBER,
    Email,
    Integer,
    LabelList,
    Name,
    Number,
    RequestModel,
    ResourceId,
    Timestamp,
    reject_null,
    schema_not_null,
)

__all__ = [
    "CONDITIONS_BY_TYPE",
    "AlertConditions",
    "AlertPolicyCreate",
    "AlertPolicyPublic",
    "AlertPolicyUpdate",
]

Money = Annotated[Number, Field(ge=0, le=AMOUNT_MAX)]
Minutes = Annotated[Integer, Field(ge=0, le=MINUTES_MAX), WHOLE_NUMBER]
IdList = Annotated[list[ResourceId], Field(max_length=100)]
EmailList = Annotated[list[Email], Field(max_length=100)]


class AlertConditions(RequestModel):
    """What the policy detects; which fields apply depends on the policy type."""

    min_severity: Severity | None = None
    min_impact: Money | None = None
    services: LabelList | None = None
    accounts: LabelList | None = None
    budget_ids: IdList | None = None
    utilization_below_percent: Annotated[Number, Field(ge=0, le=UTILIZATION_PERCENT_MAX)] | None = None
    idle_minutes: Annotated[Integer, Field(ge=1, le=MINUTES_MAX), WHOLE_NUMBER] | None = None
    max_daily_token_cost: Money | None = None


class AlertPolicyCreate(RequestModel):
    """Body of ``POST /v1/alert-policies``."""

    name: Name
    type: PolicyType
    enabled: StrictBool = True
    cooldown_minutes: Minutes = 60
    conditions: AlertConditions | None = None
    webhook_subscription_ids: IdList | None = None
    emails: EmailList | None = None


class AlertPolicyUpdate(RequestModel):
    """Body of ``PATCH /v1/alert-policies/{id}``: a present field replaces the value."""

    name: Name | None = None
    type: PolicyType | None = None
    enabled: StrictBool | None = None
    cooldown_minutes: Minutes | None = None
    conditions: AlertConditions | None = None
    webhook_subscription_ids: IdList | None = None
    emails: EmailList | None = None

    _not_null = field_validator("name", "type", "enabled", "cooldown_minutes")(reject_null)
    model_config = ConfigDict(json_schema_extra=schema_not_null("name", "type", "enabled", "cooldown_minutes"))


class AlertConditionsPublic(BaseModel):
    """Conditions as the API returns them: every key present, null when unset."""

    min_severity: Severity | None = None
    min_impact: float | None = None
    services: list[str] | None = None
    accounts: list[str] | None = None
    budget_ids: list[str] | None = None
    utilization_below_percent: float | None = None
    idle_minutes: int | None = None
    max_daily_token_cost: float | None = None


class AlertPolicyPublic(BaseModel):
    """An alert policy as the API returns it."""

    id: str
    name: str
    type: PolicyType
    enabled: bool
    cooldown_minutes: int
    conditions: AlertConditionsPublic
    webhook_subscription_ids: list[str]
    emails: list[Annotated[str, Field(json_schema_extra={"format": "email"})]]
    created_at: Timestamp
    updated_at: Timestamp
