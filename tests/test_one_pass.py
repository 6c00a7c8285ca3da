"""Issue 13, one pass: the dossier is hashed as it is written, the seal digests its byte ranges
from that hash plus its own revision, and the check before delivery reads only that revision."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from evidencekit import BundleOptions, build_dossier
from evidencekit.clock import fixed_clock
from evidencekit.errors import SigningFailed
from evidencekit.hashing import HashingWriter, PrefixDigest
from evidencekit.identity import default_identity_path, load_identity
from evidencekit.pdf.rawsig import check_last_revision
from evidencekit.pipeline import _check_sealed
from evidencekit.seal import seal_in_place
from evidencekit.verify import verify_dossier
from tests.conftest import FIXED_NOW


def test_the_hashing_writer_hashes_what_it_writes() -> None:
    sink = io.BytesIO()
    out = HashingWriter(sink)
    chunks = [b"%PDF-1.7\n", bytes(range(256)) * 4096, b"x" * 10, bytes(300_000)]
    for chunk in chunks:
        out.write(chunk)
    prefix = out.finish()
    assert prefix.length == len(sink.getvalue()) == out.tell()
    assert prefix.extended().digest() == hashlib.sha256(sink.getvalue()).digest()
    assert prefix.extended().digest() == prefix.extended().digest()  # copies: the state is never fed


def test_the_seal_signs_the_same_digest_as_a_full_read(tmp_path: Path) -> None:
    identity = load_identity(default_identity_path())
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
                      b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R "
                      b"/MediaBox [0 0 200 200] >>\nendobj\n")
    with plain.open("ab") as f:
        data = plain.read_bytes()
        xref = len(data)
        offsets = [data.index(b"%d 0 obj" % n) for n in (1, 2, 3)]
        f.write(b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
                + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    data = plain.read_bytes()
    prefix = PrefixDigest(hashlib.sha256(data), len(data))
    sealed = seal_in_place(plain, identity, signing_time=FIXED_NOW, document_id=None, reason="t", prefix=prefix)
    assert sealed is not None
    signed = plain.read_bytes()
    start1, len1, start2, len2 = sealed.byte_range
    assert start2 + len2 == len(signed) and len1 > len(data)
    assert sealed.digest == hashlib.sha256(signed[:len1] + signed[start2:]).digest()
    assert check_last_revision(plain, sealed.byte_range, prefix).digest_matches is True
    _check_sealed(plain, sealed)
    _check_sealed(plain)  # the full re-read agrees


def test_a_prefix_that_is_not_the_file_is_not_trusted(tiny_case: Path, tmp_path: Path) -> None:
    """A prefix digest of other bytes gives a seal over the wrong digest: the check catches it."""
    identity = load_identity(default_identity_path())
    made = build_dossier(tiny_case, BundleOptions(output=tmp_path / "d.pdf"), clock=fixed_clock(FIXED_NOW))
    assert verify_dossier(made.output).exit_code == 0
    # an unsigned copy: cut the file at the end of its first revision
    data = made.output.read_bytes()
    first = data[:data.index(b"%%EOF\n") + 6]
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(first)
    wrong = PrefixDigest(hashlib.sha256(first[:-1] + b"X"), len(first))
    sealed = seal_in_place(copy, identity, signing_time=FIXED_NOW, document_id=None, reason="t", prefix=wrong)
    assert sealed is not None
    assert check_last_revision(copy, sealed.byte_range, PrefixDigest(hashlib.sha256(first), len(first))
                               ).digest_matches is False
    # and the full read-back, which does not trust the prefix, refuses it too
    with pytest.raises(SigningFailed):
        _check_sealed(copy)


def test_a_bundle_is_checked_from_its_last_revision_and_verifies(tiny_case: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import evidencekit.pipeline as pipeline

    full_reads: list[Path] = []
    monkeypatch.setattr(pipeline, "file_signatures", lambda path, structure: full_reads.append(path) or [])
    made = build_dossier(tiny_case, BundleOptions(output=tmp_path / "d.pdf"), clock=fixed_clock(FIXED_NOW))
    assert full_reads == []  # the one-pass check did not fall back to reading the file whole
    assert verify_dossier(made.output).exit_code == 0
