"""Run ``pulumi-resource-metafinops`` the way the Pulumi engine does, and speak pulumirpc to it.

The engine starts ``pulumi-resource-<name> <engine address>``, reads the port from the
first line of stdout and dials 127.0.0.1:<port>. :func:`running_plugin` does exactly that
(every wait bounded) and hands back a :class:`Plugin` with the gRPC stub.

Values are built and read here with the raw wire conventions (camelCase keys, the secret
signature, the unknown sentinel) written out independently of the plugin's own
``_wire`` module, so the tests check the plugin against the protocol, not against itself.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, struct_pb2
from google.protobuf.json_format import MessageToDict
from pulumi.runtime.proto import provider_pb2, provider_pb2_grpc

__all__ = [
    "PLUGIN",
    "SECRET",
    "UNKNOWN",
    "Plugin",
    "is_secret",
    "plain",
    "reveal",
    "running_plugin",
    "secret",
    "struct",
]

PLUGIN = Path(sys.executable).with_name("pulumi-resource-metafinops")
"""The console script, next to the interpreter, as ``pip install`` puts it."""

SIG = "4dabf18193072939515e22adb298388d"
SECRET = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"

START_TIMEOUT = 20.0
RPC_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0

ENGINE_ADDRESS = "127.0.0.1:1"
"""Stands for the engine's own gRPC address: the plugin takes it but never dials it."""


def secret(value: Any) -> dict[str, Any]:
    return {SIG: SECRET, "value": value}


def is_secret(value: Any) -> bool:
    return isinstance(value, dict) and value.get(SIG) == SECRET


def reveal(value: Any) -> Any:
    """The value inside a secret (or the value itself)."""
    return value["value"] if is_secret(value) else value


def struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(dict(values))
    return message


def plain(message: struct_pb2.Struct) -> dict[str, Any]:
    """A Struct as a dict; numbers stay floats, secrets stay wrapped."""
    result: dict[str, Any] = MessageToDict(message)
    return result


@dataclass
class Plugin:
    process: subprocess.Popen[str]
    port: int
    stub: Any
    stderr_path: Path
    calls: list[str] = field(default_factory=list)

    def call(self, method: str, request: Any) -> Any:
        self.calls.append(method)
        return getattr(self.stub, method)(request, timeout=RPC_TIMEOUT)

    # shorthands for the engine's requests -------------------------------------------

    def configure(self, api_key: str, base_url: str, **extra: Any) -> Any:
        args = struct({"apiKey": secret(api_key), "baseUrl": base_url, **extra})
        checked = self.call("CheckConfig", provider_pb2.CheckRequest(urn=provider_urn(), news=args))
        assert not checked.failures, checked.failures
        return self.call(
            "Configure",
            provider_pb2.ConfigureRequest(args=checked.inputs, acceptSecrets=True, acceptResources=True),
        )

    def check(self, token: str, news: Mapping[str, Any], olds: Mapping[str, Any] | None = None) -> Any:
        return self.call(
            "Check",
            provider_pb2.CheckRequest(urn=urn(token), type=token, name="r", news=struct(news), olds=struct(olds or {})),
        )

    def checked(self, token: str, news: Mapping[str, Any]) -> struct_pb2.Struct:
        response = self.check(token, news)
        assert not response.failures, [(f.property, f.reason) for f in response.failures]
        inputs: struct_pb2.Struct = response.inputs
        return inputs

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")


def urn(token: str, name: str = "r") -> str:
    return f"urn:pulumi:test::pulumi-tests::{token}::{name}"


def provider_urn() -> str:
    return "urn:pulumi:test::pulumi-tests::pulumi:providers:metafinops::default"


def _read_port(process: subprocess.Popen[str], deadline: float) -> int:
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    try:
        while time.monotonic() < deadline:
            if selector.select(timeout=0.1):
                line = process.stdout.readline()
                if not line:
                    break
                return int(line.strip())
            if process.poll() is not None:
                break
    finally:
        selector.close()
    raise RuntimeError("the plugin did not print its port")


@contextmanager
def running_plugin(
    workdir: Path, env: Mapping[str, str] | None = None, flags: tuple[str, ...] = ()
) -> Iterator[Plugin]:
    """``pulumi-resource-metafinops [FLAGS] ENGINE_ADDRESS``, its port read from stdout, a stub on it."""
    stderr_path = workdir / "plugin.err"
    process_env = {k: v for k, v in os.environ.items() if not k.startswith("METAFINOPS_")}
    process_env.update(env or {})
    with stderr_path.open("w") as stderr:
        process = subprocess.Popen(
            [str(PLUGIN), *flags, ENGINE_ADDRESS],
            stdout=subprocess.PIPE,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            text=True,
            env=process_env,
            cwd=workdir,
        )
    channel: grpc.Channel | None = None
    try:
        port = _read_port(process, time.monotonic() + START_TIMEOUT)
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(channel).result(timeout=START_TIMEOUT)
        stub = provider_pb2_grpc.ResourceProviderStub(channel)
        yield Plugin(process=process, port=port, stub=stub, stderr_path=stderr_path)
    finally:
        if channel is not None:
            channel.close()
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT)
        if process.stdout is not None:
            process.stdout.close()


def empty() -> empty_pb2.Empty:
    return empty_pb2.Empty()
