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
    "ApiKey",
    "Base",
    "Budget",
    "CostRecord",
    "GpuSample",
    "IdempotencyRecord",
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
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Report(Base):
    """A generated cost report; its file is rendered on download."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(PublicId, primary_key=True)
    format: Mapped[str] = mapped_column(String(8))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CostRecord(Base):
    """One FOCUS-style cost row (a charge for one resource over a charge period)."""

    __tablename__ = "cost_records"
    __table_args__ = (
        Index("ix_cost_records_period_service", "charge_period_start", "service"),
        Index("ix_cost_records_period_account", "charge_period_start", "sub_account"),
        Index("ix_cost_records_period_provider", "charge_period_start", "provider"),
    )

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
