"""Catalog declarations -> tfplugin6 schemas.

- An object attribute, or a list / set / map of objects, becomes a *nested attribute*
  (``nested_type`` with nesting SINGLE / LIST / SET / MAP); everything else carries its cty
  type as JSON.
- Optional with a default is optional + computed (the provider plans the default), as in
  terraform-plugin-framework.
- ``write_only`` is always declared: Terraform >= 1.11 honours it, older versions ignore the
  field (they also do not announce the capability, and validation then rejects a configured
  write-only value — see ``servicer``).
- Descriptions are Markdown.
- Resource identity (Terraform 1.12+): the catalog's ``Resource.identity`` attributes, all
  required for import. A list resource (``terraform query``, 1.14+) has the managed
  resource's type name and an empty ``config`` block; its results carry identities.
"""

from __future__ import annotations

from collections.abc import Iterable

from metafinops.catalog import Attribute, DataSource, ProviderConfig, Resource, Type
from metafinops_terraform.codec import type_json
from metafinops_terraform.proto import tfplugin6_pb2 as pb

__all__ = [
    "data_source_schema",
    "identity_schema",
    "list_resource_schema",
    "provider_schema",
    "resource_schema",
    "terraform_attributes",
]

_NESTING = {
    "object": pb.Schema.Object.SINGLE,
    "list": pb.Schema.Object.LIST,
    "set": pb.Schema.Object.SET,
    "map": pb.Schema.Object.MAP,
}


def terraform_attributes(declaration: Resource | DataSource | ProviderConfig) -> tuple[Attribute, ...]:
    """The attributes Terraform sees: a resource's Terraform projection (``secret_wo``…)."""
    if isinstance(declaration, Resource):
        return declaration.for_terraform().attributes
    return declaration.attributes


def _object_of(type_: Type) -> Type | None:
    if type_.kind == "object":
        return type_
    if type_.kind in ("list", "set", "map") and type_.element is not None and type_.element.kind == "object":
        return type_.element
    return None


def _attribute(attribute: Attribute) -> pb.Schema.Attribute:
    message = pb.Schema.Attribute(
        name=attribute.name,
        description=attribute.description,
        description_kind=pb.MARKDOWN,
        required=attribute.required,
        optional=attribute.optional,
        computed=attribute.computed or attribute.has_default,
        sensitive=attribute.sensitive,
        write_only=attribute.write_only,
    )
    object_type = _object_of(attribute.type)
    if object_type is None:
        message.type = type_json(attribute.type)
    else:
        message.nested_type.CopyFrom(
            pb.Schema.Object(
                attributes=[_attribute(a) for a in object_type.attributes],
                nesting=_NESTING[attribute.type.kind],
            )
        )
    return message


def _schema(attributes: Iterable[Attribute], description: str, version: int = 0) -> pb.Schema:
    block = pb.Schema.Block(
        version=version,
        attributes=[_attribute(a) for a in attributes],
        description=description,
        description_kind=pb.MARKDOWN,
    )
    return pb.Schema(version=version, block=block)


def provider_schema(config: ProviderConfig) -> pb.Schema:
    return _schema(terraform_attributes(config), config.description)


def resource_schema(resource: Resource) -> pb.Schema:
    return _schema(terraform_attributes(resource), resource.description, resource.schema_version)


def data_source_schema(data_source: DataSource) -> pb.Schema:
    return _schema(terraform_attributes(data_source), data_source.description)


def identity_schema(resource: Resource) -> pb.ResourceIdentitySchema:
    return pb.ResourceIdentitySchema(
        version=resource.identity.version,
        identity_attributes=[
            pb.ResourceIdentitySchema.IdentityAttribute(
                name=attribute.name,
                type=type_json(attribute.type),
                required_for_import=True,
                description=attribute.description,
            )
            for attribute in resource.identity_attributes
        ],
    )


def list_resource_schema(resource: Resource) -> pb.Schema:
    """The ``config`` block of ``list "<type>" "<name>" {...}`` in a ``.tfquery.hcl`` file: empty."""
    return _schema((), f"Every `{resource.type_name}` the API key can see, for `terraform query`.")
