#!/usr/bin/env python3
"""OCR of screenshots (issue 10): seconds per screen, and bundle time with and without it.

    python bench/screens.py [--count 50] [--workdir bench-out/screens]

Generates ``--count`` phone screens (tests/screens_gen.py: 10 kinds, 3 resolutions, light and
dark, PNG and JPEG q75) into WORKDIR/case, then

1. reads each once in this process with the engine loaded (no cache): OCR seconds per screen;
2. runs ``evidencekit bundle`` on the case (a fresh process each time, EVIDENCEKIT_HOME in WORKDIR):
   ``--ocr none``; ``--ocr auto`` with an empty OCR cache (cold); and again with the cache it
   left (warm) — interleaved ``--repeat`` times;

and prints a table (and WORKDIR/results.json). Needs the screen fonts (fonts-wqy-zenhei,
fonts-droid-fallback, fonts-dejavu-core).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

from tests.screens_gen import generate  # noqa: E402

from evidencekit.screens import engine  # noqa: E402


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def bundle(case: Path, out: Path, home: Path, ocr: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the bundle process; its OCR workers, forked by a fork server, are not
    counted there)."""
    env = dict(os.environ, EVIDENCEKIT_HOME=str(home), SOURCE_DATE_EPOCH="1743561000")
    cmd = [str(Path(sys.executable).parent / "evidencekit"), "bundle", str(case), "-o", str(out), "--force",
           "--ocr", ocr, "--json"]
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, _children_cpu() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--per-screen", type=int, default=None, help="time OCR on only the first N screens")
    parser.add_argument("--workdir", type=Path, default=REPO / "bench-out" / "screens")
    args = parser.parse_args(argv)
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    case = work / "case"
    home = work / "home"
    made = generate(case, count=args.count)
    print(f"{len(made)} screens in {case}", file=sys.stderr)

    start = time.perf_counter()
    engine._load_engine()
    load = time.perf_counter() - start
    per_screen, per_screen_cpu = [], []
    for shot in made[:args.per_screen]:
        start, cpu = time.perf_counter(), time.process_time()
        engine.recognise(shot.path)
        per_screen.append(time.perf_counter() - start)
        per_screen_cpu.append(time.process_time() - cpu)
        print(f"  {shot.name}: {per_screen[-1]:.2f} s ({per_screen_cpu[-1]:.2f} s CPU)", file=sys.stderr)

    from evidencekit.identity import create_identity, default_identity_path

    os.environ["EVIDENCEKIT_HOME"] = str(home)
    from evidencekit.clock import system_clock

    create_identity(default_identity_path(), "bench", now=system_clock())
    runs: dict[str, list[tuple[float, float]]] = {"none": [], "cold": [], "warm": []}
    out = work / "d.pdf"
    for n in range(args.repeat):
        runs["none"].append(bundle(case, out, home, "none"))
        shutil.rmtree(home / engine.CACHE_FOLDER, ignore_errors=True)
        runs["cold"].append(bundle(case, out, home, "auto"))
        runs["warm"].append(bundle(case, out, home, "auto"))
        print(f"  run {n + 1}: " + ", ".join(f"{k} {v[-1][0]:.1f} s ({v[-1][1]:.1f} s CPU)" for k, v in runs.items()),
              file=sys.stderr)

    def summary(values: list[float]) -> dict[str, float]:
        return {"median": round(statistics.median(values), 2), "mean": round(statistics.mean(values), 2),
                "min": round(min(values), 2), "max": round(max(values), 2)}

    results = {
        "screens": len(made), "cores": os.cpu_count(), "engine": engine.engine_version(),
        "engine_load_s": round(load, 2),
        "ocr_wall_s_per_screen": summary(per_screen), "ocr_cpu_s_per_screen": summary(per_screen_cpu),
        "bundle": {k: {"wall_s": [round(w, 1) for w, _ in v], "cpu_s": [round(c, 1) for _, c in v]}
                   for k, v in runs.items()},
        "load_average_after": os.getloadavg(),
    }
    (work / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"engine load: {load:.2f} s")
    print("OCR per screen, wall (one process, all threads): median {median} s, mean {mean} s, min {min} s, "
          "max {max} s".format(**results["ocr_wall_s_per_screen"]))
    print("OCR per screen, CPU: median {median} s, mean {mean} s".format(**results["ocr_cpu_s_per_screen"]))
    for k, v in runs.items():
        wall = statistics.median(w for w, _ in v)
        cpu = statistics.median(c for _, c in v)
        print(f"bundle of {len(made)} screens, {k}: {wall:.1f} s wall, {cpu:.1f} s CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
