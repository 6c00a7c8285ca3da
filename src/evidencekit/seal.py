"""Seal: a PAdES signature over the whole file, as its very last write (pyHanko)."""

from __future__ import annotations

import logging
import os
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from pyhanko.pdf_utils import generic as hg
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.signers.cms_embedder import SigObjSetup
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import (
    PdfSigningSession,
    TimestampDSSContentSettings,
)
from pyhanko_certvalidator.registry import SimpleCertificateStore

from evidencekit.errors import SigningFailed
from evidencekit.fileio import output_error, write_error_in
from evidencekit.hashing import PrefixDigest
from evidencekit.i18n import msg
from evidencekit.identity import Identity
from evidencekit.layout import SEAL_FIELD
from evidencekit.timestamping import TimestampFailed, describe_failure

log = logging.getLogger("evidencekit")




class _ReproducibleWriter(IncrementalPdfFileWriter):
    """pyHanko's incremental writer, minus its Info-dictionary update.

    pyHanko would add an /Info with the wall-clock ModDate and its own Producer: that
    breaks reproducible output and makes Info and XMP disagree. The dossier has no
    /Info at all.
    """

    def _update_meta(self) -> None:  # pyHanko private hook (pinned pyhanko 0.38.*)
        return None


@dataclass(frozen=True)
class SealedRange:
    """What the seal signed: its /ByteRange and the SHA-256 over those ranges, as computed while
    signing — for the check before delivery, which then reads only the seal's own revision."""

    byte_range: tuple[int, int, int, int]
    digest: bytes
    prefix: PrefixDigest


