"""Realistic wallet screens for the OCR tests and the benchmark, with what each one shows.

Ten kinds of page — 支付宝 账单详情 and 交易记录, 微信支付 账单详情, 转账 and 零钱明细, a bank's 转账结果,
a merchant's top-up order and balance page, a refund and a 申诉 page — at three phone
resolutions (1080×2400, 720×1600, 1170×2532), light and dark, saved as PNG or as JPEG at
quality 75 (what WeChat does to a forwarded picture), drawn with CJK fonts other than the one
the dossier embeds (WenQuanYi Zen Hei, Droid Sans Fallback). Everything is made up and
deterministic: the same arguments give the same pixels.

``python tests/screens_gen.py OUT`` writes them into OUT.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

#: CJK fonts the screens are drawn with: not the dossier's (WenQuanYi Micro Hei). Debian packages
#: fonts-wqy-zenhei and fonts-droid-fallback.
SCREEN_FONTS = {
    "zenhei": Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    "droid": Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
}
#: Droid Sans Fallback has CJK glyphs only: Android draws the Latin letters and digits around
#: them with another face (Roboto); here DejaVu Sans (fonts-dejavu-core).
LATIN_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
CJK_ONLY = {"droid"}
RESOLUTIONS = ((1080, 2400), (720, 1600), (1170, 2532))


def available_fonts() -> dict[str, Path]:
    return {name: path for name, path in SCREEN_FONTS.items()
            if path.is_file() and (name not in CJK_ONLY or LATIN_FONT.is_file())}


@dataclass
class Theme:
    page: tuple[int, int, int]
    card: tuple[int, int, int]
    text: tuple[int, int, int]
    light: tuple[int, int, int]
    divider: tuple[int, int, int]


LIGHT = Theme((245, 245, 245), (255, 255, 255), (34, 34, 34), (140, 140, 140), (232, 232, 232))
DARK = Theme((17, 17, 17), (30, 30, 30), (228, 228, 228), (150, 150, 150), (50, 50, 50))


@cache
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


class Canvas:
    """A phone page drawn in 1080-wide units, scaled to the target resolution."""

    def __init__(self, size: tuple[int, int], theme: Theme, font_path: Path, latin: Path | None = None):
        self.width, self.height = size
        self.s = self.width / 1080
        self.theme = theme
        self.font_path = str(font_path)
        self.latin_path = str(latin) if latin else None
        self.image = Image.new("RGB", size, theme.page)
        self.draw = ImageDraw.Draw(self.image)
        self.y = 0.0  # in 1080 units

    def font(self, size: float) -> ImageFont.FreeTypeFont:
        return _font(self.font_path, max(8, round(size * self.s)))

    def text(self, x: float, y: float, text: str, size: float, fill: Any = None, *, right: bool = False,
             centre: bool = False) -> None:
        runs = self._runs(text, size)
        px = x * self.s
        if right or centre:
            w = sum(self.draw.textlength(run, font=f) for run, f in runs)
            px = px - w if right else (self.width - w) / 2
        for run, f in runs:
            self.draw.text((px, y * self.s), run, font=f, fill=fill or self.theme.text)
            px += self.draw.textlength(run, font=f)

    def _runs(self, text: str, size: float) -> list[tuple[str, ImageFont.FreeTypeFont]]:
        """The text cut into runs of one face: Latin in the Latin face when the CJK face has none."""
        cjk = self.font(size)
        if not self.latin_path:
            return [(text, cjk)]
        latin = _font(self.latin_path, max(8, round(size * self.s)))
        runs: list[tuple[str, ImageFont.FreeTypeFont]] = []
        for ch in text:
            f = latin if ord(ch) < 0x2000 else cjk
            if runs and runs[-1][1] is f:
                runs[-1] = (runs[-1][0] + ch, f)
            else:
                runs.append((ch, f))
        return runs

    def rect(self, box: tuple[float, float, float, float], fill: Any, radius: float = 0) -> None:
        scaled = tuple(v * self.s for v in box)
        self.draw.rounded_rectangle(scaled, radius=radius * self.s, fill=fill)

    def status_bar(self, clock: str, nav: str | None, *, bar: Any = None, ink: Any = None) -> None:
        ink = ink or self.theme.text
        unit_h = self.height / self.s
        self.rect((0, 0, 1080, 250), bar or self.theme.card)
        self.text(60, 30, clock, 40, ink)
        for i, h in enumerate((14, 22, 30, 38)):
            self.rect((820 + i * 16, 68 - h, 830 + i * 16, 68), ink)
        self.rect((960, 36, 1030, 68), ink, 8)
        if nav:
            self.text(0, 140, nav, 50, ink, centre=True)
            self.draw.line((70 * self.s, 165 * self.s, 95 * self.s, 140 * self.s), fill=ink, width=max(2, round(5 * self.s)))
            self.draw.line((70 * self.s, 165 * self.s, 95 * self.s, 190 * self.s), fill=ink, width=max(2, round(5 * self.s)))
        self.y = 280
        del unit_h

    def rows(self, rows: list[tuple[str, str]], *, row_h: float = 100, stacked: bool = False,
             inline: bool = False) -> None:
        """A card of label/value rows: value right-aligned (the apps' usual), on the line below
        the label (stacked), or right after the label with a colon (inline)."""
        per = row_h * (1.8 if stacked else 1)
        top = self.y
        self.rect((40, top, 1040, top + 40 + per * len(rows)), self.theme.card, 24)
        y = top + 40
        for label, value in rows:
            if inline:
                self.text(80, y, f"{label}：{value}", 38)
            elif stacked:
                self.text(80, y, label, 36, self.theme.light)
                self.text(80, y + 70, value, 40)
            else:
                self.text(80, y, label, 38, self.theme.light)
                size = 38 if len(value) < 20 else 34
                self.text(1000, y + (38 - size) / 2, value, size, right=True)
            y += per
        self.y = y + 30


@dataclass
class Generated:
    name: str
    path: Path
    expected: dict[str, Any]  # app, screen, and txn_id / amount / time / status (None when not shown)
    entries: list[dict[str, str]] = field(default_factory=list)  # list screens: amount and time of each row


Spec = dict[str, Any]


def alipay_detail(c: Canvas, v: int) -> Spec:
    txn = f"2025031{2 + v}22001456781234{5000 + v * 37:04d}"
    amount = f"{218 + v * 11}.{v % 10}0"
    time = f"2025-03-1{2 + v} 20:{15 + v:02d}:0{v % 10}"
    c.status_bar(f"20:{17 + v:02d}", "账单详情")
    c.rect((40, 290, 1040, 900), c.theme.card, 24)
    c.text(0, 500, "示例游戏科技有限公司", 42, centre=True)
    c.text(0, 580, f"-{amount}", 110, centre=True)
    c.text(0, 745, "交易成功", 42, c.theme.light, centre=True)
    c.y = 930
    c.rows([("支付时间", time), ("付款方式", "招商银行储蓄卡(1234)"), ("商品说明", "示例游戏点券充值"),
            ("收款方全称", "示例游戏科技有限公司"), ("交易单号", txn), ("商家订单号", f"GM2025031{2 + v}00{v:04d}")])
    c.rows([("账单分类", "充值缴费"), ("标签和备注", "添加")])
    c.text(0, c.height / c.s - 120, "本服务由支付宝（中国）网络技术有限公司提供", 30, c.theme.light, centre=True)
    return {"app": "alipay", "screen": "bill-detail", "txn_id": txn, "amount": amount,
            "time": time.replace(" ", "T") + "+08:00", "status": "交易成功"}


def alipay_list(c: Canvas, v: int) -> Spec:
    c.status_bar(f"21:0{v % 10}", "账单")
    c.text(60, 290, "2025年3月", 44)
    c.text(60, 350, "支出 ¥1,342.50  收入 ¥500.00", 32, c.theme.light)
    rows = [("示例游戏科技有限公司", f"-{218 + v}.00", f"03-12 20:{15 + v:02d}"),
            ("某某便利店", "-12.50", "03-11 08:03"),
            ("张三", "+500.00", "03-10 19:45"),
            ("某某外卖平台", f"-3{v}.80", "03-09 12:31")]
    y = 430.0
    c.rect((40, y, 1040, y + 40 + 190 * len(rows)), c.theme.card, 24)
    entries = []
    for name, amount, when in rows:
        c.text(80, y + 40, name, 42)
        c.text(1000, y + 40, amount, 44, right=True)
        c.text(80, y + 110, when, 34, c.theme.light)
        y += 190
        entries.append({"amount": amount.lstrip("+-"), "time": f"2025-{when.replace(' ', 'T')}:00+08:00"})
    return {"app": "alipay", "screen": "bill-list", "txn_id": None, "amount": None, "time": None,
            "status": None, "entries": entries}


def wechat_detail(c: Canvas, v: int) -> Spec:
    txn = f"42000025{v:02d}20250318{12345678 + v * 1111:08d}01"
    amount = f"{59 + v}.90"
    c.status_bar(f"12:4{v % 10}", None)
    c.y = 260
    c.text(0, 420, "示例商城旗舰店", 42, centre=True)
    c.text(0, 500, f"-{amount}", 110, centre=True)
    c.y = 700
    c.rows([("当前状态", "支付成功"), ("支付时间", f"2025年3月18日 12:40:5{v % 10}"), ("商品", "运动鞋 一双"),
            ("商户全称", "示例商城科技有限公司"), ("支付方式", "零钱"), ("交易单号", txn),
            ("商户单号", f"SC20250318{v:06d}")], row_h=110)
    c.text(80, c.y + 20, "对订单有疑惑", 36, (87, 107, 149))
    return {"app": "wechat", "screen": "bill-detail", "txn_id": txn, "amount": amount,
            "time": f"2025-03-18T12:40:5{v % 10}+08:00", "status": "支付成功"}


def wechat_transfer(c: Canvas, v: int) -> Spec:
    txn = f"10000500012025032000{v:02d}123456789"
    amount = f"{500 + v * 100}.00"
    c.status_bar(f"10:0{v % 10}", None)
    c.rect((460, 330, 620, 490), (250, 157, 59), 80)
    status = "已收款" if v % 2 == 0 else "待收款"
    c.text(0, 540, status, 44, centre=True)
    c.text(0, 620, f"¥{amount}", 100, centre=True)
    c.y = 840
    c.rows([("转账时间", f"2025年3月20日 10:05:3{v % 10}"), ("收款时间", "2025年3月20日 10:06:02"),
            ("转账单号", txn)], row_h=100)
    return {"app": "wechat", "screen": "transfer", "txn_id": txn, "amount": amount,
            "time": f"2025-03-20T10:05:3{v % 10}+08:00", "status": status}


def wechat_change(c: Canvas, v: int) -> Spec:
    c.status_bar(f"09:1{v % 10}", "零钱明细")
    rows = [("转账-来自张三", f"+{500 + v}.00", f"2025-03-20 10:05:3{v % 10}"),
            ("示例商城旗舰店", "-59.90", "2025-03-18 12:40:55"),
            ("零钱提现", "-200.00", "2025-03-15 09:12:01")]
    y = 300.0
    c.rect((40, y, 1040, y + 40 + 200 * len(rows)), c.theme.card, 24)
    entries = []
    for name, amount, when in rows:
        c.text(80, y + 40, name, 42)
        c.text(1000, y + 40, amount, 44, right=True)
        c.text(80, y + 110, when, 34, c.theme.light)
        c.text(1000, y + 110, "余额1,234.56", 32, c.theme.light, right=True)
        y += 200
        entries.append({"amount": amount.lstrip("+-"), "time": when.replace(" ", "T") + "+08:00"})
    return {"app": "wechat", "screen": "change-detail", "txn_id": None, "amount": None, "time": None,
            "status": None, "entries": entries}


def bank_transfer(c: Canvas, v: int) -> Spec:
    txn = f"HX2025031500{v:02d}8{123456 + v:06d}"
    amount = f"{1000 + v * 250}.00"
    status = "转账成功" if v % 3 else "银行处理中"
    c.status_bar(f"14:2{v % 10}", "转账结果", bar=(200, 30, 45), ink=(255, 255, 255))
    c.text(0, 330, status, 52, (200, 30, 45), centre=True)
    c.text(0, 420, f"¥{int(amount[:-3]):,}.00", 96, centre=True)
    c.y = 620
    c.rows([("收款人", "李四"), ("收款账号", "6222 **** **** 1234"), ("收款银行", "中国工商银行"),
            ("付款账户", "招商银行(5678)"), ("交易时间", f"2025/03/15 14:22:1{v % 10}"), ("交易流水号", txn)],
           stacked=v % 2 == 1)
    c.text(0, c.y + 40, "示例银行手机银行", 30, c.theme.light, centre=True)
    return {"app": "bank", "screen": "transfer", "txn_id": txn, "amount": amount,
            "time": f"2025-03-15T14:22:1{v % 10}+08:00", "status": status}


def merchant_topup(c: Canvas, v: int) -> Spec:
    order = f"GM20250312{v:02d}0000{v + 1:02d}"
    amount = f"{218 + v * 30}.00"
    status = "充值成功" if v % 2 else "未到账"
    c.status_bar(f"20:1{v % 10}", "订单详情")
    c.text(0, 300, "示例游戏·充值中心", 40, c.theme.light, centre=True)
    c.text(0, 380, status, 56, (230, 120, 0), centre=True)
    c.y = 520
    c.rows([("订单号", order), ("充值金额", f"¥{amount}"), ("充值账号", "zhangsan_2025"), ("支付方式", "支付宝"),
            ("下单时间", f"2025-03-12 20:15:0{v % 10}")], inline=True)
    return {"app": "merchant", "screen": "top-up", "txn_id": order, "amount": amount,
            "time": f"2025-03-12T20:15:0{v % 10}+08:00", "status": status}


def merchant_balance(c: Canvas, v: int) -> Spec:
    c.status_bar(f"20:4{v % 10}", "我的钱包", bar=(22, 119, 255), ink=(255, 255, 255))
    c.rect((0, 250, 1080, 700), (22, 119, 255))
    c.text(80, 300, "点券余额（点）", 42, (220, 232, 255))
    c.text(80, 380, f"{120 + v}", 130, (255, 255, 255))
    c.y = 760
    c.text(60, 760, "最近充值记录", 44)
    c.y = 840
    c.rows([("点券充值600点", "+600"), ("点券充值300点", "+300")])
    c.text(80, c.y, "充值到账一般在5分钟内，如未到账请联系客服", 34, (230, 120, 0))
    return {"app": "merchant", "screen": "balance", "txn_id": None, "amount": None, "time": None, "status": None}


def refund(c: Canvas, v: int) -> Spec:
    txn = f"2025031822001498{v:02d}7654321012"
    amount = f"{59 + v}.90"
    c.status_bar(f"16:0{v % 10}", "退款详情")
    c.text(0, 330, "退款成功", 52, (0, 170, 90), centre=True)
    c.text(0, 420, f"¥{amount}", 96, centre=True)
    c.text(0, 560, "已原路退回至招商银行储蓄卡(1234)", 34, c.theme.light, centre=True)
    c.y = 660
    c.rows([("退款金额", f"¥{amount}"), ("退款方式", "原路退回"), ("退款时间", f"2025年3月21日 16:02:1{v % 10}"),
            ("交易单号", txn), ("退款原因", "商品未发货")])
    return {"app": "alipay" if v % 2 == 0 else "other", "screen": "refund", "txn_id": txn, "amount": amount,
            "time": f"2025-03-21T16:02:1{v % 10}+08:00", "status": "退款成功"}


def complaint(c: Canvas, v: int) -> Spec:
    order = f"2025031222001400{v:02d}00001"
    c.status_bar(f"09:3{v % 10}", "申诉进度")
    c.text(80, 300, "申诉处理中", 52)
    c.text(80, 380, "我们已收到你的申诉，将在3个工作日内处理", 34, c.theme.light)
    c.y = 480
    c.rows([("工单号", f"CS20250313000{v:02d}"), ("申诉状态", "处理中"), ("提交时间", f"2025年3月13日 09:3{v % 10}"),
            ("订单号", order), ("问题描述", "充值未到账")], inline=v % 2 == 0)
    return {"app": "other", "screen": "complaint", "txn_id": order, "amount": None,
            "time": f"2025-03-13T09:3{v % 10}:00+08:00", "status": "处理中"}


KINDS: tuple[Callable[[Canvas, int], Spec], ...] = (
    alipay_detail, alipay_list, wechat_detail, wechat_transfer, wechat_change, bank_transfer, merchant_topup,
    merchant_balance, refund, complaint)


def generate(out: Path, count: int = 32, fonts: dict[str, Path] | None = None) -> list[Generated]:
    """``count`` screens into ``out``: each kind in turn, cycling resolution, theme, font and format."""
    fonts = fonts if fonts is not None else available_fonts()
    if not fonts:
        raise FileNotFoundError("no screen font installed (apt-get install fonts-wqy-zenhei fonts-droid-fallback)")
    font_items = list(fonts.items())
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        variant = n // len(KINDS)
        size = RESOLUTIONS[(n + variant) % len(RESOLUTIONS)]
        theme = DARK if (n // 2) % 2 else LIGHT
        font_name, font_path = font_items[n % len(font_items)]
        canvas = Canvas(size, theme, font_path, LATIN_FONT if font_name in CJK_ONLY else None)
        spec = kind(canvas, variant)
        jpeg = n % 3 == 1
        name = f"{n:02d}-{kind.__name__}-{size[0]}x{size[1]}-{'dark' if theme is DARK else 'light'}" \
               f".{'jpg' if jpeg else 'png'}"
        path = out / name
        if jpeg:
            canvas.image.save(path, "JPEG", quality=75)
        else:
            canvas.image.save(path, "PNG")
        entries = spec.pop("entries", [])
        made.append(Generated(name, path, spec, entries))
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "screens-out")
    for screen in generate(target):
        print(screen.name, screen.expected)
