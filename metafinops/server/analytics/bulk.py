"""Writing a checked cost file (:class:`~.columnar.CostLoad`) in bulk, in one transaction.

A million rows go in without a Python object per row:

- **SQLite** through ADBC (``adbc-driver-sqlite``, the ``server`` extra): the Arrow columns are
  bound to the insert in C, about 3x faster than ``sqlite3.executemany`` over tuples, by a writer
  thread while the caller checks the next block. For a load at least as large as the table
  already is, the table's index is dropped and built again after (a sort of rows that arrive
  sorted a block at a time, several times faster than a million B-tree updates). Without ADBC the
  rows go through the standard ``sqlite3`` module, a block after another.
- **PostgreSQL** through ``COPY ... FROM STDIN`` (psycopg), fed CSV that pyarrow writes.

Either way the rows, the index and the daily rollup are written in one transaction, committed at
the end or not at all: a load killed half-way leaves the database as it was.

ADBC brings its own copy of the SQLite library. Two copies must never have one database file
open at once in a process (closing a file in one drops the other's POSIX locks), so
:func:`load_costs` closes the engine's pooled connections before ADBC opens the file and ADBC's
connection is closed before returning. It is for a process with no other connection to the file
checked out: ``metafinops ingest`` (the server's ingestion endpoint writes through SQLAlchemy).
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from metafinops.server.analytics.ingest import (
    BATCH_SIZE,
    ROLLUP_COLUMN_NAMES,
    SQLITE_COST_INSERT,
    SQLITE_ROLLUP_UPSERT,
    IngestSummary,
    rollup_upsert,
)
from metafinops.server.db.engine import SQLITE_BUSY_TIMEOUT_MS, create_session_factory
from metafinops.server.db.models import COST_INDEX, COST_INDEX_COLUMNS

if TYPE_CHECKING:
    import pyarrow as pa

    from metafinops.server.analytics.columnar import CostLoad

__all__ = ["adbc_available", "load_costs"]

BULK_ROWS = 100_000  # below this, updating the index as rows go in costs less than building it again
SQLITE_CACHE_KIB = 262_144  # page cache of the loading connection: the new pages stay in memory until commit
# on timestamp[us] Arrow adds ".ffffff": the text SQLAlchemy stores for a DATETIME on SQLite, which
# PostgreSQL reads as a timestamp too
_DATETIME_TEXT = "%Y-%m-%d %H:%M:%S"
_CREATE_INDEX = f"CREATE INDEX {COST_INDEX} ON cost_records ({', '.join(COST_INDEX_COLUMNS)})"


def adbc_available() -> bool:
    """Whether the ADBC SQLite driver is installed."""
    try:
        import adbc_driver_sqlite.dbapi  # noqa: F401
    except ImportError:
        return False
    return True


def load_costs(
    engine: Engine, loads: Iterable[CostLoad | None], *, expected_rows: int, use_adbc: bool = True
) -> IngestSummary | None:
    """Insert the rows of ``loads`` and add them to the daily rollup, in one transaction, and
    commit; or, as soon as one of them is None, roll back and return None (nothing kept).
    ``expected_rows`` (an estimate) decides whether the index is rebuilt."""
    if engine.dialect.name == "postgresql":
        return _postgresql(engine, loads)
    path = _sqlite_file(engine)
    if use_adbc and path is not None and adbc_available():
        engine.dispose()  # no connection of ours may hold the file while ADBC's SQLite opens it
        return _sqlite_adbc(path, loads, expected_rows)
    return _sqlite_standard(engine, loads, expected_rows)


def _summary(summaries: list[IngestSummary]) -> IngestSummary:
    firsts = [item.first for item in summaries if item.first is not None]
    lasts = [item.last for item in summaries if item.last is not None]
    return IngestSummary(rows=sum(item.rows for item in summaries), first=min(firsts, default=None),
                         last=max(lasts, default=None))  # fmt: skip


def _rollup(rollups: list[pa.Table]) -> pa.Table:
    """The blocks' daily sums as one table (a day's key appears in many blocks)."""
    import pyarrow as pa

    if len(rollups) == 1:
        return rollups[0]
    keys, sums = list(ROLLUP_COLUMN_NAMES[:6]), list(ROLLUP_COLUMN_NAMES[6:])
    grouped = pa.concat_tables(rollups).group_by(keys).aggregate([(name, "sum") for name in sums])
    return grouped.select([*keys, *(f"{name}_sum" for name in sums)]).rename_columns(list(ROLLUP_COLUMN_NAMES))


def _sqlite_file(engine: Engine) -> str | None:
    """The database file's path (None for an in-memory database, which ADBC cannot share)."""
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file:") or engine.url.query:
        return None
    return str(Path(database))


