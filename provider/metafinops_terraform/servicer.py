"""The ``tfplugin6.Provider`` service: each RPC decodes, calls the catalog, encodes.

Every method reads the same way: decode the request's values with the catalog's types →
stop on error diagnostics → call the catalog (validate / plan / lifecycle) → encode the
answer. Resource behaviour lives in :mod:`metafinops.catalog`; what is here is protocol:

- ``PlanResourceChange``: a destroy plans null; the private bytes are passed through.
- ``ApplyResourceChange``: write-only values come from ``config`` (plans never hold them);
  when an update or delete fails, the prior state is returned so nothing is lost, and a
  failed create returns null.
- ``ReadResource``: an object gone from the API returns null, so Terraform plans a create.
- Write-only attributes are refused in validation when Terraform did not announce that it
  supports them (< 1.11), as terraform-plugin-framework does.
- Resource identity (Terraform 1.12+): every answer that carries an object's state also
  carries its identity (the catalog's ``Resource.identity``) once that is wholly known;
  ``ImportResourceState`` accepts an identity instead of an id. ``ListResource`` (1.14+,
  ``terraform query``) streams one event per object. Terraform before 1.12 neither sends
  nor reads these fields and RPCs, so nothing is negotiated beyond protocol 6.

RPCs run concurrently (Terraform issues up to 10 at a time); the only shared state is the
provider configuration, written once by ``ConfigureProvider``, and the SDK client built
from it on first use under a lock. Log lines carry request metadata only; diagnostics pass
through a :class:`~provider.diagnostics.Redactor` that knows the API key and every
sensitive value seen.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from metafinops import catalog
from metafinops.catalog import PROVIDER_CONFIG, UNKNOWN, Attribute, DataSource, Diagnostic, Resource
from metafinops_terraform import codec
from metafinops_terraform.diagnostics import Redactor, attribute_path, error, to_proto
from metafinops_terraform.proto import tfplugin6_pb2 as pb
from metafinops_terraform.proto import tfplugin6_pb2_grpc
from metafinops_terraform.schema import (
    data_source_schema,
    identity_schema,
    list_resource_schema,
    provider_schema,
    resource_schema,
    terraform_attributes,
)

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["ProviderServicer"]

_log = logging.getLogger("metafinops_terraform")

_Response = TypeVar("_Response")

_CAPABILITIES = pb.ServerCapabilities(plan_destroy=False, get_provider_schema_optional=True)


def _unknown_to_none(values: Mapping[str, Any] | None) -> dict[str, Any]:
    return {k: (None if v is UNKNOWN else v) for k, v in (values or {}).items()}


def _has_errors(diagnostics: Sequence[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


class _UserError(Exception):
    """A problem reported to the user as one error diagnostic (unknown type, not configured…)."""

    def __init__(self, summary: str, detail: str = "") -> None:
        super().__init__(summary)
        self.summary = summary
        self.detail = detail


def _rpc(
    response_type: Callable[..., _Response], diagnostics_field: str = "diagnostics"
) -> Callable[[Callable[..., _Response]], Callable[..., _Response]]:
    """Logs the call (name, type, duration) and turns an escaped exception into an error diagnostic."""

    def decorate(method: Callable[..., _Response]) -> Callable[..., _Response]:
        name = method.__name__

        def wrapper(self: ProviderServicer, request: Any, context: Any) -> _Response:
            started = time.perf_counter()
            type_name = getattr(request, "type_name", "")
            try:
                return method(self, request, context)
            except _UserError as problem:
                return response_type(**{diagnostics_field: [error(problem.summary, self.redact(problem.detail))]})
            except Exception as unexpected:  # a bug: report it instead of killing the RPC
                _log.error(
                    "unexpected error",
                    extra={"fields": {"rpc": name, "type": type_name, "error": type(unexpected).__name__}},
                )
                detail = self.redact(f"{type(unexpected).__name__}: {unexpected}")
                return response_type(
                    **{diagnostics_field: [error("Internal error in the MetaFinOps provider", detail)]}
                )
            finally:
                _log.debug(
                    "rpc done",
                    extra={
                        "fields": {
                            "rpc": name,
                            "type": type_name,
                            "ms": round((time.perf_counter() - started) * 1000, 1),
                        }
                    },
                )

        wrapper.__name__ = name
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorate


class ProviderServicer(tfplugin6_pb2_grpc.ProviderServicer):
    def __init__(self, environment: Mapping[str, str] | None = None) -> None:
        """``environment``: where ``METAFINOPS_API_KEY`` / ``METAFINOPS_BASE_URL`` fallbacks come
        from (default ``os.environ``); the warm daemon passes each Terraform run's own."""
        self._environment = environment
        self.redact = Redactor()
        self._config: dict[str, Any] | None = None
        self._client: Client | None = None
        self._client_lock = threading.Lock()
        self._schema_response: pb.GetProviderSchema.Response | None = None

    # ------------------------------------------------------------------ helpers

    def _resource(self, type_name: str) -> tuple[Resource, tuple[Attribute, ...]]:
        try:
            resource = catalog.resource(type_name).for_terraform()
        except KeyError:
            raise _UserError(f"Unknown resource type {type_name}", "This provider does not declare it.") from None
        return resource, resource.attributes

    def _data_source(self, type_name: str) -> tuple[DataSource, tuple[Attribute, ...]]:
        try:
            data_source = catalog.data_source(type_name)
        except KeyError:
            raise _UserError(f"Unknown data source {type_name}", "This provider does not declare it.") from None
        return data_source, terraform_attributes(data_source)

    def _decode(self, attributes: Sequence[Attribute], value: pb.DynamicValue) -> dict[str, Any] | None:
        decoded = (
            codec.decode_json(attributes, value.json) if value.json else codec.decode_msgpack(attributes, value.msgpack)
        )
        self.redact.add_sensitive(attributes, decoded)
        return decoded

    def _encode(self, attributes: Sequence[Attribute], value: Mapping[str, Any] | None) -> pb.DynamicValue:
        self.redact.add_sensitive(attributes, value)
        return pb.DynamicValue(msgpack=codec.encode_msgpack(attributes, value))

    def _diagnostics(self, diagnostics: Sequence[Diagnostic], attributes: Sequence[Attribute]) -> list[pb.Diagnostic]:
        return to_proto(diagnostics, attributes, self.redact)

    def _identity(self, resource: Resource, state: Mapping[str, Any] | None) -> pb.ResourceIdentityData | None:
        """The identity of the object in ``state``; ``None`` until every part of it is known."""
        identity = resource.identity.of(state)
        if identity is None or any(v is None or v is UNKNOWN for v in identity.values()):
            return None
        return pb.ResourceIdentityData(
            identity_data=pb.DynamicValue(msgpack=codec.encode_msgpack(resource.identity_attributes, identity))
        )

    def _decode_identity(self, resource: Resource, data: pb.ResourceIdentityData) -> dict[str, Any] | None:
        value = data.identity_data
        if value.json:
            return codec.decode_json(resource.identity_attributes, value.json)
        if value.msgpack:
            return codec.decode_msgpack(resource.identity_attributes, value.msgpack)
        return None

    def _listable(self, type_name: str) -> Resource:
        resource, _ = self._resource(type_name)
        if not catalog.lifecycle.is_listable(resource):
            raise _UserError(f"{type_name} cannot be listed", "This resource declares no listing.")
        return resource

    def _api_error(self, problem: Exception, action: str, attributes: Sequence[Attribute]) -> list[pb.Diagnostic]:
        _log.warning("API call failed", extra={"fields": {"action": action, "error": type(problem).__name__}})
        return self._diagnostics(catalog.lifecycle.diagnostics_from_error(problem, action=action), attributes)

    def client(self) -> Client:
        """The SDK client, built (and the SDK imported) on the first API call."""
        with self._client_lock:
            if self._client is None:
                if self._config is None:
                    raise _UserError(
                        "Provider not configured",
                        "Terraform called the MetaFinOps provider before configuring it; this is a bug.",
                    )
                self._client = catalog.make_client(self._config, self._environment)
            return self._client

    # ------------------------------------------------------------------ provider

    @_rpc(pb.GetMetadata.Response)
    def GetMetadata(self, request: pb.GetMetadata.Request, context: Any) -> pb.GetMetadata.Response:
        return pb.GetMetadata.Response(
            server_capabilities=_CAPABILITIES,
            resources=[pb.GetMetadata.ResourceMetadata(type_name=r.type_name) for r in catalog.RESOURCES],
            data_sources=[pb.GetMetadata.DataSourceMetadata(type_name=d.type_name) for d in catalog.DATA_SOURCES],
            list_resources=[
                pb.GetMetadata.ListResourceMetadata(type_name=r.type_name)
                for r in catalog.RESOURCES
                if catalog.lifecycle.is_listable(r)
            ],
        )

    @_rpc(pb.GetProviderSchema.Response)
    def GetProviderSchema(self, request: pb.GetProviderSchema.Request, context: Any) -> pb.GetProviderSchema.Response:
        if self._schema_response is None:
            self._schema_response = pb.GetProviderSchema.Response(
                provider=provider_schema(PROVIDER_CONFIG),
                resource_schemas={r.type_name: resource_schema(r) for r in catalog.RESOURCES},
                data_source_schemas={d.type_name: data_source_schema(d) for d in catalog.DATA_SOURCES},
                list_resource_schemas={
                    r.type_name: list_resource_schema(r) for r in catalog.RESOURCES if catalog.lifecycle.is_listable(r)
                },
                server_capabilities=_CAPABILITIES,
            )
        return self._schema_response

    @_rpc(pb.GetResourceIdentitySchemas.Response)
    def GetResourceIdentitySchemas(
        self, request: pb.GetResourceIdentitySchemas.Request, context: Any
    ) -> pb.GetResourceIdentitySchemas.Response:
        return pb.GetResourceIdentitySchemas.Response(
            identity_schemas={r.type_name: identity_schema(r) for r in catalog.RESOURCES}
        )

    @_rpc(pb.ValidateProviderConfig.Response)
    def ValidateProviderConfig(
        self, request: pb.ValidateProviderConfig.Request, context: Any
    ) -> pb.ValidateProviderConfig.Response:
        attributes = terraform_attributes(PROVIDER_CONFIG)
        config = self._decode(attributes, request.config) or {}
        diagnostics = catalog.validate(PROVIDER_CONFIG, config)
        return pb.ValidateProviderConfig.Response(diagnostics=self._diagnostics(diagnostics, attributes))

    @_rpc(pb.ConfigureProvider.Response)
    def ConfigureProvider(self, request: pb.ConfigureProvider.Request, context: Any) -> pb.ConfigureProvider.Response:
        attributes = terraform_attributes(PROVIDER_CONFIG)
        config = _unknown_to_none(self._decode(attributes, request.config))
        problems = list(catalog.validate(PROVIDER_CONFIG, config))
        problems += catalog.configuration_problems(config, self._environment)
        if not _has_errors(problems):
            with self._client_lock:
                self._config, self._client = config, None
        _log.debug("configured", extra={"fields": {"terraform_version": request.terraform_version}})
        return pb.ConfigureProvider.Response(diagnostics=self._diagnostics(problems, attributes))

    @_rpc(pb.StopProvider.Response, diagnostics_field="Error")
    def StopProvider(self, request: pb.StopProvider.Request, context: Any) -> pb.StopProvider.Response:
        # Calls in flight are single HTTP requests bounded by the client's timeout; they finish
        # on their own, and Terraform stops issuing new ones.
        _log.info("stop requested")
        return pb.StopProvider.Response()

    # ------------------------------------------------------------------ validation

    @_rpc(pb.ValidateResourceConfig.Response)
    def ValidateResourceConfig(
        self, request: pb.ValidateResourceConfig.Request, context: Any
    ) -> pb.ValidateResourceConfig.Response:
        resource, attributes = self._resource(request.type_name)
        config = self._decode(attributes, request.config) or {}
        diagnostics = list(catalog.validate(resource, config))
        if not request.client_capabilities.write_only_attributes_allowed:
            diagnostics += [
                Diagnostic(
                    summary="Write-only attribute not supported by this Terraform",
                    detail=f"{a.name} is write-only, which needs Terraform 1.11 or later. "
                    "Upgrade Terraform, or leave it unset.",
                    path=(a.name,),
                )
                for a in attributes
                if a.write_only and config.get(a.name) is not None
            ]
        return pb.ValidateResourceConfig.Response(diagnostics=self._diagnostics(diagnostics, attributes))

    @_rpc(pb.ValidateDataResourceConfig.Response)
    def ValidateDataResourceConfig(
        self, request: pb.ValidateDataResourceConfig.Request, context: Any
    ) -> pb.ValidateDataResourceConfig.Response:
        data_source, attributes = self._data_source(request.type_name)
        config = self._decode(attributes, request.config) or {}
        diagnostics = catalog.validate(data_source, config)
        return pb.ValidateDataResourceConfig.Response(diagnostics=self._diagnostics(diagnostics, attributes))

    # ------------------------------------------------------------------ managed resources

    @_rpc(pb.UpgradeResourceState.Response)
    def UpgradeResourceState(
        self, request: pb.UpgradeResourceState.Request, context: Any
    ) -> pb.UpgradeResourceState.Response:
        resource, attributes = self._resource(request.type_name)
        if request.version > resource.schema_version:
            raise _UserError(
                f"State of {request.type_name} is from a newer provider",
                f"The state has schema version {request.version}; this provider knows up to "
                f"{resource.schema_version}. Upgrade the MetaFinOps provider.",
            )
        if not request.raw_state.json:
            raise _UserError(
                f"Cannot read the state of {request.type_name}",
                "Only JSON state is supported (the legacy flatmap format predates this provider).",
            )
        state = codec.decode_json(attributes, request.raw_state.json)
        return pb.UpgradeResourceState.Response(upgraded_state=self._encode(attributes, state))

    @_rpc(pb.UpgradeResourceIdentity.Response)
    def UpgradeResourceIdentity(
        self, request: pb.UpgradeResourceIdentity.Request, context: Any
    ) -> pb.UpgradeResourceIdentity.Response:
        resource, _ = self._resource(request.type_name)
        if request.version != resource.identity.version:
            raise _UserError(
                f"Identity of {request.type_name} has an unknown version",
                f"The state has identity version {request.version}; this provider knows "
                f"{resource.identity.version}. Use the MetaFinOps provider that wrote the state.",
            )
        identity = codec.decode_json(resource.identity_attributes, request.raw_identity.json)
        return pb.UpgradeResourceIdentity.Response(
            upgraded_identity=pb.ResourceIdentityData(
                identity_data=pb.DynamicValue(msgpack=codec.encode_msgpack(resource.identity_attributes, identity))
            )
        )

    @_rpc(pb.ReadResource.Response)
    def ReadResource(self, request: pb.ReadResource.Request, context: Any) -> pb.ReadResource.Response:
        resource, attributes = self._resource(request.type_name)
        prior = self._decode(attributes, request.current_state)
        if prior is None:
            return pb.ReadResource.Response(new_state=self._encode(attributes, None), private=request.private)
        try:
            fresh = catalog.lifecycle.read(resource, self.client(), prior)
        except _UserError:
            raise
        except Exception as problem:
            return pb.ReadResource.Response(
                new_state=request.current_state,
                private=request.private,
                diagnostics=self._api_error(problem, f"Reading {request.type_name}", attributes),
            )
        if fresh is None:
            _log.info("object gone; removing it from state", extra={"fields": {"type": request.type_name}})
        return pb.ReadResource.Response(
            new_state=self._encode(attributes, fresh),
            private=request.private,
            new_identity=self._identity(resource, fresh),
        )

    @_rpc(pb.PlanResourceChange.Response)
    def PlanResourceChange(
        self, request: pb.PlanResourceChange.Request, context: Any
    ) -> pb.PlanResourceChange.Response:
        resource, attributes = self._resource(request.type_name)
        proposed = self._decode(attributes, request.proposed_new_state)
        if proposed is None:  # destroy
            return pb.PlanResourceChange.Response(
                planned_state=self._encode(attributes, None), planned_private=request.prior_private
            )
        prior = self._decode(attributes, request.prior_state)
        config = self._decode(attributes, request.config) or {}
        # Terraform validates configuration before planning, but values unknown then may be
        # known now (the final plan during apply): check again so nothing invalid is applied.
        problems = catalog.validate(resource, config)
        if _has_errors(problems):
            return pb.PlanResourceChange.Response(diagnostics=self._diagnostics(problems, attributes))
        plan = catalog.plan(resource, prior, config)
        replace = [attribute_path(attributes, path) for path in plan.requires_replace]
        return pb.PlanResourceChange.Response(
            planned_state=self._encode(attributes, plan.planned),
            requires_replace=[p for p in replace if p is not None],
            planned_private=request.prior_private,
            diagnostics=self._diagnostics(problems, attributes),
            planned_identity=self._identity(resource, plan.planned),
        )

    @_rpc(pb.ApplyResourceChange.Response)
    def ApplyResourceChange(
        self, request: pb.ApplyResourceChange.Request, context: Any
    ) -> pb.ApplyResourceChange.Response:
        resource, attributes = self._resource(request.type_name)
        prior = self._decode(attributes, request.prior_state)
        planned = self._decode(attributes, request.planned_state)
        config = self._decode(attributes, request.config)
        lifecycle = catalog.lifecycle
        if planned is None:
            action, on_error = f"Deleting {request.type_name}", request.prior_state
        elif prior is None:
            action, on_error = f"Creating {request.type_name}", self._encode(attributes, None)
        else:
            action, on_error = f"Updating {request.type_name}", request.prior_state
        try:
            client = self.client()
            if planned is None:
                assert prior is not None
                lifecycle.delete(resource, client, prior)
                new_state = None
            elif prior is None:
                new_state = lifecycle.create(resource, client, planned, config)
            else:
                new_state = lifecycle.update(resource, client, prior, planned, config)
        except _UserError:
            raise
        except Exception as problem:
            return pb.ApplyResourceChange.Response(
                new_state=on_error,
                private=request.planned_private,
                diagnostics=self._api_error(problem, action, attributes),
            )
        return pb.ApplyResourceChange.Response(
            new_state=self._encode(attributes, new_state),
            private=request.planned_private,
            new_identity=self._identity(resource, new_state),
        )

    @_rpc(pb.ImportResourceState.Response)
    def ImportResourceState(
        self, request: pb.ImportResourceState.Request, context: Any
    ) -> pb.ImportResourceState.Response:
        resource, attributes = self._resource(request.type_name)
        identity = self._decode_identity(resource, request.identity)
        object_id = request.id.strip() if identity is None else str(identity.get("id") or "")
        try:
            if identity is None:
                state = catalog.lifecycle.import_state(resource, self.client(), object_id)
            else:
                state = catalog.lifecycle.import_by_identity(resource, self.client(), identity)
        except _UserError:
            raise
        except Exception as problem:
            return pb.ImportResourceState.Response(
                diagnostics=self._api_error(problem, f"Importing {request.type_name}", attributes)
            )
        if state is None:
            raise _UserError(
                f"Cannot import: no {request.type_name} with id {object_id}",
                "No such object exists for this API key. Check the id (it starts with the type's prefix, "
                "e.g. `bud_`) and the provider's api_key / base_url.",
            )
        imported = pb.ImportResourceState.ImportedResource(
            type_name=request.type_name,
            state=self._encode(attributes, state),
            identity=self._identity(resource, state),
        )
        return pb.ImportResourceState.Response(imported_resources=[imported])

    # ------------------------------------------------------------------ data sources

    @_rpc(pb.ReadDataSource.Response)
    def ReadDataSource(self, request: pb.ReadDataSource.Request, context: Any) -> pb.ReadDataSource.Response:
        data_source, attributes = self._data_source(request.type_name)
        config = self._decode(attributes, request.config) or {}
        try:
            result = data_source.read(self.client(), config)
        except _UserError:
            raise
        except Exception as problem:
            return pb.ReadDataSource.Response(
                diagnostics=self._api_error(problem, f"Reading {request.type_name}", attributes)
            )
        # Protocol rule: a data source's configured arguments come back exactly as configured.
        state = {**result, **{k: v for k, v in config.items() if v is not None}}
        return pb.ReadDataSource.Response(state=self._encode(attributes, state))

    # ------------------------------------------------------------------ list resources

    @_rpc(pb.ValidateListResourceConfig.Response)
    def ValidateListResourceConfig(
        self, request: pb.ValidateListResourceConfig.Request, context: Any
    ) -> pb.ValidateListResourceConfig.Response:
        self._listable(request.type_name)  # the config block is empty: nothing else to check
        return pb.ValidateListResourceConfig.Response()

    def ListResource(self, request: pb.ListResource.Request, context: Any) -> Iterator[pb.ListResource.Event]:
        """Server-streaming: one event per object (identity, label, and the state when asked
        for), at most ``limit``; a failure ends the stream with one error event."""
        started, sent = time.perf_counter(), 0
        try:
            resource = self._listable(request.type_name)
            attributes = terraform_attributes(resource)
            for state in catalog.lifecycle.list_objects(resource, self.client()):
                if request.limit > 0 and sent >= request.limit:
                    break
                yield pb.ListResource.Event(
                    identity=self._identity(resource, state),
                    display_name=resource.label(state),
                    resource_object=self._encode(attributes, state) if request.include_resource_object else None,
                )
                sent += 1
        except _UserError as problem:
            yield pb.ListResource.Event(diagnostic=[error(problem.summary, self.redact(problem.detail))])
        except Exception as problem:
            diagnostics = self._api_error(problem, f"Listing {request.type_name}", ())
            yield pb.ListResource.Event(diagnostic=diagnostics)
        finally:
            _log.debug(
                "rpc done",
                extra={
                    "fields": {
                        "rpc": "ListResource",
                        "type": request.type_name,
                        "events": sent,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                    }
                },
            )
