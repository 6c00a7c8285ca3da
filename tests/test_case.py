"""case.toml: parsing, normalisation, located errors, the template, init."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from evidencekit.case import (
    ARRAY_FIELDS,
    CASE_TEMPLATE,
    TABLE_FIELDS,
    CaseError,
    load_case,
    locate_keys,
    parse_case,
    write_case_template,
)
from evidencekit.errors import BadInput, ExitCode, OutputExists


def error_of(text: str, origin: str = "case.toml") -> CaseError:
    with pytest.raises(CaseError) as caught:
        parse_case(text, origin=origin)
    return caught.value


# --------------------------------------------------------------------------- normalisation


def test_values_are_normalised():
    case = parse_case(
        '[case]\n'
        'amount = 218.5\n'
        'occurred_at = 2025-03-12T20:15:03\n'
        '[[transactions]]\n'
        'id = "2025031222001400000001\t"\n'
        'time = "2025/3/12 20:15"\n'
        'amount = "¥1,218"\n'
        'disputed = true\n'
        '[[contacts]]\n'
        'date = "2025年3月13日"\n'
        'channel = "platform"\n'
        '[[contacts]]\n'
        'date = 2025-03-13T23:30:00Z\n'
    )
    assert case.amount == "218.50"
    assert case.occurred_at == "2025-03-12T20:15:03+08:00"  # naive -> Beijing time
    tx = case.transactions[0]
    assert tx["id"] == "2025031222001400000001"
    assert tx["time"] == "2025-03-12T20:15:00+08:00"
    assert tx["amount"] == "1218.00"
    assert case.contacts[0]["date"] == "2025-03-13"
    assert case.contacts[1]["date"] == "2025-03-14"  # 23:30 UTC is the next day in Beijing


def test_explicit_offsets_are_kept():
    case = parse_case('[case]\noccurred_at = "2025-03-12T12:15:03+00:00"\n')
    assert case.occurred_at == "2025-03-12T12:15:03+00:00"


def test_empty_strings_mean_not_given_and_untouched_entries_are_dropped():
    case = parse_case('[case]\ntitle = ""\namount = ""\n[[transactions]]\nid = ""\ndisputed = true\n')
    assert case.title is None and case.amount is None
    assert case.transactions == []


def test_helpers():
    case = parse_case(
        '[case]\nproblem = "topup_not_credited"\nchannel = "pboc"\n'
        '[[transactions]]\nid = "A1"\nmerchant_order = "M1"\ndisputed = true\n'
        '[[transactions]]\nid = "B2"\ndisputed = false\n'
        '[[evidence]]\npath = "screens/截图 1.png"\nkind = "screenshot"\n'
    )
    assert case.problem == "topup_not_credited" and case.channel == "pboc"
    assert case.disputed_ids() == frozenset({"A1", "M1"})
    nfd = unicodedata.normalize("NFD", "./screens/截图 1.png")
    assert case.evidence_for(nfd) == {"path": "screens/截图 1.png", "kind": "screenshot"}
    assert case.evidence_for("other.png") is None
    assert case.text is not None and case.text.startswith("[case]")


# --------------------------------------------------------------------------- errors


def test_unknown_key_names_file_key_line_and_suggestion():
    err = error_of('[case]\ntitle = "x"\n\n\nammount = "218.00"\n', origin="/cases/a/case.toml")
    assert err.exit_code == ExitCode.BAD_INPUT
    assert isinstance(err, BadInput)
    assert str(err) == ("/cases/a/case.toml, line 5: case.ammount: unknown key 'ammount' in [case]; "
                        "did you mean 'amount'?")
    assert err.problems[0].line == 5
    assert "amount" in (err.hint or "")


def test_unknown_table_at_top_level():
    err = error_of('[case]\ntitle = "x"\n[complainent]\nname = "张三"\n')
    assert err.problems[0].key_path == "complainent"
    assert err.problems[0].line == 3
    assert "did you mean 'complainant'" in err.problems[0].message


def test_wrong_type_in_second_array_entry_is_located():
    err = error_of(
        '[[transactions]]\nid = "A"\ndisputed = true\n\n'
        '[[transactions]]\nid = "B"\ndisputed = "yes"\n'
    )
    problem = err.problems[0]
    assert problem.key_path == "transactions[1].disputed"
    assert problem.line == 7
    assert "expected true or false" in problem.message


def test_bad_enum_lists_allowed_values():
    err = error_of('[case]\nproblem = "stolen"\n[[contacts]]\ndate = 2025-03-13\noutcome = "done"\n')
    messages = {p.key_path: p for p in err.problems}
    assert messages["case.problem"].line == 2
    assert "account_stolen" in messages["case.problem"].message
    assert "topup_not_credited" in messages["case.problem"].message
    assert messages["contacts[0].outcome"].line == 5
    assert "unresolved, resolved, rejected, pending" in messages["contacts[0].outcome"].message


def test_bad_channel_suggests_the_close_one():
    err = error_of('[case]\nchannel = "pbco"\n')
    assert "did you mean 'pboc'" in str(err)
    assert "platform, social, consumer, pboc, nfra, police, mediation, court" in str(err)


def test_invalid_toml_keeps_line_and_column():
    err = error_of('[case]\ntitle = "x"\nfacts = 支付失败\n')
    assert err.problems[0].line == 3
    assert re.search(r"case\.toml, line 3: invalid TOML, column \d+", str(err))


def test_bad_time_is_located():
    err = error_of('[case]\ntitle = "x"\noccurred_at = "昨天晚上"\n')
    assert err.problems[0].key_path == "case.occurred_at"
    assert err.problems[0].line == 3
    assert "2025-03-12T20:15:03+08:00" in err.problems[0].hint


def test_date_without_time_is_refused_for_times():
    err = error_of("[[transactions]]\nid = \"A\"\ntime = 2025-03-12\n")
    assert err.problems[0].key_path == "transactions[0].time"
    assert "without a time of day" in err.problems[0].message


def test_amount_with_too_many_decimals():
    err = error_of('[case]\namount = "12.345"\n')
    assert err.problems[0].key_path == "case.amount"
    assert "more than 2 decimals" in err.problems[0].message


def test_every_problem_is_reported_at_once():
    err = error_of('[case]\nammount = "1"\nproblem = "x"\n[respondent]\nnme = "y"\n')
    assert [p.line for p in err.problems] == [2, 3, 5]
    assert "3 problems" in str(err)


def test_key_text_inside_multiline_strings_does_not_confuse_lines():
    text = '[case]\nfacts = """\namount = 12\n"""\nammount = "1"\n'
    err = error_of(text)
    assert err.problems[0].line == 5


def test_nested_agent_table():
    case = parse_case('[complainant]\nname = "张三"\n[complainant.agent]\nname = "李四"\nid_number = "1"\n')
    assert case.complainant["agent"] == {"name": "李四", "id_number": "1"}
    err = error_of('[complainant]\nname = "张三"\n[complainant.agent]\nnme = "李四"\n')
    assert err.problems[0].key_path == "complainant.agent.nme"
    assert err.problems[0].line == 4


def test_evidence_entry_needs_a_path():
    err = error_of('[[evidence]]\nkind = "bill"\nsource = "x"\n')
    assert err.problems[0].key_path == "evidence[0]"
    assert err.problems[0].line == 1


def test_locate_keys_handles_dotted_and_quoted_keys():
    where = locate_keys('case.title = "x"\n[respondent]\n"name" = "y"\n[[contacts]]\n[[contacts]]\ndate = 1\n')
    assert where[("case", "title")] == 1
    assert where[("respondent", "name")] == 3
    assert where[("contacts", 1)] == 5
    assert where[("contacts", 1, "date")] == 6


def test_load_case_names_the_file(tmp_path: Path):
    path = tmp_path / "case.toml"
    path.write_bytes('[case]\ntitle = "充值"\n'.encode("gb18030"))
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert str(path) in str(caught.value) and "UTF-8" in str(caught.value)
    with pytest.raises(BadInput, match="cannot read"):
        load_case(tmp_path / "missing.toml")


# --------------------------------------------------------------------------- template and init


def test_case_template_parses_to_an_empty_case():
    case = parse_case(CASE_TEMPLATE)
    assert case.data == {}


def test_case_template_lists_every_key_with_a_chinese_comment():
    for table, fields in TABLE_FIELDS.items():
        for key in fields:
            assert re.search(rf"^#? ?{key} = ", CASE_TEMPLATE, re.M), f"{table}.{key} missing"
    for table, fields in ARRAY_FIELDS.items():
        assert f"[[{table}]]" in CASE_TEMPLATE
        for key in fields:
            assert re.search(rf"^{key} = ", CASE_TEMPLATE, re.M), f"{table}.{key} missing"
    assert "[complainant.agent]" in CASE_TEMPLATE
    assert "问题类型" in CASE_TEMPLATE and "北京时间" in CASE_TEMPLATE


def test_filled_template_parses():
    filled = (CASE_TEMPLATE.replace('title = ""', 'title = "支付宝充值未到账"')
              .replace('amount = ""', 'amount = "218.00"', 1)
              .replace('problem = ""', 'problem = "topup_not_credited"'))
    case = parse_case(filled)
    assert case.title == "支付宝充值未到账" and case.amount == "218.00"


def test_init_writes_the_template_and_never_overwrites(tmp_path: Path):
    target = write_case_template(tmp_path / "new-case")
    assert target == tmp_path / "new-case" / "case.toml"
    assert target.read_text(encoding="utf-8") == CASE_TEMPLATE
    target.write_text("# mine\n", encoding="utf-8")
    with pytest.raises(OutputExists) as caught:
        write_case_template(tmp_path / "new-case")
    assert str(target) in str(caught.value)
    assert caught.value.exit_code == ExitCode.BAD_INPUT
    assert target.read_text(encoding="utf-8") == "# mine\n"
