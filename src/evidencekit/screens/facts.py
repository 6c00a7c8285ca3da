"""screen_facts: the transaction facts on a wallet screen, from its OCR lines.

Pure: it sees only the lines (text, box, confidence) and needs no engine, so tests feed it
lines. It expects what OCR does to a phone screen: a label and its value read as one line
("订单号2025031222001400000001", "当前状态支付成功"), a date and time run together
("2025-03-1812:40:55"), full-width colons, and every time format the wallet apps use
(``2025-03-12 20:41:07``, ``2025/03/12 20:41``, ``2025年3月20日 10:05:31``, ``03-12 20:41`` under
a ``2025年3月`` heading). Rows are rebuilt from the boxes, so a label on the left finds its
value on the right, or on the line below when the app stacks them.

Each field carries the OCR confidence of the line it came from; a field under
:data:`LOW_CONFIDENCE` is listed in ``low_confidence``: shown marked, never silently trusted.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from evidencekit.clock import CHINA_TZ, iso
from evidencekit.screens.engine import OcrResult, TextLine

#: A field read with less confidence than this is listed in ``low_confidence``.
LOW_CONFIDENCE = 0.90
#: Confidences are kept to this many decimals: the engine's last digits vary with its thread
#: setup, and the dossier must not (same inputs, same SOURCE_DATE_EPOCH, same bytes).
CONFIDENCE_DECIMALS = 2


def rounded(confidence: float) -> float:
    """A confidence as written and as judged (the low-confidence test uses this same value)."""
    return round(float(confidence), CONFIDENCE_DECIMALS)

APPS = ("alipay", "wechat", "bank", "merchant", "other")
SCREENS = ("bill-detail", "bill-list", "transfer", "change-detail", "top-up", "balance", "refund", "complaint",
           "other")

# Labels, longest first within a field so that 商家订单号 is never read as 订单号.
MERCHANT_ORDER_LABELS = ("商家订单号", "商户订单号", "商户单号", "商家单号")
TXN_ID_LABELS = ("交易订单号", "交易流水号", "业务流水号", "交易单号", "支付单号", "转账单号", "订单编号", "支付订单号",
                 "流水号", "订单号", "交易号")
#: In order of preference: the moment money moved first.
TIME_LABELS = ("支付时间", "交易时间", "付款时间", "转账时间", "扣款时间", "充值时间", "退款时间", "到账时间", "收款时间",
               "创建时间", "下单时间", "交易日期", "申请时间", "提交时间", "处理时间", "完成时间", "时间")
STATUS_LABELS = ("当前状态", "交易状态", "转账状态", "退款状态", "处理状态", "订单状态", "工单状态", "申诉状态", "状态")
AMOUNT_LABELS = ("交易金额", "转账金额", "付款金额", "支付金额", "实付金额", "退款金额", "充值金额", "订单金额", "汇款金额",
                 "实付款", "金额")
COUNTERPARTY_LABELS = ("收款方全称", "收款人姓名", "收款方", "收款人", "收款户名", "收款账户名", "对方户名", "对方账户",
                       "商户全称", "商户名称", "付款方", "付款人", "对方")
METHOD_LABELS = ("付款方式", "支付方式", "付款账户", "转出账户", "付款卡号", "付款卡", "扣款方式", "退款方式", "退回账户",
                 "退款至", "退款去向", "收款方式")
BALANCE_LABELS = ("点券余额", "钻石余额", "金币余额", "账户余额", "零钱余额", "可用余额", "当前余额", "余额")
OTHER_LABELS = ("商品说明", "账单分类", "标签和备注", "备注", "手续费", "收款账号", "收款账户", "收款银行", "付款人账号",
                "转账附言", "附言", "充值账号", "游戏账号", "商品", "工单号", "投诉编号", "申诉编号", "退款单号",
                "退款原因", "问题描述", "处理结果", "开户行", "到账方式", "支付奖励", "账单服务")

FIELD_LABELS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("merchant_order", MERCHANT_ORDER_LABELS),
    ("txn_id", TXN_ID_LABELS),
    ("time", TIME_LABELS),
    ("status", STATUS_LABELS),
    ("amount", AMOUNT_LABELS),
    ("counterparty", COUNTERPARTY_LABELS),
    ("method", METHOD_LABELS),
    ("balance", BALANCE_LABELS),
    ("", OTHER_LABELS),
)
_ALL_LABELS = sorted(((label, field) for field, labels in FIELD_LABELS for label in labels),
                     key=lambda pair: -len(pair[0]))

#: Statuses as the apps show them, longest first (交易处理中 before 处理中).
STATUSES = tuple(sorted((
    "交易成功", "支付成功", "付款成功", "转账成功", "充值成功", "退款成功", "提现成功", "还款成功", "汇款成功", "收款成功",
    "交易失败", "支付失败", "付款失败", "转账失败", "充值失败", "退款失败", "提现失败", "汇款失败",
    "交易关闭", "交易处理中", "处理中", "退款中", "等待对方收款", "待收款", "对方已收款", "已收款", "已退还", "已退款",
    "已全额退款", "部分退款", "已到账", "到账成功", "未到账", "待支付", "已支付", "已取消", "已撤销", "已提交",
    "已受理", "受理中", "处理完成", "已处理", "已完结", "已关闭", "申诉中", "申诉成功", "申诉失败", "待处理",
    "转账已受理", "银行处理中", "交易已退款",
), key=len, reverse=True))
_STATUS_RE = re.compile("|".join(map(re.escape, STATUSES)))

_FULL_TIME = re.compile(
    r"(?<!\d)(?P<y>20\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?\s*"
    r"(?P<H>\d{1,2})\s*:\s*(?P<M>\d{2})(?:\s*:\s*(?P<S>\d{2}))?(?!\d)")
_FULL_DATE = re.compile(r"(?<!\d)(?P<y>20\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})日?(?!\d)")
_SHORT_TIME = re.compile(
    r"(?<![\d.:/-])(?P<m>\d{1,2})\s*[-/月]\s*(?P<d>\d{1,2})\s*日?\s*(?P<H>\d{1,2})\s*:\s*(?P<M>\d{2})"
    r"(?:\s*:\s*(?P<S>\d{2}))?(?!\d)")
_MONTH_HEADING = re.compile(r"(?P<y>20\d{2})\s*年\s*(?P<m>\d{1,2})\s*月(?!\s*\d)")
_CLOCK = re.compile(r"^(?P<H>[01]?\d|2[0-3])\s*:\s*(?P<M>[0-5]\d)$")
_AMOUNT = re.compile(r"^(?P<sign>[-+]?)\s*(?:¥|CNY|RMB|人民币)?\s*(?P<sign2>[-+]?)\s*"
                     r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)\s*元?$")
_AMOUNT_IN = re.compile(r"(?P<sign>[-+])?\s*(?:¥|CNY|RMB|人民币)?\s*"
                        r"(?P<num>\d{1,3}(?:,\d{3})+\.\d{2}|\d+\.\d{2})\s*元?")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9\s-]{5,}[A-Za-z0-9]")


@dataclass
class _Line:
    text: str
    box: tuple[float, float, float, float]
    confidence: float

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]


@dataclass
class _Field:
    value: Any
    confidence: float


def normalise(text: str) -> str:
    """NFKC (full-width colons, digits and brackets to ASCII), the minus signs OCR reads to
    ``-``, and the yen sign it reads for ¥ to one form."""
    text = unicodedata.normalize("NFKC", text)
    return (text.replace("−", "-").replace("–", "-").replace("—", "-")
            .replace("￥", "¥").replace("Ұ", "¥").strip())


def screen_facts(result: OcrResult) -> dict[str, Any] | None:
    """The facts on the screen (``facts.screen``, see INTERFACES/README), or None when the
    image shows no text, or nothing of a wallet, a transaction or a complaint."""
    lines = [_Line(normalise(line.text), line.box, line.confidence) for line in result.lines]
    lines = [line for line in lines if line.text]
    if not lines:
        return None
    status_bar, lines = _split_status_bar(lines, result.height)
    rows = _rows(lines)
    whole = "\n".join(line.text for line in lines)
    title = _title(lines, result.width, result.height)
    fields = _labelled(rows)
    # a payment method (支付宝, 招商银行储蓄卡) names another app than the one on screen
    shown = whole.replace(fields["method"].value, "") if "method" in fields else whole
    app = _app(shown)
    screen = _screen(whole, title, app, rows)
    year = _year_hint(whole)
    out: dict[str, _Field] = {}

    for name in ("txn_id", "merchant_order"):
        if name in fields:
            ident = _identifier(fields[name].value)
            if ident:
                out[name] = _Field(ident, fields[name].confidence)
    if "time" in fields:
        found = _parse_time(fields["time"].value, year)
        if found:
            out["time"] = _Field(found, fields["time"].confidence)
    if "time" not in out and screen not in ("bill-list", "change-detail", "balance"):
        for line in lines:
            found = _parse_time(line.text, year, full_only=True)
            if found:
                out["time"] = _Field(found, line.confidence)
                break
    status = _status(fields, lines)
    if status:
        out["status"] = status
    listing = screen in ("bill-list", "change-detail")  # many transactions: each in entries, none on top
    amount, sign = _amount(fields, lines) if not listing else (None, "")
    if amount and screen != "balance":
        out["amount"] = amount
    for name in ("counterparty", "method"):
        if name in fields and fields[name].value:
            out[name] = fields[name]
    if "counterparty" not in out and not listing:
        party = _hero_party(lines, amount, app)
        if party:
            out["counterparty"] = party
    balance = None
    if screen == "balance" or "balance" in fields:
        balance = _balance(fields, lines)

    entries = _entries(rows, year) if screen in ("bill-list", "change-detail", "balance") else []
    direction = _direction(sign, screen, out.get("status"), whole) if "amount" in out else None
    known = any(k in out for k in ("txn_id", "merchant_order", "time", "amount", "status")) or entries or balance
    if not known and app == "other" and screen == "other":
        return None

    facts: dict[str, Any] = {
        "app": app,
        "screen": screen,
        "title": title,
        "txn_id": None, "merchant_order": None, "amount": None, "direction": direction,
        "currency": _currency(whole),
        "time": None, "status": None, "counterparty": None, "method": None,
    }
    for name, field in out.items():
        facts[name] = field.value
    if facts["time"]:
        facts["time_zone_assumed"] = True  # screens never show a zone: +08:00 is assumed
    if balance is not None:
        facts["balance"] = balance.value
        out["balance"] = balance
    if entries:
        facts["entries"] = entries
    if status_bar is not None:
        facts["status_bar"] = status_bar
    facts["confidence"] = {name: rounded(field.confidence) for name, field in sorted(out.items())}
    facts["low_confidence"] = sorted(name for name, field in out.items()
                                     if rounded(field.confidence) < LOW_CONFIDENCE)
    return facts


# --- layout -----------------------------------------------------------------------------------

def _split_status_bar(lines: list[_Line], height: int) -> tuple[str | None, list[_Line]]:
    """The phone's clock (``20:16``) in the status bar, and the lines below the status bar."""
    band = max(60.0, height * 0.035)
    clock = None
    rest = []
    for line in lines:
        if line.box[3] <= band * 1.3 and line.box[1] < band:
            match = _CLOCK.match(line.text.replace(" ", ""))
            if match and clock is None:
                clock = f"{int(match['H']):02d}:{match['M']}"
            continue  # signal, network, battery: not the screen's content
        rest.append(line)
    return clock, rest


