"""Issue 10 (join): capture times from names, cross-checks, the 交叉核对 page, check's warning,
a readable transaction screenshot as a 交易凭证, and ``init`` pre-filling case.toml.

Screens are read by the OCR engine (``evidencekit.screens``, branch ``ocr``). These tests do not
need it: ``screen_reader`` wraps the screenshot extractor and sets ``facts.screen`` as the engine
would for the screenshot drawn here (the same amount and id it shows), so they run with or without
the engine, and the screenshot is a real picture the engine can read once it is merged.
"""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from evidencekit.capture_names import capture_from_name
from evidencekit.case import load_case
from evidencekit.channels import check_case
from evidencekit.cli import main
from evidencekit.cross_checks import cross_check
from evidencekit.extract import registry
from evidencekit.extract.images import extract_image
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.receipt_text import receipt_fields
from evidencekit.i18n import CATALOG
from evidencekit.inspection import inspect_folder
from evidencekit.model import Item
from evidencekit.timeline import timeline_events
from tests.conftest import REPO, SAMPLE_CASE, require_tool

sys.path.insert(0, str(REPO / "fixtures"))
import phone_ui  # noqa: E402

TXN = "2025031222001400000001"
SCREEN_NAME = "Screenshot_20250312-201630_Alipay.png"
TODAY = date(2025, 4, 2)


# --------------------------------------------------------------------------- capture times from names

@pytest.mark.parametrize(("name", "time", "pattern", "app"), [
    ("Screenshot_20250312-204107_Alipay.jpg", "2025-03-12T20:41:07+08:00", "Screenshot_YYYYMMDD-HHMMSS_app", "alipay"),
    ("Screenshot_20250312-204107.png", "2025-03-12T20:41:07+08:00", "Screenshot_YYYYMMDD-HHMMSS_app", None),
    ("Screenshot_2025-03-12-20-41-07-123_com.eg.android.AlipayGphone.jpg", "2025-03-12T20:41:07+08:00",
     "Screenshot_YYYY-MM-DD-HH-MM-SS-mmm_pkg", "alipay"),
    ("Screenshot_2025-03-12-20-41-07-123_com.tencent.mm.png", "2025-03-12T20:41:07+08:00",
     "Screenshot_YYYY-MM-DD-HH-MM-SS-mmm_pkg", "wechat"),
    # epoch milliseconds: 1741783267000 is 2025-03-12 12:41:07 UTC, shown in +08:00
    ("mmexport1741783267000.jpg", "2025-03-12T20:41:07+08:00", "mmexport<epoch-ms>", "wechat"),
    ("微信图片_20250312204107.jpg", "2025-03-12T20:41:07+08:00", "微信图片_YYYYMMDDHHMMSS", "wechat"),
    ("微信图片_20250312204107_2.jpg", "2025-03-12T20:41:07+08:00", "微信图片_YYYYMMDDHHMMSS", "wechat"),
    ("IMG_20250312_204107.jpg", "2025-03-12T20:41:07+08:00", "IMG_/VID_YYYYMMDD_HHMMSS", None),
    ("VID_20250312_204107.mp4", "2025-03-12T20:41:07+08:00", "IMG_/VID_YYYYMMDD_HHMMSS", None),
    ("屏幕截图 2025-03-12 204107.png", "2025-03-12T20:41:07+08:00", "屏幕截图 YYYY-MM-DD HHMMSS", None),
    ("Screen Shot 2025-03-12 at 20.41.07.png", "2025-03-12T20:41:07+08:00", "Screen Shot YYYY-MM-DD at HH.MM.SS", None),
    ("Screenshot 2025-03-12 at 8.41.07 PM.png", "2025-03-12T20:41:07+08:00", "Screen Shot YYYY-MM-DD at HH.MM.SS", None),
    ("Screen Shot 2025-03-12 at 12.01.07 AM.png", "2025-03-12T00:01:07+08:00", "Screen Shot YYYY-MM-DD at HH.MM.SS", None),
])
def test_capture_times_from_names(name: str, time: str, pattern: str, app: str | None) -> None:
    found = capture_from_name(name)
    assert found is not None
    assert (found.time, found.pattern, found.app) == (time, pattern, app)
    assert found.as_fact() == {"time": time, "source": "file-name", "pattern": pattern}


