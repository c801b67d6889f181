from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from metafinops._operation import Operation, body
from metafinops._resource import APIResource, ClientT, endpoint
from metafinops.types.ingest import IngestResult

__all__ = ["Ingest"]

Record = Mapping[str, Any]


class Ingest(APIResource[ClientT]):
    """Add cost, GPU and token data. A call's records are stored all together or not at all
    (up to 10,000 per call); datetimes without an offset are taken as UTC."""

    @endpoint
    def costs(self, records: Iterable[Record], *, idempotency_key: str | None = None) -> Operation[IngestResult]:
        """FOCUS-style cost rows: ``charge_period_start``, ``charge_period_end``, ``billed_cost``,
        ``effective_cost``, ``currency``, ``provider``, ``service``, ``sub_account``, ``region``,
        ``resource_id``, ``tags``."""
        return self._post("/ingest/costs", records, idempotency_key)

    @endpoint
    def gpu_metrics(self, records: Iterable[Record], *, idempotency_key: str | None = None) -> Operation[IngestResult]:
        """GPU samples: ``instance_id``, ``gpu_model``, ``account``, ``timestamp``,
        ``utilization_percent``, ``memory_percent``, ``hourly_cost``."""
        return self._post("/ingest/gpu-metrics", records, idempotency_key)

    @endpoint
    def token_usage(self, records: Iterable[Record], *, idempotency_key: str | None = None) -> Operation[IngestResult]:
        """LLM token usage: ``timestamp``, ``provider``, ``model``, ``input_tokens``, ``output_tokens``,
        ``requests``, ``cost``."""
        return self._post("/ingest/token-usage", records, idempotency_key)

    def _post(self, path: str, records: Iterable[Record], idempotency_key: str | None) -> Operation[IngestResult]:
        return Operation("POST", path, IngestResult, json=body(records=list(records)), idempotency_key=idempotency_key)
