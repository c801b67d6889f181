"""Cost analytics of the local API server.

- :mod:`.aggregates`: SQL sums behind ``costs/*``, ``gpu/utilization`` and ``tokens/*``
  (re-exported here);
- pure computations over plain rows: :mod:`.anomalies` (robust z-score), :mod:`.gpu` (idle
  detection), :mod:`.carbon` (published grid factors), :mod:`.recommendations`;
- :mod:`.computed`: the answers of the endpoints built on those computations;
- ingestion: :mod:`.records` (what a valid row is), :mod:`.focus` (CSV files),
  :mod:`.ingest` (writing rows and the daily rollup), :mod:`.demo` (demo data);
- :mod:`.queries`: loading the computations' inputs from the tables.
"""

from __future__ import annotations

from metafinops.server.analytics.aggregates import (
    DEFAULT_CURRENCY,
    DateRange,
    cost_by_service,
    cost_summary,
    gpu_utilization,
    token_cost,
    token_usage,
)

__all__ = [
    "DEFAULT_CURRENCY",
    "DateRange",
    "cost_by_service",
    "cost_summary",
    "gpu_utilization",
    "token_cost",
    "token_usage",
]
