"""``pulumirpc.ResourceProvider`` for MetaFinOps: pulumirpc in, catalog calls, pulumirpc out.

Every method reads the same way: find the declaration, decode the request's Structs
(:mod:`._wire`), stop with check failures or a gRPC error, call the catalog
(:mod:`metafinops.catalog`), encode the answer. Validation, defaults, plans, semantic
equality and the SDK calls all live in the catalog; this module only translates.

Pulumi conventions this follows (and the engine relies on):

- ``Check`` returns the inputs with defaults; failures name the camelCase property path.
- ``Diff`` compares the prior *outputs* with the checked inputs, and reports replacements
  from the catalog's force-new attributes (never delete-before-replace).
- ``Create``/``Update`` with ``preview`` plan only: no API call, computed values unknown.
- ``Read`` with prior outputs refreshes; with the id alone it imports. A missing object is
  an empty id. Both return the inputs rebuilt from the state.
- Secrets: a property given as a secret comes back as one, and sensitive attributes
  (``apiKey``, a webhook ``secret``) always do.
"""

from __future__ import annotations

import json
import logging
import threading
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import wraps
from pathlib import Path as FilePath
from typing import TYPE_CHECKING, Any, TypeVar

import grpc

from metafinops import catalog
from metafinops.catalog import (
    PROVIDER_CONFIG,
    UNKNOWN,
    Attribute,
    DataSource,
    Diagnostic,
    Resource,
)
from pulumi_metafinops.plugin._naming import all_names, camel_case, pulumi_text
from pulumi_metafinops.plugin._rpc import empty_pb2, plugin_pb2, provider_pb2, provider_pb2_grpc, struct_pb2
from pulumi_metafinops.plugin._wire import (
    Decoded,
    UnsupportedValue,
    decode,
    encode,
    property_path,
    to_struct,
)

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["PACKAGE", "MetaFinOpsProvider", "resource_token"]

PACKAGE = "metafinops"
SCHEMA_PATH = FilePath(__file__).resolve().parent.parent / "schema.json"

RESERVED_CONFIG_KEYS = frozenset({"version", "pluginDownloadURL", "pluginChecksums", "parameter", "__internal"})
"""Keys the engine itself adds to a provider's inputs; passed through untouched."""

log = logging.getLogger("pulumi-resource-metafinops")

_Response = TypeVar("_Response")


def resource_token(resource: Resource) -> str:
    return f"{PACKAGE}:index:{resource.pulumi_name}"


def function_token(data_source: DataSource) -> str:
    return f"{PACKAGE}:index:{data_source.pulumi_name}"


class ProviderError(Exception):
    """Ends an RPC with a gRPC status and a message for the user."""

    def __init__(self, message: str, code: grpc.StatusCode = grpc.StatusCode.UNKNOWN) -> None:
        super().__init__(message)
        self.code = code


def _rpc(method: Callable[..., _Response]) -> Callable[..., _Response]:
    """Turns exceptions into gRPC errors: a message for the user, a traceback on stderr."""

    @wraps(method)
    def handler(self: MetaFinOpsProvider, request: Any, context: grpc.ServicerContext) -> _Response:
        try:
            return method(self, request, context)
        except ProviderError as error:
            code, message = error.code, str(error)
        except UnsupportedValue as error:
            code, message = grpc.StatusCode.INVALID_ARGUMENT, str(error)
        except Exception as error:  # a bug: say so, keep the details on stderr
            log.error("%s failed:\n%s", method.__name__, traceback.format_exc())
            code, message = grpc.StatusCode.INTERNAL, f"metafinops provider: {method.__name__} failed: {error!r}"
        context.abort(code, message)
        raise AssertionError("unreachable")  # context.abort raises

    return handler


def _inputs(attributes: Iterable[Attribute]) -> list[Attribute]:
    """Attributes a Pulumi program may set."""
    return [a for a in attributes if a.is_input]


def _outputs(attributes: Iterable[Attribute]) -> list[Attribute]:
    """Attributes returned as output properties (the id travels on its own)."""
    return [a for a in attributes if a.name != "id"]


