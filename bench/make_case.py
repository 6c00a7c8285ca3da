#!/usr/bin/env python3
"""Generate a large, realistic evidence folder for the benchmark.

    python bench/make_case.py [--files 600] [--size-mb 1000] [--bill-rows 2000]
                              [--chat-messages 2000] [--seed 1] OUT

What it writes (OUT must not exist, or must be empty):
  case.toml                      a valid case (DESIGN.md schema), the disputed transaction in it
  screens/*.png                  1080x2340 phone screenshots, each with a noisy picture area so
                                 they weigh what real screenshots weigh (0.3-3 MB)
  photos/*.jpg                   JPEG photos at quality 95 with EXIF (time, offset, make/model,
                                 orientation 1 or 6, GPS), 4:3, sized to the budget
  receipts/*.pdf                 one-page 电子回单 with the CJK font embedded
  bills/alipay_record_*.csv      one Alipay 2023+ bill (GB18030) with --bill-rows rows
  chats/客服聊天.txt             one 留痕 TXT chat export with --chat-messages messages
  recordings/*.wav|*.amr|*.silk  call recordings (tones and noise, no voices), AMR voice
                                 notes, WeChat SILK v3 voice notes

Sizes are binary: --size-mb 1000 aims at 1000 MiB in all (within a few per cent).
Deterministic: the same arguments give the same bytes. Fast: a few base images are drawn
and encoded once; each file is a base with its own metadata spliced in (a PNG tEXt chunk,
a JPEG EXIF segment), so no image is encoded per file.
"""

from __future__ import annotations

import argparse
import json
import random
import struct
import sys
import time
import zlib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "fixtures"))
import make_sample_case as sample  # noqa: E402
import phone_ui  # noqa: E402

MiB = 1 << 20
BASES = 8  # distinct images per kind


# --- planning ----------------------------------------------------------------------------
@dataclass
class Plan:
    screens: int
    photos: int
    receipts: int
    calls: int
    amrs: int
    silks: int

    @property
    def total(self) -> int:  # + bill + chat
        return self.screens + self.photos + self.receipts + self.calls + self.amrs + self.silks + 2


def plan_counts(files: int) -> Plan:
    """Split `files` (bill and chat included) across kinds, like a real heavy case."""
    if files < 2:
        raise SystemExit("--files must be at least 2 (the bill and the chat)")
    rest = files - 2
    shares = [("screens", 0.42), ("photos", 0.33), ("receipts", 0.10), ("calls", 0.06),
              ("amrs", 0.05), ("silks", 0.04)]
    counts = {k: int(rest * s) for k, s in shares}
    i = 0
    while sum(counts.values()) < rest:  # hand out the remainder, screens first
        counts[shares[i % len(shares)][0]] += 1
        i += 1
    return Plan(**counts)


# --- byte-level helpers ----------------------------------------------------------------------
def png_with_text(base: bytes, key: str, text: str) -> bytes:
    """Insert a tEXt chunk before IEND: a valid PNG with its own bytes, no re-encoding."""
    data = key.encode("latin-1") + b"\x00" + text.encode("latin-1")
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    iend = base.rindex(b"IEND") - 4
    return base[:iend] + chunk + base[iend:]


def jpeg_with_exif(base: bytes, exif: bytes) -> bytes:
    """Insert an APP1 EXIF segment after SOI (and after a JFIF APP0 if present)."""
    assert base[:2] == b"\xff\xd8"
    pos = 2
    if base[2:4] == b"\xff\xe0":
        pos = 4 + struct.unpack(">H", base[4:6])[0]
    segment = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    return base[:pos] + segment + base[pos:]


def noise_rgb(rnd: random.Random, size: tuple[int, int]) -> Image.Image:
    return Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))


