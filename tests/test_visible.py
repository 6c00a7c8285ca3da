"""Nothing from a file reaches a terminal, a page or JSON raw (issue 8).

File names with ANSI escape sequences, C1 codes and bidi overrides go through every command;
stdout, stderr and the dossier's pages show them as escapes, ``--json`` gives back the exact
names, and a tampered dossier still reads as tampered.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from pypdf import PdfReader

from evidencekit.cli import main
from evidencekit.identity import create_identity
from evidencekit.render import text as page_text
from evidencekit.visible import is_unsafe, json_safe, visible
from tests import attacks
from tests.conftest import FIXED_NOW, SAMPLE_CASE, require_tool

# What must never reach a terminal or a page raw; written out here, not taken from the module.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")

ANSI = "\x1b[2K\x1b[1A\x1b[32m有效 VALID\x1b[0m.png"
C1 = "csi\x9b2J清屏.txt"
RLO = "invoice\u202egpj.exe"
ISOLATE = "iso\u2066late\u2069d.txt"
NEWLINE = "two\n有效：卷宗自封存以来没有被改动.txt"
NAMES = (ANSI, C1, RLO, ISOLATE, NEWLINE)
SKIPPED = "link\x1b]0;VALID\x07\u202e.png"  # a symbolic link, listed as not included; OSC sets a window title
TITLE = "退款\u202e纠纷\x1b[2J"
TICKET = "CS2025031300012\x1b[1A\u2066"  # case.toml's ticket number, quoted by check
NOTE = "received\x1b[1A\x1b[2K\u202e"
SIGNER = "Mallory\u202e\x1b[32m"


def no_raw(text: str) -> None:
    found = RAW.search(text)
    assert found is None, f"raw U+{ord(found.group()):04X} at {found.start()}: {text[max(0, found.start() - 60):found.start() + 60]!r}"


def strings(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (k, *strings(v))]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return [data] if isinstance(data, str) else []


# --- visible() ----------------------------------------------------------------------------------


@pytest.mark.parametrize("raw, shown", [
    ("\x1b[31mred", "\\x1b[31mred"),
    ("a\x9bb", "a\\u009bb"),
    ("del\x7f nul\x00 bel\x07", "del\\x7f nul\\x00 bel\\x07"),
    ("line\nfeed\rreturn\ttab", "line\\nfeed\\rreturn\\ttab"),
    ("abc\u202edef", "abc\\u202edef"),
    ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
    ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
    ("mark\u200e\u200f\u061c", "mark\\u200e\\u200f\\u061c"),
    ("sep\u2028\u2029", "sep\\u2028\\u2029"),
    ("\ufeffbom zw\u200bsp soft\u00adhyphen", "\\ufeffbom zw\\u200bsp soft\\u00adhyphen"),
    ("tag\U000e0041", "tag\\U000e0041"),
    ("byte\udcff\udc80", "byte\\xff\\x80"),  # a file name that is not UTF-8 (surrogateescape)
    ("lone\ud800", "lone\\ud800"),
])
def test_visible_shows_controls_bidi_and_format_characters(raw: str, shown: str) -> None:
    assert visible(raw) == shown


@pytest.mark.parametrize("kept", [
    "转账截图 2025-03-12.png", "C:\\Users\\张三\\x1b.txt", "💰 充值 😭", "👩\u200d👩\u200d👧 family",
    "نرم\u200cافزار", "全角\u3000空格 non\u00a0breaking", "café", "",
])
def test_visible_keeps_ordinary_text(kept: str) -> None:
    assert visible(kept) == kept


def test_multiline_keeps_line_feeds_and_tabs_only() -> None:
    assert visible("a\nb\tc\rd\x1b", multiline=True) == "a\nb\tc\\rd\\x1b"


def test_visible_is_idempotent() -> None:
    text = "".join(NAMES) + "\udcff\U000e0041"
    assert visible(visible(text)) == visible(text)
    no_raw(visible(text))


def test_every_control_format_and_separator_character_is_covered() -> None:
    """The module's table against this Python's Unicode database: nothing invisible slips by."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        expected = category in ("Cc", "Cf", "Zl", "Zp", "Cs") and char not in "\u200c\u200d"
        if is_unsafe(char) != expected:
            assert category == "Cn", f"U+{code:04X} ({category}): is_unsafe={is_unsafe(char)}"


