"""inspect, check, channels, init through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from evidencekit.cli import main


def test_inspect_json_lists_kinds_and_facts(sample_case: Path) -> None:
    result = CliRunner().invoke(main, ["inspect", str(sample_case), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    kinds = {item["path"]: item["kind"] for item in data["items"]}
    assert kinds["bills/alipay_record_20250401.csv"] == "bill"
    assert kinds["chats/客服聊天.txt"] == "chat"
    assert kinds["photos/IMG_20250312_204107.jpg"] == "photo"
    bill = next(i for i in data["items"] if i["kind"] == "bill")
    disputed = [t for t in bill["facts"]["transactions"] if t["disputed"]]
    assert [t["transaction_id"] for t in disputed] == ["2025031222001400000001"]
    assert disputed[0]["amount"] == "218.00"
    photo = next(i for i in data["items"] if i["kind"] == "photo")
    assert photo["captured_at"].endswith("+08:00")
    assert photo["facts"]["gps_present"] is True


def test_inspect_writes_nothing(sample_case: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(sample_case, case)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert CliRunner().invoke(main, ["inspect", str(case)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_check_folder_and_sealed_dossier_agree(sample_case: Path, sealed: Path) -> None:
    folder = json.loads(CliRunner().invoke(main, ["check", str(sample_case), "--channel", "all", "--json"]).stdout)
    dossier = json.loads(CliRunner().invoke(main, ["check", str(sealed), "--channel", "all", "--json"]).stdout)
    assert dossier["sealed"] and not folder["sealed"]
    for cid, report in folder["channels"].items():
        statuses = {r["rule"]: r["status"] for r in report["results"]}
        sealed_statuses = {r["rule"]: r["status"] for r in dossier["channels"][cid]["results"]}
        assert statuses == sealed_statuses, cid


def test_check_exit_6_names_the_requirement_and_source(sample_case: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(sample_case, case)
    toml = (case / "case.toml").read_text(encoding="utf-8")
    (case / "case.toml").write_text(toml.replace('phone = "13800138000"\n', ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "check", str(case), "--channel", "consumer"])
    assert result.exit_code == 6, result.output
    assert "✗" in result.output
    failing = [line for line in result.output.splitlines() if line.strip().startswith("✗")]
    assert failing and any("phone" in line.lower() for line in failing), result.output
    assert "Art. 9" in result.output or "第九条" in result.output


def test_check_unknown_channel_is_bad_input(sample_case: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(sample_case), "--channel", "weixin"])
    assert result.exit_code == 3
    assert "pboc" in result.output


def test_channels_lists_every_channel_id() -> None:
    result = CliRunner().invoke(main, ["channels", "--json"])
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)) >= {"platform", "social", "consumer", "pboc", "nfra", "police", "court"}
    one = CliRunner().invoke(main, ["--lang", "en", "channels", "pboc"])
    assert one.exit_code == 0 and "12363" in one.output


def test_init_writes_template_and_never_overwrites(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = (tmp_path / "case.toml").read_text(encoding="utf-8")
    assert "[case]" in written and "投诉" in written
    (tmp_path / "case.toml").write_text("# mine\n", encoding="utf-8")
    again = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert again.exit_code == 3
    assert (tmp_path / "case.toml").read_text(encoding="utf-8") == "# mine\n"


def test_bad_case_toml_names_key_and_line(sample_case: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(sample_case, case)
    toml = (case / "case.toml").read_text(encoding="utf-8")
    (case / "case.toml").write_text(toml.replace("amount = \"218.00\"", "ammount = \"218.00\"", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["bundle", str(case), "-o", str(tmp_path / "d.pdf")])
    assert result.exit_code == 3
    assert "ammount" in result.output and "line" in result.output
    assert not (tmp_path / "d.pdf").exists()


def test_every_command_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"  {name}" in readme, f"`{name}` is not documented in README.md"


def test_identity_name_the_signing_libraries_cannot_hold_is_refused_clearly(tmp_path: Path) -> None:
    """asn1crypto prepares names with Unicode 3.2 tables: a later ideograph would break every seal (exit 1)."""
    out = tmp_path / "id.p12"
    result = CliRunner().invoke(main, ["--lang", "en", "identity", "create", "--name", "张龦", "-o", str(out)])
    assert result.exit_code == 3, result.output
    assert "U+9FA6" in result.output and not out.exists()
    ok = CliRunner().invoke(main, ["identity", "create", "--name", "张三", "-o", str(out)])
    assert ok.exit_code == 0 and out.exists()
