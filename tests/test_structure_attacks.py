"""Issue 8: exit 0 only for the bytes that were sealed, seen the same by every reader.

Each attack is written byte by byte (tests/attacks.py) on our own dossiers, two ways:
- after the seal, as an unsigned incremental update: what anyone holding the file can do;
- before the seal, so the seal covers it: a dossier made by a hostile or broken tool, which
  pdfsig calls "Total document signed" and pyHanko intact, while readers disagree on it.
Each must be exit 4 (or 5, "cannot verify"), never 0 and never 1, through the API and the
CLI, with the finding that names it. The fixture tests at the end show that qpdf/pikepdf and
poppler really see something other than pypdf/pyHanko: the attacks are not strawmen.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.errors import CannotVerify, VerificationFailed
from evidencekit.verify import VerifyReport, verify_dossier
from tests import attacks
from tests.conftest import FIXED_NOW, require_tool

Attack = Callable[[Path], None]

DUP = {"duplicate-key"}
AFTER = "unsigned-after-seal"
ROUTE = {"attachment-route"}

# name -> (attack on a sealed dossier, the findings of which one is expected)
AFTER_SEAL: dict[str, tuple[Attack, set[str]]] = {
    "catalog-second-pages": (attacks.catalog_second_pages, DUP),
    "catalog-second-names": (attacks.catalog_second_names, DUP),
    "page-second-contents": (attacks.page_second_contents, DUP),
    "trailer-second-root": (attacks.trailer_second_root, DUP),
    "stream-second-length": (attacks.stream_second_length, DUP | {"stream-length-mismatch"}),
    "objstm-second-pages": (attacks.objstm_second_pages, DUP),
    "xref-stream-second-root": (attacks.xref_stream_second_root, DUP),
    "filespec-second-EF": (partial(attacks.filespec_repeated_key, key="/EF"), DUP),
    "filespec-EF-second-F": (partial(attacks.filespec_repeated_key, key="/EF/F"), DUP),
    "filespec-EF-second-UF": (partial(attacks.filespec_repeated_key, key="/EF/UF"), DUP),
    "filespec-second-UF-name": (partial(attacks.filespec_repeated_key, key="/UF"), DUP),
    "escaped-second-pages": (attacks.escaped_second_pages, DUP),
    "object-defined-twice": (attacks.object_defined_twice, {"object-defined-twice"}),
    "xref-points-elsewhere": (attacks.xref_points_elsewhere, {"xref-mismatch"}),
    "unsigned-bytes": (attacks.unsigned_bytes, {AFTER}),
    "noop-update": (attacks.noop_update, {AFTER}),
    "unsigned-bytes-then-noop-update": (attacks.unsigned_bytes_then_noop_update, {AFTER}),
    "name-tree-duplicate": (attacks.name_tree_duplicate, ROUTE),
    "uf-stream-differs": (attacks.uf_stream_differs, ROUTE | {"parser-disagreement"}),
    "file-attachment-annotation": (attacks.file_attachment_annotation, ROUTE),
    "af-only-file-catalog": (attacks.af_only_file, ROUTE),
    "af-only-file-page": (partial(attacks.af_only_file, where="page"), ROUTE),
}

# in place, no update: nothing is appended after the seal
IN_PLACE: dict[str, tuple[Attack, set[str]]] = {
    "seal-value-other-case": (attacks.reencode_seal_value, {"seal-value-reencoded"}),
    "seal-value-spaced": (partial(attacks.reencode_seal_value, style="spaced"), {"seal-value-reencoded"}),
    "prev-skips-seal": (attacks.prev_skips_seal, {"revision-chain-broken"}),
}

# Applied before sealing (to the tiny dossier). pyHanko rewrites the catalog and the first
# page when it seals, and writes its own trailer: for the catalog, object-stream, trailer and
# cross-reference-stream attacks the repeated key then stays only in a superseded (still
# signed) revision, where no reader disagrees yet; only a parser that reads every revision
# sees it (issue 8: "a repeated key anywhere"). The page attacks aim at the second page,
# which pyHanko leaves alone: there qpdf and poppler show the other page.
BEFORE_SEAL: dict[str, tuple[Attack, set[str]]] = {
    "catalog-second-pages": (attacks.catalog_second_pages, DUP),
    "catalog-second-names": (attacks.catalog_second_names, DUP),
    "page-second-contents": (partial(attacks.page_second_contents, page=1), DUP),
    "trailer-second-root": (attacks.trailer_second_root, DUP),
    "stream-second-length": (partial(attacks.stream_second_length, page=1), DUP | {"stream-length-mismatch"}),
    "objstm-second-pages": (attacks.objstm_second_pages, DUP),
    "xref-stream-second-root": (attacks.xref_stream_second_root, DUP),
    "filespec-second-EF": (partial(attacks.filespec_repeated_key, key="/EF"), DUP),
    "filespec-EF-second-F": (partial(attacks.filespec_repeated_key, key="/EF/F"), DUP),
    "filespec-EF-second-UF": (partial(attacks.filespec_repeated_key, key="/EF/UF"), DUP),
    "filespec-second-UF-name": (partial(attacks.filespec_repeated_key, key="/UF"), DUP),
    "escaped-second-contents": (partial(attacks.page_second_contents, page=1, key=b"/C#6Fntents"), DUP),
    "object-defined-twice": (attacks.object_defined_twice, {"object-defined-twice"}),
    "name-tree-duplicate": (attacks.name_tree_duplicate, ROUTE),
    "uf-stream-differs": (attacks.uf_stream_differs, ROUTE | {"parser-disagreement"}),
    "file-attachment-annotation": (attacks.file_attachment_annotation, ROUTE),
    "af-only-file-catalog": (attacks.af_only_file, ROUTE),
    "af-only-file-page": (partial(attacks.af_only_file, where="page"), ROUTE),
}


# --- fixtures ----------------------------------------------------------------------------------------

def ec_identity_file(path: Path, name: str) -> Any:
    """A self-signed P-256 identity written as PKCS#12, as `identity create` would write an RSA
    one: RSA-3072 keys take ~0.4 s to load at each signature, EC keys no time."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    from evidencekit.identity import load_identity

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(datetime(2024, 1, 1, tzinfo=UTC))
            .not_valid_after(datetime(2036, 1, 1, tzinfo=UTC))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"test", key, cert, None,
                                                           serialization.NoEncryption()))
    return load_identity(path)


