"""Measure search on a built site in Chromium: bytes transferred and time to first result.

    .venv/bin/python -m bench.search                  # the sample site and a ~10,000-page one
    .venv/bin/python -m bench.search --pages-only     # only count the generated site's pages

For each site: build it (restricted audience, so that every record is indexed), publish it with
nginx and deploy/nginx.conf (gzip, as on the intranet), open the search page in a fresh browser,
type the query and wait for the first result; bytes are those on the wire. The first query is
cold (Pagefind's script, its WebAssembly and the page list load); the second is warm.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from scripts import nginx
from scripts.build import build_site
from scripts.sample import Sizes, generate

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
TODAY = date(2026, 11, 23)
LARGE = Sizes(units=3500, visits=20000, stories=1000, bulletins=60, seed=7)


@contextmanager
def published(site: Path):
    """The build behind nginx with deploy/nginx.conf (gzip, caching), as the public host."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "www").mkdir()
        (tmp / "www" / "bantin").symlink_to(site.resolve())
        (tmp / "www" / "bantin-noibo").mkdir()
        (tmp / "www" / "sub" / "bantin").mkdir(parents=True)
        (tmp / "users").write_text("", encoding="utf-8")
        ports = {name: nginx.free_port() for name in ("public", "restricted", "sub")}
        with nginx.running(tmp, tmp / "www", tmp / "users", ports):
            yield f"http://127.0.0.1:{ports['public']}/"


def measure(site: Path, queries: list[str], runs: int = 3) -> list[dict]:
    with published(site) as base:
        return _measure(base, queries, runs)


def _measure(base: str, queries: list[str], runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for run in range(runs):
            context = browser.new_context()  # a fresh cache: what a first visit costs
            page = context.new_page()
            page.goto(base + "search/")
            page.wait_for_selector("form.pf-form:not([hidden])")
            for query in queries:
                responses = []

                def record(response, responses=responses):
                    responses.append(response)
                page.on("response", record)
                page.evaluate("document.querySelector('[data-pf-page-results]').replaceChildren()")
                started = time.perf_counter()
                page.fill(".pf-form input[name=q]", query)
                page.press(".pf-form input[name=q]", "Enter")
                page.wait_for_selector("[data-pf-page-results] li")
                elapsed = time.perf_counter() - started
                page.wait_for_load_state("networkidle")
                page.remove_listener("response", record)
                sizes = [r.request.sizes()["responseBodySize"] for r in responses]
                kinds: dict[str, int] = {}
                for r, size in zip(responses, sizes):
                    kind = _kind(r.url)
                    kinds[kind] = kinds.get(kind, 0) + size
                rows.append({"query": query, "run": run, "seconds": elapsed,
                             "bytes": sum(sizes), "requests": len(sizes), "kinds": kinds})
            context.close()
        browser.close()
    return rows


def _kind(url: str) -> str:
    for part in ("fragment", "index", "filter", "wasm", "pf_meta", "entry", "pagefind.js",
                 "worker"):
        if part in url:
            return part
    return "khác"


def report(name: str, pages: int, rows: list[dict]) -> None:
    print(f"\n{name}: {pages} trang")
    print(f"{'truy vấn':<14}{'lần':>6}{'byte tải':>12}{'yêu cầu':>9}{'đến kết quả đầu':>18}")
    for query in dict.fromkeys(r["query"] for r in rows):
        mine = [r for r in rows if r["query"] == query]
        size = statistics.median(r["bytes"] for r in mine)
        requests = statistics.median(r["requests"] for r in mine)
        seconds = statistics.median(r["seconds"] for r in mine)
        print(f"{query:<14}{len(mine):>6}{size:>12,.0f}{requests:>9.0f}{seconds * 1000:>15.0f} ms")
        first = mine[0]["kinds"]
        print("    " + ", ".join(f"{k} {v:,}" for k, v in sorted(first.items(), key=lambda kv: -kv[1])))


def build(content: Path, out: Path, work: Path) -> int:
    build_site(content, audience="restricted", out=out, today=TODAY, work=work,
               log=lambda *_: None)
    return sum(1 for _ in out.rglob("index.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-only", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the built sites in this folder, and "
                        "reuse them when it already holds them")
    args = parser.parse_args()
    queries = ["chi bo", "dang vien"]  # cold first, then warm
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or Path(scratch)
        if not args.pages_only:
            pages = build(ROOT / "content", tmp / "sample", tmp / "work-sample")
            report("Trang mẫu (content/)", pages, measure(tmp / "sample", queries))
        if not (tmp / "large-content").exists():
            generate(tmp / "large-content", LARGE, log=None)
        if not (tmp / "large" / "index.html").exists():
            started = time.perf_counter()
            build(tmp / "large-content", tmp / "large", tmp / "work-large")
            print(f"\n(dựng trang lớn: {time.perf_counter() - started:.0f} s)")
        pages = sum(1 for _ in (tmp / "large").rglob("index.html"))
        if not args.pages_only:
            report("Trang sinh tự động", pages, measure(tmp / "large", queries))
        else:
            print(pages)


if __name__ == "__main__":
    main()
