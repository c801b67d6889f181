"""Migrations: idempotent at every start, data survives restarts, models match the migrations."""

from __future__ import annotations

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from metafinops.server.db.engine import create_db_engine
from metafinops.server.db.migrate import alembic_config, upgrade_to_head
from metafinops.server.db.models import Base

from .helpers import budget_body, ok


def test_data_survives_restart(start_server, tmp_path) -> None:
    with start_server(tmp_path) as server:
        with server.client() as client:
            budget = ok(client.post("/budgets", json=budget_body(name="durable")), 201)
            hook = ok(client.post("/webhooks", json={"url": "https://h.test/x", "events": ["report.generated"]}), 201)
        server.restart()
        server.restart()  # a second start on a migrated database is a no-op migration
        with server.client() as client:  # the key made before the restarts still works
            assert ok(client.get(f"/budgets/{budget['id']}")) == budget
            assert ok(client.get(f"/webhooks/{hook['id']}"))["secret_version"] == 1
            assert ok(client.post(f"/webhooks/{hook['id']}/rotate-secret"))["secret_version"] == 2
        database = server.db_url.removeprefix("sqlite:///")
        with sqlite3.connect(database) as connection:
            assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head(),)]
            assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def _head() -> str:

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def test_models_match_migrations(tmp_path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'schema.db'}")
    try:
        upgrade_to_head(engine)
        upgrade_to_head(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()
