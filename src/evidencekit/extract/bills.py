"""Bills: Alipay and WeChat Pay exports become a list of transactions.

CSV is read row by row (bills can hold tens of thousands of rows); XLSX through openpyxl's
read-only mode. A PDF statement (流水证明) is described as a PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidencekit.extract import pdfs
from evidencekit.extract.bill_table import BillReader, read_rows
from evidencekit.extract.bills_alipay import alipay_format
from evidencekit.extract.bills_wechat import (
    MARKER,
    is_xlsx,
    iter_xlsx_rows,
    wechat_format,
)
from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.extract.text import encoding_of, iter_csv_rows
from evidencekit.i18n import msg
from evidencekit.model import Extraction

#: Bill headers sit within the first lines (line 17-25 in real exports).
SNIFF_HEADER_LINES = 60


def looks_like_bill_csv(path: Path) -> bool:
    """For kind sniffing: an Alipay or WeChat Pay header row within the first lines."""
    reader = BillReader(Warnings(path), ExtractOptions())
    for line, cells in iter_csv_rows(path, Warnings(path)):
        reader.feed(line, cells)
        if reader.header is not None or line >= SNIFF_HEADER_LINES:
            break
    return reader.header is not None and bool(alipay_format(reader) or wechat_format(reader, "csv"))


def looks_like_bill_xlsx(path: Path) -> bool:
    """For kind sniffing: a WeChat Pay header row within the first rows of the first sheet."""
    reader = BillReader(Warnings(path), ExtractOptions(), row_word="row")
    for row, cells in iter_xlsx_rows(path, Warnings(path)):
        reader.feed(row, cells)
        if reader.header is not None or row >= SNIFF_HEADER_LINES:
            break
    return reader.header is not None or MARKER in reader.markers


def extract_bill_csv(path: Path, options: ExtractOptions) -> Extraction:
    warnings = Warnings(path)
    encoding = encoding_of(path)
    reader = BillReader(warnings, options, row_word="line")
    read_rows(reader, iter_csv_rows(path, warnings))
    format_name = alipay_format(reader) or wechat_format(reader, "csv") or "unknown-csv"
    if format_name == "unknown-csv" and reader.header is not None:
        warnings.add(msg("warn.bill.unknown_format"))
    facts = reader.facts(format_name, encoding.name)
    return Extraction(kind="bill" if reader.header is not None else None, facts=facts, warnings=warnings.as_list())


def extract_bill_xlsx(path: Path, options: ExtractOptions) -> Extraction:
    warnings = Warnings(path)
    reader = BillReader(warnings, options, row_word="row")
    read_rows(reader, iter_xlsx_rows(path, warnings))
    format_name = wechat_format(reader, "xlsx") or "unknown-xlsx"
    facts: dict[str, Any] = reader.facts(format_name, None)
    facts.pop("encoding")
    return Extraction(kind="bill" if reader.header is not None else None, facts=facts, warnings=warnings.as_list())


def extract_bill(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """A bill in whatever form it came: CSV, XLSX, or a PDF statement."""

    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(b"%PDF"):
        return pdfs.extract_pdf(path, mime, options)
    if head.startswith(b"PK"):
        if is_xlsx(path):
            return extract_bill_xlsx(path, options)
        warnings = Warnings(path)
        warnings.add(msg("warn.bill.zip"))
        return Extraction(warnings=warnings.as_list())
    return extract_bill_csv(path, options)
