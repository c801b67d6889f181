"""Read-only data sources (Terraform) / functions (Pulumi ``get*``) over the analytics API.

Each declaration names its arguments (inputs), its results (computed) and the SDK call
that answers it. Time-range sources take ``start`` / ``end`` (``YYYY-MM-DD``, inclusive);
when omitted the API uses the current month and the attributes report the dates it used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import (
    NUMBER,
    STRING,
    Attribute,
    DataSource,
    State,
    Type,
    list_of,
    object_of,
)
from metafinops.catalog.validators import DateString, OneOf, Range

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["DATA_SOURCES"]


def _out(name: str, type_: Type, description: str) -> Attribute:
    return Attribute(name, type_, description, computed=True)


def _rows(type_name: str, *fields: tuple[str, Type, str]) -> Type:
    return list_of(object_of(type_name, *(_out(n, t, d) for n, t, d in fields)))


START = Attribute(
    "start",
    STRING,
    "First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.",
    optional=True,
    computed=True,
    validators=(DateString(),),
)
END = Attribute(
    "end",
    STRING,
    "Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.",
    optional=True,
    computed=True,
    validators=(DateString(),),
)
CURRENCY = _out("currency", STRING, "ISO 4217 currency of the amounts.")


def _range_args(args: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: args[name] for name in ("start", "end", *names) if args.get(name) is not None}


def _with_period(result: State) -> State:
    period = result.get("period") or {}
    return {**result, "start": period.get("start"), "end": period.get("end")}


_Reader = Callable[["Client", Mapping[str, Any]], State]


def _ranged(call: Callable[[Client, dict[str, Any]], Any], *filters: str) -> _Reader:
    def read(client: Client, args: Mapping[str, Any]) -> State:
        result = _with_period(to_state(call(client, _range_args(args, *filters))))
        return {**{f: args.get(f) for f in filters}, **result}

    return read


def _read_cost_summary(client: Client, args: Mapping[str, Any]) -> State:
    query = _range_args(args, "service", "account")
    if args.get("cloud_provider") is not None:
        query["provider"] = args["cloud_provider"]
    result = _with_period(to_state(client.costs.summary(**query)))
    return {**result, **{k: args.get(k) for k in ("service", "account", "cloud_provider")}}


def _read_budget_alerts(client: Client, args: Mapping[str, Any]) -> State:
    alerts = [to_state(a) for a in client.budgets.alerts(str(args["budget_id"]))]
    return {"budget_id": args["budget_id"], "alerts": alerts}


def _read_anomalies(client: Client, args: Mapping[str, Any]) -> State:
    query = _range_args(args, "min_severity")
    anomalies = [to_state(a) for a in client.anomalies.list(**query)]
    return {**args, "anomalies": anomalies}


def _read_gpu_idle(client: Client, args: Mapping[str, Any]) -> State:
    query = {k: args[k] for k in ("threshold_percent", "min_minutes") if args.get(k) is not None}
    return to_state(client.gpu.idle(**query))


def _read_recommendations(client: Client, args: Mapping[str, Any]) -> State:
    rows = [to_state(r) for r in client.recommendations.list()]
    if args.get("type") is not None:
        rows = [r for r in rows if r.get("type") == args["type"]]
    total = round(sum(float(r.get("estimated_monthly_savings") or 0) for r in rows), 2)
    return {"type": args.get("type"), "recommendations": rows, "total_estimated_monthly_savings": total}


COST_SUMMARY = DataSource(
    type_name="metafinops_cost_summary",
    pulumi_name="getCostSummary",
    description="Total cost for a date range, broken down by service (`GET /v1/costs/summary`).",
    attributes=(
        START,
        END,
        Attribute("service", STRING, "Only this service.", optional=True),
        Attribute("account", STRING, "Only this account.", optional=True),
        Attribute(
            "cloud_provider",
            STRING,
            "Only this provider (`aws`, `gcp`, `openai`…); the API's `provider` filter. "
            "(`provider` is a reserved argument name in Terraform.)",
            optional=True,
        ),
        _out("total_cost", NUMBER, "Total cost in the range."),
        CURRENCY,
        _out(
            "services",
            _rows(
                "CostSummaryService",
                ("service", STRING, "Service name."),
                ("cost", NUMBER, "Cost of the service in the range."),
            ),
            "Cost per service, highest first.",
        ),
    ),
    read=_read_cost_summary,
)

COSTS_BY_SERVICE = DataSource(
    type_name="metafinops_costs_by_service",
    pulumi_name="getCostsByService",
    description="Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`).",
    attributes=(
        START,
        END,
        CURRENCY,
        _out(
            "services",
            _rows(
                "CostsByServiceRow",
                ("service", STRING, "Service name."),
                ("provider", STRING, "Provider of the service."),
                ("cost", NUMBER, "Cost in the range."),
                ("percent", NUMBER, "Share of the total, in percent."),
            ),
            "One row per service, highest cost first.",
        ),
    ),
    read=_ranged(lambda c, q: c.costs.by_service(**q)),
)

GPU_UTILIZATION = DataSource(
    type_name="metafinops_gpu_utilization",
    pulumi_name="getGpuUtilization",
    description="GPU utilization per instance (`GET /v1/gpu/utilization`).",
    attributes=(
        START,
        END,
        _out("average_utilization", NUMBER, "Average utilization percent across all GPU instances."),
        _out(
            "instances",
            _rows(
                "GpuUtilizationInstance",
                ("instance_id", STRING, "Instance id."),
                ("gpu_model", STRING, "GPU model."),
                ("average_utilization", NUMBER, "Average utilization percent."),
                ("average_memory", NUMBER, "Average memory use percent."),
                ("hours", NUMBER, "Hours sampled."),
                ("cost", NUMBER, "Cost in the range."),
            ),
            "One row per GPU instance.",
        ),
    ),
    read=_ranged(lambda c, q: c.gpu.utilization(**q)),
)

GPU_IDLE = DataSource(
    type_name="metafinops_gpu_idle",
    pulumi_name="getGpuIdle",
    description="GPU instances idle below a utilization threshold for a duration, with the cost wasted "
    "(`GET /v1/gpu/idle`).",
    attributes=(
        Attribute(
            "threshold_percent",
            NUMBER,
            "A GPU counts as idle below this utilization percent (0-100); the API's default when omitted.",
            optional=True,
            computed=True,
            validators=(Range(0, 100),),
        ),
        Attribute(
            "min_minutes",
            NUMBER,
            "Minimum idle minutes to report an instance; the API's default when omitted.",
            optional=True,
            computed=True,
            validators=(Range(1),),
        ),
        _out("total_wasted_cost", NUMBER, "Cost of all idle time found."),
        CURRENCY,
        _out(
            "instances",
            _rows(
                "GpuIdleInstance",
                ("instance_id", STRING, "Instance id."),
                ("gpu_model", STRING, "GPU model."),
                ("average_utilization", NUMBER, "Average utilization percent while idle."),
                ("idle_minutes", NUMBER, "Minutes idle."),
                ("wasted_cost", NUMBER, "Cost of the idle time."),
            ),
            "Idle instances, most wasteful first.",
        ),
    ),
    read=_read_gpu_idle,
)

TOKEN_USAGE = DataSource(
    type_name="metafinops_token_usage",
    pulumi_name="getTokenUsage",
    description="LLM token consumption by model and provider (`GET /v1/tokens/usage`).",
    attributes=(
        START,
        END,
        _out("total_input_tokens", NUMBER, "Input tokens in the range."),
        _out("total_output_tokens", NUMBER, "Output tokens in the range."),
        _out(
            "models",
            _rows(
                "TokenUsageModel",
                ("provider", STRING, "LLM provider."),
                ("model", STRING, "Model name."),
                ("input_tokens", NUMBER, "Input tokens."),
                ("output_tokens", NUMBER, "Output tokens."),
                ("requests", NUMBER, "Requests recorded."),
            ),
            "One row per provider and model.",
        ),
    ),
    read=_ranged(lambda c, q: c.tokens.usage(**q)),
)

TOKEN_COST = DataSource(
    type_name="metafinops_token_cost",
    pulumi_name="getTokenCost",
    description="LLM token cost by model and provider (`GET /v1/tokens/cost`).",
    attributes=(
        START,
        END,
        CURRENCY,
        _out("total_cost", NUMBER, "Token cost in the range."),
        _out(
            "models",
            _rows(
                "TokenCostModel",
                ("provider", STRING, "LLM provider."),
                ("model", STRING, "Model name."),
                ("cost", NUMBER, "Cost in the range."),
                ("cost_per_1k_tokens", NUMBER, "Blended cost per 1,000 tokens."),
            ),
            "One row per provider and model, highest cost first.",
        ),
    ),
    read=_ranged(lambda c, q: c.tokens.cost(**q)),
)

BUDGET_ALERTS = DataSource(
    type_name="metafinops_budget_alerts",
    pulumi_name="getBudgetAlerts",
    description="Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`).",
    attributes=(
        Attribute("budget_id", STRING, "The budget (`bud_…`).", required=True),
        _out(
            "alerts",
            _rows(
                "BudgetAlert",
                ("id", STRING, "Alert id (`alr_…`)."),
                ("threshold_percent", NUMBER, "The rule's percent."),
                ("basis", STRING, "`actual` or `forecasted`."),
                ("period_start", STRING, "First day of the budget period."),
                ("spend", NUMBER, "Spend (or forecast) when the rule fired."),
                ("amount", NUMBER, "The budget amount then."),
                ("currency", STRING, "Currency of spend and amount."),
                ("triggered_at", STRING, "When the rule fired (RFC 3339)."),
            ),
            "Alerts, oldest first.",
        ),
    ),
    read=_read_budget_alerts,
)

ANOMALIES = DataSource(
    type_name="metafinops_anomalies",
    pulumi_name="getAnomalies",
    description="Detected cost anomalies: days where a service's spend left its expected range (`GET /v1/anomalies`).",
    attributes=(
        Attribute("start", STRING, "First day to search (`YYYY-MM-DD`).", optional=True, validators=(DateString(),)),
        Attribute("end", STRING, "Last day to search (`YYYY-MM-DD`).", optional=True, validators=(DateString(),)),
        Attribute(
            "min_severity",
            STRING,
            "Only anomalies at least this severe (`low`, `medium`, `high`, `critical`).",
            optional=True,
            validators=(OneOf(("low", "medium", "high", "critical")),),
        ),
        _out(
            "anomalies",
            _rows(
                "Anomaly",
                ("id", STRING, "Anomaly id (`ano_…`)."),
                ("date", STRING, "Day of the anomaly."),
                ("service", STRING, "Service."),
                ("account", STRING, "Account."),
                ("expected_cost", NUMBER, "Expected cost that day."),
                ("actual_cost", NUMBER, "Actual cost that day."),
                ("impact", NUMBER, "actual - expected."),
                ("severity", STRING, "`low`, `medium`, `high` or `critical`."),
            ),
            "Anomalies, oldest first.",
        ),
    ),
    read=_read_anomalies,
)

CARBON_FOOTPRINT = DataSource(
    type_name="metafinops_carbon_footprint",
    pulumi_name="getCarbonFootprint",
    description="Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`).",
    attributes=(
        START,
        END,
        _out("total_kgco2e", NUMBER, "Total estimated emissions, kgCO2e."),
        _out(
            "services",
            _rows("CarbonByService", ("service", STRING, "Service."), ("kgco2e", NUMBER, "kgCO2e.")),
            "Emissions per service.",
        ),
        _out(
            "regions",
            _rows("CarbonByRegion", ("region", STRING, "Region."), ("kgco2e", NUMBER, "kgCO2e.")),
            "Emissions per region.",
        ),
    ),
    read=_ranged(lambda c, q: c.carbon.footprint(**q)),
)

RECOMMENDATIONS = DataSource(
    type_name="metafinops_recommendations",
    pulumi_name="getRecommendations",
    description="Cost optimization recommendations with estimated monthly savings (`GET /v1/recommendations`).",
    attributes=(
        Attribute(
            "type",
            STRING,
            "Only recommendations of this type: `idle_gpu`, `rightsizing` or `model_switch`.",
            optional=True,
            validators=(OneOf(("idle_gpu", "rightsizing", "model_switch")),),
        ),
        _out("total_estimated_monthly_savings", NUMBER, "Sum of the estimated monthly savings."),
        _out(
            "recommendations",
            _rows(
                "Recommendation",
                ("id", STRING, "Recommendation id (`rec_…`)."),
                ("type", STRING, "`idle_gpu`, `rightsizing` or `model_switch`."),
                ("resource", STRING, "What the recommendation is about."),
                ("description", STRING, "What to do."),
                ("estimated_monthly_savings", NUMBER, "Estimated savings per month."),
                ("currency", STRING, "Currency of the savings."),
            ),
            "Recommendations, largest saving first.",
        ),
    ),
    read=_read_recommendations,
)

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
