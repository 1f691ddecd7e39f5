"""`import visits`: a clerk's sheet of visit reports (XLSX and CSV written here) into a copy of
the sample content, which crosses the 2025 reform (xã An Nhơn ended, An Qui began) and, for
these tests, gets a second "Ấp 1" under An Qui."""
from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from scripts.cli import main
from scripts.importer import visits
from scripts.pipeline import load_and_validate

from .conftest import ROOT, TODAY

HEADER = ["Ngày", "Cán bộ", "Địa bàn", "Hình thức", "Có mặt", "Tổng số đảng viên", "Chủ đề",
          "Tóm tắt", "Ưu điểm, kết quả", "Khó khăn", "Kiến nghị"]
AN_QUI_AP_1 = """\
- id: an-qui-ap-1
  name: "1"
  type: Ấp
  level: hamlet
  parent: an-qui
  start: 2025-07-01
"""
# (cadre as a clerk writes it, unit as a clerk writes it): pairs with an assignment all 2024
PAIRS = [("Nguyễn Thị Lan", "Ấp An Định"), ("do-van-tuan", "an loi"),
         ("BÙI THANH TÂM", "Ấp 1"), ("Lê Hoàng Phúc", "Khu vực 1, Phường Long Hoà"),
         ("Châu Văn Lộc", "Ấp Thới Hoà")]
UNIT_IDS = ["an-nhon-an-dinh", "an-nhon-an-loi", "quoi-dien-ap-1", "long-hoa-kv-1",
            "thoi-dong-thoi-hoa"]
GOOD = [date(2025, 8, 12), "Nguyễn Thị Lan", "Ấp An Định", "dự sinh hoạt chi bộ", 29, 32,
        "Nâng cao chất lượng sinh hoạt chi bộ", "Chi bộ sinh hoạt đúng giờ.", "", "", ""]


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(ROOT / "content", target)
    with open(target / "localities" / "ben-tre.yml", "a", encoding="utf-8") as out:
        out.write(AN_QUI_AP_1)
    return target


def xlsx(path: Path, rows: list[list], header=HEADER) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows([HEADER] + rows)
    return path


