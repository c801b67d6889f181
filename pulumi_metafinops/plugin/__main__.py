"""Entry point of ``pulumi-resource-metafinops``.

The engine runs ``pulumi-resource-metafinops [--logtostderr] [-v=N] [--tracing URL] ENGINE_ADDRESS``
and waits for one line on stdout: the port the plugin's gRPC server listens on
(127.0.0.1). Everything else the process writes goes to stderr, which the engine keeps in
its logs (`pulumi up -v=9 --logtostderr --logflow`). Run by hand with no engine address,
for `PULUMI_DEBUG_PROVIDERS=metafinops:<port>`.

The process ends on SIGINT/SIGTERM, or when the engine that started it goes away.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent import futures
from dataclasses import dataclass
from types import FrameType

__all__ = ["main"]

MAX_MESSAGE_BYTES = 400 * 1024 * 1024
"""The engine's own limit for pulumirpc messages."""

WORKERS = 16
"""Concurrent RPCs; the engine runs up to `--parallel` operations at once."""

PARENT_POLL_SECONDS = 1.0


@dataclass
class Arguments:
    engine_address: str | None = None
    verbosity: int = 0


def parse_arguments(argv: Sequence[str]) -> Arguments:
    """The engine address (first positional argument) and the ``-v=N`` log level; the rest is ignored."""
    arguments = Arguments()
    skip_next = False
    for arg in argv:
        if skip_next:
            skip_next = False
        elif arg in ("--tracing", "--root", "--pwd"):
            skip_next = True  # flags that take a separate value
        elif arg.startswith("-v"):
            level = arg[2:].lstrip("=")
            arguments.verbosity = int(level) if level.isdigit() else 1
        elif not arg.startswith("-") and arguments.engine_address is None:
            arguments.engine_address = arg
    return arguments


def main(argv: Sequence[str] | None = None) -> None:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    # who started us, read before the port is printed: the engine may exit right after reading it
    parent = os.getppid()
    # stdout carries the port and nothing else: anything printed later goes to stderr
    port_channel = sys.stdout
    sys.stdout = sys.stderr
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if arguments.verbosity >= 9 else logging.INFO if arguments.verbosity else logging.WARNING,
        format="pulumi-resource-metafinops: %(levelname)s %(message)s",
    )

    import grpc

    from pulumi_metafinops.plugin._provider import MetaFinOpsProvider
    from pulumi_metafinops.plugin._rpc import provider_pb2_grpc

    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="pulumirpc"),
        options=[("grpc.max_receive_message_length", MAX_MESSAGE_BYTES)],
    )
    provider_pb2_grpc.add_ResourceProviderServicer_to_server(
        MetaFinOpsProvider(engine_address=arguments.engine_address), server
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    port_channel.write(f"{port}\n")
    port_channel.flush()

    stopped = threading.Event()

    def stop(signum: int | None = None, frame: FrameType | None = None) -> None:
        stopped.set()
        server.stop(grace=2)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    if arguments.engine_address is not None:
        threading.Thread(target=_stop_when_orphaned, args=(parent, stop, stopped), daemon=True).start()
    server.wait_for_termination()


def _stop_when_orphaned(parent: int, stop: Callable[[], None], stopped: threading.Event) -> None:
    """The engine started us: when it dies without stopping us, we are re-parented; then stop."""
    while not stopped.wait(PARENT_POLL_SECONDS):
        if os.getppid() != parent:
            logging.getLogger("pulumi-resource-metafinops").warning("the Pulumi engine went away; stopping")
            stop()
            return


if __name__ == "__main__":
    main()
