"""Bulletin issues (bản tin), newest first, each with its featured stories."""
from __future__ import annotations

from .. import model as m
from .bodies import HeadingIds, body_parts
from .common import Ctx, bulletin_path, fmt_date, newest_first, story_path
from .html import html_page, render
from .search import KIND_BULLETIN, record_block

INDEX = "bulletins/index.md"


def render_bulletin(ctx: Ctx, bulletin: m.Bulletin, older: m.Bulletin | None = None,
                    newer: m.Bulletin | None = None) -> str:
    """One issue, with the issues before and after it (by date) to move between them."""
    here = bulletin_path(bulletin)
    parts = body_parts(bulletin.body.strip(), here) if bulletin.body.strip() else []
    featured = [ctx.index.get("story", s) for s in bulletin.featured]
    return html_page(bulletin.title, render(
        "bulletin.html", here, b=bulletin, index=INDEX, parts=parts, ids=HeadingIds(parts),
        record=record_block(ctx, KIND_BULLETIN, year=bulletin.date.year,
                            when=fmt_date(bulletin.date)),
        featured=[(s, story_path(s)) for s in featured],
        older=(older.title, bulletin_path(older)) if older else None,
        newer=(newer.title, bulletin_path(newer)) if newer else None))


def render_index(ctx: Ctx) -> str:
    title = "Bản tin"
    return html_page(title, render(
        "bulletins_index.html", INDEX, title=title, ids=HeadingIds(),
        bulletins=[(b, bulletin_path(b)) for b in newest_first(ctx.content.bulletins)]))


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    issues = sorted(ctx.content.bulletins, key=lambda b: (b.date, b.number, b.id))
    for i, bulletin in enumerate(issues):
        pages[bulletin_path(bulletin)] = render_bulletin(
            ctx, bulletin, issues[i - 1] if i else None,
            issues[i + 1] if i + 1 < len(issues) else None)
    return pages
