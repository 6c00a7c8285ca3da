"""``init DIR`` on a folder of evidence: a case.toml with the transactions and files filled in.

The transactions are those the evidence itself points at: every id a screenshot or a receipt
shows, or a chat names and another source confirms (a bill lists every payment of the month;
the ones the complainant photographed, downloaded a receipt for or talked about are the ones
that matter), with the amount, time and counterparty from the most reliable source (bill,
receipt, screen). Each file gets an ``[[evidence]]`` entry with its kind and a guessed source
(the app named in the file name or read from the screen, how it was saved). Nobody types a
28-digit id by hand; everything is marked to be checked.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evidencekit.capture_names import capture_from_name
from evidencekit.case import CASE_TEMPLATE
from evidencekit.collect import collect
from evidencekit.cross_checks import Transaction, cross_check
from evidencekit.i18n import t
from evidencekit.inspection import inspect_folder
from evidencekit.model import Item
from evidencekit.timefmt import beijing, show_time

LANG = "zh"  # the template's language
TXN_START = "# 有争议的交易，每笔一段。"
TXN_END = "# 沟通记录："
EVIDENCE_START = "# 证据文件说明（可选）"
#: Apps a screen or a name can say, in the words of a source note.
APP_CODES = {"alipay": "app.alipay", "wechat": "app.wechat", "bank": "app.bank", "merchant": "app.merchant"}
BILL_APPS = {"alipay": "app.alipay", "wechat": "app.wechat"}
DESKTOP_PATTERNS = ("屏幕截图 YYYY-MM-DD HHMMSS", "Screen Shot YYYY-MM-DD at HH.MM.SS", "截屏YYYY-MM-DD HH.MM.SS")
WECHAT_SAVED = ("mmexport<epoch-ms>", "wx_camera_<epoch-ms>", "微信图片_YYYYMMDDHHMMSS")


def prefilled_case(folder: Path, *, home: Path | None = None) -> tuple[str, int, int] | None:
    """(case.toml text, evidence files, transactions) for a folder of evidence; None when the
    folder holds no evidence (then the plain template is written). ``home``: the OCR cache's, as
    bundle's (the CLI passes its home; None: EVIDENCEKIT_HOME if set, else no cache)."""
    folder = Path(folder)
    if not folder.is_dir():
        return None
    if not collect(folder).files:
        return None
    # as inspect reads them: what a zip or an e-mail holds counts too (files inside keep their container's note)
    items = inspect_folder(folder, require_files=False, ocr_home=home).items
    report = cross_check({}, [item.manifest_entry() for item in items])
    chosen = [tx for tx in report.transactions if _pointed_at(tx)]
    text = CASE_TEMPLATE
    if chosen:
        text = _replace(text, TXN_START, TXN_END, _transactions(chosen))
    start = text.index(EVIDENCE_START)
    text = text[:start] + _evidence(items) + "\n"
    return text, len(items), len(chosen)


def _pointed_at(tx: Transaction) -> bool:
    """A screenshot or a receipt shows it, or a chat names it and another source confirms the id."""
    sources = {source for _, source in tx.shown_in}
    return bool(sources & {"screen", "receipt"}) or ("chat" in sources and len(sources) > 1)


def _replace(text: str, start_marker: str, end_marker: str, block: str) -> str:
    start, end = text.index(start_marker), text.index(end_marker)
    return text[:start] + block + "\n" + text[end:]


def _toml(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def _transactions(chosen: list[Transaction]) -> str:
    lines = [TXN_START + "交易单号和商户单号可以在账单详情中找到。", f"# {t('init.prefilled', LANG)}"]
    for tx in chosen:
        refs = "、".join(f"{item}（{t(f'cc.source.{source}', LANG)}）" for item, source in sorted(tx.shown_in))
        lines += ["[[transactions]]", f"# {t('init.found_in', LANG, refs=refs)}", f"id = {_toml(tx.txn_id)}"]
        if tx.merchant_order:
            lines.append(f"merchant_order = {_toml(tx.merchant_order)}")
        for field in ("time", "amount", "counterparty"):
            value = tx.value(field)
            if value:
                lines.append(f"{field} = {_toml(value)}")
        lines += ["disputed = true", ""]
    return "\n".join(lines)


def _evidence(items: list[Item]) -> str:
    lines = [EVIDENCE_START + "，按路径对应文件夹里的文件，每个文件一段。",
             "# kind：screenshot 截图 | photo 照片 | receipt 凭证 | bill 账单 | chat 聊天记录 | recording 录音",
             "#   video 视频 | document 文件 | other 其他；source：在哪里、如何取得；proves：这份证据证明什么。",
             f"# {t('init.prefilled', LANG)}"]
    for item in items:
        if item.parent:
            continue
        lines += ["[[evidence]]", f"path = {_toml(item.path)}", f"kind = {_toml(item.kind)}",
                  f"source = {_toml(guess_source(item))}", 'proves = ""', ""]
    return "\n".join(lines)


def guess_source(item: Item) -> str:
    """Where a file most likely came from, in the words of a source note; "" when nothing says."""
    facts: dict[str, Any] = item.facts
    named = capture_from_name(item.path)
    moment = beijing(item.captured_at)
    # a capture time says when a picture was taken; a PDF's creation date often says nothing
    when = show_time(item.captured_at) if moment and moment.year >= 2001 and item.mime.startswith(("image/", "video/")) \
        else ""
    screen = facts.get("screen") if isinstance(facts.get("screen"), dict) else {}
    app = (screen or {}).get("app") or (named.app if named else None)
    what = ""
    if item.kind in ("screenshot", "photo") or item.mime.startswith("image/"):
        exif = facts.get("exif") or {}
        if named and named.pattern in WECHAT_SAVED and not (screen or {}).get("app"):
            what = t("init.source.wechat_saved", LANG)
        elif app in APP_CODES:
            what = t("init.source.app_screenshot", LANG, app=t(APP_CODES[app], LANG))
        elif named and named.pattern in DESKTOP_PATTERNS:
            what = t("init.source.desktop_screenshot", LANG)
        elif item.kind == "photo" and (exif.get("make") or exif.get("model")):
            device = " ".join(str(x) for x in (exif.get("make"), exif.get("model")) if x)
            what = f"{t('init.source.camera', LANG)} {device}"
        elif item.kind == "screenshot":
            what = t("init.source.screenshot", LANG)
    elif item.kind == "bill":
        code = BILL_APPS.get(str(facts.get("format") or "").split("-")[0])
        what = t("init.source.bill", LANG, app=t(code, LANG) if code else "")
    elif isinstance(facts.get("receipt"), dict):
        excerpt = str(facts.get("text_excerpt") or "")
        code = "app.alipay" if "支付宝" in excerpt else "app.wechat" if "微信" in excerpt else None
        what = t("init.source.receipt", LANG, app=t(code, LANG) if code else "")
    elif item.kind == "chat":
        what = t("init.source.chat", LANG)
    if what and when:
        return t("init.source.at", LANG, what=what, time=when)
    return what
