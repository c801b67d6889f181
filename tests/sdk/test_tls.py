"""The SDK's TLS: verified against the CA it is given, with the CA bundle loaded on first use.

The SDK talks to a real ``metafinops serve`` through a TLS front whose certificate comes from
a private CA (``tests/_tls.py``): the hosted API's https, with our own server behind it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from metafinops import APIConnectionError, AsyncClient, Client
from metafinops._ssl import DeferredCAContext, default_ssl_context
from tests._server import ServerHandle
from tests._tls import ca_and_server_cert, tls_front


@pytest.fixture
def https_api(api_server: ServerHandle, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(``https://localhost:PORT/v1`` in front of the real server, the private CA's file)."""
    ca_path, cert_path, key_path = ca_and_server_cert(tmp_path)
    with tls_front(api_server.port, cert_path, key_path) as port:
        yield f"https://localhost:{port}/v1", ca_path


def _loaded_cas(client: Client | AsyncClient) -> int:
    context = client._http._transport._pool._ssl_context  # type: ignore[union-attr]
    assert isinstance(context, DeferredCAContext)
    return int(context.cert_store_stats()["x509_ca"])


def test_a_client_loads_no_certificates_until_it_connects_over_tls(api_server: ServerHandle) -> None:
    with Client(api_key=api_server.api_key, base_url=api_server.base_url) as client:
        assert client.health.check().status == "ok"
        assert _loaded_cas(client) == 0  # plain http to the local server: never needed


def test_https_is_verified_against_the_ca_from_ssl_cert_file(
    https_api: tuple[str, Path], api_server: ServerHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, ca_path = https_api
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_path))
    with Client(api_key=api_server.api_key, base_url=url, max_retries=0) as client:
        assert _loaded_cas(client) == 0
        assert client.health.check().status == "ok"
        assert _loaded_cas(client) == 1  # the private CA, loaded for the first handshake

    async def async_check() -> str:
        async with AsyncClient(api_key=api_server.api_key, base_url=url, max_retries=0) as client:
            return (await client.health.check()).status

    assert asyncio.run(async_check()) == "ok"


def test_an_untrusted_certificate_is_refused(
    https_api: tuple[str, Path], api_server: ServerHandle, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, _ = https_api
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with Client(api_key=api_server.api_key, base_url=url, max_retries=0) as client:
        with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
            client.health.check()
        assert _loaded_cas(client) > 1  # certifi's bundle, which does not hold our CA

    async def async_check() -> None:
        async with AsyncClient(api_key=api_server.api_key, base_url=url, max_retries=0) as client:
            await client.health.check()

    with pytest.raises(APIConnectionError, match="CERTIFICATE_VERIFY_FAILED"):
        asyncio.run(async_check())


def test_the_context_checks_hostnames_and_requires_certificates() -> None:
    context = default_ssl_context()
    assert context.check_hostname
    assert context.verify_mode.name == "CERT_REQUIRED"
