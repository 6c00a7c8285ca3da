"""verify_dossier: is this dossier what was sealed, and who sealed it when?

Fails closed: every signature and document timestamp is checked for integrity,
coverage and every change made after it (pyHanko's difference analysis — its
modification level, not only its AdES indication); then every attached original is
re-hashed against the manifest, whose hash must be the dossier id. Findings are
collected, not raised: "not valid" is a report; only "cannot check at all" raises.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import mmap
import os
import re
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from evidencekit.batch_receipt import Membership, check_membership
from evidencekit.case import sealed_case_matches
from evidencekit.cert_names import issuer_name, subject_name
from evidencekit.clock import CHINA_TZ, iso
from evidencekit.errors import BadInput, CannotVerify, ExitCode, OutputExists
from evidencekit.fileio import atomic_output, output_exists
from evidencekit.hashing import Digester, digest_file
from evidencekit.i18n import Message, msg, os_reason
from evidencekit.layout import (
    CASE_NAME,
    DOSSIER_KEY,
    MANIFEST_NAME,
    MANIFEST_SCHEMA,
    PUBLIC_KEY,
    PUBLIC_SCHEMA,
    SEAL_FIELD,
)
from evidencekit.manifest import decode_path_bytes, parse_manifest
from evidencekit.pdf.agreement import disagreements
from evidencekit.pdf.attachments import (
    attachment_route_problems,
    embedded_files,
    hash_attachment,
    read_attachment,
    stream_ref,
    xref_offsets,
)
from evidencekit.pdf.rawsig import der_length, file_signatures
from evidencekit.pdf.stream_reader import UnsupportedStream, feed_stream, locate_stream
from evidencekit.pdf.structure import StrictView, Structure, newest_offsets, read_structure

log = logging.getLogger("evidencekit")

VERDICTS = ("valid", "untrusted-time", "untrusted-signer", "tampered", "incomplete", "not-in-batch")

# Strict-structure problems with their own words for a reader who is not a PDF expert
_STRUCTURE_CODES = {"duplicate-key", "object-defined-twice", "stream-length-mismatch", "xref-mismatch",
                    "revision-chain-broken", "structure-invalid", "structure-unsupported"}


@dataclass(frozen=True)
class Finding:
    """One thing verify found: a stable ``code`` (``item-hash-mismatch``) for scripts, and
    ``detail``, a catalog message rendered in the reader's language."""

    code: str
    severity: str  # "fail" | "warn" | "info"
    detail: Message
    item: str | None = None

    @property
    def zh(self) -> str:
        return self.detail.text("zh")

    @property
    def en(self) -> str:
        return self.detail.text("en")

    def message(self, lang: str) -> str:
        return self.detail.text(lang)

    def to_dict(self) -> dict[str, Any]:
        """``message`` is ``{"code", "params", "zh", "en"}``: the catalog code and both texts."""
        return {"code": self.code, "severity": self.severity, "item": self.item, "message": self.detail.to_dict()}


@dataclass
class SignatureInfo:
    index: int
    field: str
    kind: str  # "signature" | "document-timestamp"
    signer: str | None
    fingerprint: str | None
    self_signed: bool | None
    trusted: bool
    intact: bool
    valid: bool
    coverage: str
    modification_level: str | None
    signing_time: str | None  # as claimed by the signer
    tsa: str | None = None  # the timestamp authority that attests the time, if any
    tsa_time: str | None = None
    reason: str | None = None
    location: str | None = None
    issuer: str | None = None
    tsa_valid: bool | None = None  # token imprint and signature check out
    tsa_trusted: bool | None = None  # the TSA chains to a --trust anchor
    tsa_fingerprint: str | None = None
    signed_revision: int | None = None
    changes_before: list[Message] = dataclasses.field(default_factory=list)  # what this revision added

    @property
    def time_basis(self) -> str:
        """"tsa": the time is attested by a valid timestamp token; "signer": only claimed."""
        return "tsa" if self.tsa_time and self.tsa_valid else "signer"

    def to_dict(self) -> dict[str, Any]:
        data = dict(self.__dict__)
        data["time_basis"] = self.time_basis
        data["timestamp"] = ({"tsa": self.tsa, "time": self.tsa_time, "valid": self.tsa_valid,
                              "trusted": self.tsa_trusted, "fingerprint": self.tsa_fingerprint}
                             if self.tsa_time else None)
        return data


