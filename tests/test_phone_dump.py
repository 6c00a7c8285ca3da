"""fixtures/make_phone_dump.py writes what it claims, and bundle sorts its clutter out.

The end-to-end run over every container and page of the dump (ZIPs opened, the e-mail
unpacked, the video's frames) is the lead's, once the other parts of issue 11 are merged;
here: the dump's files are what real exports are, and --dry-run lists them.
"""

from __future__ import annotations

import email
import io
import json
import sys
import zipfile
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidencekit.cli import main
from evidencekit.verify import verify_dossier

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "fixtures"))

import make_phone_dump as dump  # noqa: E402


def _has_pyav() -> bool:
    try:
        import av  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return dump.make_phone_dump(tmp_path_factory.mktemp("phone") / "dump", video=_has_pyav())


def test_the_dump_is_the_same_bytes_every_time(phone: dict, tmp_path: Path) -> None:
    again = dump.make_phone_dump(tmp_path / "again", video=False)
    video = phone["video"]
    assert {k: v for k, v in phone["sha256"].items() if k != video} == again["sha256"]


def test_the_wechat_zip_is_zipcrypto_and_opens_only_with_its_password(phone: dict) -> None:
    with zipfile.ZipFile(phone["root"] / dump.WECHAT_ZIP) as z:
        [info] = z.infolist()
        assert info.flag_bits & 1 and info.filename == dump.WECHAT_CSV
        with pytest.raises(RuntimeError):
            z.read(info, pwd=b"000000")
        assert z.read(info, pwd=dump.WECHAT_PASSWORD.encode()) == dump.wechat_csv()


def test_the_alipay_zip_is_aes_with_a_gbk_name_and_no_utf8_flag(phone: dict) -> None:
    with zipfile.ZipFile(phone["root"] / dump.ALIPAY_ZIP) as z:
        [info] = z.infolist()
        assert info.flag_bits & 1 and not info.flag_bits & 0x800 and info.compress_type == 99  # AES
        assert info.orig_filename.encode("cp437").decode("gbk") == dump.ALIPAY_CSV
    pyzipper = pytest.importorskip("pyzipper")
    with pyzipper.AESZipFile(phone["root"] / dump.ALIPAY_ZIP) as z:
        z.setpassword(dump.ALIPAY_PASSWORD.encode())
        data = z.read(z.infolist()[0])
    assert data.decode("gb18030").splitlines()[2] == "姓名：张三"


def test_the_mail_carries_the_zip_and_a_dkim_header(phone: dict) -> None:
    mail = email.message_from_bytes((phone["root"] / dump.EML).read_bytes(), policy=policy.default)
    assert mail["DKIM-Signature"] and mail["Subject"] == "支付宝交易流水证明（用于个人对账）"
    [attached] = list(mail.iter_attachments())
    assert attached.get_content() == (phone["root"] / dump.ALIPAY_ZIP).read_bytes()


def test_the_office_files_and_the_qq_export(phone: dict) -> None:
    from openpyxl import load_workbook

    root = phone["root"]
    assert load_workbook(root / dump.XLSX).sheetnames == ["交易", "联系记录"]
    with zipfile.ZipFile(root / dump.DOCX) as z:
        assert "点券至今未到账" in z.read("word/document.xml").decode()
    raw = (root / dump.QQ).read_bytes()
    assert raw.startswith(b"\xff\xfe") and "消息对象:客服小王\r\n" in raw.decode("utf-16")
    from PIL import Image

    with Image.open(root / dump.LONG) as long:
        assert long.size == (1080, 8000)


def test_dry_run_lists_the_dump_with_its_clutter(phone: dict) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(phone["root"]), "--dry-run", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shots = [d for d in data["duplicates"] if d["path"] in dump.SHOTS]
    assert len(shots) == 2 and len({d["duplicate_of"] for d in shots}) == 1
    # the ZIP attached to the mail is the ZIP in Download/: one attachment, the mail's copy "same as" it
    mailed = [d for d in data["duplicates"] if d["path"].startswith(dump.EML + "/")]
    assert [d["path"].rsplit("/", 1)[-1] for d in mailed] == [Path(dump.ALIPAY_ZIP).name]
    assert [s["path"] for s in data["skipped"]["litter"]] == phone["litter"]
    assert [s["path"] for s in data["skipped"]["empty"]] == phone["empty"]
    top_level = len(phone["sha256"]) - len(phone["litter"]) - len(phone["empty"])
    assert data["items"] > top_level  # and what the ZIPs and the mail hold
    # bills bring their rows' times, and the ZIPs holding them count as dated; the letter and notes do not
    undated = {d["path"] for d in data["without_time"]}
    assert not any(p.endswith((".csv", ".zip")) for p in undated), undated
    assert any(p.endswith(".docx") for p in undated)


def test_the_dump_bundles_and_verifies_with_each_screenshot_attached_once(phone: dict, tmp_path: Path) -> None:
    out = tmp_path / "dump.pdf"
    args = ["--lang", "en", "bundle", str(phone["root"]), "-o", str(out), "--json", "--hash-only", "*.mp4"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = verify_dossier(out)
    assert report.exit_code == 0, [f.to_dict() for f in report.findings]
    assert report.items_not_embedded == (1 if phone["video"] else 0)
    from pypdf import PdfReader

    names = PdfReader(io.BytesIO(out.read_bytes())).attachments
    shots = [n for n in names if "Screenshot_20250312-201503" in n or "mmexport" in n]
    assert len(shots) == 1  # three copies, one attachment
