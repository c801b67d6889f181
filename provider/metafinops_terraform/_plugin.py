"""The gRPC services a plugin process serves, registered without importing protobuf.

- ``tfplugin6.Provider``: each RPC is forwarded to :class:`metafinops_terraform.servicer.ProviderServicer`.
  The servicer, the generated message classes (protobuf's runtime costs ~25 ms to import)
  and the catalog load on the first RPC — after the handshake line is out.
- ``plugin.GRPCController/Shutdown`` (go-plugin): Terraform's "you may exit now". Without it
  the host waits two seconds per process and then kills it.
- ``plugin.GRPCStdio/StreamStdio`` (go-plugin): the host's mirror of the plugin's
  stdout/stderr. We write logs straight to stderr (which Terraform reads anyway), so the
  stream ends at once; go-plugin treats that end as "nothing to mirror".

Both go-plugin messages used here are empty, so they are (de)serialized as empty bytes;
``tests/terraform/test_plugin.py`` checks all of this against the generated stubs.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["PROVIDER_RPCS", "PROVIDER_STREAM_RPCS", "generic_handlers"]

_log = logging.getLogger("metafinops_terraform")

PROVIDER_RPCS = (
    "GetMetadata",
    "GetProviderSchema",
    "ValidateProviderConfig",
    "ValidateResourceConfig",
    "ValidateDataResourceConfig",
    "UpgradeResourceState",
    "GetResourceIdentitySchemas",
    "UpgradeResourceIdentity",
    "ConfigureProvider",
    "ReadResource",
    "PlanResourceChange",
    "ApplyResourceChange",
    "ImportResourceState",
    "ReadDataSource",
    "ValidateListResourceConfig",
    "StopProvider",
)
"""The unary RPCs of ``service Provider`` in provider/proto/tfplugin6.proto."""

PROVIDER_STREAM_RPCS = ("ListResource",)
"""Its server-streaming RPCs (one request, a stream of events)."""


class _LazyProvider:
    """Creates the real servicer (importing it) on the first RPC."""

    def __init__(self, factory: Callable[[], Any] | None = None) -> None:
        self._lock = threading.Lock()
        self._factory = factory
        self._servicer: Any = None

    def servicer(self) -> Any:
        with self._lock:
            if self._servicer is None:
                if self._factory is not None:
                    self._servicer = self._factory()
                else:
                    from metafinops_terraform.servicer import ProviderServicer

                    self._servicer = ProviderServicer()
            return self._servicer


def _request_parser(rpc: str) -> Callable[[bytes], Any]:
    def parse(data: bytes) -> Any:
        from metafinops_terraform.proto import tfplugin6_pb2

        return getattr(tfplugin6_pb2, rpc).Request.FromString(data)

    return parse


def _serialize(message: Any) -> bytes:
    data: bytes = message.SerializeToString()
    return data


def _provider_method(lazy: _LazyProvider, rpc: str) -> Callable[[Any, Any], Any]:
    def call(request: Any, context: Any) -> Any:
        return getattr(lazy.servicer(), rpc)(request, context)

    return call


def _empty(data: bytes) -> bytes:
    return data  # grpc takes a None request for a failed parse


def _no_bytes(message: Any) -> bytes:
    return b""


def _preload(lazy: _LazyProvider, after: threading.Event) -> None:
    after.wait()
    try:
        lazy.servicer()
    except Exception:  # the first RPC will load it again and report the error where it belongs
        _log.debug("preloading the provider failed", exc_info=True)


def generic_handlers(
    grpc: Any,
    shutdown: threading.Event,
    servicer_factory: Callable[[], Any] | None = None,
    *,
    preload_after: threading.Event | None = None,
) -> list[Any]:
    """Handlers for the three services; ``shutdown`` is set when the host asks us to exit.

    ``servicer_factory`` builds the provider servicer on the first RPC (default:
    ``ProviderServicer()``); the warm daemon gives each session its own.

    ``preload_after``: once that event is set (the handshake line is out), a background thread
    builds the servicer — protobuf, the stubs, the catalog — while Terraform is still opening
    its TLS connection, so the first RPC finds it loaded (or waits on the lock for the rest).
    """

    def shutdown_rpc(request: bytes, context: Any) -> bytes:
        _log.debug("shutdown requested by the host")
        shutdown.set()
        return b""

    def stream_stdio(request: bytes, context: Any) -> Iterator[Any]:
        return iter(())

    lazy = _LazyProvider(servicer_factory)
    if preload_after is not None:
        threading.Thread(target=_preload, args=(lazy, preload_after), name="preload", daemon=True).start()
    provider = {
        rpc: grpc.unary_unary_rpc_method_handler(
            _provider_method(lazy, rpc), request_deserializer=_request_parser(rpc), response_serializer=_serialize
        )
        for rpc in PROVIDER_RPCS
    }
    provider.update(
        {
            rpc: grpc.unary_stream_rpc_method_handler(
                _provider_method(lazy, rpc), request_deserializer=_request_parser(rpc), response_serializer=_serialize
            )
            for rpc in PROVIDER_STREAM_RPCS
        }
    )
    controller = {
        "Shutdown": grpc.unary_unary_rpc_method_handler(
            shutdown_rpc, request_deserializer=_empty, response_serializer=_no_bytes
        )
    }
    stdio = {
        "StreamStdio": grpc.unary_stream_rpc_method_handler(
            stream_stdio, request_deserializer=_empty, response_serializer=_no_bytes
        )
    }
    return [
        grpc.method_handlers_generic_handler("tfplugin6.Provider", provider),
        grpc.method_handlers_generic_handler("plugin.GRPCController", controller),
        grpc.method_handlers_generic_handler("plugin.GRPCStdio", stdio),
    ]
