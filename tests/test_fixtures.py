"""The fixtures and benchmark generators make what they claim.

Covers fixtures/make_sample_case.py (and its committed output fixtures/sample-case/),
fixtures/awkward.py, bench/make_case.py and the chain half of bench/run.py.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import unicodedata
import wave
from pathlib import Path

import pytest
from PIL import Image, ImageOps

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
SAMPLE = FIXTURES / "sample-case"
sys.path.insert(0, str(FIXTURES))

import make_sample_case as sample  # noqa: E402
from awkward import make_awkward_case  # noqa: E402


class _LazyMagic:
    """python-magic (libmagic) only for the tests that sniff types; the rest run without it."""

    def __getattr__(self, name):
        return getattr(pytest.importorskip("magic"), name)


magic = _LazyMagic()

TXN_ID = "2025031222001400000001"


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLE.rglob("*") if p.is_file())


def sha256(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


# --- the sample case ---------------------------------------------------------------------------
def test_sample_case_is_small():
    assert sum(p.stat().st_size for p in sample_files()) < 2 * 1024 * 1024


def test_sample_case_is_deterministic_and_up_to_date(tmp_path):
    a = sample.make_sample_case(tmp_path / "a")
    b = sample.make_sample_case(tmp_path / "b")
    rel = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    assert rel == sorted(p.relative_to(SAMPLE).as_posix() for p in sample_files())
    for r in rel:
        assert sha256(a / r) == sha256(b / r), r
    # Text and audio do not depend on image/zlib library versions: they must match the
    # committed files exactly (images may differ in compression across Pillow builds).
    for r in rel:
        if Path(r).suffix in {".toml", ".csv", ".txt", ".wav", ".amr"}:
            assert sha256(a / r) == sha256(SAMPLE / r), f"{r}: re-run fixtures/make_sample_case.py"


ALLOWED = {
    "case": {"title", "problem", "channel", "amount", "occurred_at", "facts", "demand"},
    "demands": {"platform", "court"},
    "complainant": {"name", "gender", "birth_date", "ethnicity", "occupation", "id_number", "phone", "address",
                    "account"},
    "respondent": {"name", "credit_code", "address", "legal_representative"},
    "transactions": {"id", "merchant_order", "time", "amount", "counterparty", "disputed"},
    "contacts": {"date", "channel", "ticket", "summary", "outcome"},
    "evidence": {"path", "kind", "source", "proves", "original"},
}


def test_case_toml_follows_the_schema():
    data = tomllib.loads((SAMPLE / "case.toml").read_text(encoding="utf-8"))
    assert set(data) == set(ALLOWED)
    for table, keys in ALLOWED.items():
        rows = data[table] if isinstance(data[table], list) else [data[table]]
        for row in rows:
            assert set(row) <= keys, (table, set(row) - keys)
    assert set(data["case"]) == ALLOWED["case"]
    case = data["case"]
    assert (case["title"], case["problem"], case["channel"], case["amount"]) == \
        ("支付宝充值未到账", "topup_not_credited", "pboc", "218.00")
    assert case["occurred_at"] == "2025-03-12T20:15:03+08:00"
    [txn] = data["transactions"]
    assert txn["id"] == TXN_ID and txn["disputed"] is True
    assert len(data["contacts"]) == 2 and all(c["ticket"] for c in data["contacts"])
    assert {c["channel"] for c in data["contacts"]} <= {"platform", "social", "consumer", "pboc", "nfra",
                                                       "police", "court"}
    kinds = {"screenshot", "photo", "receipt", "bill", "chat", "recording", "video", "document", "other"}
    listed = {e["path"] for e in data["evidence"]}
    assert all(e["kind"] in kinds and e["source"] and e["proves"] for e in data["evidence"])
    on_disk = {p.relative_to(SAMPLE).as_posix() for p in sample_files()} - {"case.toml"}
    assert listed == on_disk
    assert all(unicodedata.is_normalized("NFC", p) for p in listed)


def test_screenshots_are_phone_sized_rgb_png():
    shots = sorted((SAMPLE / "screens").glob("*.png"))
    assert len(shots) == 2
    for p in shots:
        assert magic.from_file(str(p), mime=True) == "image/png"
        with Image.open(p) as im:
            assert im.format == "PNG" and im.mode == "RGB" and im.size == (1080, 2340)
        assert p.stat().st_size < 400_000


def test_photo_is_jpeg_with_exif_orientation_6_and_gps():
    [p] = (SAMPLE / "photos").glob("*.jpg")
    assert magic.from_file(str(p), mime=True) == "image/jpeg"
    assert 100_000 <= p.stat().st_size <= 200_000
    with Image.open(p) as im:
        exif = im.getexif()
        assert exif[0x0112] == 6
        assert exif[0x010F] and exif[0x0110]  # Make, Model
        sub = exif.get_ifd(0x8769)
        assert sub[0x9003] == "2025:03:12 20:41:07"  # DateTimeOriginal
        assert sub[0x9011] == "+08:00"  # OffsetTimeOriginal
        gps = exif.get_ifd(0x8825)
        assert gps[1] == "N" and gps[3] == "E" and len(gps[2]) == 3
        stored = im.size
        upright = ImageOps.exif_transpose(im)
    assert stored[0] > stored[1] and upright.size == (stored[1], stored[0])  # portrait once turned
    # the yellow UP marker is in the upper part of the upright picture
    yellow = [(x, y) for x in range(0, upright.width, 8) for y in range(0, upright.height, 8)
              if _is_marker_yellow(upright.getpixel((x, y)))]
    assert yellow and max(y for _, y in yellow) < upright.height * 0.25


def _is_marker_yellow(px) -> bool:
    r, g, b = px
    return r > 200 and 170 < g < 240 and b < 80


def test_receipt_is_one_page_pdf_with_embedded_cjk_font():
    from pypdf import PdfReader

    [p] = (SAMPLE / "receipts").glob("*.pdf")
    assert magic.from_file(str(p), mime=True) == "application/pdf"
    reader = PdfReader(p)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "电子回单" in text and TXN_ID in text and "218.00" in text
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for ref in fonts.values():
        font = ref.get_object()
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} not embedded"


def test_alipay_bill_is_gb18030_2023_layout():
    p = SAMPLE / "bills" / "alipay_record_20250401.csv"
    raw = p.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    lines = raw.decode("gb18030").split("\r\n")
    delim = next(i for i, line in enumerate(lines) if "电子客户回单" in line)
    assert lines[delim] == sample.ALIPAY_DELIMITER
    header = [c.strip() for c in lines[delim + 1].split(",")]
    assert header[:-1] == sample.ALIPAY_HEADER and header[-1] == ""
    assert delim + 1 == 24  # the header is physical line 25, as in the real files
    rows = [line for line in lines[delim + 2:] if line]
    assert 8 <= len(rows) <= 12
    for row in rows:
        cells = row.split(",")
        assert len(cells) == len(header)
        assert cells[0].endswith(" ")  # space padding
        assert cells[9].endswith("\t") and cells[10].endswith("\t")  # ids end with a TAB
    [disputed] = [r for r in rows if TXN_ID in r]
    cells = [c.strip() for c in disputed.split(",")]
    assert cells[0] == "2025-03-12 20:15:03" and cells[5] == "支出" and cells[6] == "218.00"
    assert cells[8] == "交易成功"


def test_chat_is_memotrace_txt_with_ticket_and_transaction():
    p = SAMPLE / "chats" / "客服聊天.txt"
    assert magic.from_file(str(p), mime=True) == "text/plain"
    text = p.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    assert blocks[-1] == ""
    head = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+$")
    for block in blocks[:-1]:
        first, _, content = block.partition("\n")
        assert head.match(first), first
        assert content
    assert "CS2025031300012" in text and TXN_ID in text


def test_recordings_are_wav_and_amr():
    wav = SAMPLE / "recordings" / "客服通话.wav"
    assert magic.from_file(str(wav), mime=True) in {"audio/x-wav", "audio/wav"}
    with wave.open(str(wav)) as w:
        assert 3 <= w.getnframes() / w.getframerate() <= 5
    amr = (SAMPLE / "recordings" / "语音.amr").read_bytes()
    assert magic.from_buffer(amr, mime=True) in {"audio/amr", "audio/AMR"}
    assert amr == b"#!AMR\n" + (b"\x3c" + b"\x00" * 31) * 150


# --- the awkward folder -----------------------------------------------------------------------
@pytest.fixture
def awkward(tmp_path):
    return make_awkward_case(tmp_path / "case", tmp_path / "outside")


def test_awkward_nfd_names_are_nfd_on_disk(awkward):
    root = awkward["root"]
    assert len(awkward["nfd"]) >= 2
    for nfc_path in awkward["nfd"]:
        disk = awkward["disk_names"][nfc_path]
        assert disk != nfc_path and unicodedata.normalize("NFD", disk) == disk
        assert (root / disk).is_file()
        parent, name = (root / disk).parent, (root / disk).name
        assert name.encode() in [n.encode() for n in os.listdir(parent)]  # stored as NFD bytes
    assert any(not p.isascii() and "\u0308" in awkward["disk_names"][p] for p in awkward["nfd"])
    assert any("cafe\u0301" in awkward["disk_names"][p] for p in awkward["nfd"])


def test_awkward_symlinks_escape_and_point_to_a_folder(awkward):
    root = awkward["root"].resolve()
    out_link = awkward["root"] / "link to secret.txt"
    assert out_link.is_symlink() and out_link.is_file()
    assert not out_link.resolve().is_relative_to(root)
    assert out_link.resolve().is_relative_to(awkward["outside"].resolve())
    dir_link = awkward["root"] / "快捷方式-第一层"
    assert dir_link.is_symlink() and dir_link.is_dir()
    assert set(awkward["symlinks"]) <= set(awkward["excluded"])


def test_awkward_contents_match_the_description(awkward):
    root = awkward["root"]
    for nfc_path in awkward["included"]:
        p = root / awkward["disk_names"][nfc_path]
        assert p.is_file() and not p.is_symlink()
        assert sha256(p) == awkward["sha256"][nfc_path]
    assert (root / "空文件.txt").stat().st_size == 0
    broken = root / "screens" / "broken screenshot.png"
    assert broken.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(Exception):  # noqa: B017 - Pillow raises OSError or SyntaxError for this PNG, by version
        with Image.open(broken) as im:
            im.load()
    for name in ("photo.jpg", "转账截图.png"):
        with Image.open(root / name) as im:
            im.load()
    assert any(" " in p for p in awkward["included"])
    assert any(any(ord(c) > 0xFFFF for c in p) for p in awkward["included"])  # emoji
    assert any(p.count("/") >= 3 for p in awkward["included"])  # three folders deep
    for litter in (".DS_Store", "screens/Thumbs.db", "desktop.ini", "照片/._foo"):
        assert (root / litter).is_file() and litter in awkward["excluded"]
    assert set(awkward["warned"]) <= set(awkward["included"])
    assert not set(awkward["included"]) & set(awkward["excluded"])
    # everything on disk is accounted for
    on_disk = {unicodedata.normalize("NFC", p.relative_to(root).as_posix())
               for p in root.rglob("*") if p.is_file() or p.is_symlink()}
    on_disk = {p for p in on_disk if not p.startswith("快捷方式-第一层/")}  # seen through the link
    assert on_disk == set(awkward["included"]) | set(awkward["excluded"])


def test_awkward_refuses_a_non_empty_root(tmp_path):
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "x").write_text("x")
    with pytest.raises(FileExistsError):
        make_awkward_case(tmp_path / "case", tmp_path / "outside")


# --- the benchmark generator and runner -----------------------------------------------------
def make_bench_case(out: Path, *extra: str) -> dict:
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "make_case.py"), "--files", "16",
                           "--size-mb", "4", "--bill-rows", "50", "--chat-messages", "40", *extra, str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def test_bench_make_case_counts(tmp_path):
    summary = make_bench_case(tmp_path / "case")
    case = tmp_path / "case"
    files = [p for p in case.rglob("*") if p.is_file() and p.name != "case.toml"]
    assert len(files) == summary["files"] == 16
    total = sum(p.stat().st_size for p in files)
    assert abs(total - 4 * 2**20) < 0.05 * 4 * 2**20
    tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    [bill] = (case / "bills").glob("*.csv")
    lines = bill.read_bytes().decode("gb18030").split("\r\n")
    delim = next(i for i, line in enumerate(lines) if "电子客户回单" in line)
    rows = [line for line in lines[delim + 2:] if line]
    assert len(rows) == 50 and any(TXN_ID in r for r in rows)
    [chat] = (case / "chats").glob("*.txt")
    heads = re.findall(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+$", chat.read_text(encoding="utf-8"), re.M)
    assert len(heads) == 40
    kinds = {}
    for p in files:
        kinds.setdefault(magic.from_file(str(p), mime=True), []).append(p)
    assert {"image/png", "image/jpeg", "application/pdf"} <= set(kinds)
    for p in kinds["image/jpeg"]:
        with Image.open(p) as im:
            assert im.getexif()[0x0112] in (1, 6) and im.getexif().get_ifd(0x8769)[0x9011] == "+08:00"
            im.load()
    for p in kinds["image/png"]:
        with Image.open(p) as im:
            assert im.size == (1080, 2340)
            im.load()
    assert any(p.suffix == ".wav" for p in files)


def test_bench_make_case_is_deterministic(tmp_path):
    make_bench_case(tmp_path / "a")
    make_bench_case(tmp_path / "b")
    a = {p.relative_to(tmp_path / "a").as_posix(): sha256(p) for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b").as_posix(): sha256(p) for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b


def test_bench_runner_chain_on_a_tiny_case(tmp_path):
    pytest.importorskip("img2pdf")
    pytest.importorskip("pyhanko")
    make_bench_case(tmp_path / "case")
    args = [sys.executable, str(REPO / "bench" / "run.py"), str(tmp_path / "case"), "--workdir",
            str(tmp_path / "work"), "--repeat", "1", "--skip-evidencekit", "--keep"]
    proc = subprocess.run(args, capture_output=True, text=True)
    result = json.loads((tmp_path / "work" / "results.json").read_text(encoding="utf-8"))
    steps = result["steps"]
    for step in ("chain.images", "chain.attach", "chain.sign", "chain.verify"):
        assert steps[step]["failed"] == 0, (step, steps[step]["last_stderr"])
        assert steps[step]["median_s"] > 0 and steps[step]["max_rss_mb"] > 0
    if shutil.which("pdfsig"):
        assert steps["chain.pdfsig"]["failed"] == 0
        assert proc.returncode == 0, proc.stderr
    images = len([p for p in (tmp_path / "case").rglob("*") if p.suffix in {".png", ".jpg"}])
    assert result["outputs"]["chain.sign"]["pages"] == images
    assert result["outputs"]["chain.sign"]["bytes"] > result["case"]["bytes"]
    assert "ratios" in result and "bundle_time" in result["ratios"]