@dataclass
class VerifyReport:
    path: Path
    verdict: str = "valid"
    dossier_id: str | None = None
    signatures: list[SignatureInfo] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)
    items_checked: int = 0
    items_not_embedded: int = 0  # listed with their digests, originals kept outside (--hash-only)
    not_embedded: list[dict[str, Any]] = dataclasses.field(default_factory=list, repr=False)  # their rows
    items_total: int = 0
    case_title: str | None = None
    trust_anchors: int = 0
    time_source_claimed: str | None = None  # the manifest's "time_source"
    file_size: int = 0
    sealed_size: int | None = None  # where what the signatures cover ends (bytes from the start)
    revisions: int = 0
    batch: Membership | None = None  # with --batch-receipt: the dossier's membership of the batch
    public_of: str | None = None  # a public copy (issue 12): the id of the sealed dossier it was made from
    public_copy: bool = False

    @property
    def exit_code(self) -> ExitCode:
        if self.verdict in ("valid", "untrusted-time"):
            return ExitCode.OK
        if self.verdict == "untrusted-signer":
            return ExitCode.UNTRUSTED
        return ExitCode.VERIFICATION_FAILED

    def fail(self, code: str, detail: Message, item: str | None = None) -> None:
        self.findings.append(Finding(code, "fail", detail, item))

    def warn(self, code: str, detail: Message, item: str | None = None) -> None:
        self.findings.append(Finding(code, "warn", detail, item))

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "verdict": self.verdict,
            "exit_code": int(self.exit_code),
            "dossier_id": self.dossier_id,
            "case_title": self.case_title,
            "items": {"checked": self.items_checked, "total": self.items_total,
                      "not_embedded": self.items_not_embedded},
            "trust_anchors": self.trust_anchors,
            "time_source_claimed": self.time_source_claimed,
            "file_bytes": self.file_size,
            "sealed_bytes": self.sealed_size,
            "revisions": self.revisions,
            "public_copy": self.public_copy,
            "public_of": self.public_of,
            "signatures": [s.to_dict() for s in self.signatures if s.kind == "signature"],
            "timestamps": [_timestamp_entry(s) for s in self.signatures if s.tsa_time],
            "chain": [s.to_dict() for s in self.signatures],
            "findings": [f.to_dict() for f in self.findings],
            **({"batch_receipt": self.batch.to_dict()} if self.batch is not None else {}),
        }


def save_sealed(report: VerifyReport, output: Path, *, force: bool = False) -> int:
    """Write what the signatures cover — the file as it was sealed (or last countersigned) — to ``output``.

    Returns the number of bytes written. The copy is written beside ``output`` and renamed
    into place, so a failure leaves nothing behind.
    """
    if report.sealed_size is None:
        raise CannotVerify(msg("err.no_sealed_part", path=str(report.path)), msg("err.no_sealed_part.hint"))
    output = Path(output)
    if output.resolve() == Path(report.path).resolve():
        raise BadInput(msg("err.save_sealed_same_file", path=str(output)), msg("err.save_sealed_same_file.hint"))
    if output_exists(output) and not force:
        raise OutputExists(msg("err.exists", path=str(output)), msg("err.exists.hint_add_force"))
    with open(report.path, "rb") as src, atomic_output(output, force=force) as out:
        left = report.sealed_size
        while left > 0:
            chunk = src.read(min(left, 1 << 20))
            if not chunk:
                raise BadInput(msg("err.became_shorter", path=str(report.path)))
            out.file.write(chunk)
            left -= len(chunk)
    return report.sealed_size


def load_trust_anchors(paths: list[Path]) -> list[x509.Certificate]:
    anchors: list[x509.Certificate] = []
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInput(msg("err.trust_unreadable", path=str(path), reason=os_reason(exc)),
                           msg("err.trust_unreadable.hint")) from exc
        try:
            if b"-----BEGIN" in data:
                anchors.extend(x509.load_pem_x509_certificates(data))
            else:
                anchors.append(x509.load_der_x509_certificate(data))
        except ValueError as exc:
            raise BadInput(msg("err.trust_not_certificate", path=str(path)),
                           msg("err.trust_not_certificate.hint")) from exc
    return anchors


@contextmanager
def _quiet_validators() -> Iterator[None]:
    """pyHanko logs every untrusted self-signed certificate with a traceback: noise for a
    library caller too (the report says what matters). Shown when ``evidencekit`` logs at DEBUG."""
    if log.isEnabledFor(logging.DEBUG):
        yield
        return
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    before = [(lg, lg.level) for lg in loggers]
    for lg in loggers:  # a level, unlike ``disabled``, is inherited by the child loggers
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in before:
            lg.setLevel(level)


def verify_dossier(path: Path, trust: list[x509.Certificate] | None = None,
                   originals: Path | None = None, batch_receipt: Path | None = None) -> VerifyReport:
    """Check a dossier; returns a report. Raises CannotVerify when it is not one. ``originals``:
    a folder holding the originals of the items sealed without embedding (``--hash-only``),
    under their sealed paths; each found there is hashed against the manifest.

    With ``batch_receipt``, a dossier that verifies must also be a member of that batch: its
    id (recomputed from its manifest) must lead, by the receipt's path, to the root the
    receipt's RFC 3161 token dates; if not, the verdict is ``not-in-batch`` (exit 4)."""
    with _quiet_validators():
        report = _verify(Path(path), trust, originals)
        if batch_receipt is not None:
            _check_batch(report, Path(batch_receipt), trust or [])
        return report


def _check_batch(report: VerifyReport, receipt: Path, trust: list[x509.Certificate]) -> None:
    if report.exit_code not in (ExitCode.OK, ExitCode.UNTRUSTED) or report.dossier_id is None:
        report.warn("batch-receipt-not-checked", msg("verify.receipt_not_checked"))
        return
    report.batch = check_membership(report.dossier_id, receipt, trust)
    if report.batch.problem is not None and report.batch.detail is not None:
        report.fail(f"batch-receipt-{report.batch.problem}", report.batch.detail)
    for note in report.batch.notes:
        report.warn("batch-receipt-untrusted-tsa", note)
    _finish(report)


