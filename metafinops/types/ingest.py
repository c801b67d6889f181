from __future__ import annotations

import datetime

from metafinops._models import BaseModel

__all__ = ["IngestResult"]


class IngestResult(BaseModel):
    """What one ingestion call stored: how many records, and the time span they cover."""

    ingested: int
    first_timestamp: datetime.datetime | None = None
    last_timestamp: datetime.datetime | None = None
