"""The build benchmark: generated trees of 1,000 / 10,000 / 60,000 visit reports, measured for
`check`, the full build (validate, generate, MkDocs, Pagefind), peak memory, output size,
per-page HTML size, and the rebuild after one story changes while serving. Beside them, the
reference figures of plain pages with MkDocs + Material and with Hugo, in the same run.

    .venv/bin/python -m bench.run                     # everything; writes BENCHMARKS.md
    .venv/bin/python -m bench.run --sizes 1000        # a quick look
    .venv/bin/python -m bench.run --no-reference      # without the plain-page references

Each command runs in its own process under GNU time, so memory is the command's own peak.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from scripts.sample import Sizes, generate

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TODAY = "2026-11-23"
TARGETS = {"check": "< 15 s (60.000 báo cáo)", "build": "< 3 phút", "memory": "< 2 GB",
           "output": "< 1 GB", "rebuild": "< 5 s"}


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of a command."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *command], cwd=cwd,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    peak_kb = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kb * 1024


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def median_size(pages: list[Path]) -> int:
    return int(statistics.median(p.stat().st_size for p in pages)) if pages else 0


REBUILD = """
import sys, time
from datetime import date
from pathlib import Path
from scripts.build import Regenerator, CONFIG
from mkdocs.config import load_config
from mkdocs.commands.build import build
content, work, site = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
regenerator = Regenerator(content, "restricted", date.fromisoformat(sys.argv[4]), work)
regenerator.run()  # as `serve` does when it starts
story = sorted((content / "stories").rglob("*.md"))[0]
story.write_text(story.read_text(encoding="utf-8").replace("Chi bộ chọn", "Chi bộ đã chọn", 1),
                 encoding="utf-8")
# one story saved: regenerate what shows it, and let MkDocs rebuild what changed (dirty)
started = time.perf_counter()
result = regenerator.run({story})
config = load_config(str(CONFIG), docs_dir=str(work / "restricted" / "docs"),
                     site_dir=str(site), strict=False)
build(config, dirty=True)
print(f"{time.perf_counter() - started:.2f} {result.stats.written}")
"""


def measure_tree(visits: int, tmp: Path) -> dict:
    sizes = Sizes(units=1000, visits=visits, stories=500, bulletins=60, seed=1)
    content, work, site = tmp / f"content-{visits}", tmp / f"work-{visits}", tmp / f"site-{visits}"
    generate(content, sizes, log=None)
    check_s, check_mem = timed([PY, "-m", "scripts", "check", "--content", str(content),
                                "--today", TODAY])
    build_s, build_mem = timed([PY, "-c", BUILD, str(content), str(work), str(site), TODAY])
    pages = sum(1 for _ in site.rglob("index.html"))
    out = subprocess.run([PY, "-c", REBUILD, str(content), str(work), str(site), TODAY],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    rebuild_s, written = out.stdout.split()
    return {"visits": visits, "check": check_s, "check_mem": check_mem, "build": build_s,
            "build_mem": build_mem, "pages": pages, "output": folder_size(site),
            "story_page": median_size(list(site.glob("stories/*/index.html"))),
            "unit_page": median_size(list(site.glob("localities/*/index.html"))),
            "visit_page": median_size(list(site.glob("visits/*/*/index.html"))),
            "rebuild": float(rebuild_s), "rewritten": int(written)}


BUILD = """
import sys
from datetime import date
from pathlib import Path
from scripts.build import build_site
build_site(Path(sys.argv[1]), audience="restricted", out=Path(sys.argv[3]),
           today=date.fromisoformat(sys.argv[4]), work=Path(sys.argv[2]), log=lambda *_: None)
"""


def plain_pages(folder: Path, count: int) -> None:
    text = "\n\n".join(["Đoạn văn mẫu về sinh hoạt chi bộ và công tác theo dõi, hỗ trợ cơ sở."] * 8)
    for i in range(count):
        page = folder / f"p{i // 500}" / f"trang-{i}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# Trang {i}\n\n{text}\n", encoding="utf-8")


def reference(tmp: Path, count: int = 10000) -> dict:
    """10,000 plain pages: MkDocs + Material with a small navigation, and Hugo."""
    docs = tmp / "plain" / "docs"
    plain_pages(docs, count)
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (tmp / "plain" / "mkdocs.yml").write_text(
        "site_name: Thử\ntheme:\n  name: material\n  font: false\nnav:\n  - index.md\n"
        "plugins: []\n", encoding="utf-8")
    out = {}
    out["mkdocs"], _ = timed([PY, "-m", "mkdocs", "build", "-q", "-f",
                              str(tmp / "plain" / "mkdocs.yml")])
    hugo = shutil.which("hugo")
    if hugo:
        site = tmp / "hugo"
        (site / "layouts" / "_default").mkdir(parents=True)
        for name in ("single", "list"):
            (site / "layouts" / "_default" / f"{name}.html").write_text(
                "<html><body>{{ .Title }}{{ .Content }}</body></html>", encoding="utf-8")
        (site / "hugo.toml").write_text('title = "Thử"\n', encoding="utf-8")
        shutil.copytree(docs, site / "content")
        out["hugo"], _ = timed([hugo, "--quiet", "-s", str(site)])
    return out


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} nhân ({cpu}), {memory:.0f} GiB bộ nhớ, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def mb(value: int) -> str:
    return f"{value / 2**20:,.0f} MB"


def table(rows: list[dict], ref: dict) -> str:
    lines = ["| báo cáo | check | dựng toàn bộ | bộ nhớ đỉnh | trang | kích thước | trang bài "
             "| trang địa bàn | trang báo cáo | dựng lại sau khi sửa 1 bài |",
             "|" + " --- |" * 10]
    for r in rows:
        lines.append(
            f"| {r['visits']:,} | {r['check']:.1f} s | {r['build']:.0f} s | "
            f"{mb(r['build_mem'])} | {r['pages']:,} | {mb(r['output'])} | "
            f"{r['story_page'] / 1024:.0f} KB | {r['unit_page'] / 1024:.0f} KB | "
            f"{r['visit_page'] / 1024:.0f} KB | {r['rebuild']:.1f} s ({r['rewritten']} tệp) |")
    if ref:
        lines += ["", "Tham chiếu, cùng lần chạy: 10.000 trang thuần "
                  + ", ".join(f"{k}: {v:.1f} s" for k, v in
                              (("MkDocs + Material, mục lục nhỏ", ref.get("mkdocs")),
                               ("Hugo", ref.get("hugo"))) if v is not None) + "."]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,60000")
    parser.add_argument("--no-reference", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="do not write BENCHMARKS.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for visits in (int(v) for v in args.sizes.split(",")):
            print(f"… {visits:,} báo cáo", flush=True)
            rows.append(measure_tree(visits, tmp))
        ref = {} if args.no_reference else reference(tmp)
    report = "\n".join([
        "# Benchmarks", "",
        f"Đo ngày {date.today():%d/%m/%Y} trên máy: {machine()}.", "",
        "Cây nội dung sinh bởi `python -m scripts sample --units 1000` (500 bài, 60 bản tin; số "
        "báo cáo như cột đầu), dựng bản nội bộ (mọi bản ghi). Chạy lại: "
        "`.venv/bin/python -m bench.run`.", "",
        table(rows, ref), "",
        "Mục tiêu: " + "; ".join(f"{k} {v}" for k, v in TARGETS.items()) + ".", ""])
    print(report)
    if not args.no_write:
        (ROOT / "BENCHMARKS.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
