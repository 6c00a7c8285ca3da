"""Time to make the public copy (issue 12) of the sample case and of a 50-screenshot case.

Not a test. Each case is sealed once, then its public copy is made with an empty OCR cache (cold:
every picture read by the engine) and again with the cache warm; ``verify --against`` is timed
too. Prints one line per measurement, wall-clock and CPU time (all threads of
this process: the OCR engine's included), since a shared machine inflates the first.

    python bench/public.py [--screens 50] [--workdir /tmp/bench-public]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "fixtures"))

from make_public_case import make_public_case  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=50)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/bench-public"))
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    os.environ["EVIDENCEKIT_HOME"] = str(work / "home")

    from evidencekit.clock import system_clock
    from evidencekit.pipeline import BundleOptions, build_dossier, ensure_default_identity
    from evidencekit.public_copy import PublicOptions, make_public_copy
    from evidencekit.public_verify import verify_against

    ensure_default_identity("bench", system_clock())
    generated = make_public_case(work / "generated", screens=args.screens)
    for name, folder in (("sample case", REPO / "fixtures" / "sample-case"),
                         (f"{args.screens}-screenshot case", generated)):
        sealed = work / f"{folder.name}.pdf"
        build_dossier(folder, BundleOptions(output=sealed, force=True))
        shutil.rmtree(work / "home" / "ocr-cache", ignore_errors=True)
        for run in ("cold", "warm"):
            started, cpu = time.perf_counter(), time.process_time()
            result = make_public_copy(sealed, PublicOptions(output=work / f"{folder.name}-public.pdf", force=True))
            took, cpu = time.perf_counter() - started, time.process_time() - cpu
            pictures = sum(len(e.renditions) for e in result.exhibits if e.shown in ("image", "pages"))
            boxes = sum(e.masked for e in result.exhibits)
            print(f"{name}: public copy, OCR cache {run}: {took:.1f} s wall, {cpu:.1f} s CPU ({pictures} pictures, {boxes} masked, "
                  f"{result.pages} pages, {result.size / 1024:.0f} KiB)", flush=True)
        started = time.perf_counter()
        report = verify_against(work / f"{folder.name}-public.pdf", sealed)
        print(f"{name}: verify --against: {time.perf_counter() - started:.1f} s "
              f"({report.checked}/{report.total} renditions match)", flush=True)


if __name__ == "__main__":
    main()
