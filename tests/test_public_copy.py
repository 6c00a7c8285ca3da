"""The public copy (issue 12): personal data boxed out for good, and provably the sealed original otherwise.

On the sample case and on a generated case whose screens show the complainant's name, phone, ID
number and card number and a third party's name: neither pdftotext nor OCR of any picture in the
public copy finds them, the pictures carry no metadata, the boxes per exhibit are what the tests
say, and ``verify --against`` passes for the genuine copy and fails, naming the exhibit, for each
way of cheating.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from PIL import Image

from evidencekit.cli import main
from evidencekit.redaction import (
    Rules,
    apply_boxes,
    encode_png,
    find_spans,
    line_masks,
    sub_box,
    upright_rgb,
)
from evidencekit.screens.engine import TextLine
from tests.conftest import FIXED_NOW, require_tool

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "fixtures"))

import make_public_case as gen  # noqa: E402

SAMPLE_SECRETS = ("张三", "13800138000", "110101199003071233", "北京市东城区", "zhangsan_2025")
USER_TEXT = "二手相机定金"
LOGO_BOX = [470, 340, 610, 480]  # the payee's logo on the transfer screen: a "face" OCR cannot judge


def invoke(*args: str) -> Any:
    return CliRunner().invoke(main, ["--lang", "zh", *args], catch_exceptions=False)


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


# ----------------------------------------------------------------------------- pure parts

def test_each_kind_of_personal_data_is_found_and_only_the_leading_card_digits() -> None:
    rules = Rules(names=("李雷",), addresses=("上海市徐汇区示例路88弄6号",), user=("二手相机",))
    found = {t: [(s.category, t[s.start:s.end]) for s in find_spans(t, rules)] for t in (
        "手机号 139 1234 5678", "身份证号110105198512042316", "卡号 6222 0212 3456 7894", "邮箱 li.lei@example.com",
        "收款方 王五", "收货人：李雷", "住址 上海市徐汇区示例路88弄6号", "转账说明 二手相机定金",
        "付款方式 招商银行储蓄卡(1234)", "交易单号 2025031222001400000001", "收款方全称 示例游戏科技有限公司",
        "账号：zhangsan_2025点券余额：120")}
    assert found == {
        "手机号 139 1234 5678": [("phone", "139 1234 5678")],
        "身份证号110105198512042316": [("id-number", "110105198512042316")],
        "卡号 6222 0212 3456 7894": [("bank-card", "6222 0212 3456 ")],
        "邮箱 li.lei@example.com": [("email", "li.lei@example.com")],
        "收款方 王五": [("party", "王五")],
        "收货人：李雷": [("name", "李雷")],  # the complainant's own name, whatever the label
        "住址 上海市徐汇区示例路88弄6号": [("address", "上海市徐汇区示例路88弄6号")],
        "转账说明 二手相机定金": [("user-text", "二手相机")],
        "付款方式 招商银行储蓄卡(1234)": [],
        "交易单号 2025031222001400000001": [],
        "收款方全称 示例游戏科技有限公司": [],
        "账号：zhangsan_2025点券余额：120": [("party", "zhangsan_2025")],  # OCR merged two fields: one is hidden
    }


def test_a_value_beside_its_label_and_a_repeated_payee_are_boxed() -> None:
    lines = [TextLine("王五", (495, 510, 585, 559), 0.99), TextLine("收款方", (76, 1166, 202, 1219), 0.99),
             TextLine("王五", (917, 1170, 1003, 1217), 0.99), TextLine("卡号", (76, 1267, 164, 1321), 0.99),
             TextLine("6222021234567894", (618, 1275, 999, 1310), 0.99)]
    masks = line_masks(lines, Rules(), 1080, 2340)
    assert [m.category for m in masks] == ["party", "party", "bank-card"]
    card = masks[2].box
    assert card[0] < 618 and 880 < card[2] < 910  # the last four digits (about 905..999) stay


def test_sub_boxes_follow_the_characters_widths() -> None:
    line = TextLine("手机号13912345678", (100.0, 10.0, 100.0 + 3 * 40 + 11 * 22, 50.0), 1.0)
    x0, y0, x1, y1 = sub_box(line, 3, 14, 2000, 2000)
    # a CJK character is 40 px wide here, a digit 22: the digits start at 100 + 3 × 40 = 220 and end
    # at 462; a margin of 0.35 × 40 = 14 px each side (x1 exclusive)
    assert (x0, x1) == (206, 477) and y0 < 10 and y1 > 50


def test_the_same_original_and_boxes_give_the_same_bytes() -> None:
    image = Image.new("RGB", (300, 200), (200, 220, 240))
    raw = io.BytesIO()
    image.save(raw, "JPEG", quality=80)
    first = encode_png(apply_boxes(upright_rgb(raw.getvalue()), [(10, 10, 50, 40)]))
    again = encode_png(apply_boxes(upright_rgb(raw.getvalue()), [(10, 10, 50, 40)]))
    assert first == again
    boxed = Image.open(io.BytesIO(first))
    assert boxed.getpixel((10, 10)) == boxed.getpixel((49, 39)) == (0, 0, 0)
    assert boxed.getpixel((50, 40)) != (0, 0, 0) and boxed.getpixel((9, 9)) != (0, 0, 0)


def test_public_boxes_in_case_toml_are_checked() -> None:
    from evidencekit.case import CaseError, parse_case

    case = parse_case('[public]\nredact = ["王五"]\n[[public.boxes]]\nexhibit = "E03"\nbox = [1, 2, 30, 40]\n')
    assert case.data["public"] == {"redact": ["王五"], "boxes": [{"exhibit": "E03", "box": [1, 2, 30, 40]}]}
    with pytest.raises(CaseError, match="public.boxes"):
        parse_case('[[public.boxes]]\nexhibit = "E03"\nbox = [30, 2, 1, 40]\n')


# ----------------------------------------------------------------------------- the generated case

@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, ek_home: Path) -> dict[str, Any]:
    require_tool("pdftotext")
    root = tmp_path_factory.mktemp("public-gen")
    case = gen.make_public_case(root / "case")
    with open(case / "case.toml", "a", encoding="utf-8") as f:
        f.write(f'\n[public]\nredact = ["{USER_TEXT}"]\n\n[[public.boxes]]\nexhibit = "E02"\nbox = {LOGO_BOX}\n')
    sealed, public = root / "sealed.pdf", root / "public.pdf"
    result = invoke("bundle", str(case), "-o", str(sealed), "--public-copy", str(public), "--json")
    assert result.exit_code == 0, result.output
    return {"root": root, "sealed": sealed, "public": public,
            "report": json.loads(result.stdout)["public_copy"]}


def test_boxes_per_exhibit_are_counted_by_category(generated: dict[str, Any]) -> None:
    got = {e["id"]: (e["kind"], e["masked"], e["categories"]) for e in generated["report"]["exhibits"]}
    assert got == {
        "E01": ("photo", 2, {"name": 1, "phone": 1}),
        "E02": ("screenshot", 5, {"bank-card": 1, "party": 2, "user-box": 1, "user-text": 1}),
        "E03": ("screenshot", 4, {"address": 1, "id-number": 1, "name": 1, "phone": 1}),
    }
    notes = {e["id"]: [n["code"] for n in e["notes"]] for e in generated["report"]["exhibits"]}
    assert notes["E01"] == ["public.note.faces"]  # a photo: faces cannot be judged, and it says so


def test_pdftotext_finds_nothing_personal(generated: dict[str, Any]) -> None:
    text = compact(subprocess.run(["pdftotext", str(generated["public"]), "-"], capture_output=True,
                                  text=True, check=True).stdout)
    assert [s for s in (*gen.SECRETS, USER_TEXT) if s in text] == []
    assert "已遮盖5处个人信息；原件已封存于材料编号" in text  # and it says so, on E02's page
    sealed_text = compact(subprocess.run(["pdftotext", str(generated["sealed"]), "-"], capture_output=True,
                                         text=True, check=True).stdout)
    assert gen.NAME in sealed_text  # the check can fail: the sealed dossier's cover names the complainant


def _pictures(public: Path) -> list[tuple[str, Image.Image, Any]]:
    import pikepdf

    out = []
    with pikepdf.open(public) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            for name, raw in page.get_images().items():
                out.append((f"page {n} {name}", pikepdf.PdfImage(raw).as_pil_image().convert("RGB"),
                            dict(raw.stream_dict)))
    return out


def test_ocr_of_every_picture_finds_nothing_personal(generated: dict[str, Any], tmp_path: Path) -> None:
    from evidencekit.screens.engine import recognise

    pictures = _pictures(generated["public"])
    assert len(pictures) == 3
    for label, picture, _ in pictures:
        target = tmp_path / "picture.png"
        picture.save(target)
        text = compact(recognise(target).text)
        assert "交易成功" in text or "会员等级" in text or "订单状态" in text, label  # OCR reads the rest
        assert [s for s in (*gen.SECRETS, USER_TEXT) if s in text] == [], label


def test_pictures_and_attachments_carry_no_metadata_and_no_original(generated: dict[str, Any]) -> None:
    import pikepdf

    for label, _, stream in _pictures(generated["public"]):
        assert "/Metadata" not in stream, label
    with pikepdf.open(generated["sealed"]) as sealed_pdf:
        originals = {hashlib.sha256(s.get_file().read_bytes()).hexdigest() for s in sealed_pdf.attachments.values()}
        sealed_photo = sealed_pdf.attachments["E01"].get_file().read_bytes()
    assert Image.open(io.BytesIO(sealed_photo)).getexif().get_ifd(0x8825)  # the original has GPS
    with pikepdf.open(generated["public"]) as pdf:
        files = {name: spec.get_file().read_bytes() for name, spec in pdf.attachments.items()}
    assert sorted(files) == ["E01", "E02", "E03", "manifest.json"]
    for name, data in files.items():
        assert hashlib.sha256(data).hexdigest() not in originals, name
        if name != "manifest.json":
            image = Image.open(io.BytesIO(data))
            assert image.format == "PNG" and not image.getexif(), name
            assert not any(chunk in data for chunk in (b"eXIf", b"tEXt", b"iTXt", b"zTXt", b"iCCP")), name


def test_the_public_copy_verifies_as_a_public_copy(generated: dict[str, Any]) -> None:
    result = invoke("verify", str(generated["public"]))
    assert result.exit_code == 0, result.output
    assert "公开版编号" in result.output and generated["report"]["sealed_id"] in result.output
    data = json.loads(invoke("verify", str(generated["public"]), "--json").stdout)
    assert data["public_copy"] is True and data["public_of"] == generated["report"]["sealed_id"]


def test_verify_against_passes_for_the_genuine_copy(generated: dict[str, Any]) -> None:
    result = invoke("verify", str(generated["public"]), "--against", str(generated["sealed"]))
    assert result.exit_code == 0, result.output
    assert "与原卷宗一致：3/3" in result.output


# ----------------------------------------------------------------------------- five ways of cheating

def _forge(generated: dict[str, Any], how: str, out: Path) -> None:
    """A public copy made by our own code, then changed the way a forger would, and signed again."""
    from evidencekit.clock import fixed_clock
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.public_copy import PublicOptions, prepare_public, write_public

    prepared = generated.setdefault("prepared", prepare_public(generated["sealed"]))
    forged = copy.deepcopy(prepared)
    by_id = {e.id: e for e in forged.exhibits}
    target = by_id["E03"].renditions[0]
    pixels = Image.open(io.BytesIO(target.data)).convert("RGB")
    if how == "pixel":
        pixels.putpixel((5, 2000), (255, 0, 0))
        target.data = encode_png(pixels)
    elif how == "grown":
        x0, y0, x1, y1 = target.masks[0].box
        target.data = encode_png(apply_boxes(pixels, [(x0, y0, x1 + 40, y1)]))
    elif how == "dropped":
        target.masks = target.masks[1:]
    elif how == "swapped":
        by_id["E03"].renditions, by_id["E02"].renditions = by_id["E02"].renditions, by_id["E03"].renditions
        for outcome in (by_id["E02"], by_id["E03"]):
            for r in outcome.renditions:
                r.key = r.exhibit = outcome.id
    write_public(forged, out, PublicOptions(), load_identity(default_identity_path()), clock=fixed_clock(FIXED_NOW))


@pytest.mark.parametrize("how,code", [("pixel", "pixels-differ"), ("grown", "blacked-outside-boxes"),
                                      ("dropped", "blacked-outside-boxes"), ("swapped", "pixels-differ")])
def test_verify_against_fails_naming_the_exhibit(generated: dict[str, Any], tmp_path: Path, how: str,
                                                  code: str) -> None:
    forged = tmp_path / f"forged-{how}.pdf"
    _forge(generated, how, forged)
    assert invoke("verify", str(forged)).exit_code == 0  # its own seal is fine: only --against can tell
    result = invoke("verify", str(forged), "--against", str(generated["sealed"]), "--json")
    assert result.exit_code == 4, result.output
    fails = [(f["code"], f["item"]) for f in json.loads(result.stdout)["findings"] if f["severity"] == "fail"]
    assert ("E03", code) in [(item, c) for c, item in fails]
    if how == "pixel":  # in words too, naming the exhibit
        text = invoke("verify", str(forged), "--against", str(generated["sealed"])).output
        assert "与原卷宗不一致" in text and "E03：E03 有 1 个像素与原件（只涂黑所列框后）不同" in text


def test_an_original_that_is_not_the_sealed_one_is_a_swap(generated: dict[str, Any], tmp_path: Path) -> None:
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.public_copy import PublicOptions, prepare_public, write_public

    prepared = copy.deepcopy(generated.setdefault("prepared", prepare_public(generated["sealed"])))
    by_id = {e.id: e for e in prepared.exhibits}
    by_id["E02"].original = dict(by_id["E03"].original)  # E02's picture said to be the sealed E03
    forged = tmp_path / "forged-original.pdf"
    write_public(prepared, forged, PublicOptions(), load_identity(default_identity_path()))
    result = invoke("verify", str(forged), "--against", str(generated["sealed"]), "--json")
    assert result.exit_code == 4
    assert ("exhibit-swapped", "E02") in [(f["code"], f["item"]) for f in json.loads(result.stdout)["findings"]]


def test_a_copy_of_another_dossier_fails(generated: dict[str, Any], sealed: Path) -> None:
    result = invoke("verify", str(generated["public"]), "--against", str(sealed), "--json")
    assert result.exit_code == 4
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["other-dossier"]


# ----------------------------------------------------------------------------- refusing, previewing

def test_a_dossier_that_does_not_verify_gets_no_public_copy(generated: dict[str, Any], tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(generated["sealed"].read_bytes() + b"\n% appended after the seal\n")
    result = invoke("public", str(damaged), "-o", str(tmp_path / "out.pdf"))
    assert result.exit_code == 4
    assert not (tmp_path / "out.pdf").exists()
    again = invoke("public", str(generated["public"]), "-o", str(tmp_path / "out.pdf"))
    assert again.exit_code == 3  # a public copy of a public copy: bad input
    before = generated["sealed"].read_bytes()
    over = invoke("public", str(generated["sealed"]), "-o", str(generated["sealed"]), "--force")
    assert over.exit_code == 3 and generated["sealed"].read_bytes() == before


def test_dry_run_writes_previews_and_no_pdf(generated: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "preview.pdf"
    result = invoke("public", str(generated["sealed"]), "-o", str(out), "--dry-run")
    assert result.exit_code == 0, result.output
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "preview-E01-preview.png", "preview-E02-preview.png", "preview-E03-preview.png"]
    assert "E02 截图：图片，遮盖 5 处（银行卡号 1、对方姓名或账号 2、指定区域 1、指定文字 1）" in result.output
    for secret in (*gen.SECRETS, USER_TEXT):
        assert secret not in result.output  # what was masked is counted, never shown


# ----------------------------------------------------------------------------- the sample case

@pytest.fixture(scope="module")
def sample_public(sealed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    require_tool("pdftoppm")
    out = tmp_path_factory.mktemp("public-sample") / "sample-public.pdf"
    result = invoke("public", str(sealed), "-o", str(out))
    assert result.exit_code == 0, result.output
    return out, result.output


def test_sample_case_boxes_and_text(sample_public: tuple[Path, str], sealed: Path) -> None:
    out, printed = sample_public
    for line in ("E01 截图：图片，遮盖 0 处", "E03 照片：图片，遮盖 1 处（对方姓名或账号 1）",
                 "E04 凭证：逐页图片，遮盖 2 处（邮箱 1、姓名 1）", "E05 账单：文本，遮盖 5 处（邮箱 4、姓名 1）",
                 "E06 聊天记录：文本，遮盖 0 处", "E07 录音：不公开，遮盖 0 处"):
        assert line in printed
    text = compact(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout)
    assert [s for s in SAMPLE_SECRETS if s in text] == []
    assert "2025031222001400000001" in text and "示例游戏科技有限公司" in text  # the evidence stays legible
    assert "如何核对本公开版" in text and "--against" in text  # the last page says how to check it
    assert invoke("verify", str(out), "--against", str(sealed)).exit_code == 0


def test_sample_case_pictures_hold_nothing_personal(sample_public: tuple[Path, str], tmp_path: Path) -> None:
    from evidencekit.screens.engine import recognise

    pictures = _pictures(sample_public[0])
    assert len(pictures) == 4  # E01, E02, E03 and the receipt's one page
    seen = ""
    for label, picture, stream in pictures:
        assert "/Metadata" not in stream
        picture.save(tmp_path / "p.png")
        text = compact(recognise(tmp_path / "p.png").text)
        assert [s for s in SAMPLE_SECRETS if s in text] == [], label
        seen += text
    assert "支付宝电子回单" in seen and "点券充值600点" in seen and "点券余额：120" in seen


def test_a_chats_senders_and_a_bills_payees_are_starred_merchants_are_not() -> None:
    import dataclasses

    from evidencekit.public_copy import mask_lines, named_parties, text_lines

    chat = {"facts": {"messages": [
        {"sender": "王五", "text": "定金收到了，明天发货", "time": "2025-05-01T21:00:00+08:00", "from_me": False},
        {"sender": "我", "text": "好的王五，我的电话13912345678", "time": "2025-05-01T21:01:00+08:00", "from_me": True},
        {"sender": "支付宝客服", "text": "您好", "time": "2025-05-02T09:00:00+08:00", "from_me": False}]}}
    bill = {"facts": {"transactions": [{"counterparty": name, "amount": "1.00"} for name in (
        "欧阳娜娜", "示例餐厅", "中国移动", "李*", "示例游戏科技有限公司")]}}
    assert named_parties(chat) == ("王五",) and named_parties(bill) == ("欧阳娜娜",)
    shown, spans = mask_lines(text_lines(chat), dataclasses.replace(Rules(), parties=named_parties(chat)))
    assert shown == ["2025-05-01T21:00:00+08:00  **: 定金收到了，明天发货",
                     "2025-05-01T21:01:00+08:00  我: 好的**，我的电话***********",
                     "2025-05-02T09:00:00+08:00  支付宝客服: 您好"]
    assert [s[3] for s in spans] == ["party", "party", "phone"]


def test_the_same_sealed_dossier_gives_the_same_renditions(generated: dict[str, Any]) -> None:
    import pikepdf

    from evidencekit.public_copy import prepare_public

    first = generated.setdefault("prepared", prepare_public(generated["sealed"]))
    again = prepare_public(generated["sealed"])

    def digests(prepared: Any) -> list[tuple[str, str, list[Any]]]:
        return [(r.key, hashlib.sha256(r.data).hexdigest(), [m.to_dict() for m in r.masks])
                for e in prepared.exhibits for r in e.renditions]

    assert digests(first) == digests(again)
    with pikepdf.open(generated["public"]) as pdf:
        manifest = json.loads(pdf.attachments["manifest.json"].get_file().read_bytes())
    assert [(i["id"], i["sha256"], i["boxes"]) for i in manifest["items"]] == digests(first)
    assert manifest["sealed"]["dossier_id"] == generated["report"]["sealed_id"]
    assert all(i["original"]["sha256"] and i["original"]["sm3"] for i in manifest["items"])


def test_pictures_missing_from_the_ocr_cache_are_read_ahead_on_every_core(
        sealed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A legal aide making the public copy of a dossier received from someone else has none of its
    pictures in the OCR cache: they are read first in the OCR stage's worker pool, and the redaction
    that follows finds every one of them in the cache and boxes the same as from a warm cache."""
    import evidencekit.public_copy as public_copy
    from evidencekit.screens import engine

    warm = public_copy.prepare_public(sealed)  # the session's home: its cache already holds them
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "fresh-home"))
    asked: list[list[str]] = []
    real_warm = public_copy.warm_cache

    def recording(images: list[tuple[str, Path, str]], home: Path, **kwargs: Any) -> None:
        asked.append([key for key, _, _ in images])
        real_warm(images, home, **kwargs)

    monkeypatch.setattr(public_copy, "warm_cache", recording)
    read_in_this_process: list[Path] = []
    real_recognise = engine.recognise
    monkeypatch.setattr(engine, "recognise", lambda path: read_in_this_process.append(path) or real_recognise(path))
    cold = public_copy.prepare_public(sealed)
    pictures = [item["id"] for item in cold.manifest["items"] if public_copy.exhibit_way(item) == "image"]
    assert len(pictures) >= 2 and asked == [pictures]
    for item in cold.manifest["items"]:
        if item["id"] in pictures:
            assert engine.cached(item["sha256"], tmp_path / "fresh-home") is not None
    if (os.cpu_count() or 1) > 1:  # in the pool's processes; only a PDF's pages are read here, one by one
        assert all("-p" in path.stem for path in read_in_this_process)
    boxes = {e.id: [[m.box for m in r.masks] for r in e.renditions] for e in cold.exhibits}
    assert boxes == {e.id: [[m.box for m in r.masks] for r in e.renditions] for e in warm.exhibits}