@pytest.mark.parametrize("name", ["IMG_1234.jpg", "Screenshot_20251312-204107.png", "01-账单详情.png",
                                  "mmexport123.jpg", "Screenshot_20250230-101010.png"])
def test_names_without_a_possible_time_give_none(name: str) -> None:
    assert capture_from_name(name) is None


def _screen(path: Path, amount: str, *, clock: str = "20:16") -> Path:
    image = phone_ui.bill_detail(clock=clock, counterparty="示例游戏科技有限公司", amount=f"-{amount}",
                                 status="交易成功",
                                 rows=[("支付时间", "2025-03-12 20:15:03"), ("交易单号", TXN),
                                       ("商家订单号", "GM20250312000001")])
    path.parent.mkdir(parents=True, exist_ok=True)
    image.resize((360, 780)).save(path, format="PNG")
    return path


def test_a_screenshot_named_by_the_phone_gets_its_time_and_app(tmp_path: Path) -> None:
    found = extract_image(_screen(tmp_path / SCREEN_NAME, "218.00"), "image/png", ExtractOptions())
    assert found.captured_at == "2025-03-12T20:16:30+08:00"
    assert found.facts["capture_time"] == {"time": "2025-03-12T20:16:30+08:00", "source": "file-name",
                                           "pattern": "Screenshot_YYYYMMDD-HHMMSS_app"}
    assert found.facts["name_app"] == {"app": "alipay", "package": "Alipay"}


def test_exif_time_is_labelled_exif() -> None:
    photo = SAMPLE_CASE / "photos" / "IMG_20250312_204107.jpg"
    found = extract_image(photo, "image/jpeg", ExtractOptions())
    assert found.facts["capture_time"] == {"time": "2025-03-12T20:41:07+08:00", "source": "exif",
                                           "pattern": "DateTimeOriginal"}


