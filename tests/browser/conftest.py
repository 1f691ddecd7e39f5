"""Browser tests: the sample site built, published by a real nginx with deploy/nginx.conf (paths
and port changed), and read by Debian's Chromium driven by Playwright. No request may leave
this machine: any other host is blocked and recorded as a failure."""
from __future__ import annotations

import base64
import hashlib
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from scripts.build import build_site

from ..conftest import ROOT, TODAY

CHROMIUM = "/usr/bin/chromium"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
USER, PASSWORD = "bientap", "mat-khau-thu"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)  # polling a port that is coming up, not waiting for a result
    raise RuntimeError("nginx did not start")


def nginx_conf(tmp: Path, www: Path, port: int, root_port: int) -> str:
    server = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/www;", f"root {www};")
    server = server.replace("/etc/nginx/bantin.htpasswd", str(tmp / "htpasswd"))
    temp = "\n".join(f"    {name}_temp_path {tmp / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read pytest's 0700 folders
    return f"""{user}daemon off;
worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp / 'access.log'};
{temp}
{server}
    # The same public build served from the root of another address.
    server {{
        listen 127.0.0.1:{root_port};
        root {www / 'root'};
        index index.html;
        error_page 404 /404.html;
    }}
}}
"""


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """Both builds of the sample content behind nginx; yields the base URLs."""
    tmp = tmp_path_factory.mktemp("published")
    www = tmp / "www"
    port, root_port = free_port(), free_port()
    urls = {"public": f"http://127.0.0.1:{port}/bantin/",
            "restricted": f"http://127.0.0.1:{port}/bantin-noibo/",
            "root": f"http://127.0.0.1:{root_port}/"}
    for name, audience, folder in (("public", "public", "bantin"),
                                   ("restricted", "restricted", "bantin-noibo"),
                                   ("root", "public", "root")):
        build_site(ROOT / "content", audience=audience, out=www / folder, today=TODAY,
                   work=tmp / "work", site_url=urls[name], log=lambda *_: None)
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (tmp / "htpasswd").write_text(f"{USER}:{{SHA}}{digest}\n", encoding="utf-8")
    (tmp / "nginx.conf").write_text(nginx_conf(tmp, www, port, root_port), encoding="utf-8")
    process = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                               stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process)
        wait_for_port(root_port, process)
        yield {**urls, "www": www}
    finally:
        process.terminate()
        process.wait(timeout=10)


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
