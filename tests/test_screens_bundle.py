"""Screens in a bundle: facts.screen in the manifest and inspect --json, --ocr none, the status-bar
capture time, the 证明对象 suggestion and timeline line, and the invisible text layer that makes
an id inside a JPEG searchable while the sealed original stays byte for byte what it was."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

import pytest

from evidencekit.cli import main
from tests.conftest import require_tool
from tests.screens_gen import CJK_ONLY, LATIN_FONT, LIGHT, Canvas, available_fonts, wechat_detail


@pytest.fixture(scope="module")
def screens_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A folder with one WeChat 账单详情 screenshot as a JPEG (quality 75) and a note: no case.toml."""
    fonts = available_fonts()
    if not fonts:
        message = "no screen font: apt-get install fonts-wqy-zenhei fonts-droid-fallback fonts-dejavu-core"
        if os.environ.get("EVIDENCEKIT_REQUIRE_TOOLS") == "1":
            pytest.fail(message)
        pytest.skip(message)
    name, path = next(iter(fonts.items()))
    folder = tmp_path_factory.mktemp("screens-case")
    canvas = Canvas((1080, 2400), LIGHT, path, LATIN_FONT if name in CJK_ONLY else None)
    expected = wechat_detail(canvas, 3)
    canvas.image.save(folder / "mmexport-账单.jpg", "JPEG", quality=75)
    (folder / "note.txt").write_text("客服说48小时内处理。\n", encoding="utf-8")
    return folder, expected


