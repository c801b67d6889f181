"""The ``pulumi_metafinops`` Python SDK, generated from ``schema.json``.

It follows the shape of Pulumi's own Python code generator (``pulumi-language-python``):
``@pulumi.input_type`` argument classes with ``TypedDict`` twins, ``@pulumi.output_type``
result classes, resources that subclass ``pulumi.CustomResource`` with a ``get`` method,
``get_x(...)`` / ``get_x_output(...)`` per function. Differences, on purpose: keyword-only
arguments, modern annotations, mypy-clean getters, and a lazy ``__init__`` so that
``import pulumi_metafinops.plugin`` does not import ``pulumi``.

Only the schema is read, so the SDK cannot say anything the schema does not.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

__all__ = ["HEADER", "generate", "py_name"]

HEADER = "# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***"
WIDTH = 116


def py_name(name: str) -> str:
    """A Pulumi (camelCase) name as Pulumi's Python codegen spells it.

    ``startDate`` → ``start_date``; digits do not start a word (``costPer1kTokens`` →
    ``cost_per1k_tokens``, ``kgco2e`` → ``kgco2e``).
    """
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _module_name(name: str) -> str:
    return py_name(name[0].lower() + name[1:])


def _ref_name(spec: dict[str, Any]) -> str | None:
    ref = spec.get("$ref")
    return str(ref).rsplit(":", 1)[-1] if ref else None


# ---------------------------------------------------------------------------- properties


@dataclass(frozen=True)
class _Property:
    name: str
    """The Pulumi (wire) name."""
    spec: dict[str, Any]
    required: bool

    @property
    def python(self) -> str:
        return py_name(self.name)

    @property
    def description(self) -> str:
        return str(self.spec.get("description", ""))

    @property
    def secret(self) -> bool:
        return bool(self.spec.get("secret"))


def _properties(spec: dict[str, Any], properties_key: str, required_key: str) -> list[_Property]:
    required = set(spec.get(required_key, ()))
    properties = [_Property(n, s, n in required) for n, s in spec.get(properties_key, {}).items()]
    # required first (they come first in signatures), then alphabetically, like Pulumi's codegen
    return sorted(properties, key=lambda p: (not p.required, p.python))


def _type(spec: dict[str, Any], mode: str) -> str:
    """The Python type of a property: ``mode`` is ``input`` (args), ``output`` or ``plain``."""
    ref = _ref_name(spec)
    if ref is not None:
        if mode == "input":
            return f"{ref}Args | {ref}ArgsDict"
        return ref if mode == "plain-output" else f"outputs.{ref}"
    kind = spec.get("type")
    if kind == "array":
        return f"Sequence[{_element(spec['items'], mode)}]"
    if kind == "object":
        return f"Mapping[str, {_element(spec['additionalProperties'], mode)}]"
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}[str(kind)]


def _element(spec: dict[str, Any], mode: str) -> str:
    inner = _type(spec, mode)
    return f"pulumi.Input[{inner}]" if mode == "input" else inner


def _input_annotation(prop: _Property) -> str:
    annotation = f"pulumi.Input[{_type(prop.spec, 'input')}]"
    return annotation if prop.required else f"{annotation} | None"


def _plain_annotation(prop: _Property, mode: str = "output") -> str:
    annotation = _type(prop.spec, mode)
    return annotation if prop.required else f"{annotation} | None"


def _docstring(text: str, indent: str, params: Iterable[tuple[str, str]] = ()) -> list[str]:
    """A docstring: ``text`` wrapped, then ``:param name: description`` lines."""
    lines: list[str] = []
    for paragraph in text.strip().split("\n\n"):
        if paragraph.startswith("```") or paragraph.startswith("#"):
            lines += paragraph.split("\n")
        else:
            lines += textwrap.wrap(" ".join(paragraph.split()), WIDTH - len(indent)) or [""]
        lines.append("")
    params = list(params)
    for name, description in params:
        wrapped = textwrap.wrap(
            f":param {name}: {' '.join(description.split())}",
            WIDTH - len(indent),
            subsequent_indent="    ",
        )
        lines += wrapped
    while lines and not lines[-1]:
        lines.pop()
    body = [f"{indent}{line}".rstrip() for line in lines]
    body = [line.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') for line in body]
    if len(body) == 1 and len(body[0]) + 6 <= WIDTH:
        return [f'{indent}"""{body[0].strip()}"""']
    return [f'{indent}"""{body[0].strip()}', *body[1:], f'{indent}"""']


def _getter(prop: _Property) -> str:
    return "@pulumi.getter" if prop.python == prop.name else f'@pulumi.getter(name="{prop.name}")'


# ---------------------------------------------------------------------------- files


def _import(module: str, names: list[str]) -> list[str]:
    """``from module import a, b`` as ruff's isort writes it (wrapped when long)."""
    line = f"from {module} import {', '.join(names)}"
    if len(line) <= 120:
        return [line]
    return [f"from {module} import (", *[f"    {name}," for name in names], ")"]


