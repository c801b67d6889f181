"""How catalog names are spelled in Pulumi (shared by the plugin and the schema generator)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from metafinops.catalog import Attribute

__all__ = ["all_names", "camel_case", "pulumi_text"]

_SNAKE_WORD = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def camel_case(name: str) -> str:
    """``start_date`` → ``startDate``: a catalog (API, Terraform) name as a Pulumi property name."""
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def all_names(attributes: Iterable[Attribute]) -> set[str]:
    """The names of ``attributes`` and of every attribute nested in them."""
    names: set[str] = set()
    for attribute in attributes:
        names.add(attribute.name)
        names |= all_names(attribute.nested)
    return names


def pulumi_text(text: str, names: set[str]) -> str:
    """Prose with the multi-word catalog names among ``names`` (``cooldown_minutes``) in camelCase.

    Other snake_case words (values such as ``cost_anomaly``) are left alone.
    """
    return _SNAKE_WORD.sub(lambda m: camel_case(m[0]) if m[0] in names else m[0], text)
