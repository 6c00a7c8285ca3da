"""The pictures (issue 15): the case at a glance, the drawn timeline and 资金流向, drawn from the
plan as vector graphics whose words stay text."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.clock import CHINA_TZ
from evidencekit.money_flow import case_glance, money_flows
from evidencekit.render.pictures import MAX_SEGMENTS, segments
from tests.conftest import REPO, SAMPLE_CASE
from tests.render.conftest import Rendered, bundle, pdf_pages
from tests.render.test_timeline import CASE, items

sys.path.insert(0, str(REPO / "fixtures"))
import make_long_case as long_case  # noqa: E402
import make_sample_case as sample  # noqa: E402

LANES = ("问题发生", "交易/账单", "截图/拍摄", "聊天", "投诉/沟通")


def test_money_flow_follows_each_source_and_cross_checks_them() -> None:
    flows = money_flows(CASE, items())
    first, second = flows
    assert first.transaction_id == "TX0001234567" and first.payee == "示例游戏"
    assert [s.ref for s in first.sources] == ["case.toml", "E01", "E02"]  # the receipt only names it
    assert first.amount == "218.00" and first.conflicts == ()
    assert second.transaction_id == "TX5555555555" and second.payee == "某店" and len(second.sources) == 1

    changed = {**CASE, "transactions": [{**CASE["transactions"][0], "amount": "228.00",
                                         "time": "2025-03-12T20:25:03+08:00"}]}
    assert money_flows(changed, items())[0].conflicts == ("amount", "time")


def test_glance_states_facts_in_date_order() -> None:
    case = {**CASE, "contacts": [{"date": "2025-04-01", "channel": "consumer", "outcome": "pending"},
                                 *CASE["contacts"]]}
    glance = case_glance(case, 4)
    assert [a.date for a in glance.attempts] == ["2025-03-13", "2025-04-01"]
    assert (glance.first_contact, glance.last_contact, glance.amount) == ("2025-03-13", "2025-04-01", "218.00")


def test_long_quiet_periods_are_cut_and_stretches_capped() -> None:
    start = datetime(2025, 3, 12, 20, 0, tzinfo=CHINA_TZ)
    day_one = [start + timedelta(minutes=m) for m in range(0, 120, 5)]
    months = [start + timedelta(days=d) for d in (8, 22, 40, 41, 63, 90)]
    parts = segments(day_one + months)
    assert parts[0].start == start and parts[0].count == len(day_one)  # the first evening is one stretch
    assert [p.start.date().isoformat() for p in parts[1:]] == ["2025-03-20", "2025-04-03", "2025-04-21",
                                                               "2025-05-14", "2025-06-10"]
    # evenly spread events need no cut; twenty bursts a fortnight apart are joined into MAX_SEGMENTS
    assert len(segments([start + timedelta(days=3 * k) for k in range(40)])) == 1
    bursts = [start + timedelta(days=15 * k, minutes=m) for k in range(20) for m in (0, 5, 10)]
    assert len(segments(bursts, max_segments=5)) == 5
    capped = segments(bursts)
    assert len(capped) == MAX_SEGMENTS and sum(p.count for p in capped) == 60


@pytest.fixture(scope="module")
def sample_doc(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return bundle(SAMPLE_CASE, tmp_path_factory.mktemp("pic") / "sample.pdf")


@pytest.fixture(scope="module")
def long_doc(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("long")
    return bundle(long_case.make_long_case(root / "case"), root / "long.pdf")


@pytest.fixture(scope="module")
def dense_doc(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    root = tmp_path_factory.mktemp("dense")
    folder = long_case.make_long_case(root / "case", messages=2000, bill_rows_n=70)
    return bundle(folder, root / "dense.pdf")


def test_sample_case_at_a_glance_and_its_money_flow(sample_doc: Rendered) -> None:
    page = sample_doc.pages[sample_doc.page_of("案情一览")]
    assert sample_doc.page_of("案情一览") == 1  # right after the cover
    for text in ("充值不到账", "¥218.00", "2025-03-12", "20:15:03", "证据 8 件", "已经尝试",
                 "2025-03-13", "CS2025031300012", "→ 未解决", "2025-03-20", "→ 被拒绝", "请求",
                 "资金流向", "交易单号 2025031222001400000001", "付款账户", "zhang***@example.com",
                 "招商银行储蓄卡(1234)", "支付机构", "支付宝", "收款方", "示例游戏科技有限公司",
                 "交易成功", "= 核对：各出处的金额和时间一致"):
        assert text in page, text
    receipt = next(i.id for i in sample_doc.result.items if i.kind == "receipt")
    bill = next(i.id for i in sample_doc.result.items if i.kind == "bill")
    assert f"{bill} ¥218.00 2025-03-12 20:15:03 交易成功" in " ".join(page.split())
    # the receipt's own text gives its amount, time and status (extract/receipt_text.py)
    assert f"{receipt} ¥218.00 2025-03-12 20:15:03 交易成功" in " ".join(page.split())
    # facts for the reader only: no advice for the complainant (when to escalate) on the pictures
    assert "最早可于" not in page and "升级" not in page


def test_sample_case_timeline_picture_opens_the_timeline(sample_doc: Rendered) -> None:
    n = sample_doc.page_of("时间线图")
    page = sample_doc.pages[n]
    assert page.index("时间线图") < page.index("出处")  # the picture first, the table after it
    photo = next(i.id for i in sample_doc.result.items if i.kind == "photo")
    chat = next(i.id for i in sample_doc.result.items if i.kind == "chat")
    for text in (*LANES, "争议交易 ¥218.00 20:15", "2025-03-12", "2025-03-13", "2025-03-16", "2025-03-20",
                 "间隔3天", "间隔4天", photo, chat, "案件"):
        assert text in page, text


def test_three_months_of_contacts(long_doc: Rendered) -> None:
    glance = long_doc.pages[long_doc.page_of("案情一览")]
    for date, _channel, ticket, _summary, _outcome in long_case.CONTACTS:
        assert date in glance and ticket in glance
    # the second disputed payment: case.toml says 66.00, the bill 60.00
    assert "交易单号 2025030122001400000003" in glance
    assert "≠ 核对：各出处不一致（金额），请以原件为准核实" in glance
    page = long_doc.pages[long_doc.page_of("时间线图")]
    for text in (*LANES, "争议交易 ¥66.00 19:02", "争议交易 ¥218.00 20:15", "2025-03-01", "2025-06-05",
                 "2025-04-03", "2025-05-12"):
        assert text in page, text
    assert page.count("间隔") >= 5


def test_two_thousand_messages_and_seventy_rows_fit_one_timeline_page(dense_doc: Rendered) -> None:
    n = dense_doc.page_of("时间线图")
    page = dense_doc.pages[n]
    # everything the picture says is on the one page that opens the timeline
    for text in (*LANES, "2025-03-01", "2025-06-05", "争议交易 ¥218.00 20:15", "间隔"):
        assert text in page, text
    picture = page.split("时间线图", 1)[1].split("出处", 1)[0]
    assert picture.count("×") >= 1  # marks too close to draw apart are drawn once, with a count
    assert not any(lane in dense_doc.pages[n + 1].split("出处", 1)[0] for lane in LANES[1:])


def test_the_pictures_are_vector_art(sample_doc: Rendered) -> None:
    """No raster on the glance page: its words are text, its shapes paths."""
    pdfimages = shutil.which("pdfimages")
    if pdfimages is None:
        pytest.skip("pdfimages not installed")
    out = subprocess.run([pdfimages, "-list", "-f", "2", "-l", "2", str(sample_doc.result.output)],
                         check=True, capture_output=True, text=True).stdout
    assert len(out.strip().splitlines()) == 2  # the header lines, no image


def test_english_dossier_speaks_english(ek_home: Path, tmp_path: Path) -> None:
    doc = bundle(SAMPLE_CASE, tmp_path / "en.pdf", lang="en")
    page = doc.pages[doc.page_of("The case at a glance")]
    for text in ("Problem", "Amount", "Already tried", "What is asked", "资金流向 · where the money went",
                 "Payer account", "Alipay", "Cross-check: the sources agree on amount and time"):
        assert text in page, text
    timeline = doc.pages[doc.page_of("Timeline at a glance")]
    assert "Payments" in timeline and "3 d later" in timeline and "Disputed ¥218.00 20:15" in timeline


def test_public_dossier_masks_the_pictures(ek_home: Path, tmp_path: Path) -> None:
    doc = bundle(SAMPLE_CASE, tmp_path / "public.pdf", public=True)
    glance = doc.pages[doc.page_of("案情一览")]
    assert "资金流向" in glance
    assert sample.TXN_ID not in "\n".join(doc.pages[:doc.page_of("时间线")])


def test_same_plan_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = long_case.make_long_case(tmp_path / "case")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1743561000")
    digests = []
    for name in ("a.pdf", "b.pdf"):
        result = CliRunner().invoke(main, ["bundle", str(folder), "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert "资金流向" in "\n".join(pdf_pages(tmp_path / "a.pdf"))
