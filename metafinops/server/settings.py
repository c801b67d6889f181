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
