"""A dossier changed after sealing must never verify: exit 4, and a finding that says what."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from reportlab.pdfgen import canvas

from evidencekit.cli import main
from evidencekit.errors import CannotVerify
from evidencekit.verify import verify_dossier
from tests import attacks


def codes(report) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.code for f in report.findings if f.severity == "fail"}


@pytest.mark.parametrize("fraction", [0.0005, 0.01, 0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9,
                                      0.95, 0.97, 0.99, 0.995, 0.999])
def test_one_flipped_byte_anywhere_is_tampering(dossier_copy: Path, fraction: float) -> None:
    size = dossier_copy.stat().st_size
    attacks.flip_byte(dossier_copy, int(size * fraction))
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4, (fraction, report.findings)
    assert report.verdict == "tampered"
    assert report.findings and all(f.zh and f.en for f in report.findings)


def test_flip_in_last_bytes_and_header(dossier_copy: Path) -> None:
    size = dossier_copy.stat().st_size
    for offset in (5, size - 3, size - 30):
        copy = dossier_copy.with_name(f"flip{offset}.pdf")
        shutil.copyfile(dossier_copy, copy)
        attacks.flip_byte(copy, offset)
        try:
            report = verify_dossier(copy)
        except CannotVerify:
            pytest.fail(f"flip at {offset} made the dossier unverifiable instead of tampered")
        assert report.exit_code == 4, (offset, report.findings)


def test_flip_inside_an_original_names_the_exhibit(dossier_copy: Path) -> None:
    offset = attacks.attachment_offset(dossier_copy, "E03")
    attacks.flip_byte(dossier_copy, offset + 10)
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert "item-hash-mismatch" in codes(report)
    [finding] = [f for f in report.findings if f.code == "item-hash-mismatch"]
    assert finding.item == "E03"
    assert "E03" in finding.en and "SHA-256" in finding.en
    assert "digest-mismatch" in codes(report) or "signature-broken" in codes(report)


def test_appended_page_overlay_is_tampering(dossier_copy: Path) -> None:
    attacks.overlay_page_content(dossier_copy, page=0)
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4, report.findings
    assert "modified-after-signing" in codes(report)
    assert report.signatures[0].intact  # the signed revision itself is untouched


def test_appended_annotation_is_tampering(dossier_copy: Path) -> None:
    attacks.add_annotation(dossier_copy, page=0)
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert "modified-after-signing" in codes(report)


def test_swapped_attachment_is_tampering(dossier_copy: Path) -> None:
    attacks.swap_attachment(dossier_copy, "E01", b"a different screenshot")
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert "modified-after-signing" in codes(report)
    assert "item-hash-mismatch" in codes(report)


def test_cli_exit_code_and_words_for_tampering(dossier_copy: Path) -> None:
    attacks.add_annotation(dossier_copy)
    result = CliRunner().invoke(main, ["--lang", "en", "verify", str(dossier_copy)])
    assert result.exit_code == 4
    assert result.output.startswith("TAMPERED")
    assert "changed after signing" in result.output


def test_a_pdf_that_is_not_a_dossier_cannot_be_verified(tmp_path: Path) -> None:
    plain = tmp_path / "plain.pdf"
    c = canvas.Canvas(str(plain))
    c.drawString(100, 700, "just a PDF")
    c.save()
    result = CliRunner().invoke(main, ["verify", str(plain)])
    assert result.exit_code == 5, result.output
    with pytest.raises(CannotVerify):
        verify_dossier(plain)


def test_not_a_pdf_cannot_be_verified(tmp_path: Path) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"hello, not a pdf")
    assert CliRunner().invoke(main, ["verify", str(junk)]).exit_code == 5


def test_missing_file_is_bad_input(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["verify", str(tmp_path / "nope.pdf")]).exit_code == 3


def test_json_report(dossier_copy: Path) -> None:
    import json

    result = CliRunner().invoke(main, ["verify", "--json", str(dossier_copy)])
    data = json.loads(result.output)
    assert data["verdict"] == "untrusted-time" and data["exit_code"] == 0
    assert data["signatures"][0]["coverage"] == "ENTIRE_FILE"
    attacks.add_annotation(dossier_copy)
    data = json.loads(CliRunner().invoke(main, ["verify", "--json", str(dossier_copy)]).output)
    assert data["verdict"] == "tampered"
    assert any(f["code"] == "modified-after-signing" for f in data["findings"])
