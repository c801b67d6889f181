"""A real ``metafinops serve`` process on 127.0.0.1, for tests.

``running_server(tmp_path)`` starts the server on a free port with a SQLite file in
``tmp_path`` (or ``db_url``) and ``--demo``, waits for ``/v1/health`` and yields a
:class:`ServerHandle` with ``base_url`` (ending in ``/v1``) and an enterprise ``api_key``.
Every wait is bounded; the process is killed on exit.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

__all__ = ["ServerHandle", "free_port", "running_server"]

START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
CLI_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _tail(path: Path, lines: int = 40) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@dataclass
class ServerHandle:
    """A running (or stopped) server process and how to reach it."""

    workdir: Path
    db_url: str
    port: int
    env: dict[str, str] = field(repr=False)
    api_key: str = ""
    extra_args: tuple[str, ...] = ()  # more `serve` options, e.g. ("--log-format", "json")
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    starts: int = 0

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def stdout_path(self) -> Path:
        return self.workdir / f"server-{self.starts}.out"

    @property
    def stderr_path(self) -> Path:
        return self.workdir / f"server-{self.starts}.err"

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """Run ``metafinops ARGS...`` with this server's environment (bounded)."""
        return subprocess.run(
            [sys.executable, "-m", "metafinops.cli", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT,
            check=check,
        )

    def create_key(self, plan: str = "enterprise", name: str | None = None) -> str:
        """A new API key of ``plan`` made with ``metafinops keys create``."""
        result = self.cli("keys", "create", "--name", name or f"test-{plan}", "--plan", plan, "--db", self.db_url)
        return result.stdout.strip()

    def start(self) -> None:
        """Start the process (with ``--demo`` the first time) and wait until it is healthy."""
        self.starts += 1
        args = ["serve", "--host", "127.0.0.1", "--port", str(self.port), "--db", self.db_url, *self.extra_args]
        env_file = self.workdir / "demo.env"
        if not self.api_key:
            args += ["--demo", "--env-file", str(env_file)]
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "metafinops.cli", *args],
                env=self.env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
            )
        self._wait_healthy()
        if not self.api_key:
            exports = dict(line.removeprefix("export ").split("=", 1) for line in env_file.read_text().splitlines())
            self.api_key = exports["METAFINOPS_API_KEY"]

    def _wait_healthy(self) -> None:
        assert self.process is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{_tail(self.stderr_path)}")
            try:
                if httpx.get(f"{self.base_url}/health", timeout=2.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server not healthy after {START_TIMEOUT} s:\n{_tail(self.stderr_path)}")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not exited in time."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)

    def restart(self) -> None:
        """Stop and start again on the same port and database."""
        self.stop()
        self.start()

    def client(self, api_key: str | None = None, **kwargs: object) -> httpx.Client:
        """An httpx client for ``base_url`` authenticated with ``api_key`` (default: the demo key)."""
        headers = {"Authorization": f"Bearer {api_key or self.api_key}"}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30.0, **kwargs)  # type: ignore[arg-type]


@contextmanager
def running_server(
    tmp_path: Path,
    *,
    env: Mapping[str, str] | None = None,
    db_url: str | None = None,
    extra_args: Sequence[str] = (),
) -> Iterator[ServerHandle]:
    """Run ``metafinops serve`` for the duration of the ``with`` block."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    process_env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
    process_env.update(env or {})
    handle = ServerHandle(
        workdir=tmp_path,
        db_url=db_url or f"sqlite:///{tmp_path / 'metafinops.db'}",
        port=free_port(),
        env=process_env,
        extra_args=tuple(extra_args),
    )
    try:
        handle.start()
        yield handle
    finally:
        handle.stop()
