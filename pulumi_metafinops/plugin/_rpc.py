"""The pulumirpc protobuf and gRPC modules, loaded without importing the ``pulumi`` SDK.

The stubs ship inside the ``pulumi`` package (``pulumi/runtime/proto``), but importing
them the ordinary way runs ``pulumi/__init__.py``, which pulls in the whole program-side
SDK (automation API, mocks, asyncio runtime): about 0.17 s the plugin never uses. The
generated modules only import each other relatively (``from . import plugin_pb2``) plus
``grpc`` and ``google.protobuf``, so they are loaded here as the submodules of a private
package whose search path is that directory. The protobuf runtime keys message classes by
descriptor, so the classes are the very ones ``pulumi.runtime.proto`` would give (a test
checks this) and the bytes on the wire are the engine's.

Should the layout of the ``pulumi`` package ever change, the ordinary import is used.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path
from typing import Any

__all__ = ["empty_pb2", "plugin_pb2", "provider_pb2", "provider_pb2_grpc", "struct_pb2"]

_PACKAGE = "pulumi_metafinops.plugin._pulumirpc"


def _load(name: str) -> Any:
    if _PACKAGE not in sys.modules:
        spec = importlib.util.find_spec("pulumi")
        proto_dir = Path(spec.origin).parent / "runtime" / "proto" if spec and spec.origin else None
        if proto_dir is None or not (proto_dir / f"{name}.py").is_file():
            return importlib.import_module(f"pulumi.runtime.proto.{name}")
        package = types.ModuleType(_PACKAGE, "pulumirpc stubs from the pulumi package (see _rpc.py)")
        package.__path__ = [str(proto_dir)]
        package.__package__ = _PACKAGE
        sys.modules[_PACKAGE] = package
    return importlib.import_module(f"{_PACKAGE}.{name}")


provider_pb2: Any = _load("provider_pb2")
provider_pb2_grpc: Any = _load("provider_pb2_grpc")
plugin_pb2: Any = _load("plugin_pb2")

from google.protobuf import empty_pb2, struct_pb2  # noqa: E402  (after the stubs that register them)
