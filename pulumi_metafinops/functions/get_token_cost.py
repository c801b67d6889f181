# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getTokenCost``: LLM token cost by model and provider (`GET /v1/tokens/cost`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetTokenCostResult", "get_token_cost", "get_token_cost_output"]


@pulumi.output_type
class GetTokenCostResult:
    """What getTokenCost returns."""

    def __init__(
        self,
        *,
        currency: str,
        end: str,
        models: Sequence[outputs.TokenCostModel],
        start: str,
        total_cost: float,
    ) -> None:
        pulumi.set(self, "currency", currency)
        pulumi.set(self, "end", end)
        pulumi.set(self, "models", models)
        pulumi.set(self, "start", start)
        pulumi.set(self, "total_cost", total_cost)

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
    def models(self) -> Sequence[outputs.TokenCostModel]:
        """One row per provider and model, highest cost first."""
        return cast("Sequence[outputs.TokenCostModel]", pulumi.get(self, "models"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))

    @property
    @pulumi.getter(name="totalCost")
    def total_cost(self) -> float:
        """Token cost in the range."""
        return cast("float", pulumi.get(self, "total_cost"))


def get_token_cost(
    *,
    end: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetTokenCostResult:
    """LLM token cost by model and provider (`GET /v1/tokens/cost`).

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getTokenCost", __args__, opts=invoke_opts, typ=GetTokenCostResult).value
    return cast("GetTokenCostResult", __ret__)


def get_token_cost_output(
    *,
    end: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetTokenCostResult]:
    """LLM token cost by model and provider (`GET /v1/tokens/cost`). Arguments and result are Outputs.

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getTokenCost", __args__, opts=output_opts, typ=GetTokenCostResult)
    return cast("pulumi.Output[GetTokenCostResult]", __ret__)
