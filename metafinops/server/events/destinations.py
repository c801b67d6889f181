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

__all__ = ["BlockedDestination", "Destination", "address_allowed", "resolve_destination"]

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


_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix: judged by the IPv4 inside
_REFUSED_V6 = (
    ipaddress.ip_network("64:ff9b:1::/48"),  # RFC 8215 local-use NAT64: translates to anything
    ipaddress.ip_network("::/96"),  # IPv4-compatible (deprecated), ::, ::1 aside
    ipaddress.ip_network("fec0::/10"),  # site-local (deprecated, still routed inside some sites)
)


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries to the same host: mapped, NAT64 or 6to4."""
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def address_allowed(address: IPAddress, local_mode: bool) -> bool:
    """Whether a delivery may connect to ``address`` (IPv6 forms of IPv4 judged by the IPv4)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.is_loopback:
            return local_mode
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            address = embedded
        elif any(address in network for network in _REFUSED_V6):
            return False
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
    refused = [a for a in addresses if not address_allowed(a, local_mode)]
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
