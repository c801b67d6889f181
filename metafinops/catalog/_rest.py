"""Operations for a resource that maps one-to-one onto a REST collection of the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from metafinops.catalog._schema import Attribute, State

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["RestOperations", "to_state"]


def to_state(model: Any) -> State:
    """An SDK model as a plain JSON-like dict."""
    dumped: State = model.model_dump(mode="json")
    return dumped


@dataclass(frozen=True)
class RestOperations:
    """CRUD through one SDK namespace (``client.budgets`` …) for the resource's ``attributes``.

    The request bodies follow from the attributes (the model is the field list):
    :attr:`create_fields` are sent on create when not null; :attr:`update_fields` are all sent
    on update (null clears an optional value), so the object ends up exactly as planned.
    """

    namespace: str
    attributes: tuple[Attribute, ...]
    """The resource's attributes as the catalog declares them (not a provider's projection)."""

    @property
    def create_fields(self) -> tuple[str, ...]:
        """The inputs, but neither write-only ones nor projected ones (a provider declares those its
        own way, and the resource's operations send them)."""
        return tuple(a.name for a in self.attributes if a.is_input and not a.write_only and a.projection is None)

    @property
    def update_fields(self) -> tuple[str, ...]:
        """:attr:`create_fields` that can change in place (a force-new change replaces the object)."""
        return tuple(name for name in self.create_fields if not self._attribute(name).force_new)

    def _attribute(self, name: str) -> Attribute:
        return next(a for a in self.attributes if a.name == name)

    def api(self, client: Client) -> Any:
        return getattr(client, self.namespace)

    def create_body(self, planned: Mapping[str, Any]) -> dict[str, Any]:
        return {name: planned[name] for name in self.create_fields if planned.get(name) is not None}

    def create(self, client: Client, planned: Mapping[str, Any]) -> State:
        return to_state(self.api(client).create(**self.create_body(planned)))

    def read(self, client: Client, object_id: str) -> State | None:
        from metafinops import NotFoundError

        try:
            return self._as_read(to_state(self.api(client).get(object_id)))
        except NotFoundError:
            return None

    def list_all(self, client: Client) -> Iterable[State]:
        """Every object of the collection, 100 per request."""
        return (self._as_read(to_state(item)) for item in self.api(client).list(limit=100))

    def _as_read(self, state: State) -> State:
        """A read never returns what the API shows only once (a secret): leave it out, so
        reconcile keeps the value in state (the SDK model dumps it as null, which would erase it
        on every refresh)."""
        for attribute in self.attributes:
            if attribute.shown_once and state.get(attribute.name) is None:
                state.pop(attribute.name, None)
        return state

    def update(self, client: Client, prior: Mapping[str, Any], planned: Mapping[str, Any]) -> State:
        body = {name: planned.get(name) for name in self.update_fields}
        return to_state(self.api(client).update(str(prior["id"]), **body))

    def delete(self, client: Client, state: Mapping[str, Any]) -> None:
        from metafinops import NotFoundError

        try:
            self.api(client).delete(str(state["id"]))
        except NotFoundError:
            pass  # already gone is what delete wants
