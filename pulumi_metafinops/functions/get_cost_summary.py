# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getCostSummary``: Total cost for a date range, broken down by service (`GET /v1/costs/summary`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetCostSummaryResult", "get_cost_summary", "get_cost_summary_output"]


@pulumi.output_type
class GetCostSummaryResult:
    """What getCostSummary returns."""

    def __init__(
        self,
        *,
        currency: str,
        end: str,
        services: Sequence[outputs.CostSummaryService],
        start: str,
        total_cost: float,
        account: str | None = None,
        cloud_provider: str | None = None,
        service: str | None = None,
    ) -> None:
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "end", end)
        pulumi.set(self, "services", services)
        pulumi.set(self, "start", start)
        pulumi.set(self, "total_cost", total_cost)
        pulumi.set(self, "account", account)
        pulumi.set(self, "cloud_provider", cloud_provider)
        pulumi.set(self, "service", service)

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
    def services(self) -> Sequence[outputs.CostSummaryService]:
        """Cost per service, highest first."""
        return cast("Sequence[outputs.CostSummaryService]", pulumi.get(self, "services"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))

    @property
    @pulumi.getter(name="totalCost")
    def total_cost(self) -> float:
        """Total cost in the range."""
        return cast("float", pulumi.get(self, "total_cost"))

    @property
    @pulumi.getter
    def account(self) -> str | None:
        """Only this account."""
        return cast("str | None", pulumi.get(self, "account"))

    @property
    @pulumi.getter(name="cloudProvider")
    def cloud_provider(self) -> str | None:
        """Only this provider (FOCUS `ProviderName`: `AWS`, `Google Cloud`…); the API's `provider` filter. (`provider`
        is a reserved argument name in Terraform.)
        """
        return cast("str | None", pulumi.get(self, "cloud_provider"))

    @property
    @pulumi.getter
    def service(self) -> str | None:
        """Only this service."""
        return cast("str | None", pulumi.get(self, "service"))


def get_cost_summary(
    *,
    account: str | None = None,
    cloud_provider: str | None = None,
    end: str | None = None,
    service: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetCostSummaryResult:
    """Total cost for a date range, broken down by service (`GET /v1/costs/summary`).

    :param account: Only this account.
    :param cloud_provider: Only this provider (FOCUS `ProviderName`: `AWS`, `Google Cloud`…); the API's `provider`
        filter. (`provider` is a reserved argument name in Terraform.)
    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param service: Only this service.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["account"] = account
    __args__["cloudProvider"] = cloud_provider
    __args__["end"] = end
    __args__["service"] = service
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getCostSummary", __args__, opts=invoke_opts, typ=GetCostSummaryResult).value
    return cast("GetCostSummaryResult", __ret__)


def get_cost_summary_output(
    *,
    account: pulumi.Input[str] | None = None,
    cloud_provider: pulumi.Input[str] | None = None,
    end: pulumi.Input[str] | None = None,
    service: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetCostSummaryResult]:
    """Total cost for a date range, broken down by service (`GET /v1/costs/summary`). Arguments and result are Outputs.

    :param account: Only this account.
    :param cloud_provider: Only this provider (FOCUS `ProviderName`: `AWS`, `Google Cloud`…); the API's `provider`
        filter. (`provider` is a reserved argument name in Terraform.)
    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param service: Only this service.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["account"] = account
    __args__["cloudProvider"] = cloud_provider
    __args__["end"] = end
    __args__["service"] = service
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getCostSummary", __args__, opts=output_opts, typ=GetCostSummaryResult)
    return cast("pulumi.Output[GetCostSummaryResult]", __ret__)
