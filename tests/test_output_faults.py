"""Output that cannot be written: a full disk, a name too long, a damaged manifest.

Each is a documented exit (3 for output, 5 for a damaged manifest) with a message naming
the real cause and the output, never an input, and nothing half-written left behind.
A full disk is real where the tests may mount a tiny tmpfs (root), and always simulated
by a write that fails with ENOSPC.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import subprocess
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import evidencekit.fileio as fileio
import evidencekit.pipeline as pipeline
from evidencekit.cli import main
from evidencekit.errors import OutputExists, OutputUnwritable
from evidencekit.fileio import GuardedFile, atomic_output, shortened_name
from evidencekit.verify import verify_dossier


def _run(*args: str) -> Any:
    """In English: the messages asserted here are the catalog's English texts."""
    return CliRunner().invoke(main, ["--lang", "en", *args])


def _leftovers(folder: Path) -> list[str]:
    """Hidden temporary files anywhere under ``folder`` (walked by descriptor: any depth)."""
    return sorted(name for _, _, files, _ in os.fwalk(folder) for name in files
                  if name.startswith(".") and name.endswith((".part", ".tmp")))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount a tmpfs of a given size (needs root; skips cleanly when mounting is not permitted)."""
    mounted: list[Path] = []

    def make(size: str, *, read_only: bool = False) -> Path:
        if shutil.which("mount") is None or os.geteuid() != 0:
            pytest.skip("mounting a tmpfs needs root and mount(8)")
        mnt = tmp_path / f"fs{len(mounted)}"
        mnt.mkdir()
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mnt)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.skip(f"mount not permitted here: {proc.stderr.strip()}")
        mounted.append(mnt)
        if read_only:
            subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True, capture_output=True)
        return mnt

    yield make
    for mnt in mounted:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


class _FillsUp:
    """A real output file that takes ``room`` bytes, then fails as a full disk does."""

    def __init__(self, real: Any, room: int) -> None:
        self._real, self._room = real, room

    def write(self, data: Any) -> int:
        if len(data) > self._room:
            self._real.write(bytes(data[:self._room]))
            self._real.flush()  # the partial bytes really are on disk
            self._room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return int(self._real.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


@pytest.fixture
def disk_fills_after(monkeypatch: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Make every atomic output's low-level write fail with ENOSPC after ``room`` bytes."""

    def install(room: int) -> None:
        real_open = io.open
        monkeypatch.setattr(fileio, "io", types.SimpleNamespace(
            open=lambda fd, mode, closefd=True: _FillsUp(real_open(fd, mode, closefd=closefd), room)))

    return install


# --- the helper itself ----------------------------------------------------------------------------

