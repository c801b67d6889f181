"""``metafinops_budget_alerts`` — Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops._contract import THRESHOLD_BASES
from metafinops.catalog._common import either
from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import NUMBER, STRING, Attribute, DataSource, State
from metafinops.catalog.data_sources._common import out, rows

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["BUDGET_ALERTS"]


def _read_budget_alerts(client: Client, args: Mapping[str, Any]) -> State:
    alerts = [to_state(a) for a in client.budgets.alerts(str(args["budget_id"]))]
    return {"budget_id": args["budget_id"], "alerts": alerts}


BUDGET_ALERTS = DataSource(
    type_name="metafinops_budget_alerts",
    pulumi_name="getBudgetAlerts",
    description="Alert history of a budget: each threshold crossing (`GET /v1/budgets/{id}/alerts`).",
    attributes=(
        Attribute("budget_id", STRING, "The budget (`bud_…`).", required=True),
        out(
            "alerts",
            rows(
                "BudgetAlert",
                ("id", STRING, "Alert id (`alr_…`)."),
                ("threshold_percent", NUMBER, "The rule's percent."),
                ("basis", STRING, f"{either(THRESHOLD_BASES)}."),
                ("period_start", STRING, "First day of the budget period."),
                ("spend", NUMBER, "Spend (or forecast) when the rule fired."),
                ("amount", NUMBER, "The budget amount then."),
                ("currency", STRING, "Currency of spend and amount."),
                ("triggered_at", STRING, "When the rule fired (RFC 3339)."),
            ),
            "Alerts, oldest first.",
        ),
    ),
    read=_read_budget_alerts,
)
