"""SIGTERM and SIGINT in the middle of writing: exit 143 / 130, nothing half-written left.

Real processes and real signals, on a case big enough (a 64 MB original) that the
signal lands while the hidden temporary file is being written.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

BIG = 64 * 1_000_000  # sealing takes a few seconds: the signal lands mid-write


def _snapshot(folder: Path) -> dict[str, tuple[int, int, str]]:
    out = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            st = path.stat()
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
            out[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns, digest.hexdigest())
    return out


@pytest.fixture(scope="module")
def big_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[int, int, str]]]:
    case = tmp_path_factory.mktemp("big") / "case"
    case.mkdir()
    (case / "note.txt").write_text("客服电话录音，见 recording.bin\n", encoding="utf-8")
    with open(case / "recording.bin", "wb") as f:
        for _ in range(BIG // 1_000_000):
            f.write(os.urandom(1_000_000))
    return case, _snapshot(case)


@pytest.fixture(scope="module")
def big_dossier(big_case: tuple[Path, dict[str, tuple[int, int, str]]], ek_home: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Path:
    from evidencekit.clock import fixed_clock
    from evidencekit.pipeline import BundleOptions, build_dossier

    out = tmp_path_factory.mktemp("bigsealed") / "big.pdf"
    os.environ["EVIDENCEKIT_HOME"] = str(ek_home)
    build_dossier(big_case[0], BundleOptions(output=out), clock=fixed_clock(FIXED_NOW))
    return out


def _start(ek_home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "EVIDENCEKIT_HOME": str(ek_home), "EVIDENCEKIT_LANG": "en"}
    return subprocess.Popen([sys.executable, "-m", "evidencekit", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _parts(folder: Path) -> list[str]:
    if not folder.exists():
        return []
    return [name for _, _, files, _ in os.fwalk(folder) for name in files
            if name.startswith(".") and name.endswith(".part")]


def _signal_once_writing(proc: subprocess.Popen[str], folder: Path, signum: int) -> tuple[int, str]:
    """Send ``signum`` as soon as a hidden .part file appears under ``folder``."""
    deadline = time.monotonic() + 600  # a guard against hanging, not a measurement
    while not _parts(folder):
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"finished (exit {proc.returncode}) before writing started: {err}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no .part file ever appeared")
        time.sleep(0.005)
    proc.send_signal(signum)
    _, err = proc.communicate()
    return proc.returncode, err


@pytest.mark.parametrize(("signum", "code", "word"), [(signal.SIGTERM, 143, "terminated"),
                                                      (signal.SIGINT, 130, "interrupted")])
def test_bundle_signal_leaves_nothing(big_case: tuple[Path, dict[str, tuple[int, int, str]]], ek_home: Path,
                                      tmp_path: Path, signum: int, code: int, word: str) -> None:
    case, before = big_case
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    proc = _start(ek_home, "bundle", str(case), "-o", str(out_dir / "d.pdf"))
    returncode, err = _signal_once_writing(proc, out_dir, signum)
    assert returncode == code, err
    assert f"evidencekit: {word}" in err and "nothing half-written was left behind" in err
    assert "Traceback" not in err
    assert os.listdir(out_dir) == []
    assert _snapshot(case) == before


def test_countersign_sigterm_leaves_the_dossier_as_it_was(big_dossier: Path, ek_home: Path,
                                                          tmp_path: Path) -> None:
    dossier = tmp_path / "big.pdf"
    shutil.copyfile(big_dossier, dossier)
    before = _snapshot(tmp_path)
    proc = _start(ek_home, "countersign", str(dossier), "--no-tsa")
    returncode, err = _signal_once_writing(proc, tmp_path, signal.SIGTERM)
    assert returncode == 143, err
    assert _snapshot(tmp_path) == before
    assert os.listdir(tmp_path) == ["big.pdf"]


def test_extract_sigterm_removes_the_exhibit_in_progress(big_dossier: Path, ek_home: Path, tmp_path: Path,
                                                         big_case: tuple[Path, dict[str, tuple[int, int, str]]]
                                                         ) -> None:
    dest = tmp_path / "out"
    proc = _start(ek_home, "extract", str(big_dossier), "-d", str(dest))
    returncode, err = _signal_once_writing(proc, dest, signal.SIGTERM)
    assert returncode == 143, err
    assert _parts(dest) == []
    left = _snapshot(dest)
    assert "recording.bin" not in left  # the exhibit being written is gone, not half there
    for name, (size, _, digest) in left.items():  # what is there is whole
        assert (size, digest) == (big_case[1][name][0], big_case[1][name][2])
