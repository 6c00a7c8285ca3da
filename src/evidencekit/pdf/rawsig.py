"""Signature checks straight from the bytes, for files too damaged to parse.

A byte flipped in a cross-reference table can stop a PDF parser from finding the
signature at all. That must not turn a tampered dossier into "cannot verify": the
signature dictionaries are found by their /ByteRange, and each one's CMS message
digest is compared with a fresh hash of the ranges it claims to cover.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from asn1crypto import cms, tsp  # tsp also registers the RFC 3161 TSTInfo content type

from evidencekit.hashing import PrefixDigest
from evidencekit.i18n import Message, msg
from evidencekit.pdf.structure import Structure, signature_ranges

_BYTERANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f\s]*)>")
CHUNK = 1 << 20
_DIGESTS = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512, "sha1": hashlib.sha1}


@dataclass(frozen=True)
class RawSignature:
    byte_range: tuple[int, int, int, int]
    digest_matches: bool | None  # None: the CMS could not be read at all
    problem: Message | None  # why the signature does not hold, if it does not
    digest: tuple[str, bytes] | None = None  # (algorithm, digest of the signed ranges), when computed


def file_signatures(path: Path, structure: Structure) -> list[RawSignature]:
    """Each signature of the file with its CMS digest checked: where the strict reading found the
    signature dictionaries when it could read every byte (a signed receipt among the evidence
    holds a /ByteRange of its own, inside its attachment stream), else found byte by byte."""
    ranges = signature_ranges(structure) if structure.ok else []
    return check_byte_ranges(path, ranges) if ranges else scan_signatures(path)


def check_byte_ranges(path: Path, ranges: list[tuple[int, int, int, int]]) -> list[RawSignature]:
    """The verdict of each given signature's own CMS digest (its /ByteRange already known)."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        return [_check(f, size, br) for br in ranges]


def check_last_revision(path: Path, byte_range: tuple[int, int, int, int], prefix: PrefixDigest) -> RawSignature:
    """The seal just made, checked from its own revision only: the file must end where its
    /ByteRange ends, that revision must hold that /ByteRange and no other, and the CMS digest must
    match the ranges — hashed from ``prefix`` (the file's first bytes, hashed as they were written)
    plus the revision's bytes read back from the disk."""
    with open(path, "rb") as f:
        size = os.fstat(f.fileno()).st_size
        start1, len1, start2, len2 = byte_range
        if prefix.length > len1 or start2 + len2 != size:
            return RawSignature(byte_range, None, msg("sig.byte_range_bad"))
        f.seek(prefix.length)
        revision = f.read(size - prefix.length)
        found = {tuple(int(x) for x in m.groups()) for m in _BYTERANGE.finditer(revision)}
        if found != {byte_range}:
            return RawSignature(byte_range, None, msg("sig.byte_range_bad"))
        return _check(f, size, byte_range, prefix)


def scan_signatures(path: Path) -> list[RawSignature]:
    """Every /ByteRange in the file with the verdict of its own CMS digest.

    Reads in fixed-size chunks: an mmap would count the whole dossier as resident memory.
    """
    with open(path, "rb") as f:
        ranges: list[tuple[int, int, int, int]] = []
        tail = b""
        size = 0
        while True:
            chunk = f.read(CHUNK)
            if not chunk:
                break
            window = tail + chunk
            at = window.find(b"/ByteRange")  # memchr-fast; the regex runs only where it may match
            while at != -1:
                match = _BYTERANGE.match(window, at)
                if match and not (match.end() > len(window) - 64 and len(chunk) == CHUNK):
                    found = tuple(int(x) for x in match.groups())
                    if found not in ranges:
                        ranges.append(found)  # type: ignore[arg-type]
                # a match cut at the window's end is found whole in the next window
                at = window.find(b"/ByteRange", at + 1)
            tail = window[-256:]
            size += len(chunk)
        return [_check(f, size, br) for br in ranges]


