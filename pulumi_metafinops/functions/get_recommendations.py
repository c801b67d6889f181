# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getRecommendations``: Cost optimization recommendations with estimated monthly savings (`GET /v1/recommendations`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetRecommendationsResult", "get_recommendations", "get_recommendations_output"]


@pulumi.output_type
class GetRecommendationsResult:
    """What getRecommendations returns."""

    def __init__(
        self,
        *,
        recommendations: Sequence[outputs.Recommendation],
        total_estimated_monthly_savings: float,
        type: str | None = None,
    ) -> None:
        pulumi.set(self, "recommendations", recommendations)
        pulumi.set(self, "total_estimated_monthly_savings", total_estimated_monthly_savings)
        pulumi.set(self, "type", type)

    @property
    @pulumi.getter
    def recommendations(self) -> Sequence[outputs.Recommendation]:
        """Recommendations, largest saving first."""
        return cast("Sequence[outputs.Recommendation]", pulumi.get(self, "recommendations"))

    @property
    @pulumi.getter(name="totalEstimatedMonthlySavings")
    def total_estimated_monthly_savings(self) -> float:
        """Sum of the estimated monthly savings."""
        return cast("float", pulumi.get(self, "total_estimated_monthly_savings"))

    @property
    @pulumi.getter
    def type(self) -> str | None:
        """Only recommendations of this type: `idle_gpu`, `rightsizing` or `model_switch`."""
        return cast("str | None", pulumi.get(self, "type"))


def get_recommendations(
    *,
    type: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetRecommendationsResult:
    """Cost optimization recommendations with estimated monthly savings (`GET /v1/recommendations`).

    :param type: Only recommendations of this type: `idle_gpu`, `rightsizing` or `model_switch`.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["type"] = type
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getRecommendations", __args__, opts=invoke_opts, typ=GetRecommendationsResult).value
    return cast("GetRecommendationsResult", __ret__)


def get_recommendations_output(
    *,
    type: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetRecommendationsResult]:
    """Cost optimization recommendations with estimated monthly savings (`GET /v1/recommendations`). Arguments and
    result are Outputs.

    :param type: Only recommendations of this type: `idle_gpu`, `rightsizing` or `model_switch`.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["type"] = type
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getRecommendations", __args__, opts=output_opts, typ=GetRecommendationsResult)
    return cast("pulumi.Output[GetRecommendationsResult]", __ret__)
