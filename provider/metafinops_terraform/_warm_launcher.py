"""The warm launcher: what the plugin runs when warm mode is on (``METAFINOPS_PROVIDER_WARM=1``
or ``metafinops provider install --warm``).

Terraform starts a provider 3 times per ``plan``/``apply``; a full Python plugin process costs
~300 ms before its first useful RPC. This launcher instead asks a long-lived per-user daemon
(:mod:`metafinops_terraform._warm_daemon`), which keeps grpc, protobuf, the catalog and the SDK imported,
for a *session*: a new gRPC server with its own socket, TLS certificate and servicer. It

1. checks ``TF_PLUGIN_MAGIC_COOKIE`` and the protocol version itself;
2. connects to the daemon's control socket ``<runtime dir>/d-<version>-<hash>.sock`` — starting
   the daemon first if there is none, under a lock so that concurrent launchers start one;
3. sends this run's environment (``METAFINOPS_*``, ``TF_*``, ``PLUGIN_*``) and its stderr
   (``SCM_RIGHTS``, so the session's logs reach Terraform as today);
4. prints the session's handshake line as its only stdout line;
5. waits until the daemon closes the connection (the session ended after
   ``GRPCController.Shutdown``) and exits. Killed, it leaves the daemon an EOF, which ends
   the session; should Terraform vanish, the parent check ends it too.

The runtime directory is ``$METAFINOPS_PROVIDER_RUNTIME_DIR``, else
``$XDG_RUNTIME_DIR/metafinops-provider``, else ``/tmp/metafinops-provider-<uid>``; it must be
ours and mode 0700. The hash covers the install (interpreter, import paths, sources) and the
environment that is process-wide in the daemon (proxies, CA files): runs that differ there
get different daemons. The daemon's own environment is only that whitelist — never an API key.

If warm mode cannot be used (bad runtime directory, daemon failing to start within
``STARTUP_TIMEOUT``), the launcher serves the plugin in-process exactly like the default
launcher, so Terraform still works, just without the speed-up.

Imports: os, sys, _socket, builtin modules and :mod:`metafinops_terraform._warm_protocol` only —
the point is a ~20 ms start.
"""

from __future__ import annotations

import _socket  # not `socket`: its enum and selectors imports cost ~12 ms of a ~25 ms start
import os
import sys

from metafinops_terraform._warm_protocol import DAEMON_FLAG, encode_environment

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

__all__ = [
    "daemon_environment",
    "run",
    "runtime_directory",
    "session_environment",
]

MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
RUNTIME_DIR_ENV = "METAFINOPS_PROVIDER_RUNTIME_DIR"
IDLE_TIMEOUT_ENV = "METAFINOPS_PROVIDER_IDLE_TIMEOUT"
DEFAULT_IDLE_TIMEOUT = 60.0
STARTUP_TIMEOUT = 20.0  # a cold daemon imports everything (~1 s); a loaded machine is slower
REPLY_TIMEOUT = 20.0
_SOCKET_PATH_LIMIT = 100  # sun_path holds 108 bytes on Linux, 104 on macOS

SESSION_PREFIXES = ("METAFINOPS_", "TF_", "PLUGIN_")
"""Per-run settings sent with each session request (API key, base URL, log levels)."""

DAEMON_VARIABLES = (
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "TZ",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
)
"""The daemon's whole environment: what httpx and Python read process-wide. Part of the
daemon's identity, so a run never uses a daemon with different proxies or CA files."""


class _Unavailable(Exception):
    """No daemon answered (yet): not there, refused, or closed before the handshake."""


class _Busy(_Unavailable):
    """The daemon's listen backlog is full: it is alive, try again shortly."""


def session_environment(environ: Mapping[str, str]) -> dict[str, str]:
    return {k: v for k, v in environ.items() if k.startswith(SESSION_PREFIXES) and k != MAGIC_COOKIE_KEY}


def daemon_environment(environ: Mapping[str, str]) -> dict[str, str]:
    return {k: environ[k] for k in DAEMON_VARIABLES if k in environ}