def _verify(path: Path, trust: list[x509.Certificate] | None, originals: Path | None = None) -> VerifyReport:
    path = Path(path)
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except OSError as exc:
        raise BadInput(msg("err.cannot_open", path=str(path), reason=os_reason(exc)),
                       msg("err.cannot_open.hint_dossier")) from exc
    if b"%PDF-" not in head:
        raise CannotVerify(msg("err.not_a_pdf", path=str(path)), msg("err.verify_takes.hint"))

    report = VerifyReport(path, trust_anchors=len(trust or []))
    # The structure first (it says where the signatures are); then the raw check hashes every
    # signed range on the second core while this one compares the readers. Its digests then
    # spare pyHanko hashing the file again; its findings join the report before any verdict.
    with open(path, "rb") as f:
        report.file_size = os.fstat(f.fileno()).st_size
        structure = read_structure(f, report.file_size)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rawsig") as pool:
        raw = _RawScan(pool.submit(file_signatures, path, structure), report)
        report.revisions = len(structure.revisions)
        for problem in structure.problems:
            kind = problem.code if problem.code in _STRUCTURE_CODES else "structure-invalid"
            report.fail(problem.code, msg("verify.structure", what=msg(f"verify.structure.{kind}"),
                                          specifics=problem.detail, offset=problem.offset))
        _check_structure(report, path, raw, trust or [], structure)
        _check_raw_extent(report, raw.result())
    if originals is not None:
        _check_kept_originals(report, Path(originals))
    return _finish(report)


def _check_kept_originals(report: VerifyReport, folder: Path) -> None:
    """``verify --originals DIR``: each item sealed without its bytes, found under DIR at its
    sealed path, must hash to its sealed SHA-256 and SM3 (and size)."""
    for item in report.not_embedded:
        item_id, item_path = str(item.get("id")), str(item.get("path"))
        try:
            raw = decode_path_bytes(item["path_bytes"]) if "path_bytes" in item else item_path.encode("utf-8")
        except ValueError:
            raw = item_path.encode("utf-8")
        parts = raw.split(b"/")
        if raw.startswith(b"/") or any(part in (b"", b".", b"..") for part in parts):
            continue  # a path that could leave DIR is never opened
        candidate = folder.joinpath(*(os.fsdecode(part) for part in parts))
        if not candidate.is_file():
            report.warn("original-not-found", msg("verify.original_not_found", id=item_id, path=item_path,
                                                  folder=str(folder)), item_id)
            continue
        try:
            found = digest_file(candidate)
        except OSError as exc:
            report.warn("original-not-found", msg("verify.original_unreadable", id=item_id, path=str(candidate),
                                                  reason=os_reason(exc)), item_id)
            continue
        if (found.size, found.sha256, found.sm3) != (item.get("size"), item.get("sha256"), item.get("sm3")):
            report.fail("original-mismatch", msg("verify.original_mismatch", id=item_id, path=str(candidate),
                                                 expected=str(item.get("sha256"))[:16], found=found.sha256[:16]),
                        item_id)
            continue
        report.items_checked += 1
        report.findings = [f for f in report.findings if not (f.code == "not-embedded" and f.item == item_id)]
        report.findings.append(Finding("original-matches", "info",
                                       msg("verify.original_matches", id=item_id, path=str(candidate)), item_id))


def _reuse_digests(embedded: list[Any], raw_signatures: list[Any]) -> None:
    """Give pyHanko the digests the raw scan computed over the same byte ranges (pyHanko
    caches them per signature), so the file is hashed once, not twice."""
    computed = {sig.byte_range: sig.digest for sig in raw_signatures if sig.digest is not None}
    for sig in embedded:
        try:
            found = computed.get(tuple(int(v) for v in sig.byte_range))
        except (TypeError, ValueError):
            continue
        if found is not None:
            algorithm, digest = found
            sig.external_digests[algorithm] = digest


def _check_raw_extent(report: VerifyReport, raw_signatures: list[Any]) -> None:
    """Where the sealed part ends when the file is too damaged for pyHanko to say.

    A signature whose CMS digest still matches the bytes it claims marks the end of a
    sealed part, so unsigned bytes after it are reported, and --save-sealed can give the
    sealed file back even from a file no parser can read.
    """
    if report.sealed_size is not None:
        return
    ends = [sig.byte_range[2] + sig.byte_range[3] for sig in raw_signatures if sig.digest_matches]
    if not ends:
        return
    report.sealed_size = max(ends)
    if report.sealed_size < report.file_size and "unsigned-after-seal" not in {f.code for f in report.findings}:
        extra = report.file_size - report.sealed_size
        report.fail("unsigned-after-seal", msg("verify.unsigned_after_seal", sealed=report.sealed_size, extra=extra))


class _RawScan:
    """The background raw-signature scan; its findings are recorded the first time it is asked."""

    def __init__(self, future: Future[list[Any]], report: VerifyReport) -> None:
        self._future = future
        self._report = report
        self._signatures: list[Any] | None = None

    def result(self) -> list[Any]:
        if self._signatures is None:
            self._signatures = self._future.result()
            for n, sig in enumerate(self._signatures, start=1):
                if sig.digest_matches is False or sig.problem:
                    self._report.fail("signature-broken", msg("verify.signature_broken", n=n,
                                                              problem=sig.problem or msg("verify.signature_invalid_raw")))
        return self._signatures


