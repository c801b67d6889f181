"""``metafinops_token_cost`` — LLM token cost by model and provider (`GET /v1/tokens/cost`)."""

from __future__ import annotations

from metafinops.catalog._schema import NUMBER, STRING, DataSource
from metafinops.catalog.data_sources._common import CURRENCY, END, START, out, ranged, rows

__all__ = ["TOKEN_COST"]

TOKEN_COST = DataSource(
    type_name="metafinops_token_cost",
    pulumi_name="getTokenCost",
    description="LLM token cost by model and provider (`GET /v1/tokens/cost`).",
    attributes=(
        START,
        END,
        CURRENCY,
        out("total_cost", NUMBER, "Token cost in the range."),
        out(
            "models",
            rows(
                "TokenCostModel",
                ("provider", STRING, "LLM provider."),
                ("model", STRING, "Model name."),
                ("cost", NUMBER, "Cost in the range."),
                ("cost_per_1k_tokens", NUMBER, "Blended cost per 1,000 tokens."),
            ),
            "One row per provider and model, highest cost first.",
        ),
    ),
    read=ranged(lambda c, q: c.tokens.cost(**q)),
)
