"""Cost files read and checked a column at a time with pyarrow (the ``server`` extra).

Validating a million rows one pydantic model at a time runs at about 25k rows/s; pyarrow's
CSV and Parquet readers and vectorised checks do the same work an order of magnitude faster.
This path is only a shortcut: it accepts a file only when *every* row passes checks at least
as strict as :class:`~.records.CostRecordIn` (well-formed ISO timestamps, plain decimal numbers,
trimmed labels, known currencies, tag objects of strings). Any row it is not sure of sends the
whole file down the row-by-row path, which names the file's line and column for each problem —
so what is accepted, and every error message, stays defined in one place.

A CSV file is read and checked in blocks of 16 MiB (:func:`prepare_cost_file`); each block
becomes a :class:`CostLoad`: its rows as an Arrow table in ``cost_records``' own columns, sorted
by the index's columns, and their daily rollup, grouped by Arrow. :mod:`.bulk` writes them in one
transaction while the next block is read. Reading only the mapped columns, with the repeated
ones dictionary-encoded, makes every check run once per distinct value.

Without pyarrow, CSV files take the row path and Parquet files are refused with a message
saying which extra to install.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from metafinops._iso4217 import ISO_4217_CODES
from metafinops.server.analytics.columns import RowError, cost_header_map
from metafinops.server.analytics.ingest import COST_COLUMN_NAMES, ROLLUP_COLUMN_NAMES, IngestSummary
from metafinops.server.analytics.records import EARLIEST, LATEST, MAX_MONEY, MAX_TAGS

DEFAULT_CURRENCY = "USD"  # CostRecordIn's default

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "PARQUET_HINT",
    "CostLoad",
    "available",
    "csv_text_of",
    "prepare_cost_file",
    "prepare_cost_table",
    "read_cost_columns",
    "read_cost_table",
]

PARQUET_HINT = "reading Parquet needs pyarrow: pip install 'metafinops[server]' (or export the data as CSV)"
NULL_TOKENS = ["", "NULL", "null"]  # FOCUS exports write NULL for missing values
_TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}:[0-9]{2})?$"
)
_LABELS = {  # field: (shortest, longest); 0: optional
    "currency": (0, 3),
    "provider": (1, 64),
    "service": (1, 128),
    "sub_account": (1, 128),
    "region": (0, 64),
    "resource_id": (0, 512),
}
# Columns that repeat a few values a million times, read dictionary-encoded: every check and
# conversion then runs once per distinct value.
_REPEATED = ("charge_period_start", "charge_period_end", "currency", "provider", "service", "sub_account", "region")
_MONEY = ("billed_cost", "effective_cost")
BATCH_BYTES = 1 << 24  # CSV read, checked and written 16 MiB at a time (~140k rows of a plain export)


def available() -> bool:
    """Whether pyarrow is installed."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _csv_options(types: dict[str, Any]) -> Any:
    import pyarrow.csv as pv

    return pv.ConvertOptions(
        column_types=types,
        include_columns=list(types),
        null_values=NULL_TOKENS,
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )


def _csv_header(path: Path) -> list[str]:
    import pyarrow.csv as pv

    with pv.open_csv(path, read_options=pv.ReadOptions(block_size=1 << 16)) as first_block:
        return list(first_block.schema.names)  # the header only: the file is read once, after


def read_cost_table(path: Path) -> pa.Table:
    """A CSV (optionally .gz) or Parquet file as a table of string columns (NULL tokens as nulls).

    Raises :class:`RowError` (line 1) when the file cannot be read as a table at all.
    """
    import pyarrow as pa
    import pyarrow.csv as pv

    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            table = pq.read_table(path)
            return table.cast(pa.schema([(name, pa.string()) for name in table.column_names]))
        header = _csv_header(path)
        return pv.read_csv(path, read_options=pv.ReadOptions(block_size=1 << 24),
                           convert_options=_csv_options(dict.fromkeys(header, pa.string())))  # fmt: skip
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise RowError(1, f"cannot read the file as a table: {exc}") from None


def _csv_types(path: Path) -> tuple[dict[str, str], dict[str, Any]]:
    """The mapped columns of a CSV file: name -> field, and name -> the type to read it as."""
    import pyarrow as pa

    header = _csv_header(path)
    mapping = cost_header_map(header)
    if len(set(header)) != len(header):
        raise RowError(1, "the header repeats a column name")
    fields = {header[index]: field for index, field in mapping.items()}
    dictionary = pa.dictionary(pa.int32(), pa.string())
    types = {
        name: dictionary if field in _REPEATED else pa.float64() if field in _MONEY else pa.string()
        for name, field in fields.items()
    }
    return fields, types


def _cost_batches(path: Path) -> Iterator[pa.Table]:
    """:func:`read_cost_columns` a block at a time (a Parquet file in one)."""
    import pyarrow as pa
    import pyarrow.csv as pv

    if path.suffix.lower() == ".parquet":
        yield read_cost_columns(path)
        return
    try:
        fields, types = _csv_types(path)
        reader = pv.open_csv(path, read_options=pv.ReadOptions(block_size=BATCH_BYTES),
                             convert_options=_csv_options(types))  # fmt: skip
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise RowError(1, f"cannot read the file as a table: {exc}") from None
    with reader:
        for batch in reader:
            yield pa.Table.from_batches([batch]).rename_columns([fields[name] for name in batch.schema.names])


