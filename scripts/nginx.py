"""Run the published site locally with Debian's nginx and deploy/nginx.conf, as it will run on
the intranet: for the browser tests and the search benchmark.

The configuration file is used as written; only the ports, the web roots, the users file and the
security-header snippets are changed, and a third server publishes a build under a sub-path.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, process: subprocess.Popen, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"nginx exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)  # the port is coming up
    raise RuntimeError("nginx did not start")


def _snippet(tmp: Path, site: Path, name: str) -> Path:
    """The build's security headers, as `python -m scripts csp` writes them for nginx."""
    from .secure import nginx_headers, site_policy
    path = tmp / f"{name}-csp.conf"
    content = site_policy(site)
    path.write_text(nginx_headers(content) if content else "", encoding="utf-8")
    return path


def config(tmp: Path, www: Path, ports: dict[str, int], users: Path) -> str:
    """deploy/nginx.conf with each server on its own port of this machine (two ports are two
    origins, as two host names are on the intranet), plus a server publishing the public build
    under a sub-path (`www/sub/bantin/`), which the site supports too."""
    server = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    for name in ("bantin-noibo", "bantin"):  # the longer name first: it contains the other
        server = server.replace(f"server_name {name}.intranet.local;",
                                f"server_name {name}.test;")
        server = server.replace(f"root /srv/www/{name};", f"root {www / name};")
        server = server.replace(f"/etc/nginx/snippets/{name}-csp.conf",
                                str(_snippet(tmp, www / name, name)))
    public, restricted = server.split("# Restricted build.")
    server = (public.replace("listen 80;", f"listen 127.0.0.1:{ports['public']};")
              + "# Restricted build." + restricted.replace(
                  "listen 80;", f"listen 127.0.0.1:{ports['restricted']};"))
    server = server.replace("/etc/nginx/snippets/bantin-bien-tap-csp.conf", str(
        _snippet(tmp, www / "bantin-noibo" / "bien-tap", "bien-tap")))
    server = server.replace("/etc/nginx/bantin.htpasswd", str(users))
    temp = "\n".join(f"    {name}_temp_path {tmp / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read 0700 temp folders
    sub_headers = _snippet(tmp, www / "sub" / "bantin", "sub")
    # a restricted build published there has its editor, under its own policy
    sub_editor_headers = _snippet(tmp, www / "sub" / "bantin" / "bien-tap", "sub-bien-tap")
    return f"""{user}daemon off;
worker_processes 1;
pid {tmp / 'nginx.pid'};
error_log {tmp / 'error.log'};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp}
{server}
    # The public build again, published under a sub-path of another address.
    server {{
        listen 127.0.0.1:{ports['sub']};
        root {www / 'sub'};
        index index.html;
        absolute_redirect off;
        error_page 404 /bantin/404.html;
        location /bantin/ {{
            include {sub_headers};
        }}
        location ^~ /bantin/bien-tap/ {{
            include {sub_editor_headers};
        }}
    }}
}}
"""


@contextmanager
def running(tmp: Path, www: Path, users: Path, ports: dict[str, int]):
    """nginx serving `www/bantin` and `www/bantin-noibo` (password) each on its own port, and
    `www/sub/bantin` under the sub-path /bantin/ of a third."""
    (tmp / "nginx.conf").write_text(config(tmp, www, ports, users), encoding="utf-8")
    process = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                               stderr=subprocess.PIPE)
    try:
        for port in ports.values():
            _wait_for_port(port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
