"""Declaration types of the resource catalog.

A resource or data source is declared once, as data: its attributes (type, required /
optional / computed, default, sensitive, write-only, force-new, validators, description)
and the operations that call the SDK. The Terraform and Pulumi adapters read these
declarations and translate wire formats; they hold no behaviour of their own.

An attribute that a provider cannot take as the API has it carries a :class:`Projection`;
each adapter reads its own projection of a resource (:meth:`Resource.for_terraform`,
:meth:`Resource.for_pulumi`), so no shared code asks which provider it serves.

Values crossing the catalog boundary are plain Python: ``str``, ``float``/``int``,
``bool``, ``None`` (null), ``list`` (lists *and* sets), ``dict`` (maps and objects), and
:data:`UNKNOWN` for a value that is not known until apply.

This module must stay cheap to import: the Terraform provider reads the schema at every
start, so nothing here imports the SDK, pydantic or httpx.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from metafinops import Client

__all__ = [
    "BOOL",
    "NUMBER",
    "STRING",
    "UNKNOWN",
    "Attribute",
    "DataSource",
    "Diagnostic",
    "Identity",
    "Path",
    "Projection",
    "Resource",
    "ResourceOperations",
    "Type",
    "Unknown",
    "Validator",
    "list_of",
    "map_of",
    "object_of",
    "set_of",
]


class Unknown:
    """The type of :data:`UNKNOWN`: a value known only after apply."""

    _instance: Unknown | None = None
    __slots__ = ()

    def __new__(cls) -> Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        raise TypeError("UNKNOWN has no truth value; test `value is UNKNOWN` first")


UNKNOWN = Unknown()
"""The single unknown value (Terraform's unknown, Pulumi's computed)."""

Path = tuple[str | int, ...]
"""Where a value sits: attribute names and list indexes, e.g. ``("thresholds", 0, "percent")``."""

TypeKind = Literal["string", "number", "bool", "list", "set", "map", "object"]


@dataclass(frozen=True)
class Type:
    """An attribute's value type. Build with the constants and ``*_of`` helpers."""

    kind: TypeKind
    element: Type | None = None
    attributes: tuple[Attribute, ...] = ()
    name: str = ""
    """For objects: a CamelCase type name (Pulumi's object type token, docs headings)."""

    def attribute(self, name: str) -> Attribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(name)

    def describe(self) -> str:
        """Human type name for docs: ``Set of String``, ``Object``…"""
        if self.kind in ("list", "set", "map"):
            assert self.element is not None
            return f"{self.kind.capitalize()} of {self.element.describe()}"
        return {"string": "String", "number": "Number", "bool": "Boolean", "object": "Object"}[self.kind]


STRING = Type("string")
NUMBER = Type("number")
BOOL = Type("bool")


def list_of(element: Type) -> Type:
    return Type("list", element=element)


def set_of(element: Type) -> Type:
    return Type("set", element=element)


def map_of(element: Type) -> Type:
    return Type("map", element=element)


def object_of(name: str, *attributes: Attribute) -> Type:
    return Type("object", attributes=tuple(attributes), name=name)


class Validator(Protocol):
    """Checks one known, non-null value; returns a problem sentence or ``None``."""

    @property
    def description(self) -> str:
        """What the validator demands, for docs (``one of `monthly`, `quarterly`…``)."""
        ...

    def __call__(self, value: Any) -> str | None: ...


@dataclass(frozen=True)
class Attribute:
    """One attribute of a resource, data source, nested object or the provider."""

    name: str
    type: Type
    description: str
    required: bool = False
    optional: bool = False
    computed: bool = False
    sensitive: bool = False
    write_only: bool = False
    """Accepted in configuration, never stored in state (Terraform >= 1.11)."""
    force_new: bool = False
    """A change replaces the object."""
    default: Any = None
    """Planned when the configuration leaves the attribute null (makes it optional+computed)."""
    validators: tuple[Validator, ...] = ()
    element_validators: tuple[Validator, ...] = ()
    """Applied to each element of a list/set/map."""
    recompute_when: tuple[str, ...] = ()
    """Computed attribute: unknown again in a plan that changes any of these sibling attributes."""
    shown_once: bool = False
    """The API returns the value only when it makes it (create, rotation), never on a read: state
    keeps it across refresh, and it may be null (after an import). A signing secret, say."""
    projection: Projection | None = None
    """How a provider that cannot take the attribute as the API has it declares it instead
    (:class:`Projection`); ``None``: every provider declares it as it is. Top-level resource
    attributes only."""

    def __post_init__(self) -> None:
        if not (self.required or self.optional or self.computed):
            raise ValueError(f"{self.name}: one of required / optional / computed must be set")
        if self.required and (self.optional or self.computed or self.default is not None):
            raise ValueError(f"{self.name}: required excludes optional, computed and default")
        if not self.description:
            raise ValueError(f"{self.name}: every attribute needs a description")

    @property
    def has_default(self) -> bool:
        return self.default is not None

    @property
    def is_input(self) -> bool:
        """Set by configuration (required or optional)."""
        return self.required or self.optional

    @property
    def nested(self) -> tuple[Attribute, ...]:
        """Attributes of a nested object, or of the objects in a list/set."""
        if self.type.kind == "object":
            return self.type.attributes
        if self.type.element is not None and self.type.element.kind == "object":
            return self.type.element.attributes
        return ()

    def for_terraform(self) -> tuple[Attribute, ...]:
        """The attribute as Terraform declares it: itself, or what its projection makes of it."""
        return (self,) if self.projection is None else self.projection.terraform(self)

    def for_pulumi(self) -> tuple[Attribute, ...]:
        """The attribute as Pulumi declares it: itself, or what its projection makes of it."""
        return (self,) if self.projection is None else self.projection.pulumi(self)


