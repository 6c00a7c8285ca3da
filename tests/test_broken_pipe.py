"""A closed stdout (`evidencekit inspect DIR | head -1`) ends the run quietly with exit 141."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidencekit.errors import ExitCode

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "sample-case"


def _run_with_stdout_closed(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    """Run the CLI with stdout a pipe whose reading end is closed before the start: its first
    write fails with EPIPE, as after `| head -1` has read its line (no race with the reader)."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "EVIDENCEKIT_HOME": str(tmp_path / "home"), "EVIDENCEKIT_LANG": "en"}
    try:
        return subprocess.run([sys.executable, "-m", "evidencekit", *args], stdout=write_end,
                              stderr=subprocess.PIPE, env=env, timeout=300, check=False)
    finally:
        os.close(write_end)


@pytest.mark.parametrize("args", [["inspect", str(SAMPLE)], ["inspect", str(SAMPLE), "--json"]])
def test_a_closed_stdout_ends_quietly_with_141(args: list[str], tmp_path: Path) -> None:
    done = _run_with_stdout_closed(args, tmp_path)
    assert done.returncode == ExitCode.BROKEN_PIPE == 141
    assert b"BrokenPipe" not in done.stderr and b"internal error" not in done.stderr
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_the_same_command_with_a_reader_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "EVIDENCEKIT_HOME": str(tmp_path / "home"), "EVIDENCEKIT_LANG": "en"}
    done = subprocess.run([sys.executable, "-m", "evidencekit", "inspect", str(SAMPLE)], capture_output=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0 and done.stdout
