"""``metafinops_anomalies`` — detected cost anomalies (`GET /v1/anomalies`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops._contract import SEVERITIES
from metafinops.catalog._common import either
from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import NUMBER, STRING, Attribute, DataSource, State
from metafinops.catalog.data_sources._common import out, range_args, rows
from metafinops.catalog.validators import DateString, OneOf

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["ANOMALIES"]


def _read_anomalies(client: Client, args: Mapping[str, Any]) -> State:
    query = range_args(args, "min_severity")
    anomalies = [to_state(a) for a in client.anomalies.list(**query)]
    return {**args, "anomalies": anomalies}


ANOMALIES = DataSource(
    type_name="metafinops_anomalies",
    pulumi_name="getAnomalies",
    description="Detected cost anomalies: days where a service's spend left its expected range (`GET /v1/anomalies`).",
    attributes=(
        Attribute("start", STRING, "First day to search (`YYYY-MM-DD`).", optional=True, validators=(DateString(),)),
        Attribute("end", STRING, "Last day to search (`YYYY-MM-DD`).", optional=True, validators=(DateString(),)),
        Attribute(
            "min_severity",
            STRING,
            f"Only anomalies at least this severe ({either(SEVERITIES)}).",
            optional=True,
            validators=(OneOf(SEVERITIES),),
        ),
        out(
            "anomalies",
            rows(
                "Anomaly",
                ("id", STRING, "Anomaly id (`ano_…`)."),
                ("date", STRING, "Day of the anomaly."),
                ("service", STRING, "Service."),
                ("account", STRING, "Account."),
                ("expected_cost", NUMBER, "Expected cost that day."),
                ("actual_cost", NUMBER, "Actual cost that day."),
                ("impact", NUMBER, "actual - expected."),
                ("severity", STRING, "`low`, `medium`, `high` or `critical`."),
            ),
            "Anomalies, oldest first.",
        ),
    ),
    read=_read_anomalies,
)
