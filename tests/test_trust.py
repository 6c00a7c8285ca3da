"""Trusted time, countersignatures and trust anchors, all offline: the TSA runs on 127.0.0.1."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner

from evidencekit import pipeline
from evidencekit.cli import main
from evidencekit.clock import fixed_clock
from evidencekit.pipeline import BundleOptions, build_dossier
from evidencekit.timestamping import TSA_ENV, configured_tsa
from evidencekit.verify import verify_dossier
from tests import attacks
from tests.conftest import FIXED_NOW, require_tool
from tests.pki import Issued, issue, make_ca, write_pkcs12
from tests.tsa import TestTSA


@pytest.fixture(scope="session")
def tsa_sealed(ek_home: Path, sample_case: Path, tsa: TestTSA, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tsa-sealed") / "dossier.pdf"
    build_dossier(sample_case, BundleOptions(output=out, tsa_url=tsa.url), clock=fixed_clock(FIXED_NOW))
    return out


@pytest.fixture
def tsa_copy(tsa_sealed: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "dossier.pdf"
    shutil.copyfile(tsa_sealed, copy)
    return copy


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(main, ["--lang", "en", *args], env=env)


def sealer_pem(folder: Path) -> Path:
    """The default identity's certificate as a PEM file: the anchor for a self-signed seal."""
    from cryptography.hazmat.primitives import serialization

    from evidencekit.identity import default_identity_path, load_identity

    pem = folder / "sealer.pem"
    pem.write_bytes(load_identity(default_identity_path()).certificate.public_bytes(serialization.Encoding.PEM))
    return pem


def anchors(*paths: Path) -> list[Any]:
    from evidencekit.verify import load_trust_anchors

    return load_trust_anchors(list(paths))


# --- RFC 3161 signature timestamps ---------------------------------------------------------------

def test_tsa_timestamp_makes_the_time_attested(tsa_sealed: Path, tsa: TestTSA) -> None:
    report = verify_dossier(tsa_sealed)
    assert report.verdict == "valid" and report.exit_code == 0, report.findings
    assert report.time_source_claimed == "tsa"
    [seal] = report.signatures
    assert seal.time_basis == "tsa" and seal.tsa_valid is True
    assert seal.tsa == "Test TSA 127.0.0.1"
    assert seal.tsa_trusted is False  # no --trust given: the TSA is not vouched for
    assert seal.signing_time == "2025-04-02T10:30:00+08:00"  # the signer's claim, kept apart


def test_tsa_trust_anchor_says_whether_the_tsa_is_trusted(tsa_sealed: Path, tsa: TestTSA, tmp_path: Path) -> None:
    report = verify_dossier(tsa_sealed, anchors(tsa.ca_pem))
    assert report.signatures[0].tsa_trusted is True
    # trusting the TSA alone answers the trust question for the time, not for the sealer: exit 8
    assert report.verdict == "untrusted-signer" and report.exit_code == 8
    sealer = sealer_pem(tmp_path)
    result = run("verify", "--trust", str(tsa.ca_pem), "--trust", str(sealer), str(tsa_sealed))
    assert result.exit_code == 0, result.output
    assert "attested by timestamp authority Test TSA 127.0.0.1" in result.output
    assert "the TSA is trusted" in result.output
    other = tmp_path / "other-ca.pem"
    other.write_bytes(make_ca("Some Other CA").cert_pem())
    report = verify_dossier(tsa_sealed, anchors(other, sealer))
    assert report.exit_code == 0 and report.signatures[0].tsa_trusted is False
    assert "untrusted-tsa" in {f.code for f in report.findings}


def test_local_clock_only_is_untrusted_time_in_words(sealed: Path) -> None:
    result = run("verify", str(sealed))
    assert result.exit_code == 0
    assert result.output.startswith("VALID")
    assert "asserted by the signer's own clock; no timestamp" in result.output
    zh = CliRunner().invoke(main, ["--lang", "zh", "verify", str(sealed)])
    assert "仅为签名人电脑时钟的声明" in zh.output


def test_verify_json_documents_timestamps(tsa_sealed: Path, tsa: TestTSA, tmp_path: Path) -> None:
    result = run("verify", "--json", "--trust", str(tsa.ca_pem), "--trust", str(sealer_pem(tmp_path)),
                 str(tsa_sealed))
    data = json.loads(result.stdout)
    assert data["verdict"] == "valid"
    [stamp] = data["timestamps"]
    assert stamp["kind"] == "signature-timestamp" and stamp["tsa"] == "Test TSA 127.0.0.1"
    assert stamp["valid"] is True and stamp["trusted"] is True and stamp["time"]
    [sig] = data["signatures"]
    assert sig["time_basis"] == "tsa" and sig["timestamp"]["valid"] is True


