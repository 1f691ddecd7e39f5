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
MAX_BODY = 64 * 1024 * 1024  # a picture of a few megabytes, in base64, with room to spare

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/yaml", ".yml")


class _Handler(SimpleHTTPRequestHandler):
    repo: LocalRepo
    lock: threading.Lock

    def log_message(self, *args):  # the terminal is for what the editor must know
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

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
            with self.lock:  # one write at a time: a check sees the files of one save
                answer, status = self.repo.handle(body), 200
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
    daemon_threads = True

    def handle_error(self, request, client_address):
        # a page left while its answer was on the way: nothing went wrong, nothing to say
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


def make_server(site: Path, root: Path, today: date, port: int = 0) -> ThreadingHTTPServer:
    """A server (not yet started) publishing `site` and editing `root`/content/."""
    handler = type("Handler", (_Handler,), {"repo": LocalRepo(root, today),
                                            "lock": threading.Lock()})

    def warm():
        with handler.lock:
            handler.repo.warm()
    threading.Thread(target=warm, daemon=True).start()
    # the site folder is a link to the version being served: followed at each request
    return _Server(("127.0.0.1", port), partial(handler, directory=os.fspath(site)))
