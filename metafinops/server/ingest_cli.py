"""``metafinops ingest costs|gpu-metrics|token-usage FILE`` and ``metafinops demo-data``.

Both write straight into the local server's database (``--db`` or ``$METAFINOPS_DB_URL``),
in one transaction: a file with a bad row is reported with the row's line number and nothing
of it is kept. After a load the event engine evaluates budgets and alert policies; a running
server picks up the deliveries that creates. Heavy imports happen inside the commands.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from metafinops.server.cli_database import DB_OPTION_HELP, load_settings, open_database

if TYPE_CHECKING:
    from pydantic import BaseModel
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session

    from metafinops.server.analytics.columns import RowError
    from metafinops.server.analytics.focus import DataFile
    from metafinops.server.analytics.ingest import IngestSummary
    from metafinops.server.settings import Settings

__all__ = ["demo_data", "ingest", "load_demo", "load_demo_if_empty"]

DEMO_DAYS = 365  # a year to today: the seed's March-2026 example has data
DEMO_SEED = 42
MAX_REPORTED_ERRORS = 20
PROGRESS_MIN_BYTES = 1 << 20  # smaller files load too fast for a progress bar to help
_KIND_LABELS = {"costs": "cost rows", "gpu-metrics": "GPU samples", "token-usage": "token usage records"}


def _evaluate(engine: Engine, settings: Settings) -> None:
    from metafinops.server.db.engine import create_session_factory
    from metafinops.server.events.engine import evaluate

    result = evaluate(create_session_factory(engine), lookback_days=settings.event_lookback_days)
    if result.budget_alerts or result.new_anomalies:
        click.echo(
            f"Event engine: {result.budget_alerts} budget alert(s), {result.new_anomalies} new anomaly(ies).", err=True
        )


def _describe(summary: IngestSummary, label: str, seconds: float) -> str:
    span = ""
    if summary.first is not None and summary.last is not None:
        span = f" ({summary.first.date().isoformat()} … {summary.last.date().isoformat()})"
    rate = summary.rows / seconds if seconds > 0 else 0.0
    return f"Ingested {summary.rows:,} {label}{span} in {seconds:.1f} s ({rate:,.0f} rows/s)."


class _Progress:
    """A byte-based progress bar on stderr for big files (none when stderr is not a terminal)."""

    def __init__(self, data: DataFile, enabled: bool) -> None:
        self._data = data
        self._bar: Any = None
        if enabled and data.size >= PROGRESS_MIN_BYTES:
            from tqdm import tqdm

            self._bar = tqdm(total=data.size, unit="B", unit_scale=True, desc=data.path.name, file=sys.stderr)

    def update(self) -> None:
        if self._bar is not None:
            self._bar.update(self._data.bytes_read - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self.update()
            self._bar.close()


def _ingest_file(kind: str, path: Path, db_url: str | None, progress: bool) -> None:
    from metafinops.server.analytics.columns import RowError
    from metafinops.server.analytics.focus import READERS, open_data_file
    from metafinops.server.analytics.ingest import INSERTERS
    from metafinops.server.db.engine import create_session_factory

    settings = load_settings(db_url)
    engine = open_database(settings)
    errors: list[RowError] = []
    started = time.perf_counter()
    fast = _columnar_costs(path, engine) if kind == "costs" else None
    if fast is not None:
        click.echo(_describe(fast, _KIND_LABELS[kind], time.perf_counter() - started), err=True)
        _evaluate(engine, settings)
        engine.dispose()
        return
    try:
        data = open_data_file(path)
    except (OSError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    with data, create_session_factory(engine)() as session:
        bar = _Progress(data, progress and sys.stderr.isatty())
        try:
            rows = READERS[kind](data.text)

            def valid_rows() -> Iterator[BaseModel]:
                for count, (_line, item) in enumerate(rows, 1):
                    if isinstance(item, RowError):
                        errors.append(item)
                        return
                    if count % 10_000 == 0:
                        bar.update()
                    yield item

            summary = INSERTERS[kind](session, valid_rows())
            if errors:
                session.rollback()
                errors.extend(item for _, item in _more_errors(rows))
        except RowError as exc:  # the header
            session.rollback()
            errors.append(exc)
        finally:
            bar.close()
        if errors:
            _fail(path, errors)
        session.commit()
    click.echo(_describe(summary, _KIND_LABELS[kind], time.perf_counter() - started), err=True)
    _evaluate(engine, settings)
    engine.dispose()


def _columnar_costs(path: Path, engine: Engine) -> IngestSummary | None:
    """The pyarrow shortcut for a cost file (see ``analytics/columnar.py``): what it loaded, or
    None when the file must take the row-by-row path (or pyarrow is missing)."""
    from metafinops.server.analytics import columnar
    from metafinops.server.analytics.bulk import load_costs
    from metafinops.server.analytics.columns import RowError

    if not columnar.available():
        return None
    try:
        expected_rows, loads = columnar.prepare_cost_file(path)
    except RowError:
        return None  # the row path reports what is wrong, with the line
    return load_costs(engine, loads, expected_rows=expected_rows)


def _more_errors(rows: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, RowError]]:
    """The next bad rows after the first (so one run shows most of what to fix)."""
    from metafinops.server.analytics.columns import RowError

    found = 1
    for line, item in rows:
        if isinstance(item, RowError):
            yield line, item
            found += 1
            if found >= MAX_REPORTED_ERRORS:
                return


def _fail(path: Path, errors: list[RowError]) -> None:
    lines = [f"{path.name}: {error}" for error in errors[:MAX_REPORTED_ERRORS]]
    more = " (and maybe more)" if len(errors) >= MAX_REPORTED_ERRORS else ""
    lines.append(f"Nothing was ingested: fix the row(s) above{more} and run the command again.")
    raise click.ClickException("\n".join(lines))


_FILE = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


@click.group()
def ingest() -> None:
    """Load cost, GPU and token data files into the local server's database (all or nothing)."""


