"""The AsyncClient against a real ``metafinops serve`` process: the same basics as the sync client."""

from __future__ import annotations

import asyncio
import uuid
from typing import TYPE_CHECKING

import pytest

from metafinops import AsyncClient, AsyncCursorPage, Budget, NotFoundError, UnprocessableEntityError

if TYPE_CHECKING:
    from tests._server import ServerHandle


def test_async_crud_pagination_and_errors(api_server: ServerHandle) -> None:
    async def main() -> None:
        async with AsyncClient(api_server.api_key, base_url=api_server.base_url) as client:
            prefix = f"async-{uuid.uuid4().hex[:8]}"
            created = [
                await client.budgets.create(name=f"{prefix}-{i}", amount=10, period="quarterly") for i in range(3)
            ]
            assert all(isinstance(b, Budget) and b.id.startswith("bud_") and b.request_id for b in created)
            assert (await client.budgets.get(created[0].id)).name == f"{prefix}-0"
            updated = await client.budgets.update(created[0].id, amount=20)
            assert updated.amount == 20.0

            page = await client.budgets.list(limit=1)
            assert isinstance(page, AsyncCursorPage) and len(page.data) == 1 and page.has_more
            walked = [b.id async for b in page]
            assert [i for i in walked if i in {b.id for b in created}] == [b.id for b in created]
            assert len([p async for p in page.iter_pages()]) >= 3

            summary = await client.costs.summary(start="2026-03-01", end="2026-03-31")
            assert isinstance(summary.total, float)
            assert client.rate_limit is not None

            with pytest.raises(UnprocessableEntityError) as caught:
                await client.budgets.create(name="x", amount=-1, period="monthly")
            assert "amount" in {d["field"] for d in caught.value.details}

            await asyncio.gather(*(client.budgets.delete(b.id) for b in created))
            with pytest.raises(NotFoundError):
                await client.budgets.get(created[0].id)
            with pytest.raises(ValueError, match="budget_id"):
                await client.budgets.get("")

    asyncio.run(main())
