"""``metafinops_cost_summary`` — Total cost for a date range, broken down by service (`GET /v1/costs/summary`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import NUMBER, STRING, Attribute, DataSource, State
from metafinops.catalog.data_sources._common import CURRENCY, END, START, out, range_args, rows, with_period

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["COST_SUMMARY"]


def _read_cost_summary(client: Client, args: Mapping[str, Any]) -> State:
    query = range_args(args, "service", "account")
    if args.get("cloud_provider") is not None:
        query["provider"] = args["cloud_provider"]
    result = with_period(to_state(client.costs.summary(**query)))
    return {**result, **{k: args.get(k) for k in ("service", "account", "cloud_provider")}}


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
            "Only this provider (FOCUS `ProviderName`: `AWS`, `Google Cloud`…); the API's `provider` filter. "
            "(`provider` is a reserved argument name in Terraform.)",
            optional=True,
        ),
        out("total_cost", NUMBER, "Total cost in the range."),
        CURRENCY,
        out(
            "services",
            rows(
                "CostSummaryService",
                ("service", STRING, "Service name."),
                ("cost", NUMBER, "Cost of the service in the range."),
            ),
            "Cost per service, highest first.",
        ),
    ),
    read=_read_cost_summary,
)
