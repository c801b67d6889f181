"""The lifecycle both providers drive: create, read, import, update, delete.

Each function calls the resource's operations (the SDK calls) and turns the API's answer
into state with :func:`~metafinops.catalog._plan.reconcile`, so the stored state means
what the plan said and never carries a write-only value. Adapters call these and
translate the result to their wire format; they add no behaviour.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from metafinops.catalog._plan import reconcile
from metafinops.catalog._schema import UNKNOWN, Diagnostic, Resource, State

if TYPE_CHECKING:
    from metafinops import Client

__all__ = [
    "create",
    "delete",
    "desired_values",
    "diagnostics_from_error",
    "import_by_identity",
    "import_state",
    "is_listable",
    "list_objects",
    "read",
    "update",
]


def desired_values(resource: Resource, planned: Mapping[str, Any], config: Mapping[str, Any] | None) -> State:
    """The planned values with write-only ones taken from configuration (plans never hold them)."""
    desired = dict(planned)
    for attribute in resource.attributes:
        if attribute.write_only:
            desired[attribute.name] = (config or {}).get(attribute.name)
    return {k: (None if v is UNKNOWN else v) for k, v in desired.items()}


# --------------------------------------------------------------------------- batched refresh


class _Listable(Protocol):
    def list_all(self, client: Client) -> Iterable[State]: ...


@dataclass
class _Snapshot:
    """Recent reads of one resource type through one client, and a listing that answers them."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: int = 0
    taken_at: float = 0.0
    objects: dict[str, State] | None = None


READS_BEFORE_LISTING = 8
"""Refreshes of one type answered one GET each; after that, one paginated listing answers the rest."""

SNAPSHOT_SECONDS = 5.0
"""How long a listing answers refreshes. A refresh of many objects (a plan) takes about a second."""

_snapshots: weakref.WeakKeyDictionary[Any, dict[str, _Snapshot]] = weakref.WeakKeyDictionary()
_snapshots_lock = threading.Lock()


def _snapshot(client: Client, resource: Resource) -> _Snapshot:
    with _snapshots_lock:
        per_client = _snapshots.setdefault(client, {})
        return per_client.setdefault(resource.type_name, _Snapshot())


def _fetch(resource: Resource, client: Client, object_id: str) -> State | None:
    """The object as the API has it now: from a recent listing when many objects of the type
    are being refreshed (a plan of 200 budgets makes 2 list calls, not 200 GETs), else one GET.
    An id missing from the listing is still fetched on its own, so a deletion is confirmed."""
    operations = resource.operations
    if not hasattr(operations, "list_all"):
        return operations.read(client, object_id)
    snapshot = _snapshot(client, resource)
    with snapshot.lock:
        snapshot.reads += 1
        fresh_listing = snapshot.objects is not None and time.monotonic() - snapshot.taken_at < SNAPSHOT_SECONDS
        if not fresh_listing and snapshot.reads > READS_BEFORE_LISTING:
            listable: _Listable = operations  # type: ignore[assignment]
            snapshot.objects = {str(o["id"]): o for o in listable.list_all(client)}
            snapshot.taken_at = time.monotonic()
            fresh_listing = True
        listed = snapshot.objects.get(object_id) if fresh_listing and snapshot.objects is not None else None
    return listed if listed is not None else operations.read(client, object_id)


def _forget(resource: Resource, client: Client) -> None:
    """A write makes any listing of that type stale."""
    snapshot = _snapshot(client, resource)
    with snapshot.lock:
        snapshot.objects = None


# --------------------------------------------------------------------------- lifecycle


def create(
    resource: Resource, client: Client, planned: Mapping[str, Any], config: Mapping[str, Any] | None = None
) -> State:
    _forget(resource, client)
    fresh = resource.operations.create(client, desired_values(resource, planned, config))
    return reconcile(resource.attributes, _known(planned), fresh)


def read(resource: Resource, client: Client, prior: Mapping[str, Any]) -> State | None:
    """Refresh: the object's current state, or ``None`` when it no longer exists."""
    object_id = prior.get("id")
    if not object_id:
        return None
    fresh = _fetch(resource, client, str(object_id))
    if fresh is None:
        return None
    return reconcile(resource.attributes, prior, fresh)


def import_state(resource: Resource, client: Client, object_id: str) -> State | None:
    """State rebuilt from the id alone (what the API does not return stays null)."""
    fresh = resource.operations.read(client, object_id)
    if fresh is None:
        return None
    return reconcile(resource.attributes, None, fresh)


def import_by_identity(resource: Resource, client: Client, identity: Mapping[str, Any]) -> State | None:
    """:func:`import_state` for an identity (``import { identity = {...} }``) instead of an id string."""
    return import_state(resource, client, str(identity.get("id") or ""))


def is_listable(resource: Resource) -> bool:
    """Whether the resource's operations can list every object (``terraform query``)."""
    return hasattr(resource.operations, "list_all")


def list_objects(resource: Resource, client: Client) -> Iterator[State]:
    """Every object of the resource as an import would rebuild its state, page by page."""
    listable: _Listable = resource.operations  # type: ignore[assignment]
    for fresh in listable.list_all(client):
        yield reconcile(resource.attributes, None, fresh)


def update(
    resource: Resource,
    client: Client,
    prior: Mapping[str, Any],
    planned: Mapping[str, Any],
    config: Mapping[str, Any] | None = None,
) -> State:
    _forget(resource, client)
    fresh = resource.operations.update(client, prior, desired_values(resource, planned, config))
    return reconcile(resource.attributes, _known(planned), fresh)


def delete(resource: Resource, client: Client, state: Mapping[str, Any]) -> None:
    if state.get("id"):
        _forget(resource, client)
        resource.operations.delete(client, state)


def _known(planned: Mapping[str, Any]) -> State:
    return {k: v for k, v in planned.items() if v is not UNKNOWN}


def diagnostics_from_error(error: BaseException, *, action: str) -> list[Diagnostic]:
    """Diagnostics for an SDK error: one per field the API named, else one for the whole call.

    Messages come from the API's error body and the SDK's error class, never from request
    headers or bodies, so no secret can leak into them.
    """
    from metafinops import APIStatusError  # deferred: keeps the catalog cheap to import

    if isinstance(error, APIStatusError):
        details = getattr(error, "details", None) or []
        request_id = getattr(error, "request_id", None)
        suffix = f" (request id {request_id})" if request_id else ""
        diagnostics = [
            Diagnostic(
                summary=f"{action} failed: invalid {detail.get('field', 'value')}",
                detail=f"{detail.get('message', '')}{suffix}",
                path=tuple(_path(detail.get("field", ""))),
            )
            for detail in details
            if isinstance(detail, Mapping) and detail.get("field")
        ]
        if diagnostics:
            return diagnostics
        return [
            Diagnostic(
                summary=f"{action} failed: MetaFinOps API returned {error.status_code}",
                detail=f"{error.message}{suffix}",
            )
        ]
    return [Diagnostic(summary=f"{action} failed", detail=str(error) or type(error).__name__)]


def _path(field: str) -> list[str | int]:
    return [int(p) if p.isdigit() else p for p in field.split(".") if p]
