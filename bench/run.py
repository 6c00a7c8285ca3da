#!/usr/bin/env python3
"""Benchmark evidencekit against the tool chain users would otherwise put together.

    python bench/run.py CASE_DIR [--workdir DIR] [--repeat N] [--json FILE]
                        [--bundle-cmd TEMPLATE] [--verify-cmd TEMPLATE]
                        [--skip-evidencekit] [--skip-chain]

Both pipelines run in one invocation, interleaved round by round (the order alternates so
neither always gets the warmer cache), on the same files:

  evidencekit   bundle   evidencekit bundle CASE -o WORK/evidencekit.pdf --force
                verify   evidencekit verify WORK/evidencekit.pdf
  chain         images   img2pdf (its CLI) of every PNG/JPEG, sorted, into one PDF
                attach   pypdf: PdfWriter(clone_from=images.pdf).add_attachment(each original)
                sign     pyHanko: SimpleSigner + PdfSigner.sign_pdf (self-signed RSA-2048 key,
                         made once with `cryptography`, not timed)
                verify   pyHanko validate_pdf_signature (integrity, coverage, difference
                         analysis) -- the counterpart of `evidencekit verify`
                pdfsig   poppler's pdfsig -no-ocsp, the quick check most people know

The evidencekit commands are templates ({case}, {pdf}, {workdir}, {python} are filled in),
so the runner works while the CLI is still being built: a failing step is reported with
its exit code and the end of its stderr, and the other pipeline still runs.

How time and memory are measured: every step is its own process. Wall time is
time.perf_counter() around start-to-reaped. Peak memory is the child's own ru_maxrss,
returned by os.wait4(pid) when it is reaped -- the same number GNU `time -v` prints as
"Maximum resident set size", taken from the same kernel accounting, without needing the
`time` package. It is exact (no sampling: polling /proc/PID/status VmHWM would miss a peak
reached after the last poll, and a reaped process has no /proc entry left). It is
per-process: for a step that forks workers it is the largest single process among the
step and its reaped descendants, not their sum. One caveat: subprocess starts children
with vfork, and Linux carries the parent's high-water mark into the exec'd child, so no
step reads below the runner's own peak (~15 MiB; it is in the JSON as memory_floor_mb;
GNU time has the same floor, its own). Medians are taken over --repeat rounds;
the page cache is warm after the first round (the first round is counted; use --warmup 1
to drop it).

Results: a table on stdout, ratios evidencekit / chain, output sizes and page counts
(pypdf), and a JSON document (--json, default WORKDIR/results.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}

DEFAULT_BUNDLE = "evidencekit bundle {case} -o {pdf} --force --ocr none"  # the chain reads no text
DEFAULT_VERIFY = "evidencekit verify {pdf}"


@dataclass
class Run:
    step: str
    seconds: float
    max_rss_mb: float
    rc: int
    stderr_tail: str = ""


@dataclass
class Step:
    name: str  # e.g. "chain.attach"
    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    output: Path | None = None  # the file it writes, for sizes and page counts


def run_step(step: Step, logdir: Path) -> Run:
    """Run one step as a child process; its wall time and its own peak RSS."""
    logdir.mkdir(parents=True, exist_ok=True)
    out_log = logdir / f"{step.name}.out"
    err_log = logdir / f"{step.name}.err"
    env = {**os.environ, **step.env}
    with open(out_log, "wb") as out, open(err_log, "wb") as err:
        t0 = time.perf_counter()
        try:
            proc = subprocess.Popen(step.argv, stdout=out, stderr=err, env=env)
        except FileNotFoundError as exc:
            return Run(step.name, 0.0, 0.0, 127, f"cannot start: {exc}")
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by us, tell Popen
    tail = ""
    if proc.returncode != 0:
        tail = err_log.read_text(errors="replace")[-600:]
    # Linux reports ru_maxrss in KiB (macOS in bytes)
    rss_mb = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return Run(step.name, round(seconds, 3), round(rss_mb, 1), proc.returncode, tail)


def fill(template: str, **values: str) -> list[str]:
    """Split a command template and fill in its placeholders; a bare program name is looked
    up beside this Python first (the venv's bin), then on PATH."""
    argv = [part.format(**values) for part in shlex.split(template)]
    if argv and os.sep not in argv[0]:
        bindir = Path(sys.executable).parent
        found = shutil.which(argv[0], path=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
        argv[0] = found or argv[0]
    return argv


def case_stats(case: Path) -> dict:
    files = [p for p in case.rglob("*") if p.is_file() and not p.is_symlink()]
    images = [p for p in files if p.suffix.lower() in IMAGE_SUFFIXES]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "images": len(images), "image_bytes": sum(p.stat().st_size for p in images)}


def page_count(pdf: Path) -> int | None:
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(pdf), strict=False).pages)
    except Exception:  # a missing or broken output is reported by its step already
        return None


