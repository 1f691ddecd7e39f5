"""`import units` and `import merges`: official lists (CSV and XLSX written here) into a small
content tree, with the odd real names, the 2025 reform's reused codes, and every bad row."""
from __future__ import annotations

import csv
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from scripts.cli import main
from scripts.importer.table import header_key
from scripts.pipeline import load_and_validate
from scripts.text import slugify

from .conftest import ROOT, TODAY

SITE = """\
title: Thử nhập danh sách
organization: Ban Tổ chức Tỉnh ủy
levels:
  - {id: province, label: Tỉnh}
  - {id: district, label: Huyện, end: 2025-06-30}
  - {id: commune, label: Xã}
  - {id: hamlet, label: Ấp}
"""

# An editor's file: comments, blank lines, a one-line mapping, a comment after a record.
BEN_TRE = """\
# Tỉnh Bến Tre, viết tay.
- id: ben-tre
  name: Bến Tre
  type: Tỉnh
  level: province
  code: "83"

- id: thanh-phu
  name: Thạnh Phú
  type: Huyện
  level: district
  parent: ben-tre
  code: "835"
- id: an-nhon   # xã trong bài năm 2016
  name: An Nhơn
  type: Xã
  level: commune
  parent: thanh-phu
  code: "29224"
  party_org: Đảng bộ xã An Nhơn

- id: an-thuan
  name: An Thuận
  type: Xã
  level: commune
  parent: thanh-phu
  code: "29227"
  stats: {party_members: 40, households: 900}
  # ghi chú của biên tập viên
- id: an-nhon-an-dinh
  name: An Định
  type: Ấp
  level: hamlet
  parent: an-qui
  former_parents:
    - {parent: an-nhon, until: 2025-06-30}
"""

CAN_THO = """\
- id: can-tho
  name: Cần Thơ
  type: Thành phố
  level: province
  code: "92"
- id: binh-thuy
  name: Bình Thủy
  type: Quận
  level: district
  parent: can-tho
  code: "916"
- id: co-do
  name: Cờ Đỏ
  type: Huyện
  level: district
  parent: can-tho
  code: "925"
"""

HEADER = ["Tỉnh / Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã", "Mã PX", "Cấp"]
# The same columns as other offices write them: case, accents, spaces and slashes differ.
ODD_HEADER = ["TỈNH THÀNH PHỐ", "ma tp", "Quận/Huyện", "MÃ QH", "phuong xa", "Mã  PX", "cấp"]
BT = ["Tỉnh Bến Tre", "83"]
LIST_83 = [
    BT + ["Huyện Thạnh Phú", "835", "Xã An Nhơn", "29224", "Xã"],
    BT + ["Huyện Thạnh Phú", "835", "Thị trấn Thạnh Phú", "29200", "Thị trấn"],
    ["Thành phố Cần Thơ", "92", "Quận Ninh Kiều", "917", "Phường Tân An", "31120", "Phường"],
    BT + ["Thành phố Bến Tre", "829", "Phường 1", "28756", "Phường"],
    BT + ["Thành phố Bến Tre", "829", "Phường Văn Miếu - Quốc Tử Giám", "28757", "Phường"],
    BT + ["Huyện Ba Tri", "831", "Xã Ch'ơm", "28900", "Xã"],
    BT + ["Huyện Ba Tri", "831", "Thị trấn N.T Phong Hải", "28901", "Thị trấn"],
    BT + ["Huyện Ba Tri", "831", "Xã An Nhơn", "28902", "Xã"],
    BT + ["Huyện Ba Tri", "831", "Phường 1", "28903", "Phường"],
    BT + ["Huyện Ba Tri", "831", "Xã An Nhơn", "28904", "Xã"],
    BT + ["Huyện Ba Tri", "831", "xã Tân Xuân", "28905", "Xã"],
    BT + ["Huyện Thạnh Phú", "835", "Giao Thạnh", "29230", "Xã"],  # the type only in Cấp
]

