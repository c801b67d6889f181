"""Where a delivery may go: https to public addresses, or http/https to loopback in local mode.

The host name is resolved before every attempt and *every* address it resolves to must be
allowed — a name that also resolves to a private address is refused. The request is then
sent to the checked address itself (the ``Host`` header and, for https, the TLS server name
and certificate check keep the original name), so DNS cannot answer differently between the
check and the connection (DNS rebinding). Private, link-local, shared, reserved, multicast
and unspecified addresses are never allowed; loopback only when the server runs in local mode.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

__all__ = ["BlockedDestination", "Destination", "resolve_destination"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class BlockedDestination(Exception):
    """The URL may not receive deliveries (a permanent failure: retrying cannot help)."""


@dataclass(frozen=True)
class Destination:
    """Where to connect and what to tell the server."""

    url: str  # with the checked address in place of the host name
    host_header: str
    sni_hostname: str | None  # for https to a name: the name the certificate must carry

    @property
    def extensions(self) -> dict[str, Any]:
        return {"sni_hostname": self.sni_hostname} if self.sni_hostname else {}


def _system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _allowed(address: IPAddress, local_mode: bool) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    if address.is_loopback:
        return local_mode
    return address.is_global and not address.is_multicast


def resolve_destination(url: str, *, local_mode: bool, resolver: Resolver | None = None) -> Destination:
    """Check ``url`` and pin it to one allowed address; raise :class:`BlockedDestination` otherwise."""
    parts = urlsplit(url)
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise BlockedDestination("the URL has an invalid port") from None
    if parts.scheme not in ("http", "https") or not host:
        raise BlockedDestination("only http(s) URLs receive deliveries")
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in (resolver or _system_resolver)(host, port)]
        except OSError as exc:
            raise ConnectionError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise ConnectionError(f"{host} has no addresses")
    refused = [a for a in addresses if not _allowed(a, local_mode)]
    if refused:
        reason = "loopback" if all(a.is_loopback for a in refused) else "private or reserved"
        raise BlockedDestination(f"{host} resolves to a {reason} address ({refused[0]}); deliveries never go there")
    loopback = all(a.is_loopback for a in addresses)
    if parts.scheme == "http" and not (local_mode and loopback):
        raise BlockedDestination("http is only allowed to loopback addresses in local mode; use https")
    if literal is not None:
        return Destination(url=url, host_header=parts.netloc.rsplit("@", 1)[-1], sni_hostname=None)
    pinned = addresses[0]
    pinned_host = f"[{pinned}]" if pinned.version == 6 else str(pinned)
    netloc = pinned_host if parts.port is None else f"{pinned_host}:{parts.port}"
    return Destination(
        url=urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")),
        host_header=parts.netloc.rsplit("@", 1)[-1],
        sni_hostname=host if parts.scheme == "https" else None,
    )
