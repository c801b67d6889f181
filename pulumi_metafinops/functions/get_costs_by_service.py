# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getCostsByService``: Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetCostsByServiceResult", "get_costs_by_service", "get_costs_by_service_output"]


@pulumi.output_type
class GetCostsByServiceResult:
    """What getCostsByService returns."""

    def __init__(
        self,
        *,
        currency: str,
        end: str,
        services: Sequence[outputs.CostsByServiceRow],
        start: str,
    ) -> None:
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "end", end)
        pulumi.set(self, "services", services)
        pulumi.set(self, "start", start)

    @property
    @pulumi.getter
    def currency(self) -> str:
        """ISO 4217 currency of the amounts."""
        return cast("str", pulumi.get(self, "currency"))

    @property
    @pulumi.getter
    def end(self) -> str:
        """Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month."""
        return cast("str", pulumi.get(self, "end"))

    @property
    @pulumi.getter
    def services(self) -> Sequence[outputs.CostsByServiceRow]:
        """One row per service, highest cost first."""
        return cast("Sequence[outputs.CostsByServiceRow]", pulumi.get(self, "services"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))


def get_costs_by_service(
    *,
    end: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetCostsByServiceResult:
    """Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`).

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getCostsByService", __args__, opts=invoke_opts, typ=GetCostsByServiceResult).value
    return cast("GetCostsByServiceResult", __ret__)


def get_costs_by_service_output(
    *,
    end: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetCostsByServiceResult]:
    """Cost breakdown by cloud service and provider (`GET /v1/costs/by-service`). Arguments and result are Outputs.

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getCostsByService", __args__, opts=output_opts, typ=GetCostsByServiceResult)
    return cast("pulumi.Output[GetCostsByServiceResult]", __ret__)