def test_token_verifies_with_openssl(tsa_sealed: Path, tsa: TestTSA, tmp_path: Path) -> None:
    """The signature timestamp token is a plain RFC 3161 token over the signature value."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    openssl = require_tool("openssl")
    with open(tsa_sealed, "rb") as f:
        [sig] = PdfFileReader(f, strict=False).embedded_signatures
        signer_info = sig.signer_info
        [token] = [a["values"][0] for a in signer_info["unsigned_attrs"]
                   if a["type"].native == "signature_time_stamp_token"]
        (tmp_path / "token.der").write_bytes(token.dump())
        (tmp_path / "signature.bin").write_bytes(signer_info["signature"].native)
    done = subprocess.run([openssl, "ts", "-verify", "-in", str(tmp_path / "token.der"), "-token_in",
                           "-data", str(tmp_path / "signature.bin"), "-CAfile", str(tsa.ca_pem)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "Verification: OK" in done.stdout, done.stdout + done.stderr
    (tmp_path / "signature.bin").write_bytes(b"another signature value")
    done = subprocess.run([openssl, "ts", "-verify", "-in", str(tmp_path / "token.der"), "-token_in",
                           "-data", str(tmp_path / "signature.bin"), "-CAfile", str(tsa.ca_pem)],
                          capture_output=True, text=True)
    assert done.returncode != 0


def test_pdfsig_calls_the_timestamped_dossier_valid(tsa_sealed: Path) -> None:
    out = subprocess.run([require_tool("pdfsig"), str(tsa_sealed)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out and "Total document signed" in out


# --- failing TSAs -----------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["dead_url", "fail_url", "html_url"])
def test_failing_tsa_is_exit_7_naming_the_url(which: str, tsa: TestTSA, sample_case: Path, tmp_path: Path) -> None:
    url = getattr(tsa, which)
    out = tmp_path / "d.pdf"
    result = run("bundle", str(sample_case), "-o", str(out), "--tsa", url)
    assert result.exit_code == 7, result.output
    assert url in result.stderr and "--tsa-optional" in result.stderr
    assert not out.exists() and not list(tmp_path.iterdir())


def test_tsa_optional_seals_without_and_says_so(tsa: TestTSA, sample_case: Path, tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    result = run("bundle", str(sample_case), "-o", str(out), "--tsa", tsa.dead_url, "--tsa-optional", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["time_source"] == "local-clock" and data["tsa"] is None
    assert "without a trusted timestamp" in result.stderr and tsa.dead_url in result.stderr
    report = verify_dossier(out)
    assert report.verdict == "untrusted-time" and report.time_source_claimed == "local-clock"


def test_tsa_failing_after_the_probe_rebuilds_honestly(tsa: TestTSA, sample_case: Path, tmp_path: Path) -> None:
    """The probe passed, the seal's request failed: the manifest must not keep saying "tsa"."""
    fake = {"url": tsa.fail_url, "name": "flaky", "time": None}
    out = tmp_path / "d.pdf"
    with mock.patch.object(pipeline, "probe", return_value=fake):
        result = build_dossier(sample_case, BundleOptions(output=out, tsa_url=tsa.fail_url, tsa_optional=True),
                               clock=fixed_clock(FIXED_NOW))
        assert result.time_source == "local-clock" and result.warnings
        assert verify_dossier(out).verdict == "untrusted-time"
        strict = run("bundle", str(sample_case), "-o", str(tmp_path / "e.pdf"), "--tsa", tsa.fail_url)
    assert strict.exit_code == 7 and not (tmp_path / "e.pdf").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["d.pdf"]


def test_manifest_claiming_tsa_without_a_timestamp_is_rejected(tsa: TestTSA, sample_case: Path,
                                                              tmp_path: Path) -> None:
    real_seal = pipeline.seal_in_place

    def seal_without_timestamp(*args: Any, **kwargs: Any) -> None:
        kwargs["timestamper"] = None
        real_seal(*args, **kwargs)

    out = tmp_path / "d.pdf"
    with mock.patch.object(pipeline, "seal_in_place", seal_without_timestamp):
        build_dossier(sample_case, BundleOptions(output=out, tsa_url=tsa.url), clock=fixed_clock(FIXED_NOW))
    report = verify_dossier(out)
    assert report.exit_code == 4 and "time-source-claim" in {f.code for f in report.findings}


