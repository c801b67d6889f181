"""The ``metafinops`` command.

Each sub-command lives beside the code it drives and is imported only when it runs, so
``metafinops --help`` stays fast:

- ``serve``, ``keys``           → :mod:`metafinops.server.cli`
- ``ingest``, ``demo-data``     → :mod:`metafinops.server.ingest_cli`
- ``provider install``          → :mod:`metafinops_terraform.install`
- ``docs generate|check``       → :mod:`metafinops.catalog.docs`
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# command name -> "module:attribute" of a click.Command
_LAZY_COMMANDS: dict[str, str] = {
    "serve": "metafinops.server.cli:serve",
    "keys": "metafinops.server.cli:keys",
    "ingest": "metafinops.server.ingest_cli:ingest",
    "demo-data": "metafinops.server.ingest_cli:demo_data",
    "provider": "metafinops_terraform.install:provider",
    "docs": "metafinops.catalog.docs:docs",
}


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_LAZY_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _LAZY_COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command: Any = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_LazyGroup)
@click.version_option(package_name="metafinops")
def main() -> None:
    """MetaFinOps: SDK tools, local API server and provider installer."""


if __name__ == "__main__":  # pragma: no cover
    main()
