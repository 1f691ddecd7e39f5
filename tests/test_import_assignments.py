"""`import assignments`: a decision's annex (CSV or XLSX, written by the tests) into new
cadres and assignments, and the replaced assignments ended the day before — shown as a plan,
written with --yes, every message word for word."""
from __future__ import annotations

import shutil
from datetime import date

import pytest
from openpyxl import Workbook

from scripts.cli import main
from scripts.pipeline import load_and_validate

from .conftest import ROOT

TODAY = date(2026, 11, 23)
HEADER = ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Địa bàn", "Từ ngày", "Đến ngày",
          "Số quyết định"]
ROWS = [[1, "Nguyễn Thị Lan", "", "", "Ấp An Định, Xã An Qui", "01/01/2027", "",
         "Quyết định số 45-QĐ/ĐU"],
        [2, "Trần Minh Tâm", "Phó Bí thư Đảng ủy xã", "Đảng ủy xã An Qui",
         "Ấp An Định, Xã An Qui", "01/01/2027", "", "Quyết định số 45-QĐ/ĐU"]]


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    return target


def annex(tmp_path, rows, suffix=".csv"):
    path = tmp_path / f"phu-luc{suffix}"
    if suffix == ".csv":
        import csv
        with open(path, "w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows([HEADER, *rows])
    else:
        wb = Workbook()
        for row in [HEADER, *rows]:
            wb.active.append(row)
        wb.save(path)
    return path


def run(capsys, *args) -> tuple[int, str]:
    code = main(["import", "assignments", *map(str, args), "--today", TODAY.isoformat()])
    return code, capsys.readouterr().out


def test_the_plan_first_then_written_with_yes(tmp_path, content, capsys):
    path = annex(tmp_path, ROWS)
    replaced = content / "assignments/ben-tre.yml"
    before = replaced.read_bytes()
    code, out = run(capsys, path, "--content", content, "--level", "Xã")
    assert code == 0
    assert out == (
        f"{path}:2: Nguyễn Thị Lan đã được phân công theo dõi Ấp An Định, Xã An Qui vào ngày "
        "01/01/2027; bỏ qua, không ghi lại.\n"
        "Kế hoạch: thêm 1 cán bộ mới, 1 phân công mới; kết thúc 1 phân công được thay.\n"
        "  + cán bộ mới: Trần Minh Tâm (tran-minh-tam), Phó Bí thư Đảng ủy xã, Đảng ủy xã An Qui\n"
        "  + phân công: Trần Minh Tâm theo dõi Ấp An Định, Xã An Qui, từ 01/01/2027\n"
        "  - kết thúc: Phan Văn Dũng theo dõi Ấp An Định, Xã An Qui, đến 31/12/2026 (thay bằng "
        f"Nguyễn Thị Lan, Trần Minh Tâm; {replaced}:56)\n"
        "Chưa ghi gì. Xem lại kế hoạch trên rồi chạy lại lệnh với --yes để ghi.\n")
    assert replaced.read_bytes() == before
    code, out = run(capsys, path, "--content", content, "--level", "Xã", "--yes")
    assert code == 0 and out.endswith("Hãy chạy python -m scripts check rồi commit.\n")
    # the replaced assignment gained one line, its end; every other byte is as it was
    after = replaced.read_bytes()
    assert after.replace(b"  end: 2026-12-31\n", b"", 1) == before
    loaded = load_and_validate(content, today=TODAY, strict=True)
    ends = {(a.cadre, a.locality): a.end for a in loaded.content.assignments}
    assert ends[("phan-van-dung", "an-nhon-an-dinh")] == date(2026, 12, 31)
    assert ends[("nguyen-thi-lan", "an-nhon-an-dinh")] is None  # listed again: she stays
    new = next(a for a in loaded.content.assignments if a.cadre == "tran-minh-tam")
    assert (new.start, new.decision) == (date(2027, 1, 1), "Quyết định số 45-QĐ/ĐU")
    assert next(c for c in loaded.content.cadres if c.id == "tran-minh-tam").level == "commune"
    # a second run writes nothing
    code, out = run(capsys, path, "--content", content, "--level", "Xã", "--yes")
    assert code == 0 and out.endswith(
        "Không có gì để ghi: cả 2 dòng của phụ lục đã có trong nội dung.\n")


def test_an_xlsx_annex_with_date_cells_reads_the_same(tmp_path, content, capsys):
    rows = [[r[0], r[1], r[2], r[3], r[4], date(2027, 1, 1), None, r[7]] for r in ROWS]
    code, out = run(capsys, annex(tmp_path, rows, ".xlsx"), "--content", content,
                    "--level", "commune")
    assert code == 0 and "kết thúc 1 phân công được thay" in out


@pytest.mark.parametrize("row, column, message", [
    (["3", "Lê Văn Mới", "", "Đảng ủy xã An Qui", "Ấp An Lợi, Xã An Qui", "01/01/2027", "", ""],
     "Chức vụ", "«Lê Văn Mới» chưa có trong danh sách cán bộ, sẽ được thêm mới: cần ghi chức vụ "
     "của cán bộ này"),
    (["3", "Nguyễn Thị Lan", "", "", "Ấp An Lợi, Xã An Qui", "32/01/2027", "", ""],
     "Từ ngày", 'ngày "32/01/2027" không hợp lệ; cần dd/mm/yyyy (ví dụ 01/07/2025) hoặc '
     "YYYY-MM-DD (ví dụ 2025-07-01)"),
    (["3", "Nguyễn Thị Lan", "", "", "Ấp An Lợi, Xã An Qui", "01/01/2027", "01/12/2026", ""],
     "Đến ngày", "ngày kết thúc trước ngày bắt đầu (01/01/2027)"),
    (["3", "Nông Thị Huệ", "", "", "Xã Ba Chẽ", "01/01/2027", "", ""],
     "Địa bàn", "cán bộ cấp Xã không thể theo dõi địa bàn cấp Xã; cán bộ phải ở cấp trên "
     "địa bàn"),
    (["3", "Nguyễn Thị Lan", "", "", "", "01/01/2027", "", ""],
     "Địa bàn", None),
])
def test_each_bad_cell_is_named_with_its_row_and_column(tmp_path, content, capsys, row,
                                                        column, message):
    path = annex(tmp_path, [row])
    before = sorted(p.name for p in content.rglob("*"))
    code, out = run(capsys, path, "--content", content, "--level", "Xã", "--yes")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"{path}:2: {column}: ")
    if message:
        assert first == f"{path}:2: {column}: {message}"
    assert out.splitlines()[-1] == "Có 1 lỗi; chưa ghi gì. Hãy sửa các lỗi trên rồi chạy lại."
    assert sorted(p.name for p in content.rglob("*")) == before


def test_new_cadres_need_their_level(tmp_path, content, capsys):
    path = annex(tmp_path, ROWS[1:])
    code, out = run(capsys, path, "--content", content)
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:2: Họ và tên: «Trần Minh Tâm» chưa có trong danh sách cán bộ; để thêm mới, hãy "
        "cho biết cấp công tác của các cán bộ mới bằng --level, ví dụ: --level Huyện")
