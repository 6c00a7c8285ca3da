"""The library API, used as a script would: from the package root, nothing written elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

SCRIPT = textwrap.dedent("""
    import datetime, json, sys
    from pathlib import Path
    import evidencekit
    from evidencekit import (BundleOptions, ExitCode, SigningFailed, build_dossier, check_dossier, countersign,
                             create_identity, extract_originals, fixed_clock, inspect_folder, verify_dossier)

    case, work = Path(sys.argv[1]), Path(sys.argv[2])
    when = datetime.datetime(2025, 4, 2, 10, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    # no identity given and none exists: an error, and no key written anywhere
    try:
        build_dossier(case, BundleOptions(output=work / "nokey.pdf"), clock=fixed_clock(when))
        raise SystemExit("built without an identity")
    except SigningFailed as exc:
        assert exc.exit_code == ExitCode.SIGNING_FAILED
    me = create_identity(work / "me.p12", "李四 法律援助", now=when)
    seen = inspect_folder(case)
    result = build_dossier(case, BundleOptions(output=work / "d.pdf", channel="pboc"), identity=me,
                           clock=fixed_clock(when))
    assert result.plan is not None and result.plan.checks is not None  # the channel check comes with the result
    outcome = check_dossier(result.output, "pboc", when.date(), "en")
    report = verify_dossier(result.output)
    extracted = extract_originals(result.output, work / "originals")
    signed = countersign(result.output, me, note="received", output=work / "received.pdf", clock=fixed_clock(when))
    print(json.dumps({"id": result.dossier_id, "items": len(seen.items), "check_ok": outcome.ok,
                      "plan_check_ok": result.plan.checks.ok, "verdict": report.verdict,
                      "exit": int(report.exit_code), "extracted": len(extracted.written),
                      "countersigned": verify_dossier(work / "received.pdf").verdict}))
""")


def test_a_script_bundles_checks_verifies_through_the_api_alone(sample_case: Path, tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("EVIDENCEKIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(sample_case), str(work)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    import json

    result = json.loads(done.stdout)
    assert result["verdict"] == "untrusted-time" and result["exit"] == 0
    assert result["check_ok"] == result["plan_check_ok"]
    assert result["extracted"] == result["items"] + 1 > 1  # every original, and case.toml
    assert result["countersigned"] == "untrusted-time"
    assert list(home.rglob("*")) == []  # no key, no settings, nothing in the user's folders
    assert "Traceback" not in done.stderr  # pyHanko's validation noise stays out of a library caller's stderr
    written = sorted(p.name for p in work.iterdir())
    assert written == ["d.pdf", "me.p12", "originals", "received.pdf"]


def test_the_package_root_exports_the_api() -> None:
    import evidencekit

    for name in ("build_dossier", "inspect_folder", "check_dossier", "check_case", "verify_dossier",
                 "extract_originals", "countersign", "plan_dossier", "DossierPlan", "ExitCode", "BadInput",
                 "VerifyReport", "BundleResult", "run_batch", "load_cases", "BatchSettings", "local_executor",
                 "make_public_copy", "PublicOptions", "verify_against", "AgainstReport"):
        assert name in evidencekit.__all__ and getattr(evidencekit, name) is not None
    assert int(evidencekit.ExitCode.UNTRUSTED) == 8
    assert int(evidencekit.ExitCode.CASES_FAILED) == 9


def test_importing_the_package_stays_light() -> None:
    """`evidencekit --help` must not pay for pyHanko and reportlab."""
    code = "import sys, evidencekit; print(any(m.startswith(('pyhanko', 'reportlab')) for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_utf16_text_shows_as_text_on_its_page(tmp_path: Path) -> None:
    """One encoding detector for facts and pages: a UTF-16 note (QQ, Notepad's "Unicode") reads right."""
    import shutil
    import subprocess as sp

    from evidencekit import BundleOptions, build_dossier

    tool = shutil.which("pdftotext")
    if tool is None:
        from tests.conftest import require_tool

        tool = require_tool("pdftotext")
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "note.txt").write_bytes("备注：款项未到账\n客服说48小时内处理\n".encode("utf-16"))
    result = build_dossier(folder, BundleOptions(output=tmp_path / "d.pdf"))
    text = sp.run([tool, "-enc", "UTF-8", str(result.output), "-"], capture_output=True, check=True).stdout.decode()
    assert "客服说48小时内处理" in text and result.items[0].kind != "recording"
