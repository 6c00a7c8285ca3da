"""batch: many cases on a pool of workers, fail-soft, resumable; identical to bundle; one identity per race."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from evidencekit.batch import (
    JOURNAL_NAME,
    BatchSettings,
    CaseResult,
    load_cases,
    local_executor,
    run_batch,
)
from evidencekit.errors import BadInput, ExitCode
from evidencekit.identity import default_identity_path, load_identity
from evidencekit.verify import verify_dossier

EPOCH = "1743561000"  # 2025-04-02 10:30:00 +08:00


def make_cases(root: Path, names: list[str]) -> Path:
    """A folder of small cases: each two text files whose words name the case."""
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        folder = root / name
        folder.mkdir()
        (folder / "chat.txt").write_text(f"2025-03-13 客服：{name} 48小时内退款 / refund within 48 hours\n",
                                         encoding="utf-8")
        (folder / "note.txt").write_text(f"note of {name}\n", encoding="utf-8")
    return root


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "evidencekit", "--lang", "en", *args], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, timeout=600)


def lines(stdout: str) -> dict[str, dict]:
    """The JSON lines of a batch, by case folder name."""
    out = {}
    for line in stdout.splitlines():
        data = json.loads(line)
        out[Path(data["case"]).name] = data
    return out


def settings(**kw: object) -> BatchSettings:
    return BatchSettings(identity_path=default_identity_path(), lang="en", source_date_epoch=EPOCH, **kw)  # type: ignore[arg-type]


def test_batch_over_a_folder_of_cases(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["alpha", "beta", "gamma"])
    (cases / ".hidden").mkdir()  # not a case
    (cases / "README.txt").write_text("not a case either")
    out = tmp_path / "out"
    run = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json")
    assert run.returncode == 0, run.stderr
    found = lines(run.stdout)
    assert sorted(found) == ["alpha", "beta", "gamma"]
    assert len(run.stdout.splitlines()) == 3  # one line per case, nothing else on stdout
    for name, data in found.items():
        assert data["output"] == str(out / f"{name}.pdf")
        assert data["status"] == "sealed" and data["exit_code"] == 0 and data["error"] is None
        assert set(data) >= {"case", "output", "dossier_id", "status", "exit_code", "warnings", "seconds"}
        report = verify_dossier(Path(data["output"]))
        assert report.exit_code == ExitCode.OK
        assert report.dossier_id == data["dossier_id"]
    assert len({d["dossier_id"] for d in found.values()}) == 3
    assert "\r" not in run.stderr  # no progress bar when stderr is not a terminal
    assert "3 cases: 3 sealed, 0 skipped, 0 failed" in run.stderr


def test_batch_over_a_jsonl_list(tmp_path: Path) -> None:
    make_cases(tmp_path / "in", ["one", "two"])
    listing = tmp_path / "cases.jsonl"
    listing.write_text(json.dumps({"case": "in/one", "output": "first.pdf", "channel": "consumer"}) + "\n\n"
                       + json.dumps({"case": "in/two", "public": True}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    specs = load_cases(listing, out)
    assert [(s.case, s.output, s.channel, s.public) for s in specs] == [
        (tmp_path / "in" / "one", out.absolute() / "first.pdf", "consumer", False),
        (tmp_path / "in" / "two", out.absolute() / "two.pdf", None, True)]
    run = cli("batch", str(listing), "-o", str(out), "--json")
    assert run.returncode == 0, run.stderr
    found = lines(run.stdout)
    assert found["one"]["output"] == str(out / "first.pdf") and found["two"]["output"] == str(out / "two.pdf")
    for data in found.values():
        assert verify_dossier(Path(data["output"])).dossier_id == data["dossier_id"]


def test_a_csv_list_and_a_bad_list(tmp_path: Path) -> None:
    make_cases(tmp_path / "in", ["one"])
    listing = tmp_path / "cases.csv"
    listing.write_text("case,output,channel,public\nin/one,x.pdf,consumer,yes\n", encoding="utf-8")
    [spec] = load_cases(listing, tmp_path / "out")
    assert (spec.case, spec.output.name, spec.channel, spec.public) == (tmp_path / "in" / "one", "x.pdf", "consumer", True)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"case": "in/one", "colour": "red"}\n', encoding="utf-8")
    with pytest.raises(BadInput) as err:
        load_cases(bad, tmp_path / "out")
    assert "line 1: unknown columns" in str(err.value) and "colour" in str(err.value)
    twice = tmp_path / "twice.jsonl"
    twice.write_text('{"case": "in/one"}\n{"case": "in/one"}\n', encoding="utf-8")
    with pytest.raises(BadInput, match="line 2: output .* is the same as line 1's"):
        load_cases(twice, tmp_path / "out")


def test_one_broken_case_is_reported_and_the_rest_are_sealed(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["a-good", "c-good"])
    broken = cases / "b-broken"
    broken.mkdir()
    (broken / "case.toml").write_text("[case\ntitle = 'unterminated'\n", encoding="utf-8")
    (broken / "note.txt").write_text("x\n")
    out = tmp_path / "out"
    run = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json")
    assert run.returncode == ExitCode.CASES_FAILED == 9, run.stderr
    found = lines(run.stdout)
    bad = found["b-broken"]
    assert (bad["status"], bad["exit_code"], bad["dossier_id"]) == ("failed", 3, None)
    assert "case.toml" in bad["error"]
    assert not (out / "b-broken.pdf").exists()
    for name in ("a-good", "c-good"):
        assert found[name]["status"] == "sealed"
        assert verify_dossier(out / f"{name}.pdf").exit_code == ExitCode.OK
    assert "3 cases: 2 sealed, 0 skipped, 1 failed" in run.stderr


def test_an_output_the_batch_did_not_make_is_not_replaced(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["a", "b"])
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.pdf").write_bytes(b"someone else's file")
    results = {Path(r.case).name: r for r in run_batch(load_cases(cases, out), settings(), out, local_executor(1))}
    assert (results["a"].status, results["a"].exit_code) == ("failed", 3)
    assert (out / "a.pdf").read_bytes() == b"someone else's file"
    assert results["b"].status == "sealed"


def test_interrupted_then_resumed_skips_the_finished_cases(tmp_path: Path) -> None:
    names = ["c1", "c2", "c3", "c4"]
    cases = make_cases(tmp_path / "cases", names)
    out = tmp_path / "out"
    specs = load_cases(cases, out)
    first_run = run_batch(specs, settings(), out, local_executor(1))
    finished = next(first_run)
    first_run.close()  # interrupted after one case: the pool is terminated, its workers end
    assert finished.status == "sealed"
    journal = [json.loads(line) for line in (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    assert [e["done"] for e in journal if "done" in e] == [finished.output]
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]

    # the cases the interruption cut off are sealed now; the finished one is skipped
    changed = next(n for n in names if n != Path(finished.case).name)
    resumed = {Path(r.case).name: r for r in run_batch(specs, settings(), out, local_executor(2))}
    assert resumed[Path(finished.case).name].status == "skipped"
    assert resumed[Path(finished.case).name].dossier_id == finished.dossier_id
    assert {n: r.status for n, r in resumed.items() if n != Path(finished.case).name} == {
        n: "sealed" for n in names if n != Path(finished.case).name}

    (cases / changed / "note.txt").write_text("changed after sealing\n", encoding="utf-8")
    damaged = out / f"{Path(finished.case).name}.pdf"
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 1
    damaged.write_bytes(bytes(data))  # a dossier that no longer verifies is sealed again
    third = {Path(r.case).name: r for r in run_batch(specs, settings(), out, local_executor(2))}
    assert {n: r.status for n, r in third.items()} == {
        n: "sealed" if n in (changed, Path(finished.case).name) else "skipped" for n in names}
    assert verify_dossier(damaged).dossier_id == finished.dossier_id  # same inputs, same epoch: same id


def test_batch_and_bundle_give_byte_identical_dossiers(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["same"])
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    batch = cli("batch", str(cases), "-o", str(tmp_path / "out"), "--json", env=env)
    assert batch.returncode == 0, batch.stderr
    bundle = cli("bundle", str(cases / "same"), "-o", str(tmp_path / "bundle.pdf"), "--json", env=env)
    assert bundle.returncode == 0, bundle.stderr
    assert (tmp_path / "out" / "same.pdf").read_bytes() == (tmp_path / "bundle.pdf").read_bytes()
    assert json.loads(batch.stdout)["dossier_id"] == json.loads(bundle.stdout)["dossier_id"]


def test_eight_parallel_first_runs_leave_one_identity(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["x"])
    home = tmp_path / "fresh-home"
    env = {**os.environ, "EVIDENCEKIT_HOME": str(home)}
    commands = [[sys.executable, "-m", "evidencekit", "--lang", "en", "bundle", str(cases / "x"), "-o",
                 str(tmp_path / f"b{i}.pdf"), "--json"] for i in range(6)]
    commands += [[sys.executable, "-m", "evidencekit", "--lang", "en", "batch", str(cases), "-o",
                  str(tmp_path / f"batch{i}"), "--json"] for i in range(2)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                              text=True, env=env) for c in commands]
    outputs = [p.communicate(timeout=600) for p in procs]
    for proc, (_, err) in zip(procs, outputs):
        assert proc.returncode == 0, err
    assert sorted(p.name for p in home.iterdir()) == ["identity.p12"]  # one, and no temporary file left
    os.environ["EVIDENCEKIT_HOME"] = str(home)  # restored by the autouse fixture's monkeypatch
    identity = load_identity(home / "identity.p12")
    dossiers = [tmp_path / f"b{i}.pdf" for i in range(6)] + [tmp_path / f"batch{i}" / "x.pdf" for i in range(2)]
    for i, dossier in enumerate(dossiers):
        if i < 6:
            assert json.loads(outputs[i][0])["signer"]["fingerprint"] == identity.fingerprint
        report = verify_dossier(dossier)
        assert report.exit_code == ExitCode.OK
        assert {s.fingerprint for s in report.signatures} == {identity.fingerprint}


def test_dask_local_cluster_gives_the_same_dossiers_as_the_local_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    from evidencekit.batch import dask_executor

    cases = make_cases(tmp_path / "cases", ["d1", "d2", "d3"])
    specs_local = load_cases(cases, tmp_path / "local")
    local = {Path(r.case).name: r for r in run_batch(specs_local, settings(), tmp_path / "local", local_executor(2))}
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        specs_dask = load_cases(cases, tmp_path / "dask")
        remote: dict[str, CaseResult] = {Path(r.case).name: r for r in run_batch(
            specs_dask, settings(), tmp_path / "dask", dask_executor(cluster.scheduler_address))}
    assert {n: r.status for n, r in remote.items()} == {"d1": "sealed", "d2": "sealed", "d3": "sealed"}
    assert {n: r.dossier_id for n, r in remote.items()} == {n: r.dossier_id for n, r in local.items()}
    for name in remote:
        assert (tmp_path / "dask" / f"{name}.pdf").read_bytes() == (tmp_path / "local" / f"{name}.pdf").read_bytes()


def test_sigterm_stops_a_batch_cleanly_and_a_rerun_finishes_it(tmp_path: Path) -> None:
    names = [f"s{i}" for i in range(6)]
    cases = make_cases(tmp_path / "cases", names)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "evidencekit", "--lang", "en", "batch", str(cases), "-o", str(out),
               "--jobs", "1", "--json"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True)
    assert proc.stdout is not None
    first = json.loads(proc.stdout.readline())  # the first case is done: stop the batch now
    proc.send_signal(signal.SIGTERM)
    rest, err = proc.communicate(timeout=600)
    assert proc.returncode == ExitCode.TERMINATED, err
    assert "Traceback" not in err  # the workers end quietly
    reported = [first] + [json.loads(line) for line in rest.splitlines()]
    assert all(r["status"] == "sealed" for r in reported)
    assert len(reported) < len(names)
    assert not [p for p in out.iterdir() if p.name.endswith(".part")]  # the case cut off left nothing behind

    again = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json")
    assert again.returncode == 0, again.stderr
    found = lines(again.stdout)
    done_before = {Path(r["case"]).name for r in reported}
    assert {n: d["status"] for n, d in found.items()} == {
        n: "skipped" if n in done_before else "sealed" for n in names}
    for data in found.values():
        assert verify_dossier(Path(data["output"])).dossier_id == data["dossier_id"]
