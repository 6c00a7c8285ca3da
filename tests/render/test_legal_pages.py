"""Issue 14, on the pages themselves: the court's form, the 证据清单 with the real page numbers,
a public dossier that leaks nothing, the sealer's name."""

from __future__ import annotations

import re
import subprocess
from datetime import UTC
from pathlib import Path

import pytest
from pypdf import PdfReader

from evidencekit.i18n import text_of
from evidencekit.render.evidence_list import evidence_name
from tests.conftest import SAMPLE_CASE, require_tool
from tests.render.conftest import Rendered, bundle

EVIDENCE_LIST = "依《最高人民法院关于民事诉讼证据的若干规定》第十九条"


@pytest.fixture(scope="module")
def court(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return bundle(SAMPLE_CASE, tmp_path_factory.mktemp("court") / "court.pdf", channel="court")


@pytest.fixture(scope="module")
def social(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return bundle(SAMPLE_CASE, tmp_path_factory.mktemp("social") / "social.pdf", channel="social")


def test_court_statement_has_the_party_paragraph_numbered_claims_copies_and_blank_signature(court: Rendered):
    statement = court.section("民事起诉状", EVIDENCE_LIST)
    flat = re.sub(r"\s+", "", statement)
    assert "原告：张三，男，1990年3月7日出生，汉族，职员，住北京市东城区示例路1号院2号楼301室，公民身份号码" in flat
    assert "被告：支付宝（中国）网络技术有限公司，住所地上海市浦东新区示例大道100号" in flat
    assert "法定代表人：示例人。" in flat
    assert "1.判令被告向原告返还人民币218.00元；2.本案诉讼费用由被告负担。" in flat
    assert "附：本起诉状副本1份" in flat
    assert re.search(r"具状人（签名）：\s*\n", statement)  # blank, for a hand signature
    assert "具状人（签名）：张三" not in flat and "督促" not in flat.split("诉讼请求")[1].split("事实与理由")[0]


def _list_rows(doc: Rendered) -> dict[str, str]:
    """Each exhibit's 页码 cell as the evidence list prints it (pdftotext -layout keeps a row on its line)."""
    tool = require_tool("pdftotext")
    first = doc.page_of(EVIDENCE_LIST) + 1
    last = doc.page_of("按时间排列")
    text = subprocess.run([tool, "-layout", "-enc", "UTF-8", "-f", str(first), "-l", str(last),
                           str(doc.result.output), "-"], check=True, capture_output=True).stdout.decode("utf-8")
    found = {}
    for line in text.splitlines():
        match = re.match(r"\s*(E\d+)\s.*?第\s*(\d+(?:–\d+)?)\s*页", line)
        if match:
            found[match.group(1)] = match.group(2)
    return found


def test_evidence_list_page_numbers_match_the_exhibits_pages(court: Rendered):
    listed = _list_rows(court)
    for item in court.result.items:
        actual = [n for n, page in enumerate(court.pages, start=1) if f"证据 {item.id} · SHA-256" in page]
        expected = str(actual[0]) if len(actual) == 1 else f"{actual[0]}–{actual[-1]}"
        assert listed[item.id] == expected, (item.id, listed[item.id], actual)
    assert f"共 {len(court.pages)} 页" in court.section(EVIDENCE_LIST, "按时间排列")


def test_evidence_list_has_names_sources_original_and_signature(court: Rendered):
    text = court.section(EVIDENCE_LIST, "按时间排列")
    flat = re.sub(r"\s+", "", text)
    for header in ("序号", "证据名称", "证据来源", "证明对象", "页码", "原件/复制件"):
        assert header in flat, header
    names = {i.path: evidence_name(i, {}, "zh") for i in court.result.items}
    assert names["screens/01-账单详情.png"] == "账单详情截图"
    assert names["bills/alipay_record_20250401.csv"] == "支付宝交易明细（2025年3月1日至3月31日）"
    assert names["chats/客服聊天.txt"] == "与支付宝客服的聊天记录（2025年3月13日至3月16日）"
    assert names["receipts/电子回单_2025031222001400000001.pdf"] == "支付宝电子回单"
    assert names["recordings/客服通话.wav"] == "客服通话录音（时长 0:04）"
    for name in names.values():  # on the page (a cell may wrap, and pdftotext then splits it)
        assert name[:6] in flat, name
    assert "bills/alipay_record_20250401.csv" not in text  # a name, not a path
    assert "微信客服会话" in flat  # the source in its own column
    assert "复制件" in flat  # the photo of a screen: original = false
    assert "提交人（签名）：" in text and "提交日期：2025年4月2日" in flat
    assert "2000-01-01" not in text and "2000年1月1日" not in flat  # a writer's default date is no capture time
    # items in the order of case.toml's [[evidence]]: the screenshot of the bill first
    assert court.result.items[0].path == "screens/01-账单详情.png"


def test_social_dossier_leaks_nothing(social: Rendered):
    text = social.text
    for secret in ("110101199003071233", "13800138000", "张三", "东城区示例路"):
        assert secret not in text, secret
    # the transaction number is masked on the pages this tool writes (the bill table is another matter)
    listing = re.sub(r"\s+", "", social.section(EVIDENCE_LIST, "按时间排列"))
    assert "2025031222001400000001" not in listing and "2025*****" in listing
    reader = PdfReader(str(social.result.output))
    assert "case.toml" not in reader.attachments
    assert any("名誉权" in text_of(w, "zh") for w in social.result.warnings)
    assert "签名" not in social.section("投诉对象", "按时间排列")  # a public post has no signature line


def test_social_pdftotext_of_the_whole_file(social: Rendered):
    tool = require_tool("pdftotext")
    out = subprocess.run([tool, "-enc", "UTF-8", str(social.result.output), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    assert "张三" not in out and "13800138000" not in out and "110101199003071233" not in out


def test_a_new_identity_takes_the_sealer_name_and_a_generic_one_is_warned(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "home-a"))
    named = bundle(SAMPLE_CASE, tmp_path / "a.pdf", sealer_name="张三")
    assert named.result.signer.name == "张三" and "张三" in named.pages[0]
    assert not any("通用名称" in text_of(w, "zh") for w in named.result.warnings)
    again = bundle(SAMPLE_CASE, tmp_path / "b.pdf", sealer_name="李四")  # never renamed per case
    assert again.result.signer.name == "张三"
    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "home-b"))
    generic = bundle(SAMPLE_CASE, tmp_path / "c.pdf")
    assert generic.result.signer.name.startswith("evidencekit user ")
    assert any("以通用名称" in text_of(w, "zh") and "identity create" in text_of(w, "zh") for w in generic.result.warnings)


def test_implausible_capture_times_are_hidden():
    from datetime import datetime

    from evidencekit.render.evidence_list import plausible_time

    sealed = datetime(2025, 4, 2, tzinfo=UTC)
    assert plausible_time("2000-01-01T08:00:00+08:00", sealed) is None
    assert plausible_time("1970-01-01T00:00:00+00:00", sealed) is None
    assert plausible_time("2030-01-01T00:00:00+08:00", sealed) is None
    assert plausible_time("2025-03-12T20:41:07+08:00", sealed) == "2025-03-12T20:41:07+08:00"


def test_bundle_asks_the_sealer_name_at_the_terminal_and_prints_the_escalation(tmp_path: Path, monkeypatch):
    from click.testing import CliRunner

    from evidencekit import cli

    monkeypatch.setenv("EVIDENCEKIT_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(cli, "_at_terminal", lambda: True)
    runner = CliRunner()
    asked = {}
    real_prompt = cli.click.prompt

    def prompt(text, **kwargs):  # type: ignore[no-untyped-def]
        asked["text"], asked["default"] = text, kwargs.get("default")
        return real_prompt(text, **kwargs)

    monkeypatch.setattr(cli.click, "prompt", prompt)
    result = runner.invoke(cli.main, ["bundle", str(SAMPLE_CASE), "-o", str(tmp_path / "out.pdf")], input="\n")
    assert result.exit_code == 0, result.output
    assert "封存人姓名" in asked["text"] and asked["default"] == "张三"  # the case's complainant is offered
    assert "封存签名人" in subprocess.run([require_tool("pdftotext"), "-l", "1", str(tmp_path / "out.pdf"), "-"],
                                          capture_output=True, text=True).stdout
    assert "升级：" in result.output and "12363" in result.output  # advice printed, not sealed
    asked.clear()
    again = runner.invoke(cli.main, ["bundle", str(SAMPLE_CASE), "-o", str(tmp_path / "again.pdf")])
    assert again.exit_code == 0 and not asked  # the identity exists: never asked, never renamed