def _check_structure(report: VerifyReport, path: Path, raw: _RawScan, trust: list[x509.Certificate],
                     structure: Structure) -> None:
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(path, "rb") as f:
        try:
            reader = PdfFileReader(f, strict=False)
            embedded = list(reader.embedded_signatures)
            root = reader.root
        except Exception as exc:
            if raw.result() or _carries_dossier_marks(path):
                report.fail("structure-broken", msg("verify.structure_broken", detail=str(exc)))
                return
            hint = msg("err.unreadable_pdf.hint_truncated" if "EOF" in str(exc) else "err.verify_takes.hint")
            raise CannotVerify(msg("err.unreadable_pdf", path=str(path), detail=str(exc)), hint) from exc

        marker = _dossier_marker(root)
        if marker is None and (public := _dossier_marker(root, PUBLIC_KEY)) is not None:
            marker, report.public_copy = public, True
        if not embedded:
            if raw.result() or marker:
                report.fail("seal-missing", msg("verify.seal_missing"))
                return
            raise CannotVerify(msg("err.not_sealed_not_dossier", path=str(path)), msg("err.verify_takes_sealed.hint"))
        if marker is None:
            report.fail("not-a-dossier", msg("verify.not_a_dossier"))

        # The originals are hashed (SHA-256 and SM3) on another thread while this one checks
        # the readers and the signatures: the slowest work runs beside the rest, not after it.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="originals") as hashing:
            prehashed = _prehash_originals(hashing, path, reader, structure) if marker is not None else None
            _check_after_marker(report, path, f, reader, embedded, structure, raw, trust, marker, prehashed)


def _check_after_marker(report: VerifyReport, path: Path, f: BinaryIO, reader: Any, embedded: list[Any],
                        structure: Structure, raw: _RawScan, trust: list[x509.Certificate], marker: str | None,
                        prehashed: Future[dict[str, tuple[int, str, str] | None]] | None) -> None:
    """Everything checked once the file is known to carry signatures (and, if ``marker``, to be a dossier)."""
    if structure.ok:
        _check_agreement(report, path, structure, f, reader)
    _reuse_digests(embedded, raw.result())
    _check_signatures(report, embedded, reader, trust)
    _check_after_seal(report, reader, embedded)
    _check_sealed_extent(report, reader, embedded, structure)
    _check_seal_values(report, f, embedded)
    if marker is not None:
        report.dossier_id = marker
        try:
            _check_contents(report, reader, f, path, marker, structure, prehashed)
        except Exception as exc:  # noqa: BLE001 - fail closed: a structure we cannot walk is a finding, not a crash
            report.fail("structure-broken", msg("verify.attachments_broken", detail=f"{type(exc).__name__}: {exc}"))
    raw.result()
    _check_time_claim(report)


_MARKS = (DOSSIER_KEY.encode(), SEAL_FIELD.encode())


def _carries_dossier_marks(path: Path) -> bool:
    """True if the bytes still hold our catalog key or seal field name (a damaged dossier)."""
    with open(path, "rb") as f:
        try:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:
            return False
        with mm:
            return any(mm.find(mark) >= 0 for mark in _MARKS)


def _timestamp_entry(sig: SignatureInfo) -> dict[str, Any]:
    return {"kind": "document-timestamp" if sig.kind == "document-timestamp" else "signature-timestamp",
            "of": sig.index, "field": sig.field, "tsa": sig.tsa, "time": sig.tsa_time,
            "valid": sig.tsa_valid, "trusted": sig.tsa_trusted, "fingerprint": sig.tsa_fingerprint}


def _dossier_marker(root: Any, key: str = DOSSIER_KEY) -> str | None:
    try:
        entry = root.get(key)
        if entry is None:
            return None
        value = str(entry.get_object().get("/Id"))
        return value if re.fullmatch(r"[0-9a-f]{64}", value) else None
    except Exception:  # noqa: BLE001 - fail closed: no readable marker means not a dossier
        return None