def _rows(lines: list[_Line]) -> list[list[_Line]]:
    """Lines grouped into visual rows (vertical centres within half a line of each other), left to right."""
    rows: list[list[_Line]] = []
    for line in sorted(lines, key=lambda ln: ln.cy):
        if rows:
            last = rows[-1]
            top = min(ln.box[1] for ln in last)
            bottom = max(ln.box[3] for ln in last)
            centre = (top + bottom) / 2
            if abs(line.cy - centre) <= max(line.height, bottom - top) * 0.45:
                last.append(line)
                continue
        rows.append([line])
    return [sorted(row, key=lambda ln: ln.box[0]) for row in rows]


def _title(lines: list[_Line], width: int, height: int) -> str | None:
    """The navigation bar's centred title, e.g. 账单详情."""
    for line in lines:
        if line.box[1] > height * 0.14:
            break
        centre = (line.box[0] + line.box[2]) / 2
        if abs(centre - width / 2) < width * 0.12 and len(line.text) <= 12 and not _AMOUNT.match(line.text):
            return line.text
    return None


# --- which app, which screen ------------------------------------------------------------------

_APP_MARKERS = {
    "alipay": ("支付宝", "收款方全称", "商家订单号", "账单分类", "标签和备注", "对此订单有疑问", "查看往来记录", "余额宝",
               "花呗", "蚂蚁", "账单详情页"),
    "wechat": ("微信", "零钱", "商户单号", "当前状态", "财付通", "对订单有疑惑", "发起群收款", "在此商户的交易", "转账时间",
               "收款时间", "定位到聊天位置", "常见问题"),
    "bank": ("银行", "手机银行", "转账结果", "回单", "收款人", "汇款", "付款人账号", "收款账号", "开户行", "交易流水号",
             "网点", "借记卡"),
    "merchant": ("充值记录", "点券", "钻石", "金币", "游戏", "会员", "我的钱包", "订单详情", "充值中心", "客服中心"),
}


