"""Bulk cost loading (``analytics/columnar.py`` + ``analytics/bulk.py``): ADBC, the standard
``sqlite3`` module and the row-by-row path store the same rows and rollup; a large load rebuilds
the index; a load killed inside its transaction leaves nothing; without pyarrow CSV still loads."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bench.fault_probe import write_lock_held
from metafinops.server.analytics import columnar
from metafinops.server.analytics.bulk import BULK_ROWS, load_costs
from metafinops.server.analytics.focus import read_cost_rows
from metafinops.server.analytics.ingest import insert_cost_records
from metafinops.server.analytics.records import CostRecordIn
from metafinops.server.db.engine import create_db_engine, create_session_factory
from metafinops.server.db.migrate import upgrade_to_head
from metafinops.server.db.models import COST_INDEX

CLI_TIMEOUT = 300.0
KILL_WAIT = 120.0
HEADER = ["ChargePeriodStart", "ChargePeriodEnd", "BilledCost", "EffectiveCost", "BillingCurrency", "ProviderName",
          "ServiceName", "SubAccountId", "RegionId", "ResourceId", "Tags", "x_Extra"]  # fmt: skip
ROWS_QUERY = (
    "SELECT charge_period_start, charge_period_end, billed_cost, effective_cost, currency, provider, service,"
    " sub_account, region, resource_id, tags FROM cost_records ORDER BY 1, 2, 7, 8, 10, 3, 4"
)
ROLLUP_QUERY = (
    "SELECT day, provider, service, sub_account, region, currency, ROUND(billed_cost, 6), ROUND(effective_cost, 6),"
    " row_count FROM cost_daily ORDER BY 1, 2, 3, 4, 5, 6"
)


def _mixed_rows(count: int) -> list[list[str]]:
    """Rows with what real exports have: NULLs, a missing and an explicit USD on the same key,
    another currency, quoted JSON tags, offsets, fractions of a second, credits."""
    rows = []
    for n in range(count):
        day = 1 + n % 9
        start = f"2026-05-{day:02d}T00:00:00Z" if n % 5 else f"2026-05-{day:02d}T02:30:00.250+02:00"
        end = f"2026-05-{day + 1:02d}T00:00:00Z"
        billed = f"{(n % 37) * 1.25 - 3:.2f}"
        rows.append(
            [start, end, billed, "NULL" if n % 4 == 0 else f"{float(billed) * 0.9:.4f}",
             ("", "USD", "EUR", "NULL")[n % 4], ("AWS", "Google Cloud")[n % 2], f"svc-{n % 6}",
             f"acct-{n % 3}", "NULL" if n % 7 == 0 else f"region-{n % 2}", f"res-{n % 11}" if n % 3 else "",
             json.dumps({"env": ("prod", "dev")[n % 2], "n": str(n % 5)}) if n % 6 else "NULL", "ignored"]
        )  # fmt: skip
    return rows


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _database(path: Path) -> str:
    url = f"sqlite:///{path}"
    engine = create_db_engine(url)
    upgrade_to_head(engine)
    engine.dispose()
    return url


def _rows_and_rollup(db: Path) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(ROWS_QUERY).fetchall(), connection.execute(ROLLUP_QUERY).fetchall()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "metafinops.cli", *args], capture_output=True, text=True,
                          timeout=CLI_TIMEOUT, check=False, env=env)  # fmt: skip


def test_adbc_the_standard_module_and_the_row_path_store_the_same(tmp_path: Path) -> None:
    data = tmp_path / "mixed.csv"
    _write(data, _mixed_rows(500))
    load = columnar.prepare_cost_table(columnar.read_cost_columns(data))
    assert load is not None, "the fast path must take this file"
    assert load.summary.rows == 500

    results = {}
    for name in ("adbc", "standard", "rows"):
        db = tmp_path / f"{name}.db"
        engine = create_db_engine(_database(db))
        if name == "rows":
            with data.open(newline="") as text, create_session_factory(engine)() as session:
                records = [record for _, record in read_cost_rows(text)]
                assert all(isinstance(record, CostRecordIn) for record in records)
                insert_cost_records(session, records)  # type: ignore[arg-type]
                session.commit()
        else:
            assert load_costs(engine, [load], expected_rows=500, use_adbc=name == "adbc") == load.summary
        engine.dispose()
        results[name] = _rows_and_rollup(db)

    rows, rollup = results["rows"]
    assert len(rows) == 500 and sum(count for *_, count in rollup) == 500
    assert ("2026-05-01 00:30:00.250000", "2026-05-02 00:00:00.000000") in {row[:2] for row in rows}  # offset → UTC
    assert {row[4] for row in rows} == {"USD", "EUR"} and None in {row[8] for row in rows}
    assert results["adbc"] == results["rows"]
    assert results["standard"] == results["rows"]

    # a second load of the same file adds to the rollup (the upsert's conflict branch)
    engine = create_db_engine(f"sqlite:///{tmp_path / 'adbc.db'}")
    load_costs(engine, [load], expected_rows=500)
    engine.dispose()
    rows_twice, rollup_twice = _rows_and_rollup(tmp_path / "adbc.db")
    assert len(rows_twice) == 1000
    assert [(*key[:6], count) for *key, count in rollup_twice] == [(*key[:6], 2 * count) for *key, count in rollup]
    for once, twice in zip(rollup, rollup_twice, strict=True):
        assert twice[6] == pytest.approx(2 * once[6]) and twice[7] == pytest.approx(2 * once[7])


def _big_file(path: Path, rows: int) -> None:
    with path.open("w") as out:
        out.write("ChargePeriodStart,ChargePeriodEnd,BilledCost,ProviderName,ServiceName,SubAccountId,RegionId\n")
        for n in range(rows):
            day = 1 + n % 28
            out.write(f"2026-02-{day:02d}T00:00:00Z,2026-02-{day:02d}T12:00:00Z,{n % 97 + 0.5},aws,svc-{n % 9},a,r\n")


def test_a_large_load_rebuilds_the_index_and_the_rollup_matches_the_rows(tmp_path: Path) -> None:
    data, db = tmp_path / "big.csv", tmp_path / "big.db"
    _big_file(data, BULK_ROWS + 1000)
    result = _cli("ingest", "costs", str(data), "--db", _database(db), "--no-progress")
    assert result.returncode == 0, result.stderr
    assert f"Ingested {BULK_ROWS + 1000:,} cost rows" in result.stderr
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (COST_INDEX,)).fetchone()
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT SUM(billed_cost) FROM cost_records WHERE charge_period_start >= ?",
            ("2026-02-10",),
        ).fetchall()
        assert COST_INDEX in str(plan)
        by_rows = connection.execute(
            "SELECT date(charge_period_start), service, COUNT(*), ROUND(SUM(billed_cost), 4) FROM cost_records"
            " GROUP BY 1, 2 ORDER BY 1, 2"
        ).fetchall()
        by_rollup = connection.execute(
            "SELECT day, service, row_count, ROUND(billed_cost, 4) FROM cost_daily ORDER BY 1, 2"
        ).fetchall()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert by_rows == by_rollup and sum(row[2] for row in by_rows) == BULK_ROWS + 1000


def test_a_load_killed_inside_its_transaction_leaves_nothing(tmp_path: Path) -> None:
    data, db = tmp_path / "kill.csv", tmp_path / "kill.db"
    _big_file(data, 3 * BULK_ROWS)  # large enough to drop and rebuild the index: that is undone too
    url = _database(db)
    process = subprocess.Popen([sys.executable, "-m", "metafinops.cli", "ingest", "costs", str(data), "--db", url,
                                "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + KILL_WAIT
        while not write_lock_held(db):  # the load holds the write lock from BEGIN to COMMIT
            assert process.poll() is None, "the load ended before it was seen writing"
            assert time.monotonic() < deadline, "the load never took the write lock"
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT COUNT(*) FROM cost_records").fetchone() == (0,)
        assert connection.execute("SELECT COUNT(*) FROM cost_daily").fetchone() == (0,)
        assert connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (COST_INDEX,)).fetchone() == (1,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_without_pyarrow_csv_still_loads_and_parquet_says_what_to_install(tmp_path: Path) -> None:
    blocker = tmp_path / "no-pyarrow"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text("import sys\nsys.modules['pyarrow'] = None  # import pyarrow fails\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(blocker), os.environ.get("PYTHONPATH")]))}
    probe = subprocess.run([sys.executable, "-c", "import pyarrow"], env=env, capture_output=True, timeout=60)
    assert probe.returncode != 0, "the blocker must hide pyarrow"

    data, db = tmp_path / "mixed.csv", tmp_path / "plain.db"
    _write(data, _mixed_rows(200))
    result = _cli("ingest", "costs", str(data), "--db", f"sqlite:///{db}", "--no-progress", env=env)
    assert result.returncode == 0, result.stderr
    assert "Ingested 200 cost rows" in result.stderr
    reference = tmp_path / "reference.db"
    assert _cli("ingest", "costs", str(data), "--db", f"sqlite:///{reference}", "--no-progress").returncode == 0
    assert _rows_and_rollup(db) == _rows_and_rollup(reference)

    parquet = tmp_path / "costs.parquet"
    parquet.write_bytes(b"PAR1")
    result = _cli("ingest", "costs", str(parquet), "--db", f"sqlite:///{db}", "--no-progress", env=env)
    assert result.returncode == 1
    assert columnar.PARQUET_HINT in result.stderr and "Traceback" not in result.stderr


def test_a_file_the_fast_path_doubts_is_not_written_by_it(tmp_path: Path) -> None:
    rows = _mixed_rows(20)
    rows[7][6] = " svc-padded"  # a label with a leading space: only the row path decides on it
    text = io.StringIO()
    csv.writer(text).writerows([HEADER, *rows])
    data = tmp_path / "doubt.csv"
    data.write_text(text.getvalue())
    assert columnar.prepare_cost_table(columnar.read_cost_columns(data)) is None
    db = tmp_path / "doubt.db"
    result = _cli("ingest", "costs", str(data), "--db", f"sqlite:///{db}", "--no-progress")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:  # the row path trims it, as the API does
        assert connection.execute("SELECT COUNT(*) FROM cost_records WHERE service = 'svc-padded'").fetchone() == (1,)


@pytest.mark.parametrize("use_adbc", [True, False])
def test_a_file_read_in_blocks_is_kept_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, use_adbc: bool
) -> None:
    """Blocks are written while later ones are still read: a doubtful or unreadable row in a late
    block must take back the early blocks, and a clean file's blocks add up to the whole file."""
    monkeypatch.setattr(columnar, "BATCH_BYTES", 1 << 16)  # ~500 rows a block
    rows = _mixed_rows(3000)
    data = tmp_path / "blocks.csv"
    _write(data, rows)
    expected_rows, loads = columnar.prepare_cost_file(data)
    assert expected_rows >= 2000
    db = tmp_path / "blocks.db"
    engine = create_db_engine(_database(db))
    summary = load_costs(engine, loads, expected_rows=expected_rows, use_adbc=use_adbc)
    engine.dispose()
    assert summary is not None and summary.rows == 3000
    reference = tmp_path / "one-block.db"
    engine = create_db_engine(_database(reference))
    load = columnar.prepare_cost_table(columnar.read_cost_columns(data))
    assert load is not None
    load_costs(engine, [load], expected_rows=3000, use_adbc=False)
    engine.dispose()
    assert _rows_and_rollup(db) == _rows_and_rollup(reference)

    for late_problem in (" padded-service", "lots"):  # a label only the row path decides on; no number
        broken = [list(row) for row in rows]
        broken[2900][6 if late_problem.startswith(" ") else 2] = late_problem
        _write(data, broken)
        expected_rows, loads = columnar.prepare_cost_file(data)
        engine = create_db_engine(f"sqlite:///{db}")
        assert load_costs(engine, loads, expected_rows=expected_rows, use_adbc=use_adbc) is None
        engine.dispose()
        assert _rows_and_rollup(db) == _rows_and_rollup(reference)  # nothing of the second file kept