def _check_signatures(report: VerifyReport, embedded: list[Any], reader: Any,
                      trust: list[x509.Certificate]) -> None:
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trust]

    def context() -> ValidationContext:
        return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")

    policy = diff_policy()
    allowed_after_seal = ModificationLevel.FORM_FILLING  # new signatures and timestamps only
    previous_revision: int | None = None
    for index, sig in enumerate(embedded, start=1):
        field_name = sig.field_name
        is_timestamp = sig.sig_object.get("/Type") == "/DocTimeStamp"
        status: Any
        try:
            if is_timestamp:
                status = validate_pdf_timestamp(sig, validation_context=context(), diff_policy=policy)
            else:
                status = validate_pdf_signature(sig, signer_validation_context=context(),
                                                ts_validation_context=context(), diff_policy=policy)
        except Exception as exc:  # noqa: BLE001 - fail closed: pyHanko raises many types; the signature is reported unverifiable
            report.fail("signature-unverifiable", msg("verify.signature_unverifiable", n=index, detail=str(exc)))
            continue
        cert = status.signing_cert
        fingerprint = hashlib.sha256(cert.dump()).hexdigest() if cert is not None else None
        signer = subject_name(cert)
        coverage = status.coverage
        mod_level = getattr(status, "modification_level", None)
        info = SignatureInfo(
            index=index, field=field_name, kind="document-timestamp" if is_timestamp else "signature",
            signer=signer, fingerprint=fingerprint,
            self_signed=(cert.self_signed != "no") if cert is not None else None,
            trusted=bool(status.trusted), intact=bool(status.intact), valid=bool(status.valid),
            coverage=coverage.name if coverage is not None else "UNKNOWN",
            modification_level=mod_level.name if mod_level is not None else None,
            signing_time=_when(getattr(status, "signer_reported_dt", None)),
            reason=_str_or_none(sig.sig_object.get("/Reason")),
            location=_str_or_none(sig.sig_object.get("/Location")),
            issuer=issuer_name(cert),
            signed_revision=sig.signed_revision,
        )
        ts = status if is_timestamp else getattr(status, "timestamp_validity", None)
        if ts is not None:
            info.tsa = subject_name(ts.signing_cert)
            info.tsa_time = _when(ts.timestamp)
            info.tsa_valid = bool(ts.intact and ts.valid)
            info.tsa_trusted = bool(ts.trusted)
            info.tsa_fingerprint = hashlib.sha256(ts.signing_cert.dump()).hexdigest() if ts.signing_cert else None
            if not info.tsa_valid:
                report.fail("timestamp-invalid", msg("verify.timestamp_invalid", n=index, tsa=info.tsa))
            elif trust and not ts.trusted:
                report.warn("untrusted-tsa", msg("verify.untrusted_tsa", n=index, tsa=info.tsa))
        if previous_revision is not None:
            info.changes_before = _changes_between(reader, policy, previous_revision, sig.signed_revision)
        previous_revision = sig.signed_revision
        report.signatures.append(info)

        who = msg("verify.who", n=index, signer=signer)
        if not status.intact:
            report.fail("digest-mismatch", msg("verify.digest_mismatch", who=who))
        elif not status.valid:
            report.fail("signature-invalid", msg("verify.signature_invalid", who=who))
        if coverage is None or coverage < SignatureCoverageLevel.ENTIRE_REVISION:
            report.fail("coverage", msg("verify.coverage", who=who))
        if mod_level is not None and mod_level > allowed_after_seal:
            report.fail("modified-after-signing", msg("verify.modified_after_signing", who=who,
                                                      changed=_describe_diff(status)))
        if getattr(status, "docmdp_ok", True) is False:
            report.fail("docmdp", msg("verify.docmdp", who=who))
        if not is_timestamp and trust and not status.trusted:
            report.warn("untrusted-signer", msg("verify.untrusted_signer", who=who))


def diff_policy() -> Any:
    """pyHanko's difference analysis, stricter where a dossier needs it to be.

    pyHanko's default policy accepts, at its lowest level, a new or changed /Info
    dictionary, a replaced XMP /Metadata stream and /MarkInfo, and values typed into any
    form field. A dossier has no form fields but signatures, and its metadata is part of
    what was sealed: after the seal only new signatures, document timestamps and
    validation data (DSS) may be added. Everything else is left unexplained, which
    pyHanko classes as OTHER: tampering.
    """
    from pyhanko.sign.diff_analysis import (
        CatalogModificationRule,
        DSSCompareRule,
        FormUpdatingRule,
        ModificationLevel,
        ObjectStreamRule,
        SigFieldCreationRule,
        SigFieldModificationRule,
        StandardDiffPolicy,
        XrefStreamRule,
    )

    lta = ModificationLevel.LTA_UPDATES
    return StandardDiffPolicy(
        global_rules=[
            CatalogModificationRule(ignored_keys=frozenset({"/AcroForm", "/DSS", "/Extensions", "/Version"})),
            XrefStreamRule().as_qualified(lta),
            ObjectStreamRule().as_qualified(lta),
            DSSCompareRule().as_qualified(lta),
        ],
        form_rule=FormUpdatingRule(field_rules=[SigFieldCreationRule(), SigFieldModificationRule()]),
    )


def _changes_between(reader: Any, policy: Any, old_rev: int, new_rev: int) -> list[Message]:
    """In words: what the revisions after ``old_rev`` up to ``new_rev`` added."""
    changes: list[Message] = []
    try:
        old = reader.get_historical_resolver(old_rev)
        new = reader.get_historical_resolver(new_rev)
        result = policy.apply(old, new)
    except Exception as exc:  # noqa: BLE001 - SuspiciousModification and friends: reported by the diff check too
        return [msg("verify.change.other", detail=str(exc))]
    for name in sorted(result.changed_form_fields):
        changes.append(msg("verify.change.field", name=name))
    try:
        if "/DSS" in new.root and (old.root.raw_get("/DSS") if "/DSS" in old.root else None) != \
                new.root.raw_get("/DSS"):
            changes.append(msg("verify.change.dss"))
        elif "/DSS" in new.root and any(
                ref in reader.xrefs.explicit_refs_in_revision(rev)
                for rev in range(old_rev + 1, new_rev + 1) for ref in [new.root.raw_get("/DSS")]):
            changes.append(msg("verify.change.dss"))
    except Exception:  # noqa: BLE001 - describing the DSS change is best effort; the diff check reports it anyway
        pass
    return changes or [msg("verify.change.level", level=result.modification_level.name.lower().replace("_", " "))]


