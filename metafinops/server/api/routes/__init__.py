"""One router per resource or endpoint group, mounted under ``/v1`` by ``create_app``."""

from __future__ import annotations

from metafinops.server.schemas.envelope import error_responses

__all__ = ["READ_ERRORS", "WRITE_ERRORS"]

READ_ERRORS = error_responses(400, 401, 404, 429)
WRITE_ERRORS = error_responses(400, 401, 404, 409, 422, 429)
