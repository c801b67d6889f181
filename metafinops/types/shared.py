from __future__ import annotations

import datetime

from metafinops._models import BaseModel

__all__ = ["DateRange"]


class DateRange(BaseModel):
    """The inclusive period a figure covers."""

    start: datetime.date
    end: datetime.date
