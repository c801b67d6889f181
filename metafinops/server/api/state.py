"""What one app instance holds: settings, database, rate limiter, idempotency guard."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import Request
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from metafinops.server.api.idempotency import IdempotencyGuard
from metafinops.server.ratelimit import RateLimiter
from metafinops.server.settings import Settings

if TYPE_CHECKING:
    from metafinops.server.events.engine import EventRuntime

__all__ = ["ServerState", "server_state"]


@dataclass
class ServerState:
    """Stored on ``app.state.server`` by :func:`metafinops.server.app.create_app`."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    rate_limiter: RateLimiter
    idempotency: IdempotencyGuard
    version: str
    events: EventRuntime | None = None  # the event engine's tick and delivery worker


def server_state(request: Request) -> ServerState:
    """The state of the app serving ``request``."""
    state = request.app.state.server
    assert isinstance(state, ServerState)
    return state
