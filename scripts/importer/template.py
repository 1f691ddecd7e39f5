"""Workbooks for an office to fill: `python -m scripts template visits|assignments|cadres`.

One sheet to fill (its header, the drop-down lists, date cells as dd/mm/yyyy), one sheet of
instructions in Vietnamese (each column with its help, and an example row), and one sheet of
the lists themselves ("Danh mục"), taken from the content by name, not by id: a clerk picks
"Nguyễn Thị Lan" and "Ấp An Định, Xã An Qui", never "nguyen-thi-lan".

The example row lives on the instructions sheet, not on the sheet to fill, so that a workbook
handed back as it was imports nothing that nobody wrote. The lists sheet stays visible: the
import reports data on hidden sheets, which a clerk cannot see to correct.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import model as m
from ..text import sort_key, person_sort_key

FILL_ROWS = 2000          # rows the drop-down lists and date formats are set on
DATE_FORMAT = "DD/MM/YYYY"
LISTS = "Danh mục"
HELP = "Hướng dẫn"


@dataclass(frozen=True)
class Col:
    header: str
    help: str
    example: object = ""
    required: bool = False
    kind: str = "text"          # text | date | count | list | long
    choices: str | None = None  # the list's name on the lists sheet
    strict: bool = True         # False: a value outside the list is allowed (a new cadre)
    width: int = 18


@dataclass
class Sheet:
    title: str                  # the sheet to fill
    intro: str
    columns: list[Col]
    lists: dict[str, list[str]] = field(default_factory=dict)  # by their title on "Danh mục"


# ---- what each template holds -------------------------------------------------------------

def _cadre_names(content: m.Content) -> list[str]:
    """Cadres by name in Vietnamese order; a name two cadres share gets its id in brackets."""
    cadres = sorted(content.cadres, key=lambda c: (person_sort_key(c.name), c.id))
    count: dict[str, int] = {}
    for c in cadres:
        count[c.name] = count.get(c.name, 0) + 1
    return [c.name if count[c.name] == 1 else f"{c.name} ({c.id})" for c in cadres]


def _unit_names(content: m.Content, today: date) -> list[str]:
    """Units living today below the top, "Ấp An Định, Xã An Qui": enough to tell the many
    "Ấp 1"s apart."""
    by_id = {u.id: u for u in content.localities}
    top = content.site.levels[0].id if content.site.levels else None
    names = []
    for unit in content.localities:
        if unit.level == top or not unit.alive_on(today):
            continue
        parent = by_id.get(unit.parent)
        names.append(f"{unit.full_name}, {parent.full_name}" if parent else unit.full_name)
    return sorted(dict.fromkeys(names), key=sort_key)


def visits_sheet(content: m.Content, today: date) -> Sheet:
    cadres, units = _cadre_names(content), _unit_names(content, today)
    topics = sorted((t.name for t in content.topics), key=sort_key)
    kinds = [label for _, label in m.VISIT_KIND.choices]
    return Sheet("Báo cáo", "Mỗi dòng một báo cáo theo dõi, hỗ trợ cơ sở.", [
        Col("Ngày", "Ngày xuống địa bàn, dạng ngày/tháng/năm.", today, True, "date", width=12),
        Col("Cán bộ", "Chọn trong danh sách cán bộ (theo họ và tên).",
            cadres[0] if cadres else "", True, "list", "Cán bộ", width=24),
        Col("Địa bàn", "Chọn trong danh sách; tên kèm địa bàn cấp trên, ví dụ «Ấp 1, Xã An "
            "Nhơn», vì nhiều nơi trùng tên.", units[0] if units else "", True, "list", "Địa bàn",
            width=30),
        Col("Hình thức", "Chọn: " + "; ".join(kinds) + ".", kinds[0], True, "list",
            "Hình thức", width=22),
        Col("Có mặt", "Số đảng viên có mặt; chỉ ghi khi dự sinh hoạt chi bộ hoặc họp cấp ủy.",
            30, kind="count", width=9),
        Col("Tổng số đảng viên", "Tổng số đảng viên của chi bộ; không nhỏ hơn số có mặt.", 34,
            kind="count", width=11),
        Col("Chủ đề", "Chọn một chủ đề, hoặc gõ nhiều chủ đề cách nhau bằng dấu chấm phẩy (;).",
            topics[0] if topics else "", kind="list", choices="Chủ đề", strict=False,
            width=24),
        Col("Tóm tắt", "Một, hai câu về buổi làm việc.", "Chi bộ sinh hoạt đúng giờ, bàn việc "
            "cụ thể của ấp.", True, "long", width=40),
        Col("Ưu điểm, kết quả", "Mỗi ý một dòng trong ô (Alt+Enter để xuống dòng).",
            "Đảng viên phát biểu sôi nổi.", kind="long", width=32),
        Col("Khó khăn", "Mỗi ý một dòng trong ô.", "Một số đảng viên đi làm ăn xa.",
            kind="long", width=32),
        Col("Kiến nghị", "Mỗi kiến nghị một dòng: nội dung | nơi nhận | hạn (hạn có thể bỏ "
            "trống).", "Hỗ trợ kinh phí nạo vét kênh | UBND xã | 30/06/2026", kind="long",
            width=40),
    ], {"Cán bộ": cadres, "Địa bàn": units, "Hình thức": kinds, "Chủ đề": topics})


def assignments_sheet(content: m.Content, today: date) -> Sheet:
    cadres, units = _cadre_names(content), _unit_names(content, today)
    return Sheet("Phụ lục phân công", "Bảng phụ lục của quyết định phân công: mỗi dòng một cán "
                 "bộ với một địa bàn.", [
        Col("STT", "Số thứ tự trong phụ lục.", 1, kind="count", width=6),
        Col("Họ và tên", "Chọn cán bộ đã có, hoặc gõ tên cán bộ mới (sẽ được thêm vào danh "
            "sách).", cadres[0] if cadres else "", True, "list", "Cán bộ", strict=False,
            width=24),
        Col("Chức vụ", "Chức vụ của cán bộ mới (bỏ trống nếu cán bộ đã có).",
            "Phó Trưởng Ban Dân vận Huyện ủy", width=28),
        Col("Cơ quan", "Cơ quan của cán bộ mới.", "Huyện ủy Thạnh Phú", width=22),
        Col("Địa bàn", "Chọn trong danh sách.", units[0] if units else "", True, "list",
            "Địa bàn", width=30),
        Col("Từ ngày", "Ngày bắt đầu phân công.", today, True, "date", width=12),
        Col("Đến ngày", "Ngày kết thúc; bỏ trống nếu chưa hết hạn.", "", kind="date", width=12),
        Col("Số quyết định", "Số, ngày và cơ quan ra quyết định.",
            "Quyết định số 123-QĐ/HU ngày 01/3/2026", width=34),
    ], {"Cán bộ": cadres, "Địa bàn": units})


def cadres_sheet(content: m.Content, today: date) -> Sheet:
    levels = [lv.label for lv in content.site.levels if lv.end is None or lv.end >= today]
    return Sheet("Cán bộ", "Mỗi dòng một cán bộ.", [
        Col("Họ và tên", "Đầy đủ, có dấu.", "Nguyễn Thị Lan", True, width=24),
        Col("Chức vụ", "Chức vụ hiện nay.", "Phó Trưởng Ban Dân vận Huyện ủy", True, width=30),
        Col("Cơ quan", "Nơi công tác.", "Huyện ủy Thạnh Phú", True, width=24),
        Col("Cấp", "Cấp công tác: chọn trong danh sách.", levels[0] if levels else "", True,
            "list", "Cấp", width=10),
        Col("Cấp ủy viên", "«có» nếu là cấp ủy viên.", "có", kind="list", choices="Có, không",
            width=10),
        Col("Điện thoại", "Số máy cơ quan hoặc di động.", "0275 3 812 345", width=16),
        Col("Email", "Địa chỉ thư điện tử công vụ.", "lan.nt@example.vn", width=24),
    ], {"Cấp": levels, "Có, không": ["có", "không"]})


SHEETS = {"visits": visits_sheet, "assignments": assignments_sheet, "cadres": cadres_sheet}


# ---- writing it -----------------------------------------------------------------------------

def build(sheet: Sheet):
    """The workbook (openpyxl), not yet saved."""
    from openpyxl import Workbook
    wb = Workbook()
    fill = wb.active
    fill.title = sheet.title
    ranges = _write_lists(wb, sheet.lists)
    _write_fill(fill, sheet, ranges)
    _write_help(wb.create_sheet(HELP), sheet)
    wb.move_sheet(LISTS, offset=2)  # last: fill, help, lists
    return wb


def _write_lists(wb, lists: dict[str, list[str]]) -> dict[str, str]:
    """One column per list on the lists sheet; returns the absolute range of each."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    ws = wb.create_sheet(LISTS)
    ranges = {}
    for i, (name, values) in enumerate(lists.items(), 1):
        col = get_column_letter(i)
        ws.cell(1, i, name).font = Font(bold=True)
        for row, value in enumerate(values, 2):
            ws.cell(row, i, value)
        ws.column_dimensions[col].width = 32
        last = max(len(values) + 1, 2)
        ranges[name] = f"'{LISTS}'!${col}$2:${col}${last}"
    return ranges


