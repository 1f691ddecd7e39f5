"""Read an official list, CSV or XLSX, into rows keyed by the columns the importer knows.

People retype headers, and offices export them differently: case, Vietnamese accents, spaces,
slashes and commas do not count ("Tỉnh / Thành Phố", "tinh/thanh pho" and "TỈNH THÀNH PHỐ" are one
column). Each row keeps its row number in the file, for messages.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .. import messages as msg
from ..text import fold, nfc

MAX_BYTES = 50 * 1024 * 1024  # a whole country's list is a few megabytes
HEADER_ROWS = 10  # a title or a blank row may stand above the header
DELIMITERS = ",;\t"  # Excel writes ";" where the decimal mark is a comma, as in Vietnam


class TableError(Exception):
    """The file cannot be read as a list: not CSV or XLSX, unreadable, no header."""


@dataclass(frozen=True)
class Column:
    name: str             # as the official list spells it
    required: bool = True


class Row(dict):
    """Values by column name; text is stripped and NFC, an Excel date cell is a `date`."""

    def __init__(self, line: int, values: dict):
        super().__init__(values)
        self.line = line


@dataclass
class Table:
    path: str                    # as the user gave it
    headers: dict[str, str]      # column name -> the header as written in the file
    rows: list[Row]
    line: int = 1                # the header's row

    def label(self, column: str) -> str:
        return self.headers.get(column, column)


def header_key(text) -> str:
    return re.sub(r"[\s/,]+", "", fold(nfc(str(text or ""))))


def read_table(path: Path, columns: list[Column], example: str) -> Table:
    """The rows under the header (the first row, within the first few, that has every required
    column); TableError when there is none. `example`: a header line for the message."""
    shown = str(path)
    raw = _raw_rows(path, shown)
    for line, cells in raw[:HEADER_ROWS]:
        found = _match_headers(cells, columns)
        if all(c.name in found for c in columns if c.required):
            rows = [_row(number, values, found) for number, values in raw if number > line]
            return Table(shown, {name: header for name, (_, header) in found.items()}, rows, line)
    first_line, cells = raw[0] if raw else (1, [])
    found = _match_headers(cells, columns)
    wanted = [c.name for c in columns if c.required]
    missing = [name for name in wanted if name not in found]
    seen = [str(cell).strip() for cell in cells if _present(cell)]
    raise TableError(msg.import_missing_columns(shown, first_line, missing, wanted, example, seen))


def _match_headers(cells: list, columns: list[Column]) -> dict[str, tuple[int, str]]:
    """column name -> (its index, the header as written); the first of two alike wins."""
    keys = {header_key(c.name): c.name for c in columns}
    found: dict[str, tuple[int, str]] = {}
    for index, cell in enumerate(cells):
        name = keys.get(header_key(cell))
        if name and name not in found:
            found[name] = (index, str(cell).strip())
    return found


def _present(value) -> bool:
    return value is not None and str(value).strip() != ""


def _row(line: int, values: list, columns: dict) -> Row:
    return Row(line, {name: _value(values[index]) if index < len(values) else ""
                      for name, (index, _) in columns.items()})


def _value(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return nfc(str(value)).strip() if value is not None else ""


def _raw_rows(path: Path, shown: str) -> list[tuple[int, list]]:
    """(row number, cells) for every non-empty row of a CSV or of the first visible sheet."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise TableError(msg.import_not_table(shown, suffix))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise TableError(msg.import_too_big(shown, path.stat().st_size, MAX_BYTES))
        return _csv_rows(path, shown) if suffix == ".csv" else _xlsx_rows(path, shown)
    except FileNotFoundError:
        raise TableError(msg.import_no_file(shown)) from None
    except OSError as err:  # a folder, no permission...
        from ..output import os_error_message
        raise TableError(os_error_message(err)) from None


def _csv_rows(path: Path, shown: str) -> list[tuple[int, list]]:
    data = path.read_bytes()
    if data.startswith(b"PK\x03\x04") or b"\0" in data:  # a workbook or binary file named .csv
        raise TableError(msg.import_csv_binary(shown))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise TableError(msg.import_not_utf8(shown, data[:err.start].count(b"\n") + 1)) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, line = [], 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((line, cells))
            line = reader.line_num + 1  # the next record starts on the line after this one
    except csv.Error as err:
        raise TableError(msg.import_csv_broken(shown, reader.line_num, str(err))) from None
    return rows


def _xlsx_rows(path: Path, shown: str) -> list[tuple[int, list]]:
    import openpyxl
    if not zipfile.is_zipfile(path):
        raise TableError(msg.import_bad_xlsx(shown))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(msg.import_bad_xlsx(shown)) from None
    try:
        sheet = next((s for s in book.worksheets if s.sheet_state == "visible"), None)
        if sheet is None:
            raise TableError(msg.import_no_sheet(shown))
        sheet.reset_dimensions()  # some writers record a wrong size: read every row there is
        rows = []
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            values = [_cell(cell) for cell in cells]
            if any(_present(v) for v in values):
                rows.append((getattr(cells[0], "row", None) or number, values))
        return rows
    except TableError:
        raise
    except Exception:
        raise TableError(msg.import_bad_xlsx(shown)) from None
    finally:
        book.close()


def _cell(cell):
    """A cell's value as the sheet shows it: whole numbers without ".0", and with the leading
    zeros of a "00000" number format (codes typed as numbers keep their width)."""
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    text = str(int(value))
    pattern = getattr(cell, "number_format", "") or ""
    if re.fullmatch(r"0+", pattern):
        text = text.zfill(len(pattern))
    return text
