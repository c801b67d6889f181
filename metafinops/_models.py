"""The base of every result model, and how a response's ``data`` becomes one."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

import pydantic

from metafinops._exceptions import APIResponseValidationError

__all__ = ["BaseModel", "RawResponse", "construct"]

_T = TypeVar("_T")


@dataclasses.dataclass(frozen=True)
class RawResponse:
    """The HTTP answer a result came from, for what the parsed result leaves out.

    ``headers`` has ``X-RateLimit-*``, ``X-Request-Id``, ``Idempotent-Replayed`` …
    (case-insensitive lookup).
    """

    status_code: int
    headers: Mapping[str, str] = dataclasses.field(repr=False)
    request_id: str | None


class BaseModel(pydantic.BaseModel):
    """A result from the API.

    Field names are the API's (snake_case). Fields the API adds later are kept
    (``extra="allow"``), so an older SDK still reads newer responses. Schemas are built on
    first use, not at import (``defer_build=True``).
    """

    model_config: ClassVar[pydantic.ConfigDict] = pydantic.ConfigDict(extra="allow", defer_build=True)

    _raw_response: RawResponse | None = pydantic.PrivateAttr(default=None)

    @property
    def request_id(self) -> str | None:
        """The ``req_…`` id of the response this object came from; quote it to support."""
        return None if self._raw_response is None else self._raw_response.request_id

    @property
    def raw_response(self) -> RawResponse | None:
        """Status and headers of the response this object came from (``None`` if built by hand)."""
        return self._raw_response


def construct(cast: type[_T], data: Any, raw: RawResponse | None) -> _T:
    """``data`` as a ``cast``: a model (validated, carrying ``request_id``), ``None``, or as is."""
    if cast is type(None):
        return None
    request_id = None if raw is None else raw.request_id
    if not (isinstance(cast, type) and issubclass(cast, BaseModel)):
        return data  # type: ignore[no-any-return]
    try:
        model = cast.model_validate(data)
    except pydantic.ValidationError as exc:
        # without the input values: they may hold a secret
        problems = "; ".join(
            f"{'.'.join(map(str, error['loc'])) or '(root)'}: {error['msg']}"
            for error in exc.errors(include_input=False, include_url=False)
        )
        raise APIResponseValidationError(
            f"The API's answer is not a valid {cast.__name__}: {problems}", request_id=request_id
        ) from None
    model._raw_response = raw
    return model
