"""Reading ingestion files: FOCUS cost exports, GPU metrics and token usage, as CSV.

Each reader yields ``(line, record)`` pairs, where ``line`` is the 1-based line of the file the
row starts on (line 1 is the header) and ``record`` is the validated row — or a
:class:`RowError` saying what is wrong with it, so a caller can report ``line 1234:
BilledCost: Input should be a valid number`` and commit nothing. A file whose header lacks a
required column raises :class:`RowError` for line 1.

Cost files follow the FinOps FOCUS specification's column names (``ChargePeriodStart``,
``BilledCost``, ``ServiceName``, ``SubAccountId`` …, see https://focus.finops.org); the
snake_case names of the ingestion API (``charge_period_start`` …) are accepted too, and
columns we do not use are ignored, and so are FOCUS's custom ``x_`` columns. FOCUS 1.0 to 1.2
names are accepted (``ProviderName`` and its 1.2 successor ``ServiceProviderName``, ...). The
literal ``NULL`` (how FOCUS exports write a missing value) counts as empty. ``Tags`` holds a JSON
object, as in FOCUS (also when the export wrapped it in a JSON string once more). Files may be
gzip-compressed (``.gz``); Parquet files are read with pyarrow (in the ``server`` extra, see
:mod:`.columnar`, which also loads clean files an order of magnitude faster).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from metafinops.server.analytics.columns import (
    COST_COLUMNS,
    GPU_COLUMNS,
    TOKEN_COLUMNS,
    RowError,
    describe_validation_error,
    header_map,
)
from metafinops.server.analytics.records import CostRecordIn, GpuSampleIn, TokenUsageIn

__all__ = [
    "READERS",
    "DataFile",
    "open_data_file",
    "read_cost_rows",
    "read_gpu_rows",
    "read_token_rows",
]

RecordT = TypeVar("RecordT", bound=BaseModel)


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (for a progress bar)."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._raw.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)

    def close(self) -> None:
        self._raw.close()
        super().close()


class DataFile:
    """An open CSV file (gzip-compressed when its name ends in ``.gz``) that knows how far it is read."""

    def __init__(self, path: Path, text: IO[str] | None = None) -> None:
        self.path = path
        self.size = path.stat().st_size
        if text is not None:  # already decoded (Parquet, read whole): no byte progress to report
            self._counter = _CountingReader(io.BytesIO())
            self.text = text
            return
        self._counter = _CountingReader(path.open("rb"))
        binary: IO[bytes] = io.BufferedReader(self._counter, buffer_size=1 << 20)
        if path.suffix.lower() == ".gz":
            binary = gzip.GzipFile(fileobj=binary, mode="rb")  # type: ignore[assignment]
        self.text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")

    @property
    def bytes_read(self) -> int:
        """Bytes of the file on disk consumed so far."""
        return self._counter.bytes_read

    def close(self) -> None:
        self.text.close()

    def __enter__(self) -> DataFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_data_file(path: Path) -> DataFile:
    """Open ``path`` for one of the readers (a Parquet file is read whole, through pyarrow)."""
    if path.suffix.lower() == ".parquet":
        from metafinops.server.analytics import columnar

        if not columnar.available():
            raise ValueError(f"{path.name}: {columnar.PARQUET_HINT}")
        try:
            text = "".join(columnar.csv_text_of(columnar.read_cost_table(path)))
        except RowError as exc:
            raise ValueError(f"{path.name}: {exc}") from None
        return DataFile(path, text=io.StringIO(text, newline=""))
    return DataFile(path)


def _parse_tags(text: str) -> Any:
    try:
        tags = json.loads(text)
        if isinstance(tags, str):  # a JSON object quoted once more as a JSON string
            tags = json.loads(tags)
    except json.JSONDecodeError:
        raise ValueError('Tags must be a JSON object, e.g. {"env": "prod"}') from None
    return tags


_NULL_TOKENS = frozenset({"", "NULL", "null"})  # FOCUS exports write NULL for a missing value
# What reading the file itself can raise: bytes that are not UTF-8, a damaged or cut-off .gz.
_UNREADABLE = (UnicodeDecodeError, OSError, EOFError, zlib.error)


def _unreadable(exc: BaseException) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte 0x{exc.object[exc.start]:02x}); save the file as UTF-8"
    return f"cannot read the file: {exc or type(exc).__name__} (a damaged or cut-off .gz?)"


@dataclass(frozen=True)
class _RowReader(Generic[RecordT]):
    model: type[RecordT]
    columns: dict[str, tuple[str, ...]]
    json_fields: tuple[str, ...] = ()

    def __call__(self, text: IO[str]) -> Iterator[tuple[int, RecordT | RowError]]:
        reader = csv.reader(text)
        try:
            header = next(reader)
        except StopIteration:
            raise RowError(1, "the file is empty (expected a header row)") from None
        except csv.Error as exc:
            raise RowError(1, f"not valid CSV: {exc}") from None
        except _UNREADABLE as exc:
            raise RowError(1, _unreadable(exc)) from None
        mapping = header_map(header, self.columns, self.model)
        validate = self.model.__pydantic_validator__.validate_python
        width = len(header)
        line = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield line, RowError(line, f"not valid CSV: {exc}")
                return  # the csv module cannot resynchronise after a broken quote
            except _UNREADABLE as exc:
                yield line, RowError(line, _unreadable(exc))
                return
            if not values or (len(values) == 1 and not values[0].strip()):
                line = reader.line_num + 1
                continue  # blank line
            if len(values) > width:
                yield line, RowError(line, f"{len(values)} values but the header has {width} columns")
                line = reader.line_num + 1
                continue
            raw: dict[str, Any] = {
                mapping[i]: value for i, value in enumerate(values) if i in mapping and value not in _NULL_TOKENS
            }
            try:
                for name in self.json_fields:
                    if name in raw:
                        raw[name] = _parse_tags(raw[name])
                record: RecordT | RowError = validate(raw, strict=False)
            except ValidationError as exc:
                field, message = describe_validation_error(exc)
                record = RowError(line, message, _column_name(field, mapping, header))
            except ValueError as exc:
                record = RowError(line, str(exc))
            yield line, record
            line = reader.line_num + 1


def _column_name(field: str | None, mapping: dict[int, str], header: list[str]) -> str | None:
    """The file's own column name for a field (what the user sees in their file)."""
    if field is None:
        return None
    top = field.split(".", 1)[0]
    for index, name in mapping.items():
        if name == top:
            return header[index] + field[len(top) :]
    return field


