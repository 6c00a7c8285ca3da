#!/usr/bin/env python3
"""The tool chain a user would otherwise put together, one step per invocation.

bench/run.py runs each step as its own process so that its time and peak memory are its own:

    python bench/chain.py keygen DIR                 self-signed RSA key + cert (once, untimed)
    img2pdf ... -o images.pdf                        (img2pdf's own CLI, not this file)
    python bench/chain.py attach CASE_DIR IN.pdf OUT.pdf
    python bench/chain.py sign KEYDIR IN.pdf OUT.pdf
    python bench/chain.py validate KEYDIR SIGNED.pdf
    pdfsig SIGNED.pdf                                (poppler)

Each step is written the way the libraries' documentation shows it, with no tuning: pypdf
attaches with PdfWriter.add_attachment and writes the whole file; pyHanko signs with
signers.SimpleSigner and PdfSigner.sign_pdf into its default in-memory output, then the
result is written to disk; validation uses validate_pdf_signature against the self-signed
certificate as trust root and reports the modification level (difference analysis).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def keygen(keydir: Path) -> None:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    keydir.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "张三 (bench)"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")])
    now = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=False,
                                         encipher_only=False, decipher_only=False), critical=True)
            .sign(key, hashes.SHA256()))
    (keydir / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                                       serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    (keydir / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def case_files(case_dir: Path) -> list[Path]:
    """Every regular file under case_dir, sorted, case.toml included (it is evidence too)."""
    return sorted(p for p in case_dir.rglob("*") if p.is_file() and not p.is_symlink())


def attach(case_dir: Path, src: Path, dst: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(src))
    for p in case_files(case_dir):
        writer.add_attachment(p.relative_to(case_dir).as_posix(), p.read_bytes())
    with open(dst, "wb") as fh:
        writer.write(fh)


def sign(keydir: Path, src: Path, dst: Path) -> None:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load(str(keydir / "key.pem"), str(keydir / "cert.pem"))
    meta = signers.PdfSignatureMetadata(field_name="Signature1", reason="evidence dossier (bench)")
    with open(src, "rb") as inf:
        writer = IncrementalPdfFileWriter(inf, strict=False)
        out = signers.PdfSigner(meta, signer=signer).sign_pdf(writer)
        with open(dst, "wb") as fh:
            fh.write(out.getbuffer())


def validate(keydir: Path, signed: Path) -> int:
    from pyhanko.keys import load_cert_from_pemder
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    root = load_cert_from_pemder(str(keydir / "cert.pem"))
    vc = ValidationContext(trust_roots=[root])
    with open(signed, "rb") as fh:
        reader = PdfFileReader(fh, strict=False)
        results = []
        for sig in reader.embedded_signatures:
            st = validate_pdf_signature(sig, vc)
            results.append({"field": sig.field_name, "intact": st.intact, "valid": st.valid,
                            "trusted": st.trusted, "coverage": st.coverage.name,
                            "modification_level": st.modification_level.name if st.modification_level else None,
                            "bottom_line": st.bottom_line})
    print(json.dumps(results))
    ok = bool(results) and all(r["bottom_line"] and r["coverage"] == "ENTIRE_FILE" for r in results)
    return 0 if ok else 4


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd, args = argv[1], [Path(a) for a in argv[2:]]
    if cmd == "keygen":
        keygen(*args)
    elif cmd == "attach":
        attach(*args)
    elif cmd == "sign":
        sign(*args)
    elif cmd == "validate":
        return validate(*args)
    else:
        print(f"unknown step {cmd!r}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