def _check_after_seal(report: VerifyReport, reader: Any, embedded: list[Any]) -> None:
    """Metadata and page annotations must be exactly as sealed (beyond pyHanko's own rules).

    - /Info (trailer) and /Metadata (XMP) must be the same objects, never rewritten;
    - every annotation added to a page after the seal must be an invisible (zero-size)
      signature widget: a new signature whose widget draws on the page could show
      anything (the "sneaky signature" attack).
    """
    if not embedded:
        return
    seal_rev = min(sig.signed_revision for sig in embedded)
    last_rev = reader.xrefs.total_revisions - 1
    if last_rev <= seal_rev:
        return
    try:
        sealed = reader.get_historical_resolver(seal_rev)
        later = range(seal_rev + 1, last_rev + 1)
        rewritten = set().union(*(reader.xrefs.explicit_refs_in_revision(r) for r in later))
        for label, old_ref, new_ref in (
            ("/Info", _raw(sealed.trailer_view, "/Info"), _raw(reader.trailer_view, "/Info")),
            ("/Metadata", _raw(sealed.root, "/Metadata"), _raw(reader.root, "/Metadata")),
        ):
            if old_ref != new_ref or (old_ref is not None and _ref_key(old_ref) in rewritten):
                report.fail("metadata-changed", msg("verify.metadata_changed.info" if label == "/Info"
                                                    else "verify.metadata_changed.xmp"))
        for page_no, page in enumerate(_pages(reader), start=1):
            annots = page.get("/Annots")
            for annot_ref in (annots.get_object() if annots is not None else []):
                ref = getattr(annot_ref, "reference", None)
                if ref is None:
                    continue  # a direct annotation: a change of the page object, which the diff check sees
                try:
                    introduced = reader.xrefs.get_introducing_revision(ref)
                except KeyError:
                    introduced = last_rev
                if introduced <= seal_rev:
                    continue
                annot = annot_ref.get_object()
                if not _invisible_signature_widget(annot):
                    report.fail("annotation-added", msg("verify.annotation_added", page=page_no,
                                                        subtype=str(annot.get("/Subtype"))))
    except Exception as exc:  # noqa: BLE001 - fail closed: unreadable revisions are a finding
        report.fail("structure-unreadable", msg("verify.revisions_unreadable", detail=str(exc)))


def _raw(dictionary: Any, key: str) -> Any:
    try:
        return dictionary.raw_get(key) if key in dictionary else None
    except Exception:  # noqa: BLE001 - fail closed: a key that cannot be read is absent
        return None


def _ref_key(ref: Any) -> Any:
    return getattr(ref, "reference", ref)


def _pages(reader: Any) -> Iterator[Any]:
    def walk(node: Any, depth: int) -> Iterator[Any]:
        node = node.get_object()
        if depth > 64:
            return
        if node.get("/Type") == "/Pages" or "/Kids" in node:
            for kid in node.get("/Kids", []):
                yield from walk(kid, depth + 1)
        else:
            yield node

    yield from walk(reader.root["/Pages"], 0)


def _invisible_signature_widget(annot: Any) -> bool:
    if annot.get("/Subtype") != "/Widget":
        return False
    field = annot
    while field is not None and "/FT" not in field and "/Parent" in field:
        field = field["/Parent"].get_object()
    if field is None or field.get("/FT") != "/Sig":
        return False
    try:
        x1, y1, x2, y2 = (float(v) for v in annot.get("/Rect", [0, 0, 0, 0]))
    except (TypeError, ValueError):
        return False
    return abs(x2 - x1) * abs(y2 - y1) == 0


def _check_sealed_extent(report: VerifyReport, reader: Any, embedded: list[Any], structure: Structure) -> None:
    """Nothing may follow what the last intact signature or timestamp covers.

    An unsigned revision, a no-op update or junk after %%EOF is not "what was sealed",
    whatever a difference analysis makes of it. The file must also be the same chain of
    revisions to pyHanko as to the strict reading.
    """
    ends = []
    for sig in embedded:
        try:
            _, len1, start2, len2 = (int(v) for v in sig.byte_range)
        except (TypeError, ValueError):
            continue
        ends.append(start2 + len2)
    intact_ends = [end for end, info in zip(ends, report.signatures) if info.intact and info.valid]
    if intact_ends:
        report.sealed_size = max(intact_ends)
    total = reader.xrefs.total_revisions
    if structure.ok and total != len(structure.revisions):
        report.fail("revision-chain-broken", msg("verify.revision_count", seen=total, actual=len(structure.revisions)))
    sealed = report.sealed_size
    if sealed is None or sealed >= report.file_size:
        return
    extra = report.file_size - sealed
    revisions_after = sum(1 for r in structure.revisions if r.start >= sealed)
    code = {0: "verify.unsigned_after_seal", 1: "verify.unsigned_after_seal.revision"}.get(
        revisions_after, "verify.unsigned_after_seal.revisions")
    report.fail("unsigned-after-seal", msg(code, sealed=sealed, extra=extra, revisions=revisions_after))


def _check_seal_values(report: VerifyReport, f: BinaryIO, embedded: list[Any]) -> None:
    """/Contents must be exactly what the sealer wrote: upper-case hex of the CMS, then zero padding.

    The value is outside what the signature covers; a re-encoded value (other case,
    white space) decodes to the same signature, so only this check sees it was rewritten.
    """
    for index, sig in enumerate(embedded, start=1):
        try:
            _, len1, start2, _ = (int(v) for v in sig.byte_range)
        except (TypeError, ValueError):
            continue
        if start2 - len1 > 64 << 20 or start2 <= len1:
            continue  # the raw scan and pyHanko report a broken /ByteRange
        f.seek(len1)
        value = f.read(start2 - len1)
        if not _canonical_seal_value(value):
            report.fail("seal-value-reencoded", msg("verify.seal_value_reencoded", n=index))