def test_default_tsa_from_env_and_settings(tsa: TestTSA, ek_home: Path, monkeypatch: pytest.MonkeyPatch,
                                           sample_case: Path, tmp_path: Path) -> None:
    assert configured_tsa().url is None
    settings = ek_home / "settings.toml"
    settings.write_text(f'tsa = "{tsa.url}"\n')
    try:
        assert configured_tsa() .url == tsa.url and configured_tsa().source == "settings"
        monkeypatch.setenv(TSA_ENV, tsa.fail_url)
        assert configured_tsa().url == tsa.fail_url
        assert configured_tsa("http://explicit.example/").url == "http://explicit.example/"
        assert configured_tsa(disabled=True).url is None
        monkeypatch.delenv(TSA_ENV)
        result = run("bundle", str(sample_case), "-o", str(tmp_path / "d.pdf"), "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["time_source"] == "tsa"
        result = run("bundle", str(sample_case), "-o", str(tmp_path / "e.pdf"), "--no-tsa", "--json")
        assert json.loads(result.stdout)["time_source"] == "local-clock"
        settings.write_text("tsa = 5\n")
        assert run("bundle", str(sample_case), "-o", str(tmp_path / "f.pdf")).exit_code == 3
    finally:
        settings.unlink()


# --- B-LTA -------------------------------------------------------------------------------------------

def test_archive_adds_validation_data_and_a_document_timestamp(tsa: TestTSA, sample_case: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "d.pdf"
    result = run("bundle", str(sample_case), "-o", str(out), "--tsa", tsa.url, "--archive")
    assert result.exit_code == 0, result.output
    report = verify_dossier(out, anchors(tsa.ca_pem, sealer_pem(tmp_path)))
    assert report.verdict == "valid", report.findings
    assert [s.kind for s in report.signatures] == ["signature", "document-timestamp"]
    doc_ts = report.signatures[1]
    assert doc_ts.coverage == "ENTIRE_FILE" and doc_ts.tsa_valid and doc_ts.tsa_trusted
    assert doc_ts.changes_before == ["validation data (DSS)"]
    data = json.loads(run("verify", "--json", str(out)).stdout)
    assert [t["kind"] for t in data["timestamps"]] == ["signature-timestamp", "document-timestamp"]
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(out, "rb") as f:
        reader = PdfFileReader(f, strict=False)
        assert "/DSS" in reader.root
        # no metadata written after the seal, in any revision
        assert all("/Info" not in reader.get_historical_resolver(r).trailer_view
                   for r in range(reader.xrefs.total_revisions))
    assert run("bundle", str(sample_case), "-o", str(tmp_path / "e.pdf"), "--archive", "--no-tsa").exit_code == 3
    attacks.add_annotation(out)
    assert verify_dossier(out).exit_code == 4


# --- countersignatures -------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def aide_identity(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from evidencekit.identity import create_identity

    path = tmp_path_factory.mktemp("aide") / "aide.p12"
    create_identity(path, "李律师 Legal Aide", now=FIXED_NOW)
    return path


def test_countersigned_dossier_is_valid_and_lists_the_chain(tsa_copy: Path, aide_identity: Path,
                                                            tsa: TestTSA) -> None:
    result = run("countersign", str(tsa_copy), "--identity", str(aide_identity),
                 "--note", "法律援助中心已接收 received", "--tsa", tsa.url)
    assert result.exit_code == 0, result.output
    report = verify_dossier(tsa_copy)
    assert report.verdict == "valid", report.findings
    seal, receipt = report.signatures
    assert receipt.signer == "李律师 Legal Aide" and receipt.reason == "法律援助中心已接收 received"
    assert receipt.changes_before == ["signature field evidencekit-countersign-1"]
    assert seal.coverage == "ENTIRE_REVISION" and receipt.coverage == "ENTIRE_FILE"
    text = run("verify", str(tsa_copy)).output
    assert "2. Countersignature (evidencekit-countersign-1): intact and valid" in text
    assert "Note: 法律援助中心已接收 received" in text
    assert "Added since the previous signature: signature field evidencekit-countersign-1" in text
    # a second one, without a timestamp: its time is only claimed
    assert run("countersign", str(tsa_copy), "--identity", str(aide_identity), "--no-tsa").exit_code == 0
    report = verify_dossier(tsa_copy)
    assert report.verdict == "untrusted-time" and len(report.signatures) == 3
    assert report.signatures[2].field == "evidencekit-countersign-2"


def test_pdfsig_calls_each_countersigned_signature_valid(tsa_copy: Path, aide_identity: Path) -> None:
    pdfsig = require_tool("pdfsig")
    assert run("countersign", str(tsa_copy), "--identity", str(aide_identity), "--note", "received").exit_code == 0
    out = subprocess.run([pdfsig, str(tsa_copy)], capture_output=True, text=True).stdout
    assert out.count("Signature is Valid.") == 2, out
    last = out.split("Signature #2:")[1]
    assert "Total document signed" in last


def test_countersign_refuses_a_tampered_dossier_and_leaves_it_alone(dossier_copy: Path,
                                                                   aide_identity: Path) -> None:
    attacks.add_annotation(dossier_copy)
    before = dossier_copy.read_bytes()
    result = run("countersign", str(dossier_copy), "--identity", str(aide_identity))
    assert result.exit_code == 4 and "does not verify" in result.stderr
    assert dossier_copy.read_bytes() == before


def test_countersign_failure_never_corrupts_the_input(dossier_copy: Path, aide_identity: Path,
                                                      tsa: TestTSA) -> None:
    before = dossier_copy.read_bytes()
    result = run("countersign", str(dossier_copy), "--identity", str(aide_identity), "--tsa", tsa.dead_url)
    assert result.exit_code == 7 and tsa.dead_url in result.stderr
    assert dossier_copy.read_bytes() == before
    assert sorted(p.name for p in dossier_copy.parent.iterdir()) == ["dossier.pdf"]
    from evidencekit import countersigning as module

    with mock.patch.object(module, "seal_in_place", side_effect=RuntimeError("disk full")):
        result = run("countersign", str(dossier_copy), "--identity", str(aide_identity))
    assert result.exit_code != 0
    assert dossier_copy.read_bytes() == before
    assert sorted(p.name for p in dossier_copy.parent.iterdir()) == ["dossier.pdf"]


def test_countersign_to_another_file(dossier_copy: Path, aide_identity: Path, tmp_path: Path) -> None:
    out = tmp_path / "received.pdf"
    before = dossier_copy.read_bytes()
    assert run("countersign", str(dossier_copy), "--identity", str(aide_identity), "-o", str(out)).exit_code == 0
    assert dossier_copy.read_bytes() == before
    assert len(verify_dossier(out).signatures) == 2


# --- trust anchors and CA-issued identities ---------------------------------------------------------

@pytest.fixture(scope="session")
def org_ca() -> Issued:
    return make_ca("Test Legal Aid Organisation CA")


@pytest.fixture(scope="session")
def ca_sealed(org_ca: Issued, ek_home: Path, sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ca-identity")
    signer = issue(org_ca, "王五 (issued by the CA)")
    p12 = write_pkcs12(folder / "issued.p12", signer, [org_ca.cert], "王五")
    (folder / "ca.pem").write_bytes(org_ca.cert_pem())
    out = folder / "dossier.pdf"
    result = run("bundle", str(sample_case), "-o", str(out), "--identity", str(p12))
    assert result.exit_code == 0, result.output
    return out


def test_ca_issued_identity_without_trust_is_not_vouched_for(ca_sealed: Path) -> None:
    report = verify_dossier(ca_sealed)
    assert report.exit_code == 0
    [sig] = report.signatures
    assert sig.self_signed is False and sig.trusted is False and sig.issuer == "Test Legal Aid Organisation CA"
    text = run("verify", str(ca_sealed)).output
    assert "certificate issued by Test Legal Aid Organisation CA; not checked" in text


def test_ca_issued_identity_with_trust_anchor_is_trusted(ca_sealed: Path) -> None:
    ca_pem = ca_sealed.parent / "ca.pem"
    report = verify_dossier(ca_sealed, anchors(ca_pem))
    assert report.signatures[0].trusted is True and not report.findings
    en = run("verify", "--trust", str(ca_pem), str(ca_sealed)).output
    assert "trusted: the certificate chains to a --trust anchor" in en
    zh = CliRunner().invoke(main, ["--lang", "zh", "verify", "--trust", str(ca_pem), str(ca_sealed)]).output
    assert "可信：证书链接到所给的信任根" in zh
    data = json.loads(run("verify", "--json", "--trust", str(ca_pem), str(ca_sealed)).stdout)
    assert data["signatures"][0]["trusted"] is True and data["trust_anchors"] == 1


def test_wrong_trust_anchor_says_not_trusted(ca_sealed: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.pem"
    other.write_bytes(make_ca("Unrelated CA").cert_pem())
    report = verify_dossier(ca_sealed, anchors(other))
    assert report.exit_code == 8 and report.verdict == "untrusted-signer"
    assert report.signatures[0].trusted is False
    assert "untrusted-signer" in {f.code for f in report.findings}
    assert "NOT trusted: the certificate does not chain" in run("verify", "--trust", str(other), str(ca_sealed)).output
