#!/usr/bin/env python3
"""Huge single inputs: do `inspect` and `bundle` stay within memory, and grow linearly?

    python bench/big_inputs.py [--scale-mb 320] [--inputs oneline,cr,rows,telegram]
                               [--steps inspect,bundle,verify] [--workdir DIR] [--keep]
                               [--timeout 900] [--rss-cap-mb 8000] [--json FILE]

Each input is generated (seeded, streamed to disk, never held in memory) into a case folder of
its own under a temporary directory (never the repository), with a case.toml that marks one
transaction near the end of the file as disputed:

  oneline   a WeChat Pay bill whose line breaks are gone: one line, no newline at all
  cr        a WeChat Pay bill (UTF-8 with BOM) with CR-only line endings (old Mac tools)
  rows      an Alipay 2023 bill (GB18030, CRLF), millions of ordinary rows
  telegram  a Telegram Desktop result.json (one chat, 1-space indented as Desktop writes it):
            messages with text as a string or a list of entities, text_entities, service
            messages, photos and voice messages not exported

Then `evidencekit inspect DIR --json`, `evidencekit bundle DIR -o OUT --force --no-tsa` and
`evidencekit verify OUT` run on each as child processes. Wall time: perf_counter from spawn to
reap. Peak memory: the child's own ru_maxrss from os.wait4 (what GNU `time -v` prints as
"Maximum resident set size"). A watchdog kills a child that passes --rss-cap-mb or --timeout
(the row then says so), so a run "before the fix" cannot take the machine down.

Run it at two scales (e.g. --scale-mb 80 and --scale-mb 320) to see that time grows linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, TextIO

MIB = 1024 * 1024
INPUTS = ("oneline", "cr", "rows", "telegram")
STEPS = ("inspect", "bundle", "verify")

WECHAT_HEADER = "交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注"
ALIPAY_HEADER = ("交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,"
                 "交易订单号,商家订单号,备注,")
SHOPS = ["示例便利店", "示例超市", "示例游戏科技有限公司", "示例外卖平台", "示例打车", "示例书店",
         "示例咖啡", "示例电影院", "示例药房", "示例水果店"]
GOODS = ["日用品", "午餐", "点券充值", "车费", "图书", "拿铁", "电影票", "感冒药", "苹果", "会员月卡"]
WORDS = ("您好 请问 充值 什么时候 到账 订单号 已经 提交 工单 客服 退款 处理中 麻烦 尽快 谢谢 "
         "please check the order refund status today ticket 48小时 内 回复 银行卡 扣款 成功 但是 没有 收到").split()


# ----------------------------------------------------------------------------- inputs

def _wechat_row(rnd: random.Random, n: int) -> str:
    minutes = n * 3
    day, rest = divmod(minutes, 24 * 60)
    when = f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d} {rest // 60:02d}:{rest % 60:02d}:{n % 60:02d}"
    shop = SHOPS[n % len(SHOPS)]
    amount = f"¥{rnd.randint(100, 99999) / 100:.2f}"
    return (f"{when},商户消费,{shop},\"{GOODS[n % len(GOODS)]}\",支出,{amount},零钱,支付成功,"
            f"{4200000000000000000000000000 + n}\t,{10000000000 + n}\t,/")


def wechat_id(n: int) -> str:
    return str(4200000000000000000000000000 + n)


def _wechat_preamble(rows_hint: int) -> list[str]:
    return [
        "微信支付账单明细,,,,,,,,,,",
        "微信昵称：[示例用户],,,,,,,,,,",
        "起始时间：[2025-01-01 00:00:00] 终止时间：[2025-12-31 23:59:59],,,,,,,,,,",
        "导出类型：[全部],,,,,,,,,,",
        "导出时间：[2026-01-01 10:00:00],,,,,,,,,,",
        ",,,,,,,,,,",
        f"共{rows_hint}笔记录,,,,,,,,,,",
        "----------------------微信支付账单明细列表--------------------,,,,,,,,,,",
    ]


def write_wechat(path: Path, size: int, newline: str, rnd: random.Random) -> dict:
    """A WeChat Pay CSV of about ``size`` bytes; ``newline=""`` joins the rows with ',' into one line."""
    sep = newline or ","
    rows = _rows_for(size, lambda i: _wechat_row(random.Random(i), i) + sep, "utf-8")
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(sep.join(_wechat_preamble(rows)) + sep + WECHAT_HEADER + sep)
        _write_rows(out, rows, lambda i: _wechat_row(rnd, i), sep)
    return {"rows": rows, "disputed_id": wechat_id(rows - 3)}


def _alipay_row(rnd: random.Random, n: int) -> str:
    minutes = n * 3
    day, rest = divmod(minutes, 24 * 60)
    when = f"2025-{1 + day // 28 % 12:02d}-{1 + day % 28:02d} {rest // 60:02d}:{rest % 60:02d}:{n % 60:02d}"
    amount = f"{rnd.randint(100, 99999) / 100:.2f}"
    return (f"{when} ,餐饮美食 ,{SHOPS[n % len(SHOPS)]} ,shop***@example.com ,{GOODS[n % len(GOODS)]} ,支出 ,"
            f"{amount} ,余额宝 ,交易成功 ,{2025010122001400000000 + n}\t,MO{n:014d}\t, ,")


def alipay_id(n: int) -> str:
    return str(2025010122001400000000 + n)


def write_alipay(path: Path, size: int, rnd: random.Random) -> dict:
    preamble = ["-" * 84, "导出信息：", "姓名：张三", "支付宝账户：zhang***@example.com",
                "起始时间：[2025-01-01 00:00:00]    终止时间：[2025-12-31 23:59:59]", "导出交易类型：[全部]",
                "导出时间：[2026-01-01 10:20:00]", "", "特别提示：", "1. 合成示例数据。", "",
                "------------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------"]
    rows = _rows_for(size, lambda i: _alipay_row(random.Random(i), i) + "\r\n", "gb18030")
    preamble.insert(7, f"共{rows}笔记录")
    with path.open("w", encoding="gb18030", newline="") as out:
        out.write("\r\n".join(preamble) + "\r\n" + ALIPAY_HEADER + "\r\n")
        _write_rows(out, rows, lambda i: _alipay_row(rnd, i), "\r\n")
    return {"rows": rows, "disputed_id": alipay_id(rows - 3)}


def _rows_for(size: int, sample: Callable[[int], str], encoding: str) -> int:
    """How many rows make about ``size`` bytes, from the mean size of a sample of rows."""
    mean = sum(len(sample(i).encode(encoding)) for i in range(1000)) / 1000
    return max(10, int(size / mean))


def _write_rows(out: TextIO, rows: int, make: Callable[[int], str], sep: str) -> None:
    for start in range(0, rows, 2000):
        out.write(sep.join(make(i) for i in range(start, min(rows, start + 2000))) + sep)


def _telegram_message(rnd: random.Random, n: int) -> dict:
    unix = 1735689600 + n * 37
    date = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(unix + 8 * 3600))
    who, who_id = (("Zhang San", "user2002") if n % 2 else ("Support", "user1001"))
    base = {"id": n + 1, "type": "message", "date": date, "date_unixtime": str(unix), "from": who, "from_id": who_id}
    if n % 97 == 0:
        return {"id": n + 1, "type": "service", "date": date, "date_unixtime": str(unix), "actor": who,
                "actor_id": who_id, "action": "phone_call", "duration_seconds": n % 300, "text": "",
                "text_entities": []}
    words = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 30)))
    if n % 53 == 0:
        base.update({"file": "(File not included. Change data exporting settings to download.)",
                     "media_type": "voice_message", "mime_type": "audio/ogg", "duration_seconds": 7,
                     "text": "", "text_entities": []})
    elif n % 41 == 0:
        base.update({"photo": "(File not included. Change data exporting settings to download.)",
                     "width": 1080, "height": 2340, "text": words,
                     "text_entities": [{"type": "plain", "text": words}]})
    elif n % 5 == 0:
        order = f"2025{n:018d}"
        entities = [{"type": "plain", "text": "订单 "}, {"type": "code", "text": order},
                    {"type": "plain", "text": f" {words} "},
                    {"type": "text_link", "text": "回单", "href": f"https://example.com/r/{n}"}]
        base.update({"text": ["订单 ", {"type": "code", "text": order}, f" {words} ",
                              {"type": "text_link", "text": "回单", "href": f"https://example.com/r/{n}"}],
                     "text_entities": entities})
    else:
        base.update({"text": words, "text_entities": [{"type": "plain", "text": words}]})
    return base


def write_telegram(path: Path, size: int, rnd: random.Random) -> dict:
    """A one-chat result.json of about ``size`` bytes, written message by message."""
    n = 0
    written = 0
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Support",\n "type": "personal_chat",\n "id": 123456,\n "messages": [\n')
        while written < size:
            chunk = []
            for _ in range(1000):
                text = json.dumps(_telegram_message(rnd, n), ensure_ascii=False, indent=1)
                chunk.append("  " + text.replace("\n", "\n  "))
                n += 1
            text = ("" if written == 0 else ",\n") + ",\n".join(chunk)
            out.write(text)
            written += len(text.encode("utf-8"))
        out.write("\n ]\n}\n")
    return {"messages": n}


def make_inputs(root: Path, names: list[str], size: int, seed: int = 8) -> dict[str, dict]:
    """One case folder per input under ``root``; what each holds."""
    made: dict[str, dict] = {}
    for name in names:
        rnd = random.Random(f"{seed}-{name}")
        case = root / name
        case.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if name == "oneline":
            info = write_wechat(case / "wechat_bill.csv", size, "", rnd)
        elif name == "cr":
            info = write_wechat(case / "wechat_bill.csv", size, "\r", rnd)
        elif name == "rows":
            info = write_alipay(case / "alipay_bill.csv", size, rnd)
        elif name == "telegram":
            info = write_telegram(case / "result.json", size, rnd)
        else:
            raise SystemExit(f"unknown input {name!r}; choose from {', '.join(INPUTS)}")
        toml = '[case]\ntitle = "big input benchmark"\n'
        if "disputed_id" in info:
            toml += f'\n[[transactions]]\nid = "{info["disputed_id"]}"\ndisputed = true\n'
        (case / "case.toml").write_text(toml, encoding="utf-8")
        info["bytes"] = sum(p.stat().st_size for p in case.iterdir() if p.name != "case.toml")
        info["generated_s"] = round(time.perf_counter() - t0, 1)
        made[name] = info
        print(f"made {name}: {info['bytes'] / MIB:.0f} MiB in {info['generated_s']} s", file=sys.stderr)
    return made


# ----------------------------------------------------------------------------- measuring

@dataclass
class Run:
    input: str
    step: str
    seconds: float
    max_rss_mb: float
    rc: int | None
    note: str = ""
    output_bytes: int | None = None


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(name: str, step: str, argv: list[str], env: dict[str, str], stdout: Path, stderr: Path,
            timeout: float, rss_cap_mb: float) -> Run:
    """Run ``argv``; its wall time and own peak RSS. A watchdog kills it past the caps."""
    killed: list[str] = []
    with stdout.open("wb") as out, stderr.open("wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, start_new_session=True)
        done = threading.Event()

        def watch() -> None:
            while not done.wait(0.2):
                over_time = time.perf_counter() - t0 > timeout
                over_rss = _rss_kib(proc.pid) / 1024 > rss_cap_mb
                if over_time or over_rss:
                    killed.append(f"killed: over {timeout:.0f} s" if over_time else f"killed: RSS over {rss_cap_mb:.0f} MiB")
                    os.killpg(proc.pid, signal.SIGKILL)
                    return

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(proc.pid, 0)
        done.set()
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    note = killed[0] if killed else ""
    if proc.returncode != 0 and not note:
        note = stderr.read_text(errors="replace").strip().splitlines()[-1:][0][:200] if stderr.stat().st_size else ""
    return Run(name, step, round(seconds, 1), round(usage.ru_maxrss / 1024, 1), proc.returncode, note)


def evidencekit() -> str:
    found = shutil.which("evidencekit", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    if not found:
        raise SystemExit("evidencekit is not installed in this Python's environment")
    return found


def run_all(root: Path, names: list[str], steps: list[str], timeout: float, rss_cap_mb: float) -> list[Run]:
    exe = evidencekit()
    env = {**os.environ, "EVIDENCEKIT_HOME": str(root / "home")}
    env.pop("EVIDENCEKIT_TSA", None)
    runs: list[Run] = []
    for name in names:
        case, pdf, logs = root / name, root / f"{name}.pdf", root / "logs"
        logs.mkdir(exist_ok=True)
        argvs = {
            "inspect": [exe, "inspect", str(case), "--json"],
            "bundle": [exe, "bundle", str(case), "-o", str(pdf), "--force", "--no-tsa"],
            "verify": [exe, "verify", str(pdf)],
        }
        for step in steps:
            if step == "verify" and not pdf.exists():
                continue
            out = logs / f"{name}.{step}.out"
            run = measure(name, step, argvs[step], env, out, logs / f"{name}.{step}.err", timeout, rss_cap_mb)
            if run.rc == 0:
                run.output_bytes = (pdf if step == "bundle" else out).stat().st_size
            runs.append(run)
            print(f"{name:9} {step:8} {run.seconds:8.1f} s {run.max_rss_mb:8.0f} MiB  rc={run.rc} {run.note}",
                  file=sys.stderr)
    return runs


def print_table(made: dict[str, dict], runs: list[Run]) -> None:
    print("| input | size | step | wall | peak RSS | exit | output |")
    print("|---|---|---|---|---|---|---|")
    for run in runs:
        size = f"{made[run.input]['bytes'] / MIB:.0f} MiB"
        out = f"{run.output_bytes / MIB:.1f} MiB" if run.output_bytes is not None else run.note
        print(f"| {run.input} | {size} | {run.step} | {run.seconds:.1f} s | {run.max_rss_mb:.0f} MiB | {run.rc} | {out} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale-mb", type=float, default=320, help="size of each input in MiB (default 320)")
    parser.add_argument("--inputs", default=",".join(INPUTS), help=f"comma-separated, from {','.join(INPUTS)}")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"comma-separated, from {','.join(STEPS)}")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a new temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs and outputs")
    parser.add_argument("--timeout", type=float, default=900, help="kill a step after this many seconds")
    parser.add_argument("--rss-cap-mb", type=float, default=8000, help="kill a step whose RSS passes this")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    names = [n for n in args.inputs.split(",") if n]
    steps = [s for s in args.steps.split(",") if s]
    if unknown := [s for s in steps if s not in STEPS]:
        parser.error(f"unknown step {unknown[0]!r}")
    root = args.workdir or Path(tempfile.mkdtemp(prefix="ek-big-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        made = make_inputs(root, names, int(args.scale_mb * MIB))
        runs = run_all(root, names, steps, args.timeout, args.rss_cap_mb)
        print_table(made, runs)
        if args.json:
            args.json.write_text(json.dumps({"scale_mb": args.scale_mb, "inputs": made,
                                             "runs": [asdict(r) for r in runs]}, indent=1))
    finally:
        if args.keep:
            print(f"kept {root}", file=sys.stderr)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return 0 if all(r.rc == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
