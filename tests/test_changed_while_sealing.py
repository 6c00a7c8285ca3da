"""An original changed after it was hashed and before it is copied into the dossier stops bundle:
assemble compares the file's state (inode, size, mtime, ctime) taken before hashing, instead of
reading and hashing every original a second time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from evidencekit import pipeline
from evidencekit.errors import BadInput
from evidencekit.pipeline import BundleOptions, build_dossier


def _case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "chat.txt").write_text("2025-03-13 客服：48小时内处理\n")
    (folder / "note.txt").write_text("second exhibit\n")
    return folder


def _change_while_rendering(monkeypatch: pytest.MonkeyPatch, change: Any) -> None:
    """Run ``change`` between describe (hashing) and assemble (copying): as the originals start to be
    written (on their own thread, while the pages are laid out)."""
    attach = pipeline.assemble.Assembly.attach

    def changed_then_attach(*args: Any, **kwargs: Any) -> Any:
        change()
        return attach(*args, **kwargs)

    monkeypatch.setattr(pipeline.assemble.Assembly, "attach", changed_then_attach)


def _same_size_other_bytes(path: Path, keep_mtime: bool) -> None:
    st = path.stat()
    path.write_text("second exhibiT\n")  # same length, other bytes
    if keep_mtime:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime put back; the ctime moves anyway


@pytest.mark.parametrize("keep_mtime", [False, True])
def test_a_file_changed_between_hashing_and_copying_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              keep_mtime: bool) -> None:
    folder = _case(tmp_path)
    _change_while_rendering(monkeypatch, lambda: _same_size_other_bytes(folder / "note.txt", keep_mtime))
    out = tmp_path / "out.pdf"
    with pytest.raises(BadInput) as caught:
        build_dossier(folder, BundleOptions(output=out))
    assert caught.value.message == "note.txt: the file changed while it was being sealed"
    assert not out.exists() and not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_untouched_files_seal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _case(tmp_path)
    _change_while_rendering(monkeypatch, lambda: None)
    build_dossier(folder, BundleOptions(output=tmp_path / "out.pdf"))
    assert (tmp_path / "out.pdf").stat().st_size > 0


def test_a_file_cut_short_before_it_is_copied_is_a_change_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _case(tmp_path)
    _change_while_rendering(monkeypatch, lambda: os.truncate(folder / "note.txt", 3))
    out = tmp_path / "out.pdf"
    with pytest.raises(BadInput) as caught:
        build_dossier(folder, BundleOptions(output=out))
    assert caught.value.message == "note.txt: the file changed while it was being sealed"
    assert not out.exists() and not any(p.name.endswith(".part") for p in tmp_path.iterdir())