# --- screenshots ---------------------------------------------------------------------------
def screenshot_base(rnd: random.Random, idx: int, target: int) -> bytes:
    """A bill-detail page whose product picture is noise sized so the PNG weighs ~target."""
    amount = f"{rnd.randint(1, 2000)}.{rnd.randint(0, 99):02d}"
    page = phone_ui.bill_detail(
        clock=f"{rnd.randint(8, 23):02d}:{rnd.randint(0, 59):02d}",
        counterparty=rnd.choice(["示例游戏科技有限公司", "示例超市", "示例餐厅", "示例充值平台"]),
        amount=f"-{amount}",
        status=rnd.choice(["交易成功", "交易成功", "交易关闭", "等待付款"]),
        rows=[("支付时间", f"2025-03-{rnd.randint(1, 28):02d} {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:00"),
              ("付款方式", sample.CARD),
              ("商品说明", "点券充值"),
              ("交易单号", f"2025031222001400{idx:06d}")],
    )
    ui_png = _encode_png(page)
    # a "商品快照" (product snapshot) card over the lower part of the page, its picture
    # incompressible RGB noise (~3 bytes a pixel in a PNG) sized to reach the target
    pixels = max(0, target - len(ui_png)) // 3
    if pixels:
        d = ImageDraw.Draw(page)
        d.rounded_rectangle((40, 1400, 1040, 2180), radius=24, fill=phone_ui.WHITE)
        d.text((80, 1425), "商品快照", font=phone_ui.font(40), fill=phone_ui.TEXT)
        w = min(960, max(100, int((pixels * 4 / 3) ** 0.5)))
        h = min(640, max(1, pixels // w))
        x, y = (phone_ui.WIDTH - w) // 2, 1500
        page.paste(noise_rgb(rnd, (w, h)), (x, y))
    return _encode_png(page)


def _encode_png(image: Image.Image) -> bytes:
    import io

    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6)
    return buf.getvalue()


# --- photos --------------------------------------------------------------------------------
def photo_pixels(rnd: random.Random, size: tuple[int, int]) -> Image.Image:
    """Photo-like texture: coarse noise upscaled (shapes, light) plus fine sensor noise."""
    w, h = size
    coarse = noise_rgb(rnd, (max(1, w // 16), max(1, h // 16))).resize(size, Image.Resampling.BICUBIC)
    fine = noise_rgb(rnd, size)
    return Image.blend(coarse, fine, 0.22)


def photo_bytes_per_pixel(rnd: random.Random) -> float:
    import io

    tile = photo_pixels(rnd, (640, 480))
    buf = io.BytesIO()
    tile.save(buf, format="JPEG", quality=95)
    return len(buf.getvalue()) / (640 * 480)


def photo_base(rnd: random.Random, target: int, bpp: float) -> bytes:
    import io

    pixels = max(320 * 240, int(target / bpp))
    w = int((pixels * 4 / 3) ** 0.5) // 16 * 16
    h = w * 3 // 4
    img = photo_pixels(rnd, (max(16, w), max(16, h)))
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=95)
    return buf.getvalue()


# --- audio ---------------------------------------------------------------------------------
def tone_pcm(freq: float, seconds: float, rate: int = 8000, amp: float = 0.3) -> bytes:
    import math

    n = int(seconds * rate)
    return b"".join(struct.pack("<h", int(amp * 32767 * math.sin(2 * math.pi * freq * i / rate)))
                    for i in range(n))


def wav_bytes(pcm: bytes, rate: int = 8000) -> bytes:
    """RIFF/WAVE, PCM 16-bit mono."""
    fmt = struct.pack("<HHIIHH", 1, 1, rate, rate * 2, 2, 16)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", len(pcm)) + pcm
    return b"RIFF" + struct.pack("<I", len(body)) + body


def silk_bytes(rnd: random.Random, frames: int) -> bytes:
    """WeChat voice: '\\x02#!SILK_V3' then length-prefixed frames (random payload)."""
    out = [b"\x02#!SILK_V3"]
    for _ in range(frames):
        n = rnd.randint(20, 60)
        out.append(struct.pack("<H", n) + rnd.randbytes(n))
    out.append(b"\xff\xff")
    return b"".join(out)


# --- bill and chat -------------------------------------------------------------------------
def bill_rows(rnd: random.Random, n: int) -> list[list[str]]:
    cats = [("餐饮美食", "示例餐厅", "午餐"), ("日用百货", "示例超市", "日用品"), ("交通出行", "示例地铁", "地铁出行"),
            ("充值缴费", "中国移动", "话费充值"), ("转账红包", "李*", "转账"), ("充值缴费", sample.COUNTERPARTY, "点券充值")]
    rows = []
    start = 1741017600  # 2025-03-04 00:00 +08:00 (as a naive Beijing time below)
    for i in range(max(0, n - 1)):
        cat, who, what = rnd.choice(cats)
        ts = start - i * 1800 - rnd.randint(0, 1700)
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts + 8 * 3600))
        direction = rnd.choice(["支出"] * 8 + ["收入", "不计收支"])
        amount = f"{Decimal(rnd.randint(100, 50000)) / 100:.2f}"
        rows.append([when, cat, who, "", what, direction, amount, rnd.choice(["余额宝", sample.CARD, "余额"]),
                     rnd.choice(["交易成功"] * 9 + ["交易关闭"]), f"2025{i:018d}", f"M{i:015d}", ""])
    disputed = ["2025-03-12 20:15:03", "充值缴费", sample.COUNTERPARTY, "pay***@example.com", "点券充值", "支出",
                sample.AMOUNT, sample.CARD, "交易成功", sample.TXN_ID, sample.MERCHANT_ORDER, ""]
    rows.append(disputed)
    rows.sort(key=lambda r: r[0], reverse=True)
    return rows


def chat_messages(rnd: random.Random, n: int) -> list[tuple[str, str, str]]:
    lines_agent = ["您好，请问有什么可以帮您？", "请提供一下交易单号", "正在为您查询，请稍等",
                   f"已为您登记工单，工单号{sample.TICKET_1}", "商户暂未回复，请耐心等待", "[图片]"]
    lines_me = ["充值的点券没有到账", f"交易单号{sample.TXN_ID}", "已经过去很久了，请尽快处理",
                "[语音]", "[图片]", "好的，谢谢", "请问什么时候能处理好？"]
    out = []
    ts = 1741831331  # 2025-03-13 10:02:11 +08:00
    for i in range(n):
        ts += rnd.randint(5, 600)
        who = "支付宝客服" if i % 2 == 0 else "我"
        text = rnd.choice(lines_agent if who != "我" else lines_me)
        if rnd.random() < 0.1:
            text += "\n" + rnd.choice(["补充说明：金额218.00元", "（第二行）订单在3月12日晚上"])
        out.append((time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts + 8 * 3600)), who, text))
    return out


