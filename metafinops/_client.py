"""The clients: :class:`Client` (blocking) and :class:`AsyncClient` (``async``/``await``).

Everything but sending, sleeping and looping lives in :mod:`metafinops._base_client`.
"""

from __future__ import annotations

import time
from types import TracebackType
from typing import Any, TypeVar

from metafinops._base_client import BaseClient, Envelope
from metafinops._httpx import httpx
from metafinops._models import construct
from metafinops._operation import Operation
from metafinops._pagination import AsyncCursorPage, AsyncPaginator, SyncCursorPage

__all__ = ["AsyncClient", "Client"]

_T = TypeVar("_T")


class Client(BaseClient[httpx.Client]):
    """The MetaFinOps API, blocking.

    Usage::

        from metafinops import Client

        client = Client(api_key="YOUR_API_KEY")
        costs = client.costs.summary(start="2026-03-01", end="2026-03-31")
        print(costs.total)
    """

    _http_client_class = httpx.Client

    def close(self) -> None:
        """Close the connection pool (unless you passed your own ``http_client``)."""
        if self._owns_http_client:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _run(self, operation: Operation[_T]) -> _T:
        envelope = self._send(operation)
        return construct(operation.cast, envelope.data, envelope.raw)

    def _run_page(self, operation: Operation[_T]) -> SyncCursorPage[_T]:
        return SyncCursorPage(self, operation, self._send(operation))

    _list = _run_page

    def _send(self, operation: Operation[Any]) -> Envelope:
        call = self._start(operation)
        while (delay := self._settle(call, self._attempt(call.request))) is not None:
            self._sleep(delay)
        return call.result()

    def _attempt(self, request: httpx.Request) -> httpx.Response | httpx.TransportError:
        try:
            return self._http.send(request)
        except httpx.TransportError as exc:
            return exc

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)


class AsyncClient(BaseClient[httpx.AsyncClient]):
    """The MetaFinOps API for ``asyncio`` (or trio): the same methods as :class:`Client`, awaited.

    Usage::

        async with AsyncClient() as client:
            costs = await client.costs.summary(start="2026-03-01", end="2026-03-31")
            async for budget in client.budgets.list():
                print(budget.name)
    """

    _http_client_class = httpx.AsyncClient

    async def close(self) -> None:
        """Close the connection pool (unless you passed your own ``http_client``)."""
        if self._owns_http_client:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def _run(self, operation: Operation[_T]) -> _T:
        envelope = await self._send(operation)
        return construct(operation.cast, envelope.data, envelope.raw)

    async def _run_page(self, operation: Operation[_T]) -> AsyncCursorPage[_T]:
        return AsyncCursorPage(self, operation, await self._send(operation))

    def _list(self, operation: Operation[_T]) -> AsyncPaginator[_T]:
        return AsyncPaginator(self, operation)

    async def _send(self, operation: Operation[Any]) -> Envelope:
        call = self._start(operation)
        while (delay := self._settle(call, await self._attempt(call.request))) is not None:
            await self._sleep(delay)
        return call.result()

    async def _attempt(self, request: httpx.Request) -> httpx.Response | httpx.TransportError:
        try:
            return await self._http.send(request)
        except httpx.TransportError as exc:
            return exc

    async def _sleep(self, seconds: float) -> None:
        import anyio  # only when a retry waits: keeps `import metafinops` light

        await anyio.sleep(seconds)
