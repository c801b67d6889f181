"""Cursor pages: ``.data`` is one page; iterating walks every item of every page.

A list call returns its first page. Iterating the page (``for`` / ``async for``) fetches the
following pages as it goes, each with ``starting_after`` = the previous ``next_cursor``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from metafinops._exceptions import APIResponseValidationError
from metafinops._models import RawResponse, construct
from metafinops._operation import Operation

if TYPE_CHECKING:
    from metafinops._base_client import Envelope
    from metafinops._client import AsyncClient, Client

__all__ = ["AsyncCursorPage", "AsyncPaginator", "SyncCursorPage"]

_T = TypeVar("_T")


class _CursorPage(Generic[_T]):
    data: list[_T]
    """The items of this page only."""
    has_more: bool
    next_cursor: str | None
    request_id: str | None
    raw_response: RawResponse
    """Status and headers of this page's response."""

    def __init__(self, operation: Operation[_T], envelope: Envelope) -> None:
        self._operation = operation
        if not isinstance(envelope.data, list):
            raise APIResponseValidationError(
                "The API answered a list call without a list in `data`.", request_id=envelope.request_id
            )
        self.data = [construct(operation.cast, item, envelope.raw) for item in envelope.data]
        pagination: Mapping[str, Any] = envelope.pagination or {}
        self.next_cursor = pagination.get("next_cursor")
        self.has_more = bool(pagination.get("has_more")) and self.next_cursor is not None
        self.request_id = envelope.request_id
        self.raw_response = envelope.raw

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


class AsyncPaginator(Generic[_T]):
    """What an async list call returns: ``await`` it for the first page, or ``async for`` over it
    for every item of every page (no ``await`` needed)::

        page = await client.budgets.list(limit=50)
        async for budget in client.budgets.list():
            ...
    """

    def __init__(self, client: AsyncClient, operation: Operation[_T]) -> None:
        self._client = client
        self._operation = operation

    def __await__(self) -> Generator[Any, None, AsyncCursorPage[_T]]:
        return self._client._run_page(self._operation).__await__()

    async def __aiter__(self) -> AsyncIterator[_T]:
        page = await self
        async for item in page:
            yield item
