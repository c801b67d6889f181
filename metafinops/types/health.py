from __future__ import annotations

from metafinops._models import BaseModel

__all__ = ["Health"]


class Health(BaseModel):
    """``GET /v1/health``: the server is up and its database reachable."""

    status: str
    version: str
    database: str
