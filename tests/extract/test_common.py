from decimal import Decimal

import pytest

from evidencekit.extract.common import clean_cell, local_iso, parse_amount
from evidencekit.extract.text import detect_encoding


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("218.00", Decimal("218.00")),
        (" ¥100.00 ", Decimal("100.00")),
        ("￥1,234.5", Decimal("1234.50")),
        (100.0, Decimal("100.00")),
        (0.1, Decimal("0.10")),
        (27, Decimal("27.00")),
        ("0.125", Decimal("0.125")),  # never rounded away
        ("abc", None),
        ("", None),
        (None, None),
        ("NaN", None),
    ],
)
def test_parse_amount(raw: object, expected: Decimal | None) -> None:
    assert parse_amount(raw) == expected
    if expected is not None:
        assert str(parse_amount(raw)) == str(expected)


def test_clean_cell_strips_padding_tabs_and_placeholders() -> None:
    assert clean_cell("2025031222001400000001\t") == "2025031222001400000001"
    assert clean_cell("  充值缴费      ") == "充值缴费"
    assert clean_cell("/\t") == ""
    assert clean_cell(None) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-12 20:15:03", "2025-03-12T20:15:03+08:00"),
        ("2025/3/12 20:15", "2025-03-12T20:15:00+08:00"),
        ("2025年03月12日 20:15:03", "2025-03-12T20:15:03+08:00"),
        ("not a time", None),
    ],
)
def test_local_times_are_china_time(raw: str, expected: str | None) -> None:
    assert local_iso(raw) == expected


def test_encoding_detection() -> None:
    text = "交易时间,金额\n2025-03-12,218.00\n"
    assert detect_encoding(b"\xef\xbb\xbf" + text.encode()).name == "utf-8-sig"
    assert detect_encoding(text.encode()).name == "utf-8"
    assert detect_encoding(text.encode("gb18030")).name == "gb18030"
    assert detect_encoding("\ufeff聊天".encode("utf-16")).name == "utf-16"
    mostly_utf8 = (text * 20).encode() + "转账".encode("gbk") + b"\n"
    assert detect_encoding(mostly_utf8) == detect_encoding(mostly_utf8)  # stable
    assert detect_encoding(mostly_utf8).name == "utf-8"
    assert detect_encoding(mostly_utf8).lossy is True