# --- json_safe() ---------------------------------------------------------------------------------


def test_json_round_trips_to_the_exact_strings() -> None:
    data = {name: [name, {"path": name, "n": 1, "none": None}] for name in (*NAMES, "\udcff", "\U000e0041\u2028")}
    for indent in (2, None):
        text = json_safe(data, indent=indent)
        assert json.loads(text) == data
        no_raw(text.replace("\n", ""))
        assert "\\u202e" in text and "\\u009b" in text and "\\u001b" in text and "\\udcff" in text
        assert "\\udb40\\udc41" in text  # above U+FFFF: a surrogate pair, as JSON spells it


def test_json_without_unsafe_characters_is_plain_json_dumps() -> None:
    data = {"path": "bills/支付宝账单.csv", "emoji": "💰", "list": [1, 2.5, True], "zwj": "👩\u200d👧"}
    assert json_safe(data) == json.dumps(data, ensure_ascii=False, indent=2)


# --- the dossier's pages --------------------------------------------------------------------------


@pytest.fixture
def font_glyphs() -> Any:
    saved = page_text._supported
    page_text.use_glyphs(frozenset(map(ord, "abcdefghijklmnopqrstuvwxyz0123456789[]\\.+<>&; UX有效")))
    yield
    page_text._supported = saved


def test_page_text_shows_escapes_and_missing_glyphs(font_glyphs: None) -> None:
    assert page_text.esc("a\u202eb\x1bc") == "a\\u202eb\\x1bc"
    assert page_text.plain("x\u200ey\ufeff") == "x\\u200ey\\ufeff"  # marks are shown, not dropped
    assert page_text.esc("💰") == "[U+1F4B0]"
    assert page_text.esc("a<b>&\nc\r\nd\te") == "a&lt;b&gt;&amp;<br/>c<br/>d    e"
    assert page_text.esc("two\n有效.png", multiline=False) == "two\\n有效.png"
    assert page_text.plain("a\rb", multiline=False) == "a\\rb"


# --- every command, end to end -------------------------------------------------------------------


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def assert_shown(result: Result) -> None:
    """Nothing raw on stdout or stderr, and the names are there as escapes."""
    no_raw(result.stdout)
    no_raw(result.stderr)


@pytest.fixture(scope="module")
def evil(tmp_path_factory: pytest.TempPathFactory, ek_home: Path) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("evil")
    case = root / "case"
    case.mkdir()
    toml = (SAMPLE_CASE / "case.toml").read_text(encoding="utf-8")
    toml = toml.replace('title = "支付宝充值未到账"', 'title = "退款\\u202e纠纷\\u001b[2J"')
    toml = toml.replace('ticket = "CS2025031300012"', 'ticket = "CS2025031300012\\u001b[1A\\u2066"')
    (case / "case.toml").write_text(toml, encoding="utf-8")
    (case / ANSI).write_bytes((SAMPLE_CASE / "screens" / "01-账单详情.png").read_bytes())
    for name in NAMES[1:]:
        (case / name).write_text(f"the file {name!r}\n", encoding="utf-8")
    (case / SKIPPED).symlink_to(ANSI)
    text = run("--lang", "en", "bundle", str(case), "-o", str(root / "text.pdf"))
    as_json = run("bundle", str(case), "-o", str(root / "dossier.pdf"), "--json")
    return {"root": root, "case": case, "dossier": root / "dossier.pdf", "bundle_text": text, "bundle_json": as_json}


