"""A stand-in for the Pulumi engine, for running Pulumi programs in tests.

The Pulumi CLI (and with it the engine) cannot be installed here. ``pulumi.runtime.set_mocks``
runs a Python program in-process; the :class:`EngineStandIn` passed to it as ``monitor=``
receives the program's raw ``RegisterResource`` and ``Invoke`` requests and does with them
what the engine's step generator does, by calling the **real** ``pulumi-resource-metafinops``
over gRPC:

- the default provider: ``CheckConfig`` then ``Configure`` with the stack's ``metafinops:*``
  configuration (secrets marked, ``version`` added as the engine adds it);
- each resource: ``Check``, then ``Create`` if the state has none, else ``Diff`` and
  ``Update`` or (on ``replaces``) create-then-delete, or nothing;
- ``Invoke`` for functions;
- after the program (:meth:`EngineStandIn.finish`): ``Delete`` for what the state holds and
  the program no longer registered, newest first.

The state is a plain dict kept by the test between runs, as the engine keeps a stack's
state between ``pulumi up``s (minus encryption, checkpoints and planning order).
"""

from __future__ import annotations

import ast
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
from _pulumi_plugin import SECRET, SIG, Plugin
from google.protobuf import struct_pb2
from pulumi.runtime.mocks import MockCallArgs, MockMonitor, MockResourceArgs, Mocks, set_mocks
from pulumi.runtime.proto import provider_pb2, resource_pb2
from pulumi.runtime.settings import get_root_resource, reset_options
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

__all__ = ["EngineStandIn", "Resource", "run_program", "without_resource"]

PACKAGE = "metafinops"


@dataclass
class Resource:
    """One resource in the stand-in's state: what the engine's checkpoint keeps."""

    token: str
    id: str
    outputs: struct_pb2.Struct
    inputs: struct_pb2.Struct


class _NoMocks(Mocks):
    """Nothing is mocked: every request goes to the plugin."""

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise AssertionError(f"unexpected mock call {args.token}")

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        raise AssertionError(f"unexpected mock resource {args.typ}")