HEADER_HEAD = """\
# Các đơn vị hành chính nhập từ {source} (mã tỉnh {code}{since}) bằng lệnh
# `python -m scripts import units`. Lần nhập sau không ghi đè tệp này; có thể sửa
# nó như mọi tệp nội dung khác.
"""
WRITTEN_83 = """\
- id: thanh-phu-thanh-phu
  name: Thạnh Phú
  type: Thị trấn
  level: commune
  parent: thanh-phu
  code: "29200"

- id: ben-tre-ben-tre
  name: Bến Tre
  type: Thành phố
  level: district
  parent: ben-tre
  code: "829"
- id: phuong-1
  name: "1"
  type: Phường
  level: commune
  parent: ben-tre-ben-tre
  code: "28756"
- id: van-mieu-quoc-tu-giam
  name: Văn Miếu - Quốc Tử Giám
  type: Phường
  level: commune
  parent: ben-tre-ben-tre
  code: "28757"

- id: ba-tri
  name: Ba Tri
  type: Huyện
  level: district
  parent: ben-tre
  code: "831"
- id: ch-om
  name: Ch'ơm
  type: Xã
  level: commune
  parent: ba-tri
  code: "28900"
- id: n-t-phong-hai
  name: N.T Phong Hải
  type: Thị trấn
  level: commune
  parent: ba-tri
  code: "28901"
- id: ba-tri-an-nhon
  name: An Nhơn
  type: Xã
  level: commune
  parent: ba-tri
  code: "28902"
- id: ba-tri-phuong-1
  name: "1"
  type: Phường
  level: commune
  parent: ba-tri
  code: "28903"
- id: ba-tri-an-nhon-28904
  name: An Nhơn
  type: Xã
  level: commune
  parent: ba-tri
  code: "28904"
- id: tan-xuan
  name: Tân Xuân
  type: Xã
  level: commune
  parent: ba-tri
  code: "28905"
- id: giao-thanh
  name: Giao Thạnh
  type: Xã
  level: commune
  parent: thanh-phu
  code: "29230"
"""

# After 1 July 2025: no district; An Qui took An Nhơn's code 29224.
POST_HEADER = ["tinh/thanh pho", "MÃ TP", "Phường   Xã", "mã px", "CẤP"]
LIST_86 = [
    ["Tỉnh Vĩnh Long", "86", "Xã An Qui", "29224", "Xã"],
    ["Tỉnh Vĩnh Long", "86", "Xã Thạnh Phú", "29206", "Xã"],
    ["Thành phố Cần Thơ", "92", "Phường Bình Thủy", "31150", "Phường"],
    ["Tỉnh Vĩnh Long", "86", "Đặc khu Côn Đảo", "26000", "Đặc khu"],
]
WRITTEN_86 = """\
- id: vinh-long
  name: Vĩnh Long
  type: Tỉnh
  level: province
  code: "86"
  start: 2025-07-01
- id: an-qui
  name: An Qui
  type: Xã
  level: commune
  parent: vinh-long
  code: "29224"
  start: 2025-07-01
- id: vinh-long-thanh-phu
  name: Thạnh Phú
  type: Xã
  level: commune
  parent: vinh-long
  code: "29206"
  start: 2025-07-01
- id: con-dao
  name: Côn Đảo
  type: Đặc khu
  level: commune
  parent: vinh-long
  code: "26000"
  start: 2025-07-01
"""

MERGE_HEADER = ["Mã cũ", "Tên cũ", "Mã mới", "Tên mới", "Ngày hiệu lực"]
MERGES = [
    ["29224", "Xã An Nhơn", "29224", "Xã An Qui", "01/07/2025"],      # the code reused
    ["29227", "Xã An Thuận", "29224", "Xã An Qui", "01/07/2025"],     # two old into one new
    ["29227", "Xã An Thuận", "29206", "Xã Thạnh Phú", "2025-07-01"],  # and one old split in two
    ["835", "Huyện Thạnh Phú", "86", "Tỉnh Vĩnh Long", "1/7/2025"],
    ["83", "Tỉnh Bến Tre", "86", "Tỉnh Vĩnh Long", "01/07/2025"],
]
BEN_TRE_MERGED = BEN_TRE.replace(
    '  code: "83"\n', '  code: "83"\n  end: 2025-06-30\n  successors: [vinh-long]\n').replace(
    '  code: "835"\n', '  code: "835"\n  end: 2025-06-30\n  successors: [vinh-long]\n').replace(
    "  party_org: Đảng bộ xã An Nhơn\n",
    "  party_org: Đảng bộ xã An Nhơn\n  end: 2025-06-30\n  successors: [an-qui]\n").replace(
    "  stats: {party_members: 40, households: 900}\n",
    "  stats: {party_members: 40, households: 900}\n  end: 2025-06-30\n"
    "  successors: [an-qui, vinh-long-thanh-phu]\n")
FAILED = "Hãy sửa các lỗi trên rồi chạy lại."


# ---- helpers -------------------------------------------------------------------------------

@pytest.fixture
def content(tmp_path) -> Path:
    root = tmp_path / "content"
    (root / "localities").mkdir(parents=True)
    (root / "site.yml").write_text(SITE, encoding="utf-8")
    (root / "localities" / "ben-tre.yml").write_text(BEN_TRE, encoding="utf-8")
    (root / "localities" / "can-tho.yml").write_text(CAN_THO, encoding="utf-8")
    return root


def write_csv(path: Path, header: list, rows: list) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:  # with a BOM, as Excel does
        csv.writer(out).writerows([header, *rows])
    return path


def write_xlsx(path: Path, header: list, rows: list) -> Path:
    """A workbook whose first sheet is hidden; codes as numbers, dates as date cells."""
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active["A1"] = "trang ẩn, không phải danh sách"
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("Danh sách")
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
    book.save(path)
    return path


