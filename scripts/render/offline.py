"""The service worker that keeps pages a reader has opened (static/sw.js), in the public build
only: a restricted page must not stay on a shared phone after its reader has gone."""
from __future__ import annotations

from importlib.resources import files

from .common import Ctx

WORKER = "sw.js"
# read once, when the module loads: render functions themselves do no I/O
SOURCE = files(__package__).joinpath("static", WORKER).read_text(encoding="utf-8")


def render_all(ctx: Ctx) -> dict[str, str]:
    return {} if ctx.restricted else {WORKER: SOURCE}
