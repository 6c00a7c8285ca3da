"""2,000 bill rows and 2,000 chat messages: laid out on a sensible number of
pages, every row and message still there as text."""

from __future__ import annotations

import shutil
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_CASE
from tests.render.conftest import Rendered, bundle

sys.path.insert(0, str(REPO / "fixtures"))
import make_sample_case as sample  # noqa: E402

ROWS = 2000
MESSAGES = 2000


def bill_rows(n: int) -> list[list[str]]:
    """n rows, newest first, the disputed top-up in the middle; ids that say their row number."""
    rows = []
    for i in range(n):
        minutes = (n - i) * 37
        day, rest = divmod(minutes, 24 * 60)
        when = f"2025-{1 + day // 28:02d}-{1 + day % 28:02d} {rest // 60:02d}:{rest % 60:02d}:00"
        amount = f"{Decimal(100 + (i * 7919) % 40000) / 100:.2f}"
        rows.append([when, "餐饮美食", f"示例商户{i % 37}", "", f"商品{i}", "支出", amount, "余额宝", "交易成功",
                     f"20250101{i:014d}", f"MO{i:012d}", ""])
    rows[n // 2][9] = sample.TXN_ID
    rows[n // 2][10] = sample.MERCHANT_ORDER
    return rows


def chat_messages(n: int) -> list[tuple[str, str, str]]:
    out = []
    for i in range(n):
        seconds = 10 * 3600 + i * 97
        day, rest = divmod(seconds, 86400)
        when = f"2025-03-{13 + day:02d} {rest // 3600:02d}:{rest % 3600 // 60:02d}:{rest % 60:02d}"
        who = "支付宝客服" if i % 2 == 0 else "我"
        text = f"第{i}条消息：请问充值什么时候到账？" + ("（补充说明，第二行）\n订单在3月12日晚上" if i % 10 == 0 else "")
        out.append((when, who, text))
    return out


@pytest.fixture(scope="module")
def large(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendered, float]:
    root = tmp_path_factory.mktemp("large")
    folder = root / "case"
    (folder / "bills").mkdir(parents=True)
    (folder / "chats").mkdir()
    shutil.copyfile(SAMPLE_CASE / "case.toml", folder / "case.toml")
    text = sample.alipay_csv_text(bill_rows(ROWS), start="2025-01-01 00:00:00", end="2025-03-31 23:59:59")
    (folder / "bills" / "alipay.csv").write_bytes(text.encode("gb18030"))
    (folder / "chats" / "客服聊天.txt").write_bytes(sample.chat_text(chat_messages(MESSAGES)).encode("utf-8"))
    started = time.perf_counter()
    doc = bundle(folder, root / "large.pdf")
    return doc, time.perf_counter() - started


def _id(doc: Rendered, path_part: str) -> str:
    """The exhibit number of an item: items follow case.toml's [[evidence]] order, not the folder's."""
    return next(i.id for i in doc.result.items if path_part in i.path)


def test_paged_at_readable_sizes(large: tuple[Rendered, float]) -> None:
    # Time is measured by bench/run.py, side by side with the usual tools, never asserted here.
    doc, seconds = large
    print(f"\n2,000 rows + 2,000 messages: {seconds:.2f} s, {doc.result.pages} pages")
    assert doc.result.pages == len(doc.pages)
    bill_pages = [p for p in doc.pages if f"证据 {_id(doc, 'bills/')} · SHA-256" in p]
    chat_pages = [p for p in doc.pages if f"证据 {_id(doc, 'chats/')} · SHA-256" in p]
    # about 30 rows and 45 messages a page: readable sizes, not one row a page
    assert 40 <= len(bill_pages) <= 110, len(bill_pages)
    assert 25 <= len(chat_pages) <= 80, len(chat_pages)
    assert 80 <= doc.result.pages <= 200


def test_every_row_and_message_is_text(large: tuple[Rendered, float]) -> None:
    doc, _ = large
    bill = "\n".join(p for p in doc.pages if f"证据 {_id(doc, 'bills/')} · SHA-256" in p)
    for i in (0, 777, ROWS // 2 - 1, ROWS // 2 + 1, ROWS - 1):
        assert f"20250101{i:014d}" in bill, i
        assert f"MO{i:012d}" in bill, i
    assert sample.TXN_ID in bill and "共 2000 笔，其中争议 1 笔" in bill
    chat = "\n".join(p for p in doc.pages if f"证据 {_id(doc, 'chats/')} · SHA-256" in p)
    for i in (0, 1001, MESSAGES - 1):
        assert f"第{i}条消息：请问充值什么时候到账？" in chat, i


def test_every_bill_page_repeats_the_header(large: tuple[Rendered, float]) -> None:
    doc, _ = large
    for page in (p for p in doc.pages if f"证据 {_id(doc, 'bills/')} · SHA-256" in p):
        assert "交易单号 / 商户单号" in page


def test_timeline_stays_short(large: tuple[Rendered, float]) -> None:
    doc, _ = large
    timeline = doc.section("按时间排列", f"证据 {doc.result.items[0].id} ·")
    assert sample.TXN_ID in timeline
    assert "另有" in timeline  # the rest of the chat is in its exhibit
    assert timeline.count("聊天 ") <= 40


def test_every_chat_page_says_which_day_it_is(large: tuple[Rendered, float]) -> None:
    doc, _ = large
    pages = [p for p in doc.pages if f"证据 {_id(doc, 'chats/')} · SHA-256" in p]
    continued = 0
    for page in pages[1:]:
        assert "2025-03-" in page.split("材料编号")[0], page[:200]
        continued += "（接上页）" in page
    assert continued >= len(pages) // 2
