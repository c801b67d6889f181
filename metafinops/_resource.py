"""Resource namespaces (``client.budgets`` …), each endpoint declared once for both clients.

A resource method is written once, as a function that checks its arguments and returns the
:class:`~metafinops._operation.Operation` to carry out::

    class Budgets(APIResource[ClientT]):
        @endpoint
        def get(self, budget_id: str) -> Operation[Budget]:
            return Operation("GET", f"/budgets/{path_param('budget_id', budget_id)}", Budget)

Reached through a :class:`~metafinops.Client` it runs the call and returns a ``Budget``;
through an :class:`~metafinops.AsyncClient` it returns a coroutine of one. Arguments are
checked when the method is called, before any request. ``@paginated`` does the same for
list endpoints, returning a ``SyncCursorPage`` / an ``AsyncPaginator`` (await it for an
``AsyncCursorPage``, or ``async for`` over it).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from metafinops._operation import Operation

if TYPE_CHECKING:
    from metafinops._base_client import BaseClient
    from metafinops._client import AsyncClient, Client
    from metafinops._pagination import AsyncPaginator, SyncCursorPage

__all__ = ["APIResource", "ClientT", "endpoint", "paginated"]

ClientT = TypeVar("ClientT", bound="BaseClient[Any]")
_P = ParamSpec("_P")
_T = TypeVar("_T")


class APIResource(Generic[ClientT]):
    """A namespace of endpoints on a client: ``client.budgets``, ``client.costs`` …"""

    def __init__(self, client: ClientT) -> None:
        self._client = client


class _Endpoint(Generic[_P, _T]):
    _run_method: str  # the client method that carries out the operation

    def __init__(self, build: Callable[Concatenate[Any, _P], Operation[_T]]) -> None:
        self._build = build
        self.__doc__ = build.__doc__
        self.__wrapped__ = build

    def _bind(self, resource: APIResource[Any]) -> Callable[..., Any]:
        build = self._build.__get__(resource)
        run = getattr(resource._client, self._run_method)

        @functools.wraps(build)
        def call(*args: Any, **kwargs: Any) -> Any:
            return run(build(*args, **kwargs))

        return call


class endpoint(_Endpoint[_P, _T]):
    """Declares a method returning one object (or ``None``)."""

    _run_method = "_run"

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, resource: APIResource[Client], owner: type[Any]) -> Callable[_P, _T]: ...
    @overload
    def __get__(
        self, resource: APIResource[AsyncClient], owner: type[Any]
    ) -> Callable[_P, Coroutine[Any, Any, _T]]: ...
    def __get__(self, resource: APIResource[Any] | None, owner: type[Any]) -> Any:
        return self if resource is None else self._bind(resource)


class paginated(_Endpoint[_P, _T]):
    """Declares a list method: the operation's ``cast`` is the type of one item."""

    _run_method = "_list"

    @overload
    def __get__(self, resource: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, resource: APIResource[Client], owner: type[Any]) -> Callable[_P, SyncCursorPage[_T]]: ...
    @overload
    def __get__(self, resource: APIResource[AsyncClient], owner: type[Any]) -> Callable[_P, AsyncPaginator[_T]]: ...
    def __get__(self, resource: APIResource[Any] | None, owner: type[Any]) -> Any:
        return self if resource is None else self._bind(resource)
