"""``metafinops_token_usage`` — LLM token consumption by model and provider (`GET /v1/tokens/usage`)."""

from __future__ import annotations

from metafinops.catalog._schema import NUMBER, STRING, DataSource
from metafinops.catalog.data_sources._common import END, START, out, ranged, rows

__all__ = ["TOKEN_USAGE"]

TOKEN_USAGE = DataSource(
    type_name="metafinops_token_usage",
    pulumi_name="getTokenUsage",
    description="LLM token consumption by model and provider (`GET /v1/tokens/usage`).",
    attributes=(
        START,
        END,
        out("total_input_tokens", NUMBER, "Input tokens in the range."),
        out("total_output_tokens", NUMBER, "Output tokens in the range."),
        out(
            "models",
            rows(
                "TokenUsageModel",
                ("provider", STRING, "LLM provider."),
                ("model", STRING, "Model name."),
                ("input_tokens", NUMBER, "Input tokens."),
                ("output_tokens", NUMBER, "Output tokens."),
                ("requests", NUMBER, "Requests recorded."),
            ),
            "One row per provider and model.",
        ),
    ),
    read=ranged(lambda c, q: c.tokens.usage(**q)),
)