def _xlsx_value(value):
    if isinstance(value, str) and value.isdigit():
        return int(value)
    for form in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, form)
        except (TypeError, ValueError):
            pass
    return value


def write_list(kind: str, path: Path, header: list, rows: list) -> Path:
    return (write_csv if kind == "csv" else write_xlsx)(path.with_suffix(f".{kind}"), header,
                                                         rows)


def run(capsys, *argv) -> tuple[int, str]:
    code = main([*map(str, argv)])
    captured = capsys.readouterr()
    assert captured.err == ""  # never a traceback
    return code, captured.out


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def import_units(capsys, content: Path, source: Path, province: str, *more) -> tuple[int, str]:
    return run(capsys, "import", "units", source, "--province", province, "--content", content,
               "--today", TODAY.isoformat(), *more)


# ---- import units --------------------------------------------------------------------------

@pytest.mark.parametrize("header", ["Tỉnh / Thành Phố", "tinh/thanh pho", "TỈNH THÀNH PHỐ",
                                    "Tinh  /  Thanh  Pho", "tỉnh/thành phố "])
def test_headers_match_whatever_their_case_accents_spacing_and_slashes(header):
    assert header_key(header) == header_key("Tỉnh / Thành Phố") == "tinhthanhpho"
    assert header_key("Mã  PX") == header_key("mã px") == "mapx"
    assert header_key("Đặc khu") == "dackhu"


@pytest.mark.parametrize("kind,header", [("csv", HEADER), ("xlsx", ODD_HEADER)])
def test_units_writes_new_units_with_ids_names_and_codes_as_written(capsys, content, tmp_path,
                                                                   kind, header):
    source = write_list(kind, tmp_path / "don-vi", header, LIST_83)
    before = snapshot(content)
    code, out = import_units(capsys, content, source, "83")
    written = content / "localities" / f"ben-tre-{TODAY.isoformat()}.yml"
    assert (code, out) == (0, f"Đã ghi 12 đơn vị mới vào {written.as_posix()}. Hãy xem lại tệp "
                              "rồi chạy python -m scripts check.\n")
    head = HEADER_HEAD.format(source=f"don-vi.{kind}", code="83", since="")
    assert written.read_text(encoding="utf-8") == head + WRITTEN_83
    after = snapshot(content)
    assert after.pop(f"localities/{written.name}") and after == before  # editors' files intact
    # Again with the same list: every unit is found by its code, nothing is written.
    after = snapshot(content)
    code, out = import_units(capsys, content, source, "83")
    assert (code, out) == (0, "Không có gì để ghi: cả 15 đơn vị của danh sách đã có trong nội "
                              "dung.\n")
    assert snapshot(content) == after


def test_units_keeps_names_as_written_and_lists_differences(capsys, content, tmp_path):
    # "Bình Thuỷ" (old tone placement) is the content's "Bình Thủy": same unit, same id;
    # "Quận Cờ Đỏ" differs from the content's "Huyện": said, not changed.
    source = write_csv(tmp_path / "can-tho.csv", HEADER, [
        ["Thành phố Cần Thơ", "92", "Quận Bình Thuỷ", "916", "Phường Bình Thuỷ", "31150", "Phường"],
        ["Thành phố Cần Thơ", "92", "Quận Cờ Đỏ", "925", "Thị trấn Cờ Đỏ", "31200", "Thị trấn"]])
    code, out = import_units(capsys, content, source, "92")
    localities = (content / "localities").as_posix()
    assert code == 0
    assert out == (
        f"Đã ghi 2 đơn vị mới vào {localities}/can-tho-{TODAY.isoformat()}.yml. Hãy xem lại tệp "
        "rồi chạy python -m scripts check.\n"
        "Danh sách và nội dung khác nhau ở những chỗ dưới đây. Lệnh không sửa các đơn vị đã có; "
        "nếu danh sách đúng, hãy sửa tay tại chỗ được chỉ:\n"
        f'{localities}/can-tho.yml:14: co-do (mã 925): danh sách ghi loại "Quận", nội dung ghi '
        '"Huyện"\n')
    text = (content / "localities" / f"can-tho-{TODAY.isoformat()}.yml").read_text("utf-8")
    assert slugify("Bình Thuỷ") == slugify("Bình Thủy") == "binh-thuy"  # so the id is taken
    assert "- id: binh-thuy-binh-thuy\n  name: Bình Thuỷ\n  type: Phường\n" in text
    assert "parent: binh-thuy\n" in text and "- id: co-do-co-do\n" in text
    assert (content / "localities" / "can-tho.yml").read_text("utf-8") == CAN_THO


