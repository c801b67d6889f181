"""The tables, as typed SQLAlchemy 2 ORM classes.

Resource tables (budgets, alert policies, webhooks) keep public ids as primary keys; ids are
time-ordered (:mod:`metafinops.server.ids`), so ``ORDER BY id`` is creation order and
``id > :starting_after`` is a stable cursor. The raw data tables (costs, GPU samples, token
usage) use integer keys and are indexed on what the analytics queries filter on.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "AlertPolicy",
    "Anomaly",
    "ApiKey",
    "Base",
    "Budget",
    "BudgetAlert",
    "CostDaily",
    "CostRecord",
    "Delivery",
    "DeliveryAttempt",
    "Event",
    "GpuSample",
    "IdempotencyRecord",
    "RateLimitWindow",
    "Report",
    "TokenUsage",
    "WebhookSecret",
    "WebhookSubscription",
]

# Byte-wise ordering on PostgreSQL too, so ids sort the same way on both databases.
PublicId = String(40).with_variant(String(40, collation="C"), "postgresql")
# SQLite autoincrements only an INTEGER PRIMARY KEY.
RowId = BigInteger().with_variant(Integer(), "sqlite")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a constraint naming convention (Alembic batch mode needs names)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ApiKey(Base):
    """An API key. Only its SHA-256 is stored; ``prefix`` identifies it to people."""

    __tablename__ = "api_keys"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(20))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)


class Budget(Base):
    """A spend budget with scope filters and threshold rules."""

    __tablename__ = "budgets"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    amount: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    period: Mapped[str] = mapped_column(String(16))
    start_date: Mapped[date] = mapped_column(Date)
    filters: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    thresholds: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AlertPolicy(Base):
    """A detection-and-routing rule; references webhooks (and, for type budget, budgets)."""

    __tablename__ = "alert_policies"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(32))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    cooldown_minutes: Mapped[int] = mapped_column(Integer, default=60)
    conditions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    webhook_subscription_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    emails: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class WebhookSubscription(Base):
    """Where and which events to deliver. Its signing secrets live in :class:`WebhookSecret`."""

    __tablename__ = "webhooks"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    url: Mapped[str] = mapped_column(String(2048))
    events: Mapped[list[str]] = mapped_column(JSON)
    description: Mapped[str | None] = mapped_column(String(500), default=None)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)

    secrets: Mapped[list[WebhookSecret]] = relationship(
        back_populates="webhook",
        cascade="all, delete-orphan",
        order_by="WebhookSecret.version",
    )

    @property
    def secret_version(self) -> int:
        """The newest secret's version (what the API shows; 0 without a secret)."""
        return max((s.version for s in self.secrets), default=0)


