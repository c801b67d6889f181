"""Server settings, read from ``METAFINOPS_*`` environment variables."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["PLANS", "Settings"]

PLANS: tuple[str, ...] = ("free", "team", "enterprise")
_DEFAULT_LIMITS: dict[str, int] = {"free": 60, "team": 600, "enterprise": 6000}


class Settings(BaseSettings):
    """Everything the server can be configured with."""

    model_config = SettingsConfigDict(env_prefix="METAFINOPS_", extra="ignore")

    db_url: str = "sqlite:///metafinops.db"
    rate_limits: Annotated[dict[str, int], NoDecode] = Field(
        default_factory=lambda: dict(_DEFAULT_LIMITS),
        description="Requests per window by plan, e.g. 'free=60,team=600,enterprise=6000'.",
    )
    rate_limit_window: float = Field(default=60.0, gt=0, description="Rate-limit window in seconds.")
    local_mode: bool = Field(default=True, description="Allow http:// webhook URLs to loopback hosts.")
    idempotency_ttl_hours: float = Field(default=24.0, gt=0)
    webhook_timeout: float = Field(default=10.0, gt=0, description="Seconds a receiver has to answer one attempt.")
    webhook_max_attempts: int = Field(default=8, ge=1, le=50, description="Attempts before a delivery fails.")
    webhook_backoff_base: float = Field(
        default=30.0, gt=0, description="Seconds before the first retry; doubles on each retry (with jitter)."
    )
    webhook_backoff_max: float = Field(
        default=3600.0, gt=0, description="Longest wait between attempts, a receiver's Retry-After included."
    )
    delivery_poll_interval: float = Field(default=1.0, gt=0, description="Seconds between looks for due deliveries.")
    delivery_concurrency: int = Field(default=4, ge=1, le=64, description="Deliveries sent at the same time.")
    evaluation_interval: float = Field(
        default=300.0, gt=0, description="Seconds between periodic evaluations of budgets and alert policies."
    )
    event_lookback_days: int = Field(
        default=7, ge=1, le=366, description="Detections older than this many days raise no events."
    )

    @field_validator("rate_limits", mode="before")
    @classmethod
    def _parse_rate_limits(cls, value: Any) -> Any:
        """Accept ``plan=N,plan=N`` (plans left out keep their default)."""
        if isinstance(value, str):
            parsed: dict[str, Any] = {}
            for item in filter(None, (part.strip() for part in value.split(","))):
                plan, sep, number = item.partition("=")
                if not sep:
                    raise ValueError(f"expected plan=N, got {item!r}")
                parsed[plan.strip()] = number.strip()
            value = parsed
        if isinstance(value, dict):
            unknown = set(value) - set(PLANS)
            if unknown:
                raise ValueError(f"unknown plan(s) {sorted(unknown)}; plans are {', '.join(PLANS)}")
            return {**_DEFAULT_LIMITS, **value}
        return value

    @field_validator("rate_limits")
    @classmethod
    def _positive_limits(cls, value: dict[str, int]) -> dict[str, int]:
        if any(limit < 1 for limit in value.values()):
            raise ValueError("every rate limit must be >= 1")
        return value