def test_atomic_output_writes_syncs_and_renames(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.bin"
    with atomic_output(target, mode=0o640) as out:
        out.file.write(b"hello")
        assert not target.exists() and out.path.parent == target.parent
    assert target.read_bytes() == b"hello"
    assert oct(target.stat().st_mode & 0o777) == "0o640"
    assert _leftovers(tmp_path) == []


def test_atomic_output_removes_the_temporary_file_on_any_exception(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    for error in (ValueError("boom"), KeyboardInterrupt()):
        with pytest.raises(type(error)):
            with atomic_output(target) as out:
                out.file.write(b"x" * 100_000)
                out.file.flush()
                assert _leftovers(tmp_path)  # it was there
                raise error
        assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_atomic_output_refuses_a_file_that_appeared_meanwhile(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    with pytest.raises(OutputExists):
        with atomic_output(target) as out:
            out.file.write(b"new")
            target.write_bytes(b"appeared meanwhile")
    assert target.read_bytes() == b"appeared meanwhile"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bin"]
    with atomic_output(target, force=True) as out:
        out.file.write(b"new")
    assert target.read_bytes() == b"new"


def test_a_real_enospc_names_the_output_folder() -> None:
    """/dev/full fails every write with ENOSPC, as a full disk does."""
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full on this system")
    stream = GuardedFile(os.open("/dev/full", os.O_WRONLY), Path("/media/usb/dossier.pdf"))
    with pytest.raises(OutputUnwritable) as caught:
        stream.write(b"x" * 10)
        stream.sync()
    stream.discard()
    assert caught.value.exit_code == 3
    assert caught.value.message == ("the output folder /media/usb is full (no space left on device): free space "
                                    "or choose another folder")


def test_shortened_names_fit_are_stable_and_distinct() -> None:
    long_a = ("证" * 100 + ".txt").encode()
    long_b = ("证" * 99 + "据.txt").encode()
    short_a = shortened_name(long_a, 255, prefix=b"E01_")
    assert len(short_a) <= 255 and short_a.startswith(b"E01_\xe8\xaf\x81") and short_a.endswith(b".txt")
    short_a.decode("utf-8")  # never cuts a character in half
    assert shortened_name(long_a, 255, prefix=b"E01_") == short_a
    assert shortened_name(long_b, 255, prefix=b"E01_") != short_a
    assert len(shortened_name(b"\xff" * 400, 143)) <= 143


# --- a full disk, for real (tmpfs) -----------------------------------------------------------------

def test_bundle_on_a_full_disk_names_the_output_folder(sample_case: Path, tiny_fs: Callable[[str], Path]) -> None:
    mnt = tiny_fs("256k")
    result = _run("bundle", str(sample_case), "-o", str(mnt / "d.pdf"))
    assert result.exit_code == 3, result.output
    assert f"the output folder {mnt} is full (no space left on device): free space or choose another folder" \
        in result.output
    assert str(sample_case) not in result.output  # the input is not to blame
    assert os.listdir(mnt) == []


def test_countersign_on_a_full_disk_leaves_the_dossier_as_it_was(sealed: Path,
                                                                 tiny_fs: Callable[[str], Path]) -> None:
    mnt = tiny_fs(str(sealed.stat().st_size + 300_000))
    dossier = mnt / "d.pdf"
    shutil.copyfile(sealed, dossier)
    before = _sha(dossier)
    result = _run("countersign", str(dossier), "--no-tsa")
    assert result.exit_code == 3, result.output
    assert f"the output folder {mnt} is full (no space left on device)" in result.output
    assert _sha(dossier) == before
    assert os.listdir(mnt) == ["d.pdf"]


def test_extract_on_a_full_disk_keeps_only_whole_files(sealed: Path, sample_case: Path,
                                                      tiny_fs: Callable[[str], Path]) -> None:
    mnt = tiny_fs("300k")
    result = _run("extract", str(sealed), "-d", str(mnt / "out"))
    assert result.exit_code == 3, result.output
    assert "is full (no space left on device): free space or choose another folder" in result.output
    assert f"the output folder {mnt / 'out'}" in result.output
    assert _leftovers(mnt) == []
    written = [p for p in (mnt / "out").rglob("*") if p.is_file()]
    assert written, "the first exhibits fit"
    for path in written:  # every file left is a whole, verified original
        assert path.read_bytes() == (sample_case / path.relative_to(mnt / "out")).read_bytes()


# --- a full disk, simulated (always runs) ----------------------------------------------------------

def test_bundle_enospc_while_attaching_blames_the_output(sample_case: Path, tmp_path: Path,
                                                         disk_fills_after: Callable[[int], None]) -> None:
    disk_fills_after(200_000)
    out = tmp_path / "out" / "d.pdf"
    result = _run("bundle", str(sample_case), "-o", str(out))
    assert result.exit_code == 3, result.output
    assert (f"evidencekit: error: the output folder {out.parent} is full (no space left on device): "
            "free space or choose another folder") in result.output
    assert "could not be read" not in result.output
    assert os.listdir(out.parent) == []


def test_bundle_enospc_while_signing_blames_the_output(sample_case: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import evidencekit.seal as seal

    def full_open(path: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        real = open(path, mode, *args, **kwargs)
        return _FillsUp(real, 0) if "+" in mode else real

    monkeypatch.setattr(seal, "open", full_open, raising=False)
    out = tmp_path / "d.pdf"
    result = _run("bundle", str(sample_case), "-o", str(out))
    assert result.exit_code == 3, result.output
    assert f"the output folder {tmp_path} is full (no space left on device)" in result.output
    assert "signing failed" not in result.output
    assert os.listdir(tmp_path) == []


def test_countersign_enospc_names_the_output(dossier_copy: Path, disk_fills_after: Callable[[int], None]) -> None:
    before = _sha(dossier_copy)
    disk_fills_after(500_000)
    result = _run("countersign", str(dossier_copy), "--no-tsa")
    assert result.exit_code == 3, result.output
    assert f"the output folder {dossier_copy.parent} is full (no space left on device)" in result.output
    assert _sha(dossier_copy) == before
    assert os.listdir(dossier_copy.parent) == ["dossier.pdf"]


def test_extract_enospc_removes_the_partial_exhibit(sealed: Path, tmp_path: Path,
                                                    disk_fills_after: Callable[[int], None]) -> None:
    disk_fills_after(1000)
    result = _run("extract", str(sealed), "-d", str(tmp_path / "out"))
    assert result.exit_code == 3, result.output
    first_folder = sorted(p for p in (tmp_path / "out").iterdir() if p.is_dir())  # the first exhibit's folder
    assert first_folder and f"the output folder {first_folder[0]} is full (no space left on device)" in result.output
    assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()] == []


def test_identity_export_to_a_read_only_file_system(tiny_fs: Callable[..., Path]) -> None:
    mnt = tiny_fs("64k", read_only=True)
    result = _run("identity", "export", "-o", str(mnt / "me.pem"))
    assert result.exit_code == 3, result.output
    assert f"the output folder {mnt} is on a read-only file system: choose another folder" in result.output


def test_identity_export_to_a_folder_without_permission(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    result = _run("identity", "export", "-o", str(folder / "me.pem"))
    assert result.exit_code == 3, result.output
    assert f"no permission to write {folder / 'me.pem'}" in result.output


# --- names and paths too long ----------------------------------------------------------------------

def _bundle_with_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str],
                       manifest_hook: Callable[[bytes], bytes] | None = None) -> tuple[Path, list[bytes]]:
    """A dossier whose items carry ``paths`` (as a folder on another system could give them)."""
    case = tmp_path / "case"
    case.mkdir()
    contents = []
    for n, _ in enumerate(paths):
        data = f"exhibit {n}\n".encode()
        (case / f"f{n}.txt").write_bytes(data)
        contents.append(data)
    real_collect = pipeline.collect

    def renamed(root: Path, *args: Any) -> Any:
        found = real_collect(root, *args)
        found.files[:] = [type(c)(path, c.source, c.size, c.mtime) for c, path in zip(found.files, paths)]
        return found

    monkeypatch.setattr(pipeline, "collect", renamed)
    if manifest_hook is not None:
        real_attach = pipeline.assemble.Assembly.attach

        def damaged(self: Any, items: Any, manifest_bytes: bytes, *args: Any, **kwargs: Any) -> None:
            real_attach(self, items, manifest_hook(manifest_bytes), *args, **kwargs)

        monkeypatch.setattr(pipeline.assemble.Assembly, "attach", damaged)
    out = tmp_path / "d.pdf"
    result = _run("bundle", str(case), "-o", str(out))
    assert result.exit_code == 0, result.output
    monkeypatch.undo()
    return out, contents


def _read_deep(root: Path, parts: list[str]) -> bytes:
    """Read a file whose full path may exceed PATH_MAX, one folder at a time."""
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for part in parts[:-1]:
        new = os.open(part, os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = new
    file_fd = os.open(parts[-1], os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    with os.fdopen(file_fd, "rb") as f:
        return f.read()


def test_extract_shortens_a_name_too_long_for_the_file_system(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    long_name = "证" * 100 + ".txt"  # 304 bytes: fine on APFS, too long for ext4
    dossier, contents = _bundle_with_paths(tmp_path, monkeypatch, ["短.txt", f"聊天/{long_name}"])
    assert verify_dossier(dossier).exit_code == 0
    results = []
    for dest in ("x1", "x2"):
        result = _run("extract", str(dossier), "-d", str(tmp_path / dest), "--json")
        assert result.exit_code == 0, result.output
        results.append(json.loads(result.stdout))
        assert f"the name {long_name} (304 bytes) is too long for this file system (at most 255 bytes); " \
               "written as 聊天/E02_证" in result.stderr
    entry = next(e for e in results[0]["written"] if e["id"] == "E02")
    assert entry["path"] == f"聊天/{long_name}"
    assert entry["note"] == f"the name {long_name} (304 bytes) is too long for this file system (at most 255 bytes)"
    written_as = entry["written_as"]
    assert written_as.startswith("聊天/E02_证") and written_as.endswith(".txt")
    assert len(written_as.split("/")[-1].encode()) <= 255
    assert (tmp_path / "x1" / written_as).read_bytes() == contents[1]
    # deterministic: the same name gives the same short name every time
    assert next(e for e in results[1]["written"] if e["id"] == "E02")["written_as"] == written_as
    assert "written_as" not in next(e for e in results[0]["written"] if e["id"] == "E01")


def test_extract_writes_a_path_longer_than_path_max(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = "/".join(["目录" + "d" * 194] * 22) + "/f.txt"  # 4,200+ characters, every part under 255 bytes
    assert len(deep) > 4200
    dossier, contents = _bundle_with_paths(tmp_path, monkeypatch, [deep])
    result = _run("extract", str(dossier), "-d", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert _read_deep(tmp_path / "out", deep.split("/")) == contents[0]
    assert _leftovers(tmp_path / "out") == []


def test_extract_into_a_folder_path_longer_than_path_max(sealed: Path, sample_case: Path, tmp_path: Path) -> None:
    parts = ["d" * 200] * 21
    dest = tmp_path.joinpath(*parts)
    assert len(str(dest)) > 4200
    result = _run("extract", str(sealed), "-d", str(dest))
    assert result.exit_code == 0, result.output
    assert _read_deep(tmp_path, [*parts, "bills", "alipay_record_20250401.csv"]) == \
        (sample_case / "bills" / "alipay_record_20250401.csv").read_bytes()


def test_bundle_output_name_too_long_is_exit_3(sample_case: Path, tmp_path: Path) -> None:
    out = tmp_path / ("卷" * 100 + ".pdf")
    result = _run("bundle", str(sample_case), "-o", str(out))
    assert result.exit_code == 3, result.output
    assert f"the name {out.name} (304 bytes; at most 255) is too long for this file system: {out}" in result.output
    assert os.listdir(tmp_path) == []


# --- a damaged manifest ----------------------------------------------------------------------------

def _item_not_an_object(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["items"][1] = "E02 chat.txt"
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def test_a_manifest_item_that_is_not_an_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dossier, _ = _bundle_with_paths(tmp_path, monkeypatch, ["a.txt", "chat.txt"], _item_not_an_object)
    result = _run("extract", str(dossier), "-d", str(tmp_path / "out"))
    assert result.exit_code == 5, result.output
    assert f"{dossier}: the manifest is damaged: item 2 is not an object" in result.output
    assert not (tmp_path / "out").exists()
    verified = _run("verify", str(dossier), "--json")
    assert verified.exit_code == 4, verified.output
    codes = {f["code"] for f in json.loads(verified.stdout)["findings"]}
    assert "manifest-invalid" in codes
    checked = _run("check", str(dossier), "--channel", "pboc")
    assert checked.exit_code == 5, checked.output
    assert "item 2 is not an object" in checked.output


def test_extract_never_writes_through_a_link_in_the_destination(sealed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "bills").symlink_to(elsewhere)
    result = _run("extract", str(sealed), "-d", str(dest))
    assert result.exit_code == 3, result.output
    assert f"{dest / 'bills'}: is a symbolic link or a file, not a folder" in result.output
    assert os.listdir(elsewhere) == []


def test_a_large_output_is_handed_to_the_kernel_in_steps_and_stays_exact(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Every WRITEBACK_STEP bytes the kernel is asked to start writing out what it has (Linux's
    sync_file_range), so the fsync before the rename waits only for the tail; the ranges asked for
    follow each other without gaps, and the file is exactly what was written."""
    calls: list[tuple[int, int]] = []
    real = fileio._kernel_writeback()
    if real is None:
        pytest.skip("no sync_file_range on this system")

    def recording(fd: int, offset: int, length: int, flags: int) -> int:
        calls.append((offset, length))
        return int(real(fd, offset, length, flags))

    monkeypatch.setattr(fileio, "WRITEBACK_STEP", 100_000)
    monkeypatch.setattr(fileio, "_kernel_writeback", lambda: recording)
    data = os.urandom(1_234_567)
    target = tmp_path / "big.bin"
    with atomic_output(target) as out:
        for at in range(0, len(data), 65_536):
            out.file.write(data[at:at + 65_536])
    assert target.read_bytes() == data
    assert calls and calls[0][0] == 0
    last_offset, last_length = calls[-1]
    assert last_offset + last_length >= len(data) - 100_000 - 65_536  # all but the tail handed over
    assert all(a + n == b for (a, n), (b, _) in zip(calls, calls[1:]))