def read_cost_columns(path: Path) -> pa.Table:
    """The columns of a cost file that hold cost record fields, named by field (others are not
    read): from a CSV, money as float64, repeated labels and timestamps dictionary-encoded.

    Raises :class:`RowError` when the file cannot be read this way (the row path then says why).
    """
    import pyarrow as pa
    import pyarrow.csv as pv

    if path.suffix.lower() == ".parquet":
        table = read_cost_table(path)
        mapping = cost_header_map(table.column_names)
        return table.select(list(mapping)).rename_columns(list(mapping.values()))
    try:
        fields, types = _csv_types(path)
        table = pv.read_csv(
            path, read_options=pv.ReadOptions(block_size=BATCH_BYTES), convert_options=_csv_options(types)
        )
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise RowError(1, f"cannot read the file as a table: {exc}") from None
    return table.rename_columns([fields[name] for name in table.column_names])


def _text_bytes(path: Path) -> int:
    """The file's size as text (a .gz file's trailer holds it, modulo 4 GiB)."""
    size = path.stat().st_size
    if path.suffix.lower() == ".gz" and size >= 4:
        with path.open("rb") as handle:
            handle.seek(-4, 2)
            return max(size, int.from_bytes(handle.read(4), "little"))
    return size


def prepare_cost_file(path: Path) -> tuple[int, Iterator[CostLoad | None]]:
    """A cost file checked a block at a time: an estimate of its rows, and each block's
    :class:`CostLoad` — or one None, last, when a block needs the row-by-row path (then nothing
    of the file may be kept). Reading the next block while the last is written is what lets a
    load use two cores. Raises :class:`RowError` when the header cannot be used."""
    import pyarrow as pa

    batches = _cost_batches(path)
    try:
        first = next(batches, None)
    except (pa.ArrowException, OSError, ValueError):
        first = None
    if first is None or first.num_rows == 0:
        return 0, iter([None])
    estimate = first.num_rows
    if path.suffix.lower() != ".parquet" and _text_bytes(path) > BATCH_BYTES:
        estimate = max(estimate, _text_bytes(path) * first.num_rows // BATCH_BYTES)

    def loads() -> Iterator[CostLoad | None]:
        batch: pa.Table | None = first
        while batch is not None:
            load = prepare_cost_table(batch)
            yield load
            if load is None:
                return
            try:
                batch = next(batches, None)
            except (pa.ArrowException, OSError, ValueError):  # a value the reader cannot convert
                yield None
                return

    return estimate, loads()


def csv_text_of(table: pa.Table) -> Iterator[str]:
    """A table (read from Parquet) as CSV lines, for the row-by-row path and its line numbers."""
    import io

    import pyarrow.csv as pv

    buffer = io.BytesIO()
    pv.write_csv(table, buffer)
    yield from io.StringIO(buffer.getvalue().decode("utf-8"), newline="")


def _all(mask: Any) -> bool:
    """Every value true (a null is not); true of nothing, e.g. the values of an absent column."""
    import pyarrow.compute as pc

    return bool(pc.all(pc.fill_null(mask, False), min_count=0).as_py())


def _encoded(column: Any) -> Any:
    """``column`` as one DictionaryArray: ``.dictionary`` its distinct values, ``.indices`` the rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    if isinstance(column, pa.ChunkedArray):  # chunks read apart have dictionaries of their own
        column = pa.table({"column": column}).unify_dictionaries().column(0).combine_chunks()
    return column


def _timestamps(encoded: Any) -> Any | None:
    """The distinct values as naive UTC microsecond timestamps, or None when any is missing or
    not plainly well-formed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = encoded.dictionary
    if encoded.null_count or not _all(pc.match_substring_regex(values, _TIMESTAMP)):
        return None
    try:
        moments = pc.cast(pc.cast(values, pa.timestamp("us", tz="UTC")), pa.timestamp("us"))
    except pa.ArrowException:
        return None
    low, high = pa.scalar(EARLIEST, pa.timestamp("us")), pa.scalar(LATEST, pa.timestamp("us"))
    return moments if _all(pc.and_(pc.greater_equal(moments, low), pc.less_equal(moments, high))) else None


def _money(column: Any, required: bool) -> Any | None:
    import pyarrow as pa
    import pyarrow.compute as pc

    if required and column.null_count:
        return None
    try:  # Arrow reads plain decimals only (no blanks, no "1_000"); inf and nan are caught below
        numbers = pc.cast(column, pa.float64())
    except pa.ArrowException:
        return None
    if isinstance(numbers, pa.ChunkedArray):
        numbers = numbers.combine_chunks()
    bounded = pc.and_(pc.is_finite(numbers), pc.less_equal(pc.abs(numbers), MAX_MONEY))
    return numbers if _all(pc.or_kleene(bounded, pc.is_null(numbers))) else None


def _labels(encoded: Any, low: int, high: int) -> bool:
    import pyarrow.compute as pc

    if low and encoded.null_count:
        return False
    present = encoded.dictionary
    lengths = pc.utf8_length(present)
    return (
        _all(pc.equal(pc.utf8_trim_whitespace(present), present))
        and _all(pc.and_(pc.greater_equal(lengths, max(low, 1)), pc.less_equal(lengths, high)))
        and not pc.any(pc.match_substring(present, "\x00"), min_count=0).as_py()
    )


@dataclass(frozen=True)
class CostLoad:
    """A checked cost file, ready to write: ``rows`` has ``cost_records``' columns (timestamps as
    naive UTC ``timestamp[us]``, ``tags`` as JSON text) in the order of its index (charge period
    start, service), ``rollup`` has ``cost_daily``'s."""

    rows: pa.Table
    rollup: pa.Table
    summary: IngestSummary


def _tags(encoded: Any) -> Any | None:
    """The distinct tag cells as compact JSON text; None when any is not an object of strings."""
    import pyarrow as pa

    normalised: list[str] = []
    for text in encoded.dictionary.to_pylist():
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
        normalised.append(json.dumps(tags))
    return pa.array(normalised, pa.string())


def prepare_cost_table(table: pa.Table) -> CostLoad | None:
    """``table`` (as :func:`read_cost_columns` reads it) checked and converted; None when any
    row needs the row-by-row path (see the module docstring)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    count = table.num_rows
    if count == 0:
        return None
    encoded = {
        field: _encoded(table.column(field) if field in table.column_names else pa.nulls(count, pa.string()))
        for field in (*_LABELS, "charge_period_start", "charge_period_end", "tags")
    }
    starts, ends = _timestamps(encoded["charge_period_start"]), _timestamps(encoded["charge_period_end"])
    billed = _money(table.column("billed_cost"), True)
    effective = _money(table.column("effective_cost"), False) if "effective_cost" in table.column_names else billed
    if starts is None or ends is None or billed is None or effective is None:
        return None
    if not all(_labels(encoded[field], *bounds) for field, bounds in _LABELS.items()):
        return None
    if not _all(pc.is_in(encoded["currency"].dictionary, value_set=pa.array(sorted(ISO_4217_CODES)))):
        return None
    tags = _tags(encoded["tags"])
    if tags is None:
        return None
    start = pc.take(starts, encoded["charge_period_start"].indices)
    end = pc.take(ends, encoded["charge_period_end"].indices)
    if not _all(pc.greater_equal(end, start)):
        return None

    # rows in index order: SQLite builds the index of sorted rows several times faster
    service = encoded["service"]
    service_rank = pc.take(pc.rank(service.dictionary, sort_keys="ascending"), service.indices)
    order = pc.sort_indices(pa.table({"start": start, "service": service_rank}),
                            sort_keys=[("start", "ascending"), ("service", "ascending")])  # fmt: skip

    def rows_of(field: str) -> Any:
        column = encoded[field]
        return pc.take(tags if field == "tags" else column.dictionary, pc.take(column.indices, order))

    rows = pa.table(
        [pc.take(start, order), pc.take(end, order), pc.take(billed, order),
         pc.take(pc.coalesce(effective, billed), order), pc.fill_null(rows_of("currency"), DEFAULT_CURRENCY),
         *(rows_of(field) for field in ("provider", "service", "sub_account", "region", "resource_id", "tags"))],
        names=list(COST_COLUMN_NAMES),
    )  # fmt: skip
    return CostLoad(rows=rows, rollup=_rollup(encoded, start, billed, effective), summary=IngestSummary(
        rows=count, first=pc.min(starts).as_py(), last=pc.max(starts).as_py()))  # fmt: skip


def _rollup(encoded: dict[str, Any], start: Any, billed: Any, effective: Any) -> pa.Table:
    """The rows' daily sums, grouped on the dictionaries' indices (integers), then named."""
    import pyarrow as pa
    import pyarrow.compute as pc

    currency = encoded["currency"]
    currencies = currency.dictionary.to_pylist()
    if DEFAULT_CURRENCY not in currencies:
        currencies.append(DEFAULT_CURRENCY)
    labels = ("provider", "service", "sub_account", "region")
    grouped = (
        pa.table(
            {
                "day": pc.cast(start, pa.date32()),
                **{field: encoded[field].indices for field in labels},
                "currency": pc.fill_null(currency.indices, currencies.index(DEFAULT_CURRENCY)),
                "billed": billed,
                "effective": pc.coalesce(effective, billed),
            }
        )
        .group_by(["day", *labels, "currency"])
        .aggregate([("billed", "sum"), ("effective", "sum"), ("billed", "count")])
    )
    names = {field: pc.take(encoded[field].dictionary, grouped.column(field)) for field in labels}
    return pa.table(
        [grouped.column("day"), names["provider"], names["service"], names["sub_account"],
         pc.fill_null(names["region"], ""), pc.take(pa.array(currencies, pa.string()), grouped.column("currency")),
         grouped.column("billed_sum"), grouped.column("effective_sum"), grouped.column("billed_count")],
        names=list(ROLLUP_COLUMN_NAMES),
    )  # fmt: skip