def test_bundle_shows_names_as_escapes(evil: dict[str, Any]) -> None:
    result = evil["bundle_text"]
    assert result.exit_code == 0, result.output
    assert_shown(result)
    assert "not included: link\\x1b]0;VALID\\x07\\u202e.png: " in result.stderr
    data = json.loads(evil["bundle_json"].stdout)
    assert evil["bundle_json"].exit_code == 0
    no_raw(evil["bundle_json"].stdout.replace("\n", ""))
    assert {item["path"] for item in data["items"]} == set(NAMES)
    assert [skipped["path"] for skipped in data["skipped"]] == [SKIPPED]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inspect(evil: dict[str, Any], lang: str) -> None:
    result = run("--lang", lang, "inspect", str(evil["case"]))
    assert result.exit_code == 0, result.output
    assert_shown(result)
    for shown in ("\\x1b[2K", "csi\\u009b2J清屏.txt", "invoice\\u202egpj.exe", "iso\\u2066late\\u2069d.txt",
                  "two\\n有效：卷宗自封存以来没有被改动.txt", "link\\x1b]0;VALID\\x07\\u202e.png"):
        assert shown in result.stdout
    assert not any(line.startswith("有效") for line in result.stdout.splitlines())
    data = json.loads(run("inspect", str(evil["case"]), "--json").stdout)
    assert {item["path"] for item in data["items"]} == set(NAMES)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_verify_text_and_json(evil: dict[str, Any], lang: str) -> None:
    result = run("--lang", lang, "verify", str(evil["dossier"]))
    assert result.exit_code == 0, result.output
    assert_shown(result)
    assert "退款\\u202e纠纷\\x1b[2J" in result.stdout
    as_json = run("--lang", lang, "verify", str(evil["dossier"]), "--json")
    assert as_json.exit_code == 0
    no_raw(as_json.stdout.replace("\n", ""))
    assert json.loads(as_json.stdout)["case_title"] == TITLE


def test_extract_text_and_json(evil: dict[str, Any], tmp_path: Path) -> None:
    result = run("extract", str(evil["dossier"]), "-d", str(tmp_path / "text"))
    assert result.exit_code == 0, result.output
    assert_shown(result)
    as_json = run("extract", str(evil["dossier"]), "-d", str(tmp_path / "json"), "--json")
    assert as_json.exit_code == 0, as_json.output
    no_raw(as_json.stdout.replace("\n", ""))
    written = {entry["path"]: entry["id"] for entry in json.loads(as_json.stdout)["written"]}
    assert set(NAMES) <= set(written)
    assert f"完成  {written[ANSI]}  \\x1b[2K\\x1b[1A\\x1b[32m有效 VALID\\x1b[0m.png" in result.stdout.splitlines()
    assert {p.name for p in (tmp_path / "json").iterdir()} == {*NAMES, "case.toml"}


@pytest.mark.parametrize("target", ["case", "dossier"])
def test_check_text_and_json(evil: dict[str, Any], target: str) -> None:
    pboc = run("--lang", "en", "check", str(evil[target]), "--channel", "pboc")
    assert pboc.exit_code == 0, pboc.output
    assert_shown(pboc)
    assert "platform #CS2025031300012\\x1b[1A\\u2066" in pboc.stdout, pboc.stdout
    matrix = run("--lang", "zh", "check", str(evil[target]), "--channel", "all")
    assert matrix.exit_code == 6, matrix.output  # the court's and others' requirements are not all met
    assert_shown(matrix)
    as_json = run("check", str(evil[target]), "--channel", "all", "--json")
    assert as_json.exit_code == 6, as_json.output
    no_raw(as_json.stdout.replace("\n", ""))
    assert any(TICKET in s for s in strings(json.loads(as_json.stdout)))


