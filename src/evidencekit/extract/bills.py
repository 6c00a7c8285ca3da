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
    """For kind sniffing: a bill's header row within the first rows of any sheet."""
    reader = BillReader(Warnings(path), ExtractOptions(), row_word="row")
    current = None
    for sheet, row, cells in iter_xlsx_rows(path, Warnings(path), rows_per_sheet=SNIFF_HEADER_LINES):
        if sheet != current:
            current = sheet
            reader.new_sheet(sheet)
        reader.feed(row, cells)
        if reader.found_header:
            break
    return reader.found_header or MARKER in reader.markers


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
    """Every sheet: each looks for its own header row (a bill split over sheets repeats it), and
    the facts list each sheet read with its rows and transactions; a sheet of a workbook that holds
    rows but no bill is named in a warning, so nothing is left out unsaid."""
    warnings = Warnings(path)
    reader = BillReader(warnings, options, row_word="row")
    sheets: list[dict[str, Any]] = []
    before = 0
    for sheet, row, cells in iter_xlsx_rows(path, warnings):
        if not sheets or sheets[-1]["name"] != sheet:
            if sheets:
                sheets[-1]["transactions"] = reader.rows_seen - before
            before = reader.rows_seen
            sheets.append({"name": sheet, "rows": 0, "transactions": 0})
            reader.new_sheet(sheet)
        if any(cell is not None and str(cell).strip() for cell in cells):
            sheets[-1]["rows"] += 1
        if not reader.gave_up:
            reader.feed(row, cells)
    if sheets:
        sheets[-1]["transactions"] = reader.rows_seen - before
    if len(sheets) > 1:
        for transaction in reader.transactions:
            transaction.setdefault("sheet", sheets[0]["name"])  # read before a second sheet was known
        for sheet_facts in sheets:
            if sheet_facts["rows"] and not sheet_facts["transactions"]:
                warnings.add(msg("warn.xlsx.sheet_not_bill", sheet=sheet_facts["name"], rows=sheet_facts["rows"]))
    format_name = wechat_format(reader, "xlsx") or alipay_format(reader) or "unknown-xlsx"
    facts: dict[str, Any] = reader.facts(format_name, None)
    facts.pop("encoding")
    facts["sheets"] = sheets
    return Extraction(kind="bill" if reader.found_header else None, facts=facts, warnings=warnings.as_list())


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
