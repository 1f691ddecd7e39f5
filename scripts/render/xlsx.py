"""Statistics tables as an Excel workbook, one sheet a table: what offices ask for beside the
CSV files. Pure: the workbook is built in memory and returned as bytes.

Cells are typed as a spreadsheet expects: "1.234" and "12" are numbers, "12%" a percentage,
"05/06/2023" a date; everything else stays text (a "3/12" of months met is not a date).
Text that a spreadsheet would read as a formula is stored as text, never as a formula.
"""
from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime

from ..text import parse_date

_INT = re.compile(r"^-?\d{1,3}(\.\d{3})*$|^-?\d+$")
_PERCENT = re.compile(r"^(-?\d+(?:,\d+)?)%$")
_DAY = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
TITLE_MAX = 31  # Excel's limit for a sheet's name


def typed(value):
    """(value, number format) for a cell of a table as the page shows it."""
    if not isinstance(value, str):
        return value, None
    text = value.strip()
    if _INT.match(text):
        return int(text.replace(".", "")), "#,##0"
    percent = _PERCENT.match(text)
    if percent:
        return float(percent.group(1).replace(",", ".")) / 100, "0%"
    if _DAY.match(text) and parse_date(text):
        return parse_date(text), "DD/MM/YYYY"
    return value, None


def _short(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;-–")


def sheet_titles(titles: list[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, all different."""
    out: list[str] = []
    for title in titles:
        name = _short(" ".join(_BAD_TITLE.sub(" ", title).split()), TITLE_MAX) or "Bảng"
        base, n = name, 2
        while name.lower() in (o.lower() for o in out):
            suffix = f" ({n})"
            name = _short(base, TITLE_MAX - len(suffix)) + suffix
            n += 1
        out.append(name)
    return out


def workbook(tables: list[tuple[str, list[str], list[list]]], stamp: date) -> bytes:
    """`tables`: (title, headers, rows of plain cells). `stamp` dates the file, so that the
    same figures give the same bytes build after build. Written in openpyxl's streaming mode:
    a province's year holds tens of thousands of rows, and the ordinary mode finds each new
    row's place by scanning every cell already written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    wb = Workbook(write_only=True)
    moment = datetime(stamp.year, stamp.month, stamp.day)
    wb.properties.created = wb.properties.modified = moment
    wb.properties.creator = wb.properties.lastModifiedBy = "Theo dõi, hỗ trợ cơ sở"
    bold = Font(bold=True)
    for title, (_, headers, rows) in zip(sheet_titles([t[0] for t in tables]), tables):
        ws = wb.create_sheet(title)
        for i, header in enumerate(headers, 1):  # widths first: a stream cannot go back
            width = max([len(str(header))] + [len(str(r[i - 1])) for r in rows[:200]
                                             if i - 1 < len(r)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width, 8), 60)
        ws.freeze_panes = "A2"
        ws.append([_cell(ws, WriteOnlyCell, header, None, bold) for header in headers])
        for row in rows:
            ws.append([_cell(ws, WriteOnlyCell, *typed(value), None) for value in row])
    out = io.BytesIO()
    wb.save(out)
    return _fixed_times(out.getvalue(), stamp)


def _cell(ws, kind, value, number_format, font):
    cell = kind(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


def _fixed_times(data: bytes, stamp: date) -> bytes:
    """The archive again with every member dated `stamp`: a zip records when each member was
    written, which would make every build's workbook differ and be written again."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename,
                                    date_time=(stamp.year, stamp.month, stamp.day, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            body = source.read(member)
            if member.filename == "docProps/core.xml":  # openpyxl dates it as it saves
                body = _MODIFIED.sub(f"\\g<1>{stamp.isoformat()}T00:00:00Z\\g<2>".encode(),
                                     body)
            target.writestr(fixed, body)
    return out.getvalue()


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
