"""The base of every result model, and how a response's ``data`` becomes one."""

from __future__ import annotations

from typing import Any, TypeVar

import pydantic

from metafinops._exceptions import APIResponseValidationError

__all__ = ["BaseModel", "construct"]

_T = TypeVar("_T")


class BaseModel(pydantic.BaseModel):
    """A result from the API.

    Field names are the API's (snake_case). Fields the API adds later are kept
    (``extra="allow"``), so an older SDK still reads newer responses. Schemas are built on
    first use, not at import (``defer_build=True``).
    """

    model_config = pydantic.ConfigDict(extra="allow", defer_build=True)

    _request_id: str | None = pydantic.PrivateAttr(default=None)

    @property
    def request_id(self) -> str | None:
        """The ``req_…`` id of the response this object came from; quote it to support."""
        return self._request_id


def construct(cast: type[_T], data: Any, request_id: str | None) -> _T:
    """``data`` as a ``cast``: a model (validated, carrying ``request_id``), ``None``, or as is."""
    if cast is type(None):
        return None
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
    model._request_id = request_id
    return model