def test_a_named_screenshot_enters_the_timeline_with_where_its_time_came_from(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    _screen(tmp_path / "case" / SCREEN_NAME, "218.00")
    items = inspect_folder(tmp_path / "case").items
    captured = [e for e in timeline_events({}, items, "zh") if e.kind == "tl_captured"]
    assert [(e.shown_time, e.refs) for e in captured] == [("2025-03-12 20:16:30", ("E01",))]
    assert "支付宝截图" in captured[0].text and "时间取自文件名" in captured[0].text
    english = [e for e in timeline_events({}, items, "en") if e.kind == "tl_captured"][0]
    assert "Alipay screenshot" in english.text and "time from the file name" in english.text


# --------------------------------------------------------------------------- receipts

def test_a_receipts_text_gives_its_transaction() -> None:
    found = inspect_folder(SAMPLE_CASE).items
    receipt = next(i for i in found if i.kind == "receipt")
    assert receipt.facts["receipt"] == {"txn_id": TXN, "merchant_order": "GM20250312000001", "amount": "218.00",
                                        "time": "2025-03-12T20:15:03+08:00", "status": "交易成功",
                                        "counterparty": "示例游戏科技有限公司"}


def test_merged_ocr_like_text_and_statements() -> None:
    merged = receipt_fields("订单号2025031222001400000001\n当前状态支付成功\n支付时间2025年3月20日 10:05:31\n"
                            "交易金额 ¥1,288.50")
    assert merged is not None
    assert (merged["txn_id"], merged["status"], merged["time"], merged["amount"]) == (
        TXN, "支付成功", "2025-03-20T10:05:31+08:00", "1288.50")
    # a statement listing two transactions names no single one
    assert receipt_fields("交易单号 2025031222001400000001\n金额 1.00\n交易单号 2025031222001400000002\n") is None


# --------------------------------------------------------------------------- the cross-checks, unit

def _item(ident: str, kind: str, facts: dict[str, Any]) -> dict[str, Any]:
    return {"id": ident, "path": f"{ident}.x", "kind": kind, "facts": facts}


def _bill(amount: str = "218.00", time: str = "2025-03-12T20:15:03+08:00", status: str = "交易成功",
          counterparty: str = "示例游戏科技有限公司", disputed: bool = False) -> dict[str, Any]:
    return _item("E01", "bill", {"format": "alipay-2023", "transactions": [
        {"transaction_id": TXN + "\t", "merchant_order": "GM20250312000001", "amount": amount, "time": time,
         "status": status, "counterparty": counterparty, "disputed": disputed}]})


def _shot(ident: str = "E02", **fields: Any) -> dict[str, Any]:
    screen = {"app": "alipay", "screen": "bill-detail", "txn_id": TXN, "merchant_order": None, "amount": "218.00",
              "direction": "out", "currency": "CNY", "time": "2025-03-12T20:15:03+08:00", "status": "支付成功",
              "counterparty": "示例游戏", "method": None, "confidence": {}, "low_confidence": []}
    screen.update(fields)
    return _item(ident, "screenshot", {"screen": screen})


def _by_field(report: Any, txn: str = TXN) -> dict[str, Any]:
    return {c.field: c for c in report.entries() if c.txn_id == txn}


def test_agreement_by_meaning_and_within_two_minutes() -> None:
    case = {"transactions": [{"id": TXN, "amount": "218", "time": "2025-03-12T20:16:59+08:00", "disputed": True}]}
    checks = _by_field(cross_check(case, [_bill(), _shot()]))
    assert {f: c.status for f, c in checks.items()} == {"amount": "agree", "time": "agree", "status": "agree",
                                                        "counterparty": "agree"}
    assert [(v.item, v.value, v.source) for v in checks["amount"].values] == [
        ("case.toml", "218.00", "case"), ("E01", "218.00", "bill"), ("E02", "218.00", "screen")]
    assert checks["amount"].disputed


def test_a_time_three_minutes_off_an_edited_amount_and_a_refund_conflict() -> None:
    report = cross_check({}, [_bill(), _shot(amount="288.00", time="2025-03-12T20:18:04+08:00", status="退款成功")])
    checks = _by_field(report)
    assert {f: c.status for f, c in checks.items()} == {"amount": "conflict", "time": "conflict",
                                                        "status": "conflict", "counterparty": "agree"}
    assert not checks["amount"].disputed and report.shown() == report.transactions  # a conflict is shown anyway


def test_one_source_and_low_confidence_values_are_not_compared() -> None:
    checks = _by_field(cross_check({}, [_bill(), _shot(amount="288.00", low_confidence=["amount"])]))
    assert checks["amount"].status == "single-source"
    assert checks["amount"].to_dict()["values"][1] == {"item": "E02", "value": "288.00", "source": "screen",
                                                       "low_confidence": True}
    alone = _by_field(cross_check({}, [_bill()]))
    assert {c.status for c in alone.values()} == {"single-source"}


def test_masked_counterparty_and_chat_mentions() -> None:
    chat = _item("E03", "chat", {"messages": [
        {"sender": "我", "time": "2025-03-13T10:04:02+08:00", "text": f"交易单号 {TXN}，金额218.00元，3月12日付的"},
        {"sender": "我", "time": "2025-03-13T10:05:02+08:00", "text": "商家订单号GM20250312000001 还没到账"},
        {"sender": "我", "time": "2025-03-13T10:06:02+08:00", "text": "我的身份证号110101199003071233"}]})
    report = cross_check({}, [_bill(counterparty="示例游*"), _shot(counterparty="示例游戏科技有限公司"), chat])
    assert [tx.txn_id for tx in report.transactions] == [TXN]  # no id card number, the merchant order joins
    checks = _by_field(report)
    assert checks["counterparty"].status == "agree"
    assert [(v.item, v.source) for v in checks["amount"].values][-1] == ("E03", "chat")
    assert ("E03", "chat") in report.transactions[0].shown_in


def test_ids_are_compared_exactly() -> None:
    report = cross_check({}, [_bill(), _shot(txn_id="025031222001400000001")])  # a digit short: another id
    assert sorted(tx.txn_id for tx in report.transactions) == ["025031222001400000001", TXN]


# --------------------------------------------------------------------------- the done-when, end to end

@pytest.fixture
def screen_reader(monkeypatch: pytest.MonkeyPatch) -> Callable[[dict[str, dict[str, Any]]], None]:
    """Set ``facts.screen`` for named screenshots, as the OCR engine reads them."""

    def install(screens: dict[str, dict[str, Any]]) -> None:
        def read(path: Path, mime: str, options: ExtractOptions) -> Any:
            found = extract_image(path, mime, options)
            if path.name in screens:
                found.facts["screen"] = copy.deepcopy(screens[path.name])
            return found

        monkeypatch.setitem(registry.EXTRACTORS, "screenshot", read)

    return install


def _screen_facts(amount: str) -> dict[str, Any]:
    return {"app": "alipay", "screen": "bill-detail", "txn_id": TXN, "merchant_order": "GM20250312000001",
            "amount": amount, "direction": "out", "currency": "CNY", "time": "2025-03-12T20:15:03+08:00",
            "status": "交易成功", "counterparty": "示例游戏科技有限公司", "method": None,
            "confidence": {"txn_id": 0.99, "amount": 0.99, "time": 0.98, "status": 0.99}, "low_confidence": []}


CASE_TOML = f'''[case]
title = "支付宝充值未到账"
problem = "topup_not_credited"
amount = "218.00"
occurred_at = "2025-03-12T20:15:03+08:00"

[[transactions]]
id = "{TXN}"
time = "2025-03-12T20:15:03+08:00"
amount = "218.00"
disputed = true

[[evidence]]
path = "bills/alipay_record_20250401.csv"
source = "支付宝App 账单导出"
proves = "争议交易的账单记录"

[[evidence]]
path = "screens/{SCREEN_NAME}"
kind = "screenshot"
source = "支付宝App 账单详情截图"
proves = "支付成功"
'''


def _case(root: Path, amount: str) -> Path:
    folder = root / "case"
    (folder / "bills").mkdir(parents=True)
    shutil.copy(SAMPLE_CASE / "bills" / "alipay_record_20250401.csv", folder / "bills")
    _screen(folder / "screens" / SCREEN_NAME, amount)
    (folder / "case.toml").write_text(CASE_TOML, encoding="utf-8")
    return folder


@pytest.fixture
def edited(tmp_path: Path, screen_reader: Callable[[dict[str, dict[str, Any]]], None]) -> Iterator[Path]:
    """A bill saying 218.00 and a screenshot of the same transaction whose amount was edited to 288.00."""
    screen_reader({SCREEN_NAME: _screen_facts("288.00")})
    yield _case(tmp_path, "288.00")


def _entry(data: dict[str, Any], field: str) -> dict[str, Any]:
    return next(e for e in data["cross_checks"] if e["txn_id"] == TXN and e["field"] == field)


def test_inspect_json_reports_the_edited_amount_as_a_conflict(edited: Path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(edited), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    amount = _entry(data, "amount")
    assert amount["status"] == "conflict"
    assert amount["values"] == [{"item": "case.toml", "value": "218.00", "source": "case"},
                                {"item": "E01", "value": "218.00", "source": "bill"},
                                {"item": "E02", "value": "288.00", "source": "screen"}]
    assert _entry(data, "time")["status"] == "agree"
    assert _entry(data, "status")["status"] == "agree"


def test_where_they_agree_inspect_says_agree(tmp_path: Path,
                                             screen_reader: Callable[[dict[str, dict[str, Any]]], None]) -> None:
    screen_reader({SCREEN_NAME: _screen_facts("218.00")})
    folder = _case(tmp_path, "218.00")
    data = json.loads(CliRunner().invoke(main, ["inspect", str(folder), "--json"]).stdout)
    assert {_entry(data, f)["status"] for f in ("amount", "time", "status", "counterparty")} == {"agree"}
    check = CliRunner().invoke(main, ["--lang", "zh", "check", str(folder), "--channel", "pboc", "--json"])
    rule = _rule(json.loads(check.stdout), "pboc", "sources-agree")
    assert rule["status"] == "pass"


def _rule(data: dict[str, Any], channel: str, rule_id: str) -> dict[str, Any]:
    return next(r for r in data["channels"][channel]["results"] if r["rule"] == rule_id)


def test_check_warns_naming_the_id_the_field_and_the_exhibits(edited: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "zh", "check", str(edited), "--channel", "pboc"])
    assert f"争议交易 {TXN} 的金额在各证据中不一致：case.toml 218.00、E01 218.00、E02 288.00" in result.stdout
    data = json.loads(CliRunner().invoke(main, ["check", str(edited), "--channel", "pboc", "--json"]).stdout)
    rule = _rule(data, "pboc", "sources-agree")
    assert rule["status"] == "warn"
    english = CliRunner().invoke(main, ["--lang", "en", "check", str(edited), "--channel", "pboc"])
    assert f"disputed transaction {TXN}: the amount differs between exhibits: case.toml 218.00, E01 218.00, " \
           "E02 288.00" in english.stdout


def test_the_cross_check_page_shows_the_conflict(edited: Path, tmp_path: Path) -> None:
    require_tool("pdftotext")
    out = tmp_path / "dossier.pdf"
    result = CliRunner().invoke(main, ["bundle", str(edited), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # no channel chosen: bundle says it on stderr itself
    assert f"争议交易 {TXN} 的金额在各证据中不一致：case.toml 218.00、E01 218.00、E02 288.00" in result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    page = next(p for p in text.split("\f") if "交叉核对" in p and "各证据的记载" in p)
    assert f"交易单号 {TXN}" in page and "争议交易" in page
    assert "E02 截图：¥288.00" in page and "E01 账单：¥218.00" in page
    assert "不一致" in page and "一致" in page
    assert "1 项一致" not in page and "3 项一致，1 项不一致" in page  # time, status, counterparty agree
    listed = next(p for p in text.split("\f") if p.lstrip().startswith("证据清单"))
    assert "（时间取自文件名）" in "".join(listed.split())  # the screenshot's capture time, and where it came from
    # check reads the sealed dossier's manifest the same way
    sealed = json.loads(CliRunner().invoke(main, ["check", str(out), "--channel", "pboc", "--json"]).stdout)
    assert _rule(sealed, "pboc", "sources-agree")["status"] == "warn"


# --------------------------------------------------------------------------- 交易凭证

def _police(items: list[dict[str, Any]]) -> str:
    case = load_case(SAMPLE_CASE / "case.toml")
    return check_case(case, items, "police", TODAY).by_rule()["transfer-vouchers"].status


def test_a_readable_transaction_screenshot_is_a_voucher() -> None:
    assert _police([_shot()]) == "pass"
    assert _police([_shot(txn_id=None, amount=None)]) == "fail"  # read, but no transaction on it
    assert _police([_shot(low_confidence=["txn_id", "amount"])]) == "fail"  # never silently trusted
    assert _police([_item("E01", "photo", {"screen": _screen_facts("218.00")})]) == "pass"
    assert _police([_item("E01", "screenshot", {})]) == "pass"  # not read (--ocr none): counted, with a note
    assert _police([_bill()]) == "pass"
    assert _police([_item("E01", "chat", {})]) == "fail"


# --------------------------------------------------------------------------- init

def test_init_prefills_the_disputed_transaction_from_the_sample_evidence(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    shutil.copytree(SAMPLE_CASE, folder)
    (folder / "case.toml").unlink()
    result = CliRunner().invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    case = load_case(folder / "case.toml")
    assert case.transactions == [{"id": TXN, "merchant_order": "GM20250312000001",
                                  "time": "2025-03-12T20:15:03+08:00", "amount": "218.00",
                                  "counterparty": "示例游戏科技有限公司", "disputed": True}]
    notes = {e["path"]: e for e in case.evidence}
    assert len(notes) == 8
    assert notes["bills/alipay_record_20250401.csv"]["kind"] == "bill"
    assert notes["bills/alipay_record_20250401.csv"]["source"] == "支付宝账单导出文件"
    assert notes["photos/IMG_20250312_204107.jpg"]["source"].endswith("（2025-03-12 20:41:07）")
    assert "E01（账单）" in (folder / "case.toml").read_text(encoding="utf-8")


def test_init_names_the_app_of_a_screenshot(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    _screen(folder / "Screenshot_2025-03-12-20-16-30-123_com.eg.android.AlipayGphone.png", "218.00")
    _screen(folder / "mmexport1741783267000.png", "18.00")  # not a copy of the first: copies carry no facts
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    notes = {e["path"]: e["source"] for e in load_case(folder / "case.toml").evidence}
    # the second was saved from WeChat, but the screen itself, read by OCR, shows an Alipay page: the app wins
    assert notes == {"Screenshot_2025-03-12-20-16-30-123_com.eg.android.AlipayGphone.png":
                     "支付宝App 截图（2025-03-12 20:16:30）",
                     "mmexport1741783267000.png": "支付宝App 截图（2025-03-12 20:41:07）"}
    # with nothing read from the screen, how it was saved names it
    (folder / "case.toml").unlink()
    (folder / "Screenshot_2025-03-12-20-16-30-123_com.eg.android.AlipayGphone.png").unlink()
    from PIL import Image

    Image.new("RGB", (1080, 2400), (250, 250, 250)).save(folder / "mmexport1741783267000.png")
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    notes = {e["path"]: e["source"] for e in load_case(folder / "case.toml").evidence}
    assert notes == {"mmexport1741783267000.png": "从微信保存的图片（2025-03-12 20:41:07）"}


def test_init_on_an_empty_folder_writes_the_plain_template(tmp_path: Path) -> None:
    from evidencekit.case import CASE_TEMPLATE

    assert CliRunner().invoke(main, ["init", str(tmp_path / "new")]).exit_code == 0
    assert (tmp_path / "new" / "case.toml").read_text(encoding="utf-8") == CASE_TEMPLATE


def test_codes_built_from_names_exist() -> None:
    built = [f"capture.source.{s}" for s in ("file-name", "exif", "status-bar", "container")]
    built += [f"cc.field.{f}" for f in ("amount", "time", "status", "counterparty")]
    built += [f"cc.status.{s}" for s in ("agree", "conflict", "single-source")]
    built += [f"cc.source.{s}" for s in ("case", "bill", "screen", "receipt", "chat")]
    built += [f"app.{a}" for a in ("alipay", "wechat", "bank", "merchant", "other")]
    assert [code for code in built if code not in CATALOG] == []


def test_the_sample_case_has_no_item_to_mark() -> None:
    """A case whose sources all agree: every disputed field agrees, nothing conflicts."""
    found = inspect_folder(SAMPLE_CASE)
    report = cross_check(found.case.data, [i.manifest_entry() for i in found.items])
    assert report.disputed_conflicts() == []
    assert {c.status for c in report.transactions[0].checks} == {"agree"}
    assert isinstance(found.items[0], Item)


# --------------------------------------------------------------------------- recordings and videos

def test_a_recording_named_by_the_phone_and_an_mp4_header_give_capture_times(tmp_path: Path) -> None:
    import struct

    from evidencekit.extract.media import extract_media

    wav = tmp_path / "VID_20250312_204107.wav"
    shutil.copy(SAMPLE_CASE / "recordings" / "客服通话.wav", wav)
    found = extract_media(wav, "audio/x-wav", ExtractOptions())
    assert found.captured_at == "2025-03-12T20:41:07+08:00"
    assert found.facts["capture_time"]["source"] == "file-name"

    # an MP4 whose movie header says 2025-03-12 12:41:07 UTC (seconds since 1904)
    seconds = 1741783267 + 2082844800
    mvhd = struct.pack(">I4sB3xII", 8 + 12, b"mvhd", 0, seconds, seconds)
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    ftyp = struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0)
    video = tmp_path / "clip.mp4"
    video.write_bytes(ftyp + moov)
    found = extract_media(video, "video/mp4", ExtractOptions())
    assert found.captured_at == "2025-03-12T20:41:07+08:00"
    assert found.facts["capture_time"] == {"time": "2025-03-12T20:41:07+08:00", "source": "container",
                                           "pattern": "mvhd creation_time"}


@pytest.mark.parametrize(("bill", "screen", "status"), [
    ("交易成功", "支付成功", "agree"), ("已全额退款", "退款成功", "agree"), ("已退款(￥218.00)", "退款成功", "agree"),
    ("交易关闭", "交易成功", "conflict"), ("处理中", "支付成功", "conflict"), ("朋友已收钱", "已转账", "agree"),
])
def test_statuses_compare_by_meaning(bill: str, screen: str, status: str) -> None:
    assert _by_field(cross_check({}, [_bill(status=bill), _shot(status=screen)]))["status"].status == status


def test_inspect_says_the_conflict_on_stderr(edited: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "inspect", str(edited)])
    assert result.exit_code == 0, result.output
    assert f"disputed transaction {TXN}: the amount differs between exhibits: case.toml 218.00, E01 218.00, " \
           "E02 288.00" in result.stderr


def test_init_leaves_out_an_id_only_a_chat_names(tmp_path: Path) -> None:
    folder = tmp_path / "evidence"
    folder.mkdir()
    (folder / "chat.txt").write_text("2025-03-13 10:02:11 客服\n您好\n\n2025-03-13 10:02:45 我\n"
                                     "订单号 4200001234202503121234567890 没到账\n\n2025-03-13 10:03:20 客服\n好的\n\n",
                                     encoding="utf-8")
    found = inspect_folder(folder).items
    assert [tx.shown_in for tx in cross_check({}, [i.manifest_entry() for i in found]).transactions] == [
        (("E01", "chat"),)]  # the chat names it, nothing else does
    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    text = (folder / "case.toml").read_text(encoding="utf-8")
    assert "4200001234202503121234567890" not in text and 'id = ""' in text  # the template's empty block


def test_the_engine_itself_reads_the_edited_amount_and_the_bill_contradicts_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No injected facts: the OCR engine reads the drawn screen, as a user's bundle would."""
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "home"))
    folder = _case(tmp_path, "288.00")
    image = phone_ui.bill_detail(clock="20:16", counterparty="示例游戏科技有限公司", amount="-288.00",
                                 status="交易成功",
                                 rows=[("支付时间", "2025-03-12 20:15:03"), ("交易单号", TXN),
                                       ("商家订单号", "GM20250312000001")])
    image.save(folder / "screens" / SCREEN_NAME, format="PNG")  # full phone resolution
    result = CliRunner().invoke(main, ["inspect", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    amount = _entry(data, "amount")
    assert amount["status"] == "conflict"
    assert {"item": "E02", "value": "288.00", "source": "screen"} in amount["values"]
    assert _entry(data, "time")["status"] == "agree"
