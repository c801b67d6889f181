"""Writing validated rows: cost rows (and their daily rollup), GPU samples, token usage.

Every function here writes inside the caller's transaction and never commits: the ingestion
endpoint and ``metafinops ingest`` commit once at the end, so a file or request goes in whole
or not at all. Rows are inserted in batches through SQLAlchemy Core, which keeps a million-row
file within seconds.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Date, Table, cast, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from metafinops.server.analytics.records import CostRecordIn, GpuSampleIn, TokenUsageIn
from metafinops.server.db.models import CostDaily, CostRecord, GpuSample, TokenUsage

__all__ = [
    "BATCH_SIZE",
    "COST_COLUMN_NAMES",
    "INSERTERS",
    "ROLLUP_COLUMN_NAMES",
    "SQLITE_COST_INSERT",
    "SQLITE_ROLLUP_UPSERT",
    "IngestSummary",
    "RollupKey",
    "add_to_rollup",
    "insert_cost_records",
    "insert_gpu_samples",
    "insert_token_usage",
    "rebuild_cost_rollup",
    "rollup_upsert",
]

BATCH_SIZE = 5_000
MAX_CACHED_TIMESTAMPS = 100_000
_T = TypeVar("_T")

RollupKey = tuple[date, str, str, str, str, str]  # day, provider, service, sub_account, region, currency


@dataclass
class IngestSummary:
    """What one ingestion added: how many rows, and the time span they cover."""

    rows: int = 0
    first: datetime | None = None
    last: datetime | None = None

    def see(self, moments: list[datetime]) -> None:
        """Count a batch of rows with these timestamps."""
        if not moments:
            return
        self.rows += len(moments)
        low, high = min(moments), max(moments)
        self.first = low if self.first is None else min(self.first, low)
        self.last = high if self.last is None else max(self.last, high)


def _batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


COST_COLUMN_NAMES = (
    "charge_period_start",
    "charge_period_end",
    "billed_cost",
    "effective_cost",
    "currency",
    "provider",
    "service",
    "sub_account",
    "region",
    "resource_id",
    "tags",
)
# SQLite fast path: SQLAlchemy stores a DATETIME as this text, which isoformat() writes in C.
SQLITE_COST_INSERT = (
    f"INSERT INTO cost_records ({', '.join(COST_COLUMN_NAMES)}) VALUES ({', '.join('?' for _ in COST_COLUMN_NAMES)})"
)


def _sqlite_datetime(moment: datetime) -> str:
    return moment.isoformat(" ", "microseconds")


def insert_cost_records(session: Session, records: Iterable[CostRecordIn]) -> IngestSummary:
    """Insert cost rows and add them to the daily rollup."""
    summary = IngestSummary()
    rollup: dict[RollupKey, list[float]] = {}
    on_sqlite = session.get_bind().dialect.name == "sqlite"
    as_text: dict[datetime, str] = {}  # rows share few distinct charge periods: format each once
    table = _table(CostRecord)
    for batch in _batches(records, BATCH_SIZE):
        if len(as_text) > MAX_CACHED_TIMESTAMPS:
            as_text.clear()
        rows: list[tuple[Any, ...]] = []
        for record in batch:
            start, end = record.charge_period_start, record.charge_period_end
            billed = record.billed_cost
            effective = billed if record.effective_cost is None else record.effective_cost
            tags: Any = record.tags
            if on_sqlite:
                start_text = as_text.get(start) or as_text.setdefault(start, _sqlite_datetime(start))
                end_text = as_text.get(end) or as_text.setdefault(end, _sqlite_datetime(end))
                tags = None if tags is None else json.dumps(tags)
                row: tuple[Any, ...] = (start_text, end_text, billed, effective)
            else:
                row = (start, end, billed, effective)
            region = record.region
            rows.append(
                (*row, record.currency, record.provider, record.service, record.sub_account, region,
                 record.resource_id, tags)
            )  # fmt: skip
            key = (start.date(), record.provider, record.service, record.sub_account, region or "", record.currency)
            totals = rollup.get(key)
            if totals is None:
                rollup[key] = [billed, effective, 1.0]
            else:
                totals[0] += billed
                totals[1] += effective
                totals[2] += 1
        summary.see([record.charge_period_start for record in batch])
        if on_sqlite:
            session.connection().exec_driver_sql(SQLITE_COST_INSERT, rows)
        else:
            session.execute(insert(table), [dict(zip(COST_COLUMN_NAMES, row, strict=True)) for row in rows])
    add_to_rollup(session, rollup)
    return summary


ROLLUP_COLUMN_NAMES = (
    "day",
    "provider",
    "service",
    "sub_account",
    "region",
    "currency",
    "billed_cost",
    "effective_cost",
    "row_count",
)


def rollup_upsert(source: str) -> str:
    """SQL adding the rows of ``source`` (``VALUES (...)`` or a ``SELECT`` of
    :data:`ROLLUP_COLUMN_NAMES`) to ``cost_daily``: a day's totals grow when its row exists."""
    key = ", ".join(ROLLUP_COLUMN_NAMES[:6])
    # "WHERE true": SQLite's parser needs it to tell a SELECT's ON CONFLICT from a join's ON
    where = " WHERE true" if source.lstrip().upper().startswith("SELECT") else ""
    return (
        f"INSERT INTO cost_daily ({', '.join(ROLLUP_COLUMN_NAMES)}) {source}{where}"
        f" ON CONFLICT ({key}) DO UPDATE SET"
        " billed_cost = cost_daily.billed_cost + excluded.billed_cost,"
        " effective_cost = cost_daily.effective_cost + excluded.effective_cost,"
        " row_count = cost_daily.row_count + excluded.row_count"
    )


