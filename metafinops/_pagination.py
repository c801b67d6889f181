"""Cursor pages: ``.data`` is one page; iterating walks every item of every page.

A list call returns its first page. Iterating the page (``for`` / ``async for``) fetches the
following pages as it goes, each with ``starting_after`` = the previous ``next_cursor``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from metafinops._exceptions import APIResponseValidationError
from metafinops._models import construct
from metafinops._operation import Operation

if TYPE_CHECKING:
    from metafinops._base_client import Envelope
    from metafinops._client import AsyncClient, Client

__all__ = ["AsyncCursorPage", "SyncCursorPage"]

_T = TypeVar("_T")


class _CursorPage(Generic[_T]):
    data: list[_T]
    """The items of this page only."""
    has_more: bool
    next_cursor: str | None
    request_id: str | None

    def __init__(self, operation: Operation[_T], envelope: Envelope) -> None:
        self._operation = operation
        if not isinstance(envelope.data, list):
            raise APIResponseValidationError(
                "The API answered a list call without a list in `data`.", request_id=envelope.request_id
            )
        self.data = [construct(operation.cast, item, envelope.request_id) for item in envelope.data]
        pagination: Mapping[str, Any] = envelope.pagination or {}
        self.next_cursor = pagination.get("next_cursor")
        self.has_more = bool(pagination.get("has_more")) and self.next_cursor is not None
        self.request_id = envelope.request_id

    def _next_operation(self) -> Operation[_T] | None:
        if not self.has_more or self.next_cursor is None:
            return None
        return self._operation.starting_after(self.next_cursor)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(data={self.data!r}, has_more={self.has_more}, next_cursor={self.next_cursor!r})"


class SyncCursorPage(_CursorPage[_T]):
    """A page of a list; ``for item in page`` yields the items of this page and all after it."""

    def __init__(self, client: Client, operation: Operation[_T], envelope: Envelope) -> None:
        super().__init__(operation, envelope)
        self._client = client

    def next_page(self) -> SyncCursorPage[_T] | None:
        """The following page, fetched now; ``None`` after the last."""
        operation = self._next_operation()
        return None if operation is None else self._client._run_page(operation)

    def iter_pages(self) -> Iterator[SyncCursorPage[_T]]:
        """This page and each following one."""
        page: SyncCursorPage[_T] | None = self
        while page is not None:
            yield page
            page = page.next_page()

    def __iter__(self) -> Iterator[_T]:
        for page in self.iter_pages():
            yield from page.data


class AsyncCursorPage(_CursorPage[_T]):
    """A page of a list; ``async for item in page`` yields the items of this page and all after it."""

    def __init__(self, client: AsyncClient, operation: Operation[_T], envelope: Envelope) -> None:
        super().__init__(operation, envelope)
        self._client = client

    async def next_page(self) -> AsyncCursorPage[_T] | None:
        """The following page, fetched now; ``None`` after the last."""
        operation = self._next_operation()
        return None if operation is None else await self._client._run_page(operation)

    async def iter_pages(self) -> AsyncIterator[AsyncCursorPage[_T]]:
        """This page and each following one."""
        page: AsyncCursorPage[_T] | None = self
        while page is not None:
            yield page
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[_T]:
        async for page in self.iter_pages():
            for item in page.data:
                yield item
