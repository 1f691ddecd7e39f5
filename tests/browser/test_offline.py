"""Slow and broken links: the public build's pages open again without a connection (its
service worker keeps the pages read, within a bound), the restricted build keeps nothing, and
nginx sends the compressed copies the build wrote beside each page."""
from __future__ import annotations

import gzip
import re
import urllib.request

import pytest

from scripts.render.offline import SOURCE

from .conftest import PASSWORD, USER

STORY = "stories/an-dinh-chi-bo-tieu-bieu/"
MAX_PAGES = int(re.search(r"const MAX_PAGES = (\d+);", SOURCE).group(1))


@pytest.fixture
def reader(browser):
    """A fresh browser profile with service workers on and no request routing (a route would
    bypass the worker); every request is recorded to check that none leaves this machine."""
    context = browser.new_context(service_workers="allow")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    yield context
    context.close()
    elsewhere = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:"))]
    assert elsewhere == [], "the page tried to reach the internet"


def wait_for_worker(page):
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")


def cached_pages(page) -> list[str]:
    return page.evaluate("""async () => {
        const names = await caches.keys();
        const name = names.find((n) => n.startsWith("trang-"));
        if (!name) return [];
        return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
    }""")


def test_a_page_once_read_opens_again_without_a_connection(reader, published):
    page = reader.new_page()
    base = published["public"]
    page.goto(base)
    wait_for_worker(page)
    page.goto(base + STORY)  # through the worker now: kept
    title = page.inner_text("h1")
    reader.set_offline(True)
    page.goto(base + STORY)
    assert page.inner_text("h1") == title
    # its style sheets came from the worker's copies: the page is laid out, not bare text
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")
    # a page never read says so, in Vietnamese, with a way home
    response = page.goto(base + "topics/")
    assert response.status == 503
    assert page.inner_text("h1") == "Không có kết nối"
    assert page.get_by_role("link", name="Về trang chủ").count() == 1


def test_the_kept_pages_are_bounded_newest_kept(reader, published):
    page = reader.new_page()
    base = published["public"]
    page.goto(base)
    wait_for_worker(page)
    www = published["www"] / "bantin"
    paths = sorted(p.parent.relative_to(www).as_posix() + "/"
                   for p in www.glob("*/*/index.html"))[:MAX_PAGES + 5]
    assert len(paths) == MAX_PAGES + 5  # enough pages in the sample to pass the bound
    for path in paths:
        page.goto(base + path)
    page.wait_for_function(f"""async () => {{
        const name = (await caches.keys()).find((n) => n.startsWith("trang-"));
        const keys = name ? await (await caches.open(name)).keys() : [];
        return keys.some((r) => r.url.endsWith("{paths[-1]}"));
    }}""")
    kept = cached_pages(page)
    assert len(kept) == MAX_PAGES
    assert "/" + paths[-1] in kept and "/" + paths[0] not in kept


def test_the_restricted_build_keeps_nothing(browser, published):
    context = browser.new_context(service_workers="allow",
                                  http_credentials={"username": USER, "password": PASSWORD})
    try:
        page = context.new_page()
        page.goto(published["restricted"] + STORY)
        page.wait_for_load_state("load")
        assert page.locator("script[src*='offline.js']").count() == 0
        assert page.evaluate("navigator.serviceWorker.getRegistrations()"
                             ".then((r) => r.length)") == 0
        assert page.evaluate("caches.keys()") == []
    finally:
        context.close()
    assert not (published["www"] / "bantin-noibo" / "sw.js").exists()


def fetch(url: str, **headers) -> tuple[bytes, dict]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request) as response:
        return response.read(), dict(response.headers)


@pytest.mark.parametrize("path", [STORY + "index.html", "assets/stylesheets/site.css",
                                  "assets/javascripts/search.js"])
def test_nginx_sends_the_copy_compressed_by_the_build(published, path):
    file = published["www"] / "bantin" / path
    body, headers = fetch(published["public"] + path, **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    # the very bytes of the build's copy, with their length: nothing compressed on the fly
    assert body == file.with_name(file.name + ".gz").read_bytes()
    assert int(headers["Content-Length"]) == len(body)
    assert gzip.decompress(body) == file.read_bytes()
    plain, headers = fetch(published["public"] + path)
    assert "Content-Encoding" not in headers and plain == file.read_bytes()
