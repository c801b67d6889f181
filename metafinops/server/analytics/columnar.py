"""Cost files read and checked a column at a time with pyarrow (the ``parquet`` extra).

Validating a million rows one pydantic model at a time runs at about 25k rows/s; pyarrow's
CSV and Parquet readers and vectorised checks do the same work an order of magnitude faster.
This path is only a shortcut: it accepts a file only when *every* row passes checks at least
as strict as :class:`~.records.CostRecordIn` (well-formed ISO timestamps, plain decimal numbers,
trimmed labels, known currencies, tag objects of strings). Any row it is not sure of sends the
whole file down the row-by-row path, which names the file's line and column for each problem —
so what is accepted, and every error message, stays defined in one place.

Without pyarrow, CSV files take the row path and Parquet files are refused with a message
saying which extra to install.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from metafinops._iso4217 import ISO_4217_CODES
from metafinops.server.analytics.focus import RowError, cost_header_map
from metafinops.server.analytics.ingest import (
    BATCH_SIZE,
    COST_COLUMN_NAMES,
    SQLITE_COST_INSERT,
    IngestSummary,
    RollupKey,
    add_to_rollup,
)
from metafinops.server.analytics.records import EARLIEST, LATEST, MAX_MONEY, MAX_TAGS
from metafinops.server.db.models import COST_INDEX, COST_INDEX_COLUMNS, CostRecord

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["PARQUET_HINT", "available", "csv_text_of", "insert_cost_table", "read_cost_table"]

PARQUET_HINT = "reading Parquet needs pyarrow: pip install 'metafinops[parquet]' (or export the data as CSV)"
NULL_TOKENS = ["", "NULL", "null"]  # FOCUS exports write NULL for missing values
_TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_LABELS = {
    "provider": (1, 64),
    "service": (1, 128),
    "sub_account": (1, 128),
    "region": (0, 64),
    "resource_id": (0, 512),
}


def available() -> bool:
    """Whether pyarrow is installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def read_cost_table(path: Path) -> pa.Table:
    """A CSV (optionally .gz) or Parquet file as a table of string columns (NULL tokens as nulls).

    Raises :class:`RowError` (line 1) when the file cannot be read as a table at all.
    """
    import pyarrow as pa
    import pyarrow.csv as pv
    import pyarrow.parquet as pq

    try:
        if path.suffix.lower() == ".parquet":
            table = pq.read_table(path)
            return table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
        header = pv.read_csv(path, read_options=pv.ReadOptions(block_size=1 << 16)).column_names
        return pv.read_csv(
            path,
            read_options=pv.ReadOptions(block_size=1 << 24),
            convert_options=pv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                null_values=NULL_TOKENS,
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise RowError(1, f"cannot read the file as a table: {exc}") from None


def csv_text_of(table: pa.Table) -> Iterator[str]:
    """A table (read from Parquet) as CSV lines, for the row-by-row path and its line numbers."""
    import io

    import pyarrow.csv as pv

    buffer = io.BytesIO()
    pv.write_csv(table, buffer)
    yield from io.StringIO(buffer.getvalue().decode("utf-8"), newline="")


def _all(mask: Any) -> bool:
    import pyarrow.compute as pc

    return bool(pc.all(pc.fill_null(mask, False)).as_py())


def _distinct(column: Any) -> Any:
    """The distinct non-null values (exports repeat a few charge periods, labels and currencies
    millions of times: checking each distinct value once is what makes this path fast)."""
    import pyarrow.compute as pc

    return pc.unique(pc.drop_null(column))


def _timestamps(column: Any, required: bool) -> Any | None:
    """UTC microsecond timestamps (naive), or None when any value is not plainly well-formed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if required and column.null_count:
        return None
    if not _all(pc.match_substring_regex(_distinct(column), _TIMESTAMP)):
        return None
    try:
        moments = pc.cast(pc.cast(column, pa.timestamp("us", tz="UTC")), pa.timestamp("us"))
    except pa.ArrowException:
        return None
    low, high = pa.scalar(EARLIEST, pa.timestamp("us")), pa.scalar(LATEST, pa.timestamp("us"))
    in_range = pc.and_(pc.greater_equal(moments, low), pc.less_equal(moments, high))
    return moments if _all(pc.or_(in_range, pc.is_null(moments))) else None


def _money(column: Any, required: bool) -> Any | None:
    import pyarrow as pa
    import pyarrow.compute as pc

    if required and column.null_count:
        return None
    try:  # Arrow reads plain decimals only (no blanks, no "1_000"); inf and nan are caught below
        numbers = pc.cast(column, pa.float64())
    except pa.ArrowException:
        return None
    bounded = pc.and_(pc.is_finite(numbers), pc.less_equal(pc.abs(numbers), MAX_MONEY))
    return numbers if _all(pc.or_(bounded, pc.is_null(numbers))) else None


def _labels(column: Any, low: int, high: int) -> bool:
    import pyarrow.compute as pc

    if low and column.null_count:
        return False
    present = _distinct(column)
    lengths = pc.utf8_length(present)
    return (
        _all(pc.equal(pc.utf8_trim_whitespace(present), present))
        and _all(pc.and_(pc.greater_equal(lengths, max(low, 1)), pc.less_equal(lengths, high)))
        and not pc.any(pc.match_substring(present, "\x00")).as_py()
    )


def _repeated(column: Any, convert: Any = None) -> list[Any]:
    """A column with few distinct values as a Python list, each distinct value made (and
    converted) once: a million rows share some 90 charge periods and a few dozen labels."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    distinct = encoded.dictionary.to_pylist()
    if convert is not None:
        distinct = [None if value is None else convert(value) for value in distinct]
    distinct.append(None)
    nulls = len(distinct) - 1
    return [distinct[index] for index in pc.fill_null(encoded.indices, nulls).to_pylist()]


def _tags(values: list[str | None]) -> list[str | None] | None:
    """Tag cells as compact JSON objects (or None); None when any is not an object of strings."""
    out: list[str | None] = []
    for text in values:
        if text is None:
            out.append(None)
            continue
        try:
            tags = json.loads(text)
        except ValueError:
            return None
        if not isinstance(tags, dict) or len(tags) > MAX_TAGS:
            return None
        for key, value in tags.items():
            if not (isinstance(value, str) and 1 <= len(key) <= 128 and len(value) <= 256):
                return None
            if "\x00" in key or "\x00" in value:
                return None
        out.append(json.dumps(tags))
    return out


def insert_cost_table(session: Session, table: pa.Table) -> IngestSummary | None:
    """Insert every row of ``table`` (in the caller's transaction); None, inserting nothing,
    when any row needs the row-by-row path (see the module docstring)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    mapping = cost_header_map(table.column_names)  # raises RowError(1) for a missing column
    columns = {field: table.column(index) for index, field in mapping.items()}
    rows = table.num_rows
    if rows == 0:
        return IngestSummary()

    def column(field: str) -> Any:
        return columns.get(field, pa.nulls(rows, pa.string()))

    start, end = _timestamps(column("charge_period_start"), True), _timestamps(column("charge_period_end"), True)
    billed, effective = _money(column("billed_cost"), True), _money(column("effective_cost"), False)
    if start is None or end is None or billed is None or effective is None:
        return None
    if not _all(pc.greater_equal(end, start)):
        return None
    if not all(_labels(column(field), *bounds) for field, bounds in _LABELS.items()):
        return None
    currency = pc.fill_null(column("currency"), "USD")
    if not _all(pc.is_in(pc.unique(currency), value_set=pa.array(sorted(ISO_4217_CODES)))):
        return None
    tags = _tags(column("tags").to_pylist())
    if tags is None:
        return None
    effective = pc.coalesce(effective, billed)

    on_sqlite = session.get_bind().dialect.name == "sqlite"
    # the text SQLAlchemy itself stores for a DATETIME on SQLite
    as_text: Any = (lambda moment: moment.isoformat(" ", "microseconds")) if on_sqlite else None
    values = [
        _repeated(start, as_text), _repeated(end, as_text), billed.to_pylist(), effective.to_pylist(),
        _repeated(currency), _repeated(column("provider")), _repeated(column("service")),
        _repeated(column("sub_account")), _repeated(column("region")), column("resource_id").to_pylist(),
        tags if on_sqlite else [None if t is None else json.loads(t) for t in tags],
    ]  # fmt: skip
    records = list(zip(*values, strict=True))
    if on_sqlite:
        _sqlite_bulk_insert(session, records)
    else:
        cost_table = CostRecord.__table__
        assert isinstance(cost_table, Table)
        for offset in range(0, rows, BATCH_SIZE):
            batch = records[offset : offset + BATCH_SIZE]
            session.execute(insert(cost_table), [dict(zip(COST_COLUMN_NAMES, row, strict=True)) for row in batch])

    grouped = (
        pa.table(
            {
                "day": pc.cast(start, pa.date32()),
                "provider": column("provider"),
                "service": column("service"),
                "sub_account": column("sub_account"),
                "region": pc.fill_null(column("region"), ""),
                "currency": currency,
                "billed": billed,
                "effective": effective,
            }
        )
        .group_by(["day", "provider", "service", "sub_account", "region", "currency"])
        .aggregate([("billed", "sum"), ("effective", "sum"), ("billed", "count")])
    )
    rollup: dict[RollupKey, list[float]] = {}
    for item in grouped.to_pylist():
        key = (item["day"], item["provider"], item["service"], item["sub_account"], item["region"], item["currency"])
        rollup[key] = [item["billed_sum"], item["effective_sum"], float(item["billed_count"])]
    add_to_rollup(session, rollup)
    first, last = pc.min_max(start).values()
    summary = IngestSummary(rows=rows, first=_naive(first.as_py()), last=_naive(last.as_py()))
    return summary


BULK_ROWS = 100_000  # from this many rows on, rebuilding the index beats updating it row by row


def _sqlite_bulk_insert(session: Session, records: list[tuple[Any, ...]]) -> None:
    """Insert into ``cost_records`` with a large page cache; for a big load, drop the index and
    build it again after (a sort, instead of a million random B-tree updates). All of it in the
    caller's transaction: readers keep seeing the table and index as they were until it commits."""
    connection = session.connection()
    connection.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MiB for this connection
    rebuild = len(records) >= BULK_ROWS
    if rebuild:
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {COST_INDEX}")
    connection.exec_driver_sql(SQLITE_COST_INSERT, records)
    if rebuild:
        connection.exec_driver_sql(f"CREATE INDEX {COST_INDEX} ON cost_records ({', '.join(COST_INDEX_COLUMNS)})")


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else moment.replace(tzinfo=None)
