"""Nothing unsigned after the seal, and `verify --save-sealed` gives the sealed file back."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.verify import verify_dossier
from tests import attacks


def run(*args: str) -> object:
    return CliRunner().invoke(main, ["--lang", "en", *args])


def test_an_unsigned_update_is_not_valid_and_the_sealed_part_is_given_back(dossier_copy: Path, sealed: Path,
                                                                          tmp_path: Path) -> None:
    attacks.add_info(dossier_copy)  # an unsigned incremental update
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert "unsigned-after-seal" in {f.code for f in report.findings if f.severity == "fail"}
    assert report.sealed_size == sealed.stat().st_size < report.file_size
    out = tmp_path / "as-sealed.pdf"
    result = run("verify", "--json", "--save-sealed", str(out), str(dossier_copy))
    assert result.exit_code == 4  # the verdict is the input's
    data = json.loads(result.stdout)
    assert data["sealed_bytes"] == sealed.stat().st_size and data["saved_sealed"]["bytes"] == data["sealed_bytes"]
    assert out.read_bytes() == sealed.read_bytes()
    assert run("verify", str(out)).exit_code == 0
    # an existing file is not replaced without --force
    again = run("verify", "--save-sealed", str(out), str(dossier_copy))
    assert again.exit_code == 3 and "--force" in again.output
    assert again.output.startswith("TAMPERED")  # the verdict is still shown before the error
    assert run("verify", "--save-sealed", str(out), "--force", str(dossier_copy)).exit_code == 4


def test_a_lone_trailing_newline_is_unsigned_too(dossier_copy: Path) -> None:
    with open(dossier_copy, "ab") as f:
        f.write(b"\n")
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4 and "unsigned-after-seal" in {f.code for f in report.findings}


def test_save_sealed_refuses_the_file_itself(dossier_copy: Path) -> None:
    result = run("verify", "--save-sealed", str(dossier_copy), "--force", str(dossier_copy))
    assert result.exit_code == 3


def test_a_signed_pdf_among_the_evidence_does_not_confuse_verify(tmp_path: Path) -> None:
    """A receipt that carries its own signature holds a /ByteRange inside an attachment stream:
    verify checks the dossier's signatures where the strict reading finds them, not that one."""
    import io

    from reportlab.pdfgen import canvas

    from evidencekit import BundleOptions, build_dossier
    from evidencekit.clock import fixed_clock
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.seal import seal_in_place
    from tests.conftest import FIXED_NOW

    folder = tmp_path / "case"
    folder.mkdir()
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Receipt 2025031222001400000001 CNY 218.00")
    page.save()
    receipt = folder / "signed-receipt.pdf"
    receipt.write_bytes(buffer.getvalue())
    identity = load_identity(default_identity_path())
    seal_in_place(receipt, identity, signing_time=FIXED_NOW, document_id=b"\x01" * 16, reason="bank receipt")
    assert b"/ByteRange" in receipt.read_bytes()
    result = build_dossier(folder, BundleOptions(output=tmp_path / "d.pdf"), clock=fixed_clock(FIXED_NOW))
    report = verify_dossier(result.output)
    assert report.exit_code == 0, [f.to_dict() for f in report.findings]
    assert len([s for s in report.signatures if s.kind == "signature"]) == 1
