"""The plan, the manifest, the layout, the errors and the API are checked with mypy --strict; the
whole package with mypy as pyproject.toml configures it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
STRICT = ["plan.py", "manifest.py", "layout.py", "errors.py", "__init__.py", "pipeline.py",
          "pdf/structure.py"]


def test_core_modules_are_strictly_typed() -> None:
    pytest.importorskip("mypy")
    paths = [str(ROOT / "src" / "evidencekit" / name) for name in STRICT]
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", *paths], cwd=ROOT,
                          capture_output=True, text=True)
    # mypy follows imports into modules outside the strict set: only errors in the set count
    errors = [line for line in done.stdout.splitlines()
              if any(line.startswith(f"src/evidencekit/{name}:") for name in STRICT)]
    assert errors == [], "\n".join(errors)
    assert done.returncode in (0, 1), done.stderr


def test_the_whole_package_type_checks() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "src/evidencekit"], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
