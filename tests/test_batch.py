"""batch: many cases on a pool of workers, fail-soft, resumable; identical to bundle; one identity per race."""

from __future__ import annotations

import json
import os
import random
import signal
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from evidencekit.batch import (
    JOURNAL_NAME,
    BatchSettings,
    CaseResult,
    CaseSpec,
    load_cases,
    local_executor,
    run_batch,
)
from evidencekit.errors import BadInput, ExitCode
from evidencekit.identity import default_identity_path, load_identity
from evidencekit.layout import MANIFEST_NAME
from evidencekit.render.fonts import bundled_font_path
from evidencekit.verify import verify_dossier
from tests.conftest import SAMPLE_CASE
from tests.containers_kit import aes_zip

FONT = bundled_font_path()
ALIPAY_CSV = (SAMPLE_CASE / "bills" / "alipay_record_20250401.csv").read_bytes()

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


def make_trimmed_case(folder: Path) -> Path:
    """A case with a phone-size screenshot (print mode re-compresses it), a draft folder to
    exclude and a video to hash only."""
    (folder / "drafts").mkdir(parents=True)
    rng = random.Random(7)
    shot = Image.new("RGB", (1080, 2340), (245, 245, 245))
    shot.paste(Image.frombytes("RGB", (1080, 780), rng.randbytes(1080 * 780 * 3)), (0, 1170))
    shot.save(folder / "Screenshot_20250312-201503.jpg", quality=92)
    (folder / "chat.txt").write_text("2025-03-13 客服：48小时内退款\n", encoding="utf-8")
    (folder / "drafts" / "draft.txt").write_text("not for the regulator\n", encoding="utf-8")
    (folder / "screen recording.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 40)
    return folder


def sealed_manifest(dossier: Path) -> dict:
    return json.loads(PdfReader(str(dossier)).attachments[MANIFEST_NAME][0])


def test_batch_and_bundle_give_byte_identical_dossiers_with_exclude_hash_only_and_print(tmp_path: Path) -> None:
    make_trimmed_case(tmp_path / "cases" / "trimmed")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    options = ["--exclude", "drafts", "--hash-only", "*.mp4", "--page-images", "print"]
    bundle = cli("bundle", str(tmp_path / "cases" / "trimmed"), "-o", str(tmp_path / "bundle.pdf"), "--json",
                 *options, env=env)
    assert bundle.returncode == 0, bundle.stderr
    wide = cli("batch", str(tmp_path / "cases"), "-o", str(tmp_path / "wide"), "--json", *options, env=env)
    assert wide.returncode == 0, wide.stderr
    listing = tmp_path / "cases.jsonl"  # the same options as the row's own columns
    listing.write_text(json.dumps({"case": "cases/trimmed", "exclude": ["drafts"], "hash_only": "*.mp4",
                                   "page_images": "print"}) + "\n", encoding="utf-8")
    row = cli("batch", str(listing), "-o", str(tmp_path / "row"), "--json", env=env)
    assert row.returncode == 0, row.stderr
    sealed = (tmp_path / "bundle.pdf").read_bytes()
    assert (tmp_path / "wide" / "trimmed.pdf").read_bytes() == sealed
    assert (tmp_path / "row" / "trimmed.pdf").read_bytes() == sealed
    assert json.loads(wide.stdout)["dossier_id"] == json.loads(row.stdout)["dossier_id"] == json.loads(
        bundle.stdout)["dossier_id"]
    manifest = sealed_manifest(tmp_path / "row" / "trimmed.pdf")
    assert manifest["page_images"] == "print"
    items = {i["path"]: i for i in manifest["items"]}
    assert sorted(items) == ["Screenshot_20250312-201503.jpg", "chat.txt", "screen recording.mp4"]
    assert items["screen recording.mp4"]["embedded"] is False
    plain = cli("batch", str(tmp_path / "cases"), "-o", str(tmp_path / "plain"), "--json", env=env)
    assert plain.returncode == 0, plain.stderr
    assert "drafts/draft.txt" in {i["path"] for i in sealed_manifest(tmp_path / "plain" / "trimmed.pdf")["items"]}
    # full pages carry the screenshot twice (page and attachment), print pages about once
    assert (tmp_path / "plain" / "trimmed.pdf").stat().st_size > 1.5 * (tmp_path / "row" / "trimmed.pdf").stat().st_size


def renamed_font(path: Path) -> Path:
    """The bundled font under another PostScript name (its name table patched): the dossier's
    font resource says which font was used."""
    data = bytearray(FONT.read_bytes())
    for index in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, length = struct.unpack(">4sIII", data[12 + 16 * index:28 + 16 * index])
        if tag == b"name":
            table = bytes(data[offset:offset + length])
            for old, new in ((b"WenQuanYiMicroHei", b"WenQuanYiMicroHex"),
                             ("WenQuanYiMicroHei".encode("utf-16-be"), "WenQuanYiMicroHex".encode("utf-16-be"))):
                assert old in table
                table = table.replace(old, new)
            data[offset:offset + length] = table
    path.write_bytes(bytes(data))
    return path


def test_font_batch_wide_and_per_row_as_bundle_has_it(tmp_path: Path) -> None:
    make_cases(tmp_path / "cases", ["f"])
    font = renamed_font(tmp_path / "renamed.ttf")
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    bundle = cli("bundle", str(tmp_path / "cases" / "f"), "-o", str(tmp_path / "bundle.pdf"), "--font", str(font),
                 env=env)
    assert bundle.returncode == 0, bundle.stderr
    wide = cli("batch", str(tmp_path / "cases"), "-o", str(tmp_path / "wide"), "--font", str(font), env=env)
    assert wide.returncode == 0, wide.stderr
    listing = tmp_path / "cases.csv"
    listing.write_text("case,font,output\ncases/f,renamed.ttf,row.pdf\ncases/f,no-such.ttf,missing.pdf\n",
                       encoding="utf-8")
    row = cli("batch", str(listing), "-o", str(tmp_path / "row"), "--json", env=env)
    assert row.returncode == 9, row.stderr
    found = {Path(d["output"]).name: d for d in map(json.loads, row.stdout.splitlines())}
    assert (found["missing.pdf"]["status"], found["missing.pdf"]["exit_code"]) == ("failed", 2)
    assert found["missing.pdf"]["error"] == f"{listing} line 3: font {tmp_path / 'no-such.ttf'} does not exist"
    sealed = (tmp_path / "bundle.pdf").read_bytes()
    assert (tmp_path / "wide" / "f.pdf").read_bytes() == sealed
    assert (tmp_path / "row" / "row.pdf").read_bytes() == sealed
    default = cli("batch", str(tmp_path / "cases"), "-o", str(tmp_path / "default"), env=env)
    assert default.returncode == 0, default.stderr
    assert b"WenQuanYiMicroHex" in sealed and b"WenQuanYiMicroHex" not in (tmp_path / "default" / "f.pdf").read_bytes()
    assert cli("batch", str(tmp_path / "cases"), "-o", str(tmp_path / "x"), "--font", "nope.ttf").returncode == 2


def test_size_warn_batch_wide_and_per_row_and_bad_row_values_fail_only_their_case(tmp_path: Path) -> None:
    make_cases(tmp_path / "in", ["warned", "quiet", "huge", "lots", "ocr", "globs"])
    listing = tmp_path / "cases.jsonl"
    rows = [{"case": "in/warned"}, {"case": "in/quiet", "size_warn": "0"}, {"case": "in/huge", "page_images": "huge"},
            {"case": "in/lots", "size_warn": "lots"}, {"case": "in/ocr", "ocr": "some"},
            {"case": "in/globs", "exclude": {"not": "a list"}}]
    listing.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    run = cli("batch", str(listing), "-o", str(out), "--size-warn", "1KB", "--json")
    assert run.returncode == ExitCode.CASES_FAILED, run.stderr
    found = lines(run.stdout)
    assert {n: (d["status"], d["exit_code"]) for n, d in found.items()} == {
        "warned": ("sealed", 0), "quiet": ("sealed", 0), "huge": ("failed", 2), "lots": ("failed", 2),
        "ocr": ("failed", 2), "globs": ("failed", 2)}
    assert found["huge"]["error"] == f"{listing} line 3: page_images must be one of full, print, not huge"
    assert found["lots"]["error"] == (f"{listing} line 4: size_warn: lots is not a size (e.g. 20MB, 500KB; "
                                      "0 for no warning)")
    assert found["ocr"]["error"] == f"{listing} line 5: ocr must be one of auto, all, none, not some"
    assert found["globs"]["error"] == (f"{listing} line 6: exclude must be a list of globs (a JSON array; in CSV, "
                                       "separated by ;)")
    assert found["huge"]["hint"].startswith("Correct this row and run the batch again")
    assert any("over 1 KB: complaint web forms and e-mail often refuse that" in w for w in found["warned"]["warnings"])
    assert not any("often refuse" in w for w in found["quiet"]["warnings"])
    for name in ("warned", "quiet"):
        assert verify_dossier(out / f"{name}.pdf").exit_code == ExitCode.OK
    assert sorted(p.name for p in out.iterdir() if p.suffix == ".pdf") == ["quiet.pdf", "warned.pdf"]
    journal = (out / JOURNAL_NAME).read_text(encoding="utf-8")
    assert "huge.pdf" not in journal  # a refused row claims nothing
    assert "6 cases: 2 sealed, 0 skipped, 4 failed" in run.stderr
    # the same values given to the whole batch are bundle's usage errors
    for option in (["--page-images", "huge"], ["--size-warn", "lots"], ["--ocr", "some"]):
        refused = cli("batch", str(listing), "-o", str(tmp_path / "never"), *option)
        assert refused.returncode == 2, refused.stderr
        assert not (tmp_path / "never").exists()


def test_a_csv_row_takes_lists_as_semicolon_separated_cells(tmp_path: Path) -> None:
    listing = tmp_path / "cases.csv"
    listing.write_text("case,exclude,hash_only,page_images,size_warn,password\n"
                       "a,drafts; *.tmp,*.mp4,print,5MB,a.zip=Pw-3x;sub\\b.zip=y=z-Pw-4\n"
                       "b,,,,,\n", encoding="utf-8")
    first, second = load_cases(listing, tmp_path / "out")
    assert (first.exclude, first.hash_only, first.page_images, first.size_warn) == (
        ("drafts", "*.tmp"), ("*.mp4",), "print", 5_000_000)
    assert first.passwords == {"a.zip": "Pw-3x", "sub/b.zip": "y=z-Pw-4"}
    assert "Pw-" not in repr(first)
    assert (second.exclude, second.hash_only, second.page_images, second.size_warn, second.passwords) == (
        None, None, None, None, {})  # empty cells: the batch's options


def test_passwords_batch_wide_and_per_row_are_never_written_down(tmp_path: Path) -> None:
    secrets = {"wide": "Wide-pw-5501", "row": "Row-pw-7702", "none": "None-pw-9903"}
    for name, secret in secrets.items():
        (tmp_path / "in" / name).mkdir(parents=True)
        aes_zip(tmp_path / "in" / name / "bill.zip", [(b"bill.csv", ALIPAY_CSV)], secret.encode())
    (tmp_path / "in" / "bad").mkdir()
    (tmp_path / "in" / "bad" / "note.txt").write_text("x\n", encoding="utf-8")
    listing = tmp_path / "cases.jsonl"
    listing.write_text("".join(json.dumps(r) + "\n" for r in (
        {"case": "in/wide"}, {"case": "in/row", "password": {"bill.zip": secrets["row"]}}, {"case": "in/none"},
        {"case": "in/bad", "password": ["Bad-pw-1104"]})), encoding="utf-8")
    out = tmp_path / "out"
    # the batch's password does not open "none"'s zip: sealed unopened with a warning and exit 0, as bundle does
    run = cli("batch", str(listing), "-o", str(out), "--json", "--password", f"bill.zip={secrets['wide']}")
    assert run.returncode == ExitCode.CASES_FAILED, run.stderr
    found = lines(run.stdout)
    assert {n: (d["status"], d["exit_code"]) for n, d in found.items()} == {
        "wide": ("sealed", 0), "row": ("sealed", 0), "none": ("sealed", 0), "bad": ("failed", 2)}
    assert found["bad"]["error"] == (f"{listing} line 4: password: --password takes NAME=SECRET (the value given "
                                     "has no =)")
    for name in ("wide", "row"):
        assert [i["id"] for i in sealed_manifest(out / f"{name}.pdf")["items"]] == ["E01", "E01-1"]  # opened
    assert [i["id"] for i in sealed_manifest(out / "none.pdf")["items"]] == ["E01"]
    assert any("the password given does not open it" in w for w in found["none"]["warnings"])
    bundled = cli("bundle", str(tmp_path / "in" / "none"), "-o", str(tmp_path / "none.pdf"), "--json",
                  "--password", f"bill.zip={secrets['wide']}")
    assert bundled.returncode == found["none"]["exit_code"]
    written = run.stdout + run.stderr + "".join(p.read_bytes().decode("latin-1") for p in out.iterdir())
    for secret in [*secrets.values(), "Bad-pw-1104"]:
        assert secret not in written and secret.encode("utf-16-be").decode("latin-1") not in written
    # passwords are not in the fingerprint: another one does not redo a case
    again = cli("batch", str(listing), "-o", str(out), "--json", "--password", "bill.zip=other")
    assert lines(again.stdout)["wide"]["status"] == "skipped"
    refused = cli("batch", str(listing), "-o", str(tmp_path / "never"), "--password", "Lone-pw-2205")
    assert refused.returncode == 2 and "NAME=SECRET" in refused.stderr and "Lone-pw-2205" not in refused.stderr


def test_the_journal_redoes_a_case_whose_exclude_changed(tmp_path: Path) -> None:
    make_cases(tmp_path / "in", ["kept", "trimmed"])
    listing = tmp_path / "cases.jsonl"

    def rows(exclude: list[str]) -> list[CaseSpec]:
        listing.write_text(json.dumps({"case": "in/kept"}) + "\n"
                           + json.dumps({"case": "in/trimmed", "exclude": exclude}) + "\n", encoding="utf-8")
        return load_cases(listing, out)

    out = tmp_path / "out"
    first = {Path(r.case).name: r for r in run_batch(rows(["note.txt"]), settings(), out, local_executor(1))}
    assert {n: r.status for n, r in first.items()} == {"kept": "sealed", "trimmed": "sealed"}
    same = {Path(r.case).name: r.status for r in run_batch(rows(["note.txt"]), settings(), out, local_executor(1))}
    assert same == {"kept": "skipped", "trimmed": "skipped"}
    changed = {Path(r.case).name: r for r in run_batch(rows([]), settings(), out, local_executor(1))}
    assert {n: r.status for n, r in changed.items()} == {"kept": "skipped", "trimmed": "sealed"}
    assert changed["trimmed"].dossier_id != first["trimmed"].dossier_id
    assert "note.txt" in {i["path"] for i in sealed_manifest(out / "trimmed.pdf")["items"]}
    # the batch's own --exclude is an option too: a change redoes the cases that follow it
    wide = {Path(r.case).name: r.status for r in run_batch(rows([]), settings(exclude=("chat.txt",)), out,
                                                           local_executor(1))}
    assert wide == {"kept": "sealed", "trimmed": "skipped"}  # trimmed's row says exclude nothing


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


def test_archive_passwords_are_not_sent_to_a_dask_cluster(tmp_path: Path) -> None:
    """The identity's passphrase never travels in the task graph, nor do archives' passwords: with
    --executor dask they are refused (exit 2) before any case is sent, batch-wide or in a row."""
    cases = tmp_path / "cases"
    (cases / "one").mkdir(parents=True)
    (cases / "one" / "note.txt").write_text("a note\n", encoding="utf-8")
    wide = cli("batch", str(cases), "-o", str(tmp_path / "out1"), "--executor", "dask",
               "--scheduler", "tcp://127.0.0.1:9", "--password", "a.zip=Secret-1")
    assert wide.returncode == 2, wide.stderr
    assert "--executor dask takes no archive passwords" in wide.stderr
    assert "Secret-1" not in wide.stdout + wide.stderr
    listing = tmp_path / "list.jsonl"
    listing.write_text(json.dumps({"case": str(cases / "one"), "password": {"a.zip": "Secret-2"}}) + "\n",
                       encoding="utf-8")
    row = cli("batch", str(listing), "-o", str(tmp_path / "out2"), "--executor", "dask",
              "--scheduler", "tcp://127.0.0.1:9")
    assert row.returncode == 2, row.stderr
    assert "Secret-2" not in row.stdout + row.stderr
    assert not (tmp_path / "out1").exists() or not any((tmp_path / "out1").iterdir())
