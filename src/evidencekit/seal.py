"""Seal: a PAdES signature over the whole file, as its very last write (pyHanko)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic as hg
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko_certvalidator.registry import SimpleCertificateStore

from evidencekit.errors import SigningFailed
from evidencekit.identity import Identity

SEAL_FIELD = "evidencekit-seal"


class _ReproducibleWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, minus its Info-dictionary update.

    pyHanko would add an /Info with the wall-clock ModDate and its own Producer: that
    breaks reproducible output and makes Info and XMP disagree. The dossier has no
    /Info at all.
    """

    def _update_meta(self) -> None:  # pyHanko private hook (pinned pyhanko 0.38.*)
        return None


class _ClockedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time comes from our clock (SOURCE_DATE_EPOCH aware)."""

    def __init__(self, *args: Any, signing_time: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        return session


def make_signer(identity: Identity) -> signers.SimpleSigner:
    cert = asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in identity.chain]
    return signers.SimpleSigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert, *chain])
    )


def seal_in_place(path: Path, identity: Identity, *, signing_time: datetime, document_id: bytes,
                  reason: str, timestamper: Any = None) -> None:
    """Append the signature to ``path`` as an incremental update covering everything."""
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        name=identity.name,
    )
    pdf_signer = _ClockedPdfSigner(
        meta,
        signer=make_signer(identity),
        timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(SEAL_FIELD, on_page=0),
        signing_time=signing_time,
    )
    try:
        with open(path, "r+b") as f:
            writer = _ReproducibleWriter(f, strict=False)
            # pyHanko gives the new revision a random second /ID; ours is derived from the dossier id
            writer._document_id = hg.ArrayObject(
                [hg.ByteStringObject(document_id[:16]), hg.ByteStringObject(document_id[16:32])]
            )
            pdf_signer.sign_pdf(writer, in_place=True)
    except SigningFailed:
        raise
    except Exception as exc:
        raise SigningFailed(f"{path.name}: signing failed ({exc})",
                            "Check the identity file; run with -v for details.") from exc
