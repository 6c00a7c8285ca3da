#!/usr/bin/env python3
"""What the pictures (issue 15: case at a glance, drawn timeline, 资金流向) add to rendering.

    python bench/pictures.py [CASE] [--repeat 15]

Bundles CASE once (default: the sample case) to get its plan, then lays the plan out
``--repeat`` times with the pictures and as many times without them (the three picture
functions replaced by empty ones), interleaved, and prints the medians and their difference.
Rendering only: collect, describe, assemble and seal do not change with the pictures.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from evidencekit.clock import CHINA_TZ, fixed_clock  # noqa: E402
from evidencekit.identity import create_identity  # noqa: E402
from evidencekit.pipeline import BundleOptions, build_dossier  # noqa: E402
from evidencekit.render import dossier, timeline  # noqa: E402
from evidencekit.render.document import Styles, build_pdf  # noqa: E402
from evidencekit.render.fonts import register_font  # noqa: E402
from evidencekit.render.view import DossierView  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="?", type=Path, default=REPO / "fixtures" / "sample-case")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    from datetime import datetime

    now = datetime(2025, 4, 2, 10, 30, tzinfo=CHINA_TZ)
    with tempfile.TemporaryDirectory() as tmp:
        identity = create_identity(Path(tmp) / "id.json", "bench", now=now)
        result = build_dossier(args.case, BundleOptions(output=Path(tmp) / "d.pdf"), clock=fixed_clock(now),
                               identity=identity)
    plan, styles = result.plan, Styles(register_font(None))
    real = (dossier.glance_picture, dossier.money_flow_pictures, timeline.timeline_picture)

    def use(pictures: bool) -> None:
        none = (lambda view: [],) * 3
        dossier.glance_picture, dossier.money_flow_pictures, timeline.timeline_picture = real if pictures else none

    times: dict[bool, list[float]] = {True: [], False: []}
    pages = {}
    for n in range(args.repeat + 1):
        for pictures in ((True, False) if n % 2 else (False, True)):
            use(pictures)
            started = time.perf_counter()
            rendered = dossier.render_dossier(plan, styles)
            if n:  # the first round warms the font and reportlab's caches
                times[pictures].append(time.perf_counter() - started)
            pages[pictures] = rendered.page_count
    use(True)
    alone = []  # the pictures on their own: less noise than a difference of two whole renders
    for n in range(args.repeat + 1):
        started = time.perf_counter()
        view = DossierView(plan, styles)
        story = [*dossier.glance_picture(view), *dossier.money_flow_pictures(view), *timeline.timeline_picture(view)]
        build_pdf(story, font=styles.font, lang=plan.lang, dossier_id=plan.dossier_id, title="bench", out=io.BytesIO())
        if n:
            alone.append(time.perf_counter() - started)
    with_, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"case: {args.case} ({len(plan.items)} items, {len(plan.events)} timeline events, "
          f"{len(plan.flows)} disputed transactions)")
    print(f"render with pictures:    {with_ * 1000:7.1f} ms  ({pages[True]} pages)")
    print(f"render without pictures: {without * 1000:7.1f} ms  ({pages[False]} pages)")
    print(f"the pictures add:        {(with_ - without) * 1000:7.1f} ms  (median of {args.repeat})")
    print(f"the pictures alone:      {statistics.median(alone) * 1000:7.1f} ms  (laid out and drawn on their own)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
