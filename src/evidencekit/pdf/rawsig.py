"""Signature checks straight from the bytes, for files too damaged to parse.

A byte flipped in a cross-reference table can stop a PDF parser from finding the
signature at all. That must not turn a tampered dossier into "cannot verify": the
signature dictionaries are found by their /ByteRange, and each one's CMS message
digest is compared with a fresh hash of the ranges it claims to cover.
"""

from __future__ import annotations

import hashlib
import mmap
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import cms
from asn1crypto import tsp  # noqa: F401  (registers the RFC 3161 TSTInfo content type)

_BYTERANGE = re.compile(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]")
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f\s]*)>")
_DIGESTS = {"sha256": hashlib.sha256, "sha384": hashlib.sha384, "sha512": hashlib.sha512, "sha1": hashlib.sha1}


@dataclass(frozen=True)
class RawSignature:
    byte_range: tuple[int, int, int, int]
    digest_matches: bool | None  # None: the CMS could not be read at all
    problem: str | None


def scan_signatures(path: Path) -> list[RawSignature]:
    """Every /ByteRange in the file with the verdict of its own CMS digest."""
    with open(path, "rb") as f:
        try:
            mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError:  # empty file
            return []
        with mm:
            found = []
            for match in _BYTERANGE.finditer(mm):
                byte_range = tuple(int(x) for x in match.groups())
                found.append(_check(mm, byte_range))  # type: ignore[arg-type]
            return found


def _der_length(der: bytes) -> int:
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


def _check(mm: mmap.mmap, br: tuple[int, int, int, int]) -> RawSignature:
    start1, len1, start2, len2 = br
    size = len(mm)
    if start1 != 0 or start1 + len1 > start2 or start2 + len2 > size:
        return RawSignature(br, None, "its /ByteRange points outside the file or overlaps itself")
    gap = mm[len1:start2]
    contents = _CONTENTS.search(b"/Contents " + gap) if gap.startswith(b"<") else None
    if contents is None:
        return RawSignature(br, None, "the signed ranges do not leave exactly the signature value out")
    try:
        der = bytes.fromhex(re.sub(rb"\s", b"", contents.group(1)).decode())
        used = _der_length(der)
        if any(der[used:]):
            # Readers ignore what follows the CMS structure, but a byte changed there is still a change.
            return RawSignature(br, False, "bytes in the signature's reserved space were changed after signing")
        info = cms.ContentInfo.load(der[:used])
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
            return RawSignature(br, None, "the signature value holds no message digest")
    except Exception:
        return RawSignature(br, None, "the signature value is not a readable CMS signature")
    h = _DIGESTS[algo]()
    for offset, length in ((start1, len1), (start2, len2)):
        pos = offset
        while pos < offset + length:
            end = min(pos + (1 << 20), offset + length)
            h.update(mm[pos:end])
            pos = end
    if h.digest() != expected:
        return RawSignature(br, False, "the signed bytes no longer match the signature's digest")
    return RawSignature(br, True, None)
