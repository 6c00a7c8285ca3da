#!/usr/bin/env python3
"""Batch throughput: `evidencekit batch --jobs N` against a shell loop of `evidencekit bundle`
and a shell loop of the hand chain (img2pdf + pyHanko per case).

    python bench/batch.py [--cases 20] [--jobs 2] [--repeat 1] [--workdir DIR] [--keep] [--no-hand]

Generates --cases small cases (a chat export, a note, a 360x780 PNG screenshot and a
320x240 JPEG photo each; seeded, ~150 KiB a case), makes one identity (paid by neither
side), then, interleaved per round, times

  loop   bash: for d in cases/*; do evidencekit bundle "$d" -o loop/$(basename $d).pdf --force --json --ocr none; done
  batch  evidencekit batch cases -o batch --jobs N --json --ocr none
  hand   bash: for d in cases/*; do img2pdf -o hand/N-images.pdf d/*.jpg d/*.png;
               python bench/chain.py sign KEYDIR hand/N-images.pdf hand/N.pdf; done
         (the hand chain of bench/run.py without the attach step: what a script would do per case;
         the key is made once, untimed)

with the same SOURCE_DATE_EPOCH, and checks that both made the same bytes. Prints dossiers per
minute (medians over --repeat) and writes WORKDIR/batch-results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

EPOCH = "1743561000"


def make_cases(root: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    noise = bytes(rng.getrandbits(8) for _ in range(360 * 100 * 3))
    for i in range(count):
        case = root / f"case-{i:03d}"
        case.mkdir(parents=True)
        (case / "chat.txt").write_text(
            "".join(f"2025-03-{10 + j % 18:02d} 14:{j % 60:02d}:00 {'我' if j % 2 else '客服'}：第 {i} 号投诉，"
                    f"第 {j} 条消息 / message {j}\n" for j in range(40)), encoding="utf-8")
        (case / "note.txt").write_text(f"case {i}: refund of {100 + i}.00 yuan promised, never paid\n",
                                       encoding="utf-8")
        screen = Image.new("RGB", (360, 780), (245, 245, 245))
        screen.paste(Image.frombytes("RGB", (360, 100), noise[i * 3:] + noise[:i * 3]), (0, 200))
        screen.save(case / "screenshot.png", optimize=False)
        photo = Image.frombytes("RGB", (360, 100), noise[i * 7:] + noise[:i * 7]).resize((320, 240))
        photo.save(case / "photo.jpg", quality=85)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--no-hand", action="store_true", help="leave out the hand chain loop")
    parser.add_argument("--ocr", default="none", choices=["none", "auto"],
                        help="--ocr for both bundle and batch (default none: the hand loop reads no text, and "
                             "a cache filled by the side that ran first would favour the other)")
    args = parser.parse_args()

    work = args.workdir or Path(tempfile.mkdtemp(prefix="ek-batch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    exe = str(Path(sys.executable).parent / "evidencekit")
    env = {**os.environ, "EVIDENCEKIT_HOME": str(work / "home"), "SOURCE_DATE_EPOCH": EPOCH}
    cases = work / "cases"
    if not cases.exists():
        make_cases(cases, args.cases, args.seed)
    size = sum(p.stat().st_size for p in cases.rglob("*") if p.is_file())
    subprocess.run([exe, "identity", "create", "--name", "基准 测试", "--force"], env=env, check=True,
                   stdout=subprocess.DEVNULL)

    loop_script = f'for d in "{cases}"/*/; do n=$(basename "$d"); ' \
                  f'"{exe}" bundle "$d" -o "{work}/loop/$n.pdf" --force --json --ocr {args.ocr} > /dev/null || exit 1; done'
    here = Path(__file__).resolve().parent
    bindir = Path(sys.executable).parent
    img2pdf = shutil.which("img2pdf", path=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    keydir = work / "hand-key"
    if not args.no_hand:
        subprocess.run([sys.executable, str(here / "chain.py"), "keygen", str(keydir)], check=True,
                       stdout=subprocess.DEVNULL)
    hand_script = f'for d in "{cases}"/*/; do n=$(basename "$d"); ' \
                  f'"{img2pdf}" -o "{work}/hand/$n-images.pdf" "$d"*.jpg "$d"*.png || exit 1; ' \
                  f'"{sys.executable}" "{here / "chain.py"}" sign "{keydir}" "{work}/hand/$n-images.pdf" ' \
                  f'"{work}/hand/$n.pdf" > /dev/null || exit 1; done'
    sides = ["loop", "batch"] + ([] if args.no_hand else ["hand"])
    times: dict[str, list[float]] = {side: [] for side in sides}
    for round_ in range(args.repeat):
        for side in sides[round_ % len(sides):] + sides[:round_ % len(sides)]:
            shutil.rmtree(work / side, ignore_errors=True)
            if side in ("loop", "hand"):
                (work / side).mkdir()
                seconds = timed(["bash", "-c", loop_script if side == "loop" else hand_script], env)
            else:
                seconds = timed([exe, "batch", str(cases), "-o", str(work / "batch"), "--jobs", str(args.jobs),
                                 "--json", "--ocr", args.ocr], env)
            times[side].append(seconds)
            print(f"round {round_ + 1} {side}: {seconds:.2f} s", file=sys.stderr)

    same = all((work / "loop" / f"{c.name}.pdf").read_bytes() == (work / "batch" / f"{c.name}.pdf").read_bytes()
               for c in sorted(cases.iterdir()))
    medians = {side: statistics.median(values) for side, values in times.items()}
    per_minute = {side: args.cases * 60 / seconds for side, seconds in medians.items()}
    results = {"cases": args.cases, "case_bytes": size, "jobs": args.jobs, "cpus": os.cpu_count(),
               "seconds": times, "median_seconds": medians, "dossiers_per_minute": per_minute,
               "speedup": per_minute["batch"] / per_minute["loop"], "byte_identical": same,
               "speedup_vs_hand": per_minute["batch"] / per_minute["hand"] if "hand" in per_minute else None}
    (work / "batch-results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"| {args.cases} cases, {size / args.cases / 1024:.0f} KiB each | seconds (median of {args.repeat}) "
          f"| dossiers per minute |")
    print("|---|---|---|")
    print(f"| shell loop of `bundle` | {medians['loop']:.1f} | {per_minute['loop']:.0f} |")
    print(f"| `batch --jobs {args.jobs}` | {medians['batch']:.1f} | {per_minute['batch']:.0f} |")
    if "hand" in medians:
        print(f"| hand loop (img2pdf + pyHanko per case) | {medians['hand']:.1f} | {per_minute['hand']:.0f} |")
    print(f"speed-up {results['speedup']:.2f}x the bundle loop"
          + (f", {results['speedup_vs_hand']:.2f}x the hand loop" if "hand" in medians else "")
          + f"; batch and loop dossiers byte-identical: {same}")
    if not args.keep and args.workdir is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