def _app(whole: str) -> str:
    scores = {app: sum(1 for marker in markers if marker in whole) for app, markers in _APP_MARKERS.items()}
    # A payment method "招商银行储蓄卡(1234)" on an Alipay or WeChat page is not a bank app.
    for wallet in ("alipay", "wechat"):
        if scores[wallet]:
            scores[wallet] += 2
    best = max(scores, key=lambda app: (scores[app], -list(scores).index(app)))
    return best if scores[best] else "other"


def _screen(whole: str, title: str | None, app: str, rows: list[list[_Line]]) -> str:
    head = title or ""
    if any(word in head for word in ("申诉", "客服", "投诉", "工单", "反馈", "帮助")):
        return "complaint"
    if "退款" in head:
        return "refund"
    if "零钱明细" in head or "零钱明细" in whole[:80]:
        return "change-detail"
    if any(word in head for word in ("交易记录", "账单", "收支", "明细")) and "详情" not in head:
        return "bill-list"
    if "充值" in head and "记录" not in head:
        return "top-up"
    if "转账" in head or "汇款" in head:
        return "transfer"
    if "余额" in head or "钱包" in head:
        return "balance"
    if "详情" in head or any(label in whole for label in TXN_ID_LABELS):
        if "退款" in whole and ("退款金额" in whole or "退款成功" in whole or "退款进度" in whole):
            return "refund"
        if "转账" in whole and app in ("wechat", "bank"):
            return "transfer"
        if "充值" in whole and app == "merchant":
            return "top-up"
        return "bill-detail"
    if "申诉" in whole or "投诉" in whole or "客服" in whole and "工单" in whole:
        return "complaint"
    signed = sum(1 for row in rows for line in row if re.fullmatch(r"[-+]\s*¥?\s*[\d,]+\.\d{2}", line.text))
    if signed >= 3:
        return "bill-list"
    if "余额" in whole:
        return "balance"
    if "充值" in whole:
        return "top-up"
    return "other"