def der_length(der: bytes) -> int:
    """Total length of the DER value at the start of ``der`` (tag, length and content)."""
    if len(der) < 2 or der[0] != 0x30:
        raise ValueError("not a DER SEQUENCE")
    first = der[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if n == 0 or n > 4 or len(der) < 2 + n:
        raise ValueError("bad DER length")
    return 2 + n + int.from_bytes(der[2:2 + n], "big")


def _check_der(der: bytes) -> None:
    """Walk the whole DER tree (constructed values recursively); raise ValueError on any
    encoding a DER writer would not produce: inconsistent or non-minimal lengths, a NULL
    with content, a BOOLEAN that is not 00/FF, a non-minimal INTEGER."""
    stack = [(0, len(der))]
    while stack:
        pos, end = stack.pop()
        while pos < end:
            tag = der[pos]
            if tag & 0x1F == 0x1F:
                raise ValueError("high tag numbers are not used here")
            if pos + 1 >= end:
                raise ValueError("truncated")
            first = der[pos + 1]
            if first < 0x80:
                length, head = first, 2
            else:
                n = first & 0x7F
                if n == 0 or n > 4 or pos + 2 + n > end:
                    raise ValueError("bad length")
                length, head = int.from_bytes(der[pos + 2:pos + 2 + n], "big"), 2 + n
                if length < 0x80 or der[pos + 2] == 0:
                    raise ValueError("non-minimal length")
            start, stop = pos + head, pos + head + length
            if stop > end:
                raise ValueError("value runs past its container")
            if tag & 0x20:
                stack.append((start, stop))
            elif tag == 0x05 and length != 0:
                raise ValueError("NULL with content")
            elif tag == 0x01 and (length != 1 or der[start] not in (0x00, 0xFF)):
                raise ValueError("bad BOOLEAN")
            elif tag == 0x02 and (length == 0 or (length > 1 and (
                    (der[start] == 0 and der[start + 1] < 0x80) or (der[start] == 0xFF and der[start + 1] >= 0x80)))):
                raise ValueError("non-minimal INTEGER")
            pos = stop


def _parse_all(signed: cms.SignedData, depth: int = 0) -> None:
    """Parse every field of a SignedData against its schema (asn1crypto parses lazily, and
    ``.native`` on the whole tree is very slow): a changed byte in a field nobody reads
    otherwise, e.g. an algorithm's parameters, still shows as a parse error."""
    from asn1crypto import x509 as asn1_x509

    for key in ("version", "digest_algorithms", "encap_content_info"):
        signed[key].native
    for choice in signed["certificates"] or []:
        asn1_x509.Certificate.load(choice.chosen.dump()).native
    for signer in signed["signer_infos"]:
        for key in ("version", "sid", "digest_algorithm", "signature_algorithm", "signature"):
            signer[key].native
        for attr in signer["signed_attrs"]:
            attr["type"].native
            attr["values"].dump()
        for attr in signer["unsigned_attrs"] or []:
            if attr["type"].dotted == "1.2.840.113549.1.9.16.2.14" and depth == 0:
                for token in attr["values"]:
                    _parse_all(cms.ContentInfo.load(token.dump())["content"], depth + 1)
            else:
                attr.native


def _check(f: BinaryIO, size: int, br: tuple[int, int, int, int], prefix: PrefixDigest | None = None) -> RawSignature:
    start1, len1, start2, len2 = br
    if start1 != 0 or start1 + len1 > start2 or start2 + len2 > size or start2 - len1 > 1 << 20:
        return RawSignature(br, None, msg("sig.byte_range_bad"))
    f.seek(len1)
    gap = f.read(start2 - len1)
    contents = _CONTENTS.search(b"/Contents " + gap) if gap.startswith(b"<") else None
    if contents is None:
        return RawSignature(br, None, msg("sig.byte_range_wrapping"))
    try:
        der = bytes.fromhex(re.sub(rb"\s", b"", contents.group(1)).decode())
        used = der_length(der)
        if any(der[used:]):
            # Readers ignore what follows the CMS structure, but a byte changed there is still a change.
            return RawSignature(br, False, msg("sig.padding_changed"))
        info = cms.ContentInfo.load(der[:used])
        _check_der(der[:used])  # a byte changed in an unsigned part often breaks its encoding
        _parse_all(info["content"])
        signed = info["content"]
        encap = signed["encap_content_info"]
        expected = None
        if encap["content_type"].native == "tst_info":
            # a document timestamp (RFC 3161): the token's message imprint is the file's digest
            imprint = encap["content"].parsed["message_imprint"]
            algo = imprint["hash_algorithm"]["algorithm"].native
            expected = imprint["hashed_message"].native
        else:
            signer = signed["signer_infos"][0]
            algo = signer["digest_algorithm"]["algorithm"].native
            for attr in signer["signed_attrs"]:
                if attr["type"].native == "message_digest":
                    expected = attr["values"][0].native
        if expected is None or algo not in _DIGESTS:
            return RawSignature(br, None, msg("sig.no_digest"))
    except Exception:  # noqa: BLE001 - fail closed: asn1crypto raises many types for a damaged CMS
        return RawSignature(br, None, msg("sig.not_cms"))
    h = _DIGESTS[algo]()
    ranges = ((start1, len1), (start2, len2))
    if prefix is not None and algo == "sha256" and prefix.length <= len1:
        h = prefix.extended()
        ranges = ((prefix.length, len1 - prefix.length), (start2, len2))
    for offset, length in ranges:
        f.seek(offset)
        remaining = length
        while remaining:
            data = f.read(min(CHUNK, remaining))
            if not data:
                break
            h.update(data)
            remaining -= len(data)
    computed = (algo, h.digest())
    if computed[1] != expected:
        return RawSignature(br, False, msg("sig.digest_mismatch"), computed)
    try:
        problem = _certificates_problem(signed)
    except Exception:  # noqa: BLE001 - a certificate that no longer parses was changed too
        problem = msg("sig.foreign_certificate")
    if problem:
        return RawSignature(br, False, problem, computed)
    return RawSignature(br, True, None, computed)


def _issued_by(cert: object, issuer: object) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)  # type: ignore[attr-defined]
        return True
    except Exception:  # noqa: BLE001 - fail closed: any failure means not issued by it
        return False