@pytest.fixture(scope="session")
def ec_identity(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return ec_identity_file(tmp_path_factory.mktemp("ec") / "ec.p12", "测试 封存人 (P-256)")


def seal_over(sealed: Path, out: Path, attack: Attack | None, identity: Any) -> Path:
    """``sealed`` sealed again with ``attack`` applied just before the seal, with the id and
    reason ``bundle`` gives (the attacker is whoever made the file the signer signs)."""
    from pypdf import PdfReader

    from evidencekit.seal import seal_in_place

    with open(sealed, "rb") as f:
        dossier_id = str(PdfReader(f).trailer["/Root"]["/EvidencekitDossier"]["/Id"])
    out.write_bytes(attacks.unsealed_prefix(sealed.read_bytes()))
    if attack is not None:
        attack(out)
    seal_in_place(out, identity, signing_time=FIXED_NOW, document_id=bytes.fromhex(dossier_id),
                  reason=f"evidencekit dossier {dossier_id}")
    return out


def api_verdict(path: Path, trust: list[Any] | None = None) -> tuple[int, set[str], VerifyReport | None]:
    try:
        report = verify_dossier(path, trust)
    except CannotVerify:
        return 5, set(), None
    return int(report.exit_code), {f.code for f in report.findings if f.severity == "fail"}, report


def assert_rejected(path: Path, expected: set[str], *, also: str | None = None, as_json: bool = False) -> None:
    """Exit 4 (with one of ``expected`` and ``also``) or 5, via the API and the CLI (and --json)."""
    code, found, report = api_verdict(path)
    assert code in (4, 5), (path.name, code, found)
    if code == 4:
        assert found & expected, (path.name, "expected one of", expected, "found", found)
        if also:
            assert also in found, (path.name, "expected", also, "found", found)
        assert report is not None and report.verdict == "tampered"
    text = CliRunner().invoke(main, ["--lang", "en", "verify", str(path)])
    assert text.exit_code == code, (text.exit_code, text.output, text.exception)
    if code == 4:
        assert text.output.startswith("TAMPERED"), text.output[:200]
    if not as_json:
        return
    result = CliRunner().invoke(main, ["--lang", "en", "verify", "--json", str(path)])
    assert result.exit_code == code, (result.exit_code, result.output)
    if code == 4:
        data = json.loads(result.stdout)
        assert data["exit_code"] == 4 and data["verdict"] == "tampered"
        assert {f["code"] for f in data["findings"]} & expected


# --- each attack, rejected -------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(AFTER_SEAL))
def test_attack_after_the_seal_is_rejected(name: str, dossier_copy: Path) -> None:
    attack, expected = AFTER_SEAL[name]
    attack(dossier_copy)
    assert_rejected(dossier_copy, expected, also=AFTER)


@pytest.mark.parametrize("name", ["catalog-second-pages", "trailer-second-root", "filespec-second-EF",
                                  "noop-update", "name-tree-duplicate"])
def test_attack_after_the_seal_in_json(name: str, dossier_copy: Path) -> None:
    attack, expected = AFTER_SEAL[name]
    attack(dossier_copy)
    assert_rejected(dossier_copy, expected, also=AFTER, as_json=True)


@pytest.mark.parametrize("name", sorted(IN_PLACE))
def test_attack_in_place_is_rejected(name: str, dossier_copy: Path) -> None:
    attack, expected = IN_PLACE[name]
    attack(dossier_copy)
    assert_rejected(dossier_copy, expected)


@pytest.mark.parametrize("name", sorted(BEFORE_SEAL))
def test_attack_under_the_seal_is_rejected(name: str, tiny_sealed: Path, tmp_path: Path, ec_identity: Any) -> None:
    attack, expected = BEFORE_SEAL[name]
    path = seal_over(tiny_sealed, tmp_path / f"{name}.pdf", attack, ec_identity)
    assert_rejected(path, expected, as_json=True)


def test_sealing_over_without_an_attack_is_valid(tiny_sealed: Path, tmp_path: Path, ec_identity: Any) -> None:
    """The control for the test above: the re-sealing itself makes a dossier that verifies."""
    path = seal_over(tiny_sealed, tmp_path / "plain.pdf", None, ec_identity)
    code, found, _ = api_verdict(path)
    assert code == 0, found
    assert CliRunner().invoke(main, ["verify", str(path)]).exit_code == 0


def test_each_update_attack_leaves_the_sealed_bytes_alone(sealed: Path, tmp_path: Path) -> None:
    """An incremental update only appends: the sealed file is a prefix of every attacked one."""
    original = sealed.read_bytes()
    for name, (attack, _) in AFTER_SEAL.items():
        copy = tmp_path / f"{name}.pdf"
        shutil.copyfile(sealed, copy)
        attack(copy)
        assert copy.read_bytes().startswith(original), name


# --- countersign over a shadowed file ---------------------------------------------------------------

@pytest.fixture(scope="session")
def aide(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return ec_identity_file(tmp_path_factory.mktemp("aide") / "aide.p12", "李律师 Legal Aide")


def countersign_anyway(path: Path, identity: Any) -> None:
    """A genuine `countersign`, made to skip its own check (as a countersigner using an
    older evidencekit, or another signing tool, would): the file then carries a second,
    valid signature over the shadowed revision."""
    from evidencekit import countersigning as module

    real = module.verify_dossier

    def lenient(p: Path, trust: Any = None) -> VerifyReport:
        report = real(p, trust)
        report.verdict = "valid"
        return report

    with mock.patch.object(module, "verify_dossier", lenient):
        module.countersign(path, identity, note="法律援助中心已接收 received")


@pytest.mark.parametrize("name", ["catalog-second-pages", "page-second-contents"])
def test_countersign_refuses_a_shadowed_dossier(name: str, dossier_copy: Path, aide: Any) -> None:
    from evidencekit.countersigning import countersign

    AFTER_SEAL[name][0](dossier_copy)
    before = dossier_copy.read_bytes()
    with pytest.raises(VerificationFailed):
        countersign(dossier_copy, aide, note="received")
    assert dossier_copy.read_bytes() == before
    result = CliRunner().invoke(main, ["--lang", "en", "countersign", str(dossier_copy),
                                       "--identity", str(aide.path), "--no-tsa"])
    assert result.exit_code == 4, result.output
    assert dossier_copy.read_bytes() == before


@pytest.mark.parametrize("name", ["catalog-second-pages", "page-second-contents"])
def test_countersigned_shadow_is_rejected(name: str, dossier_copy: Path, aide: Any) -> None:
    from evidencekit.pdf.rawsig import scan_signatures

    AFTER_SEAL[name][0](dossier_copy)
    countersign_anyway(dossier_copy, aide)
    signatures = scan_signatures(dossier_copy)
    assert len(signatures) == 2 and all(s.digest_matches for s in signatures)  # both genuine
    assert_rejected(dossier_copy, DUP | {"parser-disagreement"}, as_json=True)


# --- a trust question gets a trust answer (exit 8) --------------------------------------------------

def test_resealed_under_a_fresh_key_with_the_same_name_is_exit_8(tiny_case: Path, tiny_sealed: Path,
                                                                  tmp_path: Path) -> None:
    from cryptography.hazmat.primitives import serialization

    from evidencekit.clock import fixed_clock
    from evidencekit.identity import default_identity_path, load_identity
    from evidencekit.pipeline import BundleOptions, build_dossier
    from evidencekit.verify import load_trust_anchors

    genuine = load_identity(default_identity_path())
    anchor = tmp_path / "original.pem"
    anchor.write_bytes(genuine.certificate.public_bytes(serialization.Encoding.PEM))
    impostor = ec_identity_file(tmp_path / "impostor.p12", genuine.name)
    assert impostor.name == genuine.name and impostor.fingerprint != genuine.fingerprint
    resealed = tmp_path / "resealed.pdf"
    build_dossier(tiny_case, BundleOptions(output=resealed, identity_path=impostor.path),
                  clock=fixed_clock(FIXED_NOW))

    report = verify_dossier(resealed, load_trust_anchors([anchor]))
    assert int(report.exit_code) == 8, report.findings
    assert report.signatures[0].signer == genuine.name and report.signatures[0].trusted is False
    result = CliRunner().invoke(main, ["--lang", "en", "verify", "--trust", str(anchor), str(resealed)])
    assert result.exit_code == 8, result.output
    result = CliRunner().invoke(main, ["--lang", "en", "verify", "--json", "--trust", str(anchor), str(resealed)])
    assert result.exit_code == 8
    assert json.loads(result.stdout)["exit_code"] == 8
    # without --trust nobody asked: the dossier is intact, exit 0
    assert CliRunner().invoke(main, ["verify", str(resealed)]).exit_code == 0

    report = verify_dossier(tiny_sealed, load_trust_anchors([anchor]))
    assert int(report.exit_code) == 0 and report.signatures[0].trusted is True
    result = CliRunner().invoke(main, ["--lang", "en", "verify", "--json", "--trust", str(anchor), str(tiny_sealed)])
    assert result.exit_code == 0 and json.loads(result.stdout)["exit_code"] == 0


# --- nothing from the file reaches a terminal raw ---------------------------------------------------

# C0 controls but tab and newline, DEL, C1, LRM/RLM and the bidi embeddings, overrides, isolates
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SHOWN_ESC = re.compile(r"\\x1b|\\u001b|\\033|\\e\[|\[U\+001B\]|<U\+001B>|\^\[|␛", re.I)
SHOWN_RLO = re.compile(r"\\u202e|\[U\+202E\]|<U\+202E>|\\N\{RIGHT-TO-LEFT OVERRIDE\}", re.I)
HOSTILE_SIGNER = "\x1b[1;32m有效 VALID\x1b[0m \u202eecilA"


def raw_chars(text: str) -> list[str]:
    return sorted({repr(c) for c in RAW.findall(text)})


@pytest.fixture(scope="session")
def hostile(ek_home: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(case folder, its dossier): file names and the signer's name made to drive a terminal."""
    from evidencekit.clock import fixed_clock
    from evidencekit.pipeline import BundleOptions, build_dossier

    root = tmp_path_factory.mktemp("hostile")
    folder = attacks.write_hostile_case(root / "case")
    identity = ec_identity_file(root / "hostile.p12", HOSTILE_SIGNER)
    out = root / "hostile-dossier.pdf"
    build_dossier(folder, BundleOptions(output=out, identity_path=identity.path), clock=fixed_clock(FIXED_NOW))
    return folder, out


def invoke_in_terminal(*args: str) -> Any:
    """As in a terminal: color=True keeps ANSI sequences that Click strips from pipes."""
    return CliRunner().invoke(main, ["--lang", "en", *args], color=True)


def test_verify_shows_the_signer_name_escaped(hostile: tuple[Path, Path]) -> None:
    result = invoke_in_terminal("verify", str(hostile[1]))
    assert result.exit_code == 0, result.output
    out = result.stdout + result.stderr
    assert not raw_chars(out), raw_chars(out)
    assert SHOWN_ESC.search(out) and SHOWN_RLO.search(out), out
    assert not result.stdout.startswith(("有效", "VALID\x1b"))


def test_verify_of_a_tampered_hostile_dossier_shows_no_raw_control(hostile: tuple[Path, Path],
                                                                   tmp_path: Path) -> None:
    """Every exhibit swapped, so findings name each hostile path: a TAMPERED report whose
    lines must not be repainted into "有效 / VALID"."""
    copy = tmp_path / "d.pdf"
    shutil.copyfile(hostile[1], copy)
    for key in ("E01", "E02", "E03", "E04"):
        attacks.swap_attachment(copy, key, b"other bytes")
    for lang in ("zh", "en"):
        result = CliRunner().invoke(main, ["--lang", lang, "verify", str(copy)], color=True)
        assert result.exit_code == 4, result.output
        out = result.stdout + result.stderr
        assert not raw_chars(out), (lang, raw_chars(out))
    assert result.stdout.startswith("TAMPERED")
    result = invoke_in_terminal("verify", "--json", str(copy))
    assert result.exit_code == 4
    assert not raw_chars(result.stdout), raw_chars(result.stdout)  # as JSON escapes, not raw
    json.loads(result.stdout)


def test_verify_json_escapes_the_signer_name(hostile: tuple[Path, Path]) -> None:
    result = invoke_in_terminal("verify", "--json", str(hostile[1]))
    assert result.exit_code == 0
    assert not raw_chars(result.stdout + result.stderr), raw_chars(result.stdout + result.stderr)
    assert json.loads(result.stdout)["signatures"][0]["signer"]


def test_inspect_shows_hostile_names_escaped(hostile: tuple[Path, Path]) -> None:
    result = invoke_in_terminal("inspect", str(hostile[0]))
    assert result.exit_code == 0, result.output
    out = result.stdout + result.stderr
    assert not raw_chars(out), raw_chars(out)
    assert SHOWN_ESC.search(out) and SHOWN_RLO.search(out), out
    result = invoke_in_terminal("inspect", "--json", str(hostile[0]))
    assert result.exit_code == 0
    assert not raw_chars(result.stdout + result.stderr), raw_chars(result.stdout)
    assert len(json.loads(result.stdout)["items"]) == len(attacks.HOSTILE_NAMES)


def test_dossier_pages_show_hostile_names_escaped(hostile: tuple[Path, Path]) -> None:
    text = subprocess.run([require_tool("pdftotext"), str(hostile[1]), "-"], capture_output=True,
                          text=True, check=True).stdout
    text = text.replace("\f", "")  # pdftotext's page separator
    assert not raw_chars(text), raw_chars(text)
    assert "VALID" in text  # the names are there, made visible


# --- the fixtures are realistic: other readers do see something else -------------------------------

def _attacked(sealed: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"{name}.pdf"
    shutil.copyfile(sealed, copy)
    AFTER_SEAL[name][0](copy)
    return copy


def _pypdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    with open(path, "rb") as f:
        return len(PdfReader(f, strict=False).pages)


def _pikepdf_pages(path: Path) -> int:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


def _pypdf_attachment(path: Path, key: str) -> bytes:
    from pypdf import PdfReader

    with open(path, "rb") as f:
        names = PdfReader(f, strict=False).trailer["/Root"]["/Names"]["/EmbeddedFiles"]["/Names"]
        for i in range(0, len(names), 2):
            if str(names[i]) == key:
                return bytes(names[i + 1].get_object()["/EF"]["/F"].get_object().get_data())
    raise KeyError(key)


def _pikepdf_attachment(path: Path, key: str) -> bytes:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(path) as pdf:
        return bytes(pdf.attachments[key].get_file().read_bytes())


def _poppler_attachments(path: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / f"detached-{path.stem}"
    out.mkdir()
    subprocess.run([require_tool("pdfdetach"), "-saveall", "-o", str(out), str(path)], capture_output=True, check=True)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _pdftotext(path: Path, last: int | None = None) -> str:
    args = [require_tool("pdftotext")] + (["-l", str(last)] if last else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True).stdout


DUPLICATE_KEY_ATTACKS = [n for n, (_, codes) in AFTER_SEAL.items() if codes & DUP]


@pytest.mark.parametrize("name", DUPLICATE_KEY_ATTACKS)
def test_qpdf_sees_each_repeated_key(name: str, tiny_sealed: Path, tmp_path: Path) -> None:
    path = _attacked(tiny_sealed, tmp_path, name)  # the tiny one: qpdf --check decodes every stream
    out = subprocess.run([require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert "dictionary has duplicated key" in out.stdout + out.stderr, out.stdout + out.stderr


@pytest.mark.parametrize("name", ["catalog-second-pages", "escaped-second-pages", "objstm-second-pages",
                                  "trailer-second-root", "xref-stream-second-root"])
def test_shadow_page_tree_is_what_qpdf_and_poppler_show(name: str, sealed: Path, tmp_path: Path) -> None:
    path = _attacked(sealed, tmp_path, name)
    assert _pypdf_pages(path) == _pypdf_pages(sealed) > 2  # pypdf/pyHanko: the sealed pages
    assert _pikepdf_pages(path) == 2  # qpdf: the attacker's
    text = _pdftotext(path)
    assert "REFUND RECEIVED" in text and "WITHDRAWS THIS COMPLAINT" in text  # poppler: the attacker's
    if "root" in name:  # another catalog: poppler no longer even finds the signature
        out = subprocess.run([require_tool("pdfsig"), str(path)], capture_output=True, text=True)
        assert "does not contain any signatures" in out.stdout + out.stderr


def test_second_contents_is_the_cover_poppler_shows(sealed: Path, tmp_path: Path) -> None:
    path = _attacked(sealed, tmp_path, "page-second-contents")
    assert "REFUND RECEIVED" in _pdftotext(path, last=1)
    assert "REFUND RECEIVED" not in _pdftotext(sealed, last=1)
    from pypdf import PdfReader

    with open(path, "rb") as f:
        assert "REFUND" not in (PdfReader(f, strict=False).pages[0].extract_text() or "")


def test_second_length_is_the_content_qpdf_reads(sealed: Path, tmp_path: Path) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    from pypdf import PdfReader

    path = _attacked(sealed, tmp_path, "stream-second-length")
    with open(path, "rb") as f:
        first = PdfReader(f, strict=False).pages[0].get_contents().get_data()  # type: ignore[union-attr]
    with pikepdf.open(path) as pdf:
        last = pdf.pages[0].Contents.read_bytes()
    assert last.startswith(first) and last.endswith(b"re f Q") and not first.endswith(b"re f Q")


@pytest.mark.parametrize("name,reader", [
    ("catalog-second-names", "poppler"), ("catalog-second-names", "qpdf"),
    ("filespec-second-EF", "poppler"), ("filespec-second-EF", "qpdf"),
    ("filespec-EF-second-F", "poppler"), ("filespec-EF-second-UF", "qpdf"),
    ("uf-stream-differs", "qpdf"),
])
def test_other_readers_extract_another_e02(name: str, reader: str, sealed: Path, tmp_path: Path) -> None:
    path = _attacked(sealed, tmp_path, name)
    sealed_e02 = _pypdf_attachment(sealed, "E02")
    assert _pypdf_attachment(path, "E02") == sealed_e02  # what verify hashes
    if reader == "qpdf":
        assert _pikepdf_attachment(path, "E02") == attacks.EVIL_BYTES
    else:
        [e02] = [data for fname, data in _poppler_attachments(path, tmp_path).items() if fname.startswith("E02")]
        assert e02 == attacks.EVIL_BYTES
    if name == "catalog-second-names":
        assert _pikepdf_attachment(path, "manifest.json") == b"{}"
        assert hashlib.sha256(_pypdf_attachment(path, "manifest.json")).hexdigest() == verify_dossier(sealed).dossier_id


@pytest.mark.parametrize("name", ["name-tree-duplicate", "file-attachment-annotation"])
def test_poppler_lists_a_file_the_manifest_does_not(name: str, sealed: Path, tmp_path: Path) -> None:
    path = _attacked(sealed, tmp_path, name)
    files = _poppler_attachments(path, tmp_path)
    assert attacks.EVIL_BYTES in files.values()
    assert len(files) == len(_poppler_attachments(sealed, tmp_path)) + 1


def test_object_defined_twice_holds_two_bodies(sealed: Path, tmp_path: Path) -> None:
    path = _attacked(sealed, tmp_path, "object-defined-twice")
    tail = attacks.read_tail(sealed.read_bytes())
    added = path.read_bytes()[sealed.stat().st_size:]
    assert len(re.findall(rb"(?m)^%d 0 obj" % tail.root, added)) == 2
    assert b"/Pages" in added and attacks.read_tail(path.read_bytes()).root == tail.root


def test_reencoded_seal_value_still_verifies_for_pdfsig(sealed: Path, tmp_path: Path) -> None:
    """The signature bytes are the same; only their hex spelling changed."""
    path = _attacked_in_place(sealed, tmp_path, "seal-value-other-case")
    out = subprocess.run([require_tool("pdfsig"), str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in out
    assert path.read_bytes() != sealed.read_bytes() and path.stat().st_size == sealed.stat().st_size


def _attacked_in_place(sealed: Path, tmp_path: Path, name: str) -> Path:
    copy = tmp_path / f"{name}.pdf"
    shutil.copyfile(sealed, copy)
    IN_PLACE[name][0](copy)
    return copy


def test_sealed_over_attacks_are_signed_whole(tiny_sealed: Path, tmp_path: Path, ec_identity: Any) -> None:
    """Under the seal, pdfsig calls every one "Total document signed" and valid."""
    pdfsig = require_tool("pdfsig")
    for name in ("page-second-contents", "filespec-second-EF", "uf-stream-differs", "name-tree-duplicate"):
        path = seal_over(tiny_sealed, tmp_path / f"{name}.pdf", BEFORE_SEAL[name][0], ec_identity)
        out = subprocess.run([pdfsig, str(path)], capture_output=True, text=True).stdout
        assert "Signature is Valid." in out and "Total document signed" in out, (name, out)
    assert "REFUND RECEIVED" in _pdftotext(tmp_path / "page-second-contents.pdf", last=2)
    assert _pikepdf_attachment(tmp_path / "uf-stream-differs.pdf", "E02") == attacks.EVIL_BYTES

