"""``metafinops_carbon_footprint`` — Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`)."""

from __future__ import annotations

from metafinops.catalog._schema import NUMBER, STRING, DataSource
from metafinops.catalog.data_sources._common import END, START, out, ranged, rows

__all__ = ["CARBON_FOOTPRINT"]

CARBON_FOOTPRINT = DataSource(
    type_name="metafinops_carbon_footprint",
    pulumi_name="getCarbonFootprint",
    description="Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`).",
    attributes=(
        START,
        END,
        out("total_kgco2e", NUMBER, "Total estimated emissions, kgCO2e."),
        out(
            "services",
            rows("CarbonByService", ("service", STRING, "Service."), ("kgco2e", NUMBER, "kgCO2e.")),
            "Emissions per service.",
        ),
        out(
            "regions",
            rows("CarbonByRegion", ("region", STRING, "Region."), ("kgco2e", NUMBER, "kgCO2e.")),
            "Emissions per region.",
        ),
    ),
    read=ranged(lambda c, q: c.carbon.footprint(**q)),
)
