from __future__ import annotations

import datetime

from metafinops._contract import Severity as Severity
from metafinops._models import BaseModel

__all__ = ["Anomaly", "Severity"]


class Anomaly(BaseModel):
    """A day on which a service cost markedly more than expected (``ano_…``)."""

    id: str
    date: datetime.date
    service: str
    account: str | None = None
    expected_cost: float
    actual_cost: float
    impact: float
    severity: str
    method: str | None = None