class Projection(Protocol):
    """How each provider declares one attribute that not every provider can take as the API has it.

    The catalog states the attribute once, as the API has it (the webhook's signing secret: an
    optional input, otherwise generated, sensitive); a projection says what each provider makes
    of it (Terraform: a write-only input, a version that rotates it and the computed secret;
    Pulumi: one secret input and output), like pulumi-go-provider's separate Args and State.
    The attributes a projection returns carry no projection themselves.
    """

    def terraform(self, attribute: Attribute) -> tuple[Attribute, ...]: ...

    def pulumi(self, attribute: Attribute) -> tuple[Attribute, ...]: ...


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in configuration or returned by an operation."""

    summary: str
    detail: str = ""
    path: Path = ()
    severity: Literal["error", "warning"] = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


State = dict[str, Any]


class ResourceOperations(Protocol):
    """The SDK calls behind a resource. Values in and out are plain state dicts."""

    def create(self, client: Client, planned: Mapping[str, Any]) -> State:
        """Create the object; return its full state."""
        ...

    def read(self, client: Client, object_id: str) -> State | None:
        """Fetch the object's state from the API, or ``None`` if it is gone."""
        ...

    def update(self, client: Client, prior: Mapping[str, Any], planned: Mapping[str, Any]) -> State:
        """Change the object in place; return its full state."""
        ...

    def delete(self, client: Client, state: Mapping[str, Any]) -> None:
        """Delete the object; already gone is success."""
        ...


@dataclass(frozen=True)
class Identity:
    """What names one object of a resource for good: Terraform's resource identity (1.12+).

    The identity is the values of ``attributes`` (names of the resource's own attributes) in
    the object's state; Terraform stores it beside the state, imports by it
    (``import { identity = {...} }``) and lists objects by it (``terraform query``). All of
    them are needed to import.
    """

    attributes: tuple[str, ...] = ("id",)
    version: int = 0
    """Raised whenever ``attributes`` change, like a schema version."""

    def of(self, state: Mapping[str, Any] | None) -> State | None:
        """The identity of the object in ``state`` (``None`` for no object)."""
        if state is None:
            return None
        return {name: state.get(name) for name in self.attributes}


@dataclass(frozen=True)
class Resource:
    """A managed resource: ``metafinops_budget`` / ``metafinops:index:Budget``."""

    type_name: str
    pulumi_name: str
    description: str
    attributes: tuple[Attribute, ...]
    operations: ResourceOperations
    validate: Callable[[Mapping[str, Any]], Sequence[Diagnostic]] | None = None
    """Checks across attributes (values may be UNKNOWN; skip those)."""
    import_note: str = ""
    """What an import cannot recover (for the docs)."""
    schema_version: int = 0
    identity: Identity = field(default_factory=Identity)
    """How one object is named for good (resource identity); the id by default."""
    display_name: Callable[[Mapping[str, Any]], str] | None = None
    """A short label of an object for listings (``terraform query``); its id when not given."""

    def attribute(self, name: str) -> Attribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(name)

    @property
    def identity_attributes(self) -> tuple[Attribute, ...]:
        """The attributes that make up :attr:`identity`, as declared on the resource."""
        return tuple(self.attribute(name) for name in self.identity.attributes)

    def label(self, state: Mapping[str, Any]) -> str:
        """:attr:`display_name` of the object in ``state``."""
        if self.display_name is not None:
            return self.display_name(state)
        return str(state.get("id", ""))

    def for_terraform(self) -> Resource:
        """The resource as Terraform sees it: every attribute's Terraform projection."""
        return self._terraform

    def for_pulumi(self) -> Resource:
        """The resource as Pulumi sees it: every attribute's Pulumi projection."""
        return self._pulumi

    @cached_property
    def _terraform(self) -> Resource:
        return replace(self, attributes=tuple(p for a in self.attributes for p in a.for_terraform()))

    @cached_property
    def _pulumi(self) -> Resource:
        return replace(self, attributes=tuple(p for a in self.attributes for p in a.for_pulumi()))

    @property
    def short_name(self) -> str:
        """``budget`` for ``metafinops_budget`` (docs and examples file names)."""
        return self.type_name.removeprefix("metafinops_")


@dataclass(frozen=True)
class DataSource:
    """A read-only query: ``metafinops_cost_summary`` / ``metafinops:index:getCostSummary``."""

    type_name: str
    pulumi_name: str
    description: str
    attributes: tuple[Attribute, ...]
    read: Callable[[Client, Mapping[str, Any]], State]
    """Given the arguments (inputs), return every attribute's value."""
    validate: Callable[[Mapping[str, Any]], Sequence[Diagnostic]] | None = None

    def attribute(self, name: str) -> Attribute:
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        raise KeyError(name)

    @property
    def short_name(self) -> str:
        return self.type_name.removeprefix("metafinops_")


@dataclass(frozen=True)
class ProviderConfig:
    """The provider's own configuration block."""

    description: str
    attributes: tuple[Attribute, ...] = field(default_factory=tuple)
    validate: Callable[[Mapping[str, Any]], Sequence[Diagnostic]] | None = None
    """Checks across attributes, as for resources (added so :func:`validate` takes a provider config)."""
