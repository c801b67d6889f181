"""``metafinops_gpu_idle`` — GPU instances idle below a utilization threshold for a duration, with the cost wasted"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from metafinops._contract import MINUTES_MAX, UTILIZATION_PERCENT_MAX
from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import NUMBER, STRING, Attribute, DataSource, State
from metafinops.catalog.data_sources._common import CURRENCY, out, rows
from metafinops.catalog.validators import Range

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["GPU_IDLE"]


def _read_gpu_idle(client: Client, args: Mapping[str, Any]) -> State:
    query = {k: args[k] for k in ("threshold_percent", "min_minutes") if args.get(k) is not None}
    return to_state(client.gpu.idle(**query))


GPU_IDLE = DataSource(
    type_name="metafinops_gpu_idle",
    pulumi_name="getGpuIdle",
    description="GPU instances idle below a utilization threshold for a duration, with the cost wasted "
    "(`GET /v1/gpu/idle`).",
    attributes=(
        Attribute(
            "threshold_percent",
            NUMBER,
            "A GPU counts as idle below this utilization percent (0-100); the API's default when omitted.",
            optional=True,
            computed=True,
            validators=(Range(0, UTILIZATION_PERCENT_MAX),),
        ),
        Attribute(
            "min_minutes",
            NUMBER,
            "Minimum idle minutes to report an instance; the API's default when omitted.",
            optional=True,
            computed=True,
            validators=(Range(1, MINUTES_MAX),),
        ),
        out("total_wasted_cost", NUMBER, "Cost of all idle time found."),
        CURRENCY,
        out(
            "instances",
            rows(
                "GpuIdleInstance",
                ("instance_id", STRING, "Instance id."),
                ("gpu_model", STRING, "GPU model."),
                ("average_utilization", NUMBER, "Average utilization percent while idle."),
                ("idle_minutes", NUMBER, "Minutes idle."),
                ("wasted_cost", NUMBER, "Cost of the idle time."),
            ),
            "Idle instances, most wasteful first.",
        ),
    ),
    read=_read_gpu_idle,
)
