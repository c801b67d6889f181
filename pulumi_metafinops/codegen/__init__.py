"""Generators for the Pulumi package: ``schema.json`` from the catalog, the SDK from the schema.

``python -m pulumi_metafinops.codegen`` rewrites them; ``--check`` only reports files that
regenerating would change (a test runs it, so the schema, the SDK and the catalog cannot drift).
"""

from __future__ import annotations

import json
from pathlib import Path

from pulumi_metafinops.codegen.python import HEADER, generate
from pulumi_metafinops.codegen.schema import build_schema

__all__ = ["PACKAGE_DIR", "expected_files", "stale_files", "write_files"]

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCHEMA_FILE = "schema.json"
PLUGIN_FILE = "pulumi-plugin.json"
"""What Pulumi's language host reads from an installed SDK package to know the plugin it needs."""


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def expected_files() -> dict[str, str]:
    """Every generated file (path relative to ``pulumi_metafinops/``) and its text."""
    text = schema_text()
    schema = json.loads(text)
    return {SCHEMA_FILE: text, PLUGIN_FILE: plugin_text(schema), **generate(schema)}


def plugin_text(schema: dict[str, object]) -> str:
    """``pulumi-plugin.json`` as Pulumi's generators write it: a resource plugin, its name and version."""
    plugin = {"resource": True, "name": schema["name"], "version": schema["version"]}
    return json.dumps(plugin, indent=2) + "\n"


def _generated_on_disk(directory: Path) -> set[str]:
    """Python files under ``directory`` that carry the generated-file header."""
    return {
        path.relative_to(directory).as_posix()
        for path in directory.rglob("*.py")
        if path.read_text(encoding="utf-8").startswith(HEADER)
    }


def stale_files(directory: Path = PACKAGE_DIR) -> list[str]:
    """Files that differ from what the generators produce now, or that they no longer produce."""
    expected = expected_files()
    stale = [
        name
        for name, text in expected.items()
        if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text
    ]
    stale += sorted(_generated_on_disk(directory) - set(expected))
    return sorted(stale)


def write_files(directory: Path = PACKAGE_DIR) -> list[str]:
    """Write the generated files; remove generated ones no longer produced. Returns what changed."""
    changed = stale_files(directory)
    expected = expected_files()
    for name in changed:
        path = directory / name
        if name in expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(expected[name], encoding="utf-8")
        else:
            path.unlink()
    return changed
