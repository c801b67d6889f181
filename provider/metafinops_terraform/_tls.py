"""The plugin's ephemeral TLS identity: a P-256 key and a self-signed certificate.

go-plugin (Terraform's side) trusts exactly the certificate the plugin prints in its
handshake line and checks it for the name ``localhost``. We build that certificate as a
few hundred bytes of DER here, and the key and its one ECDSA signature with P-256
arithmetic in plain Python (:func:`_multiply`: two scalar multiplications, ~5 ms of CPU with
the import, against ~9 ms for importing ``cryptography`` and using it once grpc is loaded),
which also spares runners a compiled dependency. The scalar multiplication is not
constant-time: the key is ephemeral (one per plugin process), signs one certificate, and
guards a socket in a 0700 directory of the same user; gRPC's own TLS (BoringSSL) does the
handshakes with it.

The certificate mirrors go-plugin's own ``generateCert``: CN and SAN ``localhost`` (plus
the IP ``127.0.0.1``), CA flag and key usages for signing, server and client auth.
"""

from __future__ import annotations

import base64
import hashlib
import os
import time
from typing import NamedTuple

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


# NIST P-256 (SEC 2, secp256r1): y^2 = x^3 - 3x + b over GF(p), base point G of prime order n.
_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)

_Jacobian = tuple[int, int, int]  # (X, Y, Z) stands for (X/Z^2, Y/Z^3); Z = 0 is the point at infinity


def _double(point: _Jacobian) -> _Jacobian:
    x, y, z = point
    if not y or not z:
        return (1, 1, 0)
    yy = y * y % _P
    s = 4 * x * yy % _P
    zz = z * z % _P
    m = 3 * (x - zz) * (x + zz) % _P  # a = -3
    x3 = (m * m - 2 * s) % _P
    return (x3, (m * (s - x3) - 8 * yy * yy) % _P, 2 * y * z % _P)


def _add_affine(point: _Jacobian, other: tuple[int, int]) -> _Jacobian:
    """``point`` + the affine point ``other`` (mixed addition)."""
    x1, y1, z1 = point
    if not z1:
        return (other[0], other[1], 1)
    zz = z1 * z1 % _P
    h = (other[0] * zz - x1) % _P
    r = (other[1] * zz * z1 - y1) % _P
    if not h:
        return _double(point) if not r else (1, 1, 0)
    hh = h * h % _P
    hhh = h * hh % _P
    v = x1 * hh % _P
    x3 = (r * r - hhh - 2 * v) % _P
    return (x3, (r * (v - x3) - y1 * hhh) % _P, z1 * h % _P)


def _multiply(scalar: int) -> tuple[int, int]:
    """``scalar`` times G in affine coordinates (left-to-right double-and-add)."""
    result: _Jacobian = (1, 1, 0)
    for bit in bin(scalar)[2:]:
        result = _double(result)
        if bit == "1":
            result = _add_affine(result, _G)
    x, y, z = result
    if not z:
        raise ValueError("scalar is a multiple of the group order")
    inverse = pow(z, -1, _P)
    inverse2 = inverse * inverse % _P
    return (x * inverse2 % _P, y * inverse2 * inverse % _P)


def _random_scalar() -> int:
    """Uniform in [1, n-1] up to 2^-64 (64 spare random bits before the reduction)."""
    return int.from_bytes(os.urandom(40), "big") % (_N - 1) + 1


def _sign(private_value: int, message: bytes) -> bytes:
    """ECDSA with SHA-256 (FIPS 186-4) as a DER ``Ecdsa-Sig-Value``."""
    digest = int.from_bytes(hashlib.sha256(message).digest(), "big")
    while True:
        nonce = _random_scalar()
        r = _multiply(nonce)[0] % _N
        s = pow(nonce, -1, _N) * (digest + r * private_value) % _N
        if r and s:
            return _seq(_integer(r), _integer(s))


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
    private_value = _random_scalar()
    public_x, public_y = _multiply(private_value)
    point = b"\x04" + public_x.to_bytes(32, "big") + public_y.to_bytes(32, "big")
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
    certificate = _seq(tbs, signature_algorithm, _bit_string(_sign(private_value, tbs)))

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