def test_units_matches_only_units_alive_on_the_import_date(capsys, content, tmp_path):
    """Vĩnh Long is 86 before and after 2025: the province that ended is not the new one."""
    (content / "localities" / "vinh-long-cu.yml").write_text(
        '- id: vinh-long\n  name: Vĩnh Long\n  type: Tỉnh\n  level: province\n  code: "86"\n'
        "  end: 2025-06-30\n", encoding="utf-8")
    taken = content / "localities" / "vinh-long-86-2025-07-01.yml"
    taken.write_text("# tệp của biên tập viên, trùng tên\n", encoding="utf-8")
    source = write_csv(tmp_path / "don-vi.csv", POST_HEADER, LIST_86[:1])
    code, _ = import_units(capsys, content, source, "86", "--from", "2025-07-01")
    text = (content / "localities" / "vinh-long-86-2025-07-01-2.yml").read_text("utf-8")
    assert code == 0 and "- id: vinh-long-86\n" in text and "  parent: vinh-long-86\n" in text
    assert taken.read_text("utf-8") == "# tệp của biên tập viên, trùng tên\n"
    # A month earlier the same code finds the old province: only the commune is new.
    code, _ = import_units(capsys, content, source, "86", "--from", "2025-06-01")
    text = (content / "localities" / "vinh-long-2025-06-01.yml").read_text("utf-8")
    assert code == 0 and text.count("- id: ") == 1
    assert "- id: vinh-long-an-qui\n" in text and "  parent: vinh-long\n" in text


def test_units_dry_run_prints_the_records_and_writes_nothing(capsys, content, tmp_path):
    source = write_csv(tmp_path / "don-vi.csv", POST_HEADER, LIST_86)
    before = snapshot(content)
    code, out = import_units(capsys, content, source, "86", "--from", "2025-07-01", "--dry-run")
    target = (content / "localities" / "vinh-long-2025-07-01.yml").as_posix()
    head = HEADER_HEAD.format(source="don-vi.csv", code="86", since=", có hiệu lực từ 01/07/2025")
    assert (code, out) == (0, f"Chạy thử, chưa ghi gì: sẽ ghi 4 đơn vị mới vào {target}:\n"
                              + head + WRITTEN_86)
    assert snapshot(content) == before


def test_units_reports_every_bad_row_and_writes_nothing(capsys, content, tmp_path):
    header = HEADER[:5] + ["mã px", "Cấp"]  # messages name the column as the file writes it
    source = write_csv(tmp_path / "don-vi.csv", header, [
        BT + ["Huyện Thạnh Phú", "835", "Xã An Nhơn", "", "Xã"],
        BT + ["Huyện Thạnh Phú", "835", "Xã An Nhơn", "29a24", "Xã"],
        BT + ["Huyện Thạnh Phú", "835", "", "29225", ""],
        BT + ["Thạnh Phú", "835", "Xã An Hòa", "29226", "Xã"],
        BT + ["Huyện Thạnh Phú", "835", "Xã", "29227", "Xã"],
        BT + ["", "", "Xã An Phú", "29228", "Xã"],
        BT + ["Huyện Ba Tri", "835", "Xã Tân Xuân", "29229", "Xã"],
        ["Tỉnh Bến Tre", "", "Huyện Ba Tri", "831", "Xã Tân Xuân", "29229", "Xã"],
        ["Thành phố Cần Thơ", "92", "Quận Ninh Kiều", "", "Phường Tân An", "", ""],  # not ours
    ])
    before = snapshot(content)
    code, out = import_units(capsys, content, source, "83")
    p = source.as_posix()
    assert code == 1
    assert out.splitlines() == [
        f"{p}:2: mã px: thiếu mã đơn vị",
        f'{p}:3: mã px: mã đơn vị phải gồm các chữ số, ví dụ 29224; gặp "29a24"',
        f"{p}:4: Phường Xã: thiếu tên đơn vị",
        f'{p}:5: Quận Huyện: không rõ loại đơn vị của "Thạnh Phú"; cần tên kèm loại ở đầu '
        '(Tỉnh, Thành phố, Huyện, Quận, Thị xã, Thị trấn, Xã, Phường, Đặc khu), ví dụ '
        '"Huyện Thạnh Phú"',
        f'{p}:6: Phường Xã: "Xã" chỉ có loại đơn vị, thiếu tên',
        f"{p}:7: Mã QH: thiếu mã đơn vị",
        f'{p}:8: Mã QH: mã 835 đã được ghi là "Huyện Thạnh Phú" ở dòng 2, dòng này lại ghi '
        '"Huyện Ba Tri"',
        f"{p}:9: Mã TP: thiếu mã đơn vị",
        f"Có 8 lỗi; chưa ghi gì. {FAILED}",
    ]
    assert snapshot(content) == before


def test_units_counts_rows_of_a_workbook_as_the_sheet_does(capsys, content, tmp_path):
    source = write_xlsx(tmp_path / "don-vi.xlsx", HEADER, [
        BT + ["Huyện Thạnh Phú", "835", "Xã An Nhơn", "29224", "Xã"]] + [[None] * 7] * 11 + [
        BT + ["Huyện Thạnh Phú", "835", "Xã An Thuận", None, "Xã"]])
    code, out = import_units(capsys, content, source, "83")
    assert (code, out.splitlines()) == (1, [f"{source.as_posix()}:14: Mã PX: thiếu mã đơn vị",
                                            f"Có 1 lỗi; chưa ghi gì. {FAILED}"])


