from __future__ import annotations

from metafinops._operation import Operation, query
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops._types import DateLike
from metafinops.types.tokens import TokenCost, TokenUsage

__all__ = ["Tokens"]


class Tokens(APIResource[ClientT]):
    """LLM token analytics from ingested usage records; periods default to the current month."""

    @endpoint
    def usage(self, *, start: DateLike | None = None, end: DateLike | None = None) -> Operation[TokenUsage]:
        """Input and output tokens and requests per model and provider."""
        return Operation("GET", "/tokens/usage", TokenUsage, params=query(start=start, end=end))

    @endpoint
    def cost(self, *, start: DateLike | None = None, end: DateLike | None = None) -> Operation[TokenCost]:
        """Token cost per model and provider, with the cost per 1,000 tokens."""
        return Operation("GET", "/tokens/cost", TokenCost, params=query(start=start, end=end))