def _canonical_seal_value(value: bytes) -> bool:
    if len(value) < 2 or value[:1] != b"<" or value[-1:] != b">":
        return False
    digits = value[1:-1]
    if not re.fullmatch(rb"[0-9A-F]*", digits) or len(digits) % 2:
        return False
    der = bytes.fromhex(digits.decode())
    try:
        length = der_length(der)
    except ValueError:
        return False
    return length <= len(der) and not der[length:].strip(b"\x00")


def _check_agreement(report: VerifyReport, path: Path, structure: Structure, f: BinaryIO, reader: Any) -> None:
    """pyHanko and qpdf (as poppler and most viewers) must see what the strict reading holds."""
    for difference in disagreements(path, structure, f, reader):
        report.fail("parser-disagreement", msg("verify.parser_disagreement", what=difference))


def _check_time_claim(report: VerifyReport) -> None:
    """A manifest (and cover) that say "time from a TSA" need a valid timestamp on the seal."""
    seals = [s for s in report.signatures if s.kind == "signature"]
    if report.time_source_claimed == "tsa" and seals and seals[0].time_basis != "tsa":
        report.fail("time-source-claim", msg("verify.time_source_claim"))


def _describe_diff(status: Any) -> str:
    diff = getattr(status, "diff_result", None)
    text = str(diff) if diff is not None else ""
    paths = re.findall(r"(\.Root[^\s,'\"]*|/[A-Z][A-Za-z]+)", text)
    level = getattr(status, "modification_level", None)
    return ", ".join(dict.fromkeys(paths[:4])) or (level.name if level is not None else "?")


def _when(dt: datetime | None) -> str | None:
    return iso(dt.astimezone(CHINA_TZ)) if dt is not None else None


def _str_or_none(value: Any) -> str | None:
    return str(value) if value is not None else None


def _prehash_originals(pool: ThreadPoolExecutor, path: Path, reader: Any,
                       structure: Structure) -> Future[dict[str, tuple[int, str, str] | None]] | None:
    """Start hashing every attachment stream the fast way (straight from the file, by the strict
    reading's offsets) on ``pool``. The streams are located here, on this thread (pyHanko's
    objects are not shared between threads); a stream the fast way cannot read is left for the
    ordinary path."""
    if not structure.ok:
        return None
    try:
        files = embedded_files(reader.root)
        offsets = newest_offsets(structure)
        wanted = {}
        for key, spec in files.items():
            if key in (MANIFEST_NAME, CASE_NAME):
                continue
            ref = stream_ref(spec)
            idnum = getattr(ref, "idnum", None)
            if idnum is not None and idnum in offsets:
                wanted[key] = (idnum, offsets[idnum])
    except Exception:  # noqa: BLE001 - fail closed: the ordinary path reports what cannot be read
        return None
    return pool.submit(_hash_streams, path, wanted)


#: Originals hashed at once: SM3 (about a sixth of SHA-256's speed) over the originals is
#: verify's largest cost, and one SM3 cannot be split; two originals at a time keep both cores
#: busy beside the whole file's SHA-256 and the checks (hashlib releases the GIL).
HASH_WORKERS = 2


def _hash_streams(path: Path, wanted: dict[str, tuple[int, int]]) -> dict[str, tuple[int, str, str] | None]:
    with ThreadPoolExecutor(max_workers=HASH_WORKERS, thread_name_prefix="original") as pool:
        futures = {key: pool.submit(_hash_stream, path, idnum, offset) for key, (idnum, offset) in wanted.items()}
        return {key: future.result() for key, future in futures.items()}


def _hash_stream(path: Path, idnum: int, offset: int) -> tuple[int, str, str] | None:
    digester = Digester(threaded=False)
    with open(path, "rb") as f:
        try:
            feed_stream(f, locate_stream(f, offset, idnum), digester.update)
        except UnsupportedStream:
            return None
    found = digester.finish()
    return found.size, found.sha256, found.sm3


