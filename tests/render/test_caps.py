"""A bill or chat longer than the facts keep: its pages list the first rows or messages and
say, in the dossier's language, how many more are in the attached original; counts, totals
and the timeline still cover them all. KEPT_ROWS is lowered so the dossier stays small."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidencekit.extract import options as extract_options
from evidencekit.render.labels import label
from evidencekit.timeline import timeline_events
from evidencekit.visuals import LINE_LIMIT
from tests.render.conftest import Rendered, bundle

KEPT = 150
ROWS = 1000
MESSAGES = 400
DISPUTED_ROW = 900
DISPUTED_ID = f"42000000002025{DISPUTED_ROW:014d}"
HEADER = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注"


def bill_text() -> str:
    rows = [f"2025-03-{1 + n // 100:02d} 10:{n % 60:02d}:00,商户消费,店{n},货,支出,¥1.00,零钱,支付成功,"
            f"42000000002025{n:014d}\t,/,/" for n in range(ROWS)]
    return "\n".join(["微信支付账单明细", "微信昵称：[示例用户]", "起始时间：[2025-03-01 00:00:00] 终止时间：[2025-03-31 23:59:59]",
                      HEADER, *rows]) + "\n"


def chat_text() -> str:
    lines = []
    for n in range(MESSAGES):
        text = f"请核查交易 {DISPUTED_ID}" if n == 350 else f"第{n}条消息"
        lines.append(f"2025-03-12 {10 + n // 60:02d}:{n % 60:02d}:00 {'客服' if n % 2 else '我'}：{text}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("caps") / "case"
    folder.mkdir()
    (folder / "wechat_bill.csv").write_text(bill_text(), encoding="utf-8-sig")
    (folder / "客服聊天.txt").write_text(chat_text(), encoding="utf-8")
    (folder / "notes.txt").write_text("说明：" + "长" * (3 * LINE_LIMIT), encoding="utf-8")  # no line break
    (folder / "case.toml").write_text(
        f'[case]\ntitle = "caps"\n\n[[transactions]]\nid = "{DISPUTED_ID}"\ndisputed = true\n', encoding="utf-8")
    return folder


@pytest.fixture(scope="module", params=["zh", "en"])
def doc(request: pytest.FixtureRequest, ek_home: Path, folder: Path,
        tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Rendered]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract_options, "KEPT_ROWS", KEPT)
        out = tmp_path_factory.mktemp("caps-out") / f"caps-{request.param}.pdf"
        return request.param, bundle(folder, out, lang=request.param)


def flat(text: str) -> str:
    return " ".join(text.split())


def exhibit(doc: Rendered, path: str) -> str:
    number = next(i.id for i in doc.result.items if i.path == path)
    tag = "证据" if "证据 E01 · SHA-256" in doc.text else "Exhibit"
    return flat("\n".join(p for p in doc.pages if f"{tag} {number} · SHA-256" in p))


def test_facts_keep_the_first_rows_and_the_disputed_one(doc: tuple[str, Rendered]) -> None:
    _, rendered = doc
    bill = next(i for i in rendered.result.items if i.path == "wechat_bill.csv")
    assert bill.facts["truncated"] == {"first": KEPT, "total": ROWS}
    assert [r["line"] for r in bill.facts["transactions"]][-2:] == [KEPT + 4, DISPUTED_ROW + 5]


def test_bill_pages_list_the_first_rows_and_say_where_the_rest_are(doc: tuple[str, Rendered]) -> None:
    lang, rendered = doc
    text = exhibit(rendered, "wechat_bill.csv")
    last_listed = KEPT + 4  # the first row is on line 5
    if lang == "zh":
        assert f"… 其余 {ROWS - KEPT} 笔见附件原件（第 {last_listed} 行之后）" in text
        assert f"共 {ROWS} 笔，其中争议 1 笔" in text and f"合计：{ROWS} 笔" in text
    else:
        assert f"… the remaining {ROWS - KEPT} rows are in the attached original (after line {last_listed})" in text
        assert f"Totals: {ROWS} rows" in text
    assert f"店{KEPT - 1}" in text and f"店{KEPT} " not in text
    assert f"店{DISPUTED_ROW}" in text  # past the cut, but disputed: in the disputed table
    assert "1,000.00" in text  # the total sums every row


def test_chat_pages_list_the_first_messages_then_the_later_one_naming_the_dispute(doc: tuple[str, Rendered]) -> None:
    lang, rendered = doc
    text = exhibit(rendered, "客服聊天.txt")
    remaining = (f"… 其余 {MESSAGES - KEPT} 条消息见附件原件" if lang == "zh"
                 else f"… the remaining {MESSAGES - KEPT} messages are in the attached original")
    later = "其后提到争议交易单号的消息：" if lang == "zh" else "Later messages that name a disputed transaction:"
    assert remaining in text and later in text
    assert text.index(f"第{KEPT - 1}条消息") < text.index(remaining) < text.index(later) < text.index(DISPUTED_ID)
    assert f"第{KEPT}条消息" not in text


def test_timeline_counts_every_message(doc: tuple[str, Rendered]) -> None:
    lang, rendered = doc
    chat = next(i for i in rendered.result.items if i.path == "客服聊天.txt")
    case = {"transactions": [{"id": DISPUTED_ID, "disputed": True}]}
    events = timeline_events(case, rendered.result.items, lang)
    listed = [e for e in events if e.kind == "tl_chat" and chat.id in e.refs]
    assert any(DISPUTED_ID in e.text for e in listed)  # the later message naming the dispute
    expected = label("tl_more_chat", lang, no=chat.id, n=MESSAGES - len(listed))  # of all 400, not the 150 kept
    assert flat(expected) in flat(rendered.section("时间线" if lang == "zh" else "Timeline"))


def test_a_text_line_without_line_breaks_is_cut_on_the_page(doc: tuple[str, Rendered]) -> None:
    lang, rendered = doc
    text = exhibit(rendered, "notes.txt")
    assert "说明：" in text
    assert text.count("长") < LINE_LIMIT + 10
    assert ("（以下省略，全文见附件）" if lang == "zh" else "the full text is in the attachment") in text
