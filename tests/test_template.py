"""The workbooks an office fills (`python -m scripts template ...`), read back by a second,
independent reader: python-calamine for the cells, the file's own XML for the drop-down
lists. Expectations come from content/ read with plain PyYAML."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import date

import pytest
import yaml
from python_calamine import CalamineWorkbook

from .conftest import ROOT

CONTENT = ROOT / "content"
TODAY = date(2026, 11, 23)
FILL = {"visits": "Báo cáo", "assignments": "Phụ lục phân công", "cadres": "Cán bộ"}
HEADERS = {
    "visits": ["Ngày", "Cán bộ", "Địa bàn", "Hình thức", "Có mặt", "Tổng số đảng viên",
               "Chủ đề", "Tóm tắt", "Ưu điểm, kết quả", "Khó khăn", "Kiến nghị"],
    "assignments": ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Địa bàn", "Từ ngày", "Đến ngày",
                    "Số quyết định"],
    "cadres": ["Họ và tên", "Chức vụ", "Cơ quan", "Cấp", "Cấp ủy viên", "Điện thoại", "Email"],
}
# the drop-down list of each column, by the title of its column on "Danh mục"
LISTED = {"visits": {"Cán bộ": "Cán bộ", "Địa bàn": "Địa bàn", "Hình thức": "Hình thức",
                     "Chủ đề": "Chủ đề"},
          "assignments": {"Họ và tên": "Cán bộ", "Địa bàn": "Địa bàn"},
          "cadres": {"Cấp": "Cấp", "Cấp ủy viên": "Có, không"}}


def records(folder: str) -> list[dict]:
    return [item for path in sorted((CONTENT / folder).glob("*.yml"))
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))]


def alive(unit: dict, day: date) -> bool:
    return (not unit.get("start") or unit["start"] <= day) and (
        not unit.get("end") or day <= unit["end"])


def run(*args: str):
    return subprocess.run([sys.executable, "-m", "scripts", *args], cwd=ROOT,
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mau")
    out = {}
    for kind in FILL:
        path = folder / f"{kind}.xlsx"
        done = run("template", kind, "--out", str(path), "--today", TODAY.isoformat())
        assert done.returncode == 0, done.stdout + done.stderr
        assert done.stdout == (f"Đã tạo {path}: điền trang đầu tiên (xem trang «Hướng dẫn»), "
                               "rồi nhập bằng python -m scripts import.\n")
        out[kind] = path
    return out


def sheet(path, name) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


@pytest.mark.parametrize("kind", FILL)
def test_the_sheet_to_fill_has_the_columns_and_nothing_else(books, kind):
    workbook = CalamineWorkbook.from_path(str(books[kind]))
    assert workbook.sheet_names == [FILL[kind], "Hướng dẫn", "Danh mục"]
    rows = sheet(books[kind], FILL[kind])
    assert rows[0] == HEADERS[kind]
    assert all(not any(row) for row in rows[1:])  # no example left to be imported by mistake


@pytest.mark.parametrize("kind", FILL)
def test_the_instructions_explain_each_column_and_give_an_example_row(books, kind):
    rows = sheet(books[kind], "Hướng dẫn")
    explained = [row[0] for row in rows if row and row[0] in HEADERS[kind]]
    assert explained[:len(HEADERS[kind])] == HEADERS[kind]
    assert rows[-2][:len(HEADERS[kind])] == HEADERS[kind]  # the example's header...
    example = dict(zip(HEADERS[kind], rows[-1]))          # ...and the example itself
    for column in HEADERS[kind]:
        if column.startswith(("Ngày", "Từ ngày")):
            assert isinstance(example[column], date)
    if kind == "visits":
        assert example["Hình thức"] == "dự sinh hoạt chi bộ"
        assert example["Kiến nghị"].count("|") == 2


def test_the_lists_are_the_contents_by_name(books):
    lists = sheet(books["visits"], "Danh mục")
    columns = {title: [row[i] for row in lists[1:] if row[i]]
               for i, title in enumerate(lists[0])}
    cadres = sorted(c["name"] for c in records("cadres"))
    assert sorted(columns["Cán bộ"]) == cadres
    units = {u["id"]: u for u in records("localities")}
    living = sorted(f"{u['type']} {u['name']}, {units[u['parent']]['type']} "
                    f"{units[u['parent']]['name']}"
                    for u in units.values() if u.get("parent") and alive(u, TODAY))
    assert sorted(columns["Địa bàn"]) == living
    assert "Xã An Nhơn, Huyện Thạnh Phú" not in columns["Địa bàn"]  # ended on 30/06/2025
    assert columns["Hình thức"][0] == "dự sinh hoạt chi bộ"
    topics = yaml.safe_load((CONTENT / "topics.yml").read_text(encoding="utf-8"))
    assert sorted(columns["Chủ đề"]) == sorted(t["name"] for t in topics)


@pytest.mark.parametrize("kind", FILL)
def test_each_chosen_column_has_its_drop_down_list(books, kind):
    """Read from the sheet's XML: each list column's validation points at its column of
    "Danh mục", over the rows to fill."""
    with zipfile.ZipFile(books[kind]) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    lists = sheet(books[kind], "Danh mục")[0]
    rules = re.findall(r'<dataValidation ([^>]*)>(.*?)</dataValidation>', xml, re.S)
    found = {}
    for attrs, body in rules:
        if 'type="list"' not in attrs:
            continue
        cells = re.search(r'sqref="([A-Z]+)2:', attrs).group(1)
        source = re.search(r"<formula1>'Danh mục'!\$([A-Z]+)\$2", body).group(1)
        found[HEADERS[kind][_index(cells)]] = lists[_index(source)]
    assert found == LISTED[kind]


def _index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def test_a_template_never_replaces_a_file(books):
    before = books["visits"].read_bytes()
    done = run("template", "visits", "--out", str(books["visits"]))
    assert done.returncode == 1
    assert done.stdout == (f"Tệp {books['visits']} đã có; chọn tên khác (lệnh không ghi đè "
                           "tệp đã có).\n")
    assert books["visits"].read_bytes() == before


def test_the_visits_template_has_the_columns_the_import_reads():
    from scripts.importer.visits import COLUMNS
    assert HEADERS["visits"] == [c.name for c in COLUMNS]


def test_a_filled_template_imports_into_reports_that_pass_check(books, tmp_path):
    """The office's day: fill the template, import it, check."""
    import shutil
    from openpyxl import load_workbook
    from scripts.pipeline import load_and_validate
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    filled = tmp_path / "thang-11.xlsx"
    wb = load_workbook(books["visits"])
    ws = wb["Báo cáo"]
    ws.append([date(2026, 11, 3), "Nguyễn Thị Lan", "Ấp An Định, Xã An Qui",
               "dự sinh hoạt chi bộ", 30, 35, "Nâng cao chất lượng sinh hoạt chi bộ",
               "Chi bộ sinh hoạt đúng giờ.", "Đảng viên phát biểu sôi nổi.\nCó nghị quyết.",
               "", "Sửa đường vào ấp | UBND xã An Qui | 31/12/2026"])
    wb.save(filled)
    done = run("import", "visits", str(filled), "--content", str(content),
               "--today", TODAY.isoformat())
    assert done.returncode == 0, done.stdout + done.stderr
    written = sorted((content / "visits/2026/11").glob("*.yml"))
    assert [p.name for p in written] == ["2026-11-03-an-nhon-an-dinh.yml"]
    loaded = load_and_validate(content, today=TODAY, strict=True)
    visit = next(v for v in loaded.content.visits if v.date == date(2026, 11, 3))
    assert (visit.cadre, visit.locality, visit.kind) == ("nguyen-thi-lan", "an-nhon-an-dinh",
                                                          "branch_meeting")
    assert visit.findings == ["Đảng viên phát biểu sôi nổi.", "Có nghị quyết."]
    assert visit.proposals[0].to == "UBND xã An Qui"
