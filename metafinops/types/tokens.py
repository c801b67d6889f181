from __future__ import annotations

from metafinops._models import BaseModel
from metafinops.types.shared import DateRange

__all__ = ["ModelTokenCost", "ModelTokenUsage", "TokenCost", "TokenUsage"]


class ModelTokenUsage(BaseModel):
    provider: str
    model: str
    input_tokens: int
    output_tokens: int
    requests: int


class TokenUsage(BaseModel):
    """``GET /v1/tokens/usage``: tokens consumed per model over a period."""

    period: DateRange
    total_input_tokens: int
    total_output_tokens: int
    models: list[ModelTokenUsage] = []


class ModelTokenCost(BaseModel):
    provider: str
    model: str
    cost: float
    cost_per_1k_tokens: float | None = None


class TokenCost(BaseModel):
    """``GET /v1/tokens/cost``: what tokens cost per model over a period."""

    period: DateRange
    currency: str
    total_cost: float
    models: list[ModelTokenCost] = []
