"""The warm provider daemon: one per user, install and process-wide environment.

Started by the warm launcher (:mod:`metafinops_terraform._warm_launcher`) in its own session, with its
stdout/stderr on ``<name>.log`` in the runtime directory. It imports grpc, protobuf, the
catalog and the SDK once, then listens on ``<name>.sock`` (created under a temporary name
and renamed into place, so a launcher never sees half a daemon).

Each connection is one Terraform plugin process's worth of work, a *session*:

- the launcher sends its run's environment and its stderr file descriptor;
- the daemon builds a new gRPC server on its own unix socket with a fresh TLS identity and
  a :class:`~metafinops_terraform.servicer.ProviderServicer` of its own, bound to that environment —
  sessions share no configuration, API key, SDK client, redactor or log destination;
- it answers ``OK <handshake line>``; the launcher prints the line for Terraform;
- when Terraform calls ``GRPCController.Shutdown`` — or the launcher's connection closes
  (killed, Terraform gone) — the session's server stops, its stderr is closed and the
  connection is closed, which lets the launcher exit.

Log records of the ``provider`` logger go to the stderr of the session whose RPC thread
wrote them (each session's worker threads carry it), at that session's ``TF_LOG*`` level;
so Terraform sees the same hclog lines as without the daemon. The daemon's own log holds
session ids, timings and errors — never environment values.

With no session for ``idle`` seconds the daemon removes its socket and exits; the decision
is taken under the launchers' start lock and only when no connection is waiting. A daemon
with an *owner* (``METAFINOPS_PROVIDER_WARM=run``: the Terraform process whose plugin starts
it serves, named in the daemon's name) also exits — and removes its lock and log files —
within a quarter second of the last session once that process is gone.
"""

from __future__ import annotations

import fcntl
import itertools
import logging
import os
import select
import signal
import socket
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from metafinops_terraform._log import HclogFormatter, level_from_environment
from metafinops_terraform._warm_protocol import REQUEST_END, decode_environment

__all__ = ["main"]

_MAX_WORKERS = 16  # as provider.__main__: Terraform runs 10 operations at once, plus housekeeping
_MAX_MESSAGE_BYTES = 256 * 1024 * 1024
_SHUTDOWN_GRACE_SECONDS = 2.0
_REQUEST_LIMIT = 1024 * 1024
_REQUEST_TIMEOUT = 10.0
_LOG_LIMIT = 1024 * 1024

_log = logging.getLogger("metafinops_provider_daemon")
_current = threading.local()


class _Session:
    """One Terraform plugin process's worth of state; see the module docstring."""

    def __init__(self, number: int, connection: socket.socket, stderr: int, environ: Mapping[str, str]) -> None:
        self.number = number
        self.connection = connection
        self.environ = dict(environ)
        self.level = level_from_environment(self.environ)
        self.shutdown = threading.Event()
        self._stderr = stderr
        self._stderr_lock = threading.Lock()
        self.servicer: Any = None
        self.socket_path = ""

    def make_servicer(self) -> Any:
        from metafinops_terraform.servicer import ProviderServicer

        self.servicer = ProviderServicer(environment=self.environ)
        return self.servicer

    def write_log(self, line: str) -> None:
        data = (line + "\n").encode()
        with self._stderr_lock:
            if self._stderr < 0:
                return
            try:
                while data:
                    data = data[os.write(self._stderr, data) :]
            except OSError:
                pass

    def close_stderr(self) -> None:
        with self._stderr_lock:
            if self._stderr >= 0:
                os.close(self._stderr)
                self._stderr = -1


class _SessionLogRouter(logging.Handler):
    """Sends ``provider`` records to the stderr of the session whose thread logged them."""

    def __init__(self, fallback: logging.Handler) -> None:
        super().__init__(level=1)
        self.setFormatter(HclogFormatter())
        self._fallback = fallback

    def emit(self, record: logging.LogRecord) -> None:
        session: _Session | None = getattr(_current, "session", None)
        if session is None:
            if record.levelno >= logging.WARNING:
                self._fallback.handle(record)
            return
        if record.levelno >= session.level:
            try:
                session.write_log(self.format(record))
            except Exception:
                self.handleError(record)


def _bind_thread(session: _Session) -> None:
    _current.session = session


def _warm_imports() -> None:
    """Everything a session needs, imported before the first one (that is the point)."""
    import grpc  # noqa: F401

    import metafinops  # noqa: F401  (the SDK: httpx, pydantic)
    import metafinops_terraform._plugin
    import metafinops_terraform._tls
    import metafinops_terraform.servicer  # noqa: F401  (protobuf, stubs, catalog)
    from metafinops import Client  # noqa: F401
    from metafinops_terraform._tls import generate_identity

    generate_identity()  # compiles and warms the P-256 code paths


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie — exited, not yet reaped — does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return True  # no /proc (macOS): kill() said it exists


