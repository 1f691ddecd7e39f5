"""`import units` on a 10,000-row list (target: under 10 s), timed as an editor runs it.

    .venv/bin/python -m bench.import_units            # 10,000 rows
    .venv/bin/python -m bench.import_units --rows 50000

Writes a generated CSV (one province, 100 communes a district, names that repeat so that ids
clash as in real lists) and a small content tree into a temporary folder, runs the command in
its own process and prints the seconds; then again, when every unit is already there.
"""
from __future__ import annotations

import argparse
import csv
import itertools
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SYLLABLES = ["An", "Bình", "Phú", "Thạnh", "Long", "Mỹ", "Tân", "Hòa", "Thuỷ", "Đông", "Quới",
             "Lộc", "Phước", "Hưng", "Trung", "Ch'ơm"]
SITE = """title: Thử nhập danh sách
organization: Ban Tổ chức
levels:
  - {id: province, label: Tỉnh}
  - {id: district, label: Huyện, end: 2025-06-30}
  - {id: commune, label: Xã}
  - {id: hamlet, label: Ấp}
"""
EXISTING = """- id: ben-tre
  name: Bến Tre
  type: Tỉnh
  level: province
  code: "83"
"""


def write_list(path: Path, rows: int) -> None:
    names = [" ".join(pair) for pair in itertools.permutations(SYLLABLES, 2)]
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Tỉnh / Thành Phố", "Mã TP", "Quận Huyện", "Mã QH", "Phường Xã",
                         "Mã PX", "Cấp"])
        for number in range(rows):
            district = number // 100
            kind = ("Xã", "Phường", "Thị trấn")[number % 3]
            commune = str(number % 20 + 1) if kind == "Phường" else names[number % len(names)]
            writer.writerow(["Tỉnh Bến Tre", "83", f"Huyện {names[district % len(names)]}",
                             f"{800 + district:03d}", f"{kind} {commune}", f"{number + 1:05d}",
                             kind])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "content" / "localities").mkdir(parents=True)
        (work / "content" / "site.yml").write_text(SITE, encoding="utf-8")
        (work / "content" / "localities" / "ben-tre.yml").write_text(EXISTING, encoding="utf-8")
        write_list(work / "don-vi.csv", args.rows)
        command = [sys.executable, "-m", "scripts", "import", "units", str(work / "don-vi.csv"),
                   "--province", "83", "--from", "2024-01-01", "--content", str(work / "content")]
        for label in ("lần đầu", "nhập lại, không có gì mới"):
            seconds, output = _timed(command)
            print(output)
            print(f"{args.rows} dòng, {label}: {seconds:.2f} giây (mục tiêu: dưới 10 giây)")


def _timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"import failed:\n{done.stdout}{done.stderr}")
    return seconds, done.stdout.strip()


if __name__ == "__main__":
    main()
