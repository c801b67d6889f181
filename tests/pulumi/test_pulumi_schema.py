"""``schema.json``, the SDK classes and the catalog agree.

- regenerating (``python -m pulumi_metafinops.codegen``) would change nothing;
- the schema says what the catalog declares (resources, attributes, secrets, force-new,
  functions, config), with no dangling type reference and a description everywhere;
- the SDK classes, inspected as Pulumi's runtime inspects them, have exactly the schema's
  properties, names and tokens.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi import _types

import pulumi_metafinops
from metafinops import catalog
from pulumi_metafinops.codegen import stale_files
from pulumi_metafinops.codegen.python import py_name
from pulumi_metafinops.plugin._naming import camel_case

SCHEMA_PATH = Path(pulumi_metafinops.__file__).with_name("schema.json")
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_generated_files_are_up_to_date() -> None:
    assert stale_files() == [], "run `python -m pulumi_metafinops.codegen` and commit the result"


def test_package_metadata() -> None:
    assert SCHEMA["name"] == "metafinops" and SCHEMA["version"] == "1.0.0"
    assert SCHEMA["language"]["python"]["packageName"] == "pulumi_metafinops"
    assert set(SCHEMA["resources"]) == {
        "metafinops:index:Budget",
        "metafinops:index:AlertPolicy",
        "metafinops:index:WebhookSubscription",
    }
    assert set(SCHEMA["functions"]) == {f"metafinops:index:{d.pulumi_name}" for d in catalog.DATA_SOURCES}
    config = SCHEMA["config"]["variables"]
    assert set(config) == {"apiKey", "baseUrl", "maxRetries", "timeout"}
    assert config["apiKey"]["secret"] is True
    assert SCHEMA["provider"]["inputProperties"]["apiKey"]["secret"] is True


@pytest.mark.parametrize("resource", catalog.RESOURCES, ids=lambda r: r.pulumi_name)
def test_resources_follow_the_catalog(resource: catalog.Resource) -> None:
    spec = SCHEMA["resources"][f"metafinops:index:{resource.pulumi_name}"]
    pulumi_attributes = [a for a in resource.for_pulumi().attributes if a.name != "id"]
    assert set(spec["properties"]) == {camel_case(a.name) for a in pulumi_attributes}
    inputs = {camel_case(a.name) for a in pulumi_attributes if a.is_input}
    assert set(spec["inputProperties"]) == inputs
    assert set(spec.get("requiredInputs", [])) == {camel_case(a.name) for a in pulumi_attributes if a.required}
    for attribute in pulumi_attributes:
        name = camel_case(attribute.name)
        assert spec["properties"][name].get("secret", False) == attribute.sensitive
        if name in inputs:
            assert spec["inputProperties"][name].get("willReplaceOnChanges", False) == attribute.force_new
    pulumi_names = {a.name for a in resource.for_pulumi().attributes}
    terraform_only = {camel_case(a.name) for a in resource.for_terraform().attributes} - {
        camel_case(name) for name in pulumi_names
    }
    assert not terraform_only & set(spec["properties"])


def test_webhook_secret_is_an_optional_secret_input() -> None:
    spec = SCHEMA["resources"]["metafinops:index:WebhookSubscription"]
    assert spec["inputProperties"]["secret"]["secret"] is True
    assert "secret" not in spec.get("requiredInputs", [])
    assert "secret" not in spec["required"]  # null after an import
    assert "secretWo" not in spec["inputProperties"]


def _specs(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _specs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _specs(value)


def test_every_reference_resolves_and_everything_is_described() -> None:
    for spec in _specs(SCHEMA):
        ref = spec.get("$ref")
        if isinstance(ref, str):
            assert ref.removeprefix("#/types/") in SCHEMA["types"], ref
    groups = [SCHEMA["resources"], SCHEMA["functions"], SCHEMA["types"], {"provider": SCHEMA["provider"]}]
    for group in groups:
        for token, spec in group.items():
            assert spec.get("description"), token
    for spec in _specs(SCHEMA):
        for section in ("properties", "inputProperties", "variables"):
            for name, prop in spec.get(section, {}).items():
                assert isinstance(prop, dict) and prop.get("description"), name


# ---------------------------------------------------------------------------- the SDK


def _init_parameters(function: Any) -> dict[str, inspect.Parameter]:
    return {n: p for n, p in inspect.signature(function).parameters.items() if n not in ("self", "opts")}


def _sdk_class(token: str) -> Any:
    return getattr(pulumi_metafinops, token.rsplit(":", 1)[-1])


def _check_args(args_class: Any, properties: dict[str, Any], required: list[str]) -> None:
    parameters = _init_parameters(args_class.__init__)
    assert set(parameters) == {py_name(n) for n in properties}
    for name in properties:
        has_default = parameters[py_name(name)].default is not inspect.Parameter.empty
        assert has_default == (name not in required), name
    # the runtime's own name table: Python name -> wire name
    assert _types.input_type_py_to_pulumi_names(args_class) == {py_name(n): n for n in properties}


@pytest.mark.parametrize("token", sorted(SCHEMA["resources"]))
def test_resource_classes_match_the_schema(token: str) -> None:
    spec = SCHEMA["resources"][token]
    cls = _sdk_class(token)
    assert issubclass(cls, pulumi.CustomResource)
    assert pulumi.get_type_token(cls) == token
    args_class = getattr(pulumi_metafinops, f"{cls.__name__}Args")
    _check_args(args_class, spec["inputProperties"], spec.get("requiredInputs", []))
    assert _types.resource_pulumi_to_py_names(cls) == {n: py_name(n) for n in spec["properties"]}


def test_provider_class_matches_the_schema() -> None:
    spec = SCHEMA["provider"]
    assert issubclass(pulumi_metafinops.Provider, pulumi.ProviderResource)
    _check_args(pulumi_metafinops.ProviderArgs, spec["inputProperties"], [])


@pytest.mark.parametrize("token", sorted(SCHEMA["types"]))
def test_object_types_match_the_schema(token: str) -> None:
    spec = SCHEMA["types"][token]
    name = token.rsplit(":", 1)[-1]
    output = getattr(pulumi_metafinops.outputs, name)
    assert _types.is_output_type(output)
    assert _types.output_type_types(output).keys() == spec["properties"].keys()
    args = getattr(pulumi_metafinops, f"{name}Args", None)
    if args is not None:
        _check_args(args, spec["properties"], spec.get("required", []))
        typed_dict = getattr(pulumi_metafinops, f"{name}ArgsDict")
        assert set(typed_dict.__annotations__) == {py_name(n) for n in spec["properties"]}


@pytest.mark.parametrize("token", sorted(SCHEMA["functions"]))
def test_functions_match_the_schema(token: str) -> None:
    spec = SCHEMA["functions"][token]
    name = token.rsplit(":", 1)[-1]  # getCostSummary
    python = py_name(name)  # get_cost_summary
    arguments = {py_name(n) for n in spec["inputs"]["properties"]}
    for function in (getattr(pulumi_metafinops, python), getattr(pulumi_metafinops, f"{python}_output")):
        parameters = _init_parameters(function)
        assert set(parameters) == arguments
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
    result = getattr(pulumi_metafinops, f"{name[0].upper()}{name[1:]}Result")  # GetCostSummaryResult
    assert _types.output_type_types(result).keys() == spec["outputs"]["properties"].keys()
