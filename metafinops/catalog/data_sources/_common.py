"""What the data sources share: result attributes, the date range, and readers for ranged endpoints.

Time-range sources take ``start`` / ``end`` (``YYYY-MM-DD``, inclusive); when omitted the API
uses the current month and the attributes report the dates it used.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from metafinops.catalog._rest import to_state
from metafinops.catalog._schema import STRING, Attribute, State, Type, list_of, object_of
from metafinops.catalog.validators import DateString

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["CURRENCY", "END", "START", "Reader", "out", "range_args", "ranged", "rows", "with_period"]


def out(name: str, type_: Type, description: str) -> Attribute:
    return Attribute(name, type_, description, computed=True)


def rows(type_name: str, *fields: tuple[str, Type, str]) -> Type:
    return list_of(object_of(type_name, *(out(n, t, d) for n, t, d in fields)))


START = Attribute(
    "start",
    STRING,
    "First day of the range (`YYYY-MM-DD`); defaults to the first day of the current month.",
    optional=True,
    computed=True,
    validators=(DateString(),),
)
END = Attribute(
    "end",
    STRING,
    "Last day of the range, inclusive (`YYYY-MM-DD`); defaults to the last day of the current month.",
    optional=True,
    computed=True,
    validators=(DateString(),),
)
CURRENCY = out("currency", STRING, "ISO 4217 currency of the amounts.")


def range_args(args: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: args[name] for name in ("start", "end", *names) if args.get(name) is not None}


def with_period(result: State) -> State:
    period = result.get("period") or {}
    return {**result, "start": period.get("start"), "end": period.get("end")}


Reader = Callable[["Client", Mapping[str, Any]], State]


def ranged(call: Callable[[Client, dict[str, Any]], Any], *filters: str) -> Reader:
    def read(client: Client, args: Mapping[str, Any]) -> State:
        result = with_period(to_state(call(client, range_args(args, *filters))))
        return {**{f: args.get(f) for f in filters}, **result}

    return read
