"""`import visits` on a 2,000-row workbook (target: under 10 s), timed as a clerk runs it.

    .venv/bin/python -m bench.import_visits            # 2,000 rows
    .venv/bin/python -m bench.import_visits --rows 5000

Copies the sample content into a temporary folder, writes a workbook of reports of 2024 by
cadres in the units they are assigned to (names written as people write them: without accents,
old tone placement, with the commune), runs the command in its own process and prints the
seconds; then again, when every report is already there.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from .import_units import _timed

ROOT = Path(__file__).resolve().parent.parent
HEADER = ["Ngày", "Cán bộ", "Địa bàn", "Hình thức", "Có mặt", "Tổng số đảng viên", "Chủ đề",
          "Tóm tắt", "Ưu điểm, kết quả", "Khó khăn", "Kiến nghị"]
# cadre and unit as a clerk writes them; each pair has an assignment all through 2024
PAIRS = [("Nguyễn Thị Lan", "Ấp An Định"), ("do van tuan", "An Lợi"),
         ("Bùi Thanh Tâm", "Ấp 1, Xã Quới Điền"), ("Lê Hoàng Phúc", "Khu vực 1, Phường Long Hoà"),
         ("Trần Thị Ngọc", "long-hoa-kv-2"), ("Châu Văn Lộc", "Ấp Thới Hoà"),
         ("Dương Thị Kim", "Ấp Đông Hoà")]


def write_book(path: Path, rows: int) -> None:
    import openpyxl
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Báo cáo")
    sheet.append(HEADER)
    for number in range(rows):
        cadre, unit = PAIRS[number % len(PAIRS)]
        day = date(2024, 1, 1) + timedelta(days=number // len(PAIRS))
        meeting = number % 3 == 0
        written = day if number % 2 else day.strftime("%d/%m/%Y")
        sheet.append([written, cadre, unit, "dự sinh hoạt chi bộ" if meeting else "làm việc",
                      28 if meeting else None, 32 if meeting else None,
                      "Nâng cao chất lượng sinh hoạt chi bộ; nong-thon-moi",
                      f"Báo cáo số {number}: chi bộ sinh hoạt đúng giờ.",
                      "Chi bộ họp đúng giờ\nĐảng viên đóng đảng phí đủ", "Kênh bồi lắng",
                      "Đề nghị nạo vét kênh | UBND xã | 30/12/2024"])
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000)
    args = parser.parse_args()
    if args.rows > 366 * len(PAIRS):
        sys.exit(f"at most {366 * len(PAIRS)} rows: one report a pair a day of 2024")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        shutil.copytree(ROOT / "content", work / "content")
        write_book(work / "bao-cao.xlsx", args.rows)
        command = [sys.executable, "-m", "scripts", "import", "visits", str(work / "bao-cao.xlsx"),
                   "--content", str(work / "content"), "--today", "2026-11-23"]
        for label in ("lần đầu", "nhập lại, không có gì mới"):
            seconds, output = _timed(command)
            print(output.splitlines()[-1])
            print(f"{args.rows} dòng, {label}: {seconds:.2f} giây (mục tiêu: dưới 10 giây)")


if __name__ == "__main__":
    main()
