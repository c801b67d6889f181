"""The plugin's ephemeral TLS identity: a P-256 key and a self-signed certificate.

go-plugin (Terraform's side) trusts exactly the certificate the plugin prints in its
handshake line and checks it for the name ``localhost``. We build that certificate as a
few hundred bytes of DER here instead of through ``cryptography.x509``, whose import
alone costs more than half of the start-up budget (see ``bench/handshake.py``); only the
key generation and the ECDSA signature come from ``cryptography``.

The certificate mirrors go-plugin's own ``generateCert``: CN and SAN ``localhost`` (plus
the IP ``127.0.0.1``), CA flag and key usages for signing, server and client auth.
"""

from __future__ import annotations

import base64
import os
import time
from typing import Any, NamedTuple

__all__ = ["Identity", "generate_identity"]

# Object identifiers, DER-encoded contents (without tag and length).
_OID_EC_PUBLIC_KEY = bytes.fromhex("2a8648ce3d0201")  # 1.2.840.10045.2.1
_OID_PRIME256V1 = bytes.fromhex("2a8648ce3d030107")  # 1.2.840.10045.3.1.7
_OID_ECDSA_SHA256 = bytes.fromhex("2a8648ce3d040302")  # 1.2.840.10045.4.3.2
_OID_COMMON_NAME = bytes.fromhex("550403")  # 2.5.4.3
_OID_ORGANIZATION = bytes.fromhex("55040a")  # 2.5.4.10
_OID_BASIC_CONSTRAINTS = bytes.fromhex("551d13")  # 2.5.29.19
_OID_KEY_USAGE = bytes.fromhex("551d0f")  # 2.5.29.15
_OID_EXT_KEY_USAGE = bytes.fromhex("551d25")  # 2.5.29.37
_OID_SUBJECT_ALT_NAME = bytes.fromhex("551d11")  # 2.5.29.17
_OID_SERVER_AUTH = bytes.fromhex("2b06010505070301")  # 1.3.6.1.5.5.7.3.1
_OID_CLIENT_AUTH = bytes.fromhex("2b06010505070302")  # 1.3.6.1.5.5.7.3.2

_VALIDITY_SECONDS = 365 * 24 * 3600
_CLOCK_SKEW_SECONDS = 60


def _tlv(tag: int, content: bytes) -> bytes:
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


def _seq(*items: bytes) -> bytes:
    return _tlv(0x30, b"".join(items))


def _oid(encoded: bytes) -> bytes:
    return _tlv(0x06, encoded)


def _integer(value: int) -> bytes:
    raw = value.to_bytes(value.bit_length() // 8 + 1, "big")  # leading 0 keeps it positive
    return _tlv(0x02, raw)


def _bit_string(data: bytes, unused_bits: int = 0) -> bytes:
    return _tlv(0x03, bytes((unused_bits,)) + data)


def _utc_time(epoch: float) -> bytes:
    return _tlv(0x17, time.strftime("%y%m%d%H%M%SZ", time.gmtime(epoch)).encode())


def _name(common_name: str, organization: str) -> bytes:
    def rdn(oid: bytes, value: str) -> bytes:
        return _tlv(0x31, _seq(_oid(oid), _tlv(0x0C, value.encode())))

    return _seq(rdn(_OID_ORGANIZATION, organization), rdn(_OID_COMMON_NAME, common_name))


def _extension(oid: bytes, value: bytes, *, critical: bool = False) -> bytes:
    flag = _tlv(0x01, b"\xff") if critical else b""
    return _seq(_oid(oid), flag, _tlv(0x04, value))


def _pem(label: str, der: bytes) -> bytes:
    body = base64.encodebytes(der).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return b"-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label.encode(), b"\n".join(lines), label.encode())


def _ecdsa_sha256(ec: Any, hashes: Any) -> Any:
    """``ec.ECDSA(hashes.SHA256())`` without its constructor's import of the OpenSSL backend
    module (~10 ms, only needed for deterministic signing). Falls back to the constructor
    should the attributes ever change."""
    algorithm = ec.ECDSA.__new__(ec.ECDSA)
    try:
        algorithm._algorithm = hashes.SHA256()
        algorithm._deterministic_signing = False
        if algorithm.algorithm.name == "sha256" and algorithm.deterministic_signing is False:
            return algorithm
    except AttributeError:
        pass
    return ec.ECDSA(hashes.SHA256())


class Identity(NamedTuple):
    certificate_der: bytes
    certificate_pem: bytes
    private_key_pem: bytes

    @property
    def handshake_certificate(self) -> str:
        """The certificate as go-plugin's handshake wants it: base64 DER without ``=`` padding."""
        return base64.b64encode(self.certificate_der).decode().rstrip("=")


def generate_identity(now: float | None = None) -> Identity:
    """A fresh P-256 key and a self-signed certificate for ``localhost`` / ``127.0.0.1``."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_numbers()
    point = b"\x04" + public.x.to_bytes(32, "big") + public.y.to_bytes(32, "big")
    now = time.time() if now is None else now

    signature_algorithm = _seq(_oid(_OID_ECDSA_SHA256))
    name = _name("localhost", "HashiCorp")  # go-plugin's subject; the host checks only the SAN
    key_usage = _bit_string(b"\xa4", unused_bits=2)  # digitalSignature, keyEncipherment, keyCertSign
    extensions = _seq(
        _extension(_OID_BASIC_CONSTRAINTS, _seq(_tlv(0x01, b"\xff")), critical=True),
        _extension(_OID_KEY_USAGE, key_usage, critical=True),
        _extension(_OID_EXT_KEY_USAGE, _seq(_oid(_OID_SERVER_AUTH), _oid(_OID_CLIENT_AUTH))),
        _extension(_OID_SUBJECT_ALT_NAME, _seq(_tlv(0x82, b"localhost"), _tlv(0x87, bytes((127, 0, 0, 1))))),
    )
    tbs = _seq(
        _tlv(0xA0, _integer(2)),  # version 3
        _integer(int.from_bytes(os.urandom(16), "big") >> 1 | 1),
        signature_algorithm,
        name,
        _seq(_utc_time(now - _CLOCK_SKEW_SECONDS), _utc_time(now + _VALIDITY_SECONDS)),
        name,
        _seq(_seq(_oid(_OID_EC_PUBLIC_KEY), _oid(_OID_PRIME256V1)), _bit_string(point)),
        _tlv(0xA3, extensions),
    )
    signature = key.sign(tbs, _ecdsa_sha256(ec, hashes))
    certificate = _seq(tbs, signature_algorithm, _bit_string(signature))

    private_value = key.private_numbers().private_value
    sec1 = _seq(
        _integer(1),
        _tlv(0x04, private_value.to_bytes(32, "big")),
        _tlv(0xA0, _oid(_OID_PRIME256V1)),
        _tlv(0xA1, _bit_string(point)),
    )
    return Identity(
        certificate_der=certificate,
        certificate_pem=_pem("CERTIFICATE", certificate),
        private_key_pem=_pem("EC PRIVATE KEY", sec1),
    )
