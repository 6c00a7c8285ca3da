#!/usr/bin/env python3
"""The OCR engine's speed parameters, each measured with its accuracy (issue 10).

    python bench/ocr_params.py [--workdir bench-out/ocr-params] [--only NAME ...]

Generates the 32 screens of tests/screens_gen.py (the accuracy test's set), then, for each
configuration in a fresh process (so thread pools start clean): the engine loaded with those
parameters, every screen read once (no cache), seconds per screen (wall and CPU of the process)
and the field-level exact match on id, amount, time and status, as tests/test_screens.py counts it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))

#: name -> (RapidOCR keyword arguments, cv2.setNumThreads or None)
CONFIGS: dict[str, tuple[dict[str, Any], int | None]] = {
    "default (all cores)": ({}, None),
    "ort 1 thread": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1}, None),
    "ort 2 threads": ({"intra_op_num_threads": 2, "inter_op_num_threads": 1}, None),
    "ort 1 + cv2 1": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1}, 1),
    "ort 1, no cls": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cls": False}, None),
    "after: ort 1 + cv2 1, no cls": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cls": False}, 1),
    "ort 1, no cls, rec batch 12": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cls": False,
                                     "rec_batch_num": 12}, None),
    "ort 1, no cls, det max 960": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cls": False,
                                    "det_limit_type": "max", "det_limit_side_len": 960}, None),
    "ort 1, no cls, det max 1280": ({"intra_op_num_threads": 1, "inter_op_num_threads": 1, "use_cls": False,
                                     "det_limit_type": "max", "det_limit_side_len": 1280}, None),
}


def measure(name: str, screens: Path) -> dict[str, Any]:
    """In this process: load the engine with ``name``'s parameters and read every screen."""
    kwargs, cv2_threads = CONFIGS[name]
    if cv2_threads is not None:
        import cv2

        cv2.setNumThreads(cv2_threads)
    from tests.screens_gen import generate

    from evidencekit.screens import engine
    from evidencekit.screens.facts import screen_facts

    made = generate(screens)  # the same 32 screens each time (deterministic)
    start = time.perf_counter()
    from rapidocr_onnxruntime import RapidOCR

    engine._engine = RapidOCR(**kwargs)
    load = time.perf_counter() - start
    walls, cpus, matched, total = [], [], 0, 0
    for shot in made:
        wall, cpu = time.perf_counter(), time.process_time()
        facts = screen_facts(engine.recognise(shot.path)) or {}
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        for field in ("txn_id", "amount", "time", "status"):
            if shot.expected[field] is not None:
                total += 1
                matched += facts.get(field) == shot.expected[field]
        entries = facts.get("entries") or []
        for index, expected in enumerate(shot.entries):
            got = entries[index] if index < len(entries) else {}
            for field in ("amount", "time"):
                total += 1
                matched += got.get(field) == expected[field]
    return {"config": name, "load_s": round(load, 2), "screens": len(made),
            "wall_median_s": round(statistics.median(walls), 2), "wall_mean_s": round(statistics.mean(walls), 2),
            "cpu_median_s": round(statistics.median(cpus), 2), "cpu_mean_s": round(statistics.mean(cpus), 2),
            "matched": matched, "total": total, "accuracy": round(matched / total, 4),
            "load_average": os.getloadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, default=REPO / "bench-out" / "ocr-params")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child: one configuration
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.workdir / "screens"), ensure_ascii=False))
        return 0
    results = []
    for name in args.only or list(CONFIGS):
        done = subprocess.run([sys.executable, __file__, "--workdir", str(args.workdir), "--one", name],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(f"{name:32} wall {r['wall_median_s']:5.2f} s  CPU {r['cpu_median_s']:5.2f} s (median/screen)  "
              f"accuracy {r['matched']}/{r['total']} = {r['accuracy']:.1%}  load {r['load_average'][0]:.1f}",
              flush=True)
    args.workdir.mkdir(parents=True, exist_ok=True)
    (args.workdir / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