def _sqlite_columns(rows: pa.Table) -> pa.Table:
    """Timestamps as the text SQLAlchemy stores for a DATETIME on SQLite (each distinct one
    formatted once: a file holds a few charge periods, repeated)."""
    import pyarrow.compute as pc

    def as_text(column: Any) -> Any:
        encoded = pc.dictionary_encode(column).combine_chunks()
        return pc.take(pc.strftime(encoded.dictionary, _DATETIME_TEXT), encoded.indices)

    for name in ("charge_period_start", "charge_period_end"):
        rows = rows.set_column(rows.column_names.index(name), name, as_text(rows.column(name)))
    return rows


def _rollup_for_sqlite(rollup: pa.Table) -> pa.Table:
    import pyarrow as pa
    import pyarrow.compute as pc

    # sorted on the unique key: the upsert then walks cost_daily's indexes in order
    ordered = rollup.sort_by([(name, "ascending") for name in ROLLUP_COLUMN_NAMES[:6]])
    return ordered.set_column(0, "day", pc.cast(ordered.column("day"), pa.string()))


def _rebuild_index(existing_rows: int, new_rows: int) -> bool:
    return new_rows >= BULK_ROWS and new_rows >= existing_rows


_ABORT = object()  # the last item a writer takes when a block needs the row path: roll back


def _sqlite_adbc(path: str, loads: Iterable[CostLoad | None], expected_rows: int) -> IngestSummary | None:
    """Blocks are written by a second thread while this one checks the next (ADBC lets go of
    the GIL while SQLite inserts): the load runs on two cores."""
    writer = _AdbcWriter(path, expected_rows)
    writer.start()
    rollups, summaries = [], []
    last: Any = _ABORT
    try:
        for load in loads:
            if load is None or writer.failure is not None:
                break
            writer.blocks.put(_sqlite_columns(load.rows))
            rollups.append(load.rollup)
            summaries.append(load.summary)
        else:
            last = (_rollup_for_sqlite(_rollup(rollups)) if rollups else None,)
    finally:
        writer.blocks.put(last)
        writer.join()
    if writer.failure is not None:
        raise writer.failure
    return None if last is _ABORT else _summary(summaries)


class _AdbcWriter(threading.Thread):
    """Writes the blocks of rows put in ``blocks`` until the last item: ``(rollup,)`` to add the
    rollup and commit, or ``_ABORT`` to roll back. After an error it still takes every item up to
    the last (so the sender never blocks) and keeps the error in ``failure``."""

    def __init__(self, path: str, expected_rows: int) -> None:
        super().__init__(name="metafinops-bulk-writer", daemon=True)
        self.blocks: queue.Queue[Any] = queue.Queue(maxsize=2)
        self.failure: BaseException | None = None
        self._path, self._expected_rows, self._ended = path, expected_rows, False

    def _take(self) -> Any:
        item = self.blocks.get()
        self._ended = item is _ABORT or isinstance(item, tuple)
        return item

    def run(self) -> None:
        try:
            self._write()
        except BaseException as exc:
            self.failure = exc
            while not self._ended:
                self._take()

    def _write(self) -> None:
        import adbc_driver_sqlite.dbapi as adbc

        with (
            contextlib.closing(adbc.connect(self._path, autocommit=True)) as connection,
            contextlib.closing(connection.cursor()) as cursor,
        ):
            for pragma in (f"busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}", "synchronous = NORMAL",
                           f"cache_size = -{SQLITE_CACHE_KIB}", "threads = 2"):  # fmt: skip
                cursor.execute(f"PRAGMA {pragma}")
                cursor.fetchall()
            cursor.execute("BEGIN IMMEDIATE")  # the write lock first: nobody commits between our read and writes
            try:
                cursor.execute("SELECT COALESCE(MAX(id), 0) FROM cost_records")
                (existing,) = cursor.fetchone() or (0,)
                rebuild = _rebuild_index(int(existing), self._expected_rows)
                if rebuild:
                    cursor.execute(f"DROP INDEX IF EXISTS {COST_INDEX}")
                while not self._ended:
                    item = self._take()
                    if not self._ended:
                        cursor.executemany(SQLITE_COST_INSERT, item)
                if item is _ABORT:
                    cursor.execute("ROLLBACK")
                    return
                if rebuild:
                    cursor.execute(_CREATE_INDEX)
                if item[0] is not None:
                    cursor.executemany(SQLITE_ROLLUP_UPSERT, item[0])
                cursor.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(Exception):
                    cursor.execute("ROLLBACK")
                raise