def _certificates_problem(signed: cms.SignedData, depth: int = 0) -> Message | None:
    """The certificates travel in the CMS outside what is signed. Each must be bound:
    the signer's by its signing-certificate attribute (its hash, signed), every other one
    as the verified issuer of a bound one. Anything else was changed or slipped in.
    Timestamp tokens in the unsigned attributes are held to the same rule.
    """
    from cryptography import x509

    certs = [c.chosen.dump() for c in signed["certificates"] or [] if c.name == "certificate"]
    signer = signed["signer_infos"][0]
    bound: list[bytes] = []
    for attr in signer["signed_attrs"]:
        kind = attr["type"].dotted
        if kind in ("1.2.840.113549.1.9.16.2.47", "1.2.840.113549.1.9.16.2.12"):  # signing-certificate v2 / v1
            value = attr["values"][0]
            parsed = (tsp.SigningCertificateV2 if kind.endswith(".47") else tsp.SigningCertificate).load(value.dump())
            cert_id = parsed["certs"][0]
            algo = cert_id["hash_algorithm"]["algorithm"].native if kind.endswith(".47") else "sha1"
            digest = cert_id["cert_hash"].native
            bound = [der for der in certs if _DIGESTS.get(algo, hashlib.sha256)(der).digest() == digest]
            if not bound:
                return msg("sig.signer_certificate_changed")
    if not bound:
        return None  # no signing-certificate attribute (not PAdES): nothing binds the certificates
    loaded = {der: x509.load_der_x509_certificate(der) for der in set(certs)}
    accepted = set(bound)
    grew = True
    while grew:
        grew = False
        for der, cert in loaded.items():
            if der in accepted:
                continue
            for child in list(accepted):
                try:
                    loaded[child].verify_directly_issued_by(cert)
                except Exception:  # noqa: BLE001 - fail closed: any failure means not issued by it
                    continue
                accepted.add(der)
                grew = True
                break
    if set(certs) - accepted:
        return msg("sig.foreign_certificate")
    for der, cert in loaded.items():
        if der in bound:
            continue
        # a certificate accepted only as an issuer must be a CA ...
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca:
            return msg("sig.foreign_certificate")
        # ... and no altered copy of another certificate (same subject and key, other bytes)
        for other_der, other in loaded.items():
            if other_der != der and other.subject == cert.subject and \
                    other.public_key() == cert.public_key():
                return msg("sig.certificate_altered")
    for der, cert in loaded.items():  # noqa: B007 - der is not needed here; loaded.values() would do
        # where the issuer travels too, the certificate's own signature must check out
        issuers = [other for other in loaded.values() if other.subject == cert.issuer]
        if issuers and not any(_issued_by(cert, issuer) for issuer in issuers):
            return msg("sig.certificate_altered")
    if depth == 0:
        for attr in signer["unsigned_attrs"] or []:
            if attr["type"].dotted == "1.2.840.113549.1.9.16.2.14":  # signature timestamp token
                for token in attr["values"]:
                    inner = cms.ContentInfo.load(token.dump())["content"]
                    problem = _certificates_problem(inner, depth + 1)
                    if problem:
                        return msg("sig.in_timestamp", problem=problem)
    return None
