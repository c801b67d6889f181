"""Per-process plugin figures for ``bench/terraform_bench.py``: off unless asked for.

With ``METAFINOPS_PROVIDER_STATS=<file>`` set, a plugin process counts its RPCs (per method,
with the seconds spent in them), notes when it printed its handshake and answered its first
RPC (measured from the kernel's start time of the process, so the interpreter's own start-up
and the ``sh`` launcher count), and appends one JSON line to that file when it exits. Without
the variable nothing is wrapped and nothing is written.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["STATS_ENV", "Stats", "from_environment"]

STATS_ENV = "METAFINOPS_PROVIDER_STATS"


def _seconds_since_process_start() -> float:
    """Now minus the process's start time (``/proc/self/stat``; 10 ms resolution on Linux)."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: starttime, after "pid (comm)"
        return time.clock_gettime(time.CLOCK_BOOTTIME) - started
    except (OSError, ValueError, IndexError, AttributeError):
        return 0.0


class Stats:
    """What one plugin process did; :meth:`interceptor` wraps its gRPC methods."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._origin = time.monotonic() - _seconds_since_process_start()
        self._lock = threading.Lock()
        self.handshake: float | None = None
        self.first_rpc: float | None = None
        self.first_rpc_method = ""
        self.calls: dict[str, int] = {}
        self.seconds: dict[str, float] = {}

    def now(self) -> float:
        return time.monotonic() - self._origin

    def mark_handshake(self) -> None:
        self.handshake = self.now()

    def _record(self, method: str, started: float) -> None:
        ended = time.monotonic()
        with self._lock:
            self.calls[method] = self.calls.get(method, 0) + 1
            self.seconds[method] = self.seconds.get(method, 0.0) + ended - started
            if self.first_rpc is None:
                self.first_rpc = ended - self._origin
                self.first_rpc_method = method

    def interceptor(self, grpc: Any) -> Any:
        stats = self

        def wrap_unary(method: str, behaviour: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
            def call(request: Any, context: Any) -> Any:
                started = time.monotonic()
                try:
                    return behaviour(request, context)
                finally:
                    stats._record(method, started)

            return call

        def wrap_stream(method: str, behaviour: Callable[[Any, Any], Iterator[Any]]) -> Callable[[Any, Any], Any]:
            def call(request: Any, context: Any) -> Iterator[Any]:
                started = time.monotonic()
                try:
                    yield from behaviour(request, context)
                finally:
                    stats._record(method, started)

            return call

        class Interceptor(grpc.ServerInterceptor):  # type: ignore[misc]
            def intercept_service(self, continuation: Any, details: Any) -> Any:
                handler = continuation(details)
                method = details.method.rsplit("/", 1)[-1]
                if handler is None:
                    return None
                if handler.unary_unary is not None:
                    return grpc.unary_unary_rpc_method_handler(
                        wrap_unary(method, handler.unary_unary),
                        request_deserializer=handler.request_deserializer,
                        response_serializer=handler.response_serializer,
                    )
                if handler.unary_stream is not None:
                    return grpc.unary_stream_rpc_method_handler(
                        wrap_stream(method, handler.unary_stream),
                        request_deserializer=handler.request_deserializer,
                        response_serializer=handler.response_serializer,
                    )
                return handler

        return Interceptor()

    def write(self) -> None:
        """Append this process's line to the stats file (one ``write``: lines never interleave)."""
        import json

        times = os.times()
        line = json.dumps(
            {
                "pid": os.getpid(),
                "handshake_s": self.handshake,
                "first_rpc_s": self.first_rpc,
                "first_rpc_method": self.first_rpc_method,
                "exit_s": self.now(),
                "cpu_s": times.user + times.system,
                "calls": self.calls,
                "rpc_s": {k: round(v, 6) for k, v in self.seconds.items()},
            }
        )
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, (line + "\n").encode())
        finally:
            os.close(descriptor)


def from_environment() -> Stats | None:
    path = os.environ.get(STATS_ENV)
    return Stats(path) if path else None
