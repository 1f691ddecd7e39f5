"""The home page: newest bulletin, stories, and the latest month's figures."""
from __future__ import annotations

from .. import model as m
from ..text import md_text
from .common import (Ctx, bulletin_path, no_index, fmt_date, fmt_month, front_matter, heading, link,
                     newest_first, story_path)

HOME = "index.md"


def month_figures(ctx: Ctx) -> tuple[str, list[list[str]]] | None:
    """Figures for the latest month that has reports, so a quiet month still shows data."""
    dated = [v for v in ctx.content.visits if v.date <= ctx.today]
    if not dated:
        return None
    latest = max(v.date for v in dated)
    month = [v for v in dated if (v.date.year, v.date.month) == (latest.year, latest.month)]
    followed = {a.locality for a in ctx.content.assignments if a.active_on(latest)}
    open_count = sum(1 for v in ctx.content.visits for p in v.proposals
                     if p.status not in m.CLOSED_PROPOSAL)
    return fmt_month(latest), [
        ["Địa bàn có cán bộ theo dõi", str(len(followed))],
        ["Lượt xuống địa bàn trong tháng", str(len(month))],
        ["Địa bàn được đến trong tháng", str(len({v.locality for v in month}))],
        ["Kiến nghị chưa giải quyết xong", str(open_count)],
    ]


def render_home(ctx: Ctx) -> str:
    site = ctx.content.site
    parts = [front_matter(None, description=site.description), heading(1, site.title), ""]
    if site.description:
        parts += [md_text(site.description), ""]
    parts += ['<form class="record-filter pf-form" action="search/" role="search">'
              '<input type="search" name="q" aria-label="Từ cần tìm" required '
              'placeholder="Tìm bài, báo cáo, địa bàn, cán bộ: chi bo, dang vien…">'
              '<button type="submit" class="md-button md-button--primary">Tìm</button></form>', ""]
    listing: list[str] = []
    bulletins = newest_first(ctx.content.bulletins)
    if bulletins:
        latest = bulletins[0]
        listing += [heading(2, "Bản tin mới nhất"), "",
                  f"**{link(latest.title, HOME, bulletin_path(latest))}** — số {latest.number}, "
                  f"{fmt_date(latest.date)}.", ""]
        featured = [ctx.index.get("story", s) for s in latest.featured]
        if featured:
            listing += ["\n".join(f"- {link(s.title, HOME, story_path(s))}" for s in featured), ""]
    stories = newest_first(ctx.content.stories)[:5]
    if stories:
        listing += [heading(2, "Điển hình, cách làm hay mới"), ""]
        for story in stories:
            listing += [f"**{link(story.title, HOME, story_path(story))}**  ",
                      f"{fmt_date(story.date)} · {md_text(story.summary)}", ""]
        listing += [link("Xem tất cả bài", HOME, "stories/index.md"), ""]
    figures = month_figures(ctx)
    if figures:
        label, rows = figures
        listing += [heading(2, f"Số liệu {label}"), "",
                  "\n".join(f"- **{value}** {name.lower()}" for name, value in rows), "",
                  link("Xem kiến nghị", HOME, "proposals/index.md") + " · " +
                  link("Xem báo cáo theo tháng", HOME, "visits/index.md"), ""]
    parts += no_index(listing)
    return "\n".join(parts).rstrip() + "\n"


def render_all(ctx: Ctx) -> dict[str, str]:
    return {HOME: render_home(ctx)}
