"""``metafinops_alert_policy`` — a detection and routing rule (API ``/v1/alert-policies``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from metafinops._contract import (
    AMOUNT_MAX,
    CONDITIONS_BY_TYPE,
    MINUTES_MAX,
    NAME_MAX,
    NAME_MIN,
    POLICY_TYPES,
    SEVERITIES,
    UTILIZATION_PERCENT_MAX,
)
from metafinops.catalog._common import CREATED_AT, either, first_of, id_attribute
from metafinops.catalog._rest import RestOperations
from metafinops.catalog._schema import (
    BOOL,
    NUMBER,
    STRING,
    UNKNOWN,
    Attribute,
    Diagnostic,
    Resource,
    object_of,
    set_of,
)
from metafinops.catalog.validators import Email, Integer, Length, OneOf, Range

CONDITIONS = object_of(
    "AlertPolicyConditions",
    Attribute(
        "min_severity",
        STRING,
        f"`cost_anomaly`: lowest anomaly severity that fires ({either(SEVERITIES)}).",
        optional=True,
        validators=(OneOf(SEVERITIES),),
    ),
    Attribute(
        "min_impact",
        NUMBER,
        "`cost_anomaly`: lowest cost impact (actual - expected) that fires; >= 0.",
        optional=True,
        validators=(Range(0, AMOUNT_MAX),),
    ),
    Attribute("services", set_of(STRING), "`cost_anomaly`, `token_spend`: only these services.", optional=True),
    Attribute("accounts", set_of(STRING), "`cost_anomaly`, `gpu_idle`: only these accounts.", optional=True),
    Attribute("budget_ids", set_of(STRING), "`budget`: the budgets (`bud_…`) this policy routes.", optional=True),
    Attribute(
        "utilization_below_percent",
        NUMBER,
        "`gpu_idle`: a GPU is idle below this utilization percent (0-100).",
        optional=True,
        validators=(Range(0, UTILIZATION_PERCENT_MAX),),
    ),
    Attribute(
        "idle_minutes",
        NUMBER,
        "`gpu_idle`: minutes a GPU must stay idle before the policy fires; a whole number >= 1.",
        optional=True,
        validators=(Range(1, MINUTES_MAX), Integer()),
    ),
    Attribute(
        "max_daily_token_cost",
        NUMBER,
        "`token_spend`: fire when a day's LLM token cost exceeds this amount; >= 0.",
        optional=True,
        validators=(Range(0, AMOUNT_MAX),),
    ),
)


def _validate(config: Mapping[str, Any]) -> Sequence[Diagnostic]:
    """A condition that does not fit the policy type is an error, on that condition."""
    policy_type = config.get("type")
    conditions = config.get("conditions")
    if policy_type is None or policy_type is UNKNOWN or not isinstance(conditions, Mapping):
        return []
    allowed = CONDITIONS_BY_TYPE.get(str(policy_type), ())
    return [
        Diagnostic(
            summary=f"Condition {name} does not apply to type {policy_type}",
            detail=f"A `{policy_type}` policy accepts only these conditions: {', '.join(allowed)}.",
            path=("conditions", name),
        )
        for name, value in conditions.items()
        if value is not None and name not in allowed
    ]


ATTRIBUTES = (
    id_attribute("alert policy", "apol_"),
    Attribute("name", STRING, "Display name of the policy.", required=True, validators=(Length(NAME_MIN, NAME_MAX),)),
    Attribute(
        "type",
        STRING,
        f"What the policy detects: {either(POLICY_TYPES)}.",
        required=True,
        force_new=True,
        validators=(OneOf(POLICY_TYPES),),
    ),
    Attribute("enabled", BOOL, "Whether the policy fires.", optional=True, default=True),
    Attribute(
        "cooldown_minutes",
        NUMBER,
        "Minimum minutes between two notifications of this policy; a whole number >= 0.",
        optional=True,
        default=60,
        validators=(Range(0, MINUTES_MAX), Integer()),
    ),
    Attribute(
        "conditions",
        CONDITIONS,
        "Detection conditions; which ones apply depends on `type`.",
        optional=True,
    ),
    Attribute(
        "webhook_subscription_ids",
        set_of(STRING),
        "Webhook subscriptions (`whk_…`) that receive what the policy detects.",
        optional=True,
    ),
    Attribute(
        "emails",
        set_of(STRING),
        "E-mail addresses that receive what the policy detects.",
        optional=True,
        element_validators=(Email(),),
    ),
    CREATED_AT,
)


ALERT_POLICY = Resource(
    type_name="metafinops_alert_policy",
    pulumi_name="AlertPolicy",
    description=(
        "An alert policy: what to detect (cost anomalies, idle GPUs, budget thresholds, token "
        "spend) and where to route it (webhook subscriptions, e-mail), with a cooldown."
    ),
    attributes=ATTRIBUTES,
    validate=_validate,
    display_name=first_of("name"),
    operations=RestOperations("alert_policies", ATTRIBUTES),
)