@dataclass
class EngineStandIn(MockMonitor):
    plugin: Plugin
    state: dict[str, Resource]
    config: Mapping[str, str]
    secret_keys: Sequence[str] = ()
    preview: bool = False
    registered: list[str] = field(default_factory=list)
    operations: list[tuple[str, str]] = field(default_factory=list)
    """(what happened, urn): ``create``, ``update``, ``replace``, ``same``, ``delete``."""

    def __post_init__(self) -> None:
        super().__init__(_NoMocks())
        self._lock = threading.Lock()
        self._configured = False

    # ------------------------------------------------------------------ the default provider

    def _configure(self) -> None:
        if self._configured:
            return
        news: dict[str, Any] = {"version": "1.0.0"}
        for key, value in self.config.items():
            package, _, name = key.partition(":")
            if package == PACKAGE:
                news[name] = {SIG: SECRET, "value": value} if key in self.secret_keys else value
        request = struct_pb2.Struct()
        request.update(news)
        urn = self.make_urn("", f"pulumi:providers:{PACKAGE}", "default_1_0_0")
        checked = self.plugin.call("CheckConfig", provider_pb2.CheckRequest(urn=urn, news=request))
        if checked.failures:
            raise RuntimeError(_failures(urn, checked.failures))
        self.plugin.call(
            "Configure",
            provider_pb2.ConfigureRequest(args=checked.inputs, acceptSecrets=True, acceptResources=True),
        )
        self._configured = True

    # ------------------------------------------------------------------ the monitor's RPCs

    def RegisterResource(self, request: Any) -> Any:
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == "pulumi:pulumi:Stack" or not request.custom:
            return resource_pb2.RegisterResourceResponse(urn=urn)
        if request.type.startswith("pulumi:providers:"):
            raise NotImplementedError("explicit providers are not emulated")
        with self._lock:
            self._configure()
            self.registered.append(urn)
            prior = self.state.get(urn)
        token = request.type
        checked = self.plugin.call(
            "Check",
            provider_pb2.CheckRequest(
                urn=urn, type=token, name=request.name, olds=prior.inputs if prior else None, news=request.object
            ),
        )
        if checked.failures:
            raise RuntimeError(_failures(urn, checked.failures))
        inputs = checked.inputs
        if prior is None:
            resource = self._create(urn, token, request.name, inputs)
            self._record("create", urn, resource)
        else:
            diff = self.plugin.call(
                "Diff",
                provider_pb2.DiffRequest(
                    id=prior.id,
                    urn=urn,
                    type=token,
                    name=request.name,
                    olds=prior.outputs,
                    news=inputs,
                    old_inputs=prior.inputs,
                ),
            )
            if diff.changes != provider_pb2.DiffResponse.DIFF_SOME:
                resource = Resource(token, prior.id, prior.outputs, inputs)
                self._record("same", urn, resource)
            elif diff.replaces:
                resource = self._create(urn, token, request.name, inputs)
                if not self.preview:
                    self._delete(urn, prior)
                self._record("replace", urn, resource)
            else:
                updated = self.plugin.call(
                    "Update",
                    provider_pb2.UpdateRequest(
                        id=prior.id,
                        urn=urn,
                        type=token,
                        name=request.name,
                        olds=prior.outputs,
                        news=inputs,
                        old_inputs=prior.inputs,
                        preview=self.preview,
                    ),
                )
                resource = Resource(token, prior.id, updated.properties, inputs)
                self._record("update", urn, resource)
        return resource_pb2.RegisterResourceResponse(urn=urn, id=resource.id, object=resource.outputs)

    def Invoke(self, request: Any) -> Any:
        if request.tok.startswith("pulumi:"):
            return super().Invoke(request)  # type: ignore[no-untyped-call]
        with self._lock:
            self._configure()
        response = self.plugin.call(
            "Invoke", provider_pb2.InvokeRequest(tok=request.tok, args=request.args, preview=self.preview)
        )
        result = getattr(response, "return")  # a Python keyword
        return resource_pb2.ResourceInvokeResponse(failures=response.failures, **{"return": result})

    # ------------------------------------------------------------------ steps

    def _create(self, urn: str, token: str, name: str, inputs: struct_pb2.Struct) -> Resource:
        created = self.plugin.call(
            "Create",
            provider_pb2.CreateRequest(urn=urn, type=token, name=name, properties=inputs, preview=self.preview),
        )
        return Resource(token, created.id, created.properties, inputs)

    def _delete(self, urn: str, resource: Resource) -> None:
        self.plugin.call(
            "Delete",
            provider_pb2.DeleteRequest(
                id=resource.id, urn=urn, type=resource.token, properties=resource.outputs, old_inputs=resource.inputs
            ),
        )

    def _record(self, operation: str, urn: str, resource: Resource) -> None:
        with self._lock:
            self.operations.append((operation, urn))
            if not self.preview:
                self.state[urn] = resource

    def finish(self) -> None:
        """Delete what the program no longer registers, newest first (as `pulumi up` does)."""
        if self.preview:
            return
        for urn in reversed(list(self.state)):
            if urn not in self.registered:
                self._delete(urn, self.state.pop(urn))
                self.operations.append(("delete", urn))

    def destroy(self) -> None:
        """``pulumi destroy``: everything in the state, newest first."""
        self.registered.clear()
        self.finish()


def _failures(urn: str, failures: Sequence[Any]) -> str:
    return "\n".join(f"{urn} has a problem: {f.reason} (property {f.property})" for f in failures)


def run_program(
    source: str,
    engine: EngineStandIn,
    *,
    project: str,
    stack: str = "test",
    path: Path | None = None,
) -> dict[str, tuple[Any, bool]]:
    """Run a Pulumi program against ``engine``; its stack outputs as ``{name: (value, is_secret)}``."""
    reset_options(project=project, stack=stack, preview=engine.preview)
    pulumi.runtime.set_all_config(dict(engine.config), list(engine.secret_keys))
    set_mocks(_NoMocks(), project=project, stack=stack, preview=engine.preview, monitor=engine)
    code = compile(source, str(path or "<program>"), "exec")
    namespace = {"__name__": "__main__", "__file__": str(path or "<program>")}
    _sync_await(run_pulumi_func(lambda: exec(code, namespace)))  # the program under test
    engine.finish()
    root = get_root_resource()
    exports: dict[str, tuple[Any, bool]] = {}
    for name, value in getattr(root, "outputs", {}).items():
        output = pulumi.Output.from_input(value)
        exports[name] = (_sync_await(output.future()), bool(_sync_await(output.is_secret())))
    return exports


def without_resource(source: str, class_name: str) -> str:
    """``source`` minus the statement creating a ``class_name`` and every statement using it."""
    tree = ast.parse(source)
    removed: set[str] = set()
    kept: list[ast.stmt] = []
    for node in tree.body:
        value = getattr(node, "value", None)
        creates = isinstance(value, ast.Call) and ast.unparse(value.func).endswith(class_name)
        if isinstance(node, ast.Assign) and creates:
            removed |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            continue
        if any(isinstance(n, ast.Name) and n.id in removed for n in ast.walk(node)):
            continue
        kept.append(node)
    assert removed, f"no {class_name} in the program"
    tree.body = kept
    return ast.unparse(tree)
