"""A longer run of tests/test_verify_property.py: N random changes to a sealed dossier.

    python bench/verify_fuzz.py                 # 1000 examples on a 2-file dossier
    python bench/verify_fuzz.py -n 20000 --seed 7 --case fixtures/sample-case --out bench-out/fuzz

Each example applies 1-3 mutations (tests/mutations.py: flip, insert, delete, a repeated
dictionary key, an appended update) and runs verify. The rule: exit 0 only for the sealed
bytes unchanged, otherwise 4 or 5, never 1 (a crash). Prints the exit codes seen per
mutation kind; every example that breaks the rule is saved to --out with its plan, and the
run ends with exit 1 if there was one. Not a test: a script to run by hand.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "src"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--examples", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--case", type=Path, help="case folder to seal (default: a 2-file case)")
    parser.add_argument("--out", type=Path, default=REPO / "bench-out" / "verify-fuzz")
    args = parser.parse_args(argv)

    import logging

    logging.disable(logging.CRITICAL)  # pyHanko logs a traceback per self-signed certificate
    from hypothesis import HealthCheck, given, seed, settings

    from evidencekit.clock import fixed_clock
    from evidencekit.errors import CannotVerify
    from evidencekit.identity import create_identity, default_identity_path
    from evidencekit.pipeline import BundleOptions, build_dossier
    from evidencekit.verify import verify_dossier
    from tests import mutations
    from tests.conftest import FIXED_NOW

    work = Path(tempfile.mkdtemp(prefix="verify-fuzz-"))
    os.environ["EVIDENCEKIT_HOME"] = str(work / "home")
    create_identity(default_identity_path(), "测试 封存人", now=FIXED_NOW)
    case = args.case
    if case is None:
        case = work / "case"
        case.mkdir()
        (case / "chat.txt").write_text("2025-03-13 客服：48小时内处理 / support: we will refund within 48 hours\n")
        (case / "note.txt").write_text("second exhibit\n")
    sealed = work / "dossier.pdf"
    build_dossier(case, BundleOptions(output=sealed), clock=fixed_clock(FIXED_NOW))
    original = sealed.read_bytes()
    path = work / "mutated.pdf"
    seen: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    broken: list[dict[str, object]] = []

    def verify_exit() -> str:
        try:
            return str(int(verify_dossier(path).exit_code))
        except CannotVerify:
            return "5"
        except Exception:
            return "1: " + traceback.format_exc(limit=3).strip().splitlines()[-1]

    @seed(args.seed)
    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=["generate"])
    @given(plan=mutations.mutations())
    def run(plan: list[mutations.Mutation]) -> None:
        path.write_bytes(original)
        mutations.apply(path, plan)
        unchanged = path.read_bytes() == original
        code = verify_exit()
        kinds = "+".join(m[0] if m[0] != "update" else f"update:{m[1]}" for m in plan)
        seen[kinds if len(plan) == 1 else "combined"][code[:1]] += 1
        if (code == "0") != unchanged or code[:1] not in ("0", "4", "5"):
            args.out.mkdir(parents=True, exist_ok=True)
            name = args.out / f"broken-{len(broken):04d}.pdf"
            name.write_bytes(path.read_bytes())
            broken.append({"file": str(name), "plan": repr(plan), "exit": code, "unchanged": unchanged})

    started = time.perf_counter()
    run()
    took = time.perf_counter() - started
    print(f"{args.examples} examples in {took:.0f} s ({took / max(args.examples, 1) * 1000:.0f} ms each), "
          f"dossier {len(original)} bytes")
    print(f"{'mutation':<34} " + " ".join(f"exit {c:>4}" for c in "0145"))
    for kinds in sorted(seen):
        print(f"{kinds:<34} " + " ".join(f"{seen[kinds][c]:>9}" for c in "0145"))
    if broken:
        (args.out / "broken.json").write_text(json.dumps(broken, indent=2, ensure_ascii=False))
        print(f"{len(broken)} example(s) break the rule; see {args.out / 'broken.json'}")
        for entry in broken[:20]:
            print(f"  exit {entry['exit']} unchanged={entry['unchanged']} {entry['plan']}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
