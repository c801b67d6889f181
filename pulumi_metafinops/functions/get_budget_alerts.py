# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
# ruff: noqa: E501
"""``metafinops:index:getBudgetAlerts``: Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import pulumi

from pulumi_metafinops import _utilities, outputs

__all__ = ["GetBudgetAlertsResult", "get_budget_alerts", "get_budget_alerts_output"]


@pulumi.output_type
class GetBudgetAlertsResult:
    """What getBudgetAlerts returns."""

    def __init__(
        self,
        *,
        alerts: Sequence[outputs.BudgetAlert],
        budget_id: str,
    ) -> None:
        pulumi.set(self, "alerts", alerts)
        pulumi.set(self, "budget_id", budget_id)

    @property
    @pulumi.getter
    def alerts(self) -> Sequence[outputs.BudgetAlert]:
        """Alerts, oldest first."""
        return cast("Sequence[outputs.BudgetAlert]", pulumi.get(self, "alerts"))

    @property
    @pulumi.getter(name="budgetId")
    def budget_id(self) -> str:
        """The budget (`bud_…`)."""
        return cast("str", pulumi.get(self, "budget_id"))


def get_budget_alerts(
    *,
    budget_id: str,
    opts: pulumi.InvokeOptions | None = None,
) -> GetBudgetAlertsResult:
    """Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`).

    :param budget_id: The budget (`bud_…`).
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["budgetId"] = budget_id
    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke("metafinops:index:getBudgetAlerts", __args__, opts=invoke_opts, typ=GetBudgetAlertsResult).value
    return cast("GetBudgetAlertsResult", __ret__)


def get_budget_alerts_output(
    *,
    budget_id: pulumi.Input[str],
    opts: pulumi.InvokeOptions | pulumi.InvokeOutputOptions | None = None,
) -> pulumi.Output[GetBudgetAlertsResult]:
    """Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`). Arguments and result are
    Outputs.

    :param budget_id: The budget (`bud_…`).
    :param opts: Options for the call.
    """
    __args__: dict[str, Any] = {}
    __args__["budgetId"] = budget_id
    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)
    __ret__ = pulumi.runtime.invoke_output("metafinops:index:getBudgetAlerts", __args__, opts=output_opts, typ=GetBudgetAlertsResult)
    return cast("pulumi.Output[GetBudgetAlertsResult]", __ret__)
