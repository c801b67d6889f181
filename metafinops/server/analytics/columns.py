"""Which column of an ingestion file is which record field, and the error a bad row gets.

Shared by the row-by-row readers (:mod:`.focus`) and the column-wise bulk path
(:mod:`.columnar`), which therefore do not import each other for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ValidationError

from metafinops.server.analytics.records import CostRecordIn, GpuSampleIn, TokenUsageIn

__all__ = [
    "COST_COLUMNS",
    "GPU_COLUMNS",
    "TOKEN_COLUMNS",
    "RowError",
    "cost_header_map",
    "describe_validation_error",
    "header_map",
]

# field -> accepted column names (compared case-insensitively, ignoring "_", "-" and spaces)
COST_COLUMNS: dict[str, tuple[str, ...]] = {
    "charge_period_start": ("ChargePeriodStart",),
    "charge_period_end": ("ChargePeriodEnd",),
    "billed_cost": ("BilledCost",),
    "effective_cost": ("EffectiveCost",),
    "currency": ("BillingCurrency", "Currency"),
    "provider": ("ServiceProviderName", "ProviderName", "HostProviderName", "Provider"),
    "service": ("ServiceName", "Service"),
    "sub_account": ("SubAccountId", "SubAccountName", "BillingAccountId", "Account"),
    "region": ("RegionId", "RegionName", "Region"),
    "resource_id": ("ResourceId",),
    "tags": ("Tags",),
}
GPU_COLUMNS: dict[str, tuple[str, ...]] = {
    "instance_id": ("InstanceId", "Instance"),
    "gpu_model": ("GpuModel", "Model"),
    "account": ("Account", "SubAccountId"),
    "timestamp": ("Timestamp", "Time"),
    "utilization_percent": ("UtilizationPercent", "Utilization", "GpuUtilization"),
    "memory_percent": ("MemoryPercent", "Memory", "MemoryUtilization"),
    "hourly_cost": ("HourlyCost",),
}
TOKEN_COLUMNS: dict[str, tuple[str, ...]] = {
    "timestamp": ("Timestamp", "Time"),
    "provider": ("Provider", "ProviderName"),
    "model": ("Model",),
    "input_tokens": ("InputTokens", "PromptTokens"),
    "output_tokens": ("OutputTokens", "CompletionTokens"),
    "requests": ("Requests",),
    "cost": ("Cost",),
}
_REQUIRED: dict[type[BaseModel], tuple[str, ...]] = {
    model: tuple(name for name, field in model.model_fields.items() if field.is_required())
    for model in (CostRecordIn, GpuSampleIn, TokenUsageIn)
}


@dataclass(eq=False)
class RowError(Exception):
    """A row that cannot be ingested: where it is and what is wrong with it."""

    line: int
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = f"line {self.line}" + (f": {self.field}" if self.field else "")
        return f"{where}: {self.message}"


def describe_validation_error(exc: ValidationError) -> tuple[str | None, str]:
    """The first problem of a validation error as ``(dotted field, message)``."""
    first = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in first["loc"]) or None
    return field, str(first["msg"])


def _normalise(column: str) -> str:
    return "".join(ch for ch in column.lower() if ch not in "_- ")


def header_map(header: list[str], columns: dict[str, tuple[str, ...]], model: type[BaseModel]) -> dict[int, str]:
    """Column index -> field name; raises RowError(1) when a required column is missing.

    FOCUS custom columns (``x_…``) are never mapped, whatever they are called after the prefix.
    """
    positions = {
        _normalise(name): index
        for index, name in reversed(list(enumerate(header)))
        if not name.strip().lower().startswith("x_")
    }
    mapping: dict[int, str] = {}
    missing = []
    for field, aliases in columns.items():
        for name in (field, *aliases):
            index = positions.get(_normalise(name))
            if index is not None and index not in mapping:
                mapping[index] = field
                break
        else:
            if field in _REQUIRED[model]:
                missing.append(aliases[0] if aliases else field)
    if missing:
        raise RowError(1, f"missing column(s) {', '.join(missing)}; the header has {', '.join(header) or 'nothing'}")
    return mapping


def cost_header_map(header: list[str]) -> dict[int, str]:
    """Column index -> cost record field for a cost file's header (RowError(1) when lacking one)."""
    return header_map(header, COST_COLUMNS, CostRecordIn)
