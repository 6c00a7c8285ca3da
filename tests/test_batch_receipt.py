"""The batch receipt (issue 13): one RFC 3161 token over the Merkle root of a batch's dossier ids.

The tree is RFC 9162's with its domain separation; verify --batch-receipt proves a member and
refuses (exit 4) a dossier outside the batch or a receipt whose path was changed. TSA requests
are retried when the TSA is busy."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from evidencekit.batch_receipt import (
    RECEIPT_NAME,
    inclusion_path,
    leaf_hash,
    merkle_root,
    node_hash,
    root_from_path,
)
from evidencekit.errors import ExitCode
from evidencekit.verify import verify_dossier
from tests.test_batch import EPOCH, cli, lines, make_cases
from tests.tsa import TestTSA


@pytest.fixture(scope="module")
def batch_out(tsa: TestTSA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five cases sealed by one batch with a TSA; the receipt beside them."""
    root = tmp_path_factory.mktemp("receipt")
    cases = make_cases(root / "cases", ["a1", "b2", "c3", "d4", "e5"])
    out = root / "out"
    run = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json", "--tsa", tsa.url,
              env={"SOURCE_DATE_EPOCH": EPOCH})
    assert run.returncode == 0, run.stderr
    assert (out / RECEIPT_NAME).is_file()
    return out


# ---- the tree ----------------------------------------------------------------------------------


def mth(leaves: list[bytes]) -> bytes:
    """RFC 9162's MTH written out independently: split at the largest power of two below n."""
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def test_leaf_and_node_hashes_are_domain_separated() -> None:
    dossier_id = "ab" * 32
    assert leaf_hash(dossier_id) == hashlib.sha256(b"\x00" + bytes.fromhex(dossier_id)).digest()
    left, right = b"L" * 32, b"R" * 32
    assert node_hash(left, right) == hashlib.sha256(b"\x01" + left + right).digest()
    assert leaf_hash(dossier_id) != hashlib.sha256(bytes.fromhex(dossier_id)).digest()


def test_every_path_of_trees_up_to_seventeen_leaves_leads_to_the_root() -> None:
    for n in range(1, 18):
        leaves = [leaf_hash(hashlib.sha256(bytes([i])).hexdigest()) for i in range(n)]
        root = merkle_root(leaves)
        assert root == mth(leaves)
        for i in range(n):
            path = inclusion_path(i, leaves)
            assert root_from_path(i, n, leaves[i], path) == root
            if path:  # any change to the path, the index or the size leads elsewhere
                bad = [bytes([path[0][0] ^ 1]) + path[0][1:], *path[1:]]
                assert root_from_path(i, n, leaves[i], bad) != root
                assert root_from_path(i, n, leaves[i], path[:-1]) != root
            if n > 1:
                assert root_from_path((i + 1) % n, n, leaves[i], path) != root
            assert root_from_path(i, 2 * n + 1, leaves[i], path) is None  # too short for that size


# ---- batch --tsa and verify --batch-receipt ----------------------------------------------------


def test_the_receipt_proves_every_member(batch_out: Path, tsa: TestTSA) -> None:
    receipt = json.loads((batch_out / RECEIPT_NAME).read_text(encoding="utf-8"))
    assert receipt["format"] == "evidencekit-batch-receipt" and receipt["tree"]["size"] == 5
    assert sorted(m["output"] for m in receipt["members"]) == [f"{n}.pdf" for n in ("a1", "b2", "c3", "d4", "e5")]
    for name in ("a1", "b2", "c3", "d4", "e5"):
        dossier = batch_out / f"{name}.pdf"
        run = cli("verify", str(dossier), "--batch-receipt", str(batch_out / RECEIPT_NAME), "--json")
        assert run.returncode == 0, run.stdout + run.stderr
        data = json.loads(run.stdout)
        assert data["batch_receipt"]["member"] is True
        assert data["batch_receipt"]["root"] == receipt["tree"]["root"]
        assert data["batch_receipt"]["tsa"] == "Test TSA 127.0.0.1"
        # each dossier also keeps its own B-T timestamp
        assert data["timestamps"] and data["timestamps"][0]["valid"] is True
    trusted = verify_dossier(batch_out / "c3.pdf", batch_receipt=batch_out / RECEIPT_NAME)
    assert trusted.batch is not None and trusted.batch.problem is None and trusted.batch.tsa_trusted is False


def test_the_tsa_is_trusted_through_trust_anchors(batch_out: Path, tsa: TestTSA) -> None:
    from evidencekit.verify import load_trust_anchors

    report = verify_dossier(batch_out / "a1.pdf", load_trust_anchors([tsa.ca_pem]),
                            batch_receipt=batch_out / RECEIPT_NAME)
    assert report.batch is not None and report.batch.problem is None and report.batch.tsa_trusted is True


