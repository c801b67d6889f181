"""Who may see the dashboard: sign-in with an enterprise API key, sessions, CSRF.

- Signing in takes an **enterprise** API key of this server (``serve --demo`` prints one;
  ``metafinops keys create --plan enterprise`` makes more). Keys are 256-bit random secrets
  that only their holder knows, so no one else on the network can pass; free and team keys
  open the API but not the dashboard, which can create and revoke keys.
- A session is a random token in an ``HttpOnly``, ``SameSite=Strict`` cookie (``Secure`` when
  served over https). The server keeps only the token's SHA-256, in memory: a restart signs
  everyone out. A session lasts :data:`SESSION_LIFETIME` and ends at once when the key it was
  opened with is revoked.
- Every state-changing request is a POST whose form carries the session's CSRF token (compared
  in constant time), and whose ``Origin``, when the browser sends one, is this server.
  The sign-in form itself is protected the same way by a short-lived pre-session cookie.
- Secrets shown once (a new API key, a rotated webhook secret) wait in the session as a
  one-shot notice: the page that renders them removes them, so a reload shows nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request
from sqlalchemy.orm import Session

from metafinops.server.apikeys import ApiKeyInfo, find_active_key
from metafinops.server.db.models import ApiKey

__all__ = [
    "CSRF_FIELD",
    "SESSION_COOKIE",
    "SIGN_IN_COOKIE",
    "SIGN_IN_PLAN",
    "DashboardSession",
    "FormError",
    "SessionStore",
    "read_form",
    "same_origin",
    "session_key",
    "signed_in_key",
]

SESSION_COOKIE = "mfo_dashboard_session"
SIGN_IN_COOKIE = "mfo_dashboard_sign_in"
CSRF_FIELD = "csrf_token"
SIGN_IN_PLAN = "enterprise"
SESSION_LIFETIME = 12 * 3600.0  # seconds
SIGN_IN_FORM_LIFETIME = 3600  # seconds a sign-in form stays valid
MAX_SESSIONS = 1000  # oldest dropped beyond this: memory stays bounded
MAX_FORM_BYTES = 16 * 1024


class FormError(Exception):
    """A POST that is not a well-formed, same-origin form with the right CSRF token."""


@dataclass
class DashboardSession:
    """One signed-in browser."""

    key_id: str
    csrf_token: str
    expires_at: float
    notice: dict[str, str] | None = field(default=None, repr=False)

    def take_notice(self) -> dict[str, str] | None:
        """The one-shot notice (e.g. a new secret), removed as it is read."""
        notice, self.notice = self.notice, None
        return notice


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    """Sessions of one server process, by the SHA-256 of their cookie token."""

    def __init__(self, lifetime: float = SESSION_LIFETIME) -> None:
        self.lifetime = lifetime
        self._sessions: dict[str, DashboardSession] = {}
        self._lock = threading.Lock()

    def open(self, key_id: str) -> tuple[str, DashboardSession]:
        """A new session for ``key_id``: the cookie token (only ever sent as the cookie) and the session."""
        token = secrets.token_urlsafe(32)
        session = DashboardSession(
            key_id=key_id, csrf_token=secrets.token_urlsafe(32), expires_at=time.monotonic() + self.lifetime
        )
        with self._lock:
            now = time.monotonic()
            for digest in [d for d, s in self._sessions.items() if s.expires_at <= now]:
                del self._sessions[digest]
            while len(self._sessions) >= MAX_SESSIONS:
                del self._sessions[next(iter(self._sessions))]
            self._sessions[_digest(token)] = session
        return token, session

    def get(self, token: str | None) -> DashboardSession | None:
        """The live session of a cookie token, or None."""
        if not token:
            return None
        with self._lock:
            session = self._sessions.get(_digest(token))
            if session is not None and session.expires_at <= time.monotonic():
                del self._sessions[_digest(token)]
                return None
            return session

    def close(self, token: str | None) -> None:
        """End the session of ``token`` (signing out)."""
        if token:
            with self._lock:
                self._sessions.pop(_digest(token), None)


def signed_in_key(db: Session, key: str) -> ApiKeyInfo | None:
    """The key a sign-in form was given, if it is an active enterprise key."""
    caller = find_active_key(db, key.strip())
    if caller is None or caller.plan != SIGN_IN_PLAN:
        return None
    return caller


def session_key(db: Session, key_id: str) -> ApiKey | None:
    """The key a session was opened with, while it is still an active enterprise key."""
    row = db.get(ApiKey, key_id)
    return row if row is not None and row.revoked_at is None and row.plan == SIGN_IN_PLAN else None


def same_origin(request: Request) -> bool:
    """False when the browser says the request comes from another site."""
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


async def read_form(request: Request, expected_csrf: str) -> dict[str, str]:
    """The fields of a url-encoded POST, once its origin and CSRF token are checked."""
    if not same_origin(request):
        raise FormError("cross-site request refused")
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise FormError("expected a form")
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        raise FormError("form too large")
    try:
        parsed: dict[str, Any] = parse_qs(body.decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise FormError("form is not UTF-8") from None
    fields = {name: values[0] for name, values in parsed.items() if values}
    token = fields.pop(CSRF_FIELD, "")
    if not expected_csrf or not hmac.compare_digest(token.encode(), expected_csrf.encode()):
        raise FormError("the form expired or did not come from this dashboard; reload the page and try again")
    return fields
