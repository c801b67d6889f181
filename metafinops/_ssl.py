"""The TLS context of the SDK's own HTTP clients, with the CA bundle loaded on first use.

httpx builds a verifying context when a client is made: ``load_verify_locations`` over
certifi's ~150 CA certificates, 20-40 ms of CPU. Every ``Client()`` paid it — the Terraform
plugin once per process that calls the API, and every client talking plain http to a local
server, which never needs it. :class:`DeferredCAContext` is the same context (TLS client,
hostname checking, certificates required, the same CA source httpx would pick) whose
certificates are loaded under a lock right before its first TLS connection, by whichever
of ``wrap_socket`` (httpcore's sync path) or ``wrap_bio`` (anyio's) comes first. Nothing
connects through it unverified: the load happens before any handshake.
"""

from __future__ import annotations

import os
import ssl
import threading
from typing import Any

__all__ = ["DeferredCAContext", "default_ssl_context"]


class DeferredCAContext(ssl.SSLContext):
    """An ``ssl.create_default_context()`` equivalent that loads its CAs on the first handshake."""

    _ca_file: str | None
    _ca_path: str | None
    _ca_lock: threading.Lock
    _ca_loaded: bool

    def __new__(cls, ca_file: str | None = None, ca_path: str | None = None) -> DeferredCAContext:
        context = super().__new__(cls, ssl.PROTOCOL_TLS_CLIENT)  # check_hostname on, CERT_REQUIRED
        context._ca_file, context._ca_path = ca_file, ca_path
        context._ca_lock = threading.Lock()
        context._ca_loaded = False
        keylog = os.environ.get("SSLKEYLOGFILE")  # what ssl.create_default_context honours too
        if keylog and not context.keylog_filename:
            context.keylog_filename = keylog
        return context

    def __init__(self, ca_file: str | None = None, ca_path: str | None = None) -> None:
        pass  # everything happens in __new__ (SSLContext's own __init__ takes no arguments)

    def _load_ca(self) -> None:
        if self._ca_loaded:
            return
        with self._ca_lock:
            if not self._ca_loaded:
                self.load_verify_locations(cafile=self._ca_file, capath=self._ca_path)
                self._ca_loaded = True

    def wrap_socket(self, *args: Any, **kwargs: Any) -> Any:
        self._load_ca()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> Any:
        self._load_ca()
        return super().wrap_bio(*args, **kwargs)


def default_ssl_context() -> DeferredCAContext:
    """The CA source httpx uses by default: ``$SSL_CERT_FILE``, else ``$SSL_CERT_DIR``, else certifi."""
    if os.environ.get("SSL_CERT_FILE"):
        return DeferredCAContext(ca_file=os.environ["SSL_CERT_FILE"])
    if os.environ.get("SSL_CERT_DIR"):
        return DeferredCAContext(ca_path=os.environ["SSL_CERT_DIR"])
    import certifi

    return DeferredCAContext(ca_file=certifi.where())
