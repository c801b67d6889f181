"""One router per resource or endpoint group, mounted under ``/v1`` by ``create_app``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from metafinops.server.schemas.envelope import error_responses

__all__ = ["READ_ERRORS", "WRITE_ERRORS", "apply_changes"]

READ_ERRORS = error_responses(400, 401, 404, 429)
WRITE_ERRORS = error_responses(400, 401, 404, 409, 422, 429)


def apply_changes(row: object, changes: Mapping[str, Any]) -> None:
    """Set each changed field on a database row (a PATCH's ``body.model_dump(exclude_unset=True)``,
    with the values a route stores differently already converted)."""
    for name, value in changes.items():
        setattr(row, name, value)
