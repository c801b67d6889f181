"""``metafinops_gpu_utilization`` — GPU utilization per instance (`GET /v1/gpu/utilization`)."""

from __future__ import annotations

from metafinops.catalog._schema import NUMBER, STRING, DataSource
from metafinops.catalog.data_sources._common import END, START, out, ranged, rows

__all__ = ["GPU_UTILIZATION"]

GPU_UTILIZATION = DataSource(
    type_name="metafinops_gpu_utilization",
    pulumi_name="getGpuUtilization",
    description="GPU utilization per instance (`GET /v1/gpu/utilization`).",
    attributes=(
        START,
        END,
        out("average_utilization", NUMBER, "Average utilization percent across all GPU instances."),
        out(
            "instances",
            rows(
                "GpuUtilizationInstance",
                ("instance_id", STRING, "Instance id."),
                ("gpu_model", STRING, "GPU model."),
                ("average_utilization", NUMBER, "Average utilization percent."),
                ("average_memory", NUMBER, "Average memory use percent."),
                ("hours", NUMBER, "Hours sampled."),
                ("cost", NUMBER, "Cost in the range."),
            ),
            "One row per GPU instance.",
        ),
    ),
    read=ranged(lambda c, q: c.gpu.utilization(**q)),
)
