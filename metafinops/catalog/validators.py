"""Validators for catalog attributes. Each checks one known, non-null value."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from metafinops._contract import is_loopback_host
from metafinops._iso4217 import ISO_4217_CODES

__all__ = [
    "Currency",
    "DateString",
    "Email",
    "Integer",
    "Length",
    "OneOf",
    "Range",
    "WebhookUrl",
]


@dataclass(frozen=True)
class OneOf:
    choices: tuple[str, ...]

    @property
    def description(self) -> str:
        return "one of " + ", ".join(f"`{c}`" for c in self.choices)

    def __call__(self, value: Any) -> str | None:
        if value in self.choices:
            return None
        return f"must be {self.description}, got {value!r}"


@dataclass(frozen=True)
class Range:
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    @property
    def description(self) -> str:
        parts = []
        if self.minimum is not None:
            parts.append(f"{'>' if self.exclusive_minimum else '>='} {self.minimum:g}")
        if self.maximum is not None:
            parts.append(f"<= {self.maximum:g}")
        return "a number " + " and ".join(parts)

    def __call__(self, value: Any) -> str | None:
        number = float(value)
        low_ok = self.minimum is None or (number > self.minimum if self.exclusive_minimum else number >= self.minimum)
        high_ok = self.maximum is None or number <= self.maximum
        if low_ok and high_ok:
            return None
        return f"must be {self.description}, got {value:g}"


@dataclass(frozen=True)
class Integer:
    description: str = "a whole number"

    def __call__(self, value: Any) -> str | None:
        if float(value).is_integer():
            return None
        return f"must be a whole number, got {value:g}"


@dataclass(frozen=True)
class Length:
    minimum: int = 0
    maximum: int | None = None
    unit: str = "characters"
    """What is counted: ``characters`` for strings, e.g. ``items`` for a list or set."""

    @property
    def description(self) -> str:
        if self.maximum is None:
            return f"at least {self.minimum} {self.unit}"
        return f"{self.minimum} to {self.maximum} {self.unit}"

    def __call__(self, value: Any) -> str | None:
        size = len(value)
        if size < self.minimum or (self.maximum is not None and size > self.maximum):
            return f"must have {self.description}, got {size}"
        return None


@dataclass(frozen=True)
class DateString:
    description: str = "a date `YYYY-MM-DD`"

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                _dt.date.fromisoformat(value)
                return None
            except ValueError:
                pass
        return f"must be a date in the form YYYY-MM-DD, got {value!r}"


@dataclass(frozen=True)
class Currency:
    description: str = "an ISO 4217 currency code such as `USD` or `EUR`"

    def __call__(self, value: Any) -> str | None:
        if value in ISO_4217_CODES:
            return None
        return f"must be an ISO 4217 currency code in upper case (USD, EUR, …), got {value!r}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Email:
    description: str = "an e-mail address"

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, str) and _EMAIL.match(value):
            return None
        return f"must be an e-mail address, got {value!r}"


@dataclass(frozen=True)
class WebhookUrl:
    description: str = "an `https://` URL (`http://` only to a loopback host, for local work)"

    def __call__(self, value: Any) -> str | None:
        parts = urlsplit(str(value))
        host = parts.hostname or ""
        if parts.scheme == "https" and host:
            return None
        if parts.scheme == "http" and is_loopback_host(host):
            return None
        return f"must be an https:// URL (http:// is allowed only for 127.0.0.1 or localhost), got {value!r}"