class _ClockedPdfSigner(signers.PdfSigner):
    """A PdfSigner whose signing time comes from our clock (SOURCE_DATE_EPOCH aware).

    With ``prefix`` (the SHA-256 of the unsigned file, computed while it was written), the
    digest of the signed byte ranges starts from a copy of it and reads only the new revision:
    the dossier is not read back whole to be signed."""

    def __init__(self, *args: Any, signing_time: datetime, prefix: PrefixDigest | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._signing_time = signing_time
        self._prefix = prefix
        self.sealed: SealedRange | None = None

    def init_signing_session(self, pdf_out: Any, existing_fields_only: bool = False) -> PdfSigningSession:
        session = super().init_signing_session(pdf_out, existing_fields_only=existing_fields_only)
        session.system_time = self._signing_time
        if self._prefix is not None and self.signature_meta.md_algorithm == "sha256":
            session.cms_writer = _PrehashingCmsWriter(session.cms_writer, self)
        return session


class _PrehashingCmsWriter:
    """pyHanko's CMS-embedding coroutine, passed through; when it is handed the signature
    object, that object's ``fill`` (which hashes the byte ranges) becomes :func:`_prehashed_fill`.
    pyHanko only ever calls ``send`` on it (pinned pyhanko 0.38.*)."""

    def __init__(self, inner: Any, signer: _ClockedPdfSigner) -> None:
        self._inner = inner
        self._signer = signer

    def send(self, value: Any) -> Any:
        if isinstance(value, SigObjSetup):
            sig_obj = value.sig_placeholder
            signer = self._signer

            def fill(writer: Any, md_algorithm: str, in_place: bool = False, output: Any = None,
                     chunk_size: int = 0) -> Generator[Any, Any, Any]:
                return _prehashed_fill(sig_obj, writer, md_algorithm, in_place, output, chunk_size, signer)

            sig_obj.fill = fill  # type: ignore[method-assign]
        return self._inner.send(value)


def _prehashed_fill(sig_obj: Any, writer: Any, md_algorithm: str, in_place: bool, output: Any,
                    chunk_size: int, signer: _ClockedPdfSigner) -> Generator[Any, Any, Any]:
    """pyHanko's ``PdfByteRangeDigest.fill`` for an in-place incremental update, with the digest
    of the unchanged first part taken from ``signer._prefix`` instead of read from the file."""
    prefix = signer._prefix
    stream = writer.prev.stream if in_place else None
    if prefix is None or stream is None or md_algorithm != "sha256" or \
            os.fstat(stream.fileno()).st_size != prefix.length:
        # not the file we hashed while writing it: pyHanko's own fill, which reads it all
        return (yield from type(sig_obj).fill(sig_obj, writer, md_algorithm, in_place=in_place, output=output,
                                              chunk_size=chunk_size or 1 << 16))
    writer.digest_aware_write = True
    writer.write_in_place()
    eof = stream.tell()
    sig_start, sig_end = sig_obj.contents.offsets
    sig_obj.byte_range.fill_offsets(stream, sig_start, sig_end, eof)
    md = prefix.extended()
    for start, stop in ((prefix.length, sig_start), (sig_end, eof)):
        stream.seek(start)
        md.update(stream.read(stop - start))  # the new revision only: a few kB
    digest = md.digest()
    signer.sealed = SealedRange((0, sig_start, sig_end, eof - sig_end), digest, prefix)
    prepared = PreparedByteRangeDigest(document_digest=digest, reserved_region_start=sig_start,
                                       reserved_region_end=sig_end)
    cms_data = yield prepared, stream
    yield prepared.fill_with_cms(stream, cms_data)


class _LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner, signing with the key already loaded in the identity.

    pyHanko's ``sign_raw`` re-parses the DER key for every signature it makes — twice per seal,
    a dry run for the size and the real one — and OpenSSL validates an RSA key as it loads it:
    0.1-0.6 s a time for a 3072-bit key, where the signature itself takes 6 ms. PKCS#1 v1.5 is
    deterministic, so the signature bytes are the same either way."""

    def __init__(self, *args: Any, private_key: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._private_key = private_key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        try:
            algorithm = mechanism.signature_algo
        except ValueError:
            algorithm = mechanism["algorithm"].native
        if algorithm == "rsassa_pkcs1v15" and isinstance(self._private_key, RSAPrivateKey):
            return bytes(self._private_key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)))
        return bytes(super().sign_raw(data, digest_algorithm))


_signers: dict[int, tuple[Identity, signers.SimpleSigner]] = {}


def make_signer(identity: Identity) -> signers.SimpleSigner:
    """The pyHanko signer for ``identity``, made once per identity object (a batch worker
    seals case after case with the same one)."""
    cached = _signers.get(id(identity))
    if cached is not None and cached[0] is identity:
        return cached[1]
    cert = asn1_x509.Certificate.load(identity.certificate.public_bytes(serialization.Encoding.DER))
    key = asn1_keys.PrivateKeyInfo.load(identity.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in identity.chain]
    signer = _LoadedKeySigner(
        signing_cert=cert, signing_key=key, cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
        private_key=identity.key,
    )
    _signers.clear()  # one at a time: the identity object keeps its own key alive, nothing more
    _signers[id(identity)] = (identity, signer)
    return signer


def seal_in_place(path: Path, identity: Identity, *, signing_time: datetime, document_id: bytes | None,
                  reason: str, timestamper: Any = None, archive: bool = False,
                  field_name: str = SEAL_FIELD, location: str | None = None,
                  prefix: PrefixDigest | None = None) -> SealedRange | None:
    """Append a signature to ``path`` as an incremental update covering everything.

    With ``prefix``, the SHA-256 of ``path`` as it was written, the signed ranges are not read
    again; the returned :class:`SealedRange` says what was signed (None without ``prefix``, or
    with ``archive``, whose further revision is checked by reading the file).

    With ``timestamper`` the signature carries an RFC 3161 signature timestamp (PAdES B-T);
    with ``archive`` too, the validation data (certificates, and revocation data where the
    certificates point to it) go into a DSS, sealed by a document timestamp (B-LTA).
    A TSA failure raises :class:`TimestampFailed` (exit 7) and ``path`` must be discarded.
    """
    if archive and timestamper is None:
        raise SigningFailed(msg("err.archive_needs_tsa"), msg("err.archive_needs_tsa.hint"))
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=identity.name,
    )
    pdf_signer = _ClockedPdfSigner(
        meta,
        signer=make_signer(identity),
        timestamper=timestamper,
        new_field_spec=fields.SigFieldSpec(field_name, on_page=0),
        signing_time=signing_time,
        prefix=prefix,
    )
    try:
        with open(path, "r+b") as f:
            writer = _ReproducibleWriter(f, strict=False)
            if document_id is not None:
                # pyHanko gives the new revision a random second /ID; ours is derived from the dossier id
                writer._document_id = hg.ArrayObject(
                    [hg.ByteStringObject(document_id[:16]), hg.ByteStringObject(document_id[16:32])]
                )
            pdf_signer.sign_pdf(writer, in_place=True)
        if archive:
            _archive(path, identity, timestamper, field_name)
            return None
        return pdf_signer.sealed
    except SigningFailed:
        raise
    except Exception as exc:
        full = write_error_in(exc)
        if full is not None:  # the disk filled up while signing: the output's fault, not the signer's
            raise output_error(full, path) from exc
        if timestamper is not None and _is_tsa_failure(exc):
            raise TimestampFailed(getattr(timestamper, "url", "?"), describe_failure(exc)) from exc
        raise SigningFailed(msg("err.signing_failed", name=path.name, detail=str(exc)),
                            msg("err.signing_failed.hint")) from exc


def _is_tsa_failure(exc: BaseException) -> bool:
    from pyhanko.sign.timestamps import TimestampRequestError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, (TimestampRequestError, OSError)) or type(seen).__module__.startswith("aiohttp"):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _archive(path: Path, identity: Identity, timestamper: Any, field_name: str) -> None:
    """B-LT/B-LTA: one more revision with the validation data (DSS) and a document timestamp.

    Done here rather than by pyHanko's ``use_pades_lta`` because pyHanko writes those
    revisions with its own writer, which adds an /Info dictionary (wall-clock dates, its
    own Producer) — a metadata change after the seal that our verifier refuses.

    The DSS holds every certificate of the signer's and the TSAs' chains, and the
    revocation data their certificates point to where it can be fetched. Trust is not
    asserted here: the verifier decides it with its own anchors (``verify --trust``).
    """
    import asyncio

    from pyhanko.sign.signers.pdf_signer import PdfTimeStamper
    from pyhanko.sign.validation.dss import (
        DocumentSecurityStore,
        collect_validation_info,
    )
    from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
    from pyhanko_certvalidator import ValidationContext

    with open(path, "r+b") as f:
        writer = _ReproducibleWriter(f, strict=False)
        [sig] = [s for s in writer.prev.embedded_signatures if s.field_name == field_name]
        certs = [c.chosen for c in sig.signed_data["certificates"] or []]
        for token in extract_tst_data_iter(sig.signer_info, signed=False):
            certs.extend(c.chosen for c in token["certificates"] or [])
        roots = [c for c in certs if c.self_signed != "no"]
        paths: list[Any] = []
        context = None
        if roots:
            context = ValidationContext(trust_roots=roots, other_certs=certs, allow_fetching=True,
                                        revocation_mode="soft-fail")
            try:
                paths = asyncio.run(collect_validation_info(sig, context))
            except Exception as exc:  # noqa: BLE001 - e.g. a self-signed seal: nothing to look up, certificates only
                log.debug("no validation paths for the DSS (%s); embedding certificates only", exc)
                paths, context = [], None
        DocumentSecurityStore.supply_dss_in_writer(writer, None, certs=certs, paths=paths or None,
                                                   validation_context=context)
        PdfTimeStamper(timestamper, field_name=f"{field_name}-archive-timestamp").timestamp_pdf(
            writer, "sha256", in_place=True,
            dss_settings=TimestampDSSContentSettings(include_vri=False, update_before_ts=True),
        )