_read_costs: _RowReader[CostRecordIn] = _RowReader(CostRecordIn, COST_COLUMNS, json_fields=("tags",))
_read_gpu: _RowReader[GpuSampleIn] = _RowReader(GpuSampleIn, GPU_COLUMNS)
_read_tokens: _RowReader[TokenUsageIn] = _RowReader(TokenUsageIn, TOKEN_COLUMNS)


def read_cost_rows(text: IO[str]) -> Iterator[tuple[int, CostRecordIn | RowError]]:
    """FOCUS cost rows of a CSV file, with their line numbers."""
    return _read_costs(text)


def read_gpu_rows(text: IO[str]) -> Iterator[tuple[int, GpuSampleIn | RowError]]:
    """GPU samples of a CSV file (``instance_id, gpu_model, account, timestamp, utilization_percent …``)."""
    return _read_gpu(text)


def read_token_rows(text: IO[str]) -> Iterator[tuple[int, TokenUsageIn | RowError]]:
    """Token usage records of a CSV file (``timestamp, provider, model, input_tokens, output_tokens …``)."""
    return _read_tokens(text)


READERS: dict[str, Callable[[IO[str]], Iterator[tuple[int, BaseModel | RowError]]]] = {
    "costs": read_cost_rows,
    "gpu-metrics": read_gpu_rows,
    "token-usage": read_token_rows,
}
