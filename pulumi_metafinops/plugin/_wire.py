"""Translation between pulumirpc property values and the catalog's plain values.

The engine sends and expects a ``google.protobuf.Struct`` of camelCase properties in
which some values are *special*: an object whose ``SIG_KEY`` names what it is (a secret,
a resource reference, an output value) and the plain string :data:`UNKNOWN_SENTINEL` for a
value not known until apply. The catalog works on snake_case dicts of ``str``/``int``/
``float``/``bool``/``None``/``list``/``dict`` with :data:`metafinops.catalog.UNKNOWN`.

Everything here is driven by the catalog's attribute types, so map keys (``tags``) are
never renamed, and a property with no attribute is reported instead of guessed at.
Secrets are tracked per top-level property: a property with a secret anywhere inside is
returned whole as a secret, and sensitive attributes are always returned as secrets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from metafinops.catalog import UNKNOWN, Attribute, Path, Type
from pulumi_metafinops.plugin._naming import camel_case
from pulumi_metafinops.plugin._rpc import struct_pb2

__all__ = [
    "SECRET_SIG",
    "SIG_KEY",
    "UNKNOWN_SENTINEL",
    "Decoded",
    "UnsupportedValue",
    "decode",
    "encode",
    "property_path",
    "to_struct",
]

UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
"""The engine's unknown value (``pulumi.runtime.rpc.UNKNOWN``)."""

SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
RESOURCE_REFERENCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e"
OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17"
ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7"


class UnsupportedValue(ValueError):
    """A special value this provider cannot take (an asset or archive)."""


# --------------------------------------------------------------------------- decoding