def runtime_directory(environ: Mapping[str, str]) -> str:
    """The private directory for the daemon's sockets, lock and log (created 0700, checked)."""
    explicit = environ.get(RUNTIME_DIR_ENV, "")
    xdg = environ.get("XDG_RUNTIME_DIR", "")
    if explicit:
        path = explicit
    elif xdg and os.path.isdir(xdg):
        path = os.path.join(xdg, "metafinops-provider")
    else:
        path = f"/tmp/metafinops-provider-{os.getuid()}"
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(path)
    if not (info.st_mode & 0o170000 == 0o040000 and info.st_uid == os.getuid() and info.st_mode & 0o077 == 0):
        raise OSError(f"{path} must be a directory owned by uid {os.getuid()} with mode 0700")
    return path


def _identity(build: str, environ: Mapping[str, str]) -> str:
    try:
        sha256: Any = __import__("_sha256").sha256  # builtin; hashlib loads OpenSSL (~4 ms)
    except ImportError:  # Python >= 3.12 names it _sha2
        import hashlib

        sha256 = hashlib.sha256
    material = "\0".join([build, *(f"{k}={v}" for k, v in sorted(daemon_environment(environ).items()))])
    return str(sha256(material.encode()).hexdigest()[:16])


def _request_session(path: str, payload: bytes) -> tuple[_socket.socket, str]:
    """A session from the daemon at ``path``: the connection and the handshake line."""
    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.settimeout(REPLY_TIMEOUT)
        try:
            connection.connect(path)
        except (FileNotFoundError, ConnectionRefusedError) as missing:
            raise _Unavailable(str(missing)) from None
        except BlockingIOError:
            raise _Busy("backlog full") from None
        # our stderr goes along (SCM_RIGHTS): the session's log lines reach Terraform directly
        fds = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, (2).to_bytes(4, sys.byteorder))]
        sent = connection.sendmsg([payload], fds)
        if sent < len(payload):
            connection.sendall(payload[sent:])
        reply = b""
        while not reply.endswith(b"\n"):
            try:
                chunk = connection.recv(65536)
            except (ConnectionResetError, TimeoutError) as lost:
                raise _Unavailable(f"daemon did not answer: {lost}") from None
            if not chunk:  # the daemon was exiting (idle) or died: start over
                raise _Unavailable("daemon closed the connection")
            reply += chunk
        status, _, text = reply.decode().rstrip("\n").partition(" ")
        if status != "OK":
            raise RuntimeError(f"the provider daemon refused the session: {text}")
        return connection, text
    except BaseException:
        connection.close()
        raise


