"""batch and init read screens through the same OCR cache as bundle (EVIDENCEKIT_HOME/ocr-cache):
a cache entry seeded by hand, with an id no pixel shows, proves the cache was used; batch's
--ocr and a list row's ocr column reach each case; a screen not cached is read and cached."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from evidencekit.case import load_case
from evidencekit.cli import main
from evidencekit.screens import engine
from tests.conftest import require_tool
from tests.test_batch import cli, lines
from tests.test_screens import screen

SEEDED_ID = "2025031222001400009999"  # only in the seeded cache entry, never in any picture


def blank_screen(path: Path, shade: int) -> str:
    """A phone-sized picture with nothing on it; its SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1080, 2400), (shade, shade, shade)).save(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed(sha256: str, txn_id: str = SEEDED_ID, home: Path | None = None) -> Path:
    """A cache entry under ``home`` (the tests' EVIDENCEKIT_HOME): what the engine would have read."""
    result = screen("账单详情", "-218.00", "交易成功", ("交易单号", txn_id), ("支付时间", "2025-03-12 20:15:03"))
    entry = engine.cache_path(sha256, home or Path(os.environ["EVIDENCEKIT_HOME"]))
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(json.dumps(result.to_dict(), ensure_ascii=False), encoding="utf-8")
    return entry


def pdf_text(path: Path) -> str:
    return subprocess.run([require_tool("pdftotext"), str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_batch_reads_screens_through_the_cache_and_passes_ocr_per_case(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    seed(blank_screen(cases / "seeded" / "Screenshot_20250312-201630.png", 251))
    seed(blank_screen(cases / "off" / "Screenshot_20250312-201631.png", 252))
    fresh = blank_screen(cases / "fresh" / "Screenshot_20250312-201632.png", 253)
    assert engine.cached(fresh, Path(os.environ["EVIDENCEKIT_HOME"])) is None
    listing = tmp_path / "cases.jsonl"
    listing.write_text("".join(json.dumps(row) + "\n" for row in (
        {"case": "cases/seeded"}, {"case": "cases/off", "ocr": "none"}, {"case": "cases/fresh"})), encoding="utf-8")
    out = tmp_path / "out"
    run = cli("batch", str(listing), "-o", str(out), "--jobs", "2", "--json")
    assert run.returncode == 0, run.stderr
    found = lines(run.stdout)
    assert {name: data["status"] for name, data in found.items()} == {
        "seeded": "sealed", "off": "sealed", "fresh": "sealed"}
    assert SEEDED_ID in pdf_text(out / "seeded.pdf")  # the cache's reading: the text layer and the statement
    assert SEEDED_ID not in pdf_text(out / "off.pdf")  # "ocr": "none" in its row: nothing read
    # the blank one was read by the engine in a worker, and its result cached where bundle caches
    assert engine.cached(fresh, Path(os.environ["EVIDENCEKIT_HOME"])) is not None
    # --ocr none for the whole batch: the seeded case is not read either
    again = cli("batch", str(cases), "-o", str(tmp_path / "none"), "--ocr", "none", "--json")
    assert again.returncode == 0, again.stderr
    assert SEEDED_ID not in pdf_text(tmp_path / "none" / "seeded.pdf")


def test_a_bad_ocr_value_in_a_list_row_fails_that_case_as_bundle_would(tmp_path: Path) -> None:
    blank_screen(tmp_path / "a" / "x.png", 250)
    listing = tmp_path / "cases.jsonl"
    listing.write_text(json.dumps({"case": "a", "ocr": "some"}) + "\n", encoding="utf-8")
    run = cli("batch", str(listing), "-o", str(tmp_path / "out"))
    assert run.returncode == 9  # some cases failed; the case's own code is bundle's for --ocr some: 2
    assert f"(exit 2): {listing} line 1: ocr must be one of auto, all, none, not some" in run.stdout
    assert not (tmp_path / "out" / "a.pdf").exists()


def test_without_evidencekit_home_batch_caches_in_the_user_config_folder_as_bundle(tmp_path: Path) -> None:
    """No EVIDENCEKIT_HOME: the CLI's home is the user config folder, for batch as for bundle."""
    config = tmp_path / "config"
    home = config / "evidencekit"
    seed(blank_screen(tmp_path / "cases" / "one" / "Screenshot_20250312-201630.png", 249), home=home)
    env = {k: v for k, v in os.environ.items() if k != "EVIDENCEKIT_HOME"}
    env["XDG_CONFIG_HOME"] = str(config)
    run = subprocess.run([sys.executable, "-m", "evidencekit", "--lang", "en", "batch", str(tmp_path / "cases"),
                          "-o", str(tmp_path / "out"), "--json"], capture_output=True, text=True, env=env,
                         stdin=subprocess.DEVNULL, timeout=600)
    assert run.returncode == 0, run.stderr
    assert (home / "identity.p12").is_file()  # the same home as the identity's
    assert SEEDED_ID in pdf_text(tmp_path / "out" / "one.pdf")


def test_init_reads_screens_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """init reads through the CLI's home, as bundle: with no EVIDENCEKIT_HOME, the user config folder."""
    config = tmp_path / "config"
    monkeypatch.delenv("EVIDENCEKIT_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    folder = tmp_path / "evidence"
    seed(blank_screen(folder / "Screenshot_20250312-201630_Alipay.png", 254), "2025031222001400008888",
         home=config / "evidencekit")
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    [tx] = load_case(folder / "case.toml").transactions
    assert (tx["id"], tx["amount"], tx["time"]) == ("2025031222001400008888", "218.00", "2025-03-12T20:15:03+08:00")