def versions() -> dict:
    out = {"python": platform.python_version(), "machine": platform.machine(),
           "cpus": os.cpu_count(), "kernel": platform.release()}
    from importlib.metadata import PackageNotFoundError, version

    for pkg in ("evidencekit", "img2pdf", "pypdf", "pyHanko", "reportlab", "pillow"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    try:
        pdfsig = subprocess.run(["pdfsig", "-v"], capture_output=True, text=True)
        out["pdfsig"] = (pdfsig.stdout + pdfsig.stderr).split("\n")[0].split()[-1]
    except FileNotFoundError:
        out["pdfsig"] = None
    return out


def build_steps(args, case: Path, work: Path, keydir: Path) -> dict[str, list[Step]]:
    py = sys.executable
    bindir = Path(sys.executable).parent
    img2pdf = shutil.which("img2pdf", path=f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}")
    images = sorted(str(p) for p in case.rglob("*")
                    if p.is_file() and not p.is_symlink() and p.suffix.lower() in IMAGE_SUFFIXES)
    ek_pdf = work / "evidencekit.pdf"
    values = {"case": str(case), "pdf": str(ek_pdf), "workdir": str(work), "python": py}
    ek_env = {"EVIDENCEKIT_HOME": str(work / "evidencekit-home")}
    pipelines: dict[str, list[Step]] = {}
    if not args.skip_evidencekit:
        pipelines["evidencekit"] = [  # an empty template leaves its step out
            Step("evidencekit.bundle", fill(args.bundle_cmd, **values), ek_env, ek_pdf),
            Step("evidencekit.verify", fill(args.verify_cmd, **values), ek_env),
        ]
        pipelines["evidencekit"] = [s for s in pipelines["evidencekit"] if s.argv]
    if not args.skip_chain:
        chain = str(HERE / "chain.py")
        images_pdf, attached, signed = work / "chain-images.pdf", work / "chain-attached.pdf", work / "chain-signed.pdf"
        img2pdf_argv = ([img2pdf] if img2pdf else [py, "-m", "img2pdf"]) + ["-o", str(images_pdf), *images]
        pipelines["chain"] = [
            Step("chain.images", img2pdf_argv, output=images_pdf),
            Step("chain.attach", [py, chain, "attach", str(case), str(images_pdf), str(attached)], output=attached),
            Step("chain.sign", [py, chain, "sign", str(keydir), str(attached), str(signed)], output=signed),
            Step("chain.verify", [py, chain, "validate", str(keydir), str(signed)]),
            Step("chain.pdfsig", ["pdfsig", "-no-ocsp", str(signed)]),
        ]
    return pipelines


def summarise(runs: list[Run]) -> dict[str, dict]:
    by_step: dict[str, list[Run]] = {}
    for r in runs:
        by_step.setdefault(r.step, []).append(r)
    out = {}
    for step, rs in by_step.items():
        ok = [r for r in rs if r.rc == 0]
        out[step] = {
            "runs": len(rs), "failed": len(rs) - len(ok),
            "median_s": round(statistics.median(r.seconds for r in ok), 3) if ok else None,
            "min_s": round(min(r.seconds for r in ok), 3) if ok else None,
            "max_rss_mb": max(r.max_rss_mb for r in ok) if ok else None,
            "last_rc": rs[-1].rc, "last_stderr": rs[-1].stderr_tail,
        }
    return out


def add(*xs):
    return None if any(x is None for x in xs) else round(sum(xs), 3)


def biggest(*xs):
    return None if any(x is None for x in xs) else max(xs)


def ratio(a, b):
    return None if a is None or b in (None, 0) else round(a / b, 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("case", type=Path)
    ap.add_argument("--workdir", type=Path, help="where outputs go (default: bench-out/<case name>)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=0, help="uncounted rounds first (default 0)")
    ap.add_argument("--json", type=Path, help="results file (default: WORKDIR/results.json)")
    ap.add_argument("--bundle-cmd", default=os.environ.get("BENCH_BUNDLE_CMD", DEFAULT_BUNDLE))
    ap.add_argument("--verify-cmd", default=os.environ.get("BENCH_VERIFY_CMD", DEFAULT_VERIFY))
    ap.add_argument("--skip-evidencekit", action="store_true")
    ap.add_argument("--skip-chain", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the output PDFs (default: deleted at the end)")
    args = ap.parse_args(argv)

    case = args.case.resolve()
    if not case.is_dir():
        ap.error(f"{case} is not a folder")
    work = (args.workdir or REPO / "bench-out" / case.name).resolve()
    work.mkdir(parents=True, exist_ok=True)
    keydir = work / "chain-key"
    if not args.skip_chain and not (keydir / "cert.pem").exists():
        subprocess.run([sys.executable, str(HERE / "chain.py"), "keygen", str(keydir)], check=True)

    pipelines = build_steps(args, case, work, keydir)
    stats = case_stats(case)
    print(f"case {case}: {stats['files']} files, {stats['bytes'] / 2**20:.1f} MiB "
          f"({stats['images']} images, {stats['image_bytes'] / 2**20:.1f} MiB); "
          f"{args.warmup} warm-up + {args.repeat} rounds", file=sys.stderr)

    runs: list[Run] = []
    order = list(pipelines)
    for rnd in range(args.warmup + args.repeat):
        counted = rnd >= args.warmup
        for name in (order if rnd % 2 == 0 else order[::-1]):
            for step in pipelines[name]:
                r = run_step(step, work / "logs")
                mark = "" if r.rc == 0 else f"  FAILED rc={r.rc}"
                print(f"  round {rnd + 1}{'' if counted else ' (warm-up)'}: {r.step:<20} "
                      f"{r.seconds:8.2f} s {r.max_rss_mb:8.1f} MiB{mark}", file=sys.stderr)
                if counted:
                    runs.append(r)

    steps = summarise(runs)
    outputs = {}
    for steps_ in pipelines.values():
        for s in steps_:
            if s.output is not None:
                outputs[s.name] = {"path": str(s.output),
                                   "bytes": s.output.stat().st_size if s.output.exists() else None,
                                   "pages": page_count(s.output) if s.output.exists() else None}

    def med(step):
        return steps.get(step, {}).get("median_s")

    def rss(step):
        return steps.get(step, {}).get("max_rss_mb")

    chain_make_s = add(med("chain.images"), med("chain.attach"), med("chain.sign"))
    chain_make_rss = biggest(rss("chain.images"), rss("chain.attach"), rss("chain.sign"))
    totals = {
        "evidencekit.bundle": {"median_s": med("evidencekit.bundle"), "max_rss_mb": rss("evidencekit.bundle")},
        "chain.images+attach+sign": {"median_s": chain_make_s, "max_rss_mb": chain_make_rss},
        "evidencekit.verify": {"median_s": med("evidencekit.verify"), "max_rss_mb": rss("evidencekit.verify")},
        "chain.verify (pyHanko)": {"median_s": med("chain.verify"), "max_rss_mb": rss("chain.verify")},
        "chain.pdfsig": {"median_s": med("chain.pdfsig"), "max_rss_mb": rss("chain.pdfsig")},
    }
    ratios = {
        "bundle_time": ratio(med("evidencekit.bundle"), chain_make_s),
        "bundle_peak_memory": ratio(rss("evidencekit.bundle"), chain_make_rss),
        "verify_time_vs_pyhanko": ratio(med("evidencekit.verify"), med("chain.verify")),
        "verify_peak_memory_vs_pyhanko": ratio(rss("evidencekit.verify"), rss("chain.verify")),
        "verify_time_vs_pdfsig": ratio(med("evidencekit.verify"), med("chain.pdfsig")),
    }
    gib = stats["bytes"] / 2**30
    per_gib = {k: (round(v["median_s"] / gib, 2) if v["median_s"] is not None and gib else None)
               for k, v in totals.items()}

    print_table(steps, totals, ratios, outputs, per_gib)
    result = {"case": {"path": str(case), **stats}, "environment": versions(),
              "repeat": args.repeat, "warmup": args.warmup,
              "commands": {s.name: s.argv[:6] + (["…"] if len(s.argv) > 6 else [])
                           for p in pipelines.values() for s in p},
              "steps": steps, "totals": totals, "seconds_per_gib": per_gib, "ratios": ratios,
              "outputs": outputs, "runs": [asdict(r) for r in runs],
              "memory_method": "os.wait4 ru_maxrss of each step's process (per process, exact)",
              # subprocess starts children with vfork, and Linux carries the parent's high-water
              # mark into the exec'd child: no step can read below the runner's own peak
              "memory_floor_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    json_path = args.json or work / "results.json"
    json_path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nresults: {json_path}", file=sys.stderr)
    if not args.keep:
        for o in outputs.values():
            Path(o["path"]).unlink(missing_ok=True)
    failed = [s for s, v in steps.items() if v["failed"]]
    if failed:
        print(f"failed steps: {', '.join(failed)} (see {work / 'logs'})", file=sys.stderr)
    return 1 if failed else 0


def print_table(steps, totals, ratios, outputs, per_gib) -> None:
    def f(x, fmt):
        return "n/a" if x is None else format(x, fmt)

    print(f"{'step':<26}{'median s':>10}{'s/GiB':>8}{'peak MiB':>10}{'failed':>8}")
    for name, s in steps.items():
        print(f"{name:<26}{f(s['median_s'], '.2f'):>10}{'':>8}{f(s['max_rss_mb'], '.0f'):>10}{s['failed']:>8}")
    print()
    print(f"{'total':<26}{'median s':>10}{'s/GiB':>8}{'peak MiB':>10}")
    for name, t in totals.items():
        print(f"{name:<26}{f(t['median_s'], '.2f'):>10}{f(per_gib[name], '.1f'):>8}{f(t['max_rss_mb'], '.0f'):>10}")
    print()
    print("ratios evidencekit / chain (below 1: evidencekit is faster or leaner)")
    for name, r in ratios.items():
        print(f"  {name:<32}{f(r, '.2f'):>8}")
    print()
    print(f"{'output':<26}{'MiB':>10}{'pages':>8}")
    for name, o in outputs.items():
        size = None if o["bytes"] is None else o["bytes"] / 2**20
        print(f"{name:<26}{f(size, '.1f'):>10}{f(o['pages'], 'd'):>8}")


if __name__ == "__main__":
    sys.exit(main())
