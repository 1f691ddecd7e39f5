"""`python -m scripts edit`: the restricted build and the editor's local back end on one address
of this machine, so that an editor working alone edits the working copy from the browser.

One address for both (not decap-server on a port of its own): the editor's page then asks
nothing of another origin, and its policy allows no other. The back end answers only requests
made from that page: JSON posted to /api/v1 with this server's own address as Host (and as
Origin when the browser sends one), so that no other site open in the browser can write here.
"""
from __future__ import annotations

import json
import mimetypes
import os
import sys
import threading
from datetime import date
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .. import messages as msg
from ..output import os_error_message
from .local_api import ApiError, LocalRepo

API = "/api/v1"
STORIES = "/bien-tap/bai-viet.json"
MAX_BODY = 64 * 1024 * 1024  # a picture of a few megabytes, in base64, with room to spare

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/yaml", ".yml")


class _Handler(SimpleHTTPRequestHandler):
    def log_message(self, *args):  # the terminal is for what the editor must know
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def do_GET(self):
        # where each story is, as the content is now, not as the last build saw it: a story
        # written in this session is offered by the pickers at once
        if self.path.split("?", 1)[0] == STORIES:
            data = self.server.repo.stories.encode("utf-8")
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        super().do_GET()

    def _ours(self) -> bool:
        host = self.headers.get("Host", "")
        own = {f"127.0.0.1:{self.server.server_port}", f"localhost:{self.server.server_port}"}
        origin = self.headers.get("Origin")
        return host in own and (origin is None or origin.split("://", 1)[-1] in own)

    def do_POST(self):
        if self.path.split("?", 1)[0] != API:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if (not self._ours() or length > MAX_BODY or not self.headers.get(
                "Content-Type", "").startswith("application/json")):
            self.send_error(HTTPStatus.FORBIDDEN)
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            with self.server.lock:  # one write at a time: a check sees one save's files
                answer, status = self.server.repo.handle(body), 200
        except ApiError as err:
            answer, status = {"error": str(err)}, err.status
        except OSError as err:  # disk full, permissions: said in Vietnamese, nothing half-written
            answer, status = {"error": os_error_message(err)}, 500
        except (ValueError, KeyError, TypeError) as err:
            print(msg.editor_bad_request(f"{type(err).__name__}: {err}"), file=sys.stderr)
            answer, status = {"error": msg.EDITOR_BAD_REQUEST}, 422
        data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    """Serves the site's files and the editor's API over one working copy (`repo`), one save
    at a time (`lock`)."""

    daemon_threads = True

    def __init__(self, address, handler, repo: LocalRepo):
        super().__init__(address, handler)
        self.repo, self.lock = repo, threading.Lock()

    def handle_error(self, request, client_address):
        # a page left while its answer was on the way: nothing went wrong, nothing to say
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)

    def warm(self) -> None:
        with self.lock:
            self.repo.warm()


def make_server(site: Path, root: Path, today: date, port: int = 0) -> ThreadingHTTPServer:
    """A server (not yet started) publishing `site` and editing `root`/content/; it reads the
    content once in the background meanwhile."""
    # the site folder is a link to the version being served: followed at each request
    server = _Server(("127.0.0.1", port), partial(_Handler, directory=os.fspath(site)),
                     LocalRepo(root, today))
    threading.Thread(target=server.warm, daemon=True).start()
    return server
