"""The demo's local certificate authority and signers' certificates (PKCS#12), made with ``cryptography``.

A real unit uses certificates from a licensed CA (e.g. the Government CA) on a token; the demo makes its own so that
signing and verification can be seen working end to end.
"""

import datetime as dt
import secrets
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _name(common_name, organisation):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def ensure_ca(directory, organisation="Trường Chính trị tỉnh Lai Châu"):
    """The CA's key and certificate in ``directory`` (made once); returns (key, certificate)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    key_file, cert_file = directory / "ca-key.pem", directory / "ca.pem"
    if key_file.exists() and cert_file.exists():
        key = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        return key, x509.load_pem_x509_certificate(cert_file.read_bytes())
    key = _key()
    name = _name(f"CA thử nghiệm — {organisation}", organisation)
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_file.chmod(0o600)
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key, cert


def issue_signer(directory, *, username, full_name, organisation="Trường Chính trị tỉnh Lai Châu"):
    """A signing certificate for one person, as ``<username>.p12``; returns (path, passphrase, certificate)."""
    directory = Path(directory)
    ca_key, ca_cert = ensure_ca(directory, organisation)
    key = _key()
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(full_name, organisation))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=730))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    passphrase = secrets.token_urlsafe(18)
    path = directory / f"{username}.p12"
    path.write_bytes(
        pkcs12.serialize_key_and_certificates(
            username.encode(),
            key,
            cert,
            [ca_cert],
            serialization.BestAvailableEncryption(passphrase.encode()),
        )
    )
    path.chmod(0o600)
    return path, passphrase, cert