def _inspect(cli_runner, folder: Path, *args: str) -> dict:
    result = cli_runner.invoke(main, ["inspect", str(folder), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_inspect_json_carries_the_screen_facts(cli_runner, screens_case) -> None:
    folder, expected = screens_case
    items = {item["path"]: item for item in _inspect(cli_runner, folder)["items"]}
    screen = items["mmexport-账单.jpg"]["facts"]["screen"]
    assert (screen["app"], screen["screen"]) == ("wechat", "bill-detail")
    assert screen["txn_id"] == expected["txn_id"]
    assert screen["amount"] == expected["amount"] and screen["direction"] == "out"
    assert screen["time"] == expected["time"]
    assert screen["status"] == expected["status"]
    assert screen["low_confidence"] == [] and screen["confidence"]["txn_id"] >= 0.9
    # the status bar's 12:43 on the day of the payment: the capture time, labelled as such
    assert items["mmexport-账单.jpg"]["facts"]["capture_time"] == {
        "time": "2025-03-18T12:43:00+08:00", "source": "status-bar", "pattern": "HH:MM"}
    assert items["mmexport-账单.jpg"]["captured_at"] == "2025-03-18T12:43:00+08:00"
    assert "screen" not in items["note.txt"]["facts"]


def test_ocr_none_reads_nothing(cli_runner, screens_case) -> None:
    folder, _ = screens_case
    items = {item["path"]: item for item in _inspect(cli_runner, folder, "--ocr", "none")["items"]}
    assert "screen" not in items["mmexport-账单.jpg"]["facts"]
    assert items["mmexport-账单.jpg"]["captured_at"] is None


def test_ocr_takes_only_auto_all_none(cli_runner, screens_case) -> None:
    result = cli_runner.invoke(main, ["inspect", str(screens_case[0]), "--ocr", "some"])
    assert result.exit_code == 2


def test_pdftotext_finds_an_id_that_is_only_inside_a_jpeg(cli_runner, screens_case, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    folder, expected = screens_case
    original = (folder / "mmexport-账单.jpg").read_bytes()
    out = tmp_path / "d.pdf"
    result = cli_runner.invoke(main, ["--lang", "zh", "bundle", str(folder), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert expected["txn_id"] in text  # nowhere but in the picture's pixels
    # the merchant order and a link label are in no summary of ours: only the text layer has them
    assert "SC20250318000003" in text and "对订单有疑惑" in text
    assert expected["txn_id"] not in (folder / "note.txt").read_text(encoding="utf-8")
    assert "据截图文字识别" in text  # the evidence list's 证明对象 suggestion
    assert "截图所示交易" in text  # the timeline's line for it
    # the sealed original is byte for byte the JPEG: extract it and compare
    dest = tmp_path / "out"
    extracted = cli_runner.invoke(main, ["extract", str(out), "-d", str(dest), "--json"])
    assert extracted.exit_code == 0, extracted.output
    jpeg = next(dest.rglob("*.jpg"))
    assert hashlib.sha256(jpeg.read_bytes()).digest() == hashlib.sha256(original).digest()
    assert cli_runner.invoke(main, ["verify", str(out)]).exit_code == 0


def test_ocr_none_dossier_has_no_text_layer(cli_runner, screens_case, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    folder, expected = screens_case
    out = tmp_path / "d.pdf"
    result = cli_runner.invoke(main, ["bundle", str(folder), "-o", str(out), "--ocr", "none", "--json"])
    assert result.exit_code == 0, result.output
    text = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert expected["txn_id"] not in text and "SC20250318000003" not in text


def test_a_long_screenshot_carries_its_text_band_by_band(cli_runner, tmp_path: Path) -> None:
    """A scrolling capture shown in bands across pages: each band's page carries the lines read in
    its pixel rows, once (the rows two bands share are written on the first), so an id near the
    bottom is found on the last band's page and not on the first."""
    pdftotext = require_tool("pdftotext")
    fonts = available_fonts()
    if not fonts:
        pytest.skip("no screen font")
    name, path = next(iter(fonts.items()))
    canvas = Canvas((1080, 7200), LIGHT, path, LATIN_FONT if name in CJK_ONLY else None)
    top = wechat_detail(canvas, 5)
    for n, y in enumerate(range(2000, 6600, 400), start=1):
        canvas.text(80, y, f"第{n}条 商品评价 {n * 7}人觉得有用", 44)
    bottom_id = "4200009999202503180000777001"
    canvas.text(80, 6900, f"交易单号 {bottom_id}", 44)
    folder = tmp_path / "long"
    folder.mkdir()
    canvas.image.save(folder / "Screenshot_20250318-124300_WeChat.png")
    out = tmp_path / "d.pdf"
    result = cli_runner.invoke(main, ["--lang", "zh", "bundle", str(folder), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    pages = subprocess.run([pdftotext, str(out), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    bands = [n for n, page in enumerate(pages) if "长图" in page]
    assert len(bands) >= 3, "the picture is shown in bands"
    first, last = bands[0], bands[-1]
    assert bottom_id in pages[last] and bottom_id not in pages[first]
    assert "SC20250318000005" in pages[first] and "SC20250318000005" not in pages[last]  # near the top
    # read in tiles of a screen's shape, not shrunk to 2000 px tall: the top id comes out whole
    assert top["txn_id"] in pages[first]
    # every line once: the strip two bands share is not written twice
    exhibit_text = "".join(pages[n] for n in bands)
    assert exhibit_text.count(bottom_id) == 1
    for n in range(1, 12):
        assert exhibit_text.count(f"第{n}条") == 1, n


def test_long_pictures_are_read_in_overlapping_tiles_that_keep_each_row_once() -> None:
    from evidencekit.screens.engine import tiles

    assert tiles(1080, 2400) == [(0, 0, 2400)]  # a phone screen: one piece
    pieces = tiles(1080, 7200)
    assert len(pieces) >= 4
    assert pieces[0][1] == 0 and pieces[-1][2] == 7200
    for (top, _keep_from, keep_to), (next_top, next_from, _) in zip(pieces, pieces[1:]):
        assert keep_to == next_from  # the keep bands tile the picture: every row kept exactly once
        assert next_top < keep_to - 100 and keep_to + 100 <= top + int(1080 * 1.8)  # a line near the seam is whole in its tile
