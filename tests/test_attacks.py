"""The fail-closed verifier: every attacked dossier is rejected, and the report says what.

The attacked files are generated here from our own dossiers (tests/attacks.py), after the
PDF-Insecurity catalogue: incremental saving (ISA), signature wrapping (SWA), universal
signature forgery (USF), shadow attacks, plus damage (truncation, trailing bytes) and a
manifest taken from another dossier.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import pytest
from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.errors import CannotVerify
from evidencekit.verify import VerifyReport, verify_dossier
from tests import attacks
from tests.conftest import FIXED_NOW


def fails(report: VerifyReport) -> set[str]:
    return {f.code for f in report.findings if f.severity == "fail"}


def verify_or_cannot(path: Path) -> VerifyReport | None:
    try:
        return verify_dossier(path)
    except CannotVerify:
        return None


@pytest.fixture(scope="session")
def other_sealed(ek_home: Path, sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A second, different dossier (one file fewer, another case title)."""
    from evidencekit.clock import fixed_clock
    from evidencekit.pipeline import BundleOptions, build_dossier

    folder = tmp_path_factory.mktemp("other") / "case"
    shutil.copytree(sample_case, folder)
    victims = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "case.toml")
    victims[0].unlink()
    out = tmp_path_factory.mktemp("other-out") / "other-dossier.pdf"
    os.environ["EVIDENCEKIT_HOME"] = str(ek_home)
    build_dossier(folder, BundleOptions(output=out), clock=fixed_clock(FIXED_NOW))
    return out


