"""A story page's first visit on a slow link: bytes on the wire, requests and first paint.

    .venv/bin/python -m bench.slow_link             # the sample's heaviest story page
    .venv/bin/python -m bench.slow_link --runs 5

The public build of the sample content is published with nginx and deploy/nginx.conf (the
build's .gz copies sent by gzip_static), and opened in a fresh Chromium profile (nothing cached)
throttled as a slow 3G link: 400 ms of latency, 400 kbit/s each way. Of all the sample's story
pages, the one whose HTML is largest is measured. Everything the visit downloads counts, the
icon and the service worker included, headers too. Targets: at most 80 KB compressed and 12
requests; the first paint is reported.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
from datetime import date
from pathlib import Path

from scripts.build import build_site

from .search import FLAGS, published

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 23)
SLOW_3G = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
           "uploadThroughput": 400_000 / 8}
TARGETS = {"bytes": 80 * 1000, "requests": 12}


def heaviest_story(site: Path) -> str:
    pages = sorted(site.glob("stories/*/index.html"), key=lambda p: p.stat().st_size)
    return pages[-1].parent.relative_to(site).as_posix() + "/"


def visit(browser, url: str) -> dict:
    """One first visit: everything that crossed the wire until the network fell quiet (the
    icon and the service worker, asked for after the load event, included), and when the page
    first painted."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    sizes: dict[str, float] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent",
           lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished",
           lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    paint = page.evaluate("""() => Object.fromEntries(performance.getEntriesByType('paint')
        .map((p) => [p.name, p.startTime]))""")
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
    context.close()
    return {"bytes": sum(sizes.values()), "requests": len(urls),
            "first_paint": paint.get("first-paint"),
            "first_contentful_paint": paint.get("first-contentful-paint"), "load": load,
            "files": sorted((urls[i].split("/", 3)[-1], round(sizes.get(i, 0)))
                            for i in urls)}


def measure(runs: int) -> tuple[str, list[dict]]:
    from playwright.sync_api import sync_playwright
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(ROOT / "content", audience="public", out=Path(tmp) / "site",
                          today=TODAY, work=Path(tmp) / "work", log=lambda *_: None)
        path = heaviest_story(site)
        with published(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=FLAGS)
            results = [visit(browser, base + path) for _ in range(runs)]
            browser.close()
            worker = worker_size(base)
    for result in results:  # fetched by the worker's own context, which the page's log misses
        result["bytes"] += worker
        result["requests"] += 1
        result["files"].append(("sw.js", worker))
    return path, results


def worker_size(base: str) -> int:
    """The service worker's script on the wire: its status line and headers, and its body as
    gzip_static sends it."""
    import urllib.request
    request = urllib.request.Request(base + "sw.js", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        head = f"HTTP/1.1 {response.status} {response.reason}\r\n{response.headers}"
        return len(head.encode()) + len(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    path, results = measure(args.runs)
    first = results[0]
    print(f"Trang: {path} (mạng 3G chậm: trễ 400 ms, 400 kbit/s; bộ nhớ đệm trống; "
          f"rộng 390 px)")
    for name, size in first["files"]:
        print(f"  {size:>8,} B  {name}")
    median = {key: statistics.median(r[key] for r in results)
              for key in ("bytes", "requests", "first_paint", "first_contentful_paint", "load")}
    print(f"Tổng: {median['bytes'] / 1000:.1f} KB qua mạng (mục tiêu ≤ "
          f"{TARGETS['bytes'] / 1000:.0f} KB), {median['requests']:.0f} yêu cầu (mục tiêu ≤ "
          f"{TARGETS['requests']})")
    print(f"Vẽ lần đầu: {median['first_paint'] / 1000:.2f} s; nội dung đầu tiên: "
          f"{median['first_contentful_paint'] / 1000:.2f} s; tải xong: "
          f"{median['load'] / 1000:.2f} s (trung vị của {len(results)} lần)")


if __name__ == "__main__":
    main()
