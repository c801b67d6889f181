"""Rate-limit counters in the database, shared by every server process on it; idempotency
records that hold no secrets (``refresh`` names how a replay gets the current one back).

Revision ID: 0003_rate_limit_windows
Revises: 0002_analytics_events
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_rate_limit_windows"
down_revision: str | None = "0002_analytics_events"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "rate_limit_windows",
        sa.Column(
            "api_key_id",
            sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql"),
            nullable=False,
        ),
        sa.Column("window_index", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("api_key_id", "window_index", name=op.f("pk_rate_limit_windows")),
    )
    with op.batch_alter_table("idempotency_records") as batch:
        batch.add_column(sa.Column("refresh", sa.String(length=40), nullable=True))
    # Records written before this revision may hold webhook secrets: they go (a replay window
    # of at most 24 h is lost, which is the lesser harm).
    op.execute(sa.text("DELETE FROM idempotency_records WHERE response_data LIKE '%\"secret\":%'"))


def downgrade() -> None:
    with op.batch_alter_table("idempotency_records") as batch:
        batch.drop_column("refresh")
    op.drop_table("rate_limit_windows")
