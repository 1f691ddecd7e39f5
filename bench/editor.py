"""The browser editor on a large content folder: how long the reports' list and a new report's
form take to open, in Chromium, on the local back end (`./dev edit`).

    .venv/bin/python -m bench.editor                 # 10,000 reports
    .venv/bin/python -m bench.editor --visits 60000  # a province

Generates the content (`python -m scripts sample`), builds the sample's restricted site for the
editor's page (the page is the same whatever the content), serves both as `edit` does, signs
in and times each view from the address to its first entry (median of three; the first opening
is printed apart: the browser then parses every report once).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _timed(page, url: str, shown) -> float:
    started = time.monotonic()
    page.goto(url)
    shown().wait_for(timeout=600_000)
    return time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visits", type=int, default=10_000)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from scripts.build import build_site
    from scripts.editor.server import make_server
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, "-m", "scripts", "sample", "--visits", str(args.visits),
                        "--units", str(max(100, args.visits // 60)), "--out",
                        str(tmp / "repo" / "content")], check=True, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        build_site(ROOT / "content", audience="restricted", out=tmp / "site", today=date.today(),
                   work=tmp / "work", log=lambda *_: None)
        server = make_server(tmp / "site", tmp / "repo", date.today())
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/bien-tap/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(base)
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Bộ sưu tập").first.wait_for()
            entry = lambda: page.locator('a[href*="/entries/"]').first  # noqa: E731
            form = lambda: page.get_by_text("Ngày xuống địa bàn").first  # noqa: E731
            lists, forms = [], []
            for _ in range(4):
                page.goto(base + "#/collections/trang")  # away, so that the list is drawn again
                lists.append(_timed(page, base + "#/collections/bao-cao", entry))
                forms.append(_timed(page, base + "#/collections/bao-cao/new", form))
            browser.close()
        server.shutdown()
        first, save = _save_times(tmp / "repo")
    print(f"{args.visits} báo cáo: danh sách mở lần đầu {lists[0]:.1f} s, các lần sau "
          f"{statistics.median(lists[1:]):.1f} s; mẫu báo cáo mới "
          f"{statistics.median(forms[1:]):.1f} s; đọc nội dung lần đầu {first:.1f} s, "
          f"lưu một báo cáo {save:.2f} s")
    return 0


def _save_times(root: Path) -> tuple[float, float]:
    """Seconds of the first reading of the content, and of a save (written, checked) after."""
    from scripts.editor.local_api import LocalRepo
    repo = LocalRepo(root, date.today())
    started = time.monotonic()
    repo.warm()
    first = time.monotonic() - started
    report = max((root / "content" / "visits").rglob("*.yml"))
    rel = report.relative_to(root).as_posix()
    times = []
    for number in range(3):
        started = time.monotonic()
        repo.persist([{"path": rel, "raw": report.read_text(encoding="utf-8") + f"# {number}\n"}])
        times.append(time.monotonic() - started)
    return first, statistics.median(times)


if __name__ == "__main__":
    raise SystemExit(main())
