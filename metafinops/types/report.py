from __future__ import annotations

import datetime

from metafinops._models import BaseModel
from metafinops.types.shared import DateRange

__all__ = ["Report"]


class Report(BaseModel):
    """A generated cost report (``rep_…``), downloadable from ``download_url``."""

    id: str
    status: str
    format: str
    period: DateRange
    download_url: str | None = None
    created_at: datetime.datetime
