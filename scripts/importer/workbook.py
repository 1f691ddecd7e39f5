"""What a workbook hides from a reader of its values: hidden sheets holding data, merged cells
and formulas in the rows of reports. `table.py` reads values only; these are read here, with
openpyxl's full (slower) reader, because a merged cell gives its value to one row of several
and a formula's value is whatever Excel last computed, if anything."""
from __future__ import annotations

from pathlib import Path

from .. import messages as msg
from ..problems import Problems
from .table import Table, header_key


def open_book(path: Path):
    """The workbook with its formulas and merged cells; None for a file that is no workbook
    (table.py then says why, with its own message)."""
    import openpyxl
    if path.suffix.lower() not in (".xlsx", ".xlsm") or not path.is_file():
        return None
    try:
        return openpyxl.load_workbook(path, data_only=False)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        return None


def hidden_sheets(book, shown: str, problems: Problems) -> None:
    """Report every hidden sheet that holds a value: its rows would not be imported."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" and any(
                cell.value not in (None, "") for row in sheet.iter_rows() for cell in row):
            problems.error(shown, 1, "", msg.visit_hidden_sheet(sheet.title))


def check_workbook(book, table: Table, problems: Problems) -> None:
    """Report merged cells and formulas in the data rows of the table's columns."""
    sheet = next((s for s in book.worksheets if s.sheet_state == "visible"), None)
    if sheet is None:
        return
    wanted = {header_key(header) for header in table.headers.values()}
    labels = {cell.column: str(cell.value).strip() for cell in sheet[table.line]
              if cell.value is not None and header_key(cell.value) in wanted}
    for cells in sorted(sheet.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        columns = [c for c in range(cells.min_col, cells.max_col + 1) if c in labels]
        if cells.max_row > table.line and columns:
            problems.error(table.path, max(cells.min_row, table.line + 1), labels[columns[0]],
                           msg.visit_merged(cells.coord))
    for row in sheet.iter_rows(min_row=table.line + 1):
        for cell in row:
            if cell.data_type == "f" and getattr(cell, "column", None) in labels:
                problems.error(table.path, cell.row, labels[cell.column],
                               msg.visit_formula(str(cell.value)))
