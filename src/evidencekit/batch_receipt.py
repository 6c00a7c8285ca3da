"""The batch receipt: one RFC 3161 token over the Merkle root of a batch's dossier ids.

An institution that seals thousands of dossiers can show with one token that every one of
them existed at one trusted time; each dossier keeps its own B-T timestamp besides.

The tree is RFC 9162's (Certificate Transparency v2, section 2.1), over SHA-256, with its
domain separation, so a leaf can never pass for a node:

- leaf  = SHA-256(0x00 ‖ id), ``id`` the dossier id's 32 bytes (the SHA-256 of its manifest);
- node  = SHA-256(0x01 ‖ left ‖ right);
- a tree of n > 1 leaves splits at k, the largest power of two below n: left D[0:k], right D[k:n].

The leaves are the distinct dossier ids of the batch in ascending order, so the receipt does not
depend on which worker finished first. The token's messageImprint (algorithm SHA-256) is the root
itself: the root is already a SHA-256 value, and goes to the TSA as the digest. A member's
proof is its leaf index and RFC 9162's inclusion path; checking it recomputes the root from the
dossier's own id (as verify recomputed it from the manifest) and compares it with the token's imprint.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from asn1crypto import cms, tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.validation.generic_cms import validate_tst_signed_data
from pyhanko_certvalidator import ValidationContext

from evidencekit.cert_names import subject_name
from evidencekit.errors import BadInput
from evidencekit.i18n import Message, msg, os_reason

RECEIPT_NAME = "batch-receipt.json"
FORMAT = "evidencekit-batch-receipt"
VERSION = 1
_ID = re.compile(r"[0-9a-f]{64}")


# ---- the tree (RFC 9162, section 2.1) ----------------------------------------------------------


def leaf_hash(dossier_id: str) -> bytes:
    return hashlib.sha256(b"\x00" + bytes.fromhex(dossier_id)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def merkle_root(leaves: list[bytes]) -> bytes:
    if not leaves:
        raise ValueError("no leaves")
    if len(leaves) == 1:
        return leaves[0]
    k = _split(len(leaves))
    return node_hash(merkle_root(leaves[:k]), merkle_root(leaves[k:]))


def inclusion_path(index: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 9162 PATH(m, D[n]): the sibling hashes from the leaf up to the root."""
    if len(leaves) <= 1:
        return []
    k = _split(len(leaves))
    if index < k:
        return inclusion_path(index, leaves[:k]) + [merkle_root(leaves[k:])]
    return inclusion_path(index - k, leaves[k:]) + [merkle_root(leaves[:k])]


def root_from_path(index: int, size: int, leaf: bytes, path: list[bytes]) -> bytes | None:
    """RFC 9162 section 2.1.3.2: the root that ``path`` leads to, or None if it cannot be a path
    of leaf ``index`` in a tree of ``size`` leaves (wrong length or shape)."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


# ---- the receipt -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    dossier_id: str
    output: str  # the dossier's file name in OUTDIR
    case: str


def build_receipt(members: list[Member], token: cms.ContentInfo, tsa_url: str) -> dict[str, Any]:
    """The receipt as JSON data: the tree, the token, and each member's proof."""
    ids = sorted({m.dossier_id for m in members})
    leaves = [leaf_hash(i) for i in ids]
    index = {dossier_id: n for n, dossier_id in enumerate(ids)}
    tst_info = token["content"]["encap_content_info"]["content"].parsed
    return {
        "format": FORMAT,
        "version": VERSION,
        "tree": {"hash": "sha-256", "shape": "RFC 9162 section 2.1",
                 "leaf": "SHA-256(0x00 || dossier id as 32 bytes)", "node": "SHA-256(0x01 || left || right)",
                 "order": "distinct dossier ids, ascending", "size": len(ids),
                 "root": merkle_root(leaves).hex()},
        "timestamp": {"tsa": tsa_url, "time": tst_info["gen_time"].native.isoformat(),
                      "imprint": "SHA-256 digest field = the root itself",
                      "token": base64.b64encode(token.dump()).decode("ascii")},
        "members": [{"dossier_id": m.dossier_id, "output": m.output, "case": m.case,
                     "index": index[m.dossier_id],
                     "path": [h.hex() for h in inclusion_path(index[m.dossier_id], leaves)]}
                    for m in sorted(members, key=lambda m: (m.output, m.dossier_id))],
    }


def root_of(receipt: dict[str, Any]) -> bytes:
    return bytes.fromhex(receipt["tree"]["root"])


# ---- checking a member -------------------------------------------------------------------------


