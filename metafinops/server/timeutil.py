"""UTC time helpers. The database stores naive UTC datetimes; the wire shows ``…Z``."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

__all__ = ["day_start", "format_timestamp", "next_day_start", "utcnow"]


def utcnow() -> datetime:
    """The current time as a naive UTC datetime (what the tables store)."""
    return datetime.now(UTC).replace(tzinfo=None)


def format_timestamp(moment: datetime) -> str:
    """``2026-03-31T10:15:30Z`` for a naive-UTC or aware datetime."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    # not strftime("%Y"): glibc writes year 243 as "243", which is not an RFC 3339 date-time
    return moment.replace(microsecond=0).isoformat() + "Z"


def day_start(day: date) -> datetime:
    """Midnight UTC at the start of ``day``."""
    return datetime.combine(day, time.min)


def next_day_start(day: date) -> datetime:
    """Midnight UTC at the end of ``day`` (an exclusive upper bound), saturating at the maximum."""
    if day == date.max:
        return datetime.max
    return day_start(day + timedelta(days=1))