class _Daemon:
    def __init__(self, directory: str, name: str, idle_timeout: float, owner: int = 0) -> None:
        self.owner = owner
        self.directory = directory
        self.name = name
        self.path = os.path.join(directory, name + ".sock")
        self.lock_path = os.path.join(directory, name + ".lock")
        self.idle_timeout = idle_timeout
        self._sessions: set[_Session] = set()
        self._connections = 0  # accepted and not yet closed: a session, or a request being read
        self._sessions_lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._idle_since = time.monotonic()
        self._listener: socket.socket | None = None
        self._inode = 0

    # ------------------------------------------------------------------ listening

    def listen(self) -> None:
        temporary = f"{self.path}.{os.getpid()}"
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        listener.bind(temporary)
        os.chmod(temporary, 0o600)
        listener.listen(128)
        self._inode = os.stat(temporary).st_ino
        os.rename(temporary, self.path)  # atomic: replaces a stale socket of a dead daemon
        listener.settimeout(0.25)
        self._listener = listener

    def remove_socket(self) -> None:
        try:
            if os.stat(self.path).st_ino == self._inode:
                os.unlink(self.path)
        except FileNotFoundError:
            pass

    def remove_session_sockets(self) -> None:
        with self._sessions_lock:
            paths = [session.socket_path for session in self._sessions if session.socket_path]
        for path in paths:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass

    def serve(self) -> None:
        assert self._listener is not None
        _log.info("listening", extra={"fields": {"socket": self.path, "pid": os.getpid()}})
        while True:
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                if self._try_exit_idle():
                    return
                continue
            connection.settimeout(None)
            with self._sessions_lock:
                self._connections += 1
            threading.Thread(target=self._session, args=(connection,), name="session", daemon=True).start()

    def _try_exit_idle(self) -> bool:
        with self._sessions_lock:
            if self._connections:
                return False
            if time.monotonic() - self._idle_since < self.idle_timeout and (not self.owner or _alive(self.owner)):
                return False
        assert self._listener is not None
        lock = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # no launcher is starting a daemon meanwhile
            waiting, _, _ = select.select([self._listener], [], [], 0)
            if waiting:  # a launcher connected just now: not idle after all
                return False
            self.remove_socket()
            self._listener.close()
            if self.owner:  # nobody can ask for this name again: leave no files behind
                for path in (self.lock_path, os.path.join(self.directory, self.name + ".log")):
                    try:
                        os.unlink(path)
                    except FileNotFoundError:
                        pass
        finally:
            os.close(lock)
        _log.info("idle: exiting", extra={"fields": {"idle_seconds": self.idle_timeout, "owner": self.owner}})
        return True

    # ------------------------------------------------------------------ sessions

    def _session(self, connection: socket.socket) -> None:
        stderr = -1
        session: _Session | None = None
        try:
            if hasattr(socket, "SO_PEERCRED"):
                credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
                if int.from_bytes(credentials[4:8], sys.byteorder) != os.getuid():
                    _log.warning("connection from another user refused")
                    return
            stderr, environ = self._read_request(connection)
            session = _Session(next(self._numbers), connection, stderr, environ)
            stderr = -1  # the session owns it now
            with self._sessions_lock:
                self._sessions.add(session)
            self._run(session)
        except Exception as problem:
            _log.error("session failed", extra={"fields": {"error": type(problem).__name__}})
            try:
                connection.sendall(f"ERR {type(problem).__name__}\n".encode())
            except OSError:
                pass
        finally:
            if stderr >= 0:
                os.close(stderr)
            if session is not None:
                session.close_stderr()
            with self._sessions_lock:
                if session is not None:
                    self._sessions.discard(session)
                self._connections -= 1
                if not self._connections:
                    self._idle_since = time.monotonic()
            try:
                connection.shutdown(socket.SHUT_RDWR)  # wakes the watcher's recv; the launcher sees EOF
            except OSError:
                pass
            connection.close()

    @staticmethod
    def _read_request(connection: socket.socket) -> tuple[int, dict[str, str]]:
        connection.settimeout(_REQUEST_TIMEOUT)
        data, fds, _, _ = socket.recv_fds(connection, 65536, 1)
        try:
            while not data.endswith(REQUEST_END):
                if len(data) > _REQUEST_LIMIT:
                    raise ValueError("session request too large")
                chunk = connection.recv(65536)
                if not chunk:
                    raise ConnectionError("launcher left before its request was complete")
                data += chunk
            if len(fds) != 1:
                raise ValueError("session request without the launcher's stderr")
            return fds[0], decode_environment(data)
        except BaseException:
            for fd in fds:
                os.close(fd)
            raise
        finally:
            connection.settimeout(None)

    def _run(self, session: _Session) -> None:
        import grpc

        from metafinops_terraform._plugin import generic_handlers
        from metafinops_terraform._tls import generate_identity

        started = time.perf_counter()
        _current.session = session
        identity = generate_identity()
        socket_path = os.path.join(self.directory, f"s-{os.getpid()}-{session.number}-{os.urandom(3).hex()}.sock")
        session.socket_path = socket_path
        executor = ThreadPoolExecutor(
            max_workers=_MAX_WORKERS,
            thread_name_prefix=f"s{session.number}-rpc",
            initializer=_bind_thread,
            initargs=(session,),
        )
        server = grpc.server(
            executor,
            handlers=generic_handlers(grpc, session.shutdown, session.make_servicer),
            options=[
                ("grpc.max_receive_message_length", _MAX_MESSAGE_BYTES),
                ("grpc.max_send_message_length", _MAX_MESSAGE_BYTES),
            ],
        )
        server.add_secure_port(
            f"unix:{socket_path}", grpc.ssl_server_credentials([(identity.private_key_pem, identity.certificate_pem)])
        )
        try:
            server.start()
            handshake = f"1|6|unix|{socket_path}|grpc|{identity.handshake_certificate}"
            session.connection.sendall(f"OK {handshake}\n".encode())
            _log.info(
                "session started",
                extra={"fields": {"session": session.number, "ms": round((time.perf_counter() - started) * 1000, 1)}},
            )
            watcher = threading.Thread(target=self._watch_launcher, args=(session,), name="watch", daemon=True)
            watcher.start()
            session.shutdown.wait()
            server.stop(grace=_SHUTDOWN_GRACE_SECONDS).wait(_SHUTDOWN_GRACE_SECONDS + 1)
        finally:
            server.stop(grace=None)
            executor.shutdown(wait=False, cancel_futures=True)
            client = getattr(session.servicer, "_client", None)
            if client is not None:
                try:
                    client.close()
                except Exception:
                    pass
            session.servicer = None
            try:
                os.unlink(socket_path)
            except FileNotFoundError:
                pass
            _log.info("session ended", extra={"fields": {"session": session.number}})

    @staticmethod
    def _watch_launcher(session: _Session) -> None:
        """The launcher never writes after its request: any read return means it is gone."""
        try:
            session.connection.recv(1)
        except OSError:
            pass
        session.shutdown.set()


