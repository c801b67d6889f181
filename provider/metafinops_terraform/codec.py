"""cty values on the wire (msgpack, JSON) <-> the catalog's plain values, driven by catalog types.

Terraform's encoding (go-cty ``msgpack`` / ``json``):

- an object is a map of *every* attribute name to its value; null is ``nil``;
- lists and sets are arrays, maps are maps;
- a number is an int, a float64, or a decimal string (``0.1`` written in HCL is parsed at
  512 bits and sent as ``"0.1"``); we accept all three and always send decimal strings
  (see :func:`_encode_number`);
- an unknown value is a msgpack extension (type 0; type 12 carries refinements we ignore).

Numbers must come back *exactly* as they came: Terraform rejects a plan whose value differs
from the configuration by a single bit. A number received as a decimal string is therefore
kept as :class:`Number` (a ``float`` that remembers its text), and a non-integral float we
produce is sent as its shortest decimal text, which is what HCL would have parsed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

import msgpack

from metafinops.catalog import UNKNOWN, Attribute, Type

__all__ = [
    "Number",
    "decode_json",
    "decode_msgpack",
    "encode_msgpack",
    "type_json",
]

_UNKNOWN_EXT = msgpack.ExtType(0, b"\x00")
NULL: bytes = b"\xc0"  # msgpack nil: a null object


class Number(float):
    """A number received as decimal text; encodes back to that same text."""

    __slots__ = ("text",)
    text: str

    def __new__(cls, text: str) -> Number:
        number = super().__new__(cls, text)
        number.text = text
        return number

    def __repr__(self) -> str:
        return self.text


def _ext_hook(code: int, data: bytes) -> Any:
    return UNKNOWN  # 0: unknown, 12: unknown with refinements (cty 1.13+)


# --------------------------------------------------------------------------- decoding


def _decode_number(raw: Any) -> Any:
    if isinstance(raw, bool):
        raise TypeError("expected a number, got a bool")
    if isinstance(raw, int | float):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if text.lstrip("-").isdigit():
            return int(text)
        return Number(text)
    raise TypeError(f"expected a number, got {type(raw).__name__}")


def _decode(type_: Type, raw: Any) -> Any:
    if raw is None or raw is UNKNOWN:
        return raw
    kind = type_.kind
    if kind == "string":
        return raw if isinstance(raw, str) else str(raw)
    if kind == "number":
        return _decode_number(raw)
    if kind == "bool":
        return bool(raw)
    if kind == "object":
        return _decode_attributes(type_.attributes, raw)
    assert type_.element is not None
    if kind == "map":
        return {str(k): _decode(type_.element, v) for k, v in raw.items()}
    return [_decode(type_.element, v) for v in raw]


def _decode_attributes(attributes: Iterable[Attribute], raw: Mapping[str, Any]) -> dict[str, Any]:
    return {a.name: _decode(a.type, raw.get(a.name)) for a in attributes}


def _decode_root(attributes: Iterable[Attribute], raw: Any) -> dict[str, Any] | None:
    if raw is None:
        return None
    if raw is UNKNOWN:
        raise ValueError("the whole object is unknown")
    if not isinstance(raw, Mapping):
        raise TypeError(f"expected an object, got {type(raw).__name__}")
    return _decode_attributes(attributes, raw)


def decode_msgpack(attributes: Iterable[Attribute], data: bytes) -> dict[str, Any] | None:
    """A msgpack DynamicValue as a plain dict (``None`` for null or absent)."""
    if not data:
        return None
    raw = msgpack.unpackb(data, raw=False, ext_hook=_ext_hook, strict_map_key=False)
    return _decode_root(attributes, raw)


def decode_json(attributes: Iterable[Attribute], data: bytes) -> dict[str, Any] | None:
    """A JSON value (stored state) as a plain dict; attributes it lacks are null, extra ones dropped."""
    if not data:
        return None
    return _decode_root(attributes, json.loads(data, parse_float=Number))


# --------------------------------------------------------------------------- encoding


def _encode_number(value: Any) -> str:
    """Every number goes out as decimal text, never as a msgpack int or float.

    Terraform decodes a msgpack integer into a 64-bit ``big.Float`` but a decimal string, like
    a number read from its JSON state file, into a 512-bit one. The values are equal, yet
    ``plan -refresh-only -detailed-exitcode`` compares prior and refreshed state structurally
    (``reflect.DeepEqual``) and would report drift on every integer-valued attribute (exit 2
    with "No changes"). Text makes both sides the same structure.
    """
    if isinstance(value, bool):
        raise TypeError("expected a number, got a bool")
    if isinstance(value, Number):
        return value.text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value} cannot be stored in Terraform")
        if value.is_integer() and abs(value) < 2**63:
            return str(int(value))
        return repr(value)  # shortest text that round-trips; cty parses it like HCL would
    # Decimal and friends
    return str(value)


def _encode(type_: Type, value: Any) -> Any:
    if value is None:
        return None
    if value is UNKNOWN:
        return _UNKNOWN_EXT
    kind = type_.kind
    if kind == "string":
        return str(value)
    if kind == "number":
        return _encode_number(value)
    if kind == "bool":
        return bool(value)
    if kind == "object":
        return _encode_attributes(type_.attributes, value)
    assert type_.element is not None
    if kind == "map":
        return {str(k): _encode(type_.element, v) for k, v in value.items()}
    return [_encode(type_.element, v) for v in value]


def _encode_attributes(attributes: Iterable[Attribute], value: Mapping[str, Any]) -> dict[str, Any]:
    return {a.name: _encode(a.type, value.get(a.name)) for a in attributes}


def encode_msgpack(attributes: Iterable[Attribute], value: Mapping[str, Any] | None) -> bytes:
    """A plain dict as a msgpack DynamicValue of the object type ``attributes`` declare.

    Every declared attribute is written (missing ones as null); keys not declared are dropped.
    """
    if value is None:
        return NULL
    packed: bytes = msgpack.packb(_encode_attributes(attributes, value), use_bin_type=True)
    return packed


# --------------------------------------------------------------------------- types


def _type_value(type_: Type) -> Any:
    if type_.kind in ("string", "number", "bool"):
        return type_.kind
    if type_.kind == "object":
        return ["object", {a.name: _type_value(a.type) for a in type_.attributes}]
    assert type_.element is not None
    return [type_.kind, _type_value(type_.element)]


def type_json(type_: Type) -> bytes:
    """The cty type constraint as JSON: ``"string"``, ``["set","string"]``, ``["object",{…}]``."""
    return json.dumps(_type_value(type_), separators=(",", ":")).encode()