def fifty() -> list[list]:
    """50 good reports of 2024, dates written the three ways a clerk may write them."""
    rows = []
    for number in range(50):
        cadre, unit = PAIRS[number % 5]
        day = date(2024, number // 5 + 1, 10 + number % 5)
        written = [day, day.strftime("%d/%m/%Y"), day.isoformat()][number % 3]
        meeting = number % 2 == 0
        rows.append([written, cadre, unit, "dự sinh hoạt chi bộ" if meeting else "work_session",
                     30 if meeting else None, 35 if meeting else None,
                     "sinh-hoat-chi-bo; Xây dựng nông thôn mới", f"Báo cáo số {number}: tốt.",
                     "Chi bộ họp đúng giờ\n- Đảng viên đóng đảng phí đủ", "Kênh bồi lắng",
                     "Đề nghị nạo vét kênh | UBND xã | 30/06/2024\nĐề nghị sửa cầu | Huyện ủy"])
    return rows


def new_files(content: Path) -> set[Path]:
    before = {p for p in (ROOT / "content" / "visits").rglob("*")}
    return {p for p in (content / "visits").rglob("*")
            if p.is_file() and ROOT / "content" / p.relative_to(content) not in before}


def errors(source: Path, content: Path) -> list[str]:
    return [str(p) for p in visits.plan(source, content, TODAY).problems.sorted()]


# ---- good sheets ---------------------------------------------------------------------------

def test_fifty_reports_become_fifty_valid_files(content, tmp_path):
    source = xlsx(tmp_path / "bao-cao.xlsx", fifty())
    assert main(["import", "visits", str(source), "--content", str(content),
                 "--today", TODAY.isoformat()]) == 0
    files = new_files(content)
    assert len(files) == 50 and not any(p.name.startswith(".") for p in files)
    loaded = load_and_validate(content, today=TODAY)
    assert loaded.problems.items == []
    first = content / "visits" / "2024" / "01" / "2024-01-10-an-nhon-an-dinh.yml"
    assert first.read_text(encoding="utf-8") == """\
# Nhập từ bao-cao.xlsx, dòng 2, bằng lệnh python -m scripts import visits.
date: 2024-01-10
cadre: nguyen-thi-lan
locality: an-nhon-an-dinh
kind: branch_meeting
meeting:
  members_total: 35
  members_present: 30
topics: [sinh-hoat-chi-bo, nong-thon-moi]
summary: "Báo cáo số 0: tốt."
findings:
  - Chi bộ họp đúng giờ
  - Đảng viên đóng đảng phí đủ
difficulties:
  - Kênh bồi lắng
proposals:
  - id: de-nghi-nao-vet-kenh
    text: Đề nghị nạo vét kênh
    to: UBND xã
    due: 2024-06-30
  - id: de-nghi-sua-cau
    text: Đề nghị sửa cầu
    to: Huyện ủy
"""
    by_id = {v.id: v for v in loaded.content.visits}
    assert {by_id[p.stem].locality for p in files} == set(UNIT_IDS)


def test_second_import_writes_nothing(content, tmp_path, capsys):
    source = xlsx(tmp_path / "bao-cao.xlsx", fifty()[:3])
    args = ["import", "visits", str(source), "--content", str(content), "--today", "2026-11-23"]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(new_files(content)) == 3
    assert out[0] == (f"{source}:2: đã có báo cáo cùng cán bộ, địa bàn, ngày ({content.as_posix()}"
                      "/visits/2024/01/2024-01-10-an-nhon-an-dinh.yml); bỏ qua, không ghi lại")
    assert out[-1] == "Không có gì để ghi: 3 trên 3 dòng của bảng đã có trong nội dung."


def test_report_written_by_hand_is_not_imported_again(content, tmp_path):
    plan = visits.plan(xlsx(tmp_path / "a.xlsx", [row(Ngày="06/08/2025")]), content, TODAY)
    assert (plan.new, plan.problems.items) == ([], [])
    assert plan.skipped == [
        f"{tmp_path / 'a.xlsx'}:2: đã có báo cáo cùng cán bộ, địa bàn, ngày ({content.as_posix()}"
        "/visits/2025/08/2025-08-06-an-dinh.yml); bỏ qua, không ghi lại"]


def test_unknown_unit_without_a_near_name(content, tmp_path):
    source = xlsx(tmp_path / "a.xlsx", [row(Địa_bàn="Zzz")])
    assert errors(source, content) == [
        f'{source}:2: Địa bàn: không có địa bàn "Zzz" tồn tại ngày 12/08/2025. Cần tên hoặc mã '
        'địa bàn như trong content/localities, ví dụ "Ấp An Định, Xã An Qui"']


def test_dates_three_ways_and_csv(content, tmp_path):
    rows = [[day, *GOOD[1:]] for day in
            (datetime(2025, 8, 12, 0, 0), "13/8/2025", "2025-08-14")]
    rows[2][1] = "nguyen thi lan"  # without accents, any case
    as_text = [[cell.date().isoformat() if isinstance(cell, datetime) else cell for cell in r]
               for r in rows]
    for source in (xlsx(tmp_path / "a.xlsx", rows), write_csv(tmp_path / "a.csv", as_text)):
        plan = visits.plan(source, content, TODAY)
        assert plan.problems.items == []
        assert [r.day for r in plan.new] == [date(2025, 8, 12), date(2025, 8, 13),
                                             date(2025, 8, 14)]
        assert {r.cadre for r in plan.new} == {"nguyen-thi-lan"}


def test_same_name_and_day_get_numbered_files(content, tmp_path):
    """Two cadres in one hamlet on one day: two files, the second named -2."""
    rows = [GOOD, [GOOD[0], "Phan Văn Dũng", *GOOD[2:]]]
    plan = visits.plan(xlsx(tmp_path / "a.xlsx", rows), content, TODAY)
    assert [r.path.name for r in plan.new] == ["2025-08-12-an-nhon-an-dinh.yml",
                                               "2025-08-12-an-nhon-an-dinh-2.yml"]


# ---- bad cells: each with its exact message, row and column ----------------------------------

def row(**changes) -> list:
    values = list(GOOD)
    for column, value in changes.items():
        values[HEADER.index(column.replace("_", " "))] = value
    return values


BAD = {
    "unknown cadre": (dict(Cán_bộ="Nguyen Thi Lann"), "Cán bộ", 'không có cán bộ "Nguyen Thi '
                      'Lann"; có phải "Nguyễn Thị Lan"? Cần họ tên hoặc mã cán bộ như trong '
                      'content/cadres, ví dụ "Nguyễn Thị Lan"'),
    "two hamlets": (dict(Địa_bàn="Ấp 1"), "Địa bàn", 'có 2 địa bàn tên "Ấp 1" ngày 12/08/2025: '
                    '"Ấp 1, Xã An Qui", "Ấp 1, Xã Quới Điền"; hãy ghi kèm xã, ví dụ '
                    '"Ấp 1, Xã An Qui"'),
    "unit ended": (dict(Địa_bàn="Xã An Nhơn"), "Địa bàn", 'địa bàn "Xã An Nhơn" đã kết thúc '
                   'ngày 30/06/2025, không tồn tại ngày 12/08/2025; ngày đó hãy ghi "Xã An Qui"'),
    "unknown unit": (dict(Địa_bàn="Ấp An Đinh Xa"), "Địa bàn", 'không có địa bàn "Ấp An Đinh '
                     'Xa" tồn tại ngày 12/08/2025; có phải "Ấp An Định"? Cần tên hoặc mã địa bàn '
                     'như trong content/localities, ví dụ "Ấp An Định"'),
    "not assigned": (dict(Cán_bộ="Đỗ Văn Tuấn"), "Cán bộ", 'cán bộ "Đỗ Văn Tuấn" không được '
                     'phân công theo dõi "Ấp An Định, Xã An Qui" ngày 12/08/2025 (ngày đó cán bộ '
                     'này theo dõi "Ấp An Lợi, Xã An Qui"); hãy kiểm tra lại cán bộ, địa bàn, '
                     'ngày, hoặc thêm phân công vào content/assignments trước'),
    "unit not yet": (dict(Địa_bàn="Xã An Qui", Ngày="2024-05-02"), "Địa bàn", 'địa bàn "Xã An '
                     'Qui" chỉ có từ ngày 01/07/2025, không tồn tại ngày 02/05/2024; hãy kiểm tra '
                     'lại ngày hoặc địa bàn'),
    "bad date": (dict(Ngày="31/02/2025"), "Ngày", 'ngày "31/02/2025" không hợp lệ; cần '
                 'dd/mm/yyyy (ví dụ 01/07/2025) hoặc YYYY-MM-DD (ví dụ 2025-07-01)'),
    "future": (dict(Ngày="2026-12-01"), "Ngày", "ngày 01/12/2026 ở tương lai (hôm nay là "
               "23/11/2026); báo cáo chỉ ghi buổi đã diễn ra, hãy kiểm tra lại ngày, ví dụ "
               "23/11/2026"),
    "present > total": (dict(Có_mặt=40), "Có mặt", "số có mặt (40) lớn hơn tổng số đảng viên "
                        "(32); hãy kiểm tra lại hai ô này, ví dụ có mặt 29 trên tổng số 32"),
    "count not a number": (dict(Tổng_số_đảng_viên="ba mươi"), "Tổng số đảng viên",
                           'cần một số nguyên không âm, ví dụ 29; gặp "ba mươi"'),
    "no recipient": (dict(Kiến_nghị="Đề nghị nạo vét kênh"), "Kiến nghị",
                     'kiến nghị "Đề nghị nạo vét kênh" thiếu nơi nhận; mỗi dòng cần "nội dung | '
                     'nơi nhận | hạn", ví dụ "Đề nghị hỗ trợ kinh phí nạo vét kênh | UBND xã An '
                     'Qui | 30/09/2025" (hạn có thể bỏ trống)'),
    "bad due": (dict(Kiến_nghị="Đề nghị nạo vét kênh | UBND xã | cuối năm"), "Kiến nghị",
                'hạn "cuối năm" của kiến nghị "Đề nghị nạo vét kênh | UBND xã | cuối năm" không '
                'hợp lệ; cần dd/mm/yyyy (ví dụ 06/08/2025) hoặc YYYY-MM-DD (ví dụ 2025-08-06)'),
    "count, not a meeting": (dict(Hình_thức="khảo sát"), "Có mặt", 'chỉ ghi số đảng viên khi '
                             'hình thức là dự sinh hoạt chi bộ hoặc dự họp cấp ủy; dòng này là '
                             '"khảo sát": hãy để trống ô này hoặc sửa hình thức'),
    "hidden character": (dict(Tóm_tắt="Chi bộ\u200bsinh hoạt"), "Tóm tắt", "ô có ký tự ẩn "
                         "(U+200B), thường do chép từ tin nhắn hoặc trang web; hãy gõ lại ô này"),
    "no summary": (dict(Tóm_tắt=None), "Tóm tắt", 'thiếu tóm tắt; cần vài câu về buổi xuống '
                   'địa bàn, ví dụ "Chi bộ sinh hoạt đúng giờ."'),
    "no cadre": (dict(Cán_bộ="  "), "Cán bộ", 'thiếu cán bộ báo cáo; cần họ tên hoặc mã cán bộ, '
                 'ví dụ "Nguyễn Thị Lan"'),
    "unknown kind": (dict(Hình_thức="họp"), "Hình thức", 'không rõ hình thức "họp"; cần một '
                     'trong: dự sinh hoạt chi bộ, dự họp cấp ủy, làm việc, khảo sát, tiếp xúc, '
                     'đối thoại với dân, khác; ví dụ "dự sinh hoạt chi bộ"'),
    "unknown topic": (dict(Chủ_đề="nông thôn mớii"), "Chủ đề", 'không có chủ đề "nông thôn '
                      'mớii"; có phải "Xây dựng nông thôn mới"? Cần tên hoặc mã chủ đề như trong '
                      'content/topics.yml, cách nhau bằng dấu ; hoặc xuống dòng, ví dụ "Xây dựng '
                      'nông thôn mới"'),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_cell(content, tmp_path, case):
    changes, column, message = BAD[case]
    source = xlsx(tmp_path / "a.xlsx", [GOOD, row(**changes)])
    assert errors(source, content) == [f"{source}:3: {column}: {message}"]


def test_bad_cell_all_of_a_row(content, tmp_path):
    """Every bad cell of a row is reported at once, not the first only."""
    source = xlsx(tmp_path / "a.xlsx", [row(Cán_bộ="Ai đó", Hình_thức="họp", Tóm_tắt="")])
    assert [line.split(": ")[1] for line in errors(source, content)] == [
        "Cán bộ", "Hình thức", "Tóm tắt"]


def test_two_cadres_of_one_name(content, tmp_path):
    with open(content / "cadres" / "cap-xa.yml", "a", encoding="utf-8") as out:
        out.write("- id: phan-van-dung-an-qui\n  name: Phan Văn Dũng\n  title: Bí thư chi bộ\n"
                  "  organization: Đảng ủy xã An Qui\n  level: commune\n")
    source = xlsx(tmp_path / "a.xlsx", [row(Cán_bộ="Phan Van Dung")])
    assert errors(source, content) == [
        f'{source}:2: Cán bộ: có 2 cán bộ cùng tên "Phan Van Dung": phan-van-dung, '
        'phan-van-dung-an-qui; hãy ghi mã cán bộ, ví dụ "phan-van-dung"']


def test_bad_cell_in_csv_counts_real_lines(content, tmp_path):
    """A cell with a line break takes two lines of the CSV: the next row's number says so."""
    multi = row(Kiến_nghị="Đề nghị A | Xã\nĐề nghị B | Xã")
    source = write_csv(tmp_path / "a.csv", [multi, row(Có_mặt=40)])
    assert errors(source, content) == [f"{source}:4: Có mặt: {BAD['present > total'][2]}"]


def test_header_as_written_names_the_column(content, tmp_path):
    header = ["NGAY", "can bo", "Địa  bàn", "Hình thức", "Có mặt", "Tổng số đảng viên",
              "Chủ đề", "TÓM TẮT", "Ưu điểm kết quả", "Khó khăn", "Kiến nghị"]
    source = xlsx(tmp_path / "a.xlsx", [row(Ngày="hôm qua")], header)
    assert errors(source, content) == [f"{source}:2: NGAY: " + BAD["bad date"][2].replace(
        "31/02/2025", "hôm qua")]
    good = visits.plan(xlsx(tmp_path / "b.xlsx", [row(**{"Ưu điểm, kết quả": "Tốt"})], header),
                       content, TODAY)
    assert good.new[0].fields["findings"] == ["Tốt"]


def test_same_report_twice_in_the_sheet(content, tmp_path):
    source = xlsx(tmp_path / "a.xlsx", [GOOD, GOOD])
    assert errors(source, content) == [
        f"{source}:3: Ngày: trùng dòng 2: cùng cán bộ, địa bàn, ngày; hãy gộp hai dòng hoặc xóa "
        "một dòng"]


def test_formula_merged_cell_and_hidden_sheet(content, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(GOOD)
    sheet.append(row(Ngày="=A2+1"))
    sheet.append(row(Ngày="2025-08-20"))
    sheet.append(row(Ngày="2025-08-21"))
    sheet.merge_cells("C4:C5")
    hidden = book.create_sheet("Tháng 7")
    hidden.append(HEADER)
    hidden.append(GOOD)
    hidden.sheet_state = "hidden"
    book.save(tmp_path / "a.xlsx")
    source = tmp_path / "a.xlsx"
    found = errors(source, content)
    assert f'{source}:1: trang tính "Tháng 7" đang ẩn nhưng có dữ liệu; báo cáo phải nằm ở ' \
           'trang tính đang hiện đầu tiên: hãy chuyển dữ liệu sang đó, hoặc xóa trang ẩn' in found
    assert f'{source}:3: Ngày: ô chứa công thức "=A2+1", không phải giá trị; cần giá trị gõ ' \
           'vào, ví dụ 06/08/2025; hãy sao chép cột rồi Dán đặc biệt > Giá trị' in found
    assert f"{source}:4: Địa bàn: ô gộp C4:C5: mỗi báo cáo cần ô riêng trên dòng của mình; hãy " \
           "bỏ gộp ô (Trang đầu > Gộp và căn giữa) rồi ghi giá trị vào từng dòng" in found


def test_data_only_on_a_hidden_sheet(content, tmp_path, capsys):
    book = openpyxl.Workbook()
    book.active.append(["ghi chú"])
    hidden = book.create_sheet("Báo cáo")
    hidden.append(HEADER)
    hidden.append(GOOD)
    hidden.sheet_state = "hidden"
    source = tmp_path / "a.xlsx"
    book.save(source)
    assert main(["import", "visits", str(source), "--content", str(content)]) == 1
    assert capsys.readouterr().out.startswith(f'{source}:1: trang tính "Báo cáo" đang ẩn')


# ---- all or nothing, or --partial --------------------------------------------------------------

def test_one_bad_row_writes_nothing(content, tmp_path, capsys):
    source = xlsx(tmp_path / "a.xlsx", fifty()[:4] + [row(Có_mặt=40)])
    assert main(["import", "visits", str(source), "--content", str(content)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == ("Có 1 lỗi ở 1 dòng; chưa ghi gì. Hãy sửa các lỗi trên rồi chạy lại, hoặc "
                       "thêm --partial để ghi các dòng hợp lệ.")
    assert new_files(content) == set()


def test_partial_writes_the_good_rows(content, tmp_path, capsys):
    source = xlsx(tmp_path / "a.xlsx", fifty()[:4] + [row(Có_mặt=40)])
    assert main(["import", "visits", str(source), "--content", str(content), "--partial"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{source}:6: Có mặt: số có mặt (40)")
    assert out[-1].startswith("Đã ghi 4 báo cáo hợp lệ; 1 dòng có lỗi ở trên chưa được ghi")
    assert len(new_files(content)) == 4


def test_dry_run_writes_nothing(content, tmp_path, capsys):
    source = xlsx(tmp_path / "a.xlsx", fifty()[:2])
    assert main(["import", "visits", str(source), "--content", str(content), "--dry-run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Chạy thử, chưa ghi gì: sẽ ghi 2 báo cáo mới:"
    assert out[1].endswith("visits/2024/01/2024-01-10-an-nhon-an-dinh.yml")
    assert new_files(content) == set()


@pytest.mark.parametrize("step", ["_write_temp", "replace"])
def test_interrupted_import_leaves_nothing(content, tmp_path, monkeypatch, step):
    """Ctrl+C after the first file (while writing, or while moving into place): no report, no
    temporary file is left."""
    calls = []
    real = visits._write_temp if step == "_write_temp" else visits.os.replace

    def interrupted(*args):
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args)
    if step == "_write_temp":
        monkeypatch.setattr(visits, "_write_temp", interrupted)
    else:
        monkeypatch.setattr(visits.os, "replace", interrupted)
    plan = visits.plan(xlsx(tmp_path / "a.xlsx", fifty()[:5]), content, TODAY)
    with pytest.raises(KeyboardInterrupt):
        plan.write()
    assert new_files(content) == set()
    assert not (content / "visits" / "2024").exists()  # nor an empty month folder


# ---- the command, as a clerk runs it ----------------------------------------------------

def test_command_end_to_end(content, tmp_path):
    source = write_csv(tmp_path / "bao-cao.csv", fifty()[:2])
    done = subprocess.run([sys.executable, "-m", "scripts", "import", "visits", str(source),
                           "--content", str(content), "--today", "2026-11-23"],
                          cwd=ROOT, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (f"Đã ghi 2 báo cáo mới vào {content.as_posix()}/visits. Hãy chạy "
                           "python -m scripts check để kiểm tra.\n")
    assert len(new_files(content)) == 2
    done = subprocess.run([sys.executable, "-m", "scripts", "import", "visits", "--help"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "Kiến nghị" in done.stdout and "--partial" in done.stdout
