"""Operations for a resource that maps one-to-one onto a REST collection of the API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from metafinops.catalog._schema import State

if TYPE_CHECKING:
    from metafinops import Client

__all__ = ["RestOperations", "to_state"]


def to_state(model: Any) -> State:
    """An SDK model as a plain JSON-like dict."""
    dumped: State = model.model_dump(mode="json")
    return dumped


@dataclass(frozen=True)
class RestOperations:
    """CRUD through one SDK namespace (``client.budgets`` …).

    ``create_fields`` are sent on create when not null; ``update_fields`` are all sent on
    update (null clears an optional value), so the object ends up exactly as planned.
    """

    namespace: str
    create_fields: tuple[str, ...]
    update_fields: tuple[str, ...]

    def api(self, client: Client) -> Any:
        return getattr(client, self.namespace)

    def create(self, client: Client, planned: Mapping[str, Any]) -> State:
        body = {name: planned[name] for name in self.create_fields if planned.get(name) is not None}
        return to_state(self.api(client).create(**body))

    def read(self, client: Client, object_id: str) -> State | None:
        from metafinops import NotFoundError

        try:
            return to_state(self.api(client).get(object_id))
        except NotFoundError:
            return None

    def list_all(self, client: Client) -> Iterable[State]:
        """Every object of the collection, 100 per request."""
        return (to_state(item) for item in self.api(client).list(limit=100))

    def update(self, client: Client, prior: Mapping[str, Any], planned: Mapping[str, Any]) -> State:
        body = {name: planned.get(name) for name in self.update_fields}
        return to_state(self.api(client).update(str(prior["id"]), **body))

    def delete(self, client: Client, state: Mapping[str, Any]) -> None:
        from metafinops import NotFoundError

        try:
            self.api(client).delete(str(state["id"]))
        except NotFoundError:
            pass  # already gone is what delete wants