def _repeated(column: Any) -> list[Any]:
    """A column as a Python list, each distinct value made once (a million rows share some 90
    charge periods and a few dozen labels)."""
    import pyarrow.compute as pc

    encoded = pc.dictionary_encode(column).combine_chunks()
    distinct = [*encoded.dictionary.to_pylist(), None]
    return [distinct[index] for index in pc.fill_null(encoded.indices, len(distinct) - 1).to_pylist()]


def _tuples(table: pa.Table, repeated: tuple[str, ...]) -> Iterator[tuple[Any, ...]]:
    columns = [_repeated(table.column(name)) if name in repeated else table.column(name).to_pylist()
               for name in table.column_names]  # fmt: skip
    return zip(*columns, strict=True)


def _sqlite_standard(engine: Engine, loads: Iterable[CostLoad | None], expected_rows: int) -> IngestSummary | None:
    """The same load through the standard ``sqlite3`` module (no ADBC, or an in-memory database)."""
    labels = ("charge_period_start", "charge_period_end", "currency", "provider", "service", "sub_account", "region")
    rollups, summaries = [], []
    with create_session_factory(engine)() as session:
        connection = session.connection()
        connection.exec_driver_sql(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        existing = connection.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM cost_records").scalar()
        rebuild = _rebuild_index(int(existing or 0), expected_rows)
        if rebuild:
            connection.exec_driver_sql(f"DROP INDEX IF EXISTS {COST_INDEX}")
        for load in loads:
            if load is None:
                session.rollback()
                return None
            connection.exec_driver_sql(SQLITE_COST_INSERT, list(_tuples(_sqlite_columns(load.rows), labels)))
            rollups.append(load.rollup)
            summaries.append(load.summary)
        if rebuild:
            connection.exec_driver_sql(_CREATE_INDEX)
        if rollups:
            rollup = _rollup_for_sqlite(_rollup(rollups))
            connection.exec_driver_sql(SQLITE_ROLLUP_UPSERT, list(_tuples(rollup, ())))
        session.commit()
    return _summary(summaries)


def _csv_chunks(table: pa.Table) -> Iterator[bytes]:
    """``table`` as headerless CSV for ``COPY ... (FORMAT csv)``: pyarrow quotes every string, so
    an empty string stays one and a null (an empty unquoted field) reads as NULL."""
    import pyarrow.csv as pv

    for batch in table.to_batches(max_chunksize=BATCH_SIZE * 20):
        buffer = io.BytesIO()
        pv.write_csv(batch, buffer, write_options=pv.WriteOptions(include_header=False))
        yield buffer.getvalue()


def _copy(session: Session, table_name: str, table: pa.Table) -> None:
    raw: Any = session.connection().connection.driver_connection  # psycopg.Connection
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table_name} ({', '.join(table.column_names)}) FROM STDIN (FORMAT csv)") as copy,
    ):
        for chunk in _csv_chunks(table):
            copy.write(chunk)


def _postgresql(engine: Engine, loads: Iterable[CostLoad | None]) -> IngestSummary | None:
    import pyarrow as pa
    import pyarrow.compute as pc

    rollups, summaries = [], []
    with create_session_factory(engine)() as session:
        for load in loads:
            if load is None:
                session.rollback()
                return None
            rows = load.rows
            for name in ("charge_period_start", "charge_period_end"):
                index = rows.column_names.index(name)
                rows = rows.set_column(index, name, pc.strftime(rows.column(name), _DATETIME_TEXT))
            _copy(session, "cost_records", rows)
            rollups.append(load.rollup)
            summaries.append(load.summary)
        if rollups:
            rollup = _rollup(rollups)
            rollup = rollup.set_column(0, "day", pc.cast(rollup.column("day"), pa.string()))
            session.connection().exec_driver_sql(
                "CREATE TEMPORARY TABLE cost_daily_load (day DATE, provider TEXT, service TEXT, sub_account TEXT,"
                " region TEXT, currency TEXT, billed_cost DOUBLE PRECISION, effective_cost DOUBLE PRECISION,"
                " row_count BIGINT) ON COMMIT DROP"
            )
            _copy(session, "cost_daily_load", rollup)
            session.connection().exec_driver_sql(
                rollup_upsert(f"SELECT {', '.join(ROLLUP_COLUMN_NAMES)} FROM cost_daily_load")
            )
        session.commit()
    return _summary(summaries)