def test_pages_and_bookmarks_show_escapes(evil: dict[str, Any]) -> None:
    pdftotext = require_tool("pdftotext")
    shown = subprocess.run([pdftotext, "-enc", "UTF-8", str(evil["dossier"]), "-"], capture_output=True,
                           check=True).stdout.decode("utf-8")
    no_raw(shown.replace("\n", "").replace("\f", ""))
    flat = shown.replace("\n", "")
    for escaped in ("\\x1b[2K\\x1b[1A\\x1b[32m有效 VALID\\x1b[0m.png", "csi\\u009b2J清屏.txt",
                    "invoice\\u202egpj.exe", "iso\\u2066late\\u2069d.txt", "two\\n有效", "退款\\u202e纠纷\\x1b[2J"):
        assert escaped in flat, escaped
    reader = PdfReader(str(evil["dossier"]))

    def titles(outline: list[Any]) -> list[str]:
        return [t for entry in outline for t in (titles(entry) if isinstance(entry, list) else [entry.title])]

    bookmarks = titles(reader.outline)
    assert any("\\u202egpj.exe" in t for t in bookmarks), bookmarks
    for title in bookmarks:
        no_raw(title)


def test_countersigner_name_and_note_are_shown(evil: dict[str, Any], tmp_path: Path) -> None:
    identity = tmp_path / "mallory.p12"
    create_identity(identity, SIGNER, now=FIXED_NOW)
    signed = tmp_path / "countersigned.pdf"
    result = run("--lang", "en", "countersign", str(evil["dossier"]), "--identity", str(identity), "--note", NOTE,
                 "--no-tsa", "-o", str(signed))
    assert result.exit_code == 0, result.output
    assert_shown(result)
    verified = run("--lang", "en", "verify", str(signed))
    assert verified.exit_code == 0, verified.output
    assert_shown(verified)
    lines = verified.stdout.splitlines()
    assert "  Signer: Mallory\\u202e\\x1b[32m" in lines
    assert "  Note: received\\x1b[1A\\x1b[2K\\u202e" in lines
    data = json.loads(run("verify", str(signed), "--json").stdout)
    assert [s["signer"] for s in data["signatures"]][-1] == SIGNER
    assert data["signatures"][-1]["reason"] == NOTE


@pytest.mark.parametrize("lang, headline", [("en", "TAMPERED"), ("zh", "无效")])
def test_a_tampered_dossier_still_reads_tampered(evil: dict[str, Any], tmp_path: Path, lang: str,
                                                 headline: str) -> None:
    dossier = tmp_path / "tampered.pdf"
    shutil.copyfile(evil["dossier"], dossier)
    manifest = json.loads(attacks.manifest_bytes(dossier))
    [item] = [i for i in manifest["items"] if i["path"] == ANSI]
    attacks.swap_attachment(dossier, item["id"], b"not the original screenshot")
    result = run("--lang", lang, "verify", str(dossier))
    assert result.exit_code == 4, result.output
    assert_shown(result)
    lines = result.stdout.splitlines()
    assert lines[0].startswith(headline)
    assert not any(line.startswith(("VALID", "有效")) for line in lines)
    assert any(item["id"] in line and "\\x1b[2K\\x1b[1A\\x1b[32m有效 VALID\\x1b[0m.png" in line for line in lines)
    data = json.loads(run("verify", str(dossier), "--json").stdout)
    assert data["verdict"] == "tampered"
    assert any(ANSI in f["message"]["en"] for f in data["findings"] if f["item"] == item["id"])


def test_log_lines_show_names_as_escapes(evil: dict[str, Any]) -> None:
    """The evidencekit logger the CLI sets up: message and traceback made visible."""
    assert run("channels").exit_code == 0
    [handler] = logging.getLogger("evidencekit").handlers
    try:
        raise ValueError(f"cannot read {ANSI}")
    except ValueError:
        record = logging.LogRecord("evidencekit", logging.WARNING, __file__, 1, "could not look inside %s",
                                   (RLO,), sys.exc_info())
    shown = handler.format(record)
    no_raw(shown.replace("\n", ""))
    assert shown.startswith("evidencekit: could not look inside invoice\\u202egpj.exe\n")
    assert "ValueError: cannot read \\x1b[2K" in shown