def _configure_logging(log_file: str) -> logging.Handler:
    try:
        if os.path.getsize(log_file) > _LOG_LIMIT:
            os.truncate(log_file, 0)
    except OSError:
        pass
    handler = logging.StreamHandler(sys.stderr)  # the launcher pointed stderr at the log file
    handler.setFormatter(HclogFormatter())
    _log.handlers[:] = [handler]
    _log.setLevel(logging.INFO)
    _log.propagate = False
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.WARNING)
    provider_log = logging.getLogger("metafinops_terraform")
    provider_log.handlers[:] = [_SessionLogRouter(handler)]
    provider_log.setLevel(1)  # each session filters at its own level
    provider_log.propagate = False
    return handler


def main(argv: list[str]) -> int:
    """``DIRECTORY NAME IDLE_SECONDS [OWNER_PID]`` (the launcher's spawn); returns when idle."""
    directory, name, idle = argv[0], argv[1], float(argv[2])
    owner = int(argv[3]) if len(argv) > 3 else 0
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    _configure_logging(os.path.join(directory, name + ".log"))
    started = time.perf_counter()
    _warm_imports()
    daemon = _Daemon(directory, name, idle, owner)

    def terminate(signum: int, frame: Any) -> None:
        daemon.remove_socket()
        daemon.remove_session_sockets()
        _log.info("terminated", extra={"fields": {"signal": signum}})
        os._exit(0)

    signal.signal(signal.SIGTERM, terminate)
    daemon.listen()
    try:  # a run-scoped daemon's launcher marked it as loading (see _warm_launcher._connect_or_start)
        os.unlink(daemon.path + ".starting")
    except FileNotFoundError:
        pass
    _log.info("ready", extra={"fields": {"ms": round((time.perf_counter() - started) * 1000, 1)}})
    daemon.serve()
    sys.stderr.flush()
    os._exit(0)  # worker threads of ended sessions may still sit in a slow HTTP call