@pytest.fixture(scope="session")
def shadow_sealed(ek_home: Path, sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A dossier whose signed revision already carries a hidden second page tree (the
    attacker prepared the file before it was sealed)."""
    from evidencekit import pipeline
    from evidencekit.clock import fixed_clock
    from evidencekit.pipeline import BundleOptions, build_dossier

    real_seal = pipeline.seal_in_place
    shadow: dict[str, int] = {}

    def seal_with_shadow(path: Path, *args: object, **kwargs: object) -> None:
        shadow["idnum"] = attacks.shadow_prepare(Path(path))
        real_seal(path, *args, **kwargs)  # type: ignore[arg-type]

    out = tmp_path_factory.mktemp("shadow") / "shadow-dossier.pdf"
    os.environ["EVIDENCEKIT_HOME"] = str(ek_home)
    with mock.patch.object(pipeline, "seal_in_place", seal_with_shadow):
        build_dossier(sample_case, BundleOptions(output=out), clock=fixed_clock(FIXED_NOW))
    return out, shadow["idnum"]


def _flip_inside_signed_range(path: Path) -> None:
    start, _ = attacks.signature_gap(path)
    attacks.flip_byte(path, start // 2)


def _swap_range(path: Path) -> None:
    _, (_, len1, start2, len2) = attacks.last_byte_range(path.read_bytes())
    attacks.rewrite_byte_range(path, (0, len1 - 300, start2, len2))  # the gap now hides 300 signed bytes


def _range_elsewhere(path: Path) -> None:
    _, (_, len1, start2, len2) = attacks.last_byte_range(path.read_bytes())
    attacks.rewrite_byte_range(path, (0, len1, 100, len2))  # second range points back into the first


def _range_past_eof(path: Path) -> None:
    _, (_, len1, start2, len2) = attacks.last_byte_range(path.read_bytes())
    attacks.rewrite_byte_range(path, (0, len1, start2, len2 + 5000))


ATTACKS: dict[str, tuple[Callable[[Path], None], set[str]]] = {
    # bytes flipped: inside the signed ranges, and in the only unsigned bytes (the signature value)
    "flip-inside-signed-range": (_flip_inside_signed_range, {"digest-mismatch", "signature-broken"}),
    "flip-in-signature-value": (attacks.flip_in_signature_value, set()),
    "flip-in-signature-padding": (attacks.flip_in_signature_padding, {"signature-broken"}),
    # incremental saving attacks
    "isa-page-content": (attacks.overlay_page_content, {"modified-after-signing"}),
    "isa-annotation": (attacks.add_annotation, {"modified-after-signing", "annotation-added"}),
    "isa-attachment-swapped": (lambda p: attacks.swap_attachment(p, "E02", b"other bytes"),
                               {"modified-after-signing", "item-hash-mismatch"}),
    "isa-attachment-added": (lambda p: attacks.add_attachment(p, "extra.txt", b"smuggled in"),
                             {"modified-after-signing"}),
    "isa-info-added": (attacks.add_info, {"metadata-changed"}),
    "isa-xmp-added": (attacks.add_xmp, {"metadata-changed", "modified-after-signing"}),
    "isa-page-added": (attacks.add_page, {"modified-after-signing"}),
    "isa-page-removed": (attacks.remove_page, {"modified-after-signing"}),
    # signature wrapping
    "swa-wrapped-copy": (attacks.wrap_signature, {"coverage"}),
    "swa-gap-extended": (_swap_range, {"signature-broken"}),
    "swa-range-elsewhere": (_range_elsewhere, {"signature-broken"}),
    "swa-range-past-eof": (_range_past_eof, {"signature-broken"}),
    # universal signature forgery
    "usf-contents-zeroed": (attacks.zero_contents, {"signature-broken"}),
    "usf-contents-empty": (attacks.empty_contents, {"signature-broken"}),
    "usf-contents-key-renamed": (lambda p: attacks.rename_key(p, b"/Contents <", b"/Kontents <"), set()),
    "usf-byterange-key-renamed": (lambda p: attacks.rename_key(p, b"/ByteRange", b"/ByteRangX"), set()),
    "usf-filter-renamed": (lambda p: attacks.rename_key(p, b"/Adobe.PPKLite", b"/Adobe.PPKLitX"), set()),
    "signature-removed": (attacks.remove_signature, {"seal-missing"}),
    # damage
    "truncated-tail": (lambda p: attacks.truncate(p, p.stat().st_size - 200), set()),
    "truncated-eof-marker": (lambda p: attacks.truncate(p, p.stat().st_size - 4), set()),
    "garbage-after-eof": (attacks.append_garbage, {"unsigned-after-seal"}),
    "garbage-after-eof-with-fake-eof": (lambda p: attacks.append_garbage(p, b"\n(garbage)\n%%EOF\n"), set()),
}


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_is_rejected(name: str, dossier_copy: Path) -> None:
    attack, expected = ATTACKS[name]
    attack(dossier_copy)
    report = verify_or_cannot(dossier_copy)
    if report is None:
        pytest.fail(f"{name}: the dossier became 'cannot verify' instead of tampered")
    assert report.exit_code == 4, (name, report.findings)
    assert report.verdict == "tampered"
    found = fails(report)
    assert found, name
    assert expected <= found or (expected and found & expected), (name, found)
    assert all(f.zh and f.en for f in report.findings)


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_cli_never_exits_zero(name: str, dossier_copy: Path) -> None:
    ATTACKS[name][0](dossier_copy)
    result = CliRunner().invoke(main, ["--lang", "en", "verify", str(dossier_copy)])
    assert result.exit_code == 4, (name, result.output)
    assert "TAMPERED" in result.output or "error" in result.output


def test_truncated_to_half_is_never_valid(dossier_copy: Path) -> None:
    """Cut in half, the file no longer holds the signature or the catalog: nothing of ours is
    left to check, so "cannot verify" (5) is the honest answer, never 0."""
    attacks.truncate(dossier_copy, dossier_copy.stat().st_size // 2)
    result = CliRunner().invoke(main, ["--lang", "en", "verify", str(dossier_copy)])
    assert result.exit_code in (4, 5), result.output
    assert "truncated" in result.output or "TAMPERED" in result.output


def test_shadow_document_itself_verifies(shadow_sealed: tuple[Path, int], tmp_path: Path) -> None:
    """The prepared file is what the signer signed: nothing changed after sealing yet."""
    copy = tmp_path / "d.pdf"
    shutil.copyfile(shadow_sealed[0], copy)
    assert verify_dossier(copy).exit_code == 0


def test_shadow_hide_and_replace_page_tree_swap(shadow_sealed: tuple[Path, int], tmp_path: Path) -> None:
    copy = tmp_path / "d.pdf"
    shutil.copyfile(shadow_sealed[0], copy)
    attacks.shadow_swap(copy, shadow_sealed[1])
    report = verify_dossier(copy)
    assert report.exit_code == 4
    assert "modified-after-signing" in fails(report)


def test_manifest_of_another_dossier_attached_by_update(dossier_copy: Path, other_sealed: Path) -> None:
    attacks.swap_attachment(dossier_copy, "manifest.json", attacks.manifest_bytes(other_sealed))
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert {"modified-after-signing", "manifest-id-mismatch"} <= fails(report)


def test_dossier_rebuilt_with_another_manifest_keeping_the_signature(dossier_copy: Path, other_sealed: Path) -> None:
    attacks.rebuild_with_manifest(dossier_copy, attacks.manifest_bytes(other_sealed))
    report = verify_or_cannot(dossier_copy)
    assert report is not None and report.exit_code == 4
    assert fails(report) & {"digest-mismatch", "signature-broken", "coverage"}
    assert "manifest-id-mismatch" in fails(report)


def test_countersigned_then_tampered_is_rejected(dossier_copy: Path, ek_home: Path) -> None:
    from evidencekit.countersigning import countersign
    from evidencekit.identity import default_identity_path, load_identity

    countersign(dossier_copy, load_identity(default_identity_path()), note="received")
    assert verify_dossier(dossier_copy).exit_code == 0
    for name in ("isa-page-content", "isa-info-added", "garbage-after-eof", "flip-in-signature-padding"):
        copy = dossier_copy.with_name(f"{name}.pdf")
        shutil.copyfile(dossier_copy, copy)
        ATTACKS[name][0](copy)
        report = verify_dossier(copy)
        assert report.exit_code == 4, (name, report.findings)


def test_an_unsigned_visible_signature_widget_is_rejected(dossier_copy: Path) -> None:
    """Sneaky signature: a new (empty) signature field whose widget draws on the page."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    with open(dossier_copy, "r+b") as f:
        writer = IncrementalPdfFileWriter(f, strict=False)
        fields.append_signature_field(writer, fields.SigFieldSpec("sneaky", on_page=0, box=(50, 50, 400, 300)))
        writer.write_in_place()
    report = verify_dossier(dossier_copy)
    assert report.exit_code == 4
    assert "annotation-added" in fails(report)


@pytest.mark.parametrize("fraction", [0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.99])
def test_flip_anywhere_in_the_signature_value(tsa_free_copy: Path, fraction: float) -> None:
    """The signature value is the one part of the file no digest covers: each of its bytes
    is either checked by the CMS validation, bound (certificates) or must stay zero."""
    start, end = attacks.signature_gap(tsa_free_copy)
    attacks._replace_hex_digit(tsa_free_copy, start + 1 + int((end - start - 2) * fraction))
    report = verify_or_cannot(tsa_free_copy)
    assert report is not None and report.exit_code == 4, (fraction, report and report.findings)


@pytest.fixture
def tsa_free_copy(dossier_copy: Path) -> Path:
    return dossier_copy
