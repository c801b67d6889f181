"""What the warm launcher and the warm daemon both speak: the flag that starts a daemon and the
session request on the daemon's control socket.

It sits below both (:mod:`metafinops_terraform._warm_launcher` sends, and
:mod:`metafinops_terraform._warm_daemon` reads), so neither imports the other. Builtins only:
the launcher's whole start is meant to take ~20 ms.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["DAEMON_FLAG", "REQUEST_END", "decode_environment", "encode_environment"]

DAEMON_FLAG = "--metafinops-provider-daemon"
"""``python PACKAGE DAEMON_FLAG DIRECTORY NAME IDLE_SECONDS [OWNER_PID]`` runs the daemon."""

REQUEST_END = b"\0\0"  # only at the end: every item starts with a non-empty key


def encode_environment(environ: Mapping[str, str]) -> bytes:
    """The session request: ``ENV``, then ``KEY=value`` items, each NUL-terminated, then one more
    NUL. Neither keys nor values can hold a NUL (values may hold newlines: certificates)."""
    return b"ENV\0" + b"".join(f"{k}={v}".encode() + b"\0" for k, v in environ.items()) + b"\0"


def decode_environment(data: bytes) -> dict[str, str]:
    if not (data.startswith(b"ENV\0") and data.endswith(REQUEST_END)):
        raise ValueError("not a session request")
    pairs = (item.decode().partition("=") for item in data[4:].split(b"\0") if item)
    return {key: value for key, _, value in pairs}