SQLITE_ROLLUP_UPSERT = rollup_upsert(f"VALUES ({', '.join('?' for _ in ROLLUP_COLUMN_NAMES)})")


def add_to_rollup(session: Session, rollup: dict[RollupKey, list[float]]) -> None:
    """Upsert ``rollup`` into ``cost_daily`` (adds to the day's totals when the row exists)."""
    if not rollup:
        return
    if session.get_bind().dialect.name == "sqlite":  # the same upsert as plain SQL: 5x faster
        values = [(*key, *totals[:2], int(totals[2])) for key, totals in rollup.items()]
        for chunk in _batches(values, BATCH_SIZE):
            session.connection().exec_driver_sql(SQLITE_ROLLUP_UPSERT, chunk)
        return
    table = _table(CostDaily)
    rows = [
        {
            "day": key[0],
            "provider": key[1],
            "service": key[2],
            "sub_account": key[3],
            "region": key[4],
            "currency": key[5],
            "billed_cost": totals[0],
            "effective_cost": totals[1],
            "row_count": int(totals[2]),
        }
        for key, totals in rollup.items()
    ]
    upsert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = upsert(table)
    statement = statement.on_conflict_do_update(
        index_elements=["day", "provider", "service", "sub_account", "region", "currency"],
        set_={
            "billed_cost": table.c.billed_cost + statement.excluded.billed_cost,
            "effective_cost": table.c.effective_cost + statement.excluded.effective_cost,
            "row_count": table.c.row_count + statement.excluded.row_count,
        },
    )
    for batch in _batches(rows, BATCH_SIZE):
        session.execute(statement, batch)


def rebuild_cost_rollup(session: Session) -> int:
    """Recompute ``cost_daily`` from ``cost_records`` (for rows written behind ingestion's back)."""
    session.execute(delete(CostDaily))
    day: ColumnElement[Any] = func.date(CostRecord.charge_period_start)
    if session.get_bind().dialect.name != "sqlite":
        day = cast(CostRecord.charge_period_start, Date)
    region = func.coalesce(CostRecord.region, "")
    grouped = select(
        day,
        CostRecord.provider,
        CostRecord.service,
        CostRecord.sub_account,
        region,
        CostRecord.currency,
        func.sum(CostRecord.billed_cost),
        func.sum(CostRecord.effective_cost),
        func.count(),
    ).group_by(day, CostRecord.provider, CostRecord.service, CostRecord.sub_account, region, CostRecord.currency)
    result = session.execute(insert(_table(CostDaily)).from_select(list(ROLLUP_COLUMN_NAMES), grouped))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def insert_gpu_samples(session: Session, records: Iterable[GpuSampleIn]) -> IngestSummary:
    """Insert GPU utilization samples."""
    summary = IngestSummary()
    table = _table(GpuSample)
    for batch in _batches(records, BATCH_SIZE):
        values = []
        for record in batch:
            values.append(record.model_dump())
        summary.see([record.timestamp for record in batch])
        session.execute(insert(table), values)
    return summary


def insert_token_usage(session: Session, records: Iterable[TokenUsageIn]) -> IngestSummary:
    """Insert token usage records."""
    summary = IngestSummary()
    table = _table(TokenUsage)
    for batch in _batches(records, BATCH_SIZE):
        values = []
        for record in batch:
            values.append(record.model_dump())
        summary.see([record.timestamp for record in batch])
        session.execute(insert(table), values)
    return summary


INSERTERS: dict[str, Callable[[Session, Iterable[Any]], IngestSummary]] = {
    "costs": insert_cost_records,
    "gpu-metrics": insert_gpu_samples,
    "token-usage": insert_token_usage,
}
