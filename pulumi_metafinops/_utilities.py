# *** Generated from schema.json by `python -m pulumi_metafinops.codegen`: do not edit. ***
"""Helpers shared by the generated modules."""

from __future__ import annotations

from typing import Any

import pulumi

__all__ = ["get_invoke_opts_defaults", "get_resource_args_opts", "get_resource_opts_defaults", "get_version"]

VERSION = "1.0.0"
"""The provider plugin version resources and functions ask the engine for."""


def get_version() -> str:
    return VERSION


def get_resource_opts_defaults() -> pulumi.ResourceOptions:
    return pulumi.ResourceOptions(version=VERSION)


def get_invoke_opts_defaults() -> pulumi.InvokeOptions:
    return pulumi.InvokeOptions(version=VERSION)


def get_resource_args_opts(
    args_type: type, opts_type: type, *args: Any, **kwargs: Any
) -> tuple[Any, Any]:
    """The ``*Args`` object and the options a resource was given, positionally or by keyword."""
    resource_args: Any = None
    if args and isinstance(args[0], args_type):
        resource_args, args = args[0], args[1:]
    if resource_args is None and isinstance(kwargs.get("args"), args_type):
        resource_args = kwargs["args"]
    opts = args[0] if args and isinstance(args[0], opts_type) else kwargs.get("opts")
    return resource_args, opts
