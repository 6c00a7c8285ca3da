"""Containers opened, originals kept: password zips (ZipCrypto, AES) and e-mails become a sealed
original plus sub-exhibits, each hashed, attached and read as its own kind; the password is
never sealed; GBK names are decoded; zip bombs, unsafe names and deep nesting are handled."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidencekit.case import parse_case, without_passwords
from evidencekit.cli import main
from evidencekit.collect import collect
from evidencekit.containers import RATIO_FLOOR, Passwords, Workspace
from evidencekit.containers.mail import html_to_text
from evidencekit.containers.zips import decode_name, open_zip
from evidencekit.inspection import describe, load_case_for
from evidencekit.model import Item
from tests.conftest import SAMPLE_CASE, require_tool
from tests.containers_kit import aes_zip, eml_with, raw_zip

ALIPAY_CSV = (SAMPLE_CASE / "bills" / "alipay_record_20250401.csv").read_bytes()
GBK_NAME = "支付宝交易明细(20250301-20250331).csv"
AES_PASSWORD = "s3cr3t-PW-4471"  # distinctive: the tests look for it in every byte sealed
WECHAT_PASSWORD = "Wx-998877-pw"


def _describe(folder: Path, passwords: Passwords | None = None) -> list[Item]:
    case = load_case_for(folder, None)
    with Workspace() as workspace:
        items = describe(collect(folder).files, case, workspace=workspace, passwords=passwords or Passwords())
        # the children's files live in the workspace only as long as it is open
        assert all(item.source.is_file() for item in items)
    return items


def _by_id(items: list[Item]) -> dict[str, Item]:
    return {item.id: item for item in items}


def _case_toml(folder: Path, *notes: tuple[str, str]) -> None:
    text = '[case]\ntitle = "支付宝账单"\n' + "".join(
        f'\n[[evidence]]\npath = "{path}"\npassword = "{password}"\n' for path, password in notes)
    (folder / "case.toml").write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- names


def test_gbk_names_without_the_utf8_flag_are_decoded(tmp_path: Path) -> None:
    path = raw_zip(tmp_path / "a.zip", [(GBK_NAME.encode("gbk"), b"x"), ("微信.txt".encode(), b"y")])
    import pyzipper

    with pyzipper.AESZipFile(path) as archive:
        infos = archive.infolist()
        assert infos[0].filename != GBK_NAME  # what zipfile shows: cp437 mojibake
        assert [decode_name(i) for i in infos] == [GBK_NAME, "微信.txt"]


def test_unsafe_names_are_only_names(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    raw_zip(folder / "z.zip", [(b"../../evil.txt", b"one"), (b"/abs/x.txt", b"two"), (b"C:\\win\\y.txt", b"three"),
                               (b"ok.txt", b"four")])
    items = _describe(folder)
    children = [i for i in items if i.parent == "E01"]
    assert [(c.path, c.name_in_container) for c in children] == [
        ("z.zip/evil.txt", "../../evil.txt"), ("z.zip/abs/x.txt", "/abs/x.txt"),
        ("z.zip/win/y.txt", "C:\\win\\y.txt"), ("z.zip/ok.txt", "ok.txt")]
    warnings = " ".join(str(w) for w in _by_id(items)["E01"].warnings)
    assert 'the name "../../evil.txt" inside is unsafe' in warnings
    assert not (tmp_path / "evil.txt").exists() and not Path("/abs/x.txt").exists()
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["case", "z.zip"]


# --------------------------------------------------------------------------- passwords


def test_aes_zip_with_a_gbk_named_alipay_csv_opens_with_the_password_from_case_toml(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    aes_zip(folder / "支付宝账单.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], AES_PASSWORD.encode())
    _case_toml(folder, ("支付宝账单.zip", AES_PASSWORD))
    items = _by_id(_describe(folder))
    archive, bill = items["E01"], items["E01-1"]
    assert archive.facts["encryption"] == "aes" and archive.facts["opened"] is True
    assert archive.children == ["E01-1"]
    assert bill.parent == "E01" and bill.path == f"支付宝账单.zip/{GBK_NAME}"
    assert bill.kind == "bill" and len(bill.facts["transactions"]) == 10
    assert bill.facts["transactions"][0]["amount"] == "46.50"


def test_zipcrypto_zip_opens_with_the_password_option(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    raw_zip(folder / "wechat.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], password=WECHAT_PASSWORD.encode())
    result = CliRunner().invoke(main, ["--lang", "en", "inspect", str(folder), "--json",
                                       "--password", f"wechat.zip={WECHAT_PASSWORD}"])
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in json.loads(result.stdout)["items"]}
    assert items["E01"]["facts"]["encryption"] == "zipcrypto"
    assert items["E01"]["children"] == ["E01-1"]
    assert items["E01-1"]["kind"] == "bill" and items["E01-1"]["parent"] == "E01"
    assert items["E01-1"]["name_in_container"] == GBK_NAME
    assert WECHAT_PASSWORD not in result.stdout


def test_a_password_option_without_a_name_is_a_usage_error_that_does_not_echo_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "inspect", str(tmp_path), "--password", "hunter2"])
    assert result.exit_code == 2
    assert "NAME=SECRET" in result.output and "hunter2" not in result.output


def test_without_a_password_and_no_terminal_the_zip_is_kept_sealed_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    aes_zip(folder / "bill.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], AES_PASSWORD.encode())
    result = CliRunner().invoke(main, ["--lang", "en", "inspect", str(folder)])  # stdin is not a terminal
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "E01  other      bill.zip  — zip (AES-encrypted), 1 files, 0 opened"
    assert "E01-1" not in result.stdout
    assert ('password-protected and no password was given: the files inside are not opened, the zip is sealed as '
            'it is. Give the password with --password "bill.zip=SECRET"') in result.stdout


def test_a_wrong_password_keeps_the_zip_sealed_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    raw_zip(folder / "wechat.zip", [(b"bill.csv", ALIPAY_CSV)], password=WECHAT_PASSWORD.encode())
    items = _describe(folder, Passwords({"wechat.zip": "not-it"}))
    assert [i.id for i in items] == ["E01"]
    assert items[0].facts["opened"] is False
    assert any("the password given does not open it" in str(w) for w in items[0].warnings)


def test_the_prompt_is_asked_again_after_a_wrong_answer(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    aes_zip(folder / "bill.zip", [(b"bill.csv", ALIPAY_CSV)], AES_PASSWORD.encode())
    asked: list[tuple[str, bool]] = []
    answers = iter(["wrong", AES_PASSWORD])

    def ask(path: str, failed: bool) -> str | None:
        asked.append((path, failed))
        return next(answers)

    items = _describe(folder, Passwords(ask=ask))
    assert asked == [("bill.zip", False), ("bill.zip", True)]
    assert [i.id for i in items] == ["E01", "E01-1"]


def test_the_sealed_case_keeps_no_password() -> None:
    case = parse_case('[case]\ntitle = "x"\n\n[[evidence]]\npath = "a.zip"\npassword = "s3cr3t" # from the SMS\n'
                      'proves = "账单"\n')
    sealed = without_passwords(case)
    assert "password" not in sealed.data["evidence"][0]
    assert sealed.text is not None and "s3cr3t" not in sealed.text and 'password = ""' in sealed.text
    assert parse_case(sealed.text).data == sealed.data
    inline = parse_case('evidence = [{path = "a.zip", password = "s3cr3t"}]\n[case]\ntitle = "x"\n')
    assert without_passwords(inline).text is None  # cannot be cut out line by line: the copy is left out


# --------------------------------------------------------------------------- e-mail


def test_an_eml_shows_its_headers_and_dkim_and_opens_its_zip(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    inner = raw_zip(tmp_path / "inner.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], password=WECHAT_PASSWORD.encode())
    eml_with(folder / "mail.eml", [("微信支付账单.zip", inner.read_bytes(), "application/zip")])
    items = _by_id(_describe(folder, Passwords({"微信支付账单.zip": WECHAT_PASSWORD})))
    mail = items["E01"]
    assert mail.kind == "document" and mail.children == ["E01-1"]
    assert mail.facts["subject"] == "支付宝交易明细" and mail.facts["from"] == "支付宝 <service@mail.alipay.com>"
    assert mail.facts["dkim_signature"] is True and mail.facts["dkim_domain"] == "mail.alipay.com"
    assert mail.captured_at == "2025-04-01T10:21:00+08:00"
    assert items["E01-1"].path == "mail.eml/微信支付账单.zip" and items["E01-1"].children == ["E01-1-1"]
    assert items["E01-1-1"].kind == "bill" and len(items["E01-1-1"].facts["transactions"]) == 10


def test_rfc2047_gb2312_attachment_names_and_html_bodies(tmp_path: Path) -> None:
    import base64

    folder = tmp_path / "case"
    folder.mkdir()
    word = "=?GB2312?B?" + base64.b64encode("交易明细.csv".encode("gb2312")).decode() + "?="
    subject = "=?GB2312?B?" + base64.b64encode("账单".encode("gb2312")).decode() + "?="
    (folder / "m.eml").write_bytes((
        "From: a@example.com\r\nTo: b@example.com\r\nSubject: " + subject + "\r\n"
        "Date: Tue, 01 Apr 2025 10:21:00 +0800\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>您好</p><style>p{}</style><p>见附件&amp;密码</p>\r\n"
        "--b1\r\nContent-Type: text/csv\r\nContent-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="{word}"\r\n\r\n'
        + base64.b64encode(b"a,b\r\n1,2\r\n").decode() + "\r\n--b1--\r\n").encode("utf-8"))
    items = _by_id(_describe(folder))
    assert items["E01"].facts["subject"] == "账单" and items["E01"].facts["dkim_signature"] is False
    assert items["E01-1"].path == "m.eml/交易明细.csv"
    assert html_to_text("<p>您好</p><style>p{}</style><p>见附件&amp;密码</p>") == "您好\n\n见附件&密码"


# --------------------------------------------------------------------------- bombs and depth


def test_a_zip_bomb_is_refused_while_streaming(tmp_path: Path) -> None:
    bomb = raw_zip(tmp_path / "bomb.zip", [(b"zeros.bin", bytes(RATIO_FLOOR + (2 << 20)))])
    with Workspace() as workspace:
        opened = open_zip(bomb, "bomb.zip", workspace, None, None)
        assert opened.children == [] and opened.facts["opened"] is False
        assert str(opened.warnings[0]) == ("zeros.bin expands to more than 200 times its compressed size (a zip "
                                           "bomb?): refused, it is attached as it is")
        assert list(workspace.root.rglob("*.bin")) == [] and workspace.left == workspace.max_total


def test_the_total_cap_counts_bytes_produced_not_header_sizes(tmp_path: Path) -> None:
    import os

    data = os.urandom(5000)  # incompressible: no ratio to catch, only the total
    archive = raw_zip(tmp_path / "a.zip", [(b"a.bin", data), (b"b.bin", data)])
    with Workspace(max_total=7000) as workspace:
        opened = open_zip(archive, "a.zip", workspace, None, None)
        assert opened.children == []
        assert str(opened.warnings[0]).startswith("unpacks to more than 0 MB (a zip bomb?)")
    lying = raw_zip(tmp_path / "lying.zip", [(b"big.bin", bytes(100_000))], declared_size=10)
    with Workspace() as workspace:
        opened = open_zip(lying, "lying.zip", workspace, None, None)
        assert opened.children == []
        assert str(opened.warnings[0]).startswith("big.bin inside cannot be read")


def test_nesting_is_opened_three_deep_and_no_deeper(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    payload = raw_zip(tmp_path / "l4.zip", [(b"deepest.txt", b"hello")]).read_bytes()
    for level in (3, 2):
        payload = raw_zip(tmp_path / f"l{level}.zip", [(f"l{level + 1}.zip".encode(), payload)]).read_bytes()
    raw_zip(folder / "l1.zip", [(b"l2.zip", payload)])
    items = _by_id(_describe(folder))
    assert list(items) == ["E01", "E01-1", "E01-1-1", "E01-1-1-1"]
    deepest = items["E01-1-1-1"]
    assert deepest.path == "l1.zip/l2.zip/l3.zip/l4.zip" and deepest.children == []
    assert any("nested more than 3 deep" in str(w) for w in deepest.warnings)


# --------------------------------------------------------------------------- the dossier


@pytest.fixture(scope="module")
def phone_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("containers") / "case"
    folder.mkdir()
    aes_zip(folder / "支付宝账单.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], AES_PASSWORD.encode())
    inner = raw_zip(folder.parent / "wx.zip", [(b"wechat.csv", ALIPAY_CSV)], password=WECHAT_PASSWORD.encode())
    eml_with(folder / "账单邮件.eml", [("微信支付账单.zip", inner.read_bytes(), "application/zip")], html=True)
    _case_toml(folder, ("支付宝账单.zip", AES_PASSWORD))
    return folder


@pytest.fixture(scope="module")
def sealed_containers(phone_case: Path) -> Path:
    out = phone_case.parent / "d.pdf"
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(phone_case), "-o", str(out), "--json",
                                       "--password", f"微信支付账单.zip={WECHAT_PASSWORD}"])
    assert result.exit_code == 0, result.output
    return out


def _attachment(pdf: Path, name: str) -> bytes:
    from pyhanko.pdf_utils.reader import PdfFileReader

    from evidencekit.pdf.attachments import embedded_files, stream_ref

    with open(pdf, "rb") as f:
        return bytes(stream_ref(embedded_files(PdfFileReader(f, strict=False).root)[name]).get_object().data)


def test_the_dossier_attaches_children_and_verify_checks_them(sealed_containers: Path) -> None:
    manifest = json.loads(_attachment(sealed_containers, "manifest.json"))
    items = {i["id"]: i for i in manifest["items"]}
    assert list(items) == ["E01", "E01-1", "E02", "E02-1", "E02-1-1"]
    assert items["E01"]["children"] == ["E01-1"] and items["E01-1"]["parent"] == "E01"
    assert items["E02-1-1"]["parent"] == "E02-1" and items["E02-1-1"]["kind"] == "bill"
    assert _attachment(sealed_containers, "E01-1") == ALIPAY_CSV
    result = CliRunner().invoke(main, ["verify", str(sealed_containers), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["items"] == {"checked": 5, "total": 5, "not_embedded": 0}


def test_the_password_is_in_no_byte_of_the_dossier(sealed_containers: Path) -> None:
    raw = sealed_containers.read_bytes()
    for secret in (AES_PASSWORD, WECHAT_PASSWORD):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-be") not in raw
    case_copy = _attachment(sealed_containers, "case.toml").decode()
    assert 'password = ""' in case_copy and AES_PASSWORD not in case_copy
    assert "password" not in json.dumps(json.loads(_attachment(sealed_containers, "manifest.json"))["case"])
    text = subprocess.run([require_tool("pdftotext"), str(sealed_containers), "-"], capture_output=True,
                          check=True).stdout.decode()
    assert AES_PASSWORD not in text and WECHAT_PASSWORD not in text


def test_the_pages_show_the_mail_and_the_archive(sealed_containers: Path) -> None:
    text = subprocess.run([require_tool("pdftotext"), str(sealed_containers), "-"], capture_output=True,
                          check=True).stdout.decode()
    flat = " ".join(text.split())
    assert "From: 支付宝 <service@mail.alipay.com>" in flat and "Subject: 支付宝交易明细" in flat
    assert "DKIM signature: present (domain mail.alipay.com). It cannot be checked offline" in flat
    assert "A zip archive (AES-encrypted); files inside: 1." in flat
    assert "E02-1 微信支付账单.zip" in flat
    assert "您好，附件是您申请的交易明细" in flat and "x()" not in flat  # HTML reduced to its text
    assert "Inside E01 (named " + GBK_NAME in flat


def test_extract_writes_containers_and_says_where_their_files_are(sealed_containers: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out"
    result = CliRunner().invoke(main, ["extract", str(sealed_containers), "-d", str(dest), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["id"] for e in data["written"]] == ["E01", "E02", "case.toml"]
    assert [(e["id"], e["parent"]) for e in data["inside"]] == [("E01-1", "E01"), ("E02-1", "E02"),
                                                                 ("E02-1-1", "E02-1")]
    assert sorted(p.name for p in dest.iterdir()) == ["case.toml", "支付宝账单.zip", "账单邮件.eml"]


def test_a_changed_child_is_found_by_verify(sealed_containers: Path, tmp_path: Path) -> None:
    raw = bytearray(sealed_containers.read_bytes())
    marker = "示例奶茶店".encode("gbk")  # in the CSV; the E02-1-1 copy is inside an encrypted zip, not in clear
    at = raw.index(marker)
    # E01-1 attached in clear; E02-1-1 has the same bytes, so it is listed as 同 E01-1 and attached once
    assert raw.count(marker) == 1
    raw[at] ^= 0x01
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(bytes(raw))
    result = CliRunner().invoke(main, ["verify", str(changed), "--json"])
    assert result.exit_code == 4
    codes = {(f["code"], f.get("item")) for f in json.loads(result.stdout)["findings"]}
    assert ("item-hash-mismatch", "E01-1") in codes


def test_bundle_without_the_password_seals_the_zip_unopened_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    aes_zip(folder / "bill.zip", [(GBK_NAME.encode("gbk"), ALIPAY_CSV)], AES_PASSWORD.encode())
    out = tmp_path / "d.pdf"
    result = CliRunner().invoke(main, ["--lang", "en", "bundle", str(folder), "-o", str(out), "--json",
                                       "--password", "nosuch.zip=x"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [i["id"] for i in data["items"]] == ["E01"]
    codes = [w["code"] for w in data["warning_messages"]]
    assert "bundle.password_unused" in codes
    item = json.loads(_attachment(out, "manifest.json"))["items"][0]
    assert "children" not in item and item["facts"]["opened"] is False
    assert item["warning_codes"][0]["params"]["message"]["code"] == "warn.container.no_password"
    assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0
