"""Catalog diagnostics -> tfplugin6 diagnostics, with attribute paths and secrets redacted.

The ``AttributePath`` of a diagnostic is what Terraform turns into a source range. We send
the *top-level* attribute of the catalog's :data:`~metafinops.catalog.Path` (``thresholds``
for ``("thresholds", 0, "percent")``): Terraform 1.11 can point only at an attribute of
the resource body — any further step (a nested attribute, a list index; set elements have
no address at all) makes it fall back to the resource's header line. The diagnostic's
detail still names the full path (``thresholds.0.percent must be …``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from metafinops.catalog import Attribute, Diagnostic, Path
from metafinops_terraform.proto import tfplugin6_pb2 as pb

__all__ = ["Redactor", "attribute_path", "error", "to_proto"]

REDACTED = "(sensitive value)"


def attribute_path(attributes: Sequence[Attribute], path: Path) -> pb.AttributePath | None:
    """The top-level attribute of ``path`` as an ``AttributePath``; ``None`` when it is not one."""
    if not path or not isinstance(path[0], str) or all(a.name != path[0] for a in attributes):
        return None
    return pb.AttributePath(steps=[pb.AttributePath.Step(attribute_name=path[0])])


class Redactor:
    """Replaces every secret seen so far (API key, sensitive attribute values) in texts."""

    _MIN_LENGTH = 6  # shorter "secrets" would shred ordinary words

    def __init__(self) -> None:
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, value: Any) -> None:
        if isinstance(value, str) and len(value) >= self._MIN_LENGTH:
            with self._lock:
                self._secrets.add(value)

    def add_sensitive(self, attributes: Iterable[Attribute], values: Mapping[str, Any] | None) -> None:
        """Remember the values of ``attributes`` marked sensitive or write-only (nested too)."""
        if not values:
            return
        for attribute in attributes:
            value = values.get(attribute.name)
            if value is None:
                continue
            if attribute.sensitive or attribute.write_only:
                self.add(value)
            elif attribute.nested and isinstance(value, Mapping):
                self.add_sensitive(attribute.nested, value)
            elif attribute.nested and isinstance(value, list):
                for item in value:
                    if isinstance(item, Mapping):
                        self.add_sensitive(attribute.nested, item)

    def __call__(self, text: str) -> str:
        with self._lock:
            secrets = sorted(self._secrets, key=len, reverse=True)
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text


def to_proto(
    diagnostics: Iterable[Diagnostic], attributes: Sequence[Attribute], redact: Redactor
) -> list[pb.Diagnostic]:
    result = []
    for diagnostic in diagnostics:
        message = pb.Diagnostic(
            severity=pb.Diagnostic.ERROR if diagnostic.is_error else pb.Diagnostic.WARNING,
            summary=redact(diagnostic.summary),
            detail=redact(diagnostic.detail),
        )
        path = attribute_path(attributes, diagnostic.path)
        if path is not None:
            message.attribute.CopyFrom(path)
        result.append(message)
    return result


def error(summary: str, detail: str = "") -> pb.Diagnostic:
    return pb.Diagnostic(severity=pb.Diagnostic.ERROR, summary=summary, detail=detail)
