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


def test_file_segments_are_copied_exactly_whatever_their_sizes(tmp_path: Path) -> None:
    """A PNG's image data is many small pieces; the copy reads the file in windows and joins them."""
    import random

    from evidencekit.pdf.writer import CHUNK, WINDOW, FileSegments, _read_segments

    rng = random.Random(7)
    data = rng.randbytes(6 * CHUNK + 12345)
    path = tmp_path / "data.bin"
    path.write_bytes(data)
    segments: list[tuple[int, int]] = []
    at = 0
    while at < len(data):
        at += rng.choice([0, 1, 12, 4096])  # gaps, as between a PNG's IDAT chunks
        length = min(rng.choice([0, 1, 8192, 65536, CHUNK - 3, 5 * CHUNK]), len(data) - at)
        segments.append((at, length))
        at += length
    expected = b"".join(data[o:o + n] for o, n in segments)
    chunks = list(_read_segments(FileSegments(path, tuple(segments))))
    assert b"".join(chunks) == expected
    assert all(len(c) <= 2 * WINDOW for c in chunks)
    with pytest.raises(OSError, match="shorter"):
        list(_read_segments(FileSegments(path, ((len(data) - 10, 20),))))


def test_hashing_many_files_side_by_side_keeps_their_order(tmp_path: Path) -> None:
    from evidencekit.hashing import digest_file, digest_files

    paths = []
    for n in range(9):
        path = tmp_path / f"f{n}"
        path.write_bytes(bytes([n]) * (n * 300_001))
        paths.append(path)
    found = list(digest_files(paths, workers=3))
    assert [d for _, d in found] == [digest_file(p) for p in paths]
    assert [s[2] for s, _ in found] == [p.stat().st_size for p in paths]
    paths.insert(4, tmp_path / "missing")
    hashed = digest_files(paths, workers=2)
    assert [next(hashed)[1] for _ in range(4)] == [digest_file(p) for p in paths[:4]]
    with pytest.raises(FileNotFoundError):
        next(hashed)


def test_a_layout_failure_stops_the_writing_thread_and_leaves_nothing(tiny_case: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The originals are written while the pages are laid out: when the layout fails, its error is
    the one reported, the writing stops, and no output or temporary file is left."""
    import evidencekit.pipeline as pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("layout broke")

    monkeypatch.setattr(pipeline, "render_dossier", broken)
    out = tmp_path / "out" / "d.pdf"
    with pytest.raises(RuntimeError, match="layout broke"):
        build_dossier(tiny_case, BundleOptions(output=out, ocr="none"), clock=fixed_clock(FIXED_NOW))
    assert not out.exists()
    assert list(out.parent.iterdir()) == []


def test_an_original_gone_while_the_pages_are_laid_out_is_reported(tiny_case: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import evidencekit.pipeline as pipeline
    from evidencekit.errors import BadInput

    victim = next(p for p in sorted(tiny_case.rglob("*")) if p.is_file() and p.name != "case.toml")
    moved = tmp_path / "moved"
    real_attach = pipeline.assemble.Assembly.attach

    def attach_after_move(self: object, *args: object, **kwargs: object) -> None:
        victim.rename(moved)
        try:
            real_attach(self, *args, **kwargs)  # type: ignore[arg-type]
        finally:
            moved.rename(victim)

    monkeypatch.setattr(pipeline.assemble.Assembly, "attach", attach_after_move)
    out = tmp_path / "out" / "d.pdf"
    with pytest.raises(BadInput) as caught:
        build_dossier(tiny_case, BundleOptions(output=out, ocr="none"), clock=fixed_clock(FIXED_NOW))
    assert victim.name in str(caught.value)
    assert not out.exists() and list(out.parent.iterdir()) == []


def test_the_pictures_written_before_the_layout_are_exactly_those_it_places(tmp_path: Path) -> None:
    """The assembler writes shown_pictures' images before the pages exist; the layout must then place
    each of them and no other whole picture (a copy of a picture shows its first's)."""
    import shutil

    from PIL import Image

    from evidencekit.inspection import inspect_folder
    from evidencekit.render.document import Styles
    from evidencekit.render.dossier import render_dossier
    from evidencekit.render.exhibits import shown_pictures
    from evidencekit.render.fonts import register_font

    case = tmp_path / "case"
    case.mkdir()
    Image.new("RGB", (1080, 2340), "white").save(case / "Screenshot_20250312_101500.png")
    Image.new("RGB", (720, 9000), "white").save(case / "long.png")  # shown in bands
    shutil.copy(case / "Screenshot_20250312_101500.png", case / "copy of it.png")  # a duplicate
    (case / "note.txt").write_text("a note\n", encoding="utf-8")
    plan = inspect_folder(case, plan=True, ocr="none").plan
    assert plan is not None
    rendered = render_dossier(plan, Styles(register_font(None)))
    placed = {slot.key.partition("#s")[0] for slot in rendered.slots
              if "#p" not in slot.key and slot.key not in rendered.pictures}
    shown = {item.id for item in shown_pictures(plan)}
    assert placed == shown
    assert len(shown) == 2
