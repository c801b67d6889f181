"""Analytics and events: daily cost rollup, anomalies, budget alerts, events, webhook deliveries.

Also a ``content`` column on reports (a report is rendered once, when generated). The rollup is
filled from the cost rows already ingested; it replaces two of the three indexes on
``cost_records``, which made ingestion twice as slow.

Revision ID: 0002_analytics_events
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_analytics_events"
down_revision: str | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _public_id(name: str = "id") -> sa.Column[str]:
    kind = sa.String(length=40).with_variant(sa.String(length=40, collation="C"), "postgresql")
    return sa.Column(name, kind, nullable=False)


def _row_id() -> sa.Column[int]:
    return sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False)


def upgrade() -> None:
    # the rollup answers per-account and per-provider questions; these two only slowed ingestion
    op.drop_index("ix_cost_records_period_account", table_name="cost_records")
    op.drop_index("ix_cost_records_period_provider", table_name="cost_records")
    op.create_table(
        "cost_daily",
        _row_id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("provider", sa.String(length=64), nullable=False),
        sa.Column("service", sa.String(length=128), nullable=False),
        sa.Column("sub_account", sa.String(length=128), nullable=False),
        sa.Column("region", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("billed_cost", sa.Float(), nullable=False),
        sa.Column("effective_cost", sa.Float(), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_daily")),
        sa.UniqueConstraint(
            "day", "provider", "service", "sub_account", "region", "currency",
            name=op.f("uq_cost_daily_day_provider_service_sub_account_region_currency"),
        ),
    )  # fmt: skip
    op.create_index(
        "ix_cost_daily_covering",
        "cost_daily",
        ["day", "currency", "service", "provider", "sub_account", "region", "effective_cost", "row_count"],
    )
    day = "date(charge_period_start)" if op.get_bind().dialect.name == "sqlite" else "CAST(charge_period_start AS DATE)"
    op.execute(
        "INSERT INTO cost_daily (day, provider, service, sub_account, region, currency, billed_cost,"
        f" effective_cost, row_count) SELECT {day}, provider, service, sub_account, COALESCE(region, ''),"
        " currency, SUM(billed_cost), SUM(effective_cost), COUNT(*) FROM cost_records"
        f" GROUP BY {day}, provider, service, sub_account, COALESCE(region, ''), currency"
    )

    op.create_table(
        "anomalies",
        _public_id(),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("service", sa.String(length=128), nullable=False),
        sa.Column("account", sa.String(length=128), nullable=False),
        sa.Column("expected_cost", sa.Float(), nullable=False),
        sa.Column("actual_cost", sa.Float(), nullable=False),
        sa.Column("impact", sa.Float(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=64), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_anomalies")),
        sa.UniqueConstraint("day", "service", "account", name=op.f("uq_anomalies_day_service_account")),
    )
    op.create_index(op.f("ix_anomalies_day"), "anomalies", ["day"])

    op.create_table(
        "budget_alerts",
        _public_id(),
        _public_id("budget_id"),
        sa.Column("threshold_percent", sa.Float(), nullable=False),
        sa.Column("basis", sa.String(length=16), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("spend", sa.Float(), nullable=False),
        sa.Column("forecast", sa.Float(), nullable=True),
        sa.Column("amount", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("triggered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["budget_id"], ["budgets.id"], name=op.f("fk_budget_alerts_budget_id_budgets"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_alerts")),
        sa.UniqueConstraint(
            "budget_id", "period_start", "threshold_percent", "basis",
            name=op.f("uq_budget_alerts_budget_id_period_start_threshold_percent_basis"),
        ),
    )  # fmt: skip
    op.create_index(op.f("ix_budget_alerts_budget_id"), "budget_alerts", ["budget_id"])

    op.create_table(
        "events",
        _public_id(),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=255), nullable=False),
        sa.Column("policy_id", sa.String(length=40), nullable=True),
        sa.Column("subject", sa.String(length=255), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_events_dedupe_key")),
    )
    op.create_index("ix_events_policy_subject", "events", ["policy_id", "subject", "created_at"])

    op.create_table(
        "webhook_deliveries",
        _public_id(),
        _public_id("event_id"),
        _public_id("webhook_id"),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=1000), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_webhook_deliveries_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["webhook_id"], ["webhooks.id"], name=op.f("fk_webhook_deliveries_webhook_id_webhooks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint("event_id", "webhook_id", name=op.f("uq_webhook_deliveries_event_id_webhook_id")),
    )
    op.create_index("ix_webhook_deliveries_due", "webhook_deliveries", ["status", "next_attempt_at"])
    op.create_index("ix_webhook_deliveries_webhook", "webhook_deliveries", ["webhook_id", "id"])

    op.create_table(
        "webhook_delivery_attempts",
        _row_id(),
        _public_id("delivery_id"),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("error", sa.String(length=1000), nullable=True),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["webhook_deliveries.id"],
            name=op.f("fk_webhook_delivery_attempts_delivery_id_webhook_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_delivery_attempts")),
    )
    op.create_index(op.f("ix_webhook_delivery_attempts_delivery_id"), "webhook_delivery_attempts", ["delivery_id"])

    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("content", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("content")
    for table in (
        "webhook_delivery_attempts",
        "webhook_deliveries",
        "events",
        "budget_alerts",
        "anomalies",
        "cost_daily",
    ):
        op.drop_table(table)
    op.create_index("ix_cost_records_period_account", "cost_records", ["charge_period_start", "sub_account"])
    op.create_index("ix_cost_records_period_provider", "cost_records", ["charge_period_start", "provider"])
