"""The statistics tables as Excel workbooks (render/xlsx.py), read back by python-calamine:
one sheet a table under its heading, Vietnamese headers, numbers as numbers, percentages and
dates typed, formula-like text kept as text, and the same bytes build after build."""
from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from python_calamine import CalamineWorkbook

from scripts.pipeline import for_audience, load_and_validate
from scripts.render import render_site
from scripts.render.stats import csv_text
from scripts.render.xlsx import sheet_titles, typed, workbook

from .conftest import FIXTURES, TODAY


def read(data: bytes, tmp_path) -> CalamineWorkbook:
    path = tmp_path / "bang.xlsx"
    path.write_bytes(data)
    return CalamineWorkbook.from_path(str(path))


@pytest.fixture(scope="module")
def pages():
    loaded = load_and_validate(FIXTURES / "four-levels" / "content", today=TODAY)
    return render_site(for_audience(loaded.content, "restricted"), "restricted", TODAY)


def test_each_statistics_page_has_a_workbook_holding_its_csv_tables(pages, tmp_path):
    book = read(pages["stats/2023/bang-so-lieu.xlsx"], tmp_path)
    csvs = sorted(p for p in pages if p.startswith("stats/2023/") and p.endswith(".csv")
                  and "/can-bo/" not in p)
    assert len(book.sheet_names) == len(csvs)
    # every CSV's header row is one sheet's header row, in Vietnamese
    headers = [book.get_sheet_by_name(n).to_python()[0] for n in book.sheet_names]
    for path in csvs:
        first = next(csv.reader(io.StringIO(pages[path].lstrip("\ufeff"))))
        assert any(h == first for h in headers), path
    assert "Tải mọi bảng của trang (Excel" in pages["stats/2023/index.md"]


def test_numbers_are_numbers_and_percentages_fractions(pages, tmp_path):
    book = read(pages["stats/2023/bang-so-lieu.xlsx"], tmp_path)
    ranking = book.get_sheet_by_name(book.sheet_names[0]).to_python()
    assert ranking[0][:4] == ["Cán bộ", "Tỷ lệ đạt", "Số tháng đạt", "Số tháng xét"]
    for row in ranking[1:]:
        assert isinstance(row[1], float) and 0 <= row[1] <= 1
        assert row[2] == int(row[2]) and row[3] == 12


def test_the_yearly_summary_of_cadres_is_a_workbook_too(pages, tmp_path):
    book = read(pages["stats/2023/can-bo/tong-hop.xlsx"], tmp_path)
    assert book.sheet_names == ["Tổng hợp năm 2023"]
    csv_lines = pages["stats/2023/can-bo/tong-hop.csv"].lstrip("\ufeff").split("\r\n")
    rows = book.get_sheet_by_name("Tổng hợp năm 2023").to_python()
    assert len(rows) == len([line for line in csv_lines if line])
    assert rows[0][:4] == ["Cán bộ", "Tỷ lệ đạt", "Tháng đạt / tháng xét", "Số báo cáo"]
    assert all(isinstance(row[3], (int, float)) for row in rows[1:])
    assert 'href="tong-hop.xlsx"' in pages["stats/2023/can-bo/index.md"]


def test_the_same_figures_give_the_same_bytes():
    """Whenever it is built: every date in the file is the date of the data."""
    import zipfile
    tables = [("Bảng", ["Địa bàn", "Số"], [["Ấp An Định", "3"]])]
    data = workbook(tables, date(2026, 11, 23))
    assert data == workbook(tables, date(2026, 11, 23))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {m.date_time for m in z.infolist()} == {(2026, 11, 23, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert core.count("2026-11-23T00:00:00Z") == 2 and "T0" not in core.replace(
        "2026-11-23T00:00:00Z", "")


def test_cells_typed_and_formulas_kept_as_text(tmp_path):
    rows = [["=HYPERLINK(\"http://x\")", "1.234", "12%", "05/06/2023", "3/12", "-2"]]
    book = read(workbook([("Bảng", ["a", "b", "c", "d", "e", "f"], rows)], TODAY), tmp_path)
    got = book.get_sheet_by_name("Bảng").to_python()[1]
    assert got == ["=HYPERLINK(\"http://x\")", 1234, 0.12, date(2023, 6, 5), "3/12", -2]
    assert typed("12,5%") == (0.125, "0%")


def test_sheet_names_fit_excel():
    names = sheet_titles(["Độ phủ: tỉnh nắm tới xã, huyện nắm tới ấp", "Bảng [1]", "Bảng [1]",
                          ""])
    assert names == ["Độ phủ tỉnh nắm tới xã, huyện", "Bảng 1", "Bảng 1 (2)", "Bảng"]
    assert all(len(n) <= 31 for n in names)


def test_csv_and_workbook_agree_on_a_table(tmp_path):
    headers, rows = ["Địa bàn", "Số báo cáo"], [["Ấp 1, Xã An Nhơn", "7"]]
    book = read(workbook([("Bảng", headers, rows)], TODAY), tmp_path)
    assert book.get_sheet_by_name("Bảng").to_python() == [headers, ["Ấp 1, Xã An Nhơn", 7]]
    assert csv_text(headers, rows).endswith('"Ấp 1, Xã An Nhơn",7\r\n')
