from __future__ import annotations

from metafinops._operation import Operation
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops.types.health import Health

__all__ = ["HealthCheck"]


class HealthCheck(APIResource[ClientT]):
    """Whether the API is up (needs no key, but the client sends it anyway)."""

    @endpoint
    def check(self) -> Operation[Health]:
        """The server's status, version and database; a 503 raises :class:`~metafinops.InternalServerError`."""
        return Operation("GET", "/health", Health)
