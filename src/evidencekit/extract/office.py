"""Word and Excel files (.docx, .xlsx) read as text and tables, so their pages show what they say.

A .docx gives its paragraphs and tables in document order (python-docx); an .xlsx every sheet,
by name, as a table (openpyxl, read-only: a big sheet streams). What the pages show is capped;
the facts say how much there is, and the original is attached whole.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from evidencekit.extract.common import Warnings
from evidencekit.extract.options import ExtractOptions
from evidencekit.i18n import msg
from evidencekit.model import Block, Extraction

MAX_SHEET_ROWS = 200  # rows of one sheet shown on the pages
MAX_COLUMNS = 12  # columns of a table shown on the pages
MAX_CELL = 300  # characters of one cell shown
MAX_DOCUMENT_CHARS = 200_000  # characters of a .docx shown

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Word 97–2003, WPS and Excel 97–2003 files: binary formats we do not read.
LEGACY_OFFICE_MIMES = ("application/msword", "application/vnd.ms-word", "application/vnd.ms-works",
                       "application/vnd.ms-excel", "application/x-ole-storage", "application/cdfv2",
                       "application/vnd.ms-office", "application/wps-office.doc", "application/wps-office.wps")


def office_format(path: Path) -> str | None:
    """``docx`` or ``xlsx`` from the parts inside the zip; None for anything else."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def is_legacy_office(mime: str) -> bool:
    return mime.lower() in LEGACY_OFFICE_MIMES


def _cell(value: Any) -> str:
    """A cell as it reads: whole numbers without ``.0``, dates without a midnight time."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d") if value.time() == time(0) else value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (date, time, Decimal, int)):
        return str(value)
    text = str(value).replace("\r\n", "\n").strip()
    return text if len(text) <= MAX_CELL else text[:MAX_CELL] + "…"


def _table(rows: list[list[str]], more_rows: int) -> Block:
    width = max((len(r) for r in rows), default=0)
    shown = min(width, MAX_COLUMNS)
    padded = tuple(tuple((r + [""] * width)[:shown]) for r in rows)
    return Block("table", rows=padded, more_rows=more_rows, more_columns=width - shown)


def _trimmed(values: tuple[Any, ...] | list[Any]) -> list[str]:
    cells = [_cell(v) for v in values]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def xlsx_sheets(path: Path) -> list[tuple[str, list[list[str]], int]]:
    """(sheet name, the first ``MAX_SHEET_ROWS`` non-empty rows, how many non-empty rows in all)."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        out = []
        for sheet in book.worksheets:
            rows: list[list[str]] = []
            total = 0
            for values in sheet.iter_rows(values_only=True):
                cells = _trimmed(values)
                if not cells:
                    continue
                total += 1
                if len(rows) < MAX_SHEET_ROWS:
                    rows.append(cells)
            out.append((str(sheet.title), rows, total))
        return out
    finally:
        book.close()


def xlsx_blocks(path: Path) -> tuple[Block, ...]:
    """Each sheet: its name as a heading, then its rows as a table (or nothing when empty)."""
    blocks: list[Block] = []
    for name, rows, total in xlsx_sheets(path):
        blocks.append(Block("sheet", text=name))
        if rows:
            blocks.append(_table(rows, total - len(rows)))
    return tuple(blocks)


def docx_blocks(path: Path) -> tuple[Block, ...]:
    """Headings, paragraphs and tables of the document body, in order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    used = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(element, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title", "标题"))
            blocks.append(Block("heading" if heading else "paragraph", text=text))
            used += len(text)
        elif tag == "tbl":
            rows = _docx_rows(Table(element, document))
            if rows:
                blocks.append(_table(rows, 0))
                used += sum(len(c) for r in rows for c in r)
        if used > MAX_DOCUMENT_CHARS:
            break
    return tuple(blocks)


def _docx_rows(table: Any) -> list[list[str]]:
    """A Word table's rows; a merged cell's text once, where it starts."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            key = id(cell._tc)
            cells.append("" if key in seen else _cell(cell.text))
            seen.add(key)
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def extract_office(path: Path, mime: str, options: ExtractOptions) -> Extraction:
    """How much a .docx or .xlsx holds: paragraphs and tables, or each sheet's name and rows."""
    warnings = Warnings(path)
    kind = office_format(path)
    try:
        if kind == "docx":
            blocks = docx_blocks(path)
            facts: dict[str, Any] = {
                "format": "docx",
                "paragraphs": sum(1 for b in blocks if b.kind in ("heading", "paragraph")),
                "tables": sum(1 for b in blocks if b.kind == "table"),
                "characters": sum(len(b.text) for b in blocks) + sum(len(c) for b in blocks for r in b.rows for c in r),
            }
        else:
            sheets = xlsx_sheets(path)
            facts = {"format": "xlsx",
                     "sheets": [{"name": name, "rows": total, "columns": max((len(r) for r in rows), default=0)}
                                for name, rows, total in sheets]}
    except Exception as error:  # noqa: BLE001 - python-docx and openpyxl raise many types for damaged files
        warnings.add(msg("warn.office.unreadable", detail=f"{type(error).__name__}: {error}"))
        facts = {"format": kind}
    return Extraction(facts=facts, warnings=warnings.as_list())
