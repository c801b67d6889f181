"""The plugin's TLS identity (hand-built DER, key and signature from ``cryptography``): parsed back and verified."""

from __future__ import annotations

import base64
import time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from metafinops_terraform._tls import generate_identity


def test_the_certificate_is_signed_by_the_key_it_carries() -> None:
    for _ in range(5):  # fresh random key and nonce each time
        identity = generate_identity()
        certificate = x509.load_der_x509_certificate(identity.certificate_der)
        public = certificate.public_key()
        assert isinstance(public, ec.EllipticCurvePublicKey) and public.curve.name == "secp256r1"
        public.verify(certificate.signature, certificate.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256()))
        key = serialization.load_pem_private_key(identity.private_key_pem, password=None)
        assert isinstance(key, ec.EllipticCurvePrivateKey)
        assert key.public_key().public_numbers() == public.public_numbers()
        assert x509.load_pem_x509_certificate(identity.certificate_pem) == certificate
        assert base64.b64decode(identity.handshake_certificate + "==") == identity.certificate_der


def test_the_certificate_is_what_go_plugin_expects() -> None:
    now = time.time()
    certificate = x509.load_der_x509_certificate(generate_identity(now).certificate_der)
    names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    usages = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.SERVER_AUTH in usages and ExtendedKeyUsageOID.CLIENT_AUTH in usages
    assert certificate.not_valid_before_utc.timestamp() <= now <= certificate.not_valid_after_utc.timestamp()
