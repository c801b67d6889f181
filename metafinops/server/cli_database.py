"""What every server command shares: which database, opened and migrated.

``metafinops serve``/``keys`` (:mod:`metafinops.server.cli`) and ``metafinops ingest``/
``demo-data`` (:mod:`metafinops.server.ingest_cli`) both build on it; it imports neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from metafinops.server.settings import Settings

__all__ = ["DB_OPTION_HELP", "load_settings", "open_database"]

DB_OPTION_HELP = "Database URL (default: $METAFINOPS_DB_URL or sqlite:///metafinops.db)."


def load_settings(db_url: str | None) -> Settings:
    from pydantic import ValidationError

    from metafinops.server.settings import Settings

    try:
        return Settings(db_url=db_url) if db_url else Settings()
    except ValidationError as exc:
        raise click.ClickException(f"invalid METAFINOPS_* setting: {exc}") from None


def open_database(settings: Settings) -> Engine:
    from sqlalchemy.exc import SQLAlchemyError

    from metafinops.server.db.engine import create_db_engine
    from metafinops.server.db.migrate import upgrade_to_head

    try:
        engine = create_db_engine(settings.db_url)
        upgrade_to_head(engine)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise click.ClickException(f"cannot open database {settings.db_url!r}: {exc}") from None
    return engine
