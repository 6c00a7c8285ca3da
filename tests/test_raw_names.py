"""File names that are not UTF-8: sealed, shown escaped, and extracted back byte for byte."""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import evidencekit.manifest as manifest_module
from evidencekit.cli import main
from evidencekit.verify import verify_dossier

pytestmark = pytest.mark.skipif(sys.platform in ("win32", "darwin"),
                                reason="needs a file system that takes any bytes as a name")

RAW_FILE = b"\xff\xfebad.txt"
GBK_DIR = "投诉".encode("gbk")
GBK_FILE = "聊天记录".encode("gbk") + b".txt"


def _write(path: bytes, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


def _raw_case(root: Path) -> dict[bytes, bytes]:
    """A case folder holding a Latin-1-ish name, a GBK folder and file, and a plain one."""
    base = os.fsencode(root)
    os.mkdir(base)
    os.mkdir(base + b"/" + GBK_DIR)
    files = {RAW_FILE: b"raw bytes in the name\n", GBK_DIR + b"/" + GBK_FILE: "GBK 编码的文件名\n".encode(),
             b"ok.txt": b"plain\n"}
    for rel, data in files.items():
        _write(base + b"/" + rel, data)
    return files


def _tree(root: Path) -> dict[bytes, bytes]:
    base = os.fsencode(root)
    found = {}
    for folder, _, names in os.walk(base):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, base)] = f.read()
    return found


def test_non_utf8_names_round_trip_byte_for_byte(tmp_path: Path) -> None:
    files = _raw_case(tmp_path / "case")
    out = tmp_path / "d.pdf"
    result = CliRunner().invoke(main, ["bundle", str(tmp_path / "case"), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    shown = {item["path"] for item in json.loads(result.stdout)["items"]}
    assert "\\xff\\xfebad.txt" in shown and "ok.txt" in shown

    report = verify_dossier(out)
    assert report.exit_code == 0, report.findings
    assert report.items_checked == 3

    from pypdf import PdfReader

    sealed = json.loads(PdfReader(str(out)).attachments["manifest.json"][0])
    by_path = {item["path"]: item for item in sealed["items"]}
    assert base64.b64decode(by_path["\\xff\\xfebad.txt"]["path_bytes"]) == RAW_FILE
    assert "path_bytes" not in by_path["ok.txt"]  # UTF-8 names are unchanged: same dossier ids as before
    gbk = [item for item in sealed["items"] if item["path"] not in ("\\xff\\xfebad.txt", "ok.txt")]
    assert base64.b64decode(gbk[0]["path_bytes"]) == GBK_DIR + b"/" + GBK_FILE

    extracted = CliRunner().invoke(main, ["extract", str(out), "-d", str(tmp_path / "out"), "--json"])
    assert extracted.exit_code == 0, extracted.output
    assert {e["path"] for e in json.loads(extracted.stdout)["written"]} >= shown
    tree = _tree(tmp_path / "out")
    tree.pop(b"case.toml", None)
    assert tree == files


def test_inspect_shows_the_escaped_form(tmp_path: Path) -> None:
    _raw_case(tmp_path / "case")
    result = CliRunner().invoke(main, ["inspect", str(tmp_path / "case"), "--json"])
    assert result.exit_code == 0, result.output
    paths = {item["path"] for item in json.loads(result.stdout)["items"]}
    assert "\\xff\\xfebad.txt" in paths
    assert all("\udcff" not in p for p in paths)  # no lone surrogates reach the output


@pytest.mark.parametrize(("forged", "reason"), [
    (b"../../escaped.txt", "path would escape the destination folder; refused"),
    (b"/tmp/escaped.txt", "path would escape the destination folder; refused"),
    (b"other\xff.txt", "its raw name (path_bytes) does not match its path; refused"),
])
def test_a_forged_path_bytes_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forged: bytes,
                                        reason: str) -> None:
    case = tmp_path / "case"
    case.mkdir()
    _write(os.fsencode(case) + b"/" + RAW_FILE, b"x\n")
    monkeypatch.setattr(manifest_module, "encode_path_bytes", lambda raw: base64.b64encode(forged).decode())
    out = tmp_path / "d.pdf"
    assert CliRunner().invoke(main, ["bundle", str(case), "-o", str(out)]).exit_code == 0
    monkeypatch.undo()
    result = CliRunner().invoke(main, ["extract", str(out), "-d", str(tmp_path / "deep" / "out"), "--json"])
    assert result.exit_code == 4, result.output
    assert json.loads(result.stdout)["failed"][0]["reason"] == reason
    assert not (tmp_path / "escaped.txt").exists() and not Path("/tmp/escaped.txt").exists()
    assert [p.name for p in (tmp_path / "deep" / "out").iterdir()] == []
