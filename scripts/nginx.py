"""Run the published site locally with Debian's nginx and deploy/nginx.conf, as it will run on
the intranet: for the browser tests and the search benchmark.

The configuration file is used as written; only the port, the web root and the users file are
changed, and a second server serves a build from the root of another port.
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


def config(tmp: Path, www: Path, port: int, root_port: int, users: Path) -> str:
    server = (ROOT / "deploy/nginx.conf").read_text(encoding="utf-8")
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/www;", f"root {www};")
    server = server.replace("/etc/nginx/bantin.htpasswd", str(users))
    temp = "\n".join(f"    {name}_temp_path {tmp / name};"
                     for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read 0700 temp folders
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
    # A build served from the root of another address.
    server {{
        listen 127.0.0.1:{root_port};
        root {www / 'root'};
        index index.html;
        error_page 404 /404.html;
        gzip on;
        gzip_types text/css application/javascript application/json image/svg+xml;
    }}
}}
"""


@contextmanager
def running(tmp: Path, www: Path, users: Path, port: int, root_port: int):
    """nginx serving `www/bantin`, `www/bantin-noibo` (password) and `www/root`."""
    (tmp / "nginx.conf").write_text(config(tmp, www, port, root_port, users), encoding="utf-8")
    process = subprocess.Popen([NGINX, "-c", str(tmp / "nginx.conf"), "-p", str(tmp)],
                               stderr=subprocess.PIPE)
    try:
        _wait_for_port(port, process)
        _wait_for_port(root_port, process)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)
