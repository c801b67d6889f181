# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getGpuIdle``: GPU instances idle below a utilization threshold for a duration, with the cost wasted (`GET /v1/gpu/idle`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetGpuIdleResult", "get_gpu_idle", "get_gpu_idle_output"]


@pulumi.output_type
class GetGpuIdleResult:
    """What getGpuIdle returns."""

    def __init__(
        self,
        *,
        currency: str,
        instances: Sequence[outputs.GpuIdleInstance],
        min_minutes: float,
        threshold_percent: float,
        total_wasted_cost: float,
    ) -> None:
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "instances", instances)
        pulumi.set(self, "min_minutes", min_minutes)
        pulumi.set(self, "threshold_percent", threshold_percent)
        pulumi.set(self, "total_wasted_cost", total_wasted_cost)

    @property
    @pulumi.getter
    def currency(self) -> str:
        """ISO 4217 currency of the amounts."""
        return cast("str", pulumi.get(self, "currency"))

    @property
    @pulumi.getter
    def instances(self) -> Sequence[outputs.GpuIdleInstance]:
        """Idle instances, most wasteful first."""
        return cast("Sequence[outputs.GpuIdleInstance]", pulumi.get(self, "instances"))

    @property
    @pulumi.getter(name="minMinutes")
    def min_minutes(self) -> float:
        """Minimum idle minutes to report an instance; the API's default when omitted."""
        return cast("float", pulumi.get(self, "min_minutes"))

    @property
    @pulumi.getter(name="thresholdPercent")
    def threshold_percent(self) -> float:
        """A GPU counts as idle below this utilization percent (0-100); the API's default when omitted."""
        return cast("float", pulumi.get(self, "threshold_percent"))

    @property
    @pulumi.getter(name="totalWastedCost")
    def total_wasted_cost(self) -> float:
        """Cost of all idle time found."""
        return cast("float", pulumi.get(self, "total_wasted_cost"))


def get_gpu_idle(
    *,
    min_minutes: float | None = None,
    threshold_percent: float | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetGpuIdleResult:
    """GPU instances idle below a utilization threshold for a duration, with the cost wasted (`GET /v1/gpu/idle`).

    :param min_minutes: Minimum idle minutes to report an instance; the API's default when omitted.
    :param threshold_percent: A GPU counts as idle below this utilization percent (0-100); the API's default when
        omitted.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["minMinutes"] = min_minutes
    __args__["thresholdPercent"] = threshold_percent
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getGpuIdle", __args__, opts=invoke_opts, typ=GetGpuIdleResult).value
    return cast("GetGpuIdleResult", __ret__)


def get_gpu_idle_output(
    *,
    min_minutes: pulumi.Input[float] | None = None,
    threshold_percent: pulumi.Input[float] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetGpuIdleResult]:
    """GPU instances idle below a utilization threshold for a duration, with the cost wasted (`GET /v1/gpu/idle`).
    Arguments and result are Outputs.

    :param min_minutes: Minimum idle minutes to report an instance; the API's default when omitted.
    :param threshold_percent: A GPU counts as idle below this utilization percent (0-100); the API's default when
        omitted.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["minMinutes"] = min_minutes
    __args__["thresholdPercent"] = threshold_percent
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getGpuIdle", __args__, opts=output_opts, typ=GetGpuIdleResult)
    return cast("pulumi.Output[GetGpuIdleResult]", __ret__)
