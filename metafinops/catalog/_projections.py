"""Projections: what each provider makes of an attribute it cannot take as the API has it.

See :class:`~metafinops.catalog._schema.Projection`. One projection exists today, for a secret
that the configuration may supply and the API otherwise generates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from metafinops.catalog._schema import NUMBER, Attribute
from metafinops.catalog.validators import Integer, Range

__all__ = ["WriteOnlyInTerraform", "version_name", "write_only_name"]


def write_only_name(attribute: Attribute) -> str:
    """``secret_wo``: Terraform's write-only input for ``secret`` (the provider-framework convention)."""
    return f"{attribute.name}_wo"


def version_name(attribute: Attribute) -> str:
    """``secret_wo_version``: a new value of it sends ``secret_wo`` again (Terraform cannot compare one)."""
    return f"{attribute.name}_wo_version"


@dataclass(frozen=True)
class WriteOnlyInTerraform:
    """A secret input that Terraform takes write-only and Pulumi takes as a secret.

    The catalog declares the attribute as the API has it: optional, computed (generated when
    not supplied), sensitive, :attr:`~Attribute.shown_once`.

    - Terraform (>= 1.11) gets ``<name>_wo``, write-only: never planned nor stored; because
      Terraform cannot tell whether a write-only value changed, ``<name>_wo_version`` (a whole
      number >= 0) says when to send it again. ``<name>`` is computed and sensitive only: the
      secret MetaFinOps generated, unknown again when the version changes.
    - Pulumi has no write-only values: ``<name>`` stays an optional input and an output, and
      being sensitive it is always a Pulumi secret.
    """

    write_only_description: str
    """Of ``<name>_wo``."""
    version_description: str
    """Of ``<name>_wo_version``."""

    def terraform(self, attribute: Attribute) -> tuple[Attribute, ...]:
        version = version_name(attribute)
        return (
            Attribute(
                write_only_name(attribute),
                attribute.type,
                self.write_only_description,
                optional=True,
                # Not also `sensitive`: Terraform never stores or shows a write-only value, and a
                # sensitive mark on it (null in state) makes Terraform 1.11 report refresh-only drift
                # (exit 2) on an unchanged object that also holds the generated secret
                # (tests/terraform/test_drift.py). Diagnostics redact it anyway.
                write_only=True,
                validators=attribute.validators,
            ),
            Attribute(
                version,
                NUMBER,
                self.version_description,
                optional=True,
                validators=(Range(0), Integer()),
            ),
            replace(attribute, optional=False, projection=None, recompute_when=(version,)),
        )

    def pulumi(self, attribute: Attribute) -> tuple[Attribute, ...]:
        return (replace(attribute, projection=None),)

    # ------------------------------------------------------------------ values, whichever projection

    def supplied(self, attribute: Attribute, values: Mapping[str, Any]) -> Any:
        """The secret the configuration supplies (``<name>_wo`` or ``<name>``), or ``None``."""
        return values.get(write_only_name(attribute)) or values.get(attribute.name)

    def rotation(self, attribute: Attribute, prior: Mapping[str, Any], planned: Mapping[str, Any]) -> tuple[bool, Any]:
        """Whether ``planned`` asks for a new secret, and which (``None``: let the API generate one):
        a new ``<name>_wo_version`` (with a version or a write-only value), or a new ``<name>``."""
        version, write_only = version_name(attribute), write_only_name(attribute)
        if planned.get(version) != prior.get(version) and (planned.get(version) is not None or planned.get(write_only)):
            return True, planned.get(write_only)
        value = planned.get(attribute.name)
        if value and value != prior.get(attribute.name):
            return True, value
        return False, None

    def stored(self, attribute: Attribute, planned: Mapping[str, Any], value: Any) -> Any:
        """What state keeps of the secret the API answered with: nothing when it was supplied
        write-only (state must never hold a write-only value)."""
        return None if planned.get(write_only_name(attribute)) else value