@dataclass
class Membership:
    """What ``verify --batch-receipt`` found: ``problem`` is None for a proven member."""

    receipt: Path
    problem: str | None = None  # "not-member" | "path-mismatch" | "token-invalid" | "receipt-invalid"
    detail: Message | None = None
    index: int | None = None
    size: int | None = None
    root: str | None = None
    tsa: str | None = None
    tsa_time: str | None = None
    tsa_trusted: bool | None = None
    notes: list[Message] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"receipt": str(self.receipt), "member": self.problem is None, "problem": self.problem,
                "index": self.index, "size": self.size, "root": self.root, "tsa": self.tsa,
                "time": self.tsa_time, "tsa_trusted": self.tsa_trusted}


def load_receipt(path: Path) -> dict[str, Any]:
    """The receipt's JSON; a file that is not one is bad input (exit 3), naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BadInput(msg("err.receipt_unreadable", path=str(path), detail=os_reason(exc)),
                       msg("err.receipt.hint")) from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadInput(msg("err.receipt_unreadable", path=str(path), detail=str(exc)),
                       msg("err.receipt.hint")) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("version") != VERSION:
        raise BadInput(msg("err.receipt_format", path=str(path), format=FORMAT, version=VERSION),
                       msg("err.receipt.hint"))
    return data


def check_membership(dossier_id: str, receipt_path: Path, trust: list[x509.Certificate]) -> Membership:
    """Is the dossier with this (recomputed) id a member of the batch the receipt's token dates?

    The path is walked from the dossier's own leaf; the token's signature is checked, and its
    messageImprint must be the root the path leads to. The TSA's certificate counts as trusted
    only if it chains to ``trust``."""
    data = load_receipt(receipt_path)
    found = Membership(receipt_path)
    try:
        tree, stamp = data["tree"], data["timestamp"]
        size = int(tree["size"])
        root = bytes.fromhex(tree["root"])
        token = cms.ContentInfo.load(base64.b64decode(stamp["token"], validate=True))
        signed = token["content"]
        tst_info = signed["encap_content_info"]["content"].parsed
        if not isinstance(tst_info, tsp.TSTInfo):
            raise ValueError("the token holds no TSTInfo")
        members = [m for m in data["members"] if isinstance(m, dict) and m.get("dossier_id") == dossier_id]
    except (KeyError, TypeError, ValueError) as exc:
        found.problem, found.detail = "receipt-invalid", msg("verify.receipt_invalid", detail=str(exc))
        return found
    found.size, found.root = size, root.hex()
    found.tsa_time = tst_info["gen_time"].native.isoformat()
    if not members:
        found.problem, found.detail = "not-member", msg("verify.receipt_not_member", size=size)
        return found
    member = members[0]
    try:
        found.index = int(member["index"])
        path = [bytes.fromhex(h) for h in member["path"]]
    except (KeyError, TypeError, ValueError) as exc:
        found.problem, found.detail = "receipt-invalid", msg("verify.receipt_invalid", detail=str(exc))
        return found
    reached = root_from_path(found.index, size, leaf_hash(dossier_id), path)
    if reached is None or reached != root:
        found.problem, found.detail = "path-mismatch", msg("verify.receipt_path_mismatch", index=found.index)
        return found
    imprint = tst_info["message_imprint"]
    if imprint["hash_algorithm"]["algorithm"].native != "sha256" or imprint["hashed_message"].native != root:
        found.problem, found.detail = "token-invalid", msg("verify.receipt_imprint")
        return found
    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in trust]
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = asyncio.run(validate_tst_signed_data(signed, context, lambda _algorithm: root))
    except Exception as exc:  # noqa: BLE001 - fail closed: pyHanko raises many types for a broken token
        found.problem, found.detail = "token-invalid", msg("verify.receipt_token", detail=str(exc))
        return found
    cert = status.get("signing_cert")
    found.tsa = subject_name(cert) or stamp.get("tsa")
    found.tsa_trusted = bool(roots) and status.get("valid") is True and status.get("trust_problem_indic") is None
    if not (status.get("intact") and status.get("valid")):
        found.problem, found.detail = "token-invalid", msg("verify.receipt_token", detail="signature")
        return found
    if trust and not found.tsa_trusted:
        found.notes.append(msg("verify.receipt_untrusted_tsa", tsa=found.tsa))
    return found


def is_dossier_id(value: object) -> bool:
    return isinstance(value, str) and _ID.fullmatch(value) is not None


__all__ = ["FORMAT", "RECEIPT_NAME", "Member", "Membership", "build_receipt", "check_membership",
           "inclusion_path", "leaf_hash", "load_receipt", "merkle_root", "node_hash", "root_from_path"]