@ingest.command("costs")
@click.argument("file", type=_FILE)
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on big files.")
def ingest_costs(file: Path, db_url: str | None, progress: bool) -> None:
    """A FOCUS cost export (CSV, optionally .gz): ChargePeriodStart, ChargePeriodEnd, BilledCost,
    EffectiveCost, BillingCurrency, ProviderName, ServiceName, SubAccountId, RegionId, ResourceId, Tags."""
    _ingest_file("costs", file, db_url, progress)


@ingest.command("gpu-metrics")
@click.argument("file", type=_FILE)
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on big files.")
def ingest_gpu_metrics(file: Path, db_url: str | None, progress: bool) -> None:
    """GPU samples (CSV): instance_id, gpu_model, account, timestamp, utilization_percent,
    memory_percent, hourly_cost."""
    _ingest_file("gpu-metrics", file, db_url, progress)


@ingest.command("token-usage")
@click.argument("file", type=_FILE)
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar on big files.")
def ingest_token_usage(file: Path, db_url: str | None, progress: bool) -> None:
    """LLM token usage (CSV): timestamp, provider, model, input_tokens, output_tokens, requests, cost."""
    _ingest_file("token-usage", file, db_url, progress)


def load_demo(session: Session, *, days: int, seed: int, end: date) -> dict[str, int]:
    """Load the demo data set into ``session`` (not committed); rows per kind."""
    from metafinops.server.analytics.demo import generate_demo_data
    from metafinops.server.analytics.ingest import insert_cost_records, insert_gpu_samples, insert_token_usage
    from metafinops.server.analytics.records import CostRecordIn, GpuSampleIn, TokenUsageIn

    data = generate_demo_data(days=days, seed=seed, end=end)
    return {
        "costs": insert_cost_records(session, (CostRecordIn(**row) for row in data.costs)).rows,
        "gpu-metrics": insert_gpu_samples(session, (GpuSampleIn(**row) for row in data.gpu_samples)).rows,
        "token-usage": insert_token_usage(session, (TokenUsageIn(**row) for row in data.token_usage)).rows,
    }


