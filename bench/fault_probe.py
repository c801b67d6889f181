"""Fault and load probes against real ``metafinops serve`` processes on 127.0.0.1 (issue 11's red team).

    python bench/fault_probe.py [--writers 20] [--writes 25] [--hostile-mb 500] [--keep DIR]

1. Concurrent writers: ``--writers`` threads each create ``--writes`` budgets (half with an
   Idempotency-Key sent twice); prints lost and duplicated writes (both must be 0).
2. Hostile body: one POST announcing ``--hostile-mb`` MB with no API key, streamed until the
   server answers or closes; prints the answer, the bytes it took, and the server's peak RSS
   (``VmHWM``) before and after.
3. Two instances on one PostgreSQL (when ``initdb``/``pg_ctl`` are on PATH): a free key's
   successes in one window, sending twice its limit alternately to both (must equal the limit).
4. SIGKILL mid-ingest: ``metafinops ingest costs`` of a large file killed as soon as it holds
   the database's write lock (inside its one transaction); the table must hold none of it.

Everything talks to loopback only; every loop and wait is bounded in count and time.
"""

from __future__ import annotations

import argparse
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 30.0
HOSTILE_TIMEOUT = 60.0
FREE_LIMIT = 60
WINDOW_SECONDS = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def cli(env: dict[str, str], *args: str, timeout: float = 600.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "metafinops.cli", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, check=True)  # fmt: skip


@contextmanager
def server(workdir: Path, db_url: str, env: dict[str, str]) -> Iterator[tuple[str, str, int]]:
    """A ``serve --demo`` process: (base URL, enterprise key, pid)."""
    port = free_port()
    env_file = workdir / f"demo-{port}.env"
    log = (workdir / f"server-{port}.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "metafinops.cli", "serve", "--port", str(port), "--db", db_url, "--demo",
         "--env-file", str(env_file), "--no-access-log"],
        env=env, stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"server exited with {process.returncode}")
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200 and env_file.exists():
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        else:
            raise RuntimeError("server not healthy in time")
        exports = dict(line.removeprefix("export ").split("=", 1) for line in env_file.read_text().splitlines())
        yield base, exports["METAFINOPS_API_KEY"], process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)
        log.close()


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def probe_writers(base: str, key: str, writers: int, writes: int) -> None:
    created: list[str] = []
    failures: list[str] = []
    lock = threading.Lock()

    def work(worker: int) -> None:
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=REQUEST_TIMEOUT) as c:
            for n in range(writes):
                body = {"name": f"probe-{worker}-{n}", "amount": 100 + n, "period": "monthly"}
                headers = {"Idempotency-Key": str(uuid.uuid4())} if n % 2 else {}
                attempts = 2 if headers else 1  # the keyed write is sent twice: one object
                ids = set()
                for _ in range(attempts):
                    for _retry in range(20):  # 409 in progress / 429: bounded retries
                        response = c.post("/budgets", json=body, headers=headers)
                        if response.status_code not in (409, 429):
                            break
                        time.sleep(0.2)
                    if response.status_code == 201:
                        ids.add(response.json()["data"]["id"])
                    else:
                        with lock:
                            failures.append(f"{response.status_code} {response.text[:120]}")
                with lock:
                    created.extend(ids)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(writers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    seconds = time.perf_counter() - started
    listed: list[str] = []
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=REQUEST_TIMEOUT) as c:
        cursor = None
        for _ in range(10_000):
            params: dict[str, str | int] = {"limit": 100, **({"starting_after": cursor} if cursor else {})}
            page = c.get("/budgets", params=params).json()
            listed += [b["id"] for b in page["data"] if b["name"].startswith("probe-")]
            cursor = page["meta"]["pagination"]["next_cursor"]
            if not cursor:
                break
    lost = len(set(created) - set(listed))
    duplicated = len(listed) - len(set(listed)) + max(0, len(set(listed)) - writers * writes)
    print(f"writers: {writers} x {writes} creates in {seconds:.1f} s; created {len(set(created))}, listed "
          f"{len(set(listed))}; lost {lost}, duplicated {duplicated}, refused {len(failures)}")  # fmt: skip


def probe_hostile_body(base: str, pid: int, megabytes: int) -> None:
    before = peak_rss_mb(pid)
    port = int(base.rsplit(":", 1)[1].split("/", 1)[0])
    total = megabytes * 1024 * 1024
    head = (f"POST /v1/ingest/costs HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {total}\r\n\r\n").encode()  # fmt: skip
    chunk = b"[" * (1 << 20)
    sent, answer = 0, b""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=HOSTILE_TIMEOUT) as sock:
        sock.sendall(head)
        sock.setblocking(False)
        while sent < total and time.monotonic() - started < HOSTILE_TIMEOUT:
            try:
                answer += sock.recv(65536)
                if answer:
                    break
            except BlockingIOError:
                pass
            except OSError:
                break
            try:
                sent += sock.send(chunk)
            except BlockingIOError:
                time.sleep(0.001)
            except OSError:
                break  # the server closed the connection
        sock.setblocking(True)
        sock.settimeout(5)
        try:
            answer += sock.recv(65536)
        except OSError:
            pass
    status = answer.split(b"\r\n", 1)[0].decode(errors="replace") or "(no answer)"
    took = time.monotonic() - started
    print(f"hostile body: {megabytes} MB announced, no key -> {status} after {took:.2f} s, {sent / 1e6:.1f} MB "
          f"accepted by the socket; server peak RSS {before:.0f} MB -> {peak_rss_mb(pid):.0f} MB")  # fmt: skip


