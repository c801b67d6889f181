"""Process start of ``terraform-provider-metafinops``: cookie, TLS, gRPC server, handshake.

Terraform (through go-plugin) starts the plugin with ``TF_PLUGIN_MAGIC_COOKIE`` set, reads
one line from its stdout —

    1|6|unix|<socket path>|grpc|<base64 DER certificate, no padding>

— and then speaks gRPC over TLS on that socket. Nothing else may ever reach stdout, so
once the line is written stdout is pointed at stderr.

Terraform starts the plugin several times per command, so the time to that line is user
latency (target: median <= 50 ms, ``bench/handshake.py``). Before it we import only grpc
and the TLS identity (:mod:`metafinops_terraform._tls`); protobuf, the generated stubs and the
catalog load in a background thread once the line is out, while Terraform connects
(:mod:`metafinops_terraform._plugin`), and the SDK (httpx, pydantic) on the first API call.
"""

from __future__ import annotations

import os
import signal
import sys
import threading

__all__ = ["main"]

MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE"
MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
CORE_PROTOCOL_VERSION = 1
APP_PROTOCOL_VERSION = 6
MAX_WORKERS = 16  # Terraform runs up to 10 operations at once, plus its own housekeeping RPCs
MAX_MESSAGE_BYTES = 256 * 1024 * 1024
SHUTDOWN_GRACE_SECONDS = 2.0
PYDANTIC_PLUGINS_ENV = "PYDANTIC_DISABLE_PLUGINS"

_NOT_A_COMMAND = """\
terraform-provider-metafinops is a Terraform plugin: Terraform starts it, it is not meant
to be run by hand.

Install it where Terraform finds it with

    metafinops provider install

and use it from a configuration with

    terraform {
      required_providers {
        metafinops = { source = "metafinops/metafinops", version = "~> 1.0" }
      }
    }
"""


def _private_directory() -> str:
    """A fresh 0700 directory for the socket (``tempfile`` would cost a few ms of imports)."""
    base = os.environ.get("TMPDIR") or "/tmp"
    for _ in range(100):
        path = os.path.join(base, f"tf-metafinops-{os.getpid()}-{os.urandom(4).hex()}")
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue
    raise OSError(f"cannot create a private directory in {base}")


def _protocol_supported() -> bool:
    offered = os.environ.get("PLUGIN_PROTOCOL_VERSIONS", "")
    return not offered or str(APP_PROTOCOL_VERSION) in offered.split(",")


def main() -> int:
    if os.environ.get(MAGIC_COOKIE_KEY) != MAGIC_COOKIE_VALUE:
        sys.stderr.write(_NOT_A_COMMAND)
        return 1
    if not _protocol_supported():
        sys.stderr.write(
            f"terraform-provider-metafinops speaks plugin protocol {APP_PROTOCOL_VERSION}; this Terraform offers "
            f"{os.environ.get('PLUGIN_PROTOCOL_VERSIONS')}. Use Terraform 1.0 or later.\n"
        )
        return 1
    # Ctrl-C reaches the whole process group; Terraform handles it and tells us (StopProvider).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # pydantic looks for third-party plugins (importlib.metadata over every installed
    # distribution, ~10 ms) before building its first model; none belongs in this process.
    os.environ.setdefault(PYDANTIC_PLUGINS_ENV, "__all__")

    from metafinops_terraform._log import configure_logging
    from metafinops_terraform._tls import generate_identity

    log = configure_logging()
    identity = generate_identity()

    from concurrent.futures import ThreadPoolExecutor

    import grpc

    from metafinops_terraform._plugin import generic_handlers
    from metafinops_terraform._stats import from_environment

    stats = from_environment()  # bench/terraform_bench.py's figures; None unless asked for
    shutdown = threading.Event()
    handshake_sent = threading.Event()
    signal.signal(signal.SIGTERM, lambda signum, frame: shutdown.set())

    socket_dir = _private_directory()
    socket_path = os.path.join(socket_dir, "plugin.sock")
    server = grpc.server(
        ThreadPoolExecutor(max_workers=MAX_WORKERS, thread_name_prefix="rpc"),
        handlers=generic_handlers(grpc, shutdown, preload_after=handshake_sent),
        interceptors=[stats.interceptor(grpc)] if stats else None,
        options=[
            ("grpc.max_receive_message_length", MAX_MESSAGE_BYTES),
            ("grpc.max_send_message_length", MAX_MESSAGE_BYTES),
        ],
    )
    credentials = grpc.ssl_server_credentials([(identity.private_key_pem, identity.certificate_pem)])
    server.add_secure_port(f"unix:{socket_path}", credentials)
    server.start()

    handshake = (
        f"{CORE_PROTOCOL_VERSION}|{APP_PROTOCOL_VERSION}|unix|{socket_path}|grpc|{identity.handshake_certificate}\n"
    )
    sys.stdout.write(handshake)
    sys.stdout.flush()
    handshake_sent.set()
    if stats:
        stats.mark_handshake()
    # From here on stdout belongs to the protocol: anything printed by accident goes to stderr.
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    log.debug("serving", extra={"fields": {"socket": socket_path, "pid": os.getpid()}})

    parent = os.getppid()
    try:
        # Until Terraform says Shutdown (or SIGTERM); should Terraform die without saying so,
        # we notice that our parent changed and leave too.
        while not shutdown.wait(timeout=1.0):
            if os.getppid() != parent:
                log.warning("Terraform went away without shutting the plugin down; exiting")
                break
        server.stop(grace=SHUTDOWN_GRACE_SECONDS).wait(SHUTDOWN_GRACE_SECONDS + 1)
    finally:
        try:
            os.unlink(socket_path)
        except OSError:
            pass
        try:
            os.rmdir(socket_dir)
        except OSError:
            pass
    log.debug("stopped")
    if stats:
        stats.write()
    sys.stderr.flush()
    # Worker threads may still sit in a slow HTTP call; the host is done with us, so leave now.
    os._exit(0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