def _check_contents(report: VerifyReport, reader: Any, f: BinaryIO, path: Path, dossier_id: str,
                    structure: Structure,
                    prehashed: Future[dict[str, tuple[int, str, str] | None]] | None = None) -> None:
    files = embedded_files(reader.root)
    for problem in (attachment_route_problems(StrictView(structure, f)) if structure.ok else []):
        report.fail("attachment-route", msg("verify.attachment_route", what=problem))
    offsets = newest_offsets(structure) or xref_offsets(path)
    manifest_spec = files.get(MANIFEST_NAME)
    if manifest_spec is None:
        report.fail("manifest-missing", msg("verify.manifest_missing"))
        return
    manifest_raw = read_attachment(manifest_spec, reader, f, offsets)
    if manifest_raw is None:
        report.fail("manifest-unreadable", msg("verify.manifest_unreadable"))
        return
    actual_id = hashlib.sha256(manifest_raw).hexdigest()
    if actual_id != dossier_id:
        report.fail("manifest-id-mismatch", msg("verify.manifest_id_mismatch", actual=actual_id[:16],
                                                expected=dossier_id[:16]))
    try:
        manifest = parse_manifest(manifest_raw, PUBLIC_SCHEMA if report.public_copy else MANIFEST_SCHEMA)
    except ValueError:
        report.fail("manifest-invalid", msg("verify.manifest_invalid"))
        return
    report.case_title = (manifest.get("case") or {}).get("case", {}).get("title")
    if report.public_copy:
        sealed = manifest.get("sealed") or {}
        report.public_of = str(sealed.get("dossier_id")) if sealed.get("dossier_id") else None
        report.case_title = sealed.get("title") if isinstance(sealed.get("title"), str) else None
    report.time_source_claimed = manifest.get("time_source")
    _check_cover(report, reader, dossier_id)

    items = manifest["items"]
    report.items_total = len(items)
    early = prehashed.result() if prehashed is not None else {}
    expected_keys = {MANIFEST_NAME, CASE_NAME}
    by_id = {str(item.get("id")): item for item in items}
    verified: set[str] = set()
    # the attached items first: a copy is checked through its first copy's attachment, wherever it is listed
    for item in sorted(items, key=lambda entry: entry.get("duplicate_of") is not None):
        item_id, item_path = str(item.get("id")), str(item.get("path"))
        if item.get("duplicate_of") is not None or item.get("embedded") is False:
            if _check_unattached(report, item, by_id, verified):
                report.items_checked += 1
            continue
        expected_keys.add(item_id)
        spec = files.get(item_id)
        if spec is None:
            report.fail("item-missing", msg("verify.item_missing", id=item_id, path=item_path), item_id)
            continue
        digests = early.get(item_id) or hash_attachment(spec, reader, f, offsets)
        if digests is None:
            report.fail("item-unreadable", msg("verify.item_unreadable", id=item_id, path=item_path), item_id)
            continue
        size, sha, sm3 = digests
        if sha != item.get("sha256") or size != item.get("size"):
            report.fail("item-hash-mismatch", msg("verify.item_hash_mismatch", id=item_id, path=item_path,
                                                  expected=str(item.get("sha256"))[:16], found=sha[:16]), item_id)
            continue
        if item.get("sm3") and sm3 != item.get("sm3"):
            report.fail("item-sm3-mismatch", msg("verify.item_sm3_mismatch", id=item_id, path=item_path), item_id)
            continue
        report.items_checked += 1
        verified.add(item_id)
    for key in sorted(set(files) - expected_keys):
        report.fail("unexpected-attachment", msg("verify.unexpected_attachment", name=key))
    case_spec = files.get(CASE_NAME)
    if case_spec is not None:
        raw_case = read_attachment(case_spec, reader, f, offsets)
        if raw_case is None or not sealed_case_matches(raw_case, manifest.get("case")):
            report.fail("case-mismatch", msg("verify.case_mismatch"))


def _check_unattached(report: VerifyReport, item: dict[str, Any], by_id: dict[str, dict[str, Any]],
                      verified: set[str]) -> bool:
    """An item the dossier lists without its own attachment: a copy of an earlier item (its
    digests must be that item's, which is checked as an attachment), or one hashed only
    (``embedded: false``: its digests are sealed, the original is its owner's to keep)."""
    item_id, item_path = str(item.get("id")), str(item.get("path"))
    of = item.get("duplicate_of")
    if of is not None:
        first = by_id.get(str(of))
        if (first is None or first is item or first.get("duplicate_of") is not None
                or first.get("embedded") is False):
            report.fail("duplicate-broken", msg("verify.duplicate_broken", id=item_id, path=item_path, of=str(of)),
                        item_id)
            return False
        if any(item.get(key) != first.get(key) for key in ("sha256", "sm3", "size")):
            report.fail("item-hash-mismatch", msg("verify.duplicate_differs", id=item_id, path=item_path,
                                                  of=str(of)), item_id)
            return False
        return str(of) in verified  # checked through its first copy's attachment
    report.items_not_embedded += 1
    report.not_embedded.append(item)
    report.warn("not-embedded", msg("verify.not_embedded", id=item_id, path=item_path,
                                    sha256=str(item.get("sha256")), sm3=str(item.get("sm3"))), item_id)
    return False


def _check_cover(report: VerifyReport, reader: Any, dossier_id: str) -> None:
    try:
        from pypdf import PdfReader

        with open(report.path, "rb") as f:  # a path would make pypdf read the whole file into memory
            text = PdfReader(f, strict=False).pages[0].extract_text() or ""
    except Exception:  # noqa: BLE001 - pypdf raises many types; the cover check is skipped with a warning
        report.warn("cover-unreadable", msg("verify.cover_unreadable"))
        return
    if dossier_id not in re.sub(r"\s+", "", text):
        report.fail("cover-id-mismatch", msg("verify.cover_id_mismatch"))


def _seal_trusted(report: VerifyReport) -> bool:
    seals = [s for s in report.signatures if s.kind == "signature"]
    return bool(seals) and seals[0].trusted


def _finish(report: VerifyReport) -> VerifyReport:
    fails = [f for f in report.findings if f.severity == "fail"]
    if fails and all(f.code.startswith("batch-receipt-") for f in fails):
        report.verdict = "not-in-batch"  # the dossier itself is intact; the receipt does not vouch for it
    elif fails:
        incomplete_only = all(f.code in ("item-missing", "manifest-missing") for f in fails)
        report.verdict = "incomplete" if incomplete_only else "tampered"
    elif report.trust_anchors and not _seal_trusted(report):
        report.verdict = "untrusted-signer"
    elif report.signatures and any(s.time_basis != "tsa" for s in report.signatures if s.kind == "signature"):
        report.verdict = "untrusted-time"
    else:
        report.verdict = "valid"
    return report
