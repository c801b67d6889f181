# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getGpuUtilization``: GPU utilization per instance (`GET /v1/gpu/utilization`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetGpuUtilizationResult", "get_gpu_utilization", "get_gpu_utilization_output"]


@pulumi.output_type
class GetGpuUtilizationResult:
    """What getGpuUtilization returns."""

    def __init__(
        self,
        *,
        average_utilization: float,
        end: str,
        instances: Sequence[outputs.GpuUtilizationInstance],
        start: str,
    ) -> None:
        pulumi.set(self, "average_utilization", average_utilization)
        pulumi.set(self, "end", end)
        pulumi.set(self, "instances", instances)
        pulumi.set(self, "start", start)

    @property
    @pulumi.getter(name="averageUtilization")
    def average_utilization(self) -> float:
        """Average utilization percent across all GPU instances."""
        return cast("float", pulumi.get(self, "average_utilization"))

    @property
    @pulumi.getter
    def end(self) -> str:
        """Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month."""
        return cast("str", pulumi.get(self, "end"))

    @property
    @pulumi.getter
    def instances(self) -> Sequence[outputs.GpuUtilizationInstance]:
        """One row per GPU instance."""
        return cast("Sequence[outputs.GpuUtilizationInstance]", pulumi.get(self, "instances"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))


def get_gpu_utilization(
    *,
    end: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetGpuUtilizationResult:
    """GPU utilization per instance (`GET /v1/gpu/utilization`).

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getGpuUtilization", __args__, opts=invoke_opts, typ=GetGpuUtilizationResult).value
    return cast("GetGpuUtilizationResult", __ret__)


def get_gpu_utilization_output(
    *,
    end: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetGpuUtilizationResult]:
    """GPU utilization per instance (`GET /v1/gpu/utilization`). Arguments and result are Outputs.

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getGpuUtilization", __args__, opts=output_opts, typ=GetGpuUtilizationResult)
    return cast("pulumi.Output[GetGpuUtilizationResult]", __ret__)
