"""The rules both providers follow: validation, defaults, plans, semantic equality.

Each takes a declaration as one provider sees it (a resource's :meth:`~Resource.for_terraform`
or :meth:`~Resource.for_pulumi` projection): nothing here asks which provider it serves.

- :func:`validate` — every problem in a configuration, each on its attribute path.
- :func:`plan` — the planned state from prior state and configuration: defaults applied,
  computed values unknown on create and kept from prior state afterwards (Terraform's
  ``UseStateForUnknown``), write-only values never planned, and the attributes whose change
  forces a replacement.
- :func:`equivalent` / :func:`reconcile` — semantic equality (``2000 == 2000.0``, sets in any
  order, an empty collection is the same as null) so that reading an object back never
  invents a diff: where the API's value means the same as the prior one, the prior is kept.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from metafinops.catalog._schema import (
    UNKNOWN,
    Attribute,
    DataSource,
    Diagnostic,
    Path,
    ProviderConfig,
    Resource,
    State,
    Type,
)

__all__ = [
    "Plan",
    "apply_defaults",
    "canonical",
    "changed_attributes",
    "contains_unknown",
    "equivalent",
    "plan",
    "reconcile",
    "validate",
]

# --------------------------------------------------------------------------- validation


def _type_problem(type_: Type, value: Any) -> str | None:
    kind = type_.kind
    if kind == "string" and not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if kind == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
        return f"must be a number, got {type(value).__name__}"
    if kind == "number" and isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if kind == "bool" and not isinstance(value, bool):
        return f"must be true or false, got {type(value).__name__}"
    if kind in ("list", "set") and not isinstance(value, list | tuple):
        return f"must be a list, got {type(value).__name__}"
    if kind in ("map", "object") and not isinstance(value, Mapping):
        return f"must be an object, got {type(value).__name__}"
    return None


def _validate_value(attribute: Attribute, type_: Type, value: Any, path: Path) -> list[Diagnostic]:
    if value is None or value is UNKNOWN:
        return []
    problem = _type_problem(type_, value)
    if problem:
        return [_diagnostic(attribute, path, problem)]
    diagnostics: list[Diagnostic] = []
    if type_ is attribute.type:
        for validator in attribute.validators:
            message = validator(value)
            if message:
                diagnostics.append(_diagnostic(attribute, path, message))
    if type_.kind == "object":
        diagnostics += _validate_attributes(type_.attributes, value, path)
    elif type_.kind in ("list", "set", "map"):
        assert type_.element is not None
        items = value.items() if type_.kind == "map" else enumerate(value)
        seen: list[Any] = []
        for key, item in items:
            item_path = (*path, key)
            if item is None and type_.kind != "map":
                diagnostics.append(_diagnostic(attribute, item_path, "must not contain null elements"))
                continue
            if item is UNKNOWN:
                continue
            if type_.element.kind == "object":
                diagnostics += _validate_attributes(type_.element.attributes, item, item_path)
            else:
                problem = _type_problem(type_.element, item)
                if problem:
                    diagnostics.append(_diagnostic(attribute, item_path, problem))
                    continue
                for validator in attribute.element_validators:
                    message = validator(item)
                    if message:
                        diagnostics.append(_diagnostic(attribute, item_path, message))
            if type_.kind == "set" and not contains_unknown(item):
                if any(equivalent(type_.element, item, other) for other in seen):
                    diagnostics.append(_diagnostic(attribute, item_path, "must not repeat an element"))
                seen.append(item)
    return diagnostics


def _diagnostic(attribute: Attribute, path: Path, message: str) -> Diagnostic:
    where = ".".join(str(p) for p in path)
    return Diagnostic(
        summary=f"Invalid value for {attribute.name}",
        detail=f"{where} {message}.",
        path=path,
    )


def _validate_attributes(attributes: Iterable[Attribute], values: Mapping[str, Any], path: Path) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    known = {a.name for a in attributes}
    for name in values:
        if name not in known:
            diagnostics.append(
                Diagnostic(
                    summary=f"Unsupported argument {name}",
                    detail=f"{'.'.join(str(p) for p in (*path, name))} is not an argument here; "
                    f"expected one of: {', '.join(sorted(known))}.",
                    path=(*path, name),
                )
            )
    for attribute in attributes:
        value = values.get(attribute.name)
        attribute_path = (*path, attribute.name)
        if value is None and attribute.required:
            diagnostics.append(
                Diagnostic(
                    summary=f"Missing required argument {attribute.name}",
                    detail=f"{'.'.join(str(p) for p in attribute_path)} must be set: {attribute.description}",
                    path=attribute_path,
                )
            )
            continue
        if value is not None and value is not UNKNOWN and not attribute.is_input:
            diagnostics.append(
                Diagnostic(
                    summary=f"{attribute.name} is read-only",
                    detail=f"{attribute.name} is computed by MetaFinOps and cannot be set.",
                    path=attribute_path,
                )
            )
            continue
        diagnostics += _validate_value(attribute, attribute.type, value, attribute_path)
    return diagnostics


def validate(declaration: Resource | DataSource | ProviderConfig, config: Mapping[str, Any]) -> list[Diagnostic]:
    """Every problem in ``config`` (which may hold UNKNOWN values), on its attribute path."""
    diagnostics = _validate_attributes(declaration.attributes, config, ())
    if declaration.validate is not None and not any(d.is_error for d in diagnostics):
        diagnostics += declaration.validate(config)
    return diagnostics


# --------------------------------------------------------------------------- values


def contains_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(contains_unknown(v) for v in value.values())
    if isinstance(value, list | tuple):
        return any(contains_unknown(v) for v in value)
    return False


def _is_empty(type_: Type, value: Any) -> bool:
    """Null, an empty collection, or an object whose every attribute is empty."""
    if value is None:
        return True
    if value is UNKNOWN:
        return False
    if type_.kind in ("list", "set", "map"):
        return len(value) == 0
    if type_.kind == "object":
        return all(_is_empty(a.type, value.get(a.name)) for a in type_.attributes if not a.has_default)
    return False


def equivalent(type_: Type, a: Any, b: Any, *, empty_is_null: bool = True) -> bool:
    """Semantic equality: numbers by value, sets in any order, and (unless ``empty_is_null``
    is false, which gives Terraform's own value equality) an empty collection equals null."""
    if a is UNKNOWN or b is UNKNOWN:
        return a is b
    if a is None or b is None:
        if not empty_is_null:
            return a is b
        return _is_empty(type_, a) and _is_empty(type_, b)
    kind = type_.kind
    if kind == "number":
        return bool(float(a) == float(b))
    if kind in ("string", "bool"):
        return bool(a == b)
    if kind == "object":
        return all(
            equivalent(at.type, a.get(at.name), b.get(at.name), empty_is_null=empty_is_null) for at in type_.attributes
        )
    assert type_.element is not None
    element = type_.element
    if kind == "map":
        if not empty_is_null and set(a) != set(b):
            return False
        keys = set(a) | set(b)
        return all(equivalent(element, a.get(k), b.get(k), empty_is_null=empty_is_null) for k in keys)
    if len(a) != len(b):
        return False
    if kind == "list":
        return all(equivalent(element, x, y, empty_is_null=empty_is_null) for x, y in zip(a, b, strict=True))
    # set: every element matched once
    unmatched = list(b)
    for x in a:
        for index, y in enumerate(unmatched):
            if equivalent(element, x, y, empty_is_null=empty_is_null):
                del unmatched[index]
                break
        else:
            return False
    return True


def canonical(type_: Type, value: Any) -> Any:
    """The form state takes when nothing prior decides: empties become null, numbers stay numbers."""
    if value is None or value is UNKNOWN:
        return value
    if type_.kind == "object":
        result = {a.name: canonical(a.type, value.get(a.name)) for a in type_.attributes}
        return None if _is_empty(type_, result) and not any(a.has_default for a in type_.attributes) else result
    if type_.kind in ("list", "set"):
        assert type_.element is not None
        if not value:
            return None
        return [canonical(type_.element, v) for v in value]
    if type_.kind == "map":
        assert type_.element is not None
        return {k: canonical(type_.element, v) for k, v in value.items()} if value else None
    if type_.kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value


def _reconcile_value(type_: Type, prior: Any, fresh: Any) -> Any:
    if equivalent(type_, prior, fresh):
        return prior
    if prior is None or prior is UNKNOWN:
        return canonical(type_, fresh)
    if type_.kind == "object" and isinstance(prior, Mapping) and isinstance(fresh, Mapping):
        return {a.name: _reconcile_value(a.type, prior.get(a.name), fresh.get(a.name)) for a in type_.attributes}
    if type_.kind == "set" and isinstance(prior, list) and isinstance(fresh, list):
        # keep prior's order for elements that survive, then the new ones
        assert type_.element is not None
        remaining = list(fresh)
        kept: list[Any] = []
        for old in prior:
            for index, new in enumerate(remaining):
                if equivalent(type_.element, old, new):
                    kept.append(old)
                    del remaining[index]
                    break
        return kept + [canonical(type_.element, v) for v in remaining]
    return canonical(type_, fresh)


def reconcile(attributes: Iterable[Attribute], prior: Mapping[str, Any] | None, fresh: Mapping[str, Any]) -> State:
    """The state to store after reading ``fresh`` from the API.

    Where ``fresh`` means the same as ``prior`` (the planned or prior state), the prior's
    representation is kept, so a refresh never shows a diff that isn't there. Write-only
    attributes stay null; attributes the API does not return keep their prior value.
    """
    prior = prior or {}
    state: State = {}
    for attribute in attributes:
        name = attribute.name
        if attribute.write_only:
            state[name] = None
        elif name not in fresh:
            state[name] = prior.get(name)
        else:
            state[name] = _reconcile_value(attribute.type, prior.get(name), fresh[name])
    return state


# --------------------------------------------------------------------------- planning


def _default_nested(type_: Type, value: Any) -> Any:
    if value is None or value is UNKNOWN:
        return value
    if type_.kind == "object":
        return apply_defaults(type_.attributes, value)
    if type_.kind in ("list", "set") and type_.element is not None and type_.element.kind == "object":
        return [_default_nested(type_.element, v) for v in value]
    return value


def apply_defaults(attributes: Iterable[Attribute], config: Mapping[str, Any]) -> State:
    """``config`` with defaults planned for null attributes, nested objects included."""
    result: State = dict(config)
    for attribute in attributes:
        value = config.get(attribute.name)
        if value is None and attribute.has_default:
            result[attribute.name] = attribute.default
        else:
            result[attribute.name] = _default_nested(attribute.type, value)
    return result


@dataclass
class Plan:
    planned: State
    requires_replace: list[Path] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def changed_attributes(
    attributes: Sequence[Attribute], prior: Mapping[str, Any], planned: Mapping[str, Any]
) -> list[str]:
    """Names of attributes whose planned value differs from prior state."""
    return [
        a.name
        for a in attributes
        if not a.write_only and not equivalent(a.type, prior.get(a.name), planned.get(a.name))
    ]


def plan(resource: Resource, prior: Mapping[str, Any] | None, config: Mapping[str, Any]) -> Plan:
    """Planned state for ``config`` over ``prior`` (``None`` when creating)."""
    attributes = resource.attributes
    configured = apply_defaults(attributes, config)
    planned: State = {}
    for attribute in attributes:
        name = attribute.name
        value = configured.get(name)
        if attribute.write_only:
            planned[name] = None
        elif value is not None and attribute.is_input:
            if (
                prior is not None
                and not contains_unknown(value)
                and equivalent(attribute.type, prior.get(name), value, empty_is_null=False)
            ):
                value = prior.get(name)  # equal values: keep the stored representation (2000.0, set order)
            planned[name] = value
        elif not attribute.computed:
            planned[name] = None
        elif prior is None:
            planned[name] = UNKNOWN
        else:
            planned[name] = prior.get(name)
    if prior is None:
        return Plan(planned=planned)

    changed = changed_attributes(attributes, prior, planned)
    # computed attributes that depend on something that changed are unknown again (unless configured)
    for attribute in attributes:
        triggered = attribute.computed and any(t in changed for t in attribute.recompute_when)
        supplied = attribute.is_input and config.get(attribute.name) is not None
        if triggered and not supplied:
            planned[attribute.name] = UNKNOWN
            if attribute.name not in changed:
                changed.append(attribute.name)
    requires_replace: list[Path] = [(name,) for name in changed if resource.attribute(name).force_new]
    return Plan(planned=planned, requires_replace=requires_replace, changed=changed)
