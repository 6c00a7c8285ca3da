#!/usr/bin/env python3
"""Where `evidencekit bundle` spends its time, stage by stage (issue 13's breakdown).

    python bench/stages.py CASE [--repeat N] [--src DIR ...] [--args "--ocr none"]

Each round runs `evidencekit bundle CASE -o TMP --force` in a fresh process per source tree
(``--src``: the ``src`` folder of a checkout; default: this one), interleaved round by round, with
timers wrapped around the pipeline's stages. The stages run one after another on the main thread,
except that the writing of the pictures and originals overlaps the page layout: "render" is the
layout, and "wait for writing" what the layout then waited for the writing thread. Prints a table of
medians (seconds of wall time) per stage and per source tree, and the process's CPU time
(user + system, every thread). Several ``--src`` give the before and after side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# Runs inside the measured process: wraps the stages, then runs the CLI.
PROBE = r'''
import functools, json, os, resource, sys, time
T0 = time.perf_counter()
import evidencekit.pipeline as P
seen = {"imports": time.perf_counter() - T0}
marks = {}
def wrap(owner, name, label):
    real = getattr(owner, name, None)
    if real is None:
        return
    @functools.wraps(real)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        marks[label + ":start"] = start
        try:
            return real(*args, **kwargs)
        finally:
            end = time.perf_counter()
            marks[label + ":end"] = end
            seen[label] = seen.get(label, 0.0) + end - start
    setattr(owner, name, timed)
wrap(P, "collect", "collect")
wrap(P, "describe", "describe (hash, type, extract)")
wrap(P, "read_screens", "ocr")
wrap(P, "plan_dossier", "plan")
wrap(P, "register_font", "font")
wrap(P, "render_dossier", "render (layout)")
if hasattr(P, "assemble") and hasattr(P.assemble, "Assembly"):
    wrap(P.assemble.Assembly, "finish", "assemble pages, xref")
elif hasattr(P, "assembly"):
    wrap(P.assembly, "assemble", "assemble (images, pages, originals)")
wrap(P, "seal_in_place", "seal")
wrap(P, "_check_sealed", "check before delivery")
import evidencekit.fileio as F
wrap(F, "_commit", "fsync + rename")
from evidencekit.cli import main
sys.argv = ["evidencekit"] + sys.argv[1:]
try:
    code = main(standalone_mode=False) or 0
except SystemExit as exc:
    code = exc.code or 0
seen["total"] = time.perf_counter() - T0
if "assemble pages, xref:start" in marks and "render (layout):end" in marks:
    seen["wait for writing"] = max(0.0, marks["assemble pages, xref:start"] - marks["render (layout):end"])
usage = resource.getrusage(resource.RUSAGE_SELF)
seen["cpu (user+sys)"] = usage.ru_utime + usage.ru_stime
seen["peak RSS MiB"] = usage.ru_maxrss / 1024
with open(os.environ["STAGES_OUT"], "w") as out:
    json.dump({"stages": seen, "code": code}, out)
'''

ORDER = ["imports", "collect", "describe (hash, type, extract)", "ocr", "plan", "font", "render (layout)",
         "wait for writing", "assemble (images, pages, originals)", "assemble pages, xref", "seal",
         "check before delivery", "fsync + rename", "other", "total", "cpu (user+sys)", "peak RSS MiB"]


def run_once(src: Path, case: Path, extra: list[str], work: Path) -> dict[str, float]:
    out_json = work / "stages.json"
    env = {**os.environ, "PYTHONPATH": str(src), "STAGES_OUT": str(out_json),
           "EVIDENCEKIT_HOME": os.environ.get("EVIDENCEKIT_HOME", str(work / "home"))}
    argv = [sys.executable, "-c", PROBE, "bundle", str(case), "-o", str(work / "out.pdf"), "--force", *extra]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    result = json.loads(out_json.read_text()) if out_json.exists() else {"code": done.returncode}
    if done.returncode != 0 or result["code"] != 0:
        raise SystemExit(f"bundle failed ({result['code']}) with {src}:\n{done.stderr[-2000:]}")
    found: dict[str, float] = result["stages"]
    (work / "out.pdf").unlink(missing_ok=True)
    return found


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("case", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--src", type=Path, action="append", help="a checkout's src folder (repeatable)")
    ap.add_argument("--args", default="--ocr none", help="more bundle options (default: --ocr none)")
    ap.add_argument("--json", type=Path, help="write every round's figures here")
    args = ap.parse_args()
    sources = args.src or [HERE.parent / "src"]
    extra = shlex.split(args.args)
    rounds: dict[str, list[dict[str, float]]] = {str(s): [] for s in sources}
    with tempfile.TemporaryDirectory(prefix="ek-stages-") as tmp:
        work = Path(tmp)
        for n in range(args.repeat):
            order = sources if n % 2 == 0 else list(reversed(sources))
            for src in order:
                found = run_once(src, args.case, extra, work)
                named = sum(v for k, v in found.items() if k not in ("total", "cpu (user+sys)", "peak RSS MiB"))
                found["other"] = max(0.0, found["total"] - named)
                rounds[str(src)].append(found)
                print(f"round {n + 1}: {src}: total {found['total']:.2f} s", file=sys.stderr)
    keys = [k for k in ORDER if any(k in r for rs in rounds.values() for r in rs)]
    width = max(len(k) for k in keys)
    print(f"{'stage':{width}}  " + "  ".join(f"{Path(s).parent.name or s:>14}" for s in rounds))
    for key in keys:
        cells = []
        for rs in rounds.values():
            values = [r[key] for r in rs if key in r]
            cells.append(f"{statistics.median(values):14.2f}" if values else f"{'-':>14}")
        print(f"{key:{width}}  " + "  ".join(cells))
    if args.json:
        args.json.write_text(json.dumps(rounds, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