class _Secret:
    """A value that arrived marked secret, until the typed pass records and unwraps it."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _from_proto(value: struct_pb2.Value) -> Any:
    kind = value.WhichOneof("kind")
    if kind == "null_value" or kind is None:
        return None
    if kind == "bool_value":
        return value.bool_value
    if kind == "number_value":
        number = value.number_value
        return int(number) if math.isfinite(number) and number.is_integer() and abs(number) < 2**53 else number
    if kind == "string_value":
        return UNKNOWN if value.string_value == UNKNOWN_SENTINEL else value.string_value
    if kind == "list_value":
        return [_from_proto(v) for v in value.list_value.values]
    fields = {k: _from_proto(v) for k, v in value.struct_value.fields.items()}
    return _special(fields) if SIG_KEY in fields else fields


def _special(fields: dict[str, Any]) -> Any:
    sig = fields[SIG_KEY]
    if sig == SECRET_SIG:
        return _Secret(fields.get("value"))
    if sig == OUTPUT_VALUE_SIG:
        inner = fields.get("value", UNKNOWN)
        return _Secret(inner) if fields.get("secret") else inner
    if sig == RESOURCE_REFERENCE_SIG:
        # Sent only to providers that accept resources (we do not), but a reference to a
        # custom resource means its id wherever this provider takes one.
        return fields.get("id") or UNKNOWN
    raise UnsupportedValue("assets and archives are not supported by the metafinops provider")


@dataclass
class Decoded:
    """Properties in catalog form."""

    values: dict[str, Any] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)
    """Top-level names whose value held a secret."""
    unsupported: list[tuple[str, list[str]]] = field(default_factory=list)
    """Pulumi property paths that name no attribute, each with the names allowed there."""


def decode(struct: struct_pb2.Struct | None, attributes: Iterable[Attribute]) -> Decoded:
    """A Struct of camelCase properties as snake_case catalog values."""
    decoded = Decoded()
    if struct is None:
        return decoded
    by_camel = {camel_case(a.name): a for a in attributes}
    for key, proto in struct.fields.items():
        raw = _from_proto(proto)
        attribute = by_camel.get(key)
        if attribute is None:
            decoded.unsupported.append((key, sorted(by_camel)))
            continue
        secret, value = _typed(attribute.type, raw, key, decoded.unsupported)
        decoded.values[attribute.name] = value
        if secret:
            decoded.secrets.add(attribute.name)
    return decoded


def _typed(type_: Type, raw: Any, where: str, unsupported: list[tuple[str, list[str]]]) -> tuple[bool, Any]:
    """(held a secret, the value with nested object keys in snake_case and secrets unwrapped)."""
    secret = False
    if isinstance(raw, _Secret):
        secret, raw = True, raw.value
    if raw is None or raw is UNKNOWN:
        return secret, raw
    if type_.kind == "object" and isinstance(raw, dict):
        by_camel = {camel_case(a.name): a for a in type_.attributes}
        result: dict[str, Any] = {}
        for key, item in raw.items():
            attribute = by_camel.get(key)
            if attribute is None:
                unsupported.append((f"{where}.{key}", sorted(by_camel)))
                continue
            inner_secret, result[attribute.name] = _typed(attribute.type, item, f"{where}.{key}", unsupported)
            secret = secret or inner_secret
        return secret, result
    if type_.kind in ("list", "set") and isinstance(raw, list):
        assert type_.element is not None
        items = []
        for index, item in enumerate(raw):
            inner_secret, value = _typed(type_.element, item, f"{where}[{index}]", unsupported)
            items.append(value)
            secret = secret or inner_secret
        return secret, items
    if type_.kind == "map" and isinstance(raw, dict):
        assert type_.element is not None
        entries = {}
        for key, item in raw.items():
            inner_secret, entries[key] = _typed(type_.element, item, f"{where}[{json.dumps(key)}]", unsupported)
            secret = secret or inner_secret
        return secret, entries
    # a scalar, or a value of the wrong shape that validation reports
    return secret, _unwrap(raw)


def _unwrap(raw: Any) -> Any:
    if isinstance(raw, _Secret):
        return _unwrap(raw.value)
    if isinstance(raw, list):
        return [_unwrap(v) for v in raw]
    if isinstance(raw, dict):
        return {k: _unwrap(v) for k, v in raw.items()}
    return raw


# --------------------------------------------------------------------------- encoding


def _to_wire(type_: Type, value: Any) -> Any:
    if value is UNKNOWN:
        return UNKNOWN_SENTINEL
    if value is None:
        return None
    if type_.kind == "object" and isinstance(value, Mapping):
        return {
            camel_case(a.name): _to_wire(a.type, value.get(a.name))
            for a in type_.attributes
            if value.get(a.name) is not None
        }
    if type_.kind in ("list", "set") and isinstance(value, list | tuple):
        assert type_.element is not None
        return [_to_wire(type_.element, v) for v in value]
    if type_.kind == "map" and isinstance(value, Mapping):
        assert type_.element is not None
        return {k: _to_wire(type_.element, v) for k, v in value.items()}
    return value


def encode(
    attributes: Iterable[Attribute],
    values: Mapping[str, Any],
    secrets: Iterable[str] = (),
) -> struct_pb2.Struct:
    """``values`` as a Struct of camelCase properties; null properties are left out.

    Properties named in ``secrets``, and every sensitive attribute, are sent as secrets.
    """
    secret_names = set(secrets)
    wire: dict[str, Any] = {}
    for attribute in attributes:
        value = values.get(attribute.name)
        if value is None:
            continue
        encoded = _to_wire(attribute.type, value)
        if attribute.sensitive or attribute.name in secret_names:
            encoded = {SIG_KEY: SECRET_SIG, "value": encoded}
        wire[camel_case(attribute.name)] = encoded
    return to_struct(wire)


def to_struct(values: Mapping[str, Any]) -> struct_pb2.Struct:
    struct = struct_pb2.Struct()
    struct.update(dict(values))
    return struct


def property_path(attributes: Iterable[Attribute], path: Path) -> str:
    """A catalog path as a Pulumi property path: ``thresholds[0].percent``, ``filters.tags["env"]``."""
    if not path:
        return ""
    by_name = {a.name: a for a in attributes}
    first = path[0]
    attribute = by_name.get(str(first))
    text = camel_case(str(first)) if attribute is not None else str(first)
    type_ = attribute.type if attribute is not None else None
    for part in path[1:]:
        if type_ is not None and type_.kind == "object":
            inner = {a.name: a for a in type_.attributes}.get(str(part))
            text += f".{camel_case(str(part))}"
            type_ = inner.type if inner is not None else None
        elif type_ is not None and type_.kind == "map":
            text += f"[{json.dumps(str(part))}]"
            type_ = type_.element
        elif isinstance(part, int):
            text += f"[{part}]"
            type_ = type_.element if type_ is not None else None
        else:
            text += f".{camel_case(str(part))}"
            type_ = None
    return text
