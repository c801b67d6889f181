# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getTokenUsage``: LLM token consumption by model and provider (`GET /v1/tokens/usage`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetTokenUsageResult", "get_token_usage", "get_token_usage_output"]


@pulumi.output_type
class GetTokenUsageResult:
    """What getTokenUsage returns."""

    def __init__(
        self,
        *,
        end: str,
        models: Sequence[outputs.TokenUsageModel],
        start: str,
        total_input_tokens: float,
        total_output_tokens: float,
    ) -> None:
        pulumi.set(self, "end", end)
        pulumi.set(self, "models", models)
        pulumi.set(self, "start", start)
        pulumi.set(self, "total_input_tokens", total_input_tokens)
        pulumi.set(self, "total_output_tokens", total_output_tokens)

    @property
    @pulumi.getter
    def end(self) -> str:
        """Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month."""
        return cast("str", pulumi.get(self, "end"))

    @property
    @pulumi.getter
    def models(self) -> Sequence[outputs.TokenUsageModel]:
        """One row per provider and model."""
        return cast("Sequence[outputs.TokenUsageModel]", pulumi.get(self, "models"))

    @property
    @pulumi.getter
    def start(self) -> str:
        """First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month."""
        return cast("str", pulumi.get(self, "start"))

    @property
    @pulumi.getter(name="totalInputTokens")
    def total_input_tokens(self) -> float:
        """Input tokens in the range."""
        return cast("float", pulumi.get(self, "total_input_tokens"))

    @property
    @pulumi.getter(name="totalOutputTokens")
    def total_output_tokens(self) -> float:
        """Output tokens in the range."""
        return cast("float", pulumi.get(self, "total_output_tokens"))


def get_token_usage(
    *,
    end: str | None = None,
    start: str | None = None,
    opts: pulumi.InvokeOptions | None = None,
) -> GetTokenUsageResult:
    """LLM token consumption by model and provider (`GET /v1/tokens/usage`).

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getTokenUsage", __args__, opts=invoke_opts, typ=GetTokenUsageResult).value
    return cast("GetTokenUsageResult", __ret__)


def get_token_usage_output(
    *,
    end: pulumi.Input[str] | None = None,
    start: pulumi.Input[str] | None = None,
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetTokenUsageResult]:
    """LLM token consumption by model and provider (`GET /v1/tokens/usage`). Arguments and result are Outputs.

    :param end: Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.
    :param start: First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["end"] = end
    __args__["start"] = start
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getTokenUsage", __args__, opts=output_opts, typ=GetTokenUsageResult)
    return cast("pulumi.Output[GetTokenUsageResult]", __ret__)