# --- fields -----------------------------------------------------------------------------------

def _label_of(text: str) -> tuple[str, str, str] | None:
    """(field, label, rest) when ``text`` starts with a known label: 订单号2025… → ("txn_id", "订单号", "2025…")."""
    for label, field in _ALL_LABELS:
        if text.startswith(label):
            rest = text[len(label):].lstrip(":： \t")
            return field, label, rest
    return None


def _labelled(rows: list[list[_Line]]) -> dict[str, _Field]:
    """Every labelled value: the rest of the label's line, the lines right of it in its row, or
    (a stacked layout) the next row when the label stands alone."""
    found: dict[str, tuple[int, _Field]] = {}  # field -> (rank of its label, value)
    for index, row in enumerate(rows):
        head = _label_of(row[0].text)
        if head is None:
            continue
        field, label, rest = head
        if not field:
            continue
        parts = [rest] if rest else []
        confidences = [row[0].confidence] if rest else []
        for line in row[1:]:
            parts.append(line.text)
            confidences.append(line.confidence)
        confidence = min(confidences, default=1.0)
        if not parts and index + 1 < len(rows) and _label_of(rows[index + 1][0].text) is None:
            below = rows[index + 1]
            parts = [line.text for line in below]
            confidence = min(line.confidence for line in below)
        if not parts:
            continue
        value = " ".join(parts).strip()
        labels = dict(FIELD_LABELS)[field]
        rank = labels.index(label)
        if field not in found or rank < found[field][0]:
            found[field] = (rank, _Field(value, confidence))
    return {field: pair[1] for field, pair in found.items()}


