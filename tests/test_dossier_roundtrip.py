"""bundle → verify → extract on the sample case, and what standard tools say."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from evidencekit.cli import main
from evidencekit.verify import verify_dossier
from tests.conftest import require_tool


def tree_snapshot(root: Path) -> dict[str, tuple]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in sorted(dirnames + filenames):
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else None
            out[str(p.relative_to(root))] = (st.st_mode, st.st_size, st.st_mtime_ns, digest)
    return out


def test_verify_untouched_dossier_is_valid(sealed: Path) -> None:
    report = verify_dossier(sealed)
    assert report.verdict == "untrusted-time", report.findings
    assert report.exit_code == 0
    assert report.items_checked == report.items_total == 8
    [sig] = report.signatures
    assert sig.coverage == "ENTIRE_FILE" and sig.intact and sig.valid
    assert sig.signer == "测试 封存人" and sig.self_signed
    assert sig.signing_time == "2025-04-02T10:30:00+08:00"


def test_manifest_hash_is_the_dossier_id(sealed: Path) -> None:
    reader = PdfReader(str(sealed))
    attachments = reader.attachments
    manifest_raw = attachments["manifest.json"][0]
    dossier_id = hashlib.sha256(manifest_raw).hexdigest()
    assert str(reader.trailer["/Root"]["/EvidencekitDossier"]["/Id"]) == dossier_id
    manifest = json.loads(manifest_raw)
    assert manifest["schema"] == "evidencekit/manifest/1"
    # canonical form: sorted keys, no whitespace
    assert manifest_raw == json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                      separators=(",", ":")).encode()
    assert dossier_id in reader.pages[0].extract_text().replace("\n", "").replace(" ", "")


def test_every_original_attached_byte_for_byte(sealed: Path, sample_case: Path) -> None:
    reader = PdfReader(str(sealed))
    manifest = json.loads(reader.attachments["manifest.json"][0])
    for item in manifest["items"]:
        original = (sample_case / item["path"]).read_bytes()
        assert reader.attachments[item["id"]][0] == original, item["path"]
        assert hashlib.sha256(original).hexdigest() == item["sha256"]
    assert reader.attachments["case.toml"][0] == (sample_case / "case.toml").read_bytes()


def test_attachments_are_pdfa3_associated_files(sealed: Path) -> None:
    reader = PdfReader(str(sealed))
    root = reader.trailer["/Root"]
    af = [ref.get_object() for ref in root["/AF"]]
    sources = [spec for spec in af if spec["/AFRelationship"] == "/Source"]
    assert len(sources) == 8
    for spec in sources:
        stream = spec["/EF"]["/F"].get_object()
        assert stream["/Type"] == "/EmbeddedFile"
        assert "/" in str(stream["/Subtype"]) or "#2F" in str(stream["/Subtype"])
        assert stream["/Params"]["/Size"] > 0


def test_extract_round_trip(sealed: Path, sample_case: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(sealed), "-d", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for path in sample_case.rglob("*"):
        if path.is_file() and path.name != "case.toml":
            rel = path.relative_to(sample_case)
            assert (tmp_path / "out" / rel).read_bytes() == path.read_bytes()


def test_bundle_leaves_input_folder_byte_identical(sample_case: Path, tmp_path: Path) -> None:
    before = tree_snapshot(sample_case)
    result = CliRunner().invoke(main, ["bundle", str(sample_case), "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code == 0, result.output
    assert tree_snapshot(sample_case) == before


def test_pdfsig_calls_it_valid_and_total(sealed: Path) -> None:
    pdfsig = require_tool("pdfsig")
    out = subprocess.run([pdfsig, str(sealed)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out
    assert "Total document signed" in out


def test_pdffonts_every_font_embedded(sealed: Path) -> None:
    pdffonts = require_tool("pdffonts")
    lines = subprocess.run([pdffonts, str(sealed)], capture_output=True, text=True, check=True).stdout.splitlines()
    rows = lines[2:]
    assert rows, "no fonts listed"
    for row in rows:
        columns = row.split()
        emb = columns[-5]
        assert emb == "yes", row


def test_pdftotext_extracts_chinese_title(sealed: Path) -> None:
    pdftotext = require_tool("pdftotext")
    text = subprocess.run([pdftotext, "-l", "1", str(sealed), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "支付宝充值未到账" in text
    assert "证据材料汇编" in text


def test_qpdf_check_finds_no_errors(sealed: Path) -> None:
    qpdf = require_tool("qpdf")
    proc = subprocess.run([qpdf, "--check", str(sealed)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No syntax or stream encoding errors" in proc.stdout


def test_pages_have_footer_with_page_numbers(sealed: Path) -> None:
    reader = PdfReader(str(sealed))
    total = len(reader.pages)
    text = reader.pages[total - 1].extract_text()
    assert f"第 {total} /" in text


def test_jpeg_goes_in_without_reencoding(sealed: Path, sample_case: Path) -> None:
    jpeg = next(sample_case.rglob("*.jpg")).read_bytes()
    reader = PdfReader(str(sealed))
    found = False
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Filter") == "/DCTDecode":
                found = found or obj._data == jpeg
    assert found, "the JPEG's bytes are not in the dossier unchanged"


def test_case_with_numbers_and_naive_times_verifies_and_extracts(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("客服：请提供单号", encoding="utf-8")
    (case / "case.toml").write_text(
        '[case]\ntitle = "测试"\namount = 218\noccurred_at = 2025-03-12T20:15:03\n', encoding="utf-8")
    out = tmp_path / "d.pdf"
    assert CliRunner().invoke(main, ["bundle", str(case), "-o", str(out)]).exit_code == 0
    report = verify_dossier(out)
    assert report.exit_code == 0, report.findings
    result = CliRunner().invoke(main, ["extract", str(out), "-d", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "x" / "case.toml").read_bytes() == (case / "case.toml").read_bytes()


def test_pdfdetach_saveall_writes_every_original(sealed: Path, sample_case: Path, tmp_path: Path) -> None:
    pdfdetach = require_tool("pdfdetach")
    out = tmp_path / "detached"
    out.mkdir()
    subprocess.run([pdfdetach, "-saveall", "-o", str(out), str(sealed)], check=True, capture_output=True)
    manifest = json.loads((out / "manifest.json").read_bytes())
    for item in manifest["items"]:
        name = f"{item['id']}_{item['path'].rsplit('/', 1)[-1]}"
        data = (out / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == item["sha256"], name
