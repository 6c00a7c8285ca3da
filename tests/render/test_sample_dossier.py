"""The sample case's dossier, read back with pdftotext: the facts are on the pages as text,
in DESIGN.md's order, and the statement, timeline and escalation say what they should."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from evidencekit.i18n import text_of
from tests.conftest import SAMPLE_CASE, require_tool
from tests.render.conftest import Rendered, bundle, copy_case

TXN_ID = "2025031222001400000001"
EVIDENCE_LIST = "依《最高人民法院关于民事诉讼证据的若干规定》第十九条"  # the evidence list's first line
MERCHANT_ORDER = "GM20250312000001"


@pytest.fixture(scope="module")
def sample(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return bundle(SAMPLE_CASE, tmp_path_factory.mktemp("render") / "sample.pdf")


@pytest.fixture(scope="module")
def public(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return bundle(SAMPLE_CASE, tmp_path_factory.mktemp("render") / "public.pdf", public=True)


def item_id(doc: Rendered, path_part: str) -> str:
    return next(i.id for i in doc.result.items if path_part in i.path)


def test_sections_in_design_order(sample: Rendered) -> None:
    order = [sample.page_of(marker) for marker in
             ("证据材料汇编", "案情一览", "金融消费投诉书", EVIDENCE_LIST, "按时间排列", f"证据 {sample.result.items[0].id} ·", "用 evidencekit 核验")]
    assert order == sorted(order) and len(set(order)) == len(order), order
    assert order[:3] == [0, 1, 2]  # the cover, the case at a glance right after it (issue 15), the statement


def test_bill_exhibit_is_a_table_with_the_disputed_row_marked(sample: Rendered) -> None:
    text = sample.exhibit(item_id(sample, "bills/"))
    assert "账单明细" in text and "导出信息" not in text  # the table replaces the raw CSV
    for fact in (TXN_ID, MERCHANT_ORDER, "2025033122001400000010", "T20250331182240001", "46.50", "218.00",
                 "示例游戏科技有限公司", "2025-03-12", "20:15:03", "2025-03-01 00:00:00 — 2025-03-31 23:59:59"):
        assert fact in text, fact
    assert "共 10 笔，其中争议 1 笔" in text
    assert text.count("★ 争议") == 2  # in the disputed summary and at its place in the table
    assert "合计" in text and "534.40" in text and "300.00" in text


def test_chat_exhibit_is_a_transcript(sample: Rendered) -> None:
    text = sample.exhibit(item_id(sample, "chats/"))
    assert "聊天记录" in text and "支付宝客服，我（本人）" in text
    assert "2025-03-13 10:02:11 — 2025-03-16 09:21:03" in text
    assert "2025-03-16" in text and "09:15:40" in text
    assert f"工单{'CS2025031300012'}已经超过48小时了" in text
    assert f"交易单号{TXN_ID}，金额218.00元" in text


def test_photo_shows_exif_facts_and_a_privacy_flag(sample: Rendered) -> None:
    text = sample.exhibit(item_id(sample, "photos/"))
    assert "拍摄时间：2025-03-12 20:41:07（UTC+08:00）" in text
    assert "Xiaomi Redmi K60" in text
    assert "已旋转 90° 正向显示" in text
    assert "隐私提示" in text and "GPS" in text
    assert "[U+" not in sample.text  # no glyph the font lacks (the old ⚠ was one)


def test_recordings_show_format_codec_and_duration(sample: Rendered) -> None:
    wav = sample.exhibit(item_id(sample, "客服通话.wav"))
    assert "格式：WAV" in wav and "编码：PCM" in wav and "时长：0:04" in wav and "8000 Hz" in wav
    amr = sample.exhibit(item_id(sample, "语音.amr"))
    assert "AMR" in amr and "时长：0:03" in amr


def test_timeline_merges_events_with_exhibit_numbers(sample: Rendered) -> None:
    text = sample.section("按时间排列", f"证据 {sample.result.items[0].id} ·")
    bill, chat = item_id(sample, "bills/"), item_id(sample, "chats/")
    photo, receipt = item_id(sample, "photos/"), item_id(sample, "receipts/")
    for fact in (TXN_ID, MERCHANT_ORDER, "¥218.00", "CS2025031300012", "TS2025032000078",
                 "2025-03-12 20:15:03", "2025-03-12 20:41:07", "2025-03-13", "2025-03-20",
                 f"交易单号{TXN_ID}，金额218.00元", "case.toml", bill, chat, photo, receipt):
        assert fact in text, fact
    # in time order: occurred, photo taken, first contact, chat that day, the rejection (in the
    # table, which follows the drawn timeline)
    text = text[text.index("出处"):]
    positions = [text.index(x) for x in ("2025-03-12 20:15:03", "2025-03-12 20:41:07", "2025-03-13\n",
                                         "2025-03-13 10:02:11", "2025-03-20\n")]
    assert positions == sorted(positions)


def test_statement_for_the_case_channel(sample: Rendered) -> None:
    text = sample.pages[2] + sample.pages[3]  # after the cover and the case at a glance
    assert "金融消费投诉书" in text
    for fact in ("张三", "110101199003071233", "13800138000", "支付宝（中国）网络技术有限公司", "91310115MA1K000003",
                 TXN_ID, "CS2025031300012", "投诉人（签名）：", "2025年4月2日"):
        assert fact in text, fact
    assert "提交前请注意" not in sample.text  # the sample's facts and demand pass the lint


def test_cover_states_earlier_complaints_and_keeps_advice_out(sample: Rendered) -> None:
    cover = sample.pages[0]
    # escalation advice is for the complainant (printed by bundle), not for whoever receives this
    assert "升级投诉" not in cover and "最早" not in cover and "可向" not in cover
    assert "前期投诉情况" in cover
    assert "2025年3月13日 平台客服（编号 CS2025031300012）：未解决" in cover
    assert "2025年3月20日 平台客服（编号 TS2025032000078）：被拒绝" in cover
    assert "2025年3月12日 20:15:03" in cover and "T20:15:03" not in cover  # no ISO strings
    assert "证据材料汇编" in cover and "材料编号" in cover and "卷宗" not in cover


def test_public_masks_cover_statement_timeline_and_sealed_case(public: Rendered) -> None:
    cover, statement = public.pages[0], public.pages[2]
    assert "张*" in cover and "13800138000" not in cover
    assert "已按公开渠道要求隐去个人信息" in statement
    assert "13800138000" not in statement and "110101199003071233" not in statement
    timeline = public.section("按时间排列", f"证据 {public.result.items[0].id} ·")
    assert "2025**************0001" in timeline and TXN_ID not in timeline
    reader = PdfReader(str(public.result.output))
    manifest = json.loads(reader.attachments["manifest.json"][0])
    assert manifest["case"]["complainant"]["phone"] == "138****8000"
    assert "110101199003071233" not in json.dumps(manifest, ensure_ascii=False)
    assert "case.toml" not in reader.attachments  # its text holds the unmasked data
    assert any("没有遮盖" in text_of(w, "zh") and "打码" in text_of(w, "zh") for w in public.result.warnings)


def test_every_font_is_embedded(sample: Rendered, public: Rendered) -> None:
    tool = require_tool("pdffonts")
    for doc in (sample, public):
        lines = subprocess.run([tool, str(doc.result.output)], check=True, capture_output=True,
                               text=True).stdout.splitlines()[2:]
        assert lines
        for line in lines:
            assert line.split()[-5] == "yes", line  # the "emb" column


def test_no_channel_no_statement(tmp_path: Path) -> None:
    toml = (SAMPLE_CASE / "case.toml").read_text(encoding="utf-8").replace('channel = "pboc"\n', "", 1)
    folder = copy_case(SAMPLE_CASE, tmp_path / "case", toml)
    doc = bundle(folder, tmp_path / "out.pdf")
    assert "投诉书" not in doc.text and "民事起诉状" not in doc.text
    assert doc.page_of("案情一览") == 1 and doc.page_of(EVIDENCE_LIST) == 2


def test_channel_option_picks_the_statement_and_lint_is_told_not_sealed(tmp_path: Path) -> None:
    toml = (SAMPLE_CASE / "case.toml").read_text(encoding="utf-8")
    start = toml.index('demand = """')
    end = toml.index('"""', start + 12) + 3
    toml = toml[:start] + 'demand = "尽快处理"' + toml[end:]
    folder = copy_case(SAMPLE_CASE, tmp_path / "case", toml)
    doc = bundle(folder, tmp_path / "out.pdf", channel="court")
    statement = doc.section("民事起诉状", EVIDENCE_LIST)
    assert "原告" in statement and "被告" in statement and "具状人（签名）：" in statement
    assert "投诉请求不够具体" not in doc.text  # advice for the complainant is not sealed for the court
    assert any("投诉请求不够具体" in text_of(w, "zh") for w in doc.result.warnings)


