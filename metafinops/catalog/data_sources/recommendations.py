"""``metafinops_recommendations`` — cost optimization recommendations (`GET /v1/recommendations`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops._contract import RECOMMENDATION_TYPES
from metafinops.catalog._common import either
from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import NUMBER, STRING, Attribute, DataSource, State
from metafinops.catalog.data_sources._common import out, rows
from metafinops.catalog.validators import OneOf

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["RECOMMENDATIONS"]


def _read_recommendations(client: Client, args: Mapping[str, Any]) -> State:
    rows = [to_state(r) for r in client.recommendations.list()]
    if args.get("type") is not None:
        rows = [r for r in rows if r.get("type") == args["type"]]
    total = round(sum(float(r.get("estimated_monthly_savings") or 0) for r in rows), 2)
    return {"type": args.get("type"), "recommendations": rows, "total_estimated_monthly_savings": total}


RECOMMENDATIONS = DataSource(
    type_name="metafinops_recommendations",
    pulumi_name="getRecommendations",
    description="Cost optimization recommendations with estimated monthly savings (`GET /v1/recommendations`).",
    attributes=(
        Attribute(
            "type",
            STRING,
            f"Only recommendations of this type: {either(RECOMMENDATION_TYPES)}.",
            optional=True,
            validators=(OneOf(RECOMMENDATION_TYPES),),
        ),
        out("total_estimated_monthly_savings", NUMBER, "Sum of the estimated monthly savings."),
        out(
            "recommendations",
            rows(
                "Recommendation",
                ("id", STRING, "Recommendation id (`rec_…`)."),
                ("type", STRING, f"{either(RECOMMENDATION_TYPES)}."),
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
