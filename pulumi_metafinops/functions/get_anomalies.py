# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getAnomalies``: Detected cost anomalies: days where a service's spend left its expected range (`GET /v1/anomalies`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetAnomaliesResult", "get_anomalies", "get_anomalies_output"]


@pulumi.output_type
class GetAnomaliesResult:
    """What getAnomalies returns."""

    def __init__(
        self,
        *,
        anomalies: Sequence[outputs.Anomaly],
        end: str | None = None,
        min_severity: str | None = None,
        start: str | None = None,
    ) -> None:
        pulumi.set(self, "anomalies", anomalies)
        pulumi.set(self, "end", end)
        pulumi.set(self, "min_severity", min_severity)
        pulumi.set(self, "start", start)

    @property
    @pulumi.getter
    def anomalies(self) -> Sequence[outputs.Anomaly]:
        """Anomalies, oldest first."""
        return cast("Sequence[outputs.Anomaly]", pulumi.get(self, "anomalies"))

    @property
    @pulumi.getter
    def end(self) -> str | None:
        """Last day to search (`YYYY-MM-DD`)."""
        return cast("str | None", pulumi.get(self, "end"))

    @property
    @pulumi.getter(name="minSeverity")
    def min_severity(self) -> str | None:
        """Only anomalies at least this severe (`low`, `medium`, `high` or `critical`)."""
        return cast("str | None", pulumi.get(self, "min_severity"))

    @property
    @pulumi.getter
    def start(self) -> str | None:
        """First day to search (`YYYY-MM-DD`)."""
        return cast("str | None", pulumi.get(self, "start"))


def get_anomalies(
    *,
    end: str | None = None,
    min_severity: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetAnomaliesResult:
    """Detected cost anomalies: days where a service's spend left its expected range (`GET /v1/anomalies`).

    :param end: Last day to search (`YYYY-MM-DD`).
    :param min_severity: Only anomalies at least this severe (`low`, `medium`, `high` or `critical`).
    :param start: First day to search (`YYYY-MM-DD`).
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["minSeverity"] = min_severity
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getAnomalies", __args__, opts=invoke_opts, typ=GetAnomaliesResult).value
    return cast("GetAnomaliesResult", __ret__)


def get_anomalies_output(
    *,
    end: pulumi.Input[str] | None = None,
    min_severity: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetAnomaliesResult]:
    """Detected cost anomalies: days where a service's spend left its expected range (`GET /v1/anomalies`). Arguments
    and result are Outputs.

    :param end: Last day to search (`YYYY-MM-DD`).
    :param min_severity: Only anomalies at least this severe (`low`, `medium`, `high` or `critical`).
    :param start: First day to search (`YYYY-MM-DD`).
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["minSeverity"] = min_severity
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getAnomalies", __args__, opts=output_opts, typ=GetAnomaliesResult)
    return cast("pulumi.Output[GetAnomaliesResult]", __ret__)
