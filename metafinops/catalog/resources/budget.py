"""``metafinops_budget`` — a spending limit with threshold rules (API ``/v1/budgets``)."""

from __future__ import annotations

from metafinops._contract import AMOUNT_MAX, BUDGET_PERIODS, NAME_MAX, NAME_MIN, THRESHOLD_BASES, THRESHOLD_PERCENT_MAX
from metafinops.catalog._common import CREATED_AT, either, first_of, id_attribute
from metafinops.catalog._rest import RestOperations
from metafinops.catalog._schema import NUMBER, STRING, Attribute, Resource, map_of, object_of, set_of
from metafinops.catalog.validators import Currency, DateString, Length, OneOf, Range

FILTERS = object_of(
    "BudgetFilters",
    Attribute("services", set_of(STRING), "Only spend on these services (e.g. `aws-ec2`).", optional=True),
    Attribute("accounts", set_of(STRING), "Only spend in these accounts / sub-accounts.", optional=True),
    Attribute(
        "providers",
        set_of(STRING),
        "Only spend with these providers: FOCUS `ProviderName`s (`AWS`, `Google Cloud`…), or model "
        "providers (`openai`…) for token spend.",
        optional=True,
    ),
    Attribute("models", set_of(STRING), "Only spend on these LLM models.", optional=True),
    Attribute("tags", map_of(STRING), "Only spend on resources carrying all of these tags.", optional=True),
)

THRESHOLD = object_of(
    "BudgetThreshold",
    Attribute(
        "percent",
        NUMBER,
        "Percent of `amount` at which the rule fires (0 < percent <= 1000).",
        required=True,
        validators=(Range(0, THRESHOLD_PERCENT_MAX, exclusive_minimum=True),),
    ),
    Attribute(
        "basis",
        STRING,
        "Compare the threshold with `actual` spend so far or with the `forecasted` spend for the period.",
        optional=True,
        default="actual",
        validators=(OneOf(THRESHOLD_BASES),),
    ),
)

ATTRIBUTES = (
    id_attribute("budget", "bud_"),
    Attribute("name", STRING, "Display name of the budget.", required=True, validators=(Length(NAME_MIN, NAME_MAX),)),
    Attribute(
        "amount",
        NUMBER,
        f"The limit for one period, in `currency`; greater than 0 and at most {AMOUNT_MAX:g}.",
        required=True,
        validators=(Range(0, AMOUNT_MAX, exclusive_minimum=True),),
    ),
    Attribute(
        "currency",
        STRING,
        "ISO 4217 currency of `amount`.",
        optional=True,
        default="USD",
        force_new=True,
        validators=(Currency(),),
    ),
    Attribute(
        "period",
        STRING,
        f"Length of a budget period: {either(BUDGET_PERIODS)}.",
        required=True,
        validators=(OneOf(BUDGET_PERIODS),),
    ),
    Attribute(
        "start_date",
        STRING,
        "First day of the first period (`YYYY-MM-DD`). When omitted, MetaFinOps uses the start "
        "of the current period and that value is kept.",
        optional=True,
        computed=True,
        validators=(DateString(),),
    ),
    Attribute("filters", FILTERS, "What spend counts towards the budget; all spend when omitted.", optional=True),
    Attribute(
        "thresholds",
        set_of(THRESHOLD),
        "Threshold rules; each fires once per period.",
        optional=True,
    ),
    CREATED_AT,
)


BUDGET = Resource(
    type_name="metafinops_budget",
    pulumi_name="Budget",
    description=(
        "A budget: a spending limit for a period, scoped by filters, with threshold rules. "
        "When spend in scope crosses a rule, MetaFinOps records a budget alert and emits "
        "`budget.threshold.reached` (once per rule per period)."
    ),
    attributes=ATTRIBUTES,
    display_name=first_of("name"),
    operations=RestOperations("budgets", ATTRIBUTES),
)