@contextmanager
def postgres() -> Iterator[str | None]:
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not initdb or not pg_ctl:
        yield None
        return
    prefix: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="metafinops-probe-pg-"))
    base.chmod(0o755)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = base / "data", free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync"],
                       check=True, capture_output=True, timeout=120)  # fmt: skip
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-o", options, "-w", "start"],
                       check=True, capture_output=True, timeout=90)  # fmt: skip
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True,
                           timeout=60)  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


def probe_two_instances(workdir: Path, env: dict[str, str]) -> None:
    with postgres() as url:
        if url is None:
            print("two instances: skipped (initdb / pg_ctl not on PATH)")
            return
        limits = {
            **env,
            "METAFINOPS_RATE_LIMITS": f"free={FREE_LIMIT}",
            "METAFINOPS_RATE_LIMIT_WINDOW": str(WINDOW_SECONDS),
        }
        with server(workdir, url, limits) as (first, _, _pid), server(workdir, url, limits) as (second, _, _pid2):
            key = cli(limits, "keys", "create", "--name", "probe-free", "--plan", "free", "--db", url).stdout.strip()
            left = WINDOW_SECONDS - time.time() % WINDOW_SECONDS
            if left < 30:
                time.sleep(left + 0.5)  # keep the count inside one window
            statuses = []
            for n in range(2 * FREE_LIMIT):
                response = httpx.get(f"{(first, second)[n % 2]}/budgets", headers={"Authorization": f"Bearer {key}"},
                                     timeout=REQUEST_TIMEOUT)  # fmt: skip
                statuses.append(response.status_code)
            print(f"two instances on PostgreSQL: {statuses.count(200)} successes and {statuses.count(429)} 429s "
                  f"for {2 * FREE_LIMIT} requests in one window (free plan limit {FREE_LIMIT})")  # fmt: skip


def probe_sigkill_ingest(workdir: Path, env: dict[str, str], rows: int) -> None:
    db = workdir / "kill.db"
    csv_path = workdir / "kill.csv"
    with csv_path.open("w") as out:
        out.write("ChargePeriodStart,ChargePeriodEnd,BilledCost,ProviderName,ServiceName,SubAccountId\n")
        for n in range(rows):
            day = 1 + n % 28
            out.write(f"2026-02-{day:02d}T00:00:00Z,2026-02-{day:02d}T12:00:00Z,{n % 97 + 0.5},aws,svc-{n % 9},a\n")
    cli(env, "keys", "list", "--db", f"sqlite:///{db}")  # migrate first: the kill lands in the load
    process = subprocess.Popen([sys.executable, "-m", "metafinops.cli", "ingest", "costs", str(csv_path), "--db",
                                f"sqlite:///{db}", "--no-progress"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    deadline, held = time.monotonic() + 60, False
    while process.poll() is None and time.monotonic() < deadline:
        held = write_lock_held(db)  # the load holds it from its BEGIN to its COMMIT
        if held:
            break
        time.sleep(0.005)
    spent = cpu_seconds(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    with sqlite3.connect(db) as connection:
        count = connection.execute("SELECT COUNT(*) FROM cost_records").fetchone()[0]
    verdict = ("nothing kept" if count == 0 else "PARTIAL") if held else "not caught writing (the load ended first)"
    print(f"SIGKILL mid-ingest of {rows:,} rows, inside its transaction after {spent:.1f} s of CPU: "
          f"{count:,} rows in the table ({verdict})")  # fmt: skip


def write_lock_held(db: Path) -> bool:
    """Whether another connection holds the write lock (our ``BEGIN IMMEDIATE`` is refused at once)."""
    connection = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--writes", type=int, default=25)
    parser.add_argument("--hostile-mb", type=int, default=500)
    parser.add_argument("--ingest-rows", type=int, default=300_000)
    parser.add_argument("--keep", type=Path, help="Work in this directory and keep it.")
    args = parser.parse_args()
    if not (1 <= args.writers <= 200 and 1 <= args.writes <= 1000 and 1 <= args.hostile_mb <= 2000):
        parser.error("writers 1-200, writes 1-1000, hostile-mb 1-2000")
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="metafinops-probe-"))
    workdir.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
    try:
        with server(workdir, f"sqlite:///{workdir / 'probe.db'}", env) as (base, key, pid):
            probe_writers(base, key, args.writers, args.writes)
            probe_hostile_body(base, pid, args.hostile_mb)
        probe_two_instances(workdir, env)
        probe_sigkill_ingest(workdir, env, args.ingest_rows)
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