def _finish(lines: list[str]) -> str:
    """The file's text: the header, and a line-length exemption only where a line needs it."""
    head = [HEADER]
    if any(len(line) > 120 for line in "\n".join(lines).splitlines()):
        head.append("# ruff: noqa: E501")
    return "\n".join([*head, *lines]).rstrip() + "\n"


class _Generator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.package = schema["language"]["python"]["packageName"]
        self.types: dict[str, dict[str, Any]] = {t.rsplit(":", 1)[-1]: s for t, s in schema.get("types", {}).items()}
        self.input_types = self._reachable(
            [spec for resource in schema["resources"].values() for spec in resource["inputProperties"].values()]
            + list(schema["provider"]["inputProperties"].values())
        )
        self.files: dict[str, str] = {}
        self.exports: dict[str, list[str]] = {}

    def _reachable(self, specs: Iterable[dict[str, Any]]) -> list[str]:
        found: list[str] = []
        stack = list(specs)
        while stack:
            spec = stack.pop()
            ref = _ref_name(spec)
            if ref is not None and ref not in found:
                found.append(ref)
                stack += list(self.types[ref]["properties"].values())
            for key in ("items", "additionalProperties"):
                if key in spec:
                    stack.append(spec[key])
        return sorted(found)

    def emit(self, module: str, doc: str, body: list[str], exports: list[str], *, public: bool = True) -> None:
        """Write a module: header, docstring, the imports ``body`` uses, ``__all__``, ``body``."""
        text = "\n".join(body)

        def used(word: str) -> bool:
            return re.search(rf"\b{word}\b", text) is not None

        collections = [n for n in ("Mapping", "Sequence") if used(n)]
        typing_names = [n for n in ("Any", "NotRequired", "TypedDict", "cast", "overload") if used(n)]
        local = [n for n in ("_utilities", "outputs") if used(n)]
        inputs = sorted({m for m in re.findall(r"\b(\w+ArgsDict|\w+Args)\b", text) if m in self.input_names})
        inputs = inputs if module != "_inputs" else []
        lines = [f'"""{doc}"""', "", "from __future__ import annotations", ""]
        if collections:
            lines += _import("collections.abc", collections)
        if typing_names:
            lines += _import("typing", typing_names)
        lines += ["", "import pulumi"]
        if local or inputs:
            lines.append("")
        if local:
            lines += _import(self.package, local)
        if inputs:
            lines += _import(f"{self.package}._inputs", inputs)
        lines += ["", "__all__ = [" + ", ".join(f'"{n}"' for n in exports) + "]", *body]
        self.files[f"{module.replace('.', '/')}.py"] = _finish(lines)
        if public:
            self.exports[module] = exports

    @property
    def input_names(self) -> set[str]:
        return {f"{name}{suffix}" for name in self.input_types for suffix in ("Args", "ArgsDict")}

    # ------------------------------------------------------------------ shared pieces

    def _args_class(self, class_name: str, doc: str, props: list[_Property]) -> list[str]:
        """An ``@pulumi.input_type`` class with a getter and setter per property."""
        lines = ["", "", "@pulumi.input_type", f"class {class_name}:"]
        if not props:
            return [*lines, *_docstring(doc, "    ")]
        lines += ["    def __init__(", "        self,", "        *,"]
        for prop in props:
            default = "" if prop.required else " = None"
            lines.append(f"        {prop.python}: {_input_annotation(prop)}{default},")
        lines.append("    ) -> None:")
        lines += _docstring(doc, "        ", [(p.python, p.description) for p in props])
        for prop in props:
            if prop.required:
                lines.append(f'        pulumi.set(self, "{prop.python}", {prop.python})')
            else:
                lines += [
                    f"        if {prop.python} is not None:",
                    f'            pulumi.set(self, "{prop.python}", {prop.python})',
                ]
        for prop in props:
            annotation = _input_annotation(prop)
            lines += [
                "",
                "    @property",
                f"    {_getter(prop)}",
                f"    def {prop.python}(self) -> {annotation}:",
                *_docstring(prop.description, "        "),
                f'        return cast("{annotation}", pulumi.get(self, "{prop.python}"))',
                "",
                f"    @{prop.python}.setter",
                f"    def {prop.python}(self, value: {annotation}) -> None:",
                f'        pulumi.set(self, "{prop.python}", value)',
            ]
        return lines

    def _typed_dict(self, class_name: str, doc: str, props: list[_Property]) -> list[str]:
        lines = ["", "", f"class {class_name}(TypedDict):", *_docstring(doc, "    ")]
        for prop in props:
            annotation = f"pulumi.Input[{_type(prop.spec, 'input')}]"
            lines.append(f"    {prop.python}: {annotation if prop.required else f'NotRequired[{annotation}]'}")
            lines += _docstring(prop.description, "    ")
        return lines

    def _output_class(self, class_name: str, doc: str, props: list[_Property], mode: str, base: str = "") -> list[str]:
        """An ``@pulumi.output_type`` class: read-only properties."""
        lines = ["", "", "@pulumi.output_type", f"class {class_name}{base}:", *_docstring(doc, "    ")]
        lines += ["", "    def __init__(", "        self,", "        *,"]
        for prop in props:
            lines.append(f"        {prop.python}: {_plain_annotation(prop, mode)}{'' if prop.required else ' = None'},")
        lines.append("    ) -> None:")
        for prop in props:
            lines.append(f'        pulumi.set(self, "{prop.python}", {prop.python})')
        for prop in props:
            annotation = _plain_annotation(prop, mode)
            lines += [
                "",
                "    @property",
                f"    {_getter(prop)}",
                f"    def {prop.python}(self) -> {annotation}:",
                *_docstring(prop.description, "        "),
                f'        return cast("{annotation}", pulumi.get(self, "{prop.python}"))',
            ]
        return lines

    # ------------------------------------------------------------------ modules

    def utilities(self) -> None:
        body = [
            "",
            f'VERSION = "{self.schema["version"]}"',
            '"""The provider plugin version resources and functions ask the engine for."""',
            "",
            "",
            "def get_version() -> str:",
            "    return VERSION",
            "",
            "",
            "def get_resource_opts_defaults() -> pulumi.ResourceOptions:",
            "    return pulumi.ResourceOptions(version=VERSION)",
            "",
            "",
            "def get_invoke_opts_defaults() -> pulumi.InvokeOptions:",
            "    return pulumi.InvokeOptions(version=VERSION)",
            "",
            "",
            "def get_resource_args_opts(",
            "    args_type: type, opts_type: type, *args: Any, **kwargs: Any",
            ") -> tuple[Any, Any]:",
            '    """The ``*Args`` object and the options a resource was given, positionally or by keyword."""',
            "    resource_args: Any = None",
            "    if args and isinstance(args[0], args_type):",
            "        resource_args, args = args[0], args[1:]",
            '    if resource_args is None and isinstance(kwargs.get("args"), args_type):',
            '        resource_args = kwargs["args"]',
            '    opts = args[0] if args and isinstance(args[0], opts_type) else kwargs.get("opts")',
            "    return resource_args, opts",
        ]
        exports = ["get_invoke_opts_defaults", "get_resource_args_opts", "get_resource_opts_defaults", "get_version"]
        self.emit("_utilities", "Helpers shared by the generated modules.", body, exports, public=False)

    def inputs_module(self) -> None:
        body: list[str] = []
        for name in self.input_types:
            spec = self.types[name]
            props = _properties(spec, "properties", "required")
            body += self._args_class(f"{name}Args", spec.get("description", name), props)
            body += self._typed_dict(f"{name}ArgsDict", spec.get("description", name), props)
        exports = [f"{name}{suffix}" for name in self.input_types for suffix in ("Args", "ArgsDict")]
        doc = "Argument types of nested objects: each as an ``*Args`` class and as a ``TypedDict``."
        self.emit("_inputs", doc, body, exports)

    def outputs_module(self) -> None:
        body: list[str] = []
        names = sorted(self.types)
        for name in names:
            spec = self.types[name]
            props = _properties(spec, "properties", "required")
            body += self._output_class(name, spec.get("description", name), props, "plain-output", "(dict[str, Any])")
        doc = "Output types of nested objects, as resources and functions return them."
        self.emit("outputs", doc, body, names, public=False)

    def resource(self, token: str, spec: dict[str, Any], *, provider: bool = False) -> None:
        name = "Provider" if provider else token.rsplit(":", 1)[-1]
        module = "provider" if provider else _module_name(name)
        inputs = _properties(spec, "inputProperties", "requiredInputs")
        outputs = _properties(spec, "properties", "required")
        input_names = {p.name for p in inputs}
        description = spec.get("description", name)
        body = self._args_class(f"{name}Args", f"The arguments for constructing a {name} resource.", inputs)

        base = "pulumi.ProviderResource" if provider else "pulumi.CustomResource"
        type_name = f"pulumi:providers:{token}" if provider else token
        body += ["", "", f'@pulumi.type_token("{type_name}")', f"class {name}({base}):"]
        body += _docstring(description, "    ")
        # overloads: (name, args, opts) and (name, opts, **inputs)
        body += [
            "",
            "    @overload",
            "    def __init__(",
            f"        self, resource_name: str, args: {name}Args, opts: pulumi.ResourceOptions | None = None",
            "    ) -> None: ...",
            "",
            "    @overload",
            "    def __init__(",
            "        self,",
            "        resource_name: str,",
            "        opts: pulumi.ResourceOptions | None = None,",
            "        *,",
        ]
        for prop in inputs:
            body.append(f"        {prop.python}: {_input_annotation(prop)}{'' if prop.required else ' = None'},")
        body += ["    ) -> None: ..."]
        params = [
            ("resource_name", "The name of the resource."),
            ("args", f"The arguments, as a {name}Args (or give them as keyword arguments)."),
            ("opts", "Options for the resource."),
            *[(p.python, p.description) for p in inputs],
        ]
        body += [
            "",
            "    def __init__(self, resource_name: str, *args: Any, **kwargs: Any) -> None:",
            *_docstring(f"Create a {name}.", "        ", params),
            "        resource_args, opts = _utilities.get_resource_args_opts(",
            f"            {name}Args, pulumi.ResourceOptions, *args, **kwargs",
            "        )",
            "        if resource_args is not None:",
            "            self._internal_init(resource_name, opts, **resource_args.__dict__)",
            "        else:",
            "            self._internal_init(resource_name, *args, **kwargs)",
            "",
            "    def _internal_init(",
            "        self,",
            "        resource_name: str,",
            "        opts: pulumi.ResourceOptions | None = None,",
        ]
        for prop in inputs:
            body.append(f"        {prop.python}: {_input_annotation(prop).removesuffix(' | None')} | None = None,")
        body += [
            "        __props__: Any = None,",
            "    ) -> None:",
            "        opts = pulumi.ResourceOptions.merge(_utilities.get_resource_opts_defaults(), opts)",
            "        if not isinstance(opts, pulumi.ResourceOptions):",
            '            raise TypeError("Expected resource options to be a ResourceOptions instance")',
            "        if opts.id is None:",
            "            if __props__ is not None:",
            '                raise TypeError("__props__ is only valid with opts.id, to get an existing resource")',
            f"            __props__ = {name}Args.__new__({name}Args)",
        ]
        for prop in inputs:
            if prop.required:
                body += [
                    f"            if {prop.python} is None and not opts.urn:",
                    f"                raise TypeError(\"Missing required property '{prop.python}'\")",
                ]
            value = prop.python
            if prop.secret:
                value = f"None if {prop.python} is None else pulumi.Output.secret({prop.python})"
            body.append(f'            __props__.__dict__["{prop.python}"] = {value}')
        for prop in outputs:
            if prop.name not in input_names:
                body.append(f'            __props__.__dict__["{prop.python}"] = None')
        secret_outputs = [p.name for p in outputs if p.secret]
        if secret_outputs:
            listed = ", ".join(f'"{n}"' for n in secret_outputs)
            body += [
                f"        secret_opts = pulumi.ResourceOptions(additional_secret_outputs=[{listed}])",
                "        opts = pulumi.ResourceOptions.merge(opts, secret_opts)",
            ]
        body += [f'        super().__init__("{token}", resource_name, __props__, opts)']
        if not provider:
            body += [
                "",
                "    @staticmethod",
                "    def get(",
                "        resource_name: str, id: pulumi.Input[str], opts: pulumi.ResourceOptions | None = None",
                f"    ) -> {name}:",
                *_docstring(
                    f"Look up an existing {name} by its id: its state is read from MetaFinOps, nothing is changed.",
                    "        ",
                    [
                        ("resource_name", "The name the resource gets in this program."),
                        ("id", f"The id of the {name} in MetaFinOps."),
                        ("opts", "Options for the resource."),
                    ],
                ),
                "        opts = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(id=id))",
                f"        __props__ = {name}Args.__new__({name}Args)",
            ]
            for prop in outputs:
                body.append(f'        __props__.__dict__["{prop.python}"] = None')
            body += [
                f"        resource = {name}.__new__({name})",
                "        resource._internal_init(resource_name, opts, __props__=__props__)",
                "        return resource",
            ]
        for prop in outputs:
            annotation = f"pulumi.Output[{_plain_annotation(prop)}]"
            body += [
                "",
                "    @property",
                f"    {_getter(prop)}",
                f"    def {prop.python}(self) -> {annotation}:",
                *_docstring(prop.description, "        "),
                f'        return cast("{annotation}", pulumi.get(self, "{prop.python}"))',
            ]
        summary = description.split("\n")[0]
        self.emit(module, f"``{type_name}``: {summary}", body, [name, f"{name}Args"])

    def function(self, token: str, spec: dict[str, Any]) -> None:
        function_name = token.rsplit(":", 1)[-1]
        python = py_name(function_name)
        result = function_name[0].upper() + function_name[1:] + "Result"
        args = _properties(spec["inputs"], "properties", "required")
        outputs = _properties(spec["outputs"], "properties", "required")
        description = spec.get("description", function_name)
        body = self._output_class(result, spec["outputs"].get("description", result), outputs, "output")
        params = [*[(p.python, p.description) for p in args], ("opts", "Options for the call.")]
        for variant in ("plain", "output"):
            suffix = "" if variant == "plain" else "_output"
            options = "pulumi.InvokeOptions"
            if variant == "output":
                options += " | pulumi.InvokeOutputOptions"
            returns = result if variant == "plain" else f"pulumi.Output[{result}]"
            body += ["", "", f"def {python}{suffix}(", "    *,"]
            for prop in args:
                annotation = _plain_annotation(prop, "output") if variant == "plain" else _input_annotation(prop)
                body.append(f"    {prop.python}: {annotation}{'' if prop.required else ' = None'},")
            body += [f"    opts: {options} | None = None,", f") -> {returns}:"]
            summary = description if variant == "plain" else f"{description} Arguments and result are Outputs."
            body += _docstring(summary, "    ", params)
            body.append("    __args__: dict[str, Any] = {}")
            for prop in args:
                body.append(f'    __args__["{prop.name}"] = {prop.python}')
            if variant == "plain":
                body += [
                    "    invoke_opts = pulumi.InvokeOptions.merge(_utilities.get_invoke_opts_defaults(), opts)",
                    f'    __ret__ = pulumi.runtime.invoke("{token}", __args__, opts=invoke_opts, typ={result}).value',
                    f'    return cast("{result}", __ret__)',
                ]
            else:
                body += [
                    "    output_opts = pulumi.InvokeOutputOptions.merge(_utilities.get_invoke_opts_defaults(), opts)",
                    f'    __ret__ = pulumi.runtime.invoke_output("{token}", __args__, opts=output_opts, typ={result})',
                    f'    return cast("pulumi.Output[{result}]", __ret__)',
                ]
        # in a sub-package: a module named like its function would shadow it on the lazy package
        self.emit(f"functions.{python}", f"``{token}``: {description}", body, [result, python, f"{python}_output"])

    def init_module(self) -> None:
        exports = {name: module for module, names in sorted(self.exports.items()) for name in names}
        lines = [
            '"""MetaFinOps for Pulumi programs: budgets, alert policies, webhook subscriptions and cost data.',
            "",
            "Resources (``Budget``, ``AlertPolicy``, ``WebhookSubscription``), the explicit ``Provider``",
            "and functions (``get_cost_summary(...)`` and ``get_cost_summary_output(...)``, ...) are",
            "loaded on first use, so importing the package (or its ``plugin`` sub-package) stays cheap.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            "import importlib",
            "from typing import TYPE_CHECKING, Any",
            "",
            "if TYPE_CHECKING:",
            f"    from {self.package} import outputs as outputs",
        ]
        for module, names in sorted(self.exports.items()):
            for n in sorted(names):
                line = f"    from {self.package}.{module} import {n} as {n}"
                if len(line) > 120:
                    line = f"    from {self.package}.{module} import (\n        {n} as {n},\n    )"
                lines.append(line)
        lines += ["", "_EXPORTS = {"]
        lines += [f'    "{name}": "{self.package}.{module}",' for name, module in sorted(exports.items())]
        lines += ["}", "", '__all__ = [*sorted(_EXPORTS), "outputs"]']
        lines += [
            "",
            "",
            "def __getattr__(name: str) -> Any:",
            '    module = _EXPORTS.get(name, f"{__name__}.outputs" if name == "outputs" else None)',
            "    if module is None:",
            '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
            "    loaded = importlib.import_module(module)",
            '    value = loaded if name == "outputs" else getattr(loaded, name)',
            "    globals()[name] = value",
            "    return value",
            "",
            "",
            "def __dir__() -> list[str]:",
            "    return sorted([*globals(), *__all__])",
        ]
        self.files["__init__.py"] = _finish(lines)

    def run(self) -> dict[str, str]:
        self.files["functions/__init__.py"] = _finish(
            ['"""One module per function (``get_cost_summary`` ...); use them from ``pulumi_metafinops``."""']
        )
        self.utilities()
        self.inputs_module()
        self.outputs_module()
        self.resource(self.schema["name"], self.schema["provider"], provider=True)
        for token, spec in self.schema["resources"].items():
            self.resource(token, spec)
        for token, spec in self.schema["functions"].items():
            self.function(token, spec)
        self.init_module()
        return self.files


def generate(schema: dict[str, Any]) -> dict[str, str]:
    """The SDK's generated files, relative to the package directory, with their text."""
    return _Generator(schema).run()
