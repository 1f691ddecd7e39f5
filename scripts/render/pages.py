"""Hand-written pages, under pages/, with a listing: each page's own title and description,
then its body, rendered and cleaned like every editor's body."""
from __future__ import annotations

from .. import model as m
from ..text import sort_key
from .bodies import HeadingIds, body_parts
from .common import Ctx
from .html import html_page, render
from .search import KIND_PAGE, record_block

INDEX = "pages/index.md"


def render_page(ctx: Ctx, page: m.Page) -> str:
    here = f"pages/{page.path}"
    parts = body_parts(page.body, here)
    return html_page(page.title, render("page.html", here, parts=parts, ids=HeadingIds(parts),
                                        record=record_block(ctx, KIND_PAGE)),
                     description=getattr(page, "description", None))


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {f"pages/{page.path}": render_page(ctx, page) for page in ctx.content.pages}
    if INDEX not in pages:
        listed = sorted(ctx.content.pages, key=lambda p: sort_key(p.title))
        title = "Giới thiệu, hướng dẫn"
        pages[INDEX] = html_page(title, render(
            "pages_index.html", INDEX, title=title, ids=HeadingIds(),
            listed=[(p, f"pages/{p.path}") for p in listed]))
    return pages
