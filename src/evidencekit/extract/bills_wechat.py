"""WeChat Pay bills (微信支付账单明细): CSV (UTF-8 with BOM, until 2025) and XLSX (since 2025).

The header row moved (line 17 in CSV, row 17 then row 18 in XLSX), so it is found by its
column names, never its position. Amounts are ``¥100.00`` strings in CSV and plain numbers
in the newer XLSX.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evidencekit.extract.bill_table import BillReader
from evidencekit.extract.common import Warnings
from evidencekit.i18n import msg

MARKER = "微信支付账单明细"


def wechat_format(reader: BillReader, container: str) -> str | None:
    """'wechat-csv' / 'wechat-xlsx', or None when the rows are not a WeChat bill."""
    header = set(reader.bill_header or ())
    if MARKER in reader.markers or {"交易单号", "商户单号"} <= header:
        return f"wechat-{container}"
    return None


def is_xlsx(path: Path) -> bool:
    """A zip holding an Excel workbook (libmagic sometimes says only application/zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def iter_xlsx_rows(path: Path, warnings: Warnings,
                   rows_per_sheet: int | None = None) -> Iterator[tuple[str, int, list[Any]]]:
    """(sheet name, row number, cell values) of every sheet of the workbook in order (of each,
    the first ``rows_per_sheet`` rows when given), streamed (openpyxl read-only). A workbook
    openpyxl cannot read yields nothing and a warning.
    """
    import openpyxl  # imported here: only spreadsheets need it

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types for broken files
        warnings.add(msg("warn.xlsx.unreadable", error=f"{type(error).__name__}: {error}"))
        return
    try:
        for sheet in workbook.worksheets:
            for number, row in enumerate(sheet.iter_rows(max_row=rows_per_sheet, values_only=True), start=1):
                yield sheet.title, number, list(row)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many types mid-sheet too; rows so far are kept
        warnings.add(msg("warn.xlsx.stopped", error=f"{type(error).__name__}: {error}"))
    finally:
        workbook.close()
