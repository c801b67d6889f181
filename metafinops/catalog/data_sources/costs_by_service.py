"""``metafinops_costs_by_service`` — Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`)."""

from __future__ import annotations

from metafinops.catalog._schema import NUMBER, STRING, DataSource
from metafinops.catalog.data_sources._common import CURRENCY, END, START, out, ranged, rows

__all__ = ["COSTS_BY_SERVICE"]

COSTS_BY_SERVICE = DataSource(
    type_name="metafinops_costs_by_service",
    pulumi_name="getCostsByService",
    description="Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`).",
    attributes=(
        START,
        END,
        CURRENCY,
        out(
            "services",
            rows(
                "CostsByServiceRow",
                ("service", STRING, "Service name."),
                ("provider", STRING, "Provider of the service."),
                ("cost", NUMBER, "Cost in the range."),
                ("percent", NUMBER, "Share of the total, in percent."),
            ),
            "One row per service, highest cost first.",
        ),
    ),
    read=ranged(lambda c, q: c.costs.by_service(**q)),
)
