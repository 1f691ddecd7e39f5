"""An Atom feed of bulletins and stories, newest first, for feed readers on the intranet."""
from __future__ import annotations

from datetime import datetime, time, timezone
from xml.sax.saxutils import escape, quoteattr

from ..text import slugify
from .common import Ctx, bulletin_path, story_path

FEED = "feed.xml"
LIMIT = 30


def _url(ctx: Ctx, docs_path: str) -> str:
    """The page's address: absolute when site.yml gives `url`, else relative to the feed."""
    page = docs_path.removesuffix("index.md") if docs_path.endswith("index.md") \
        else docs_path.removesuffix(".md") + "/"
    base = (ctx.content.site.url or "").rstrip("/")
    return f"{base}/{page}" if base else page


def _id(ctx: Ctx, docs_path: str) -> str:
    """Atom ids must be absolute IRIs; without a site address, a stable URN serves."""
    if ctx.content.site.url:
        return _url(ctx, docs_path)
    return f"urn:{slugify(ctx.content.site.title)}:{docs_path.removesuffix('.md')}"


def _stamp(day) -> str:
    return datetime.combine(day, time(0, 0), tzinfo=timezone.utc).isoformat()


def render_feed(ctx: Ctx) -> str:
    site = ctx.content.site
    entries = [(b.date, b.title, bulletin_path(b), f"Bản tin số {b.number}")
               for b in ctx.content.bulletins]
    entries += [(s.date, s.title, story_path(s), s.summary) for s in ctx.content.stories]
    entries.sort(key=lambda e: (e[0], e[2]), reverse=True)
    entries = entries[:LIMIT]
    updated = _stamp(entries[0][0]) if entries else _stamp(ctx.today)
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
             f"  <title>{escape(site.title)}</title>",
             f"  <subtitle>{escape(site.description or site.organization)}</subtitle>",
             f"  <id>{escape(_id(ctx, 'index.md'))}</id>",
             f"  <link rel=\"alternate\" href={quoteattr(_url(ctx, 'index.md') or './')}/>",
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(site.organization)}</name></author>"]
    for day, title, path, summary in entries:
        url = _url(ctx, path)
        lines += ["  <entry>", f"    <title>{escape(title)}</title>",
                  f"    <link rel=\"alternate\" href={quoteattr(url)}/>",
                  f"    <id>{escape(_id(ctx, path))}</id>", f"    <updated>{_stamp(day)}</updated>",
                  f"    <summary>{escape(summary)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    return {FEED: render_feed(ctx)}