def _write_demo_csv(out: Path, *, days: int, seed: int, end: date) -> None:
    import csv
    import json

    from metafinops.server.analytics.columns import COST_COLUMNS
    from metafinops.server.analytics.demo import generate_demo_data

    data = generate_demo_data(days=days, seed=seed, end=end)
    out.mkdir(parents=True, exist_ok=True)

    def cell(value: object) -> object:
        if isinstance(value, datetime):
            return value.isoformat() + "Z"
        if isinstance(value, dict):
            return json.dumps(value)
        return value

    files: tuple[tuple[str, list[dict[str, Any]], dict[str, str]], ...] = (
        ("costs.csv", data.costs, {field: aliases[0] for field, aliases in COST_COLUMNS.items()}),
        ("gpu-metrics.csv", data.gpu_samples, {}),
        ("token-usage.csv", data.token_usage, {}),
    )
    for name, rows, headers in files:
        with (out / name).open("w", newline="") as handle:
            writer = csv.writer(handle)
            fields = list(rows[0]) if rows else []
            writer.writerow([headers.get(field, field) for field in fields])
            writer.writerows([cell(row[field]) for field in fields] for row in rows)
        click.echo(f"Wrote {len(rows):,} rows to {out / name}", err=True)


@click.command("demo-data")
@click.option("--days", default=DEMO_DAYS, show_default=True, type=click.IntRange(1, 3660), help="Days of data.")
@click.option("--seed", default=DEMO_SEED, show_default=True, type=int, help="Same seed, same data.")
@click.option(
    "--end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Last day of the data, YYYY-MM-DD (default: today, UTC).",
)
@click.option("--db", "db_url", metavar="URL", help=DB_OPTION_HELP)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write costs.csv (FOCUS columns), gpu-metrics.csv and token-usage.csv here instead of loading them.",
)
def demo_data(days: int, seed: int, end: datetime | None, db_url: str | None, out: Path | None) -> None:
    """Generate deterministic demo data (3 clouds, 17 service/account pairs, 7 GPUs, 6 LLM models)
    with weekly seasonality, one spend spike and idle GPUs, and load it (or write it as CSV)."""
    from metafinops.server.db.engine import create_session_factory
    from metafinops.server.timeutil import utcnow

    last_day = end.date() if end is not None else utcnow().date()
    if out is not None:
        _write_demo_csv(out, days=days, seed=seed, end=last_day)
        return
    settings = load_settings(db_url)
    engine = open_database(settings)
    started = time.perf_counter()
    with create_session_factory(engine)() as session:
        counts = load_demo(session, days=days, seed=seed, end=last_day)
        session.commit()
    loaded = ", ".join(f"{count:,} {_KIND_LABELS[kind]}" for kind, count in counts.items())
    click.echo(f"Loaded {loaded} in {time.perf_counter() - started:.1f} s.", err=True)
    _evaluate(engine, settings)
    engine.dispose()


def load_demo_if_empty(engine: Engine, settings: Settings) -> None:
    """``serve --demo``: load the demo data set (365 days to today, seed 42) unless there is cost data."""
    from sqlalchemy import select

    from metafinops.server.db.engine import create_session_factory
    from metafinops.server.db.models import CostRecord
    from metafinops.server.timeutil import utcnow

    with create_session_factory(engine)() as session:
        if session.scalar(select(CostRecord.id).limit(1)) is not None:
            return
        started = time.perf_counter()
        counts = load_demo(session, days=DEMO_DAYS, seed=DEMO_SEED, end=utcnow().date())
        session.commit()
    loaded = ", ".join(f"{count:,} {_KIND_LABELS[kind]}" for kind, count in counts.items())
    click.echo(f"Loaded demo data: {loaded} in {time.perf_counter() - started:.1f} s.", err=True)
    _evaluate(engine, settings)
