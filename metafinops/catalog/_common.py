"""Attributes that several declarations share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from metafinops.catalog._schema import STRING, Attribute


def id_attribute(what: str, prefix: str) -> Attribute:
    return Attribute(
        "id",
        STRING,
        f"The {what}'s id, assigned by MetaFinOps (`{prefix}…`).",
        computed=True,
    )


CREATED_AT = Attribute(
    "created_at",
    STRING,
    "When the object was created (RFC 3339, UTC).",
    computed=True,
)


def first_of(*names: str) -> Callable[[Mapping[str, Any]], str]:
    """A ``display_name``: the first of ``names`` the object has a value for, else its id."""

    def label(state: Mapping[str, Any]) -> str:
        return next((str(state[name]) for name in names if state.get(name)), str(state.get("id", "")))

    return label


def either(values: tuple[str, ...]) -> str:
    """Enum values for a description, from the contract: ```a`, `b` or `c```."""
    quoted = [f"`{value}`" for value in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