class _Declaration:
    """A resource's or data source's attributes as Pulumi sees them."""

    def __init__(self, token: str, attributes: Sequence[Attribute]) -> None:
        self.token = token
        self.attributes = list(attributes)
        self.inputs = _inputs(self.attributes)
        self.outputs = _outputs(self.attributes)
        self.names = all_names(self.attributes)


class MetaFinOpsProvider(provider_pb2_grpc.ResourceProviderServicer):  # type: ignore[misc]
    """The MetaFinOps resource provider."""

    def __init__(self, *, engine_address: str | None = None, schema_path: FilePath = SCHEMA_PATH) -> None:
        self.engine_address = engine_address
        self._schema_path = schema_path
        # each resource as Pulumi sees it (its Pulumi projection: a webhook's `secret` is an input)
        self._resources = {resource_token(r): r.for_pulumi() for r in catalog.RESOURCES}
        self._functions = {function_token(d): d for d in catalog.DATA_SOURCES}
        self._declarations = {t: _Declaration(t, r.attributes) for t, r in self._resources.items()}
        for token, data_source in self._functions.items():
            self._declarations[token] = _Declaration(token, data_source.attributes)
        self._config_declaration = _Declaration(f"pulumi:providers:{PACKAGE}", PROVIDER_CONFIG.attributes)
        self._lock = threading.Lock()
        self._config: dict[str, Any] | None = None
        self._client: Client | None = None
        self.cancelled = threading.Event()

    # ------------------------------------------------------------------ plugin, schema

    @_rpc
    def GetPluginInfo(self, request: empty_pb2.Empty, context: grpc.ServicerContext) -> Any:
        return plugin_pb2.PluginInfo(version=catalog.PROVIDER_VERSION)

    @_rpc
    def GetSchema(self, request: Any, context: grpc.ServicerContext) -> Any:
        if request.subpackage_name:
            raise ProviderError(f"no subpackage {request.subpackage_name!r}", grpc.StatusCode.NOT_FOUND)
        return provider_pb2.GetSchemaResponse(schema=self._schema_path.read_text(encoding="utf-8"))

    @_rpc
    def Handshake(self, request: Any, context: grpc.ServicerContext) -> Any:
        self.engine_address = request.engine_address or self.engine_address
        return provider_pb2.ProviderHandshakeResponse(accept_secrets=True, accept_resources=False, accept_outputs=False)

    @_rpc
    def Attach(self, request: Any, context: grpc.ServicerContext) -> Any:
        # `PULUMI_DEBUG_PROVIDERS=metafinops:<port>`: the engine attaches to a running plugin
        self.engine_address = request.address
        return empty_pb2.Empty()

    @_rpc
    def Cancel(self, request: empty_pb2.Empty, context: grpc.ServicerContext) -> Any:
        log.info("cancel requested: no new API operations will start")
        self.cancelled.set()
        return empty_pb2.Empty()

    @_rpc
    def GetMapping(self, request: Any, context: grpc.ServicerContext) -> Any:
        return provider_pb2.GetMappingResponse(provider="", data=b"")  # no conversion mappings

    @_rpc
    def GetMappings(self, request: Any, context: grpc.ServicerContext) -> Any:
        return provider_pb2.GetMappingsResponse(providers=[])

    # ------------------------------------------------------------------ provider configuration

    def _decode_config(self, struct: struct_pb2.Struct) -> tuple[Decoded, dict[str, Any]]:
        """The configuration in catalog form, and the engine's own keys (kept as they came)."""
        own = {k: v for k, v in struct.fields.items() if k not in RESERVED_CONFIG_KEYS}
        reserved = {k: v for k, v in struct.fields.items() if k in RESERVED_CONFIG_KEYS}
        plain = struct_pb2.Struct()
        for key, value in own.items():
            plain.fields[key].CopyFrom(value)
        decoded = decode(plain, self._config_declaration.attributes)
        for attribute in self._config_declaration.attributes:
            decoded.values[attribute.name] = _coerce_config(attribute, decoded.values.get(attribute.name))
        return decoded, reserved

    @_rpc
    def CheckConfig(self, request: Any, context: grpc.ServicerContext) -> Any:
        decoded, reserved = self._decode_config(request.news)
        declaration = self._config_declaration
        failures = self._unsupported(declaration, decoded)
        diagnostics = catalog.validate(PROVIDER_CONFIG, decoded.values)
        if not catalog.contains_unknown(decoded.values.get("api_key")):
            diagnostics += catalog.configuration_problems(decoded.values)
        failures += [self._failure(declaration, d, config=True) for d in diagnostics if d.is_error]
        if failures:
            return provider_pb2.CheckResponse(inputs=request.news, failures=failures)
        checked = encode(declaration.attributes, decoded.values, decoded.secrets)
        for key, value in reserved.items():
            checked.fields[key].CopyFrom(value)
        return provider_pb2.CheckResponse(inputs=checked)

    @_rpc
    def DiffConfig(self, request: Any, context: grpc.ServicerContext) -> Any:
        olds, _ = self._decode_config(request.old_inputs if request.HasField("old_inputs") else request.olds)
        news, _ = self._decode_config(request.news)
        changed = [
            a
            for a in self._config_declaration.attributes
            if not catalog.equivalent(a.type, olds.values.get(a.name), news.values.get(a.name))
        ]
        # A provider's configuration changes in place: its resources are never replaced for it.
        return _diff_response(changed, set(), olds.values, news.values)

    @_rpc
    def Configure(self, request: Any, context: grpc.ServicerContext) -> Any:
        if request.HasField("args"):
            decoded, _ = self._decode_config(request.args)
        else:  # engines before `args`: `metafinops:config:apiKey` → string (JSON for non-strings)
            legacy = {key.rsplit(":", 1)[-1]: value for key, value in request.variables.items()}
            decoded, _ = self._decode_config(to_struct(legacy))
        with self._lock:
            self._config = decoded.values
            if self._client is not None:
                self._client.close()
            self._client = None
        return provider_pb2.ConfigureResponse(
            acceptSecrets=True, supportsPreview=True, acceptResources=False, acceptOutputs=False
        )

    def _api(self) -> Client:
        """The SDK client for the configuration (built, and the SDK imported, on first use)."""
        if self.cancelled.is_set():
            raise ProviderError("the operation was cancelled", grpc.StatusCode.CANCELLED)
        with self._lock:
            if self._client is None:
                config = self._config if self._config is not None else {}
                if catalog.contains_unknown(config):
                    raise ProviderError(
                        "the metafinops provider's configuration is not known yet; it depends on values "
                        "known only after apply",
                        grpc.StatusCode.FAILED_PRECONDITION,
                    )
                problems = catalog.configuration_problems(config)
                if problems:
                    raise ProviderError(self._config_message(problems), grpc.StatusCode.FAILED_PRECONDITION)
                self._client = catalog.make_client(config)
            return self._client

    def _config_message(self, diagnostics: Sequence[Diagnostic]) -> str:
        return "; ".join(self._failure(self._config_declaration, d, config=True).reason for d in diagnostics)

    # ------------------------------------------------------------------ resources

    def _resource(self, request: Any) -> tuple[Resource, _Declaration]:
        token = request.type or _type_from_urn(request.urn)
        resource = self._resources.get(token)
        if resource is None:
            raise ProviderError(f"unknown resource type {token!r}", grpc.StatusCode.NOT_FOUND)
        return resource, self._declarations[token]

    @_rpc
    def Check(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        news = decode(request.news, declaration.inputs)
        failures = self._unsupported(declaration, news)
        failures += [self._failure(declaration, d) for d in catalog.validate(resource, news.values) if d.is_error]
        if failures:
            return provider_pb2.CheckResponse(inputs=request.news, failures=failures)
        checked = catalog.apply_defaults(declaration.inputs, news.values)
        return provider_pb2.CheckResponse(inputs=encode(declaration.inputs, checked, news.secrets))

    @_rpc
    def Diff(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        prior = {**decode(request.olds, declaration.attributes).values, "id": request.id}
        news = decode(request.news, declaration.inputs)
        planned = catalog.plan(resource, prior, news.values)
        ignored = {_root_name(path) for path in request.ignoreChanges}
        changed = [resource.attribute(n) for n in planned.changed if camel_case(n) not in ignored]
        replaces = {str(path[0]) for path in planned.requires_replace}
        return _diff_response(changed, replaces, prior, planned.planned)

    @_rpc
    def Create(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        news = decode(request.properties, declaration.inputs)
        planned = catalog.plan(resource, None, news.values).planned
        if request.preview:
            return provider_pb2.CreateResponse(id="", properties=encode(declaration.outputs, planned, news.secrets))
        state = self._call(
            f"creating {resource.pulumi_name}",
            declaration,
            lambda client: catalog.lifecycle.create(resource, client, planned, news.values),
        )
        return provider_pb2.CreateResponse(
            id=str(state["id"]), properties=encode(declaration.outputs, state, news.secrets)
        )

    @_rpc
    def Read(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        olds = decode(request.properties, declaration.attributes)
        old_inputs = decode(request.inputs, declaration.inputs)
        secrets = olds.secrets | old_inputs.secrets
        prior = {k: v for k, v in olds.values.items() if v is not None}
        if prior:  # refresh
            state = self._call(
                f"reading {resource.pulumi_name} {request.id}",
                declaration,
                lambda client: catalog.lifecycle.read(resource, client, {**olds.values, "id": request.id}),
            )
            # the inputs the program set, now as the API has them (all of them if none were sent)
            kept = set(old_inputs.values) or {a.name for a in declaration.inputs}
        else:  # import, or `Resource.get`: the id is all there is
            state = self._call(
                f"importing {resource.pulumi_name} {request.id}",
                declaration,
                lambda client: catalog.lifecycle.import_state(resource, client, request.id),
            )
            kept = {a.name for a in declaration.inputs}
        if state is None:
            return provider_pb2.ReadResponse(id="")  # gone
        inputs = {name: state.get(name) for name in kept}
        return provider_pb2.ReadResponse(
            id=str(state.get("id") or request.id),
            properties=encode(declaration.outputs, state, secrets),
            inputs=encode(declaration.inputs, inputs, secrets),
        )

    @_rpc
    def Update(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        prior = {**decode(request.olds, declaration.attributes).values, "id": request.id}
        news = decode(request.news, declaration.inputs)
        planned = catalog.plan(resource, prior, news.values).planned
        if request.preview:
            return provider_pb2.UpdateResponse(properties=encode(declaration.outputs, planned, news.secrets))
        state = self._call(
            f"updating {resource.pulumi_name} {request.id}",
            declaration,
            lambda client: catalog.lifecycle.update(resource, client, prior, planned, news.values),
        )
        return provider_pb2.UpdateResponse(properties=encode(declaration.outputs, state, news.secrets))

    @_rpc
    def Delete(self, request: Any, context: grpc.ServicerContext) -> Any:
        resource, declaration = self._resource(request)
        state = {**decode(request.properties, declaration.attributes).values, "id": request.id}
        self._call(
            f"deleting {resource.pulumi_name} {request.id}",
            declaration,
            lambda client: catalog.lifecycle.delete(resource, client, state),
        )
        return empty_pb2.Empty()

    # ------------------------------------------------------------------ functions

    @_rpc
    def Invoke(self, request: Any, context: grpc.ServicerContext) -> Any:
        data_source = self._functions.get(request.tok)
        if data_source is None:
            raise ProviderError(f"unknown function {request.tok!r}", grpc.StatusCode.NOT_FOUND)
        declaration = self._declarations[request.tok]
        args = decode(request.args, declaration.inputs)
        failures = self._unsupported(declaration, args)
        failures += [self._failure(declaration, d) for d in catalog.validate(data_source, args.values) if d.is_error]
        if failures:
            return provider_pb2.InvokeResponse(failures=failures)
        if catalog.contains_unknown(args.values):  # a preview with arguments known only after apply
            result = {a.name: args.values.get(a.name, UNKNOWN) for a in declaration.attributes}
        else:
            result = self._call(
                f"reading {data_source.pulumi_name}",
                declaration,
                lambda client: data_source.read(client, args.values),
            )
        return provider_pb2.InvokeResponse(**{"return": encode(declaration.attributes, result, args.secrets)})

    # ------------------------------------------------------------------ helpers

    def _call(self, action: str, declaration: _Declaration, operation: Callable[[Client], _Response]) -> _Response:
        """Run one API operation; an SDK error becomes a message naming Pulumi properties."""
        client = self._api()
        try:
            return operation(client)
        except Exception as error:
            from metafinops import MetaFinOpsError  # the SDK is loaded by now

            if not isinstance(error, MetaFinOpsError):
                raise
            diagnostics = catalog.lifecycle.diagnostics_from_error(error, action=action)
            raise ProviderError("; ".join(self._message(declaration, d) for d in diagnostics)) from error

    def _message(self, declaration: _Declaration, diagnostic: Diagnostic) -> str:
        summary = f"{diagnostic.summary}: {diagnostic.detail}" if diagnostic.detail else diagnostic.summary
        text = pulumi_text(summary, declaration.names)
        if diagnostic.path:
            text += f" (property {property_path(declaration.attributes, diagnostic.path)})"
        return text

    def _unsupported(self, declaration: _Declaration, decoded: Decoded) -> list[Any]:
        return [
            provider_pb2.CheckFailure(
                property=path,
                reason=f"{path} is not a property of {declaration.token} here; expected one of: {', '.join(allowed)}",
            )
            for path, allowed in decoded.unsupported
        ]

    def _failure(self, declaration: _Declaration, diagnostic: Diagnostic, *, config: bool = False) -> Any:
        path = property_path(declaration.attributes, diagnostic.path)
        dotted = ".".join(str(p) for p in diagnostic.path)
        if dotted and diagnostic.detail.startswith(dotted + " "):
            reason = path + diagnostic.detail[len(dotted) :]  # "thresholds.0.percent must…", Pulumi-spelled
        elif diagnostic.detail:
            reason = f"{diagnostic.summary}: {diagnostic.detail}"
        else:
            reason = diagnostic.summary
        reason = pulumi_text(reason, declaration.names)
        if config and path:
            reason += f" (stack configuration `{PACKAGE}:{path}`)"
        return provider_pb2.CheckFailure(property=path, reason=reason)


def _diff_response(
    changed: Sequence[Attribute], replaces: set[str], olds: Mapping[str, Any], news: Mapping[str, Any]
) -> Any:
    kinds = provider_pb2.PropertyDiff
    detailed = {}
    for attribute in changed:
        old, new = olds.get(attribute.name), news.get(attribute.name)
        kind = kinds.ADD if old is None else kinds.DELETE if new is None else kinds.UPDATE
        if attribute.name in replaces:
            kind += 1  # ADD_REPLACE, DELETE_REPLACE, UPDATE_REPLACE follow their plain kinds
        detailed[camel_case(attribute.name)] = kinds(kind=kind, inputDiff=attribute.is_input)
    return provider_pb2.DiffResponse(
        changes=provider_pb2.DiffResponse.DIFF_SOME if changed else provider_pb2.DiffResponse.DIFF_NONE,
        diffs=[camel_case(a.name) for a in changed],
        replaces=[camel_case(a.name) for a in changed if a.name in replaces],
        deleteBeforeReplace=False,
        detailedDiff=detailed,
        hasDetailedDiff=True,
    )


def _coerce_config(attribute: Attribute, value: Any) -> Any:
    """Stack configuration arrives as strings (`pulumi config set metafinops:timeout 10`)."""
    if isinstance(value, str) and attribute.type.kind in ("number", "bool"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        if attribute.type.kind == "number" and isinstance(parsed, int | float) and not isinstance(parsed, bool):
            return parsed
        if attribute.type.kind == "bool" and isinstance(parsed, bool):
            return parsed
    return value


def _type_from_urn(urn: str) -> str:
    """``urn:pulumi:stack::project::parent$metafinops:index:Budget::name`` → ``metafinops:index:Budget``."""
    parts = urn.split("::")
    return parts[2].split("$")[-1] if len(parts) >= 4 else ""


def _root_name(path: str) -> str:
    """The top-level property of a Pulumi property path (``thresholds[0].percent`` → ``thresholds``)."""
    for index, char in enumerate(path):
        if char in ".[":
            return path[:index]
    return path