def _write_fill(ws, sheet: Sheet, ranges: dict[str, str]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    for i, col in enumerate(sheet.columns, 1):
        cell = ws.cell(1, i, col.header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = col.width
        span = f"{letter}2:{letter}{FILL_ROWS + 1}"
        rule = _validation(col, ranges)
        if rule is not None:
            ws.add_data_validation(rule)
            rule.add(span)
        if col.kind == "date":
            for row in range(2, FILL_ROWS + 2):
                ws.cell(row, i).number_format = DATE_FORMAT
        elif col.kind == "long":
            for row in range(2, FILL_ROWS + 2):
                ws.cell(row, i).alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"


def _validation(col: Col, ranges: dict[str, str]):
    from openpyxl.worksheet.datavalidation import DataValidation
    if col.kind == "list" and col.choices in ranges:
        # no "=" before the range: the file format stores formulas without it, as Excel does
        rule = DataValidation(type="list", formula1=ranges[col.choices],
                              allow_blank=not col.required,
                              errorStyle="stop" if col.strict else "information")
        rule.error = f"Hãy chọn một giá trị trong danh sách «{col.header}»."
    elif col.kind == "date":
        rule = DataValidation(type="date", operator="greaterThan", formula1="36526",
                              allow_blank=not col.required)  # after 1/1/2000
        rule.error = "Hãy nhập ngày dạng ngày/tháng/năm, ví dụ 05/06/2026."
    elif col.kind == "count":
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True)
        rule.error = "Hãy nhập một số nguyên không âm."
    else:
        return None
    rule.errorTitle = col.header
    rule.showErrorMessage = True
    rule.prompt = col.help
    rule.promptTitle = col.header
    rule.showInputMessage = True
    return rule


def _write_help(ws, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    ws.cell(1, 1, sheet.intro).font = Font(bold=True)
    ws.cell(2, 1, f"Điền vào trang «{sheet.title}», từ dòng 2; không đổi tên các cột. Cột có "
                  "dấu * là bắt buộc. Các danh sách chọn lấy từ trang «Danh mục».")
    ws.append([])
    ws.append(["Cột", "Bắt buộc", "Cách ghi"])
    for c in ws[4]:
        c.font = Font(bold=True)
    for col in sheet.columns:
        ws.append([col.header, "*" if col.required else "", col.help])
    ws.append([])
    ws.append(["Ví dụ một dòng:"])
    ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([col.header for col in sheet.columns])
    for c in ws[ws.max_row]:
        c.font = Font(bold=True)
    ws.append([col.example for col in sheet.columns])
    example_row = ws.max_row
    for i, col in enumerate(sheet.columns, 1):
        cell = ws.cell(example_row, i)
        if col.kind == "date":
            cell.number_format = DATE_FORMAT
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 80


def write_template(kind: str, content: m.Content, out: Path, today: date) -> None:
    """Save the `kind` template to `out`, a new file: an existing one is never replaced
    (FileExistsError), and a half-written one never left behind."""
    import os
    import tempfile
    if out.exists():
        raise FileExistsError(out)
    wb = build(SHEETS[kind](content, today))
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=out.parent, prefix=".", suffix=".xlsx.tmp")
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temporary, 0o666 & ~umask)  # as any file the user makes, not mkstemp's 0600
        wb.save(temporary)
        os.link(temporary, out)  # fails if `out` appeared meanwhile: never overwrites
    finally:
        os.unlink(temporary)
