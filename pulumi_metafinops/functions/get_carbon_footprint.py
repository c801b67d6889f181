# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getCarbonFootprint``: Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetCarbonFootprintResult", "get_carbon_footprint", "get_carbon_footprint_output"]


@pulumi.output_type
class GetCarbonFootprintResult:
    """What getCarbonFootprint returns."""

    def __init__(
        self,
        *,
        end: str,
        regions: Sequence[outputs.CarbonByRegion],
        services: Sequence[outputs.CarbonByService],
        start: str,
        total_kgco2e: float,
    ) -> None:
        pulumi.set(self, "end", end)
        pulumi.set(self, "regions", regions)
        pulumi.set(self, "services", services)
        pulumi.set(self, "start", start)
        pulumi.set(self, "total_kgco2e", total_kgco2e)

    @property
    @pulumi.getter
    def end(self) -> str:
        """Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month."""
        return cast("str", pulumi.get(self, "end"))

    @property
    @pulumi.getter
    def regions(self) -> Sequence[outputs.CarbonByRegion]:
        """Emissions per region."""
        return cast("Sequence[outputs.CarbonByRegion]", pulumi.get(self, "regions"))

    @property
    @pulumi.getter
    def services(self) -> Sequence[outputs.CarbonByService]:
        """Emissions per service."""
        return cast("Sequence[outputs.CarbonByService]", pulumi.get(self, "services"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))

    @property
    @pulumi.getter(name="totalKgco2e")
    def total_kgco2e(self) -> float:
        """Total estimated emissions, kgCO2e."""
        return cast("float", pulumi.get(self, "total_kgco2e"))


def get_carbon_footprint(
    *,
    end: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetCarbonFootprintResult:
    """Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`).

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getCarbonFootprint", __args__, opts=invoke_opts, typ=GetCarbonFootprintResult).value
    return cast("GetCarbonFootprintResult", __ret__)


def get_carbon_footprint_output(
    *,
    end: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetCarbonFootprintResult]:
    """Estimated emissions (kgCO2e) by service and region (`GET /v1/carbon/footprint`). Arguments and result are
    Outputs.

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getCarbonFootprint", __args__, opts=output_opts, typ=GetCarbonFootprintResult)
    return cast("pulumi.Output[GetCarbonFootprintResult]", __ret__)