def _spawn_daemon(directory: str, name: str, environ: Mapping[str, str], owner: int) -> int:
    log = os.open(os.path.join(directory, name + ".log"), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    null = os.open(os.devnull, os.O_RDONLY)
    try:
        idle = environ.get(IDLE_TIMEOUT_ENV, "") or str(DEFAULT_IDLE_TIMEOUT)
        env = daemon_environment(environ)
        env["PATH"] = environ.get("PATH", "/usr/bin:/bin")
        if "HOME" in environ:
            env["HOME"] = environ["HOME"]
        # the daemon runs the same package with the same interpreter settings as this launcher
        flags = ["-E", "-X", f"pycache_prefix={sys.pycache_prefix}"] if sys.pycache_prefix else ["-E"]
        return os.posix_spawn(
            sys.executable,
            [sys.executable, *flags, os.path.abspath(sys.argv[0]), DAEMON_FLAG, directory, name, idle, str(owner)],
            env,
            file_actions=[
                (os.POSIX_SPAWN_DUP2, null, 0),
                (os.POSIX_SPAWN_DUP2, log, 1),
                (os.POSIX_SPAWN_DUP2, log, 2),
            ],
            setsid=True,  # out of Terraform's process group and session: Ctrl-C is not for it
        )
    finally:
        os.close(log)
        os.close(null)


def _sleep(seconds: float) -> None:
    import time

    time.sleep(seconds)


def _connect(
    directory: str, name: str, payload: bytes, environ: Mapping[str, str], owner: int = 0
) -> tuple[_socket.socket, str]:
    """Connect to the daemon, starting it (once, under the lock) when there is none; a daemon
    with an ``owner`` pid exits as soon as that process is gone."""
    import fcntl
    import time

    path = os.path.join(directory, name + ".sock")
    deadline = time.monotonic() + STARTUP_TIMEOUT
    lock = -1
    daemon = 0
    try:
        while True:
            try:
                return _request_session(path, payload)
            except _Unavailable as problem:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no provider daemon at {path} within {STARTUP_TIMEOUT:.0f} s") from problem
                if isinstance(problem, _Busy):
                    _sleep(0.005)
                    continue
            if daemon:
                finished, status = os.waitpid(daemon, os.WNOHANG)
                if finished:
                    raise RuntimeError(f"the provider daemon exited at start (status {status}); see {path[:-5]}.log")
            elif lock < 0:
                lock = os.open(path[:-5] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
            if not daemon:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    _sleep(0.01)  # another launcher is starting it
                    continue
                try:
                    return _request_session(path, payload)  # started while we waited for the lock
                except _Busy:
                    continue
                except _Unavailable:
                    pass
                try:
                    os.unlink(path)  # stale: its daemon is gone (a live one would have answered)
                except FileNotFoundError:
                    pass
                daemon = _spawn_daemon(directory, name, environ, owner)
            _sleep(0.005)
    finally:
        if lock >= 0:
            os.close(lock)  # releases the flock


def _connect_or_start(
    directory: str, name: str, payload: bytes, environ: Mapping[str, str], owner: int
) -> tuple[_socket.socket, str] | None:
    """A session from the run's daemon if it is ready; else start it (once) and return None.

    For the run scope nobody waits for a daemon to load: the start that finds none serves
    in-process (as fast as without a daemon) while the daemon loads beside it for the next
    starts of the same Terraform process.
    """
    import fcntl

    path = os.path.join(directory, name + ".sock")
    try:
        return _request_session(path, payload)
    except _Unavailable:
        pass
    lock = os.open(path[:-5] + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # another start of this run is starting it
        if os.path.exists(path + ".starting"):
            return None  # started, still loading
        try:
            return _request_session(path, payload)
        except _Unavailable:
            pass
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        os.close(os.open(path + ".starting", os.O_WRONLY | os.O_CREAT, 0o600))  # the daemon removes it
        _spawn_daemon(directory, name, environ, owner)
        return None
    finally:
        os.close(lock)


def _wait_for_end(connection: _socket.socket) -> None:
    """Block until the daemon ends the session (EOF) or Terraform goes away."""
    parent = os.getppid()
    connection.settimeout(1.0)
    while True:
        try:
            if not connection.recv(4096):
                return
        except TimeoutError:
            if os.getppid() != parent:  # Terraform died without a Shutdown: end the session
                return
        except OSError:
            return


def run(build: str, version: str, scope: str = "user") -> int:
    """The launcher's entry point (``build``/``version`` are written into it by the install).

    ``scope`` ``user``: the per-user daemon (exits after the idle timeout); ``run``: a daemon of
    this Terraform process alone (our parent), which exits as soon as that process is gone."""
    environ = os.environ
    if environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        from metafinops_terraform.__main__ import main as serve  # prints what this program is, exits 1

        return serve()
    offered = environ.get("PLUGIN_PROTOCOL_VERSIONS", "")
    if offered and "6" not in offered.split(","):
        from metafinops_terraform.__main__ import main as serve

        return serve()
    signals: Any = __import__("_signal")  # `signal` would import enum (~3 ms)
    signals.signal(signals.SIGINT, signals.SIG_IGN)  # Terraform handles Ctrl-C (StopProvider)
    try:
        directory = runtime_directory(environ)
        name = f"d-{version}-{_identity(build, environ)}"
        owner = os.getppid() if scope == "run" else 0
        if owner:
            name += f"-t{owner}"
        if len(os.path.join(directory, name + ".sock")) > _SOCKET_PATH_LIMIT:
            raise OSError(f"runtime directory {directory} is too long for a unix socket path")
        payload = encode_environment(session_environment(environ))
        if owner:
            session = _connect_or_start(directory, name, payload, environ, owner)
            if session is None:  # the run's daemon is loading: this start serves in-process
                from metafinops_terraform.__main__ import main as serve

                return serve()
            connection, handshake = session
        else:
            connection, handshake = _connect(directory, name, payload, environ, owner)
    except Exception as problem:  # warm mode unavailable: serve in this process, as without --warm
        sys.stderr.write(f"metafinops provider: warm mode unavailable ({problem}); serving in-process\n")
        from metafinops_terraform.__main__ import main as serve

        return serve()
    sys.stdout.write(handshake + "\n")
    sys.stdout.flush()
    _wait_for_end(connection)
    connection.close()
    return 0
