from __future__ import annotations

from typing import Literal

from metafinops._operation import Operation, body, path_param
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops._types import DateLike
from metafinops.types.report import Report

__all__ = ["Reports"]


class Reports(APIResource[ClientT]):
    """Cost reports to download."""

    @endpoint
    def generate(
        self,
        *,
        start: DateLike,
        end: DateLike,
        format: Literal["json", "csv"] = "json",
        idempotency_key: str | None = None,
    ) -> Operation[Report]:
        """Generate a report of the period; fetch it from the returned ``download_url``."""
        return Operation(
            "POST",
            "/reports/generate",
            Report,
            json=body(start=start, end=end, format=format),
            idempotency_key=idempotency_key,
        )

    @endpoint
    def download(self, report_id: str) -> Operation[bytes]:
        """The report's file (JSON or CSV bytes), as rendered when it was generated."""
        path = f"/reports/{path_param('report_id', report_id)}/download"
        return Operation("GET", path, bytes, enveloped=False)
