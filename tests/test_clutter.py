"""Clutter and size before sealing (issue 11): duplicates attached once and listed as 同 E0x,
empty files skipped, --exclude, --hash-only, bundle --dry-run, the size warning and
--page-images print."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image, ImageFilter
from pypdf import PdfReader

from evidencekit.cli import main
from evidencekit.layout import MANIFEST_NAME
from evidencekit.verify import verify_dossier

from .conftest import require_tool


def _screenshot(path: Path, seed: int, size: tuple[int, int] = (1080, 2340)) -> bytes:
    """A phone-size JPEG screenshot: flat UI with a photo-like band (real ones weigh 300+ KB)."""
    rng = random.Random(seed)
    img = Image.new("RGB", size, (245, 245, 245))
    band = Image.frombytes("RGB", (size[0], size[1] // 3), rng.randbytes(size[0] * (size[1] // 3) * 3))
    img.paste(band.filter(ImageFilter.GaussianBlur(1.2)), (0, size[1] // 2))
    img.save(path, quality=92)
    return path.read_bytes()


def _bundle(folder: Path, out: Path, *args: str) -> tuple[int, dict, str]:
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(folder), "-o", str(out), "--json", *args])
    assert result.exit_code == 0, result.output
    return result.exit_code, json.loads(result.stdout), result.stderr


def _manifest(dossier: Path) -> dict:
    reader = PdfReader(str(dossier))
    return json.loads(reader.attachments[MANIFEST_NAME][0])


def _attachment_names(dossier: Path) -> list[str]:
    return sorted(PdfReader(str(dossier)).attachments)


def _squeezed(text: str) -> str:
    return "".join(text.split())  # table cells wrap anywhere


def _text(dossier: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(dossier)).pages)


@pytest.fixture
def cluttered(tmp_path: Path) -> Path:
    """Three copies of one screenshot, an empty file, a lock file, a note, a draft folder, a video."""
    folder = tmp_path / "case"
    (folder / "drafts").mkdir(parents=True)
    shot = _screenshot(folder / "Screenshot_1.jpg", 1, (540, 1170))
    (folder / "Screenshot_1 (1).jpg").write_bytes(shot)
    (folder / "wechat").mkdir()
    (folder / "wechat" / "mmexport1700000000000.jpg").write_bytes(shot)
    (folder / "空文件.txt").write_bytes(b"")
    (folder / "~$投诉信.docx").write_bytes(b"\x05lock")
    (folder / "note.txt").write_text("2025-03-13 客服说 48 小时内退款\n", encoding="utf-8")
    (folder / "drafts" / "draft.txt").write_text("not for the regulator\n", encoding="utf-8")
    (folder / "screen recording.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    return folder


def test_three_copies_are_one_attachment_and_two_rows_same_as_the_first(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    _, data, _ = _bundle(cluttered, out)
    items = {i["path"]: i for i in _manifest(out)["items"]}
    # "Screenshot_1 (1).jpg" comes first in the walk, but its name says it is the copy
    first = items["Screenshot_1.jpg"]
    copies = [items["Screenshot_1 (1).jpg"], items["wechat/mmexport1700000000000.jpg"]]
    assert copies[0]["id"] < first["id"]
    assert "duplicate_of" not in first
    for copy in copies:
        assert copy["duplicate_of"] == first["id"]
        assert (copy["sha256"], copy["sm3"], copy["size"]) == (first["sha256"], first["sm3"], first["size"])
    attached = _attachment_names(out)
    assert first["id"] in attached and not {c["id"] for c in copies} & set(attached)
    assert _text(out).count(f"same as {first['id']}") == 2
    assert len(data["summary"]["duplicates"]) == 2
    report = verify_dossier(out)
    assert report.exit_code == 0, [f.to_dict() for f in report.findings]
    assert report.items_checked == report.items_total == len(items)
    # extract writes every copy, each re-hashed against its own row
    done = CliRunner().invoke(main, ["--lang", "en", "extract", str(out), "-d", str(tmp_path / "x"), "--json"])
    assert done.exit_code == 0, done.output
    for rel in ("Screenshot_1.jpg", "Screenshot_1 (1).jpg", "wechat/mmexport1700000000000.jpg"):
        assert (tmp_path / "x" / rel).read_bytes() == (cluttered / rel).read_bytes()


@pytest.mark.parametrize(("change", "code"), [("points-nowhere", "duplicate-broken"),
                                               ("other-hashes", "item-hash-mismatch")])
def test_a_sealed_copy_that_does_not_match_its_first_fails(cluttered: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch, change: str,
                                                           code: str) -> None:
    """A manifest whose copy row is inconsistent, sealed as it is (a bug or a forged dossier)."""
    import evidencekit.pipeline as pipeline

    real = pipeline.mark_duplicates

    def broken(items):  # type: ignore[no-untyped-def]
        real(items)
        copy = next(i for i in items if i.duplicate_of)
        if change == "points-nowhere":
            copy.duplicate_of = "E99"
        else:
            copy.sha256 = "0" * 64
        return None

    monkeypatch.setattr(pipeline, "mark_duplicates", broken)
    out = tmp_path / "d.pdf"
    _bundle(cluttered, out)
    report = verify_dossier(out)
    assert report.exit_code == 4 and report.verdict == "tampered"
    assert [f.code for f in report.findings if f.severity == "fail"] == [code]


def test_a_chinese_dossier_lists_a_copy_as_tong(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    result = CliRunner().invoke(main, ["--lang", "zh", "bundle", str(cluttered), "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = next(i["id"] for i in _manifest(out)["items"] if i["path"] == "Screenshot_1.jpg")
    assert _text(out).count(f"同 {first}") == 2


def test_an_empty_file_is_flagged_and_not_sealed(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    _, data, stderr = _bundle(cluttered, out)
    assert "空文件.txt" not in {i["path"] for i in data["items"]}
    skipped = {s["path"]: s for s in data["skipped"]}
    assert skipped["空文件.txt"]["reason"].startswith("empty file (0 bytes), not sealed")
    assert [s["path"] for s in data["summary"]["skipped"]["empty"]] == ["空文件.txt"]
    assert "empty files not sealed: 空文件.txt" in [w["en"] for w in data["summary"]["warnings"]]
    assert "~$投诉信.docx" in skipped  # the lock file is litter, as before
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(cluttered), "-o", str(out), "--force"])
    assert "empty files not sealed: 空文件.txt" in result.stderr


def test_exclude_leaves_out_files_and_folders_and_names_them_only_in_the_summary(
        cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    _, data, _ = _bundle(cluttered, out, "--exclude", "drafts", "--exclude", "*.mp4")
    paths = {i["path"] for i in data["items"]}
    assert not any(p.startswith("drafts/") or p.endswith(".mp4") for p in paths)
    assert "note.txt" in paths
    excluded = {s["path"]: s["reason_message"]["params"]["pattern"] for s in data["summary"]["skipped"]["excluded"]}
    assert excluded == {"drafts/": "drafts", "screen recording.mp4": "*.mp4"}
    manifest = _manifest(out)
    sealed_names = {s["path"] for s in manifest.get("skipped", [])}
    assert not sealed_names & set(excluded)  # what the user leaves out is not named in the sealed file
    assert verify_dossier(out).exit_code == 0


def test_hash_only_lists_and_hashes_without_embedding(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    video = cluttered / "screen recording.mp4"
    _, data, _ = _bundle(cluttered, out, "--hash-only", "*.mp4")
    entry = next(i for i in _manifest(out)["items"] if i["path"] == "screen recording.mp4")
    assert entry["embedded"] is False
    assert entry["sha256"] == hashlib.sha256(video.read_bytes()).hexdigest()
    assert entry["id"] not in _attachment_names(out)
    assert out.stat().st_size > 0 and video.stat().st_size > 0
    said = "not embedded: keep the original; its SHA-256/SM3 are sealed here"
    assert _squeezed(said) in _squeezed(_text(out))  # the evidence list and the exhibit's card
    report = verify_dossier(out)
    assert report.exit_code == 0, [f.to_dict() for f in report.findings]
    assert report.items_not_embedded == 1
    notes = [f for f in report.findings if f.code == "not-embedded"]
    assert [f.item for f in notes] == [entry["id"]] and notes[0].severity == "warn"
    assert "not embedded: keep the original; its SHA-256/SM3 are sealed here" in notes[0].en
    assert entry["sha256"] in notes[0].en
    shown = CliRunner().invoke(main, ["--lang", "en", "verify", str(out)])
    assert shown.exit_code == 0 and "not embedded: keep the original" in shown.output
    done = CliRunner().invoke(main, ["--lang", "en", "extract", str(out), "-d", str(tmp_path / "x"), "--json"])
    assert done.exit_code == 0, done.output
    assert [e["id"] for e in json.loads(done.stdout)["not_embedded"]] == [entry["id"]]
    assert not (tmp_path / "x" / "screen recording.mp4").exists()


def test_verify_originals_checks_the_kept_originals_of_hash_only_items(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    _bundle(cluttered, out, "--hash-only", "*.mp4")
    kept = verify_dossier(out, originals=cluttered)
    assert kept.exit_code == 0 and kept.items_checked == kept.items_total
    assert [f.code for f in kept.findings if f.item] == ["original-matches"]
    elsewhere = tmp_path / "kept"
    elsewhere.mkdir()
    missing = verify_dossier(out, originals=elsewhere)
    assert missing.exit_code == 0 and {f.code for f in missing.findings} >= {"not-embedded", "original-not-found"}
    changed = bytearray((cluttered / "screen recording.mp4").read_bytes())
    changed[100] ^= 1
    (elsewhere / "screen recording.mp4").write_bytes(bytes(changed))
    result = CliRunner().invoke(main, ["--lang", "en", "verify", str(out), "--originals", str(elsewhere)])
    assert result.exit_code == 4
    assert "does not match its sealed digests" in result.output


def _snapshot(root: Path) -> dict[str, tuple[int, int, str]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else ""
            out[str(p.relative_to(root))] = (st.st_mode, st.st_mtime_ns, digest)
    return out


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
def test_dry_run_says_what_goes_in_and_writes_nothing(cluttered: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, as_json: bool) -> None:
    home = tmp_path / "fresh-home"  # no identity yet: a real bundle would make one here
    home.mkdir()
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(home))
    before, around = _snapshot(cluttered), sorted(p.name for p in tmp_path.iterdir())
    args = ["--lang", "en", "bundle", str(cluttered), "--dry-run", "--hash-only", "*.mp4", "--exclude", "drafts"]
    result = CliRunner().invoke(main, args + (["--json"] if as_json else []))
    assert result.exit_code == 0, result.output
    assert _snapshot(cluttered) == before
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == around  # no dossier beside the folder
    if as_json:
        data = json.loads(result.stdout)
        assert data["by_kind"] == {"screenshot": 1, "video": 1, "document": 1}
        assert data["items"] == 5 and len(data["duplicates"]) == 2
        assert [i["path"] for i in data["not_embedded"]] == ["screen recording.mp4"]
        assert [s["path"] for s in data["skipped"]["litter"]] == ["~$投诉信.docx"]
        assert [s["path"] for s in data["skipped"]["empty"]] == ["空文件.txt"]
        assert [s["path"] for s in data["skipped"]["excluded"]] == ["drafts/"]
        assert data["expected_size"] > 0 and data["size"] is None
    else:
        text = result.stdout
        assert "Items: 5 (screenshot 1, video 1, document 1)" in text
        assert "Duplicates: 2" in text and "Hashed only, not embedded: 1" in text
        assert "Excluded by --exclude: 1" in text and "drafts/" in text
        assert "Expected size: about" in text


def test_the_size_warning_follows_the_threshold(cluttered: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    _, data, _ = _bundle(cluttered, out, "--size-warn", "1KB")
    codes = [w["code"] for w in data["summary"]["warnings"]]
    assert "summary.too_large" in codes and data["summary"]["too_large"] is True
    assert data["summary"]["size"] == out.stat().st_size
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(cluttered), "-o", str(out), "--force",
                                       "--size-warn", "1KB"])
    assert result.exit_code == 0
    assert "over 1 KB: complaint web forms and e-mail often refuse that" in result.stderr
    quiet = CliRunner().invoke(main, ["--lang", "en", "bundle", str(cluttered), "-o", str(out), "--force"])
    assert quiet.exit_code == 0 and "often refuse" not in quiet.stderr  # far below the default 20 MB
    bad = CliRunner().invoke(main, ["--lang", "en", "bundle", str(cluttered), "--size-warn", "lots"])
    assert bad.exit_code == 2 and "is not a size" in bad.output


def test_print_page_images_shrink_the_dossier_and_keep_the_originals_whole(tmp_path: Path) -> None:
    require_tool("pdfdetach")
    folder = tmp_path / "shots"
    folder.mkdir()
    originals = {f"Screenshot_{n}.jpg": _screenshot(folder / f"Screenshot_{n}.jpg", n) for n in range(4)}
    sizes = {}
    for mode in ("full", "print"):
        out = tmp_path / f"{mode}.pdf"
        _bundle(folder, out, "--page-images", mode)
        assert verify_dossier(out).exit_code == 0
        sizes[mode] = out.stat().st_size
        assert _manifest(out).get("page_images") == (None if mode == "full" else "print")
        said = _text(out).count("Shown here at print resolution")
        assert said == (0 if mode == "full" else len(originals))
        saved = tmp_path / f"detached-{mode}"
        saved.mkdir()
        subprocess.run(["pdfdetach", "-saveall", "-o", str(saved), str(out)], check=True, capture_output=True)
        for name, data in originals.items():
            [found] = [p for p in saved.iterdir() if p.name.endswith("_" + name)]
            assert found.read_bytes() == data  # the attachment is the original, byte for byte
    inputs = sum(len(d) for d in originals.values())
    # full mode carries every screenshot twice (page and attachment); print mode about once
    assert sizes["full"] > 2 * inputs
    assert sizes["print"] < inputs * 1.5 < sizes["full"]
