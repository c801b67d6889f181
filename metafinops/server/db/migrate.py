"""Alembic migrations, run programmatically (``upgrade head`` at start-up).

New revisions chain on the newest one in ``migrations/versions``. To write one after changing
:mod:`.models`::

    python -m metafinops.server.db.migrate revision 0002_deliveries "webhook deliveries"

which autogenerates it by comparing the models with a scratch SQLite database at head; read
and tidy what it wrote.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from metafinops.server.db.engine import create_db_engine

__all__ = ["alembic_config", "upgrade_to_head"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config for our scripts; with ``engine``, migrations run on it."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest revision (a no-op when it is there already)."""
    command.upgrade(alembic_config(engine), "head")


def _revision(rev_id: str, message: str) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_db_engine(f"sqlite:///{scratch}/scratch.db")
        try:
            upgrade_to_head(engine)
            command.revision(alembic_config(engine), message=message, autogenerate=True, rev_id=rev_id)
        finally:
            engine.dispose()


if __name__ == "__main__":  # pragma: no cover - developer tool
    if len(sys.argv) != 4 or sys.argv[1] != "revision":
        sys.exit("usage: python -m metafinops.server.db.migrate revision REV_ID MESSAGE")
    _revision(sys.argv[2], sys.argv[3])
