"""The dashboard of ``metafinops serve``: HTML pages at ``/`` beside the API at ``/v1``.

:func:`install_dashboard` adds the pages (:mod:`.routes`), the session store (:mod:`.auth`)
and the static assets (``static/``, served from the installed package: no CDN, no network).
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

__all__ = ["ASSETS_PATH", "install_dashboard"]

ASSETS_PATH = "/assets"


def install_dashboard(app: FastAPI) -> None:
    """Serve the dashboard from ``app``."""
    from metafinops.server.dashboard.auth import SessionStore
    from metafinops.server.dashboard.routes import STATIC_DIR, router

    app.state.dashboard_sessions = SessionStore()
    app.include_router(router)
    app.mount(ASSETS_PATH, StaticFiles(directory=STATIC_DIR), name="dashboard-assets")
