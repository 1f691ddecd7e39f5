"""Hand-written pages: published as written, under pages/, with a listing."""
from __future__ import annotations

from ..text import sort_key
from .common import Ctx, front_matter, heading, link, no_index, rebase_media
from .search import KIND_PAGE, record_block

INDEX = "pages/index.md"


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {f"pages/{page.path}": rebase_media(page.body, f"pages/{page.path}").rstrip("\n")
             + "\n\n" + record_block(ctx, KIND_PAGE) + "\n" for page in ctx.content.pages}
    if INDEX not in pages:
        listed = sorted(ctx.content.pages, key=lambda p: sort_key(p.title))
        lines = [front_matter("Giới thiệu, hướng dẫn"), heading(1, "Giới thiệu, hướng dẫn"), ""]
        lines += no_index([f"- {link(p.title, INDEX, 'pages/' + p.path)}" for p in listed])
        pages[INDEX] = "\n".join(lines) + "\n"
    return pages