class WebhookSecret(Base):
    """One version of a webhook's signing secret (kept in clear: the server signs with it).

    The current secret has ``expires_at`` NULL; a rotated-out one signs until ``expires_at``.
    """

    __tablename__ = "webhook_secrets"
    __table_args__ = (UniqueConstraint("webhook_id", "version"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    secret: Mapped[str] = mapped_column(String(256))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    webhook: Mapped[WebhookSubscription] = relationship(back_populates="secrets")


class IdempotencyRecord(Base):
    """The response of a completed write, replayed for a repeated ``Idempotency-Key``."""

    __tablename__ = "idempotency_records"
    __table_args__ = (UniqueConstraint("api_key_id", "key"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    api_key_id: Mapped[str] = mapped_column(ForeignKey("api_keys.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(2048))
    status_code: Mapped[int] = mapped_column(Integer)
    response_data: Mapped[str] = mapped_column(Text)
    # Set when the response held a secret, which is never stored: the replay is rebuilt by the
    # refresher of this name (see ``api/idempotency.py``) from the stored, secret-free data.
    refresh: Mapped[str | None] = mapped_column(String(40), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class RateLimitWindow(Base):
    """How many requests one API key made in one fixed rate-limit window.

    Kept in the database so every server process on it counts against the same limit, and a
    restart does not reset it. ``window_index`` is ``floor(unix time / window seconds)``.
    """

    __tablename__ = "rate_limit_windows"

    api_key_id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    window_index: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    requests: Mapped[int] = mapped_column(Integer)


class Report(Base):
    """A generated cost report; ``content`` is its file, rendered once when it is generated."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    format: Mapped[str] = mapped_column(String(8))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    content: Mapped[str | None] = mapped_column(Text, default=None)


COST_INDEX = "ix_cost_records_period_service"
COST_INDEX_COLUMNS = ("charge_period_start", "service")


class CostRecord(Base):
    """One FOCUS-style cost row (a charge for one resource over a charge period)."""

    __tablename__ = "cost_records"
    # One index only: every extra one halves the ingestion rate, and the per-account and
    # per-provider questions are answered from the daily rollup (:class:`CostDaily`).
    __table_args__ = (Index(COST_INDEX, *COST_INDEX_COLUMNS),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    charge_period_start: Mapped[datetime] = mapped_column(DateTime)
    charge_period_end: Mapped[datetime] = mapped_column(DateTime)
    billed_cost: Mapped[float] = mapped_column(Float)
    effective_cost: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    provider: Mapped[str] = mapped_column(String(64))
    service: Mapped[str] = mapped_column(String(128))
    sub_account: Mapped[str] = mapped_column(String(128))
    region: Mapped[str | None] = mapped_column(String(64), default=None)
    resource_id: Mapped[str | None] = mapped_column(String(512), default=None)
    tags: Mapped[dict[str, str] | None] = mapped_column(JSON, default=None)


class GpuSample(Base):
    """One utilization sample of one GPU instance."""

    __tablename__ = "gpu_samples"
    __table_args__ = (Index("ix_gpu_samples_instance_timestamp", "instance_id", "timestamp"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    instance_id: Mapped[str] = mapped_column(String(128))
    gpu_model: Mapped[str] = mapped_column(String(64))
    account: Mapped[str] = mapped_column(String(128))
    timestamp: Mapped[datetime] = mapped_column(DateTime, index=True)
    utilization_percent: Mapped[float] = mapped_column(Float)
    memory_percent: Mapped[float] = mapped_column(Float)
    hourly_cost: Mapped[float] = mapped_column(Float)


class TokenUsage(Base):
    """LLM token usage: one request, or ``requests`` requests rolled up."""

    __tablename__ = "token_usage"
    __table_args__ = (Index("ix_token_usage_timestamp_model", "timestamp", "provider", "model"),)

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    timestamp: Mapped[datetime] = mapped_column(DateTime)
    provider: Mapped[str] = mapped_column(String(64))
    model: Mapped[str] = mapped_column(String(128))
    input_tokens: Mapped[int] = mapped_column(BigInteger)
    output_tokens: Mapped[int] = mapped_column(BigInteger)
    requests: Mapped[int] = mapped_column(Integer, default=1)
    cost: Mapped[float] = mapped_column(Float)


class CostDaily(Base):
    """Cost rows rolled up per day and dimension, kept in step with ``cost_records`` on ingestion.

    The cost endpoints, budgets and anomaly detection read this table: one row per day and
    service/account/region combination, however many cost rows it sums. ``region`` is ``""``
    when the rows had none (a NULL would defeat the unique key the upsert relies on).
    """

    __tablename__ = "cost_daily"
    __table_args__ = (
        UniqueConstraint("day", "provider", "service", "sub_account", "region", "currency"),
        # covers every read of the rollup: a month's sums never touch the table itself
        Index(
            "ix_cost_daily_covering",
            "day",
            "currency",
            "service",
            "provider",
            "sub_account",
            "region",
            "effective_cost",
            "row_count",
        ),
    )

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    day: Mapped[date] = mapped_column(Date)
    provider: Mapped[str] = mapped_column(String(64))
    service: Mapped[str] = mapped_column(String(128))
    sub_account: Mapped[str] = mapped_column(String(128))
    region: Mapped[str] = mapped_column(String(64), default="")
    currency: Mapped[str] = mapped_column(String(3))
    billed_cost: Mapped[float] = mapped_column(Float, default=0.0)
    effective_cost: Mapped[float] = mapped_column(Float, default=0.0)
    row_count: Mapped[int] = mapped_column(Integer, default=0)


class Anomaly(Base):
    """A day of one service in one account that cost much more than usual."""

    __tablename__ = "anomalies"
    __table_args__ = (UniqueConstraint("day", "service", "account"),)

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    service: Mapped[str] = mapped_column(String(128))
    account: Mapped[str] = mapped_column(String(128))
    expected_cost: Mapped[float] = mapped_column(Float)
    actual_cost: Mapped[float] = mapped_column(Float)
    impact: Mapped[float] = mapped_column(Float)
    score: Mapped[float] = mapped_column(Float)
    severity: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(64))
    detected_at: Mapped[datetime] = mapped_column(DateTime)


class BudgetAlert(Base):
    """A threshold rule of a budget crossed in one period: at most one per rule and period."""

    __tablename__ = "budget_alerts"
    __table_args__ = (UniqueConstraint("budget_id", "period_start", "threshold_percent", "basis"),)

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    budget_id: Mapped[str] = mapped_column(ForeignKey("budgets.id", ondelete="CASCADE"), index=True)
    threshold_percent: Mapped[float] = mapped_column(Float)
    basis: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    spend: Mapped[float] = mapped_column(Float)
    forecast: Mapped[float | None] = mapped_column(Float, default=None)
    amount: Mapped[float] = mapped_column(Float)
    currency: Mapped[str] = mapped_column(String(3))
    triggered_at: Mapped[datetime] = mapped_column(DateTime)


class Event(Base):
    """Something that happened, as delivered: ``payload`` is the exact JSON body every delivery sends.

    ``dedupe_key`` makes an event happen once (one per budget rule and period, one per anomaly
    …) however many evaluations see it. ``policy_id`` and ``subject`` say which alert policy
    emitted it about what, for the policy's cooldown.
    """

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_policy_subject", "policy_id", "subject", "created_at"),)

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    type: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    policy_id: Mapped[str | None] = mapped_column(String(40), default=None)
    subject: Mapped[str | None] = mapped_column(String(255), default=None)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Delivery(Base):
    """One event to one webhook subscription: written before the first attempt, then updated."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "webhook_id"),
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_webhook", "webhook_id", "id"),
    )

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    webhook_id: Mapped[str] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    response_status: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(String(1000), default=None)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime, default=None)

    event: Mapped[Event] = relationship()
    attempt_log: Mapped[list[DeliveryAttempt]] = relationship(
        cascade="all, delete-orphan", order_by="DeliveryAttempt.number"
    )


class DeliveryAttempt(Base):
    """One POST of a delivery and how it went."""

    __tablename__ = "webhook_delivery_attempts"

    id: Mapped[int] = mapped_column(RowId, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    duration_ms: Mapped[int] = mapped_column(Integer)
    response_status: Mapped[int | None] = mapped_column(Integer, default=None)
    error: Mapped[str | None] = mapped_column(String(1000), default=None)
