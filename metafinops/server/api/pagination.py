"""Cursor pagination in creation order (ids are time-ordered, so ``ORDER BY id``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

from metafinops.server.api.deps import PageParams
from metafinops.server.api.errors import invalid_request
from metafinops.server.schemas.envelope import Pagination

__all__ = ["empty_page", "paginate"]


def paginate(
    session: Session,
    statement: Select[Any],
    id_column: InstrumentedAttribute[str],
    page: PageParams,
    prefix: str,
) -> tuple[list[Any], Pagination]:
    """One page of ``statement``'s rows after ``page.starting_after``, and its pagination meta."""
    if page.starting_after is not None:
        if not page.starting_after.startswith(f"{prefix}_"):
            raise invalid_request(f"starting_after must be a {prefix}_… id.", field="starting_after")
        statement = statement.where(id_column > page.starting_after)
    rows = list(session.scalars(statement.order_by(id_column).limit(page.limit + 1)))
    has_more = len(rows) > page.limit
    rows = rows[: page.limit]
    next_cursor = str(getattr(rows[-1], id_column.key)) if has_more else None
    return rows, Pagination(limit=page.limit, has_more=has_more, next_cursor=next_cursor)


def empty_page(page: PageParams) -> Pagination:
    """Pagination meta of a list that has no items (yet)."""
    return Pagination(limit=page.limit, has_more=False, next_cursor=None)
