"""What the packaged plugin runs first (``python/__main__.py`` of the package calls :func:`main`).

It checks the environment in one line each — a Python without the dependencies gets told the
``pip install`` to run — and then serves the plugin: in this process, or through the warm
daemon when ``METAFINOPS_PROVIDER_WARM=1`` (or ``metafinops provider install --warm``), or
through a daemon that lives only as long as the Terraform process that started it
(``METAFINOPS_PROVIDER_WARM=run``).

Imports stay minimal: this runs at every one of Terraform's plugin starts.
"""

from __future__ import annotations

import os
import sys

__all__ = ["DEPENDENCIES", "WARM_ENV", "main", "missing_dependencies", "warm_mode"]

DEPENDENCIES = {
    "grpc": "grpcio",
    "google.protobuf": "protobuf",
    "msgpack": "msgpack",
    "cryptography": "cryptography",
    "httpx": "httpx",
    "pydantic": "pydantic",
}
"""Import name → distribution, for the one-line "pip install" message."""

WARM_ENV = "METAFINOPS_PROVIDER_WARM"


def missing_dependencies() -> list[str]:
    """Distributions whose modules this Python cannot import (found, not imported: cheap)."""
    from importlib.util import find_spec

    missing = []
    for module, distribution in DEPENDENCIES.items():
        try:
            found = find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(distribution)
    return missing


def _config_directory() -> str:
    return os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")


def warm_mode() -> str:
    """``off``, ``user`` (the per-user daemon) or ``run`` (a daemon per Terraform process).

    ``METAFINOPS_PROVIDER_WARM`` decides (``run``; 1/true/yes/on: ``user``; anything else:
    ``off``); unset, ``install --warm``'s marker file means ``user``.
    """
    setting = os.environ.get(WARM_ENV, "").strip().lower()
    if setting == "run":
        return "run"
    if setting:
        return "user" if setting in ("1", "true", "yes", "on") else "off"
    return "user" if os.path.exists(os.path.join(_config_directory(), "metafinops", "provider-warm")) else "off"


def _say(line: str) -> None:
    """One line where the user sees it: stderr, and stdout under Terraform (it shows that line)."""
    if os.environ.get("TF_PLUGIN_MAGIC_COOKIE"):
        sys.stdout.write(line + "\n")
        sys.stdout.flush()
    sys.stderr.write(line + "\n")


def main(build: str, version: str) -> int:
    missing = missing_dependencies()
    if missing:
        _say(
            f"terraform-provider-metafinops: the Python at {sys.executable} lacks {', '.join(missing)}; "
            f"run: {sys.executable} -m pip install 'metafinops[terraform]=={version}' "
            "(or set METAFINOPS_PROVIDER_PYTHON to a Python that has it)"
        )
        return 1
    from metafinops_terraform._warm_protocol import DAEMON_FLAG

    if sys.argv[1:2] == [DAEMON_FLAG]:  # spawned by a warm launcher
        from metafinops_terraform._warm_daemon import main as daemon_main

        return daemon_main(sys.argv[2:])
    mode = warm_mode()
    if mode != "off":
        from metafinops_terraform._warm_launcher import run

        return run(f"{build}\0{sys.executable}", version, scope=mode)
    from metafinops_terraform.__main__ import main as serve

    return serve()
