"""httpx, imported without its command-line tool.

``import httpx`` (0.28) also imports ``httpx._main``, its CLI, which pulls in click, rich and
pygments when they are installed: about 100 ms, for a tool the SDK never runs. Terraform
starts the provider process several times per command, so that is latency users feel. While
httpx is first imported, a ``None`` entry in ``sys.modules`` makes that optional import fail
the way httpx expects (it installs a stub ``httpx.main``); the entry is removed right after,
so an explicit ``import httpx._main`` later still works.
"""

from __future__ import annotations

import sys

if "httpx" not in sys.modules and "httpx._main" not in sys.modules:
    sys.modules["httpx._main"] = None  # type: ignore[assignment]
    try:
        import httpx
    finally:
        del sys.modules["httpx._main"]

import httpx

__all__ = ["httpx"]
