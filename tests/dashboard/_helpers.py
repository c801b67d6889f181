"""What the dashboard tests borrow from the other suites: the server and the webhook receiver."""

from __future__ import annotations

try:
    from tests._server import ServerHandle, running_server
    from tests.events._helpers import FAST_ENV, running_receiver, wait_until
except ImportError:  # pragma: no cover - tests/ itself on sys.path
    from _server import ServerHandle, running_server  # type: ignore[no-redef]
    from events._helpers import FAST_ENV, running_receiver, wait_until  # type: ignore[no-redef]

__all__ = ["FAST_ENV", "ServerHandle", "running_receiver", "running_server", "wait_until"]