def _identifier(value: str) -> str | None:
    """An id as digits and letters: spaces OCR put inside it dropped; O/I read in a digit run made digits."""
    match = _ID.search(value)
    if not match:
        return None
    ident = re.sub(r"[\s-]", "", match.group(0))
    digits = sum(ch.isdigit() for ch in ident)
    if digits >= len(ident) * 0.8:
        ident = ident.translate(str.maketrans("OoIl", "0011"))
    return ident if len(ident) >= 6 else None


def _year_hint(whole: str) -> int | None:
    """The year for ``03-12 20:41``: a ``2025年3月`` heading, else any full date on the screen."""
    match = _MONTH_HEADING.search(whole) or _FULL_DATE.search(whole)
    return int(match["y"]) if match else None


def _parse_time(text: str, year: int | None, *, full_only: bool = False) -> str | None:
    compact = text.replace(" ", " ")
    match = _FULL_TIME.search(compact)
    if match:
        y = int(match["y"])
    else:
        if full_only or year is None:
            return None
        match = _SHORT_TIME.search(compact)
        if not match:
            return None
        y = year
    try:
        moment = datetime(y, int(match["m"]), int(match["d"]), int(match["H"]), int(match["M"]),
                          int(match["S"] or 0), tzinfo=CHINA_TZ)
    except ValueError:
        return None
    return iso(moment)


def _status(fields: dict[str, _Field], lines: list[_Line]) -> _Field | None:
    if "status" in fields:
        match = _STATUS_RE.search(fields["status"].value)
        value = match.group(0) if match else fields["status"].value.strip()
        if value:
            return _Field(value, fields["status"].confidence)
    for line in lines:
        match = _STATUS_RE.search(line.text)
        # the status line itself (交易成功, 转账成功 ✓), not a sentence that mentions one
        if match and len(line.text) - len(match.group(0)) <= 3:
            return _Field(match.group(0), line.confidence)
    return None


def _money(text: str) -> tuple[str, str] | None:
    """("218.00", sign) for a text that is an amount and nothing else."""
    match = _AMOUNT.match(text.replace(" ", ""))
    if not match:
        return None
    num = match["num"].replace(",", "")
    whole, _, cents = num.partition(".")
    if not whole:
        return None
    return f"{int(whole)}.{(cents + '00')[:2]}", match["sign"] or match["sign2"] or ""


