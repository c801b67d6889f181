"""Attributes that several declarations share."""

from __future__ import annotations

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
