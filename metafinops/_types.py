"""Sentinels and small types shared by the whole SDK."""

from __future__ import annotations

import datetime
from typing import Final, Literal, TypeAlias, final

__all__ = ["NOT_GIVEN", "DateLike", "NotGiven"]


@final
class NotGiven:
    """The type of :data:`NOT_GIVEN`: "leave this field out of the request".

    It differs from ``None``, which sends JSON ``null`` (on an update: clear the value)::

        client.budgets.update("bud_x", filters=None)        # clears the filters
        client.budgets.update("bud_x", filters=NOT_GIVEN)   # leaves them as they are
    """

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __reduce__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

DateLike: TypeAlias = str | datetime.date
"""A calendar day: ``"2026-03-01"`` or ``datetime.date(2026, 3, 1)``."""
