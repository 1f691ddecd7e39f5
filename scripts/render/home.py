"""The home page: newest bulletin, stories, and the latest month's figures."""
from __future__ import annotations

from .. import model as m
from .bodies import HeadingIds
from .common import Ctx, bulletin_path, fmt_month, newest_first, story_path
from .html import html_page, render
from .watch import home_block, sees_every_report

HOME = "index.md"


def month_figures(ctx: Ctx) -> tuple[str, list[list[str]]] | None:
    """Figures for the latest month that has reports, so a quiet month still shows data; none
    in a build that does not see every report (they would count a part as the whole)."""
    if not sees_every_report(ctx):
        return None
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
    bulletins = newest_first(ctx.content.bulletins)
    latest = bulletins[0] if bulletins else None
    featured = [ctx.index.get("story", s) for s in latest.featured] if latest else []
    watch = home_block(ctx)
    return html_page(None, render(
        "home.html", HOME, site=site, ids=HeadingIds(), latest=latest,
        latest_path=bulletin_path(latest) if latest else None,
        featured=[(s, story_path(s)) for s in featured],
        stories=[(s, story_path(s)) for s in newest_first(ctx.content.stories)[:5]],
        figures=None if watch else month_figures(ctx), watch=watch,
        withheld=not sees_every_report(ctx)), description=site.description)


def render_all(ctx: Ctx) -> dict[str, str]:
    return {HOME: render_home(ctx)}