# --- the generator --------------------------------------------------------------------------
def make_case(out: Path, *, files: int = 600, size_mb: float = 1000, bill_rows_n: int = 2000,
              chat_messages_n: int = 2000, seed: int = 1) -> dict:
    """Write the case to `out`; return a summary (counts per kind, total bytes, seconds)."""
    t0 = time.perf_counter()
    rnd = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"{out} is not empty")
    plan = plan_counts(files)
    written: dict[str, int] = {}

    def put(rel: str, data: bytes) -> None:
        p = out / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        written[rel] = len(data)

    # fixed-size items first, then spread what is left of the budget
    put("bills/alipay_record_20250401.csv",
        sample.alipay_csv_text(bill_rows(rnd, bill_rows_n), start="2024-01-01 00:00:00").encode("gb18030"))
    put("chats/客服聊天.txt", sample.chat_text(chat_messages(rnd, chat_messages_n)).encode("utf-8"))
    for i in range(plan.receipts):
        rel = f"receipts/电子回单_{i + 1:04d}.pdf"
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        txn = sample.TXN_ID if i == 0 else f"2025031222001401{i:06d}"
        sample.make_receipt(out, out / rel, txn_id=txn, amount=sample.AMOUNT if i == 0 else f"{rnd.randint(1, 999)}.00")
        written[rel] = (out / rel).stat().st_size
    for i in range(plan.amrs):
        put(f"recordings/voice_{i + 1:04d}.amr", sample.amr_bytes(rnd.randint(100, 3000)))
    for i in range(plan.silks):
        put(f"recordings/语音_{i + 1:04d}.amr", silk_bytes(rnd, rnd.randint(100, 3000)))  # SILK, .amr name: as WeChat

    # per-file sizes in proportion to what real files weigh: a photo ~2.5x a screenshot,
    # a call recording ~2x; the call recordings (exact sizes) take up whatever is left.
    target = int(size_mb * MiB)
    budget = max(0, target - sum(written.values()))
    weights = {"screens": 1.0, "photos": 2.5, "calls": 2.0}
    unit = budget / (sum(w * getattr(plan, k) for k, w in weights.items()) or 1)
    per_file = {k: unit * w for k, w in weights.items()}

    # screenshots: a few bases, jittered in size around the target
    factors = [0.6 + 0.8 * j / max(1, BASES - 1) for j in range(BASES)]  # mean 1.0
    if plan.screens:
        bases = [screenshot_base(rnd, j, int(per_file["screens"] * f)) for j, f in enumerate(factors[: plan.screens])]
        for i in range(plan.screens):
            day, sec = 1 + i % 28, i * 37 % 86400
            stamp = f"2025-03-{day:02d}-{sec // 3600:02d}-{sec // 60 % 60:02d}-{sec % 60:02d}"
            put(f"screens/Screenshot_{stamp}-{i:03d}_com.eg.android.AlipayGphone.png",
                png_with_text(bases[i % len(bases)], "Comment", f"evidencekit bench screenshot {i}"))
    if plan.photos:
        bpp = photo_bytes_per_pixel(rnd)
        bases = [photo_base(rnd, int(per_file["photos"] * f), bpp) for f in factors[: plan.photos]]
        for i in range(plan.photos):
            day, sec = 1 + i % 28, (i * 611) % 86400
            when = f"2025:03:{day:02d} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}"
            exif = sample.photo_exif(when, orientation=6 if i % 2 else 1,
                                     lat=39.9 + i * 1e-4, lon=116.39 + i * 1e-4).tobytes()
            put(f"photos/IMG_2025030{1 + i % 9}_{sec:05d}_{i:04d}.jpg", jpeg_with_exif(bases[i % len(bases)], exif))
    if plan.calls:
        rate = 8000
        left = max(0, target - sum(written.values()))
        sizes = [factors[i % BASES] for i in range(plan.calls)]
        sizes = [max(rate * 2, int(left * f / sum(sizes)) // 2 * 2 - 44) for f in sizes]
        longest = max(sizes) + rate * 2 * 10
        noise = rnd.randbytes(longest)
        ring = tone_pcm(450, 1.0) + b"\x00" * rate * 2  # ring-back: 1 s tone, 1 s silence
        for i in range(plan.calls):
            size = sizes[i]
            offset = rnd.randrange(0, rate * 2 * 10) // 2 * 2
            pcm = (ring * 3 + noise[offset: offset + size])[:size]
            put(f"recordings/call_{i + 1:04d}.wav", wav_bytes(pcm, rate))

    (out / "case.toml").write_text(case_toml(), encoding="utf-8")
    kinds: dict[str, int] = {}
    for rel in written:
        kinds[rel.split("/")[0]] = kinds.get(rel.split("/")[0], 0) + 1
    return {"out": str(out), "files": len(written), "bytes": sum(written.values()),
            "per_folder": dict(sorted(kinds.items())),
            "bill_rows": bill_rows_n, "chat_messages": chat_messages_n,
            "seconds": round(time.perf_counter() - t0, 2)}


def case_toml() -> str:
    """The sample case's case.toml without its [[evidence]] notes (paths differ here)."""
    text = sample.CASE_TOML
    text = text[: text.index("[[evidence]]")].rstrip() + "\n"
    return text.replace('title = "支付宝充值未到账"', 'title = "支付宝充值未到账（基准测试用例）"')


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--files", type=int, default=600, help="evidence files in all (default 600)")
    ap.add_argument("--size-mb", type=float, default=1000, help="total size in MiB (default 1000)")
    ap.add_argument("--bill-rows", type=int, default=2000)
    ap.add_argument("--chat-messages", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    summary = make_case(a.out, files=a.files, size_mb=a.size_mb, bill_rows_n=a.bill_rows,
                        chat_messages_n=a.chat_messages, seed=a.seed)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
