from __future__ import annotations

from metafinops._models import BaseModel

__all__ = ["Recommendation"]


class Recommendation(BaseModel):
    """A way to save money (``rec_…``): ``type`` is idle_gpu, rightsizing or model_switch."""

    id: str
    type: str
    resource: str | None = None
    description: str
    estimated_monthly_savings: float
    currency: str
