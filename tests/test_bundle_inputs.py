"""Messy folders, bad input, atomic output, reproducible bytes."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from evidencekit.cli import main
from evidencekit.collect import collect
from evidencekit.render.text import visible
from evidencekit.unpack import safe_relative_path
from evidencekit.verify import verify_dossier
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "fixtures"))
from awkward import make_awkward_case  # noqa: E402


def test_awkward_folder_bundles_with_every_readable_file_inside(tmp_path: Path) -> None:
    info = make_awkward_case(tmp_path / "case", tmp_path / "outside")
    out = tmp_path / "awkward.pdf"
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(tmp_path / "case"), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    bundled = {item["path"]: item for item in data["items"]}
    assert set(bundled) == set(info["included"])
    for path, digest in info["sha256"].items():
        assert bundled[path]["sha256"] == digest
    skipped = {s["path"].rstrip("/"): s["reason"] for s in data["skipped"]}
    for path in info["excluded"]:
        assert path.rstrip("/") in skipped, (path, skipped)
    for path in info["warned"]:
        assert bundled[path]["warnings"], path
    assert any("outside the folder" in reason for reason in skipped.values())
    report = verify_dossier(out)
    assert report.exit_code == 0, report.findings
    assert report.items_checked == len(info["included"])
    # the truncated image and the empty file are shown as cards, the rest as content
    reader = PdfReader(str(out))
    text = "".join(page.extract_text() for page in reader.pages)
    for path in info["included"]:
        shown = visible(path.split("/")[-1])[:6]
        assert shown in text.replace("\n", ""), shown


def test_nfd_names_are_sealed_as_nfc(tmp_path: Path) -> None:
    info = make_awkward_case(tmp_path / "case", tmp_path / "outside")
    found = {c.rel_path for c in collect(tmp_path / "case").files}
    for path in info["nfd"]:
        assert path in found


def test_output_inside_the_folder_is_refused(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(case / "d.pdf")])
    assert result.exit_code == 3
    assert "inside the evidence folder" in result.output
    assert sorted(p.name for p in case.iterdir()) == ["a.txt"]


def test_existing_output_needs_force(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    out = tmp_path / "d.pdf"
    out.write_bytes(b"precious")
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(out)])
    assert result.exit_code == 3
    assert out.read_bytes() == b"precious"
    assert CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(out), "--force"]).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert not list(tmp_path.glob(".d.pdf.*"))  # no temp files left behind


def test_missing_or_empty_folder_is_bad_input(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, ["--lang", "en", "bundle", str(tmp_path / "nope")]).exit_code == 3
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(tmp_path / "empty"), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 3
    assert "no evidence files" in result.output
    assert not (tmp_path / "x.pdf").exists()


def test_failure_while_sealing_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")

    def boom(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("evidencekit.pipeline.seal_in_place", boom)
    result = CliRunner().invoke(main, ["bundle", str(case), "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code == 1
    assert "evidencekit：内部错误：RuntimeError: disk on fire" in result.output  # Chinese by default
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_same_folder_same_identity_same_bytes(sample_case: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743561000")
    outs = []
    for name in ("a.pdf", "b.pdf"):
        result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(sample_case), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        outs.append((tmp_path / name).read_bytes())
    assert hashlib.sha256(outs[0]).hexdigest() == hashlib.sha256(outs[1]).hexdigest()
    assert verify_dossier(tmp_path / "a.pdf").signatures[0].signing_time == "2025-04-02T10:30:00+08:00"


def test_safe_relative_path_refuses_escapes() -> None:
    for bad in ("../x", "a/../../x", "/etc/passwd", "C:/x", "a\\..\\x", "", "a//b", "./a"):
        with pytest.raises(ValueError):
            safe_relative_path(bad)
    assert str(safe_relative_path("截图/1.png")) == "截图/1.png"


def test_extract_refuses_a_path_that_escapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    import evidencekit.pipeline as pipeline

    real = pipeline.collect

    def evil_collect(root, *args):  # type: ignore[no-untyped-def]
        found = real(root, *args)
        first = found.files[0]
        found.files[0] = type(first)("../../escaped.txt", first.source, first.size, first.mtime)
        return found

    monkeypatch.setattr(pipeline, "collect", evil_collect)
    out = tmp_path / "evil.pdf"
    assert CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(out)]).exit_code == 0
    dest = tmp_path / "deep" / "dest"
    result = CliRunner().invoke(main, ["extract", str(out), "-d", str(dest), "--json"])
    assert result.exit_code == 4
    assert "escape" in json.loads(result.stdout)["failed"][0]["reason"]
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path / "deep" / "escaped.txt").exists()


def test_identity_passphrase_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p12 = tmp_path / "me.p12"
    monkeypatch.setenv("EVIDENCEKIT_PASSPHRASE", "s3cret")
    result = CliRunner().invoke(main, ["identity", "create", "--name", "李四", "-o", str(p12), "--passphrase"])
    assert result.exit_code == 0, result.output
    assert oct(p12.stat().st_mode & 0o777) == "0o600"
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    ok = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(tmp_path / "d.pdf"), "--identity", str(p12)])
    assert ok.exit_code == 0, ok.output
    assert verify_dossier(tmp_path / "d.pdf").signatures[0].signer == "李四"
    monkeypatch.setenv("EVIDENCEKIT_PASSPHRASE", "wrong")
    bad = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(tmp_path / "e.pdf"), "--identity", str(p12)])
    assert bad.exit_code == 7
    assert "passphrase" in bad.output
    monkeypatch.delenv("EVIDENCEKIT_PASSPHRASE")
    none = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(tmp_path / "e.pdf"), "--identity", str(p12)])
    assert none.exit_code == 7


def test_default_identity_is_created_and_announced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "home"))
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code == 0, result.output
    assert "created a new self-signed signing identity" in result.stderr
    assert "identity create --name" in result.stderr
    assert (tmp_path / "home" / "identity.p12").exists()
    assert oct((tmp_path / "home" / "identity.p12").stat().st_mode & 0o777) == "0o600"


def test_a_seal_that_does_not_check_out_is_never_delivered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import evidencekit.pipeline as pipeline

    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_text("hello")
    real_seal = pipeline.seal_in_place

    def seal_then_corrupt(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        real_seal(path, *args, **kwargs)
        with open(path, "r+b") as f:  # a disk or filesystem fault after sealing
            f.seek(100)
            f.write(b"X")

    monkeypatch.setattr(pipeline, "seal_in_place", seal_then_corrupt)
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(case), "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code == 7, result.output
    assert "did not check out" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case"]


def test_office_lock_and_temp_files_are_litter(tmp_path: Path) -> None:
    """Word's ~$ lock file, LibreOffice's .~lock.…# and Word's ~WRL….tmp are not numbered exhibits."""
    from evidencekit import inspect_folder

    case = tmp_path / "case"
    case.mkdir()
    (case / "投诉信.docx").write_bytes(b"PK\x03\x04 a letter")
    for name in ("~$投诉信.docx", ".~lock.notes.odt#", "~WRL0001.tmp"):
        (case / name).write_bytes(b"\x00lock")
    seen = inspect_folder(case)
    assert [item.path for item in seen.items] == ["投诉信.docx"]
    skipped = {s.path: s for s in seen.skipped}
    assert set(skipped) == {"~$投诉信.docx", ".~lock.notes.odt#", "~WRL0001.tmp"}
    assert all("Office" in str(s.reason) for s in skipped.values())
