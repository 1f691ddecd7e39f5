"""Browser tests: the sample site built, published by a real nginx with deploy/nginx.conf (paths
and port changed), and read by Debian's Chromium driven by Playwright. No request may leave
this machine: any other host is blocked and recorded as a failure."""
from __future__ import annotations

import base64
import hashlib

import pytest

from scripts import nginx
from scripts.build import build_site

from ..conftest import ROOT, TODAY

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
USER, PASSWORD = "bientap", "mat-khau-thu"


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """Both builds of the sample content behind nginx; yields the base URLs."""
    tmp = tmp_path_factory.mktemp("published")
    www = tmp / "www"
    ports = {name: nginx.free_port() for name in ("public", "restricted", "sub")}
    urls = {"public": f"http://127.0.0.1:{ports['public']}/",
            "restricted": f"http://127.0.0.1:{ports['restricted']}/",
            "sub": f"http://127.0.0.1:{ports['sub']}/bantin/"}
    for name, audience, folder in (("public", "public", "bantin"),
                                   ("restricted", "restricted", "bantin-noibo"),
                                   ("sub", "public", "sub/bantin")):
        build_site(ROOT / "content", audience=audience, out=www / folder, today=TODAY,
                   work=tmp / "work", site_url=urls[name], log=lambda *_: None)
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (tmp / "htpasswd").write_text(f"{USER}:{{SHA}}{digest}\n", encoding="utf-8")
    with nginx.running(tmp, www, tmp / "htpasswd", ports):
        yield {**urls, "www": www}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


class Offsite:
    """Requests to any host but this machine: blocked, and kept to fail the test."""

    def __init__(self):
        self.requests: list[str] = []

    def route(self, route):
        host = route.request.url.split("/")[2] if "://" in route.request.url else ""
        if host.split(":")[0] in ("127.0.0.1", "localhost") or route.request.url.startswith(
                ("data:", "blob:")):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()


@pytest.fixture
def offsite():
    return Offsite()


@pytest.fixture
def page(browser, offsite):
    context = browser.new_context(http_credentials={"username": USER, "password": PASSWORD})
    context.route("**/*", offsite.route)
    page = context.new_page()
    yield page
    context.close()
    assert offsite.requests == [], "the page tried to reach the internet"
