"""The signing identity: a key and its certificate, kept as one PKCS#12 file.

``evidencekit identity create`` makes a self-signed one; a PKCS#12 issued by a CA
(e.g. a licensed 电子认证服务机构) is used the same way with ``--identity``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from evidencekit.errors import BadInput, SigningFailed
from evidencekit.fileio import atomic_output
from evidencekit.i18n import msg, os_reason

IDENTITY_FILE = "identity.p12"
PASSPHRASE_ENV = "EVIDENCEKIT_PASSPHRASE"


@dataclass(frozen=True)
class Identity:
    path: Path
    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]

    @property
    def name(self) -> str:
        return subject_name(self.certificate)

    @property
    def fingerprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA256()).hex()

    @property
    def self_signed(self) -> bool:
        return self.certificate.issuer == self.certificate.subject


def subject_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def home_dir() -> Path:
    """``EVIDENCEKIT_HOME``, else the platform's user config folder."""
    env = os.environ.get("EVIDENCEKIT_HOME")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("evidencekit"))


def default_identity_path() -> Path:
    return home_dir() / IDENTITY_FILE


def _check_certificate_name(name: str) -> None:
    """The signing libraries compare certificate names after RFC 3454 preparation, which
    knows only Unicode 3.2: a character added later (a rare CJK ideograph, U+2066) would
    make every seal fail. Refuse the name now, saying which character and what to do."""
    from asn1crypto import x509 as asn1_x509

    for ch in name:
        try:
            asn1_x509.Name.build({"common_name": ch}).hashable
        except ValueError:
            raise BadInput(msg("err.identity_name_char", name=repr(name), char=repr(ch), codepoint=f"{ord(ch):04X}"),
                           msg("err.identity_name_char.hint")) from None


def create_identity(path: Path, name: str, *, now: datetime, passphrase: str | None = None,
                    force: bool = False) -> Identity:
    """Make an RSA-3072 key and a self-signed certificate for ``name``; write them 0600.

    RSA with PKCS#1 v1.5 signatures is deterministic (same input, same signature) and
    every PDF validator understands it.
    """
    if path.exists() and not force:
        raise BadInput(msg("err.identity_exists", path=str(path)), msg("err.identity_exists.hint"))
    if not name.strip():
        raise BadInput(msg("err.identity_no_name"), msg("err.identity_no_name.hint"))
    _check_certificate_name(name.strip())
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, name.strip()),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "evidencekit self-signed seal"),
    ])
    start = now.astimezone(UTC) - timedelta(days=1)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=3650 * 3))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode()) if passphrase
        else serialization.NoEncryption()
    )
    blob = pkcs12.serialize_key_and_certificates(name.encode(), key, cert, None, encryption)
    _write_private(path, blob, force=force)
    return Identity(path, key, cert, ())


def _write_private(path: Path, data: bytes, *, force: bool) -> None:
    with atomic_output(path, force=force, mode=0o600) as out:
        out.file.write(data)


def load_identity(path: Path, passphrase: str | None = None) -> Identity:
    """Read a PKCS#12 file; a wrong or missing passphrase is a signing error (exit 7)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningFailed(msg("err.identity_unreadable", path=str(path), reason=os_reason(exc)),
                            msg("err.identity_unreadable.hint")) from exc
    secret = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret.encode() if secret else None)
    except ValueError as exc:
        if secret is None:
            raise SigningFailed(msg("err.identity_locked", path=str(path)),
                                msg("err.identity_locked.hint", env=PASSPHRASE_ENV)) from exc
        raise SigningFailed(msg("err.identity_passphrase", path=str(path)), msg("err.identity_passphrase.hint")) from exc
    if key is None or cert is None:
        raise SigningFailed(msg("err.identity_incomplete", path=str(path)), msg("err.identity_incomplete.hint"))
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise SigningFailed(msg("err.identity_key_type", path=str(path), type=type(key).__name__),
                            msg("err.identity_key_type.hint"))
    return Identity(path, key, cert, tuple(extra or ()))


def identity_needs_passphrase(path: Path) -> bool:
    try:
        pkcs12.load_key_and_certificates(path.read_bytes(), None)
        return False
    except ValueError:
        return True