def test_public_cover_masks_the_signer_when_it_is_the_complainant(ek_home: Path, tmp_path: Path) -> None:
    from evidencekit.identity import create_identity
    from tests.conftest import FIXED_NOW

    identity = tmp_path / "zhang.p12"
    create_identity(identity, "张三", now=FIXED_NOW)
    doc = bundle(SAMPLE_CASE, tmp_path / "out.pdf", public=True, identity_path=identity)
    assert "张三" not in doc.pages[0] and "张*" in doc.pages[0]


def test_unknown_channel_is_bad_input_naming_the_valid_ones(tmp_path: Path) -> None:
    from evidencekit.errors import BadInput

    with pytest.raises(BadInput, match="unknown channel 'pbco'.*pboc"):
        bundle(SAMPLE_CASE, tmp_path / "out.pdf", channel="pbco")
    assert not (tmp_path / "out.pdf").exists()


def test_text_longer_than_a_page_splits_instead_of_failing(tmp_path: Path) -> None:
    toml = (SAMPLE_CASE / "case.toml").read_text(encoding="utf-8")
    long_summary = "客服称48小时内处理，逾期无答复。" * 400
    toml = toml.replace('summary = "致电并在线联系支付宝客服，客服称48小时内处理，逾期无答复"',
                        f'summary = "{long_summary}"')
    folder = copy_case(SAMPLE_CASE, tmp_path / "case", toml)
    doc = bundle(folder, tmp_path / "out.pdf")
    assert doc.result.pages > 14