def test_a_dossier_outside_the_batch_is_refused(batch_out: Path, tmp_path: Path, tsa: TestTSA) -> None:
    other = make_cases(tmp_path / "others", ["zz"]) / "zz"
    outside = tmp_path / "zz.pdf"
    made = cli("bundle", str(other), "-o", str(outside), "--tsa", tsa.url, "--json")
    assert made.returncode == 0, made.stderr
    assert cli("verify", str(outside)).returncode == 0
    run = cli("verify", str(outside), "--batch-receipt", str(batch_out / RECEIPT_NAME), "--json")
    assert run.returncode == ExitCode.VERIFICATION_FAILED == 4
    data = json.loads(run.stdout)
    assert data["verdict"] == "not-in-batch"
    assert [f["code"] for f in data["findings"] if f["severity"] == "fail"] == ["batch-receipt-not-member"]
    text = cli("verify", str(outside), "--batch-receipt", str(batch_out / RECEIPT_NAME))
    assert text.returncode == 4 and "NOT IN THE BATCH" in text.stdout


def test_a_tampered_path_or_token_is_refused(batch_out: Path, tmp_path: Path) -> None:
    receipt = json.loads((batch_out / RECEIPT_NAME).read_text(encoding="utf-8"))
    member = next(m for m in receipt["members"] if m["output"] == "b2.pdf")
    assert member["path"], "five leaves: every member has a path"
    first = bytearray.fromhex(member["path"][0])
    first[0] ^= 1
    member["path"][0] = first.hex()
    changed = tmp_path / "path.json"
    changed.write_text(json.dumps(receipt), encoding="utf-8")
    report = verify_dossier(batch_out / "b2.pdf", batch_receipt=changed)
    assert report.exit_code == ExitCode.VERIFICATION_FAILED
    assert [f.code for f in report.findings if f.severity == "fail"] == ["batch-receipt-path-mismatch"]
    assert cli("verify", str(batch_out / "b2.pdf"), "--batch-receipt", str(changed)).returncode == 4

    # a root and a path made up to match each other: the token does not date that root
    receipt = json.loads((batch_out / RECEIPT_NAME).read_text(encoding="utf-8"))
    member = next(m for m in receipt["members"] if m["output"] == "b2.pdf")
    receipt["tree"]["root"] = leaf_hash(member["dossier_id"]).hex()
    receipt["tree"]["size"], member["index"], member["path"] = 1, 0, []
    forged = tmp_path / "root.json"
    forged.write_text(json.dumps(receipt), encoding="utf-8")
    report = verify_dossier(batch_out / "b2.pdf", batch_receipt=forged)
    assert [f.code for f in report.findings if f.severity == "fail"] == ["batch-receipt-token-invalid"]

    # a token whose signature was changed
    receipt = json.loads((batch_out / RECEIPT_NAME).read_text(encoding="utf-8"))
    token = bytearray(base64.b64decode(receipt["timestamp"]["token"]))
    token[-5] ^= 0xFF  # inside the signature value, the last field of the SignerInfo
    receipt["timestamp"]["token"] = base64.b64encode(bytes(token)).decode()
    broken = tmp_path / "token.json"
    broken.write_text(json.dumps(receipt), encoding="utf-8")
    report = verify_dossier(batch_out / "b2.pdf", batch_receipt=broken)
    assert report.exit_code == ExitCode.VERIFICATION_FAILED
    assert [f.code for f in report.findings if f.severity == "fail"] == ["batch-receipt-token-invalid"]


def test_a_damaged_dossier_is_not_vouched_for(batch_out: Path, tmp_path: Path) -> None:
    copy = tmp_path / "d4.pdf"
    shutil.copyfile(batch_out / "d4.pdf", copy)
    with copy.open("ab") as f:
        f.write(b"\n")
    report = verify_dossier(copy, batch_receipt=batch_out / RECEIPT_NAME)
    assert report.exit_code == ExitCode.VERIFICATION_FAILED and report.verdict == "tampered"
    assert report.batch is None


def test_not_a_receipt_is_bad_input(batch_out: Path, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"format": "something else"}', encoding="utf-8")
    run = cli("verify", str(batch_out / "a1.pdf"), "--batch-receipt", str(bogus))
    assert run.returncode == ExitCode.BAD_INPUT and str(bogus) in run.stderr


def test_a_busy_tsa_is_asked_again_and_every_dossier_keeps_its_timestamp(tsa: TestTSA, tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["f1", "f2", "f3"])
    out = tmp_path / "out"
    before = len(tsa.flaky_refused)
    run = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json", "--tsa", tsa.flaky_url)
    assert run.returncode == 0, run.stderr
    assert all(d["status"] == "sealed" for d in lines(run.stdout).values())
    # every query was refused once (probe and seal per dossier, and the receipt) and then answered
    assert len(tsa.flaky_refused) - before == 3 * 2 + 1
    for name in ("f1", "f2", "f3"):
        report = verify_dossier(out / f"{name}.pdf", batch_receipt=out / RECEIPT_NAME)
        assert report.exit_code == ExitCode.OK and report.verdict == "valid"
        assert report.signatures[0].tsa_valid is True
        assert report.batch is not None and report.batch.problem is None


def test_a_dead_tsa_with_tsa_optional_seals_without_a_receipt(tsa: TestTSA, tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases", ["g1", "g2"])
    out = tmp_path / "out"
    run = cli("batch", str(cases), "-o", str(out), "--jobs", "2", "--json", "--tsa", tsa.dead_url, "--tsa-optional")
    assert run.returncode == 0, run.stderr
    assert all(d["status"] == "sealed" for d in lines(run.stdout).values())
    assert not (out / RECEIPT_NAME).exists()
    assert "no batch receipt written (--tsa-optional)" in run.stderr