def test_units_says_which_province_codes_the_list_has(capsys, content, tmp_path):
    source = write_csv(tmp_path / "don-vi.csv", HEADER, LIST_83)
    code, out = import_units(capsys, content, source, "84")
    assert (code, out) == (1, f"{source.as_posix()}: không có dòng nào có Mã TP là 84; các mã "
                              "có trong tệp: 83, 92.\n")


# ---- files that are no list ------------------------------------------------------------------

def test_files_that_cannot_be_read_get_a_clear_message(capsys, content, tmp_path):
    not_zip = tmp_path / "hong.xlsx"
    not_zip.write_text("không phải Excel", encoding="utf-8")
    zip_not_book = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(zip_not_book, "w") as archive:
        archive.writestr("a.txt", "x")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(",".join(HEADER).encode("utf-8") + b"\nT\xe1nh,83\n")
    book_as_csv = tmp_path / "doi-duoi.csv"
    book_as_csv.write_bytes(write_xlsx(tmp_path / "that.xlsx", HEADER, LIST_83).read_bytes())
    (tmp_path / "bang.ods").write_bytes(b"x")
    (tmp_path / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    expected = {
        tmp_path / "bang.ods": 'cần một bảng .csv (UTF-8) hoặc .xlsx; tệp có đuôi ".ods".',
        tmp_path / "cu.xls": 'cần một bảng .csv (UTF-8) hoặc .xlsx; tệp có đuôi ".xls"; tệp .xls '
        "(Excel 97-2003) hãy mở bằng Excel rồi lưu lại dạng .xlsx.",
        not_zip: "như một tệp Excel .xlsx (tệp hỏng, hoặc loại tệp khác mang đuôi .xlsx); hãy mở "
        "bằng Excel rồi lưu lại dạng .xlsx hoặc CSV UTF-8.",
        zip_not_book: "như một tệp Excel .xlsx (tệp hỏng, hoặc loại tệp khác mang đuôi .xlsx); "
        "hãy mở bằng Excel rồi lưu lại dạng .xlsx hoặc CSV UTF-8.",
        book_as_csv: "tệp mang đuôi .csv nhưng không phải văn bản (có thể là tệp Excel bị đổi "
        "đuôi); hãy lưu lại dạng CSV UTF-8 hoặc .xlsx.",
    }
    for path, message in expected.items():
        separator = " " if message.startswith("như") else ": "
        assert import_units(capsys, content, path, "83") == \
            (1, f"Không đọc được {path.as_posix()}{separator}{message}\n")
    assert import_units(capsys, content, latin, "83") == (1, (
        f"{latin.as_posix()}:2: tệp CSV không phải UTF-8; hãy lưu lại với bảng mã UTF-8 (trong "
        "Excel: Lưu thành, chọn kiểu CSV UTF-8).\n"))
    missing = tmp_path / "khong-co.csv"
    assert import_units(capsys, content, missing, "83") == \
        (1, f"Không có tệp {missing.as_posix()}; hãy kiểm tra lại đường dẫn.\n")


def test_missing_columns_name_the_expected_ones_with_an_example(capsys, content, tmp_path):
    source = write_csv(tmp_path / "don-vi.csv", ["Tỉnh", "Mã TP", "Phường Xã"], [BT + ["Xã A"]])
    assert import_units(capsys, content, source, "83") == (1, (
        f"{source.as_posix()}:1: thiếu cột Tỉnh / Thành Phố, Mã PX; cần các cột Tỉnh / Thành Phố, "
        "Mã TP, Phường Xã, Mã PX, ví dụ dòng tiêu đề:\n"
        "    Tỉnh / Thành Phố,Mã TP,Quận Huyện,Mã QH,Phường Xã,Mã PX,Cấp\n"
        "  dòng tiêu đề trong tệp: Tỉnh, Mã TP, Phường Xã\n"))
    empty = tmp_path / "rong.csv"
    empty.write_bytes(b"")
    code, out = run(capsys, "import", "merges", empty, "--content", content)
    assert (code, out) == (1, (
        f"{empty.as_posix()}:1: thiếu cột Mã cũ, Mã mới, Ngày hiệu lực; cần các cột Mã cũ, Mã mới, "
        "Ngày hiệu lực, ví dụ dòng tiêu đề:\n    Mã cũ,Tên cũ,Mã mới,Tên mới,Ngày hiệu lực\n"
        "  dòng tiêu đề trong tệp: (không có gì)\n"))


def test_content_that_cannot_be_read_stops_the_import(capsys, content, tmp_path):
    broken = content / "localities" / "hong.yml"
    broken.write_text("- id: x\n\tname: X\n", encoding="utf-8")
    source = write_csv(tmp_path / "don-vi.csv", HEADER, LIST_83)
    assert import_units(capsys, content, source, "83") == (1, (
        f"{broken.as_posix()}:2: thụt lề bằng ký tự tab; YAML chỉ chấp nhận dấu cách (hãy sửa "
        "nội dung (python -m scripts check chỉ rõ lỗi) rồi nhập lại)\n"
        f"Có 1 lỗi; chưa ghi gì. {FAILED}\n"))


# ---- import merges ---------------------------------------------------------------------------

def import_merges(capsys, content: Path, source: Path, *more) -> tuple[int, str]:
    return run(capsys, "import", "merges", source, "--content", content, *more)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_reform_units_then_merges(capsys, content, tmp_path, kind):
    units = write_list(kind, tmp_path / "don-vi-2025", POST_HEADER, LIST_86)
    code, out = import_units(capsys, content, units, "86", "--from", "2025-07-01")
    new_file = content / "localities" / "vinh-long-2025-07-01.yml"
    head = HEADER_HEAD.format(source=f"don-vi-2025.{kind}", code="86",
                              since=", có hiệu lực từ 01/07/2025")
    assert code == 0 and new_file.read_text("utf-8") == head + WRITTEN_86
    # The new An Qui (29224, under the province) is not the old An Nhơn (29224, under a
    # district) although An Nhơn has no end yet: four new units, no difference listed.
    assert "khác nhau" not in out

    table = write_list(kind, tmp_path / "sap-nhap", MERGE_HEADER, MERGES)
    untouched = {"can-tho.yml": CAN_THO.encode(), new_file.name: new_file.read_bytes()}
    before = snapshot(content)
    code, out = import_merges(capsys, content, table, "--dry-run")
    bt = (content / "localities" / "ben-tre.yml").as_posix()
    plan = (f"{bt}:6: ben-tre, thêm sau dòng này:\n  end: 2025-06-30\n  successors: [vinh-long]\n"
            f"{bt}:13: thanh-phu, thêm sau dòng này:\n  end: 2025-06-30\n"
            "  successors: [vinh-long]\n"
            f"{bt}:20: an-nhon, thêm sau dòng này:\n  end: 2025-06-30\n  successors: [an-qui]\n"
            f"{bt}:28: an-thuan, thêm sau dòng này:\n  end: 2025-06-30\n"
            "  successors: [an-qui, vinh-long-thanh-phu]\n")
    assert (code, out) == (0, "Chạy thử, chưa ghi gì: sẽ thêm vào 4 đơn vị trong 1 tệp:\n" + plan)
    assert snapshot(content) == before

    code, out = import_merges(capsys, content, table)
    assert (code, out) == (0, "Đã thêm vào 4 đơn vị trong 1 tệp. Hãy xem lại (git diff) rồi chạy "
                              "python -m scripts check.\n" + plan)
    assert (content / "localities" / "ben-tre.yml").read_text("utf-8") == BEN_TRE_MERGED
    for name, data in untouched.items():
        assert (content / "localities" / name).read_bytes() == data
    assert sorted(p.name for p in (content / "localities").iterdir()) == \
        ["ben-tre.yml", "can-tho.yml", new_file.name]  # no temporary file left behind

    # Again: the keys are there with the same values; the list too is all there.
    after = snapshot(content)
    assert import_merges(capsys, content, table) == \
        (0, "Không có gì để ghi: nội dung đã có đủ những gì 5 dòng của bảng nêu.\n")
    assert import_units(capsys, content, units, "86", "--from", "2025-07-01") == \
        (0, "Không có gì để ghi: cả 4 đơn vị của danh sách đã có trong nội dung.\n")
    assert snapshot(content) == after

    # The result is content the site accepts: every rule of units that change holds.
    loaded = load_and_validate(content, today=TODAY)
    an_nhon = next(u for u in loaded.content.localities if u.id == "an-nhon")
    assert (an_nhon.end, an_nhon.successors) == (date(2025, 6, 30), ["an-qui"])


def test_merges_add_start_in_place_keeping_the_files_line_endings(capsys, content, tmp_path):
    """New units written by hand, without a start (so alive before the date too, with An
    Nhơn's code): the name tells An Nhơn from An Qui; the file keeps its CRLF and its last
    line without a line break."""
    vinh_long = content / "localities" / "vinh-long.yml"
    written = ('# Tỉnh Vĩnh Long sau sắp xếp.\r\n- id: vinh-long\r\n  name: Vĩnh Long\r\n'
               '  type: Tỉnh\r\n  level: province\r\n  code: "86"\r\n\r\n- id: an-qui\r\n'
               '  name: An Qui\r\n  type: Xã\r\n  level: commune\r\n  parent: vinh-long\r\n'
               '  code: "29224"')
    vinh_long.write_bytes(written.encode("utf-8"))
    table = write_csv(tmp_path / "sap-nhap.csv", MERGE_HEADER, [MERGES[0], MERGES[4]])
    code, out = import_merges(capsys, content, table)
    assert code == 0 and out.startswith("Đã thêm vào 4 đơn vị trong 2 tệp.")
    assert vinh_long.read_bytes() == written.replace(
        '"86"\r\n', '"86"\r\n  start: 2025-07-01\r\n').replace(
        '"29224"', '"29224"\r\n  start: 2025-07-01\r\n').encode("utf-8")
    assert "  end: 2025-06-30\n  successors: [an-qui]\n" in \
        (content / "localities" / "ben-tre.yml").read_text("utf-8")


def test_merges_report_every_bad_row_and_write_nothing(capsys, content, tmp_path):
    units = write_csv(tmp_path / "don-vi.csv", POST_HEADER, LIST_86)
    assert import_units(capsys, content, units, "86", "--from", "2025-07-01")[0] == 0
    can_tho = content / "localities" / "can-tho.yml"
    can_tho.write_text(CAN_THO.replace('"925"\n', '"925"\n  end: 2025-12-31\n'), "utf-8")
    table = write_csv(tmp_path / "bang.csv", MERGE_HEADER, [
        ["29999", "", "29224", "", "01/07/2025"],
        ["29224", "", "29998", "", "01/07/2025"],
        ["29224", "Xã An Phú", "29224", "", "01/07/2025"],
        ["29227", "", "29224", "", "31/06/2025"],
        ["29227", "", "29224", "", ""],
        ["", "", "29224", "", "01/07/2025"],
        ["925", "Huyện Cờ Đỏ", "26000", "", "01/07/2025"],
        ["83", "", "86", "", "01/07/2025"],
        ["83", "", "86", "", "01/08/2025"],
    ])
    before = snapshot(content)
    code, out = import_merges(capsys, content, table)
    p = table.as_posix()
    assert code == 1
    assert out.splitlines() == [
        f"{p}:2: Mã cũ: không có đơn vị nào mã 29999 còn tồn tại ngày 30/06/2025",
        f"{p}:3: Mã mới: không có đơn vị nào mã 29998 tồn tại ngày 01/07/2025; hãy nhập danh "
        "sách đơn vị mới trước: python -m scripts import units",
        f'{p}:4: Tên cũ: mã 29224 ngày 30/06/2025 là Xã An Nhơn (an-nhon), không phải "Xã An '
        'Phú"; hãy kiểm tra lại mã hoặc tên',
        f'{p}:5: Ngày hiệu lực: ngày "31/06/2025" không hợp lệ; cần dd/mm/yyyy (ví dụ '
        "01/07/2025) hoặc YYYY-MM-DD (ví dụ 2025-07-01)",
        f"{p}:6: Ngày hiệu lực: thiếu ngày hiệu lực; cần dd/mm/yyyy (ví dụ 01/07/2025) hoặc "
        "YYYY-MM-DD",
        f"{p}:7: Mã cũ: thiếu mã đơn vị",
        f"{p}:8: Mã cũ: co-do ({can_tho.as_posix()}:18) đã có ngày kết thúc 31/12/2025, bảng cần "
        "30/06/2025; hãy sửa bảng hoặc tệp nội dung cho khớp rồi chạy lại",
        f"{p}:10: Ngày hiệu lực: ben-tre đã có ngày hiệu lực 01/07/2025 ở dòng 9, dòng này lại "
        "ghi 01/08/2025",
        f"{p}:10: Ngày hiệu lực: vinh-long đã có ngày hiệu lực 01/07/2025 ở dòng 9, dòng này lại "
        "ghi 01/08/2025",
        f"Có 9 lỗi; chưa ghi gì. {FAILED}",
    ]
    assert snapshot(content) == before
    # Rows that are all good, but a unit already ends on another day: a conflict, nothing
    # written at all (not even the rows without conflict).
    table = write_csv(tmp_path / "bang2.csv", MERGE_HEADER, [
        ["83", "", "86", "", "01/07/2025"], ["925", "Huyện Cờ Đỏ", "26000", "", "01/07/2025"]])
    code, out = import_merges(capsys, content, table)
    assert (code, out.splitlines()) == (1, [
        f"{table.as_posix()}:3: Mã cũ: co-do ({can_tho.as_posix()}:18) đã có ngày kết thúc "
        "31/12/2025, bảng cần 30/06/2025; hãy sửa bảng hoặc tệp nội dung cho khớp rồi chạy lại",
        f"Có 1 lỗi; chưa ghi gì. {FAILED}"])
    assert snapshot(content) == before


def test_merges_before_the_new_list_say_what_to_do(capsys, content, tmp_path):
    table = write_csv(tmp_path / "bang.csv", MERGE_HEADER, MERGES[:1])
    code, out = import_merges(capsys, content, table)
    assert (code, out.splitlines()) == (1, [
        f"{table.as_posix()}:2: Mã mới: không có đơn vị nào mã 29224 tồn tại ngày 01/07/2025 "
        "(ngoài an-nhon, đơn vị mà bảng này cho kết thúc trước ngày đó); hãy nhập danh sách đơn "
        "vị mới trước: python -m scripts import units",
        f"Có 1 lỗi; chưa ghi gì. {FAILED}"])


# ---- the command, end to end -------------------------------------------------------------------

def test_cli_end_to_end(content, tmp_path):
    source = write_xlsx(tmp_path / "don-vi.xlsx", ODD_HEADER, LIST_83)
    done = subprocess.run([sys.executable, "-m", "scripts", "import", "units", str(source),
                           "--province", "83", "--from", "2024-01-01", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True)
    written = content / "localities" / "ben-tre-2024-01-01.yml"
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (f"Đã ghi 12 đơn vị mới vào {written.as_posix()}. Hãy xem lại tệp rồi "
                           "chạy python -m scripts check.\n")
    assert written.read_text("utf-8").count("  start: 2024-01-01\n") == 12
    done = subprocess.run([sys.executable, "-m", "scripts", "import", "merges", "--help"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Ngày hiệu lực" in done.stdout


# ---- what the importers cannot decide alone --------------------------------------------------

def test_units_point_at_a_unit_written_without_a_code(capsys, content, tmp_path):
    """Huyện Ba Tri written by hand without its code: the list's Ba Tri is new by the rules,
    and the editor is told where the likely same unit is."""
    hand = content / "localities" / "ba-tri.yml"
    hand.write_text("- id: ba-tri\n  name: Ba Tri\n  type: Huyện\n  level: district\n"
                    "  parent: ben-tre\n", encoding="utf-8")
    source = write_csv(tmp_path / "don-vi.csv", HEADER, LIST_83[5:6])
    code, out = import_units(capsys, content, source, "83", "--dry-run")
    assert code == 0 and "- id: ben-tre-ba-tri\n" in out
    assert out.splitlines()[-1] == (
        f"{hand.as_posix()}:1: ba-tri cùng tên, cùng loại, cùng cấp trên với đơn vị mới "
        "ben-tre-ba-tri (mã 831) nhưng chưa có mã; nếu là một đơn vị, hãy ghi mã 831 cho ba-tri "
        "rồi nhập lại")


def test_a_list_with_districts_needs_a_site_with_three_levels(capsys, content, tmp_path):
    (content / "site.yml").write_text(SITE.replace(
        "  - {id: district, label: Huyện, end: 2025-06-30}\n", "").replace(
        "  - {id: hamlet, label: Ấp}\n", ""), encoding="utf-8")
    source = write_csv(tmp_path / "don-vi.csv", HEADER, LIST_83)
    assert import_units(capsys, content, source, "83") == (1, (
        f"{source.as_posix()}: danh sách có cột Quận Huyện (cấp huyện, trước 1/7/2025) nhưng "
        "site.yml chỉ có 2 cấp; hãy dùng danh sách từ 1/7/2025, hoặc thêm cấp huyện vào "
        "site.yml.\n"))


def test_merges_tell_codes_apart_by_name_and_refuse_one_line_records(capsys, content,
                                                                    tmp_path):
    """"01" (a province) and "001" (a district) are both 1 in a spreadsheet: the name decides;
    a record written in braces cannot take a key on its own line."""
    extra = content / "localities" / "ha-noi.yml"
    extra.write_text(
        '- id: ha-noi\n  name: Hà Nội\n  type: Thành phố\n  level: province\n  code: "01"\n'
        '- id: ba-dinh\n  name: Ba Đình\n  type: Quận\n  level: district\n  parent: ha-noi\n'
        '  code: "001"\n'
        '- {id: phuc-xa, name: Phúc Xá, type: Phường, level: commune, parent: ba-dinh, '
        'code: "00001"}\n', encoding="utf-8")
    table = write_csv(tmp_path / "bang.csv", MERGE_HEADER, [
        ["1", "", "83", "", "01/07/2025"],
        ["1", "Quận Ba Đình", "00001", "Phường Phúc Xá", "01/07/2025"]])
    code, out = import_merges(capsys, content, table)
    assert (code, out.splitlines()) == (1, [
        f"{table.as_posix()}:2: Mã cũ: có 3 đơn vị mã 1 cùng tồn tại ngày 30/06/2025: ha-noi, "
        "ba-dinh, phuc-xa; hãy ghi tên đơn vị ở cột Tên cũ để chọn",
        f"{table.as_posix()}:3: Mã mới: phuc-xa ({extra.as_posix()}:12) được viết gọn trên một "
        "dòng trong ngoặc {...}; hãy viết mỗi khóa trên một dòng rồi chạy lại",
        f"Có 2 lỗi; chưa ghi gì. {FAILED}"])
