"""The README's main command works as written (the install step aside)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")


def _command(containing: str) -> str:
    for line in README.splitlines():
        if containing in line and line.startswith("python3 -m venv"):
            return line
    raise AssertionError(f"no README command containing {containing!r}")


def test_main_command_bundles_and_verifies_the_sample_case(tmp_path: Path, ek_home: Path) -> None:
    line = _command("bundle fixtures/sample-case")
    steps = [step.strip() for step in line.split("&&")]
    run = [step for step in steps if step.startswith(".venv/bin/evidencekit")]
    assert len(run) == 2, steps  # bundle, then verify
    (tmp_path / "fixtures").symlink_to(REPO / "fixtures")
    env = {**os.environ, "EVIDENCEKIT_HOME": str(ek_home)}
    for step in run:
        argv = [sys.executable, "-m", "evidencekit", *shlex.split(step)[1:]]
        proc = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, env=env)
        assert proc.returncode == 0, (step, proc.stdout, proc.stderr)
    assert (tmp_path / "sample-dossier.pdf").stat().st_size > 100_000


def test_test_command_is_what_ci_runs() -> None:
    line = _command("pytest")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert line in ci
    assert re.search(r"EVIDENCEKIT_REQUIRE_TOOLS=1", ci)
