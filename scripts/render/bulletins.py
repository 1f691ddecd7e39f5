"""Bulletin issues (bản tin), newest first, each with its featured stories."""
from __future__ import annotations

from .. import model as m
from ..text import md_text
from .common import (Ctx, body_markdown, bulletin_path, no_index, restricted_note, fmt_date, front_matter, heading, link, newest_first,
                     story_path, table)
from .search import KIND_BULLETIN, record_block

INDEX = "bulletins/index.md"


def render_bulletin(ctx: Ctx, bulletin: m.Bulletin) -> str:
    here = bulletin_path(bulletin)
    parts = [front_matter(bulletin.title), link("Bản tin", here, INDEX), "",
             heading(1, bulletin.title), "",
             record_block(ctx, KIND_BULLETIN, year=bulletin.date.year,
                          when=fmt_date(bulletin.date)), "",
             f"*Số {bulletin.number}, phát hành ngày {fmt_date(bulletin.date)}.*", "",
             *restricted_note(bulletin)]
    if bulletin.body.strip():
        parts += [body_markdown(bulletin.body.strip(), here), ""]
    featured = [ctx.index.get("story", s) for s in bulletin.featured]
    if featured:
        listing = [heading(2, "Bài nổi bật trong số này"), ""]
        for story in featured:
            listing += [f"**{link(story.title, here, story_path(story))}**  ",
                        md_text(story.summary), ""]
        parts += no_index(listing)
    return "\n".join(parts).rstrip() + "\n"


def render_index(ctx: Ctx) -> str:
    bulletins = newest_first(ctx.content.bulletins)
    parts = [front_matter("Bản tin"), heading(1, "Bản tin"), "",
             f"{len(bulletins)} số, mới nhất trước.", ""]
    if bulletins:
        parts += no_index([table(["Số", "Ngày", "Bản tin", "Bài nổi bật"], [
            [str(b.number), fmt_date(b.date), link(b.title, INDEX, bulletin_path(b)),
             str(len(b.featured))] for b in bulletins])])
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    pages = {INDEX: render_index(ctx)}
    for bulletin in ctx.content.bulletins:
        pages[bulletin_path(bulletin)] = render_bulletin(ctx, bulletin)
    return pages