def _amount(fields: dict[str, _Field], lines: list[_Line]) -> tuple[_Field | None, str]:
    """The transaction's amount: the labelled one, else the largest amount on the screen (the
    hero line apps draw it in). Returns it with its sign ("-", "+" or "")."""
    if "amount" in fields:
        value = fields["amount"].value
        parsed = _money(value)
        if parsed is None:
            match = _AMOUNT_IN.search(value.replace(" ", ""))
            if match:
                parsed = (f"{int(match['num'].replace(',', '').split('.')[0])}.{match['num'][-2:]}",
                          match["sign"] or "")
        if parsed:
            return _Field(parsed[0], fields["amount"].confidence), parsed[1]
    best: tuple[float, _Line, tuple[str, str]] | None = None
    for line in lines:
        parsed = _money(line.text)
        if parsed is None or ("." not in line.text and not parsed[1] and "¥" not in line.text):
            continue
        if best is None or line.height > best[0] * 1.15:
            best = (line.height, line, parsed)
    if best is None:
        return None, ""
    return _Field(best[2][0], best[1].confidence), best[2][1]


def _balance(fields: dict[str, _Field], lines: list[_Line]) -> _Field | None:
    if "balance" in fields:
        parsed = _money(fields["balance"].value)
        if parsed:
            return _Field(parsed[0], fields["balance"].confidence)
    # a balance page draws the figure large under its label
    for index, line in enumerate(lines):
        if "余额" in line.text:
            for below in lines[index + 1:index + 3]:
                parsed = _money(below.text)
                if parsed:
                    return _Field(parsed[0], below.confidence)
    return None


def _hero_party(lines: list[_Line], amount: _Field | None, app: str) -> _Field | None:
    """Alipay and WeChat draw the counterparty's name just above the hero amount."""
    if amount is None or app not in ("alipay", "wechat"):
        return None
    for index, line in enumerate(lines):
        if _money(line.text) and _money(line.text)[0] == amount.value:  # type: ignore[index]
            for above in reversed(lines[max(0, index - 2):index]):
                text = above.text
                if len(text) >= 2 and not _label_of(text) and not _STATUS_RE.search(text) and \
                        not re.search(r"\d{4}", text) and "详情" not in text:
                    return _Field(text, above.confidence)
            return None
    return None


def _direction(sign: str, screen: str, status: _Field | None, whole: str) -> str | None:
    if sign == "-":
        return "out"
    if sign == "+":
        return "in"
    shown = status.value if status else ""
    if screen == "refund" or shown in ("已收款", "收款成功", "已退款", "退款成功", "已退还", "已全额退款"):
        return "in"
    if screen in ("transfer", "top-up", "bill-detail"):
        return "out"
    return None


def _currency(whole: str) -> str:
    if "美元" in whole or "US$" in whole or "USD" in whole:
        return "USD"
    if "港币" in whole or "HK$" in whole or "HKD" in whole:
        return "HKD"
    return "CNY"


def _entries(rows: list[list[_Line]], year: int | None) -> list[dict[str, Any]]:
    """The rows of a list screen (交易记录, 零钱明细): a name and a signed amount on one row, the
    time on the row below."""
    entries: list[dict[str, Any]] = []
    for index, row in enumerate(rows):
        amount = None
        for line in row[1:]:
            parsed = _money(line.text)
            if parsed and parsed[1]:
                amount = (parsed, line)
        if amount is None:
            continue
        (value, sign), line = amount
        name = row[0].text
        time = None
        confidence = min(row[0].confidence, line.confidence)
        for below in rows[index + 1:index + 3]:
            for cell in below:
                time = _parse_time(cell.text, year)
                if time:
                    confidence = min(confidence, cell.confidence)
                    break
            if time:
                break
        entries.append({"counterparty": name, "amount": value, "direction": "out" if sign == "-" else "in",
                        "time": time, "confidence": rounded(confidence)})
    return entries


def read_time_text(text: str, year: int | None = None) -> str | None:
    """ISO time (+08:00) from one time text as an app shows it; None when it is not one."""
    return _parse_time(normalise(text), year)


def lines_from(items: list[tuple[str, tuple[float, float, float, float], float]]) -> tuple[TextLine, ...]:
    """TextLines from (text, box, confidence) triples: tests and tools build screens this way."""
    return tuple(TextLine(text, box, confidence) for text, box, confidence in items)
