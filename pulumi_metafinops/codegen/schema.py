"""The Pulumi package schema (``schema.json``) built from the resource catalog.

One pass over the catalog's declarations: resources become ``metafinops:index:<Name>``,
data sources the functions ``metafinops:index:get<Name>``, nested objects the types
``metafinops:index:<Type.name>``, the provider configuration the ``config`` variables and
the provider resource. Names are the catalog's, in camelCase; descriptions are the
catalog's, with attribute names spelled the Pulumi way. Resources are read in their Pulumi
projection (``Resource.for_pulumi``: a webhook's ``secret`` is an input, ``secretWo`` absent).

The format is Pulumi's package schema
(https://www.pulumi.com/docs/iac/using-pulumi/pulumi-packages/schema/).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from metafinops import catalog
from metafinops.catalog import PROVIDER_CONFIG, Attribute, DataSource, Resource, Type
from metafinops.catalog.validators import Integer
from pulumi_metafinops.plugin._naming import all_names, camel_case, pulumi_text

__all__ = ["PACKAGE", "PYTHON_PACKAGE", "build_schema", "type_token"]

PACKAGE = "metafinops"
PYTHON_PACKAGE = "pulumi_metafinops"
PULUMI_REQUIREMENT = ">=3.269,<4"
NODEJS_PACKAGE = "@metafinops/pulumi"
GO_IMPORT_BASE = "github.com/metafinops/pulumi-metafinops/sdk/go/metafinops"


def type_token(name: str) -> str:
    return f"{PACKAGE}:index:{name}"


class _Builder:
    def __init__(self) -> None:
        self.types: dict[str, Any] = {}
        self.names = all_names(PROVIDER_CONFIG.attributes)
        declarations: list[Resource | DataSource] = [*catalog.RESOURCES, *catalog.DATA_SOURCES]
        for declaration in declarations:
            if isinstance(declaration, Resource):
                declaration = declaration.for_pulumi()
            self.names |= all_names(declaration.attributes)

    def text(self, text: str) -> str:
        return pulumi_text(text, self.names)

    # ------------------------------------------------------------------ properties

    def type_spec(self, type_: Type, attribute: Attribute) -> dict[str, Any]:
        kind = type_.kind
        if kind == "string":
            return {"type": "string"}
        if kind == "bool":
            return {"type": "boolean"}
        if kind == "number":
            whole = type_ is attribute.type and any(isinstance(v, Integer) for v in attribute.validators)
            return {"type": "integer" if whole else "number"}
        if kind == "object":
            self.object_type(type_, attribute)
            return {"$ref": f"#/types/{type_token(type_.name)}"}
        assert type_.element is not None
        element = self.type_spec(type_.element, attribute)
        if kind == "map":
            return {"type": "object", "additionalProperties": element}
        return {"type": "array", "items": element}

    def property_spec(self, attribute: Attribute, *, as_input: bool) -> dict[str, Any]:
        spec = self.type_spec(attribute.type, attribute)
        spec["description"] = self.text(attribute.description)
        if attribute.sensitive:
            spec["secret"] = True
        if attribute.force_new and as_input:
            spec["willReplaceOnChanges"] = True
        if as_input and attribute.has_default and not isinstance(attribute.default, list | dict):
            spec["default"] = attribute.default
        return spec

    def properties(self, attributes: Iterable[Attribute], *, as_input: bool) -> dict[str, Any]:
        return {camel_case(a.name): self.property_spec(a, as_input=as_input) for a in attributes}

    def object_type(self, type_: Type, owner: Attribute) -> None:
        token = type_token(type_.name)
        if token in self.types:
            return
        attributes = type_.attributes
        self.types[token] = {}  # reserve first: a type may refer to itself
        spec: dict[str, Any] = {
            "type": "object",
            "description": self.text(owner.description),
            "properties": self.properties(attributes, as_input=any(a.is_input for a in attributes)),
        }
        required = sorted(camel_case(a.name) for a in attributes if a.required)
        if required:
            spec["required"] = required
        self.types[token] = spec

    # ------------------------------------------------------------------ declarations

    def resource(self, resource: Resource) -> dict[str, Any]:
        attributes = [a for a in resource.for_pulumi().attributes if a.name != "id"]
        inputs = [a for a in attributes if a.is_input]
        # always present in outputs: what must be set, what has a default, what MetaFinOps computes
        # (but not what the API shows only once: after an import it is null)
        always = [a for a in attributes if a.required or a.has_default or (a.computed and not a.shown_once)]
        description = self.text(resource.description)
        token = type_token(resource.pulumi_name)
        description += (
            f"\n\n## Import\n\nAn existing {resource.pulumi_name} is imported by its id:\n\n"
            f"```sh\npulumi import {token} <name> <id>\n```"
        )
        if resource.import_note:
            description += "\n\n" + self.text(resource.import_note)
        spec: dict[str, Any] = {
            "description": description,
            "properties": self.properties(attributes, as_input=False),
            "required": sorted(camel_case(a.name) for a in always),
            "inputProperties": self.properties(inputs, as_input=True),
        }
        required_inputs = sorted(camel_case(a.name) for a in inputs if a.required)
        if required_inputs:
            spec["requiredInputs"] = required_inputs
        return spec

    def function(self, data_source: DataSource) -> dict[str, Any]:
        attributes = data_source.attributes
        arguments = [a for a in attributes if a.is_input]
        inputs: dict[str, Any] = {
            "description": f"Arguments of {data_source.pulumi_name}.",
            "type": "object",
            "properties": self.properties(arguments, as_input=True),
        }
        required_args = sorted(camel_case(a.name) for a in arguments if a.required)
        if required_args:
            inputs["required"] = required_args
        outputs = {
            "description": f"What {data_source.pulumi_name} returns.",
            "type": "object",
            "properties": self.properties(attributes, as_input=False),
            "required": sorted(camel_case(a.name) for a in attributes if a.required or a.computed),
        }
        return {"description": self.text(data_source.description), "inputs": inputs, "outputs": outputs}


def build_schema() -> dict[str, Any]:
    """The package schema, as a JSON-ready dict."""
    builder = _Builder()
    config = PROVIDER_CONFIG.attributes
    resources = {type_token(r.pulumi_name): builder.resource(r) for r in catalog.RESOURCES}
    functions = {type_token(d.pulumi_name): builder.function(d) for d in catalog.DATA_SOURCES}
    return {
        "name": PACKAGE,
        "displayName": "MetaFinOps",
        "version": catalog.PROVIDER_VERSION,
        "description": builder.text(PROVIDER_CONFIG.description),
        "keywords": ["pulumi", PACKAGE, "finops", "category/cloud", "kind/native"],
        "homepage": "https://metafinops.com",
        "license": "Apache-2.0",
        "publisher": "MetaFinOps",
        "meta": {"moduleFormat": "(.*)"},
        "config": {"variables": builder.properties(config, as_input=True)},
        "provider": {
            "description": f"The provider type for the {PACKAGE} package. "
            "By default, resources use package-wide configuration settings (`metafinops:apiKey`, "
            "`metafinops:baseUrl`, ...); an explicit `Provider` instance customizes them.",
            "properties": builder.properties(config, as_input=False),
            "inputProperties": builder.properties(config, as_input=True),
        },
        "types": dict(sorted(builder.types.items())),
        "resources": resources,
        "functions": functions,
        "language": {
            "python": {
                "packageName": PYTHON_PACKAGE,
                "requires": {"pulumi": PULUMI_REQUIREMENT},
                "respectSchemaVersion": True,
            },
            "nodejs": {"packageName": NODEJS_PACKAGE, "respectSchemaVersion": True},
            "go": {"importBasePath": GO_IMPORT_BASE, "respectSchemaVersion": True},
        },
    }
