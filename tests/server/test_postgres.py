"""The server on PostgreSQL: a throwaway cluster (initdb + pg_ctl) on 127.0.0.1, torn down after."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete

from metafinops.server.analytics.ingest import rebuild_cost_rollup
from metafinops.server.db.engine import create_db_engine, create_session_factory
from metafinops.server.db.models import CostRecord

from .helpers import budget_body, error, ok

try:
    from tests._server import free_port
except ImportError:  # pragma: no cover - tests/ itself on sys.path
    from _server import free_port  # type: ignore[no-redef]


def _runner() -> tuple[list[str], pwd.struct_passwd | None]:
    """How to run the PostgreSQL binaries: as ourselves, or (as root) as the postgres user."""
    if os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    if runuser is None:
        pytest.fail("running as root and `runuser` is missing (initdb refuses root): apt-get install util-linux")
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        pytest.fail("running as root and there is no `postgres` user to run initdb as: apt-get install postgresql")
    return [runuser, "-u", "postgres", "--"], user


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.fail(
            "PostgreSQL's server binaries (initdb, pg_ctl) are not on PATH: apt-get install postgresql and put "
            "/usr/lib/postgresql/<version>/bin on PATH (./scripts/test does both)"
        )
    prefix, user = _runner()
    # Not under pytest's tmp dir: that is private to us, and the postgres user must reach it.
    base = Path(tempfile.mkdtemp(prefix="metafinops-pg-"))
    base.chmod(0o755)
    if user is not None:
        os.chown(base, user.pw_uid, user.pw_gid)
    data, log = base / "data", base / "postgres.log"
    port = free_port()
    try:
        subprocess.run(
            [*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        started = subprocess.run(
            [*prefix, pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
            capture_output=True,
            text=True,
            timeout=90,
        )
        if started.returncode != 0:
            pytest.fail(f"pg_ctl start failed: {started.stderr}\n{log.read_text() if log.exists() else ''}")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "-t", "30", "stop"],
                capture_output=True,
                timeout=60,
            )
        shutil.rmtree(base, ignore_errors=True)


def test_server_on_postgres(start_server, tmp_path, postgres_url) -> None:
    with start_server(tmp_path, db_url=postgres_url) as server:
        with server.client() as client:
            hook = ok(client.post("/webhooks", json={"url": "https://h.test/x", "events": ["report.generated"]}), 201)
            headers = {"Idempotency-Key": str(uuid.uuid4())}
            budgets = [ok(client.post("/budgets", json=budget_body(name=f"pg-{i}")), 201) for i in range(5)]
            first = client.post("/budgets", json=budget_body(name="pg-idem"), headers=headers)
            replay = client.post("/budgets", json=budget_body(name="pg-idem"), headers=headers)
            assert ok(first, 201) == ok(replay, 201) and replay.headers["Idempotent-Replayed"] == "true"
            policy = ok(
                client.post(
                    "/alert-policies",
                    json={
                        "name": "pg",
                        "type": "budget",
                        "conditions": {"budget_ids": [budgets[0]["id"]]},
                        "webhook_subscription_ids": [hook["id"]],
                    },
                ),
                201,
            )
            ok(client.delete(f"/webhooks/{hook['id']}"))
            assert ok(client.get(f"/alert-policies/{policy['id']}"))["webhook_subscription_ids"] == []
            error(client.post("/budgets", json=budget_body(name="\x00")), 422, "validation_error")

            page1 = client.get("/budgets", params={"limit": 3})
            cursor = page1.json()["meta"]["pagination"]["next_cursor"]
            page2 = ok(client.get("/budgets", params={"limit": 3, "starting_after": cursor}))
            assert [b["id"] for b in ok(page1) + page2] == [b["id"] for b in budgets] + [first.json()["data"]["id"]]

        engine = create_db_engine(postgres_url)
        row = CostRecord(
            charge_period_start=datetime(2031, 5, 2),
            charge_period_end=datetime(2031, 5, 3),
            billed_cost=10.0,
            effective_cost=9.5,
            currency="USD",
            provider="aws",
            service="aws-ec2",
            sub_account="prod",
        )
        try:
            with create_session_factory(engine)() as session:
                session.add(row)
                session.commit()
                rebuild_cost_rollup(session)  # the row went in behind ingestion's back
                session.commit()
            server.restart()
            with server.client() as client:
                assert ok(client.get(f"/budgets/{budgets[0]['id']}")) == budgets[0]
                summary = ok(client.get("/costs/summary", params={"start": "2031-05-01", "end": "2031-05-31"}))
                assert summary["total_cost"] == 9.5
            with create_session_factory(engine)() as session:
                session.execute(delete(CostRecord).where(CostRecord.id == row.id))
                rebuild_cost_rollup(session)
                session.commit()
        finally:
            engine.dispose()


def test_ingestion_detection_and_deliveries_on_postgres(start_server, tmp_path, postgres_url) -> None:
    from tests.events._helpers import FAST_ENV, running_receiver, wait_until

    service = f"pg-svc-{uuid.uuid4().hex[:8]}"
    today = datetime.now(UTC).replace(tzinfo=None).date()
    day = f"{today.isoformat()}T00:00:00Z"
    cost = {"charge_period_start": day, "charge_period_end": day, "billed_cost": 60.0, "provider": "aws",
            "service": service, "sub_account": "pg", "region": "eu-west-1", "tags": {"env": "pg"}}  # fmt: skip
    with (
        running_receiver(tmp_path / "receiver") as receiver,
        start_server(tmp_path / "server", db_url=postgres_url, env=FAST_ENV) as server,
        server.client() as client,
    ):
        events = ["budget.threshold.reached", "report.generated"]
        ok(client.post("/webhooks", json={"url": receiver.url, "events": events, "secret": "p" * 32}), 201)
        budget = ok(
            client.post(
                "/budgets",
                json=budget_body(
                    name="pg-events", amount=100, filters={"services": [service], "tags": {"env": "pg"}},
                    thresholds=[{"percent": 100}],
                ),
            ),
            201,
        )  # fmt: skip
        ok(client.post("/ingest/costs", json={"records": [cost]}), 201)
        assert ok(client.get(f"/budgets/{budget['id']}/alerts")) == []
        ok(client.post("/ingest/costs", json={"records": [cost]}), 201)  # 120 %
        (alert,) = ok(client.get(f"/budgets/{budget['id']}/alerts"))
        assert alert["spend"] == 120.0
        summary = ok(client.get("/costs/summary", params={"start": today.isoformat(), "service": service}))
        assert summary["total_cost"] == 120.0
        ok(client.post("/reports/generate", json={"start": today.isoformat(), "end": today.isoformat()}), 201)
        received = receiver.wait_for(2)
        assert {r.json()["event"] for r in received} == set(events)
        for path in ("/gpu/idle", "/carbon/footprint", "/recommendations", "/anomalies"):
            client.get(path).raise_for_status()
        bad = {**cost, "billed_cost": "lots"}
        error(client.post("/ingest/costs", json={"records": [cost, bad]}), 422, "validation_error")
        wait_until(lambda: ok(client.get("/costs/summary", params={"service": service}))["total_cost"] == 120.0)


RATE_WINDOW = 600  # seconds; windows are aligned on the Unix epoch, shared by every process
FREE_LIMIT = 10
REPORTS = 12


def _away_from_a_window_edge(window: int, margin: float = 60.0) -> None:
    """Sleep (at most ``margin`` s) past the next window edge when it is close: the count stays in one window."""
    left = window - time.time() % window
    if left < margin:
        time.sleep(left + 0.5)


def test_two_instances_share_rate_limits_and_deliver_each_event_once(start_server, tmp_path, postgres_url) -> None:
    from tests.events._helpers import FAST_ENV, running_receiver, wait_until

    env = {**FAST_ENV, "METAFINOPS_RATE_LIMITS": f"free={FREE_LIMIT}", "METAFINOPS_RATE_LIMIT_WINDOW": str(RATE_WINDOW)}
    with (
        running_receiver(tmp_path / "receiver") as receiver,
        start_server(tmp_path / "a", db_url=postgres_url, env=env) as first,
        start_server(tmp_path / "b", db_url=postgres_url, env=env) as second,
    ):
        free_key = first.create_key("free", name=f"shared-{uuid.uuid4().hex[:6]}")
        _away_from_a_window_edge(RATE_WINDOW)
        statuses = []
        for index in range(3 * FREE_LIMIT):
            server = (first, second)[index % 2]
            with server.client(free_key) as client:
                statuses.append(client.get("/budgets").status_code)
        assert statuses.count(200) == FREE_LIMIT, statuses  # the plan's limit once, not once per process
        assert statuses.count(429) == 2 * FREE_LIMIT
        second.restart()  # a restart does not hand out a fresh window
        with second.client(free_key) as client:
            error(client.get("/budgets"), 429, "rate_limited")

        # Every due delivery is attempted exactly once across both processes (leases).
        with first.client() as client_a, second.client() as client_b:
            hook = ok(client_a.post("/webhooks", json={"url": receiver.url, "events": ["report.generated"],
                                                       "secret": "s" * 32}), 201)  # fmt: skip
            day = datetime.now(UTC).date().isoformat()
            for index in range(REPORTS):
                client = (client_a, client_b)[index % 2]
                ok(client.post("/reports/generate", json={"start": day, "end": day}), 201)
            received = receiver.wait_for(REPORTS)
            event_ids = [r.header("X-MetaFinOps-Event-Id") for r in received]
            assert len(set(event_ids)) == REPORTS
            logged = wait_until(
                lambda: (
                    (items := ok(client_a.get(f"/webhooks/{hook['id']}/deliveries", params={"limit": 100})))
                    and all(item["status"] != "pending" for item in items)
                    and items
                )
            )
            assert len(logged) == REPORTS
            assert all(item["status"] == "succeeded" and item["attempts"] == 1 for item in logged), logged
        time.sleep(1.0)  # a second attempt, were there one, would arrive by now (poll interval 0.1 s)
        assert len(receiver.requests()) == REPORTS


def test_cli_cost_files_load_on_postgres_through_copy(tmp_path, postgres_url) -> None:
    """``metafinops ingest costs`` on PostgreSQL: the bulk path (COPY) stores what the file says,
    a second load adds to the rollup, and a bad file adds nothing."""
    from sqlalchemy import text

    from tests.analytics.test_bulk_ingest import _mixed_rows, _write

    tag = f"copy-{uuid.uuid4().hex[:8]}"
    rows = _mixed_rows(300)
    for row in rows:
        row[6] = f"{tag}-{row[6]}"
    data = tmp_path / "focus.csv"
    _write(data, rows)
    expected = sum(float(row[3] if row[3] != "NULL" else row[2]) for row in rows)

    def cli(path: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "metafinops.cli", "ingest", "costs", str(path), "--db",
                               postgres_url, "--no-progress"], capture_output=True, text=True, timeout=300)  # fmt: skip

    engine = create_db_engine(postgres_url)
    try:
        for loads in (1, 2):
            result = cli(data)
            assert result.returncode == 0, result.stderr
            assert "Ingested 300 cost rows" in result.stderr
            with engine.connect() as connection:
                count, total = connection.execute(
                    text("SELECT COUNT(*), SUM(effective_cost) FROM cost_records WHERE service LIKE :s"),
                    {"s": f"{tag}-%"},
                ).one()
                rolled, rolled_total = connection.execute(
                    text("SELECT SUM(row_count), SUM(effective_cost) FROM cost_daily WHERE service LIKE :s"),
                    {"s": f"{tag}-%"},
                ).one()
            assert count == rolled == 300 * loads
            assert total == pytest.approx(expected * loads) and rolled_total == pytest.approx(expected * loads)
        with engine.connect() as connection:
            first_day = connection.execute(
                text("SELECT currency, region, tags FROM cost_records WHERE service = :s AND charge_period_start = :t"),
                {"s": f"{tag}-svc-0", "t": datetime(2026, 5, 1, 0, 30, 0, 250000)},  # +02:00 converted to UTC
            ).all()
            tags = (
                connection.execute(
                    text("SELECT tags FROM cost_records WHERE service = :s AND billed_cost = -1.75"),
                    {"s": f"{tag}-svc-1"},
                )
                .scalars()
                .all()
            )
            currencies = set(connection.execute(
                text("SELECT DISTINCT currency FROM cost_daily WHERE service LIKE :s"), {"s": f"{tag}-%"}
            ).scalars())  # fmt: skip
        assert ("USD", None, None) in {tuple(row) for row in first_day}  # NULL currency → USD; NULL region, tags
        assert {"env": "dev", "n": "1"} in tags
        assert currencies == {"USD", "EUR"}  # a missing currency is USD, and rolls up with USD

        rows[150][2] = "lots"
        _write(data, rows)
        result = cli(data)
        assert result.returncode == 1 and "line 152: BilledCost" in result.stderr

        # read in blocks, the bad row in a late one: the blocks already copied are taken back too
        from metafinops.server.analytics import columnar
        from metafinops.server.analytics.bulk import load_costs

        rows[150][2], rows[290][2] = "1.5", "lots"
        _write(data, rows)
        original, columnar.BATCH_BYTES = columnar.BATCH_BYTES, 1 << 13
        try:
            expected_rows, loads = columnar.prepare_cost_file(data)
            assert load_costs(engine, loads, expected_rows=expected_rows) is None
        finally:
            columnar.BATCH_BYTES = original
        with engine.connect() as connection:
            assert connection.execute(
                text("SELECT COUNT(*) FROM cost_records WHERE service LIKE :s"), {"s": f"{tag}-%"}
            ).scalar() == 600  # fmt: skip
    finally:
        engine.dispose()
